/**
 * The compact adjacency every path metric searches (betweenness, closeness, harmonic, components):
 * distance = 1 / strength, or 1 per hop, in compressed rows; and the incoming-distance sums that
 * one all-sources pass fills for closeness and harmonic centrality.
 */
import type { AbstractGraph, Attributes } from "graphology-types";
import { TwinningArgumentError } from "../core/errors.js";
import { compressRows } from "./compressed.js";
import { edgeStrength } from "./edgeStrength.js";

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
  if (graph.type === "mixed") throw new TwinningArgumentError(name, "mixed graphs are not supported; use a directed or an undirected graph");
  const lists: Map<number, number>[] = keys.map(() => new Map());
  graph.forEachEdge((edge, attributes, source, target) => {
    const strength = edgeStrength(attributes, weight, edge, source, target, name, false);
    if (strength === 0) return; // no contact
    const distance = 1 / strength;
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

/** Incoming-distance sums gathered during the same searches (for closeness and harmonic). */
export interface DistanceSums {
  /** Sum over sources s that reach v (s != v) of d(s, v). */
  total: Float64Array;
  /** Number of sources s != v that reach v. */
  reach: Float64Array;
  /** Sum over sources s that reach v (s != v) of 1 / d(s, v). */
  harmonic: Float64Array;
}
