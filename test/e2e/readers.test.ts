/**
 * Every export read back by an independent reader: NetworkX 2.8's GEXF and GraphML readers
 * (Debian's python3-networkx) and Python's csv and json modules (scripts/e2e/read_exports.py).
 * Part of `npm run test:e2e`, which .ci/run runs after installing the Debian packages.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assignPartners, graphPositions, knowledgeFlow, loadNetwork, selectionEffects, toGEXF, toGraphML } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";

const network = await loadNetwork(EXAMPLE_FOLDER);
const flow = knowledgeFlow(network);
const plan = assignPartners(network);
const effects = selectionEffects(network, { baseline: network.periodIds[0] as string, endline: network.periodIds.at(-1) as string });
const folder = join(import.meta.dirname, "..", "..", ".tmp", "e2e-readers");
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, "network.gexf"), toGEXF(network, { flow, positions: graphPositions(network) }));
writeFileSync(join(folder, "network.graphml"), toGraphML(network, { flow, positions: graphPositions(network) }));
writeFileSync(join(folder, "plan.csv"), plan.toCSV());
writeFileSync(join(folder, "flow.csv"), flow.toCSV());
writeFileSync(join(folder, "effects.csv"), effects.toCSV());
writeFileSync(join(folder, "network.json"), JSON.stringify(network));

interface ReadGraph {
  directed: boolean;
  nodes: Record<string, Record<string, unknown>>;
  edges: [string, string, Record<string, unknown>][];
}
const read = JSON.parse(execFileSync("/usr/bin/python3", [join(import.meta.dirname, "..", "..", "scripts", "e2e", "read_exports.py"), folder], { encoding: "utf8" })) as {
  networkx: string;
  gexf: ReadGraph;
  graphml: ReadGraph;
  plan: Record<string, string>[];
  flow: Record<string, string>[];
  effects: Record<string, string>[];
  json: Record<string, number>;
};

const peers = network.peers;

describe.each(["gexf", "graphml"] as const)("NetworkX's %s reader", (format) => {
  it("finds every institution with its metrics, community and province, and every contact with its strength", () => {
    const graph = read[format];
    expect(graph.directed).toBe(true);
    expect(Object.keys(graph.nodes).sort()).toEqual(network.institutions.map((i) => i.id).sort());
    for (const row of flow.nodes) {
      const node = graph.nodes[row.id] as Record<string, unknown>;
      expect(node.group).toBe(row.group);
      expect(node.kind).toBe(row.kind);
      expect(Number(node.community)).toBe(row.community);
      expect(Math.abs(Number(node.pagerank) - row.pagerank)).toBeLessThanOrEqual(1e-15);
      expect(Math.abs(Number(node.betweenness) - row.betweenness)).toBeLessThanOrEqual(1e-15);
    }
    expect(graph.edges).toHaveLength(peers.size);
    const strength = new Map(peers.mapEdges((_e, a, s, t) => [`${s}>${t}`, a.weight]));
    for (const [source, target, data] of graph.edges) expect(Math.abs(Number(data.weight) - (strength.get(`${source}>${target}`) as number))).toBeLessThanOrEqual(1e-12);
  });
});

describe("other readers", () => {
  it("NetworkX's GEXF reader sees colours by province and positions", () => {
    const viz = Object.values(read.gexf.nodes).map((node) => node.viz as { color: { r: number; g: number; b: number }; position: { x: number; y: number } });
    expect(viz.every((v) => v !== undefined && v.position !== undefined && v.color !== undefined)).toBe(true);
    const colours = new Set(viz.map((v) => `${v.color.r},${v.color.g},${v.color.b}`));
    expect(colours.size).toBe(network.groups.length);
  });

  it("Python's csv reader gets every pair, every institution and every topic back, fields intact", () => {
    expect(read.plan).toHaveLength(plan.pairs.length + plan.uncovered.length);
    read.plan.slice(0, plan.pairs.length).forEach((row, i) => {
      const pair = plan.pairs[i];
      expect([row.mentee, row.topic, row.mentor, row.reason]).toEqual([pair?.mentee, pair?.topic, pair?.mentor, pair?.reason]);
    });
    expect(read.flow.map((row) => row.id)).toEqual(flow.nodes.map((row) => row.id));
    // CSV numbers carry 15 significant digits (core/csv.ts: the 16th and 17th are float noise).
    const digits15 = (value: number) => Number(value.toPrecision(15));
    expect(read.flow.map((row) => Number(row.pagerank))).toEqual(flow.nodes.map((row) => digits15(row.pagerank)));
    expect(read.effects.map((row) => row.topic)).toEqual(effects.estimates.map((e) => e.label));
    expect(read.effects.map((row) => Number(row.estimate))).toEqual(effects.estimates.map((e) => digits15(e.estimate)));
  });

  it("Python's json reader sees every table of the network", () => {
    expect(read.json).toEqual({
      institutions: network.institutions.length,
      topics: network.topics.length,
      periods: network.periods.length,
      scores: network.scores.length,
      interests: network.interests.length,
      partnerships: network.partnerships.length,
      activities: network.activities.length,
    });
  });
});
