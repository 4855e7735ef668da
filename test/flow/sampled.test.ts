/**
 * Approximate betweenness (Riondato-Kornaropoulos sampling): the (epsilon, delta) guarantee checked
 * empirically against the exact values on medium graphs: the largest error over all nodes stays
 * below epsilon in at least 1 - delta of the seeds.
 */
import { DirectedGraph, UndirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { SeededRandom, betweenness, knowledgeFlow } from "../../src/index.js";
import { distanceAdjacency } from "../../src/flow/distanceAdjacency.js";
import { sampleSize, vertexDiameterBound } from "../../src/flow/sampledBetweenness.js";

function randomGraph(directed: boolean, n: number, m: number, seed: number, ring = true): DirectedGraph | UndirectedGraph {
  const random = new SeededRandom(seed);
  const graph = directed ? new DirectedGraph() : new UndirectedGraph();
  for (let i = 0; i < n; i++) graph.addNode(`v${i}`);
  // A ring keeps it connected (so the vertex-diameter bound from eccentricities applies), plus random chords.
  if (ring) for (let i = 0; i < n; i++) graph.mergeEdge(`v${i}`, `v${(i + 1) % n}`, { weight: 1 + random.nextInt(4) });
  while (graph.size < m) {
    const a = random.nextInt(n);
    const b = random.nextInt(n);
    if (a !== b) graph.mergeEdge(`v${a}`, `v${b}`, { weight: 1 + random.nextInt(4) });
  }
  return graph;
}

describe("approximate betweenness keeps its (epsilon, delta) guarantee against exact Brandes", () => {
  const epsilon = 0.04;
  const delta = 0.1;
  const seeds = 20;
  it.each([
    ["directed, 250 nodes, 1,000 edges", randomGraph(true, 250, 1000, 1)],
    ["directed, not strongly connected, 250 nodes, 500 edges", randomGraph(true, 250, 500, 7, false)],
    ["undirected, 250 nodes, 600 edges", randomGraph(false, 250, 600, 2)],
    ["directed and unweighted-like (all strengths 1), 200 nodes", (() => {
      const g = randomGraph(true, 200, 700, 3);
      g.forEachEdge((edge) => g.setEdgeAttribute(edge, "weight", 1));
      return g;
    })()],
  ])("%s: max error < epsilon 0.04 in at least 90% of 20 seeds", (_name, graph) => {
    const exact = betweenness(graph);
    let failures = 0;
    let worst = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const estimate = betweenness(graph, { method: "approximate", epsilon, delta, seed });
      let error = 0;
      for (const node of graph.nodes()) error = Math.max(error, Math.abs((estimate[node] as number) - (exact[node] as number)));
      worst = Math.max(worst, error);
      if (error >= epsilon) failures++;
    }
    expect(failures).toBeLessThanOrEqual(Math.floor(delta * seeds));
    expect(worst).toBeGreaterThan(0); // it is an estimate, not the exact pass in disguise
  });

  it("the same seed gives the same estimates; another seed, other estimates", () => {
    const graph = randomGraph(true, 120, 400, 5);
    const a = betweenness(graph, { method: "approximate", epsilon: 0.05, seed: 7 });
    expect(betweenness(graph, { method: "approximate", epsilon: 0.05, seed: 7 })).toEqual(a);
    expect(betweenness(graph, { method: "approximate", epsilon: 0.05, seed: 8 })).not.toEqual(a);
  });

  it("the vertex-diameter bound is never below the longest shortest path (in nodes), and the sample size follows the formula", () => {
    for (const [directed, seed, ring, edges] of [[true, 1, true, 400], [false, 2, true, 400], [true, 3, false, 250], [false, 4, false, 140], [true, 5, false, 400]] as const) {
      const graph = randomGraph(directed, 150, edges, seed, ring);
      const adjacency = distanceAdjacency(graph, "weight", "test");
      const bound = vertexDiameterBound(adjacency, true);
      // Longest shortest path in hops, by Dijkstra with hop counts (ties: fewest... any shortest path's hops <= bound - 1).
      let longest = 0;
      const n = adjacency.keys.length;
      for (let s = 0; s < n; s++) {
        const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
        const hops = new Int32Array(n);
        const done = new Uint8Array(n);
        dist[s] = 0;
        for (let round = 0; round < n; round++) {
          let v = -1;
          for (let u = 0; u < n; u++) if (!done[u] && (v === -1 || (dist[u] as number) < (dist[v] as number))) v = u;
          if (v === -1 || dist[v] === Number.POSITIVE_INFINITY) break;
          done[v] = 1;
          longest = Math.max(longest, (hops[v] as number) + 1);
          for (let e = adjacency.start[v] as number; e < (adjacency.start[v + 1] as number); e++) {
            const w = adjacency.target[e] as number;
            const c = (dist[v] as number) + (adjacency.distance[e] as number);
            if (c < (dist[w] as number) || (c === dist[w] && (hops[v] as number) + 1 > (hops[w] as number))) {
              dist[w] = c;
              hops[w] = (hops[v] as number) + 1;
            }
          }
        }
      }
      expect(bound).toBeGreaterThanOrEqual(longest);
      expect(bound).toBeLessThanOrEqual(150);
    }
    // r = ceil(0.5 / e^2 (floor(log2(VD - 2)) + 1 + ln(1 / delta))), e = epsilon (n - 2) / n.
    const e = (0.01 * 998) / 1000;
    expect(sampleSize(1000, 34, 0.01, 0.1)).toBe(Math.ceil((0.5 / (e * e)) * (5 + 1 + Math.log(10))));
  });

  it("knowledgeFlow reports approximate betweenness in its figures and warnings", () => {
    const graph = randomGraph(true, 150, 500, 6);
    const report = knowledgeFlow(graph, { betweenness: "approximate", epsilon: 0.05, delta: 0.2, seed: 3 });
    expect(report.graph.betweennessMethod).toEqual({ approximate: true, epsilon: 0.05, delta: 0.2, samples: expect.any(Number), seed: 3 });
    expect(report.warnings.some((w) => /^betweenness is approximate: each value is within 0.05 of the exact one with probability at least 0.8/.test(w))).toBe(true);
    expect(knowledgeFlow(graph).graph.betweennessMethod).toEqual({ approximate: false });
    const stages = new Set<string>();
    knowledgeFlow(graph, { betweenness: "approximate", epsilon: 0.1, onProgress: (stage, done) => {
      expect(done).toBeGreaterThanOrEqual(0);
      expect(done).toBeLessThanOrEqual(1);
      stages.add(stage);
    } });
    expect([...stages]).toEqual(expect.arrayContaining(["graph", "betweenness", "distances", "centralities", "communities", "backbone", "report"]));
  });
});
