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
import { TwinningArgumentError } from "../errors.js";
import { compressRows } from "./compressed.js";
import { edgeStrength } from "./edgeStrength.js";
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

/** A compact out-adjacency: neighbours and distances of node i at offsets start[i] .. start[i + 1] - 1. */
export interface DistanceAdjacency {
  keys: string[];
  start: Int32Array;
  target: Int32Array;
  distance: Float64Array;
  directed: boolean;
}

/**
 * Builds the adjacency with distance = 1 / strength (or 1 per hop). Parallel edges keep the
 * shortest distance. Throws on a missing, non-finite or non-positive strength: NaN weights must
 * never become 1 silently (graphology-metrics' behaviour).
 */
export function distanceAdjacency(graph: AbstractGraph<Attributes, Attributes>, weight: string | null, name: string): DistanceAdjacency {
  const keys = graph.nodes();
  const index = new Map(keys.map((key, i) => [key, i]));
  const directed = graph.type === "directed";
  if (graph.type === "mixed") throw new TwinningArgumentError(name, "mixed graphs are not supported; use a directed or an undirected graph");
  const lists: Map<number, number>[] = keys.map(() => new Map());
  graph.forEachEdge((edge, attributes, source, target) => {
    const distance = 1 / edgeStrength(attributes, weight, edge, source, target, name, true);
    const s = index.get(source) as number;
    const t = index.get(target) as number;
    if (s === t) return; // self-loops lie on no shortest path between two other nodes
    const add = (from: number, to: number) => {
      const list = lists[from] as Map<number, number>;
      const current = list.get(to);
      if (current === undefined || distance < current) list.set(to, distance);
    };
    add(s, t);
    if (!directed) add(t, s);
  });
  // Neighbours in index order, so searches visit them the same way whatever the edge order.
  const { start, target, value: distance } = compressRows(lists.map((list) => [...list].sort((a, b) => a[0] - b[0])));
  return { keys, start, target, distance, directed };
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

/** Incoming-distance sums gathered during the same searches (for closeness and harmonic). */
export interface DistanceSums {
  /** Sum over sources s that reach v (s != v) of d(s, v). */
  total: Float64Array;
  /** Number of sources s != v that reach v. */
  reach: Float64Array;
  /** Sum over sources s that reach v (s != v) of 1 / d(s, v). */
  harmonic: Float64Array;
}

/**
 * Raw (unnormalised, both directions counted) betweenness from an adjacency. When `sums` is given,
 * the same searches also fill the incoming-distance sums, so one pass over all sources serves
 * betweenness, closeness and harmonic centrality. Large graphs use every core (parallelBrandes.ts).
 */
export function betweennessOf(adjacency: DistanceAdjacency, weighted: boolean, sums?: DistanceSums, options: BrandesOptions = {}): Float64Array {
  return runBrandes(adjacency, weighted, sums, options).values;
}
