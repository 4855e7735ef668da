/**
 * The two queues of the weighted Brandes searches (issue 15, speed): buckets narrower than the
 * shortest edge (Dinitz 1978) when the longest edge is at most 1000 times the shortest, else an
 * indexed 4-ary heap. Each is checked against exact rational arithmetic (flow-exact.json, near ties
 * included) and NetworkX 2.8 (flow.json), and the two against each other on random graphs.
 */
import { DirectedGraph, UndirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { distanceAdjacency } from "../../src/flow/distanceAdjacency.js";
import { bucketWidthOf, runBrandes } from "../../src/flow/parallelBrandes.js";
import { betweenness, SeededRandom } from "../../src/index.js";
import { build, buildExact, exactFixture, fixture } from "./fixture.js";

const QUEUES = ["buckets", "heap"] as const;

/** NetworkX's normalised betweenness from the runner's raw values (both directions counted). */
function normalised(raw: Float64Array, n: number, directed: boolean): number[] {
  const scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : directed ? 1 : 0.5;
  return [...raw].map((value) => value * scale);
}

const sums = (n: number) => ({ total: new Float64Array(n), reach: new Float64Array(n), harmonic: new Float64Array(n) });

function close(actual: number, expected: number, relative: number, absolute: number): boolean {
  return Math.abs(actual - expected) <= Math.max(relative * Math.abs(expected), absolute);
}

describe.each(QUEUES)("the %s queue", (queue) => {
  it.each(exactFixture.cases.map((c) => [c.name, c] as const))("matches exact rational arithmetic (ties within 1e-10 relative): %s", (_name, spec) => {
    const adjacency = distanceAdjacency(buildExact(spec), "weight", "test");
    const values = normalised(runBrandes(adjacency, true, undefined, { threads: 1, queue }).values, adjacency.keys.length, adjacency.directed);
    adjacency.keys.forEach((node, i) => {
      const expected = spec.betweenness[node] as number;
      expect(close(values[i] as number, expected, 1e-9, 1e-15), `${node}: ${values[i]} vs ${expected}`).toBe(true);
    });
  });

  const weighted = fixture.graphs.filter((g) => g.weighted && g.metrics.betweenness !== undefined && !exactFixture.cases.some((c) => c.name === g.name && c.networkxNearTies));
  it.each(weighted.map((g) => [g.name, g] as const))("matches NetworkX 2.8 betweenness and closeness sums on %s", (_name, spec) => {
    const adjacency = distanceAdjacency(build(spec), "weight", "test");
    const n = adjacency.keys.length;
    const mine = sums(n);
    const values = normalised(runBrandes(adjacency, true, mine, { threads: 1, queue }).values, n, adjacency.directed);
    const reference = sums(n);
    runBrandes(adjacency, true, reference, { threads: 1, queue: "heap" });
    const expected = spec.metrics.betweenness as Record<string, number>;
    adjacency.keys.forEach((node, i) => {
      expect(close(values[i] as number, expected[node] as number, 1e-9, 1e-21), node).toBe(true);
      for (const field of ["total", "reach", "harmonic"] as const) expect(close(mine[field][i] as number, reference[field][i] as number, 1e-12, 0), `${field} ${node}`).toBe(true);
    });
  });
});

/** A random graph with strengths drawn by `strength` (so tied or spread out as wanted). */
function randomGraph(directed: boolean, n: number, m: number, seed: number, strength: (random: SeededRandom) => number): DirectedGraph | UndirectedGraph {
  const random = new SeededRandom(seed);
  const graph = directed ? new DirectedGraph() : new UndirectedGraph();
  for (let i = 0; i < n; i++) graph.addNode(`n${i}`);
  while (graph.size < m) {
    const a = random.nextInt(n);
    const b = random.nextInt(n);
    if (a !== b) graph.mergeEdge(`n${a}`, `n${b}`, { weight: strength(random) });
  }
  return graph;
}

describe("buckets and heap agree with each other", () => {
  const cases = [
    ["directed, strengths 1 to 5 (many exact ties)", true, (r: SeededRandom) => 1 + r.nextInt(5)],
    ["undirected, strengths 1 to 5", false, (r: SeededRandom) => 1 + r.nextInt(5)],
    ["directed, shares weight / k (near ties)", true, (r: SeededRandom) => (1 + r.nextInt(3)) / (1 + r.nextInt(6)) + (1 + r.nextInt(3)) / (1 + r.nextInt(6))],
    ["directed, strengths spread over three orders of magnitude", true, (r: SeededRandom) => 10 ** (3 * r.next() - 1.5)],
  ] as const;
  it.each(cases)("%s: betweenness and distance sums to 1e-12 relative, on 5 seeds", (_name, directed, strength) => {
    for (let seed = 1; seed <= 5; seed++) {
      const adjacency = distanceAdjacency(randomGraph(directed, 120, 480, seed, strength), "weight", "test");
      const n = adjacency.keys.length;
      const fromBuckets = sums(n);
      const fromHeap = sums(n);
      const a = runBrandes(adjacency, true, fromBuckets, { threads: 1, queue: "buckets" }).values;
      const b = runBrandes(adjacency, true, fromHeap, { threads: 1, queue: "heap" }).values;
      for (let i = 0; i < n; i++) {
        expect(close(a[i] as number, b[i] as number, 1e-12, 1e-9), `seed ${seed}, node ${i}`).toBe(true);
        for (const field of ["total", "reach", "harmonic"] as const) expect(close(fromBuckets[field][i] as number, fromHeap[field][i] as number, 1e-12, 0)).toBe(true);
      }
    }
  });
});

describe("bucketWidthOf: buckets half the shortest edge wide, or the heap", () => {
  it("uses buckets up to a longest / shortest edge ratio of 1000, the heap beyond", () => {
    expect(bucketWidthOf(new Float64Array([0.5, 1, 2]), 10)).toBe(0.25);
    expect(bucketWidthOf(new Float64Array([0.001, 1]), 10)).toBe(0.0005);
    expect(bucketWidthOf(new Float64Array([0.001, 1.001]), 10)).toBe(0);
    expect(bucketWidthOf(new Float64Array([0.001, 1.001]), 10, "buckets")).toBe(0.0005);
    expect(bucketWidthOf(new Float64Array([0.5, 1]), 10, "heap")).toBe(0);
    expect(bucketWidthOf(new Float64Array([]), 10)).toBe(0);
  });

  it("uses the heap when n x ratio exceeds 1e8, where a tie could bridge two buckets", () => {
    expect(bucketWidthOf(new Float64Array([1, 1000]), 100_000)).toBe(0.5);
    expect(bucketWidthOf(new Float64Array([1, 1000]), 100_001)).toBe(0);
  });

  it("the automatic choice gives the heap's values on a graph with spread-out strengths", () => {
    const graph = randomGraph(true, 150, 600, 9, (r) => 10 ** (6 * r.next() - 3));
    const adjacency = distanceAdjacency(graph, "weight", "test");
    expect(bucketWidthOf(adjacency.distance, adjacency.keys.length)).toBe(0);
    const auto = betweenness(graph, { threads: 1 });
    const heap = normalised(runBrandes(adjacency, true, undefined, { threads: 1, queue: "heap" }).values, adjacency.keys.length, true);
    adjacency.keys.forEach((node, i) => {
      expect(Object.is(auto[node], heap[i]), node).toBe(true);
    });
  });
});

describe("betweenness does not depend on the order nodes and edges were added", () => {
  it("shuffled insertion orders give every node the same value to 1e-12 relative (summation order aside)", () => {
    const graph = randomGraph(true, 200, 900, 21, (r) => (1 + r.nextInt(3)) / (1 + r.nextInt(4)));
    const reference = betweenness(graph, { threads: 1 });
    const random = new SeededRandom(5);
    const shuffle = <T>(items: T[]): T[] => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = random.nextInt(i + 1);
        [items[i], items[j]] = [items[j] as T, items[i] as T];
      }
      return items;
    };
    for (let round = 0; round < 3; round++) {
      const copy = new DirectedGraph();
      for (const node of shuffle(graph.nodes())) copy.addNode(node);
      for (const edge of shuffle(graph.edges())) copy.addEdge(graph.source(edge), graph.target(edge), { ...graph.getEdgeAttributes(edge) });
      const before = JSON.stringify(copy.export());
      const values = betweenness(copy, { threads: round === 0 ? 1 : 2 });
      expect(JSON.stringify(copy.export())).toBe(before); // the caller's graph is not touched
      for (const node of graph.nodes()) expect(close(values[node] as number, reference[node] as number, 1e-12, 1e-15), node).toBe(true);
    }
  });
});
