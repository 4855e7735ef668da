/**
 * Betweenness centrality (Brandes 2001; Brandes 2008 for the weighted variant), exact and with
 * path counts in Float64, so graphs with very many equal shortest paths (grids) do not overflow
 * the 32-bit counters that graphology-metrics 2.4 uses.
 *
 * Weights: an edge attribute read as a STRENGTH (contact intensity) becomes the distance
 * 1 / strength; pass `weight: null` for unweighted (hop) distances. Normalisation follows NetworkX's
 * `betweenness_centrality(G, weight=..., normalized=True)`: 1 / ((n - 1)(n - 2)) on directed graphs,
 * 2 / ((n - 1)(n - 2)) on undirected ones. Ties between paths are float-equal distances, as in
 * NetworkX. Runs in O(V E + V^2 log V) time and O(V + E) memory.
 */
import type { AbstractGraph, Attributes } from "graphology-types";
import { type DistanceAdjacency, type DistanceSums, distanceAdjacency } from "./distanceAdjacency.js";
import { type BrandesOptions, runBrandes } from "./parallelBrandes.js";

/** Options of betweenness. */
export interface BetweennessOptions {
  /** Edge attribute holding a strength (distance = 1 / strength), or null for hop counts. Default "weight". */
  weight?: string | null;
  /** Normalise as NetworkX does (default true). */
  normalized?: boolean;
  /**
   * Threads for the all-sources pass, the calling one included. Default: every core when the graph
   * is large (sources x (nodes + edges) >= 2e7), else 1. The result does not depend on it.
   */
  threads?: number;
}

/**
 * Betweenness of every node, by node key.
 * @example betweenness(graph, { weight: "weight" }) // { A: 0.25, B: 0, ... }
 */
export function betweenness(graph: AbstractGraph<Attributes, Attributes>, options: BetweennessOptions = {}): Record<string, number> {
  const adjacency = distanceAdjacency(graph, options.weight === undefined ? "weight" : options.weight, "betweenness");
  const values = betweennessOf(adjacency, options.weight !== null, undefined, options.threads === undefined ? {} : { threads: options.threads });
  const n = adjacency.keys.length;
  if (options.normalized ?? true) {
    const scale = n > 2 ? (adjacency.directed ? 1 : 2) / ((n - 1) * (n - 2)) : 1;
    for (let i = 0; i < n; i++) values[i] = (values[i] as number) * scale;
  }
  // Undirected graphs count each pair twice (s -> t and t -> s); NetworkX halves before scaling.
  if (!adjacency.directed) for (let i = 0; i < n; i++) values[i] = (values[i] as number) / 2;
  return Object.fromEntries(adjacency.keys.map((key, i) => [key, values[i] as number]));
}

/**
 * Raw (unnormalised, both directions counted) betweenness from an adjacency. When `sums` is given,
 * the same searches also fill the incoming-distance sums, so one pass over all sources serves
 * betweenness, closeness and harmonic centrality. Large graphs use every core (parallelBrandes.ts).
 */
export function betweennessOf(adjacency: DistanceAdjacency, weighted: boolean, sums?: DistanceSums, options: BrandesOptions = {}): Float64Array {
  return runBrandes(adjacency, weighted, sums, options).values;
}
