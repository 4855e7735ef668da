/**
 * The compact adjacency every path metric searches (betweenness, closeness, harmonic, components):
 * distance = 1 / strength, or 1 per hop, in compressed rows; and the incoming-distance sums that
 * one all-sources pass fills for closeness and harmonic centrality.
 */
import type { AbstractGraph, Attributes } from "graphology-types";
import { edgeStrength, refuseMixedGraph } from "./edgeStrength.js";

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
 * shortest distance. A zero strength is no contact (the edge is left out). Throws on a missing,
 * non-finite or negative strength: NaN weights must never become 1 silently (graphology-metrics'
 * behaviour).
 */
export function distanceAdjacency(graph: AbstractGraph<Attributes, Attributes>, weight: string | null, name: string): DistanceAdjacency {
  const keys = graph.nodes();
  const index = new Map(keys.map((key, i) => [key, i]));
  const directed = graph.type === "directed";
  refuseMixedGraph(graph, name);
  const n = keys.length;
  const capacity = directed ? graph.size : 2 * graph.size;
  const from = new Int32Array(capacity);
  const to = new Int32Array(capacity);
  const length = new Float64Array(capacity);
  let entries = 0;
  graph.forEachEdge((edge, attributes, source, target) => {
    const strength = edgeStrength(attributes, weight, edge, source, target, name, false);
    if (strength === 0) return; // no contact
    const s = index.get(source) as number;
    const t = index.get(target) as number;
    if (s === t) return; // self-loops lie on no shortest path between two other nodes
    const distance = 1 / strength;
    from[entries] = s;
    to[entries] = t;
    length[entries++] = distance;
    if (!directed) {
      from[entries] = t;
      to[entries] = s;
      length[entries++] = distance;
    }
  });
  // Counting sort by source, then each row by target; parallel edges keep the shortest distance.
  const rowStart = new Int32Array(n + 1);
  for (let e = 0; e < entries; e++) rowStart[(from[e] as number) + 1] = (rowStart[(from[e] as number) + 1] as number) + 1;
  for (let v = 0; v < n; v++) rowStart[v + 1] = (rowStart[v + 1] as number) + (rowStart[v] as number);
  const fill = rowStart.slice(0, n);
  const rowTarget = new Int32Array(entries);
  const rowLength = new Float64Array(entries);
  for (let e = 0; e < entries; e++) {
    const at = fill[from[e] as number] as number;
    rowTarget[at] = to[e] as number;
    rowLength[at] = length[e] as number;
    fill[from[e] as number] = at + 1;
  }
  const start = new Int32Array(n + 1);
  const target = new Int32Array(entries);
  const distance = new Float64Array(entries);
  let out = 0;
  const order: number[] = [];
  for (let v = 0; v < n; v++) {
    start[v] = out;
    const first = rowStart[v] as number;
    const last = rowStart[v + 1] as number;
    order.length = 0;
    for (let e = first; e < last; e++) order.push(e);
    order.sort((x, y) => (rowTarget[x] as number) - (rowTarget[y] as number) || (rowLength[x] as number) - (rowLength[y] as number));
    for (const e of order) {
      const w = rowTarget[e] as number;
      if (out > (start[v] as number) && target[out - 1] === w) continue; // a longer parallel edge
      target[out] = w;
      distance[out++] = rowLength[e] as number;
    }
  }
  start[n] = out;
  return { keys, start, target: target.slice(0, out), distance: distance.slice(0, out), directed };
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
