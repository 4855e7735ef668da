/**
 * Near ties and the backbone against exact rational arithmetic (scripts/oracles/flow_exact.py ->
 * test/fixtures/flow-exact.json, Python fractions, written from the formulas).
 */
import { DirectedGraph, UndirectedGraph } from "graphology";
import graphologyDisparity from "graphology-metrics/edge/disparity.js";
import { describe, expect, it } from "vitest";
import { backbone, betweenness, knowledgeFlow, loadNetwork, TwinningArgumentError } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";
import { buildExact, exactFixture } from "./fixture.js";

describe("betweenness with path lengths equal within 1e-10 relative as ties matches exact rational arithmetic", () => {
  it.each(exactFixture.cases.map((c) => [`${c.name}${c.networkxNearTies ? " (NetworkX's float ties get it wrong)" : ""}`, c] as const))("%s", (_name, spec) => {
    const graph = buildExact(spec);
    for (const threads of [1, 2]) {
      const values = betweenness(graph, { threads });
      for (const node of spec.nodes) {
        const expected = spec.betweenness[node] as number;
        expect(Math.abs((values[node] as number) - expected), `${node} (${threads} threads)`).toBeLessThanOrEqual(Math.max(1e-9 * Math.abs(expected), 1e-15));
      }
    }
    const report = knowledgeFlow(graph, { betweenness: "exact" });
    for (const row of report.nodes) expect(Math.abs(row.betweenness - (spec.betweenness[row.id] as number))).toBeLessThanOrEqual(Math.max(1e-9 * Math.abs(spec.betweenness[row.id] as number), 1e-15));
  });

  it("the constructed tie cases do fool floating-point equality (so the tests above mean something)", () => {
    expect(1 / 0.5 + 1 / 1.5).not.toBe(1 / 1 + 1 / (3 / 5));
    expect(exactFixture.cases.filter((c) => c.source === "constructed" && c.networkxNearTies).length).toBeGreaterThanOrEqual(2);
  });
});

describe("backbone: the disparity filter matches an independent exact implementation of Serrano-Boguna-Vespignani", () => {
  it.each(exactFixture.cases.map((c) => [c.name, c] as const))("%s: every link's alpha, and the links kept at 0.05 and 0.123 (levels no exact alpha equals)", (_name, spec) => {
    const graph = buildExact(spec);
    const all = backbone(graph, { alpha: 1 });
    // alpha 1 keeps every link whose alpha is below 1 (not those of nodes with one link on both sides).
    const expected = new Map(spec.disparity.map(([s, t, a]) => [spec.directed ? `${s}>${t}` : [s, t].sort().join("-"), a]));
    const key = (s: string, t: string) => (spec.directed ? `${s}>${t}` : [s, t].sort().join("-"));
    for (const link of all.links) {
      const a = expected.get(key(link.source, link.target)) as number;
      expect(Math.abs(link.alpha - a), `${link.source} -> ${link.target}`).toBeLessThanOrEqual(1e-12 * a + 1e-300);
    }
    for (const level of [0.05, 0.123]) {
      const kept = backbone(graph, { alpha: level }).links.map((l) => key(l.source, l.target)).sort();
      const want = spec.disparity.filter(([, , a]) => a < level).map(([s, t]) => key(s, t)).sort();
      expect(kept).toEqual(want);
    }
  });

  it.each(exactFixture.cases.filter((c) => !c.directed).map((c) => [c.name, c] as const))("%s (undirected): the same alphas as graphology-metrics' edge disparity", (_name, spec) => {
    const graph = buildExact(spec);
    const theirs = graphologyDisparity(graph) as Record<string, number>;
    const ours = new Map(backbone(graph, { alpha: 1 }).links.map((l) => [[l.source, l.target].sort().join("-"), l.alpha]));
    graph.forEachEdge((edge, _a, s, t) => {
      const mine = ours.get([s, t].sort().join("-"));
      if (mine !== undefined) expect(Math.abs(mine - (theirs[edge] as number))).toBeLessThanOrEqual(1e-12);
    });
  });

  it("a hub's one strong link is kept, its many weak ones are not (a worked example)", () => {
    const graph = new DirectedGraph();
    graph.mergeEdge("hub", "strong", { weight: 20 });
    for (let i = 0; i < 9; i++) graph.mergeEdge("hub", `weak${i}`, { weight: 1 });
    // p = 20 / 29, k = 10: (9 / 29)^9 = 2.6e-5 < 0.05; a weak link: (28 / 29)^9 = 0.73.
    const { links } = backbone(graph, { alpha: 0.05 });
    expect(links.map((l) => l.target)).toEqual(["strong"]);
    expect(links[0]?.alpha).toBeCloseTo((9 / 29) ** 9, 15);
  });

  it("checks its options and its input", () => {
    const graph = new UndirectedGraph();
    graph.mergeEdge("a", "b", { weight: 1 });
    expect(() => backbone(graph, { alpah: 0.1 } as never)).toThrow(/alpah: unknown option of backbone; did you mean alpha\?/);
    expect(() => backbone(graph, { alpha: 0 })).toThrow(TwinningArgumentError);
    graph.mergeEdge("b", "c", { weight: -1 });
    expect(() => backbone(graph)).toThrow(/edge .* \("b" -> "c"\) has weight = -1/);
  });
});

describe("the backbone in the flow report", () => {
  it("on the Rwanda example: the complete contact graph has density 1, the backbone far less, and it is drawn from the report's links", async () => {
    const network = await loadNetwork(EXAMPLE_FOLDER);
    const report = knowledgeFlow(network);
    expect(report.backbone).toBeDefined();
    const b = report.backbone as NonNullable<typeof report.backbone>;
    expect(b.alpha).toBe(0.05);
    expect(b.graph.edges).toBe(b.links.length);
    expect(b.graph.edges).toBeLessThan(report.graph.edges);
    expect(b.graph.density).toBeLessThan(report.graph.density);
    expect(b.graph.density).toBeCloseTo(b.links.length / (40 * 39), 15);
    const full = new Set(report.links.map((l) => `${l.source}>${l.target}`));
    for (const link of b.links) {
      expect(full.has(`${link.source}>${link.target}`)).toBe(true);
      expect(link.alpha).toBeLessThan(0.05);
    }
    const touched = new Set(b.links.flatMap((l) => [l.source, l.target]));
    expect(b.graph.isolates).toEqual(report.nodes.map((r) => r.id).filter((id) => !touched.has(id)));
    expect(knowledgeFlow(network, { backbone: false }).backbone).toBeUndefined();
    expect(knowledgeFlow(network, { backboneAlpha: 0.2 }).backbone?.links.length ?? 0).toBeGreaterThanOrEqual(b.links.length);
  });
});

describe("ill-conditioned strengths are said, not hidden", () => {
  it("strengths spanning more than 1e9 (1e-300 beside 1) give a warning naming the tie tolerance; ordinary spreads give none", () => {
    const spread = new DirectedGraph();
    spread.mergeEdge("a", "b", { weight: 1e-300 });
    spread.mergeEdge("b", "c", { weight: 1 });
    spread.mergeEdge("a", "c", { weight: 2 });
    expect(knowledgeFlow(spread, { betweenness: "exact" }).warnings.filter((warning) => warning.includes("1e-10"))).toHaveLength(1);
    const ordinary = new DirectedGraph();
    ordinary.mergeEdge("a", "b", { weight: 1 });
    ordinary.mergeEdge("b", "c", { weight: 1000 });
    expect(knowledgeFlow(ordinary, { betweenness: "exact" }).warnings.filter((warning) => warning.includes("1e-10"))).toEqual([]);
  });
});
