/**
 * Closeness and harmonic centrality on weighted (distance = 1 / strength) or unweighted graphs,
 * with NetworkX's conventions (NetworkX 2.8 `closeness_centrality`, `harmonic_centrality`):
 * - both use INCOMING distances on directed graphs: how close the others are to a node, i.e. how
 *   easily knowledge reaches it;
 * - closeness(u) = (r - 1) / (sum of distances from the r - 1 nodes that reach u), times the
 *   Wasserman-Faust factor (r - 1) / (n - 1) so that graphs in pieces compare fairly;
 * - harmonic(u) = sum over v != u of 1 / d(v, u) (unreachable pairs add 0).
 * Runs one Dijkstra (or breadth-first search) per node: O(V E + V^2 log V).
 */
import type { AbstractGraph, Attributes } from "graphology-types";
import { IndexedMinHeap } from "../core/indexedHeap.js";
import { checkOptions, type OptionSchema } from "../core/options.js";
import { type DistanceAdjacency, distanceAdjacency } from "./distanceAdjacency.js";

/** Options of closeness and harmonic. */
export interface ClosenessOptions {
  /** Edge attribute holding a strength (distance = 1 / strength), or null for hop counts. Default "weight". */
  weight?: string | null;
  /** Apply the Wasserman-Faust correction for graphs in pieces (default true, as NetworkX). */
  wfImproved?: boolean;
}

const SCHEMA: OptionSchema<ClosenessOptions> = { weight: { type: "string", nullable: true }, wfImproved: { type: "boolean" } };

/** The adjacency with every edge reversed (for incoming distances). */
export function reversed(adjacency: DistanceAdjacency): DistanceAdjacency {
  if (!adjacency.directed) return adjacency;
  const n = adjacency.keys.length;
  const count = new Int32Array(n + 1);
  for (let e = 0; e < adjacency.target.length; e++) count[(adjacency.target[e] as number) + 1] = (count[(adjacency.target[e] as number) + 1] as number) + 1;
  for (let i = 0; i < n; i++) count[i + 1] = (count[i + 1] as number) + (count[i] as number);
  const fill = count.slice(0, n);
  const target = new Int32Array(adjacency.target.length);
  const distance = new Float64Array(adjacency.target.length);
  for (let v = 0; v < n; v++) {
    for (let e = adjacency.start[v] as number; e < (adjacency.start[v + 1] as number); e++) {
      const w = adjacency.target[e] as number;
      const at = fill[w] as number;
      target[at] = v;
      distance[at] = adjacency.distance[e] as number;
      fill[w] = at + 1;
    }
  }
  return { keys: adjacency.keys, start: count, target, distance, directed: true };
}

/**
 * Calls `visit(node, distance)` for every node reachable from `source` (the source itself
 * included, at distance 0). Reuses the buffers it is given.
 */
export function singleSource(adjacency: DistanceAdjacency, source: number, weighted: boolean, buffers: SearchBuffers, visit: (node: number, distance: number) => void): void {
  const { start, target, distance } = adjacency;
  const { dist, done, heap, touched } = buffers;
  let count = 0;
  dist[source] = 0;
  if (weighted) {
    heap.update(source, 0);
    while (heap.size > 0) {
      const v = heap.pop();
      done[v] = 1;
      touched[count++] = v;
      const d = dist[v] as number;
      visit(v, d);
      for (let e = start[v] as number; e < (start[v + 1] as number); e++) {
        const w = target[e] as number;
        if (done[w]) continue;
        const candidate = d + (distance[e] as number);
        if (candidate < (dist[w] as number)) {
          dist[w] = candidate;
          heap.update(w, candidate);
        }
      }
    }
  } else {
    touched[count++] = source;
    done[source] = 1;
    for (let head = 0; head < count; head++) {
      const v = touched[head] as number;
      const d = dist[v] as number;
      visit(v, d);
      for (let e = start[v] as number; e < (start[v + 1] as number); e++) {
        const w = target[e] as number;
        if (done[w]) continue;
        done[w] = 1;
        dist[w] = d + 1;
        touched[count++] = w;
      }
    }
  }
  for (let k = 0; k < count; k++) {
    const v = touched[k] as number;
    dist[v] = Number.POSITIVE_INFINITY;
    done[v] = 0;
  }
}

export interface SearchBuffers {
  dist: Float64Array;
  done: Uint8Array;
  heap: IndexedMinHeap;
  touched: Int32Array;
}

export function searchBuffers(n: number): SearchBuffers {
  return { dist: new Float64Array(n).fill(Number.POSITIVE_INFINITY), done: new Uint8Array(n), heap: new IndexedMinHeap(n), touched: new Int32Array(n) };
}

/**
 * Closeness centrality by node key (NetworkX's default: incoming distances, Wasserman-Faust).
 * @example
 * closeness(graph) // { A: 0.75, ... } incoming distances, Wasserman-Faust scaled
 */
export function closeness(graph: AbstractGraph<Attributes, Attributes>, options: ClosenessOptions = {}): Record<string, number> {
  options = checkOptions("closeness", options, SCHEMA);
  const weight = options.weight === undefined ? "weight" : options.weight;
  const adjacency = reversed(distanceAdjacency(graph, weight, "closeness"));
  const n = adjacency.keys.length;
  const buffers = searchBuffers(n);
  const values = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    let total = 0;
    let reached = 0;
    singleSource(adjacency, u, weight !== null, buffers, (_node, d) => {
      total += d;
      reached++;
    });
    if (total > 0 && n > 1) {
      values[u] = (reached - 1) / total;
      if (options.wfImproved ?? true) values[u] = (values[u] as number) * ((reached - 1) / (n - 1));
    }
  }
  return Object.fromEntries(adjacency.keys.map((key, i) => [key, values[i] as number]));
}

/**
 * Harmonic centrality by node key: the sum over other nodes of 1 / (their distance to it).
 * @example
 * harmonic(graph) // { A: 2.5, ... }: sum of 1 / distance from every other node
 */
export function harmonic(graph: AbstractGraph<Attributes, Attributes>, options: Pick<ClosenessOptions, "weight"> = {}): Record<string, number> {
  options = checkOptions<Pick<ClosenessOptions, "weight">>("harmonic", options, { weight: SCHEMA.weight });
  const weight = options.weight === undefined ? "weight" : options.weight;
  const adjacency = distanceAdjacency(graph, weight, "harmonic");
  const n = adjacency.keys.length;
  const buffers = searchBuffers(n);
  const values = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    singleSource(adjacency, v, weight !== null, buffers, (node, d) => {
      if (d > 0) values[node] = (values[node] as number) + 1 / d;
    });
  }
  return Object.fromEntries(adjacency.keys.map((key, i) => [key, values[i] as number]));
}
