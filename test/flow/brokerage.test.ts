/** Burt's constraint and effective size: the common-neighbour walk against the direct O(d^2) formula, and stars in closed form. */
import fc from "fast-check";
import { DirectedGraph, UndirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { brokerage, knowledgeFlow } from "../../src/index.js";

/** The textbook formulas, summing over every pair of neighbours (NetworkX 2.8's loops). */
function direct(graph: DirectedGraph | UndirectedGraph) {
  const mutual = new Map<string, Map<string, number>>();
  for (const node of graph.nodes()) mutual.set(node, new Map());
  const of = (u: string) => mutual.get(u) as Map<string, number>;
  graph.forEachEdge((_e, a, s, t) => {
    if (s === t || a.weight === 0) return;
    const amount = graph.type === "undirected" ? 2 * a.weight : a.weight;
    of(s).set(t, (of(s).get(t) ?? 0) + amount);
    of(t).set(s, (of(t).get(s) ?? 0) + amount);
  });
  const total = (u: string) => [...of(u).values()].reduce((x, y) => x + y, 0);
  const largest = (u: string) => Math.max(0, ...of(u).values());
  const p = (u: string, v: string) => (of(u).get(v) ?? 0) / total(u);
  const m = (u: string, v: string) => (of(u).get(v) ?? 0) / largest(u);
  const constraint: Record<string, number | null> = {};
  const size: Record<string, number | null> = {};
  for (const v of graph.nodes()) {
    const around = [...of(v).keys()];
    if (around.length === 0) {
      constraint[v] = null;
      size[v] = null;
      continue;
    }
    let c = 0;
    let s = 0;
    for (const w of around) {
      let indirect = 0;
      let redundancy = 0;
      for (const q of around) {
        indirect += p(v, q) * p(q, w);
        redundancy += p(v, q) * m(w, q);
      }
      c += (p(v, w) + indirect) ** 2;
      s += 1 - redundancy;
    }
    constraint[v] = c;
    size[v] = s;
  }
  return { constraint, size };
}

describe("brokerage: the common-neighbour walk gives the direct formula's values", () => {
  it("on random weighted graphs, directed and undirected (fast-check, 1e-12 relative)", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.integer({ min: 2, max: 12 }), fc.array(fc.tuple(fc.nat(11), fc.nat(11), fc.integer({ min: 0, max: 6 })), { maxLength: 50 }), (directed, n, edges) => {
        const graph = directed ? new DirectedGraph() : new UndirectedGraph();
        for (let i = 0; i < n; i++) graph.addNode(`n${i}`);
        for (const [a, b, w] of edges) if (a < n && b < n) graph.mergeEdge(`n${a}`, `n${b}`, { weight: w });
        const ours = brokerage(graph);
        const theirs = direct(graph);
        for (const node of graph.nodes()) {
          for (const [mine, reference] of [[ours.constraint[node], theirs.constraint[node]], [ours.effectiveSize[node], theirs.size[node]]] as const) {
            if (reference === null || reference === undefined) expect(mine).toBeNull();
            else expect(Math.abs((mine as number) - reference)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(reference)));
          }
        }
      }),
      { numRuns: 200, seed: 15 },
    );
  });

  it("on a 50,000-leaf star: the centre's constraint is sum of (w_i / W)^2 and each leaf's is 1, effective size n and 1", () => {
    const graph = new DirectedGraph();
    graph.addNode("centre");
    let total = 0;
    const weights: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const w = 1 + (i % 7);
      graph.addNode(`leaf${i}`);
      graph.addEdge("centre", `leaf${i}`, { weight: w });
      weights.push(w);
      total += w;
    }
    const { constraint, effectiveSize } = brokerage(graph);
    const expected = weights.reduce((sum, w) => sum + (w / total) ** 2, 0);
    expect(Math.abs((constraint.centre as number) - expected)).toBeLessThanOrEqual(1e-12 * expected);
    expect(effectiveSize.centre).toBe(50_000);
    expect(constraint.leaf3).toBe(1);
    expect(effectiveSize.leaf3).toBe(1);
  });

  it("institution ids named like Object.prototype members get their own rows in knowledgeFlow (graphology itself fails on such node keys, so they are ids)", () => {
    const graph = new UndirectedGraph();
    for (const [key, id] of [["a", "constructor"], ["b", "toString"], ["c", "valueOf"]]) graph.addNode(key, { id });
    graph.addEdge("a", "b", { weight: 1 });
    graph.addEdge("a", "c", { weight: 2 });
    const report = knowledgeFlow(graph, { personalizeFrom: "constructor" });
    expect(report.nodes.map((row) => row.id)).toEqual(["constructor", "toString", "valueOf"]);
    for (const row of report.nodes) {
      expect(typeof row.constraint).toBe("number");
      expect(typeof row.personalizedPagerank).toBe("number");
    }
    expect(report.nodes[0]?.community).toBe(0);
  });
});
