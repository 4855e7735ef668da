import { describe, expect, it } from "vitest";
import { interestProjection, knowledgeFlow, loadNetwork, modularity, TwinningArgumentError } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";
import { build, exactFixture, fixture } from "./fixture.js";

const NEAR_TIES = new Set(exactFixture.cases.filter((c) => c.networkxNearTies).map((c) => c.name));

const network = await loadNetwork(EXAMPLE_FOLDER);

describe("knowledgeFlow report agrees with NetworkX on weighted directed graphs", () => {
  const graphs = fixture.graphs.filter((g) => g.directed && g.weighted && g.edges.length > 0);
  it.each(graphs.map((g) => [g.name, g] as const))("%s", (_name, spec) => {
    const graph = build(spec);
    const before = JSON.stringify(graph.export());
    const report = knowledgeFlow(graph);
    const byId = new Map(report.nodes.map((row) => [row.id, row]));
    const metrics = NEAR_TIES.has(spec.name) ? ([] as const) : (["betweenness"] as const);
    for (const metric of [...metrics, "closeness", "harmonic", "pagerank", "coreness", "constraint", "effectiveSize", "eigenvector", "hub", "authority"] as const) {
      for (const [node, expected] of Object.entries(spec.metrics[metric] ?? {})) {
        const actual = byId.get(node)?.[metric];
        if (expected === null || actual === null || actual === undefined) continue;
        expect(Math.abs(actual - expected), `${metric} ${node}`).toBeLessThanOrEqual(Math.max(1e-9 * Math.abs(expected), 1e-11));
      }
    }
    expect(JSON.stringify(graph.export())).toBe(before);
  });

  it.each(graphs.map((g) => [g.name, g] as const))("%s: modularity of Louvain's partition is NetworkX's formula (checked on fixed partitions) applied to it", (_name, spec) => {
    const graph = build(spec);
    const report = knowledgeFlow(graph, { seed: 5 });
    const partition = Object.fromEntries(graph.nodes().map((key, i) => [key, report.nodes[i]?.community as number]));
    expect(report.nodes.map((row) => row.id)).toEqual(graph.nodes());
    expect(report.graph.modularity).toBe(modularity(graph, partition));
    expect(report.graph.communities).toBe(new Set(Object.values(partition)).size);
  });
});

describe("knowledgeFlow on the Rwanda example", () => {
  it("reports every institution with all metrics, network figures and no NaN", () => {
    const report = knowledgeFlow(network, { personalizeFrom: "kabgayi-hospital" });
    expect(report.nodes).toHaveLength(40);
    expect(report.graph.nodes).toBe(40);
    expect(report.graph.weight).toMatch(/strength.*1 \/ weight/);
    for (const row of report.nodes) {
      for (const value of Object.values(row)) if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
      expect(row.personalizedPagerank).toBeGreaterThan(0);
    }
    expect(report.nodes.reduce((sum, row) => sum + row.pagerank, 0)).toBeCloseTo(1, 12);
  });

  it("Louvain with the same seed gives the same communities", () => {
    const a = knowledgeFlow(network, { seed: 3 }).nodes.map((row) => row.community);
    const b = knowledgeFlow(network, { seed: 3 }).nodes.map((row) => row.community);
    expect(a).toEqual(b);
  });

  it("a topic layer holds the topic's institutions and contacts only", () => {
    const layer = knowledgeFlow(network, { topic: "accreditation" });
    expect(layer.graph.nodes).toBe(10);
    expect(layer.graph.topic).toBe("accreditation");
    expect(layer.nodes.every((row) => row.kind === "hospital")).toBe(true);
  });

  it("top() sorts by the metric, and the CSV has a row per institution", () => {
    const report = knowledgeFlow(network);
    const top = report.top("outStrength", 3);
    expect(top).toHaveLength(3);
    expect(top[0]?.outStrength).toBeGreaterThanOrEqual(top[1]?.outStrength ?? 0);
    const csv = report.toCSV().trimEnd().split("\n");
    expect(csv[0]?.startsWith("id,name,kind,group,inDegree")).toBe(true);
    expect(csv).toHaveLength(41);
  });

  it("does not change the network and rejects unknown names", () => {
    const before = JSON.stringify(network.toJSON());
    knowledgeFlow(network, { weights: { coaching: 5 } });
    expect(JSON.stringify(network.toJSON())).toBe(before);
    expect(() => knowledgeFlow(network, { personalizeFrom: "nowhere" })).toThrow(TwinningArgumentError);
    expect(() => knowledgeFlow(network, { topic: "nope" })).toThrow(/^knowledgeFlow: unknown topic "nope"$/);
    // Contact weights as a Map read as no weights at all before (its entries are not own keys).
    expect(() => knowledgeFlow(network, { weights: new Map([["partnership", 9]]) as never })).toThrow("knowledgeFlow: weights: expected an object, got a Map of 1; pass Object.fromEntries(map)");
    expect(() => knowledgeFlow(network, { topic: network.topics[0]?.id.toUpperCase() })).toThrow(`knowledgeFlow: unknown topic "${network.topics[0]?.id.toUpperCase()}"; did you mean ${network.topics[0]?.id}?`);
  });
});

describe("interestProjection", () => {
  it("links institutions by shared chosen topics, weighted by how many they share", () => {
    const projection = interestProjection(network);
    expect(projection.order).toBe(40);
    for (const edge of projection.edges().slice(0, 50)) {
      const [a, b] = projection.extremities(edge).map((key) => projection.getNodeAttribute(key, "id"));
      const shared = network.chosenTopics(a ?? "").filter((topic) => network.chosenTopics(b ?? "").includes(topic));
      expect(projection.getEdgeAttribute(edge, "weight")).toBe(shared.length);
      expect(projection.getEdgeAttribute(edge, "topics")).toEqual([...shared].sort());
    }
    // Hospitals and districts choose different topics, so no edge joins the two kinds.
    projection.forEachEdge((_edge, _attributes, source, target) => {
      expect(projection.getNodeAttribute(source, "kind")).toBe(projection.getNodeAttribute(target, "kind"));
    });
  });

  it("the flow report names how far each topic's high performers reach", () => {
    const report = knowledgeFlow(network);
    expect(report.graph.highPerformerReach.length).toBeGreaterThan(12);
    for (const entry of report.graph.highPerformerReach) expect(entry.reach).toBeGreaterThanOrEqual(0);
  });
});
