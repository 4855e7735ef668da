/**
 * Path-based metrics (betweenness, closeness, harmonic) against NetworkX 2.8 (scripts/fixtures/flow.py -> test/fixtures/flow.json), with
 * distance = 1 / weight for weighted graphs, and against graphology-metrics where it is right.
 */
import { DirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { distanceAdjacency } from "../../src/flow/distanceAdjacency.js";
import { runBrandes } from "../../src/flow/parallelBrandes.js";
import { betweenness, brokerage, closeness, coreness, eigenvector, harmonic, hits, modularity, pagerank, SeededRandom, TwinningArgumentError } from "../../src/index.js";
import { build, exactFixture, fixture } from "./fixture.js";

/** Graphs where NetworkX's float ties differ from exact arithmetic (scripts/oracles/flow_exact.py): betweenness is checked against the exact values there (exact.test.ts). */
const NEAR_TIES = new Set(exactFixture.cases.filter((c) => c.networkxNearTies).map((c) => c.name));

const METRICS = {
  betweenness: (graph: ReturnType<typeof build>, weighted: boolean) => betweenness(graph, { weight: weighted ? "weight" : null }),
  closeness: (graph: ReturnType<typeof build>, weighted: boolean) => closeness(graph, { weight: weighted ? "weight" : null }),
  harmonic: (graph: ReturnType<typeof build>, weighted: boolean) => harmonic(graph, { weight: weighted ? "weight" : null }),
  pagerank: (graph: ReturnType<typeof build>) => pagerank(graph),
  personalizedPagerank: (graph: ReturnType<typeof build>) => pagerank(graph, { personalization: { [graph.nodes()[0] as string]: 1 } }),
  eigenvector: (graph: ReturnType<typeof build>) => eigenvector(graph),
  hub: (graph: ReturnType<typeof build>) => hits(graph).hubs,
  authority: (graph: ReturnType<typeof build>) => hits(graph).authorities,
  constraint: (graph: ReturnType<typeof build>, weighted: boolean) => brokerage(graph, { weight: weighted ? "weight" : null }).constraint,
  effectiveSize: (graph: ReturnType<typeof build>, weighted: boolean) => brokerage(graph, { weight: weighted ? "weight" : null }).effectiveSize,
  coreness: (graph: ReturnType<typeof build>) => coreness(graph),
};

describe("modularity agrees with NetworkX on a fixed partition", () => {
  const graphs = fixture.graphs.filter((g) => g.metrics.modularityOfThirds !== undefined);
  it.each(graphs.map((g) => [g.name, g] as const))("%s", (_name, spec) => {
    const entry = spec.metrics.modularityOfThirds as unknown as { value: number; partition: Record<string, number> };
    const value = modularity(build(spec), entry.partition, { weight: spec.weighted ? "weight" : null });
    expect(Math.abs(value - entry.value)).toBeLessThanOrEqual(1e-12);
  });
});

const ITERATIVE = new Set(["pagerank", "personalizedPagerank", "eigenvector", "hub", "authority"]);

describe.each(Object.keys(METRICS))("%s agrees with NetworkX to 1e-9 relative (weight = strength; paths use 1 / weight)", (metric) => {
  // NetworkX gives no eigenvector where the power iteration has no dominant eigenvalue, and no
  // HITS or personalised PageRank on graphs without edges or with one node.
  const graphs = fixture.graphs.filter((g) => g.metrics[metric] !== undefined && !(metric === "betweenness" && NEAR_TIES.has(g.name)));
  it.each(graphs.map((g) => [g.name, g] as const))("%s", (_name, spec) => {
    const graph = build(spec);
    const before = JSON.stringify(graph.export());
    const values = METRICS[metric as keyof typeof METRICS](graph, spec.weighted);
    const expectedValues = spec.metrics[metric] as Record<string, number | null>;
    expect(Object.keys(expectedValues).length).toBe(spec.nodes.length);
    for (const [node, expected] of Object.entries(expectedValues)) {
      const actual = values[node] as number | null;
      if (expected === null) {
        // NetworkX's NaN: no neighbours (ours: null), or, on a directed graph, no successors
        // (NetworkX tests successors only; ours computes the value from the predecessors).
        const hasNeighbours = graph.degree(node) > 0;
        if (hasNeighbours) expect(Number.isFinite(actual)).toBe(true);
        else expect(actual).toBeNull();
        continue;
      }
      if (actual === null) throw new Error(`${node}: null where NetworkX gives ${expected}`);
      // Iterative metrics: NetworkX stops once its L1 change is below n * 1e-13, so near-zero
      // entries carry up to about 1e-11 of its own iteration error.
      const floor = ITERATIVE.has(metric) ? 1e-11 : 1e-21;
      expect(Math.abs(actual - expected), `${node}: ${actual} vs ${expected}`).toBeLessThanOrEqual(Math.max(1e-9 * Math.abs(expected), floor));
    }
    expect(JSON.stringify(graph.export())).toBe(before); // the caller's graph is untouched
  });
});

describe("betweenness input", () => {
  it("rejects a missing or non-positive strength instead of reading it as 1", () => {
    const graph = new DirectedGraph();
    graph.mergeEdge("a", "b", { weight: Number.NaN });
    expect(() => betweenness(graph)).toThrow(TwinningArgumentError);
    expect(() => betweenness(graph)).toThrow(/^betweenness: edge .* has weight = NaN; expected a finite strength >= 0/);
  });
});

describe("betweenness on worker threads", () => {
  // Chunks of sources are fixed by n and summed in chunk order, so threads change nothing.
  it.each(fixture.graphs.filter((g) => g.metrics.betweenness !== undefined && g.nodes.length > 2 && !NEAR_TIES.has(g.name)).map((g) => [g.name, g] as const))(
    "%s: 2 threads give NetworkX's values and the single-thread result bit for bit",
    (_name, spec) => {
      const graph = build(spec);
      const weight = spec.weighted ? "weight" : null;
      const one = betweenness(graph, { weight, threads: 1 });
      const two = betweenness(graph, { weight, threads: 2 });
      const expected = spec.metrics.betweenness as Record<string, number>;
      for (const node of graph.nodes()) {
        expect(Object.is(two[node], one[node]), node).toBe(true);
        expect(Math.abs((two[node] as number) - (expected[node] as number))).toBeLessThanOrEqual(Math.max(1e-9 * Math.abs(expected[node] as number), 1e-21));
      }
    },
  );
});

describe("the parallel Brandes runner", () => {
  it("hands chunks to a worker thread on a mid-size graph, and the sums equal the single-thread ones bit for bit", () => {
    const random = new SeededRandom(11);
    const graph = new DirectedGraph();
    const n = 2500;
    for (let i = 0; i < n; i++) graph.addNode(`n${i}`);
    while (graph.size < 10_000) {
      const a = random.nextInt(n);
      const b = random.nextInt(n);
      if (a !== b) graph.mergeEdge(`n${a}`, `n${b}`, { weight: 1 + random.nextInt(5) });
    }
    const adjacency = distanceAdjacency(graph, "weight", "test");
    const sums = () => ({ total: new Float64Array(n), reach: new Float64Array(n), harmonic: new Float64Array(n) });
    const single = sums();
    const one = runBrandes(adjacency, true, single, { threads: 1 });
    const shared = sums();
    const two = runBrandes(adjacency, true, shared, { threads: 2 });
    expect(one.chunksElsewhere).toBe(0);
    expect(two.chunksElsewhere).toBeGreaterThan(0);
    expect(Buffer.from(two.values.buffer).equals(Buffer.from(one.values.buffer))).toBe(true);
    for (const field of ["total", "reach", "harmonic"] as const) expect(Buffer.from(shared[field].buffer).equals(Buffer.from(single[field].buffer))).toBe(true);
  });
});
