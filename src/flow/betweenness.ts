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
import { IndexedMinHeap } from "./indexedHeap.js";

export interface BetweennessOptions {
  /** Edge attribute holding a strength (distance = 1 / strength), or null for hop counts. Default "weight". */
  weight?: string | null;
  /** Normalise as NetworkX does (default true). */
  normalized?: boolean;
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
  const values = betweennessOf(adjacency, options.weight !== null);
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
 * betweenness, closeness and harmonic centrality.
 */
export function betweennessOf(adjacency: DistanceAdjacency, weighted: boolean, sums?: DistanceSums): Float64Array {
  const { start, target, distance } = adjacency;
  const n = adjacency.keys.length;
  const result = new Float64Array(n);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const order = new Int32Array(n); // nodes in the order they were settled
  // Predecessors as linked lists in flat arrays: at most one entry per edge per source.
  const predHead = new Int32Array(n).fill(-1);
  const predNext = new Int32Array(target.length + 1);
  const predNode = new Int32Array(target.length + 1);
  const heap = new IndexedMinHeap(n);
  const queue = new Int32Array(n);
  const settled = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    let predCount = 0;
    let count = 0;
    sigma[s] = 1;
    dist[s] = 0;
    if (weighted) {
      heap.update(s, 0);
      while (heap.size > 0) {
        const v = heap.pop();
        settled[v] = 1;
        order[count++] = v;
        const d = dist[v] as number;
        const sigmaV = sigma[v] as number;
        for (let e = start[v] as number; e < (start[v + 1] as number); e++) {
          const w = target[e] as number;
          // A settled w has dist[w] <= d <= candidate, so it never improves; ties check it below.
          const candidate = d + (distance[e] as number);
          const current = dist[w] as number;
          if (candidate < current) {
            dist[w] = candidate;
            sigma[w] = sigmaV;
            predNode[predCount] = v;
            predNext[predCount] = -1;
            predHead[w] = predCount++;
            heap.update(w, candidate);
          } else if (candidate === current && !settled[w]) {
            sigma[w] = (sigma[w] as number) + sigmaV;
            predNode[predCount] = v;
            predNext[predCount] = predHead[w] as number;
            predHead[w] = predCount++;
          }
        }
      }
    } else {
      let head = 0;
      let tail = 0;
      queue[tail++] = s;
      while (head < tail) {
        const v = queue[head++] as number;
        order[count++] = v;
        for (let e = start[v] as number; e < (start[v + 1] as number); e++) {
          const w = target[e] as number;
          if (dist[w] === Number.POSITIVE_INFINITY) {
            dist[w] = (dist[v] as number) + 1;
            queue[tail++] = w;
          }
          if (dist[w] === (dist[v] as number) + 1) {
            sigma[w] = (sigma[w] as number) + (sigma[v] as number);
            predNode[predCount] = v;
            predNext[predCount] = predHead[w] as number;
            predHead[w] = predCount++;
          }
        }
      }
    }
    // Dependencies, in reverse order of distance; then reset only what this source touched.
    for (let k = count - 1; k >= 0; k--) {
      const w = order[k] as number;
      const coefficient = (1 + (delta[w] as number)) / (sigma[w] as number);
      for (let p = predHead[w] as number; p !== -1; p = predNext[p] as number) {
        const v = predNode[p] as number;
        delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
      }
      if (w !== s) result[w] = (result[w] as number) + (delta[w] as number);
    }
    if (sums !== undefined) {
      for (let k = 1; k < count; k++) {
        const w = order[k] as number;
        const d = dist[w] as number;
        sums.total[w] = (sums.total[w] as number) + d;
        sums.reach[w] = (sums.reach[w] as number) + 1;
        sums.harmonic[w] = (sums.harmonic[w] as number) + 1 / d;
      }
    }
    for (let k = 0; k < count; k++) {
      const w = order[k] as number;
      sigma[w] = 0;
      delta[w] = 0;
      dist[w] = Number.POSITIVE_INFINITY;
      predHead[w] = -1;
      settled[w] = 0;
    }
  }
  return result;
}
