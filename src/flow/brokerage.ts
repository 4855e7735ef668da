/**
 * Brokerage: Burt's constraint and effective size (Burt 1992; Borgatti 1997), on mutual weights
 * (the strengths of u -> v and v -> u added), neighbours counted in both directions, as NetworkX 2.8
 * (`nx.constraint`, `nx.effective_size`) does.
 * - p(u, v) = mutual(u, v) / sum over u's neighbours w of mutual(u, w);
 * - constraint(v) = sum over neighbours w of (p(v, w) + sum over neighbours q of p(v, q) p(q, w))^2;
 * - effective size(u) = sum over neighbours v of (1 - sum over neighbours w of u of
 *   p(u, w) m(v, w)), with m(v, w) = mutual(v, w) / the largest mutual weight of v.
 * A node without neighbours has neither (null, where NetworkX returns NaN). NetworkX also returns
 * NaN for a node with incoming but no outgoing edges (it tests successors only); here such a node
 * gets its value like any other. Runs in O(sum of squared degrees).
 */
import type { AbstractGraph, Attributes } from "graphology-types";
import { edgeStrength } from "./edgeStrength.js";

type Mutual = Map<number, number>[];

function mutualWeights(graph: AbstractGraph<Attributes, Attributes>, weight: string | null, name: string): { keys: string[]; mutual: Mutual } {
  const keys = graph.nodes();
  const index = new Map(keys.map((key, i) => [key, i]));
  const mutual: Mutual = keys.map(() => new Map());
  graph.forEachEdge((edge, attributes, source, target) => {
    const strength = edgeStrength(attributes, weight, edge, source, target, name, false);
    const s = index.get(source) as number;
    const t = index.get(target) as number;
    if (s === t) return;
    // Undirected edges count from both ends, as NetworkX's G[u][v] and G[v][u] are one edge.
    const amount = graph.type === "undirected" ? 2 * strength : strength;
    const ms = mutual[s] as Map<number, number>;
    const mt = mutual[t] as Map<number, number>;
    ms.set(t, (ms.get(t) ?? 0) + amount);
    mt.set(s, (mt.get(s) ?? 0) + amount);
  });
  return { keys, mutual };
}

/** Options of brokerage. */
export interface BrokerageOptions {
  /** Edge attribute with the strength, or null for unweighted. Default "weight". */
  weight?: string | null;
}

/**
 * Burt's constraint and effective size by node key (null for nodes without neighbours).
 * @example
 * brokerage(graph).constraint // { A: 0.53, ... }: low = brokerage opportunities
 */
export function brokerage(graph: AbstractGraph<Attributes, Attributes>, options: BrokerageOptions = {}): { constraint: Record<string, number | null>; effectiveSize: Record<string, number | null> } {
  const { keys, mutual } = mutualWeights(graph, options.weight === undefined ? "weight" : options.weight, "brokerage");
  const n = keys.length;
  const total = new Float64Array(n);
  const largest = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    for (const value of (mutual[u] as Map<number, number>).values()) {
      total[u] = (total[u] as number) + value;
      largest[u] = Math.max(largest[u] as number, value);
    }
  }
  const p = (u: number, v: number) => ((total[u] as number) === 0 ? 0 : ((mutual[u] as Map<number, number>).get(v) ?? 0) / (total[u] as number));
  const m = (v: number, w: number) => ((largest[v] as number) === 0 ? 0 : ((mutual[v] as Map<number, number>).get(w) ?? 0) / (largest[v] as number));
  const constraint: Record<string, number | null> = {};
  const effectiveSize: Record<string, number | null> = {};
  for (let v = 0; v < n; v++) {
    const neighbours = [...(mutual[v] as Map<number, number>).keys()];
    const key = keys[v] as string;
    if (neighbours.length === 0) {
      Object.defineProperty(constraint, key, { value: null, enumerable: true, writable: true, configurable: true });
      Object.defineProperty(effectiveSize, key, { value: null, enumerable: true, writable: true, configurable: true });
      continue;
    }
    let c = 0;
    let size = 0;
    for (const w of neighbours) {
      let indirect = 0;
      let redundancy = 0;
      for (const q of neighbours) {
        indirect += p(v, q) * p(q, w);
        redundancy += p(v, q) * m(w, q);
      }
      c += (p(v, w) + indirect) ** 2;
      size += 1 - redundancy;
    }
    Object.defineProperty(constraint, key, { value: c, enumerable: true, writable: true, configurable: true });
    Object.defineProperty(effectiveSize, key, { value: size, enumerable: true, writable: true, configurable: true });
  }
  return { constraint, effectiveSize };
}
