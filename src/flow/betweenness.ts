/**
 * Betweenness centrality (Brandes 2001; Brandes 2008 for the weighted variant), exact and with
 * path counts in Float64, so graphs with very many equal shortest paths (grids) do not overflow
 * the 32-bit counters that graphology-metrics 2.4 uses.
 *
 * Weights: an edge attribute read as a STRENGTH (contact intensity) becomes the distance
 * 1 / strength; pass `weight: null` for unweighted (hop) distances. Normalisation follows NetworkX's
 * `betweenness_centrality(G, weight=..., normalized=True)`: 1 / ((n - 1)(n - 2)) on directed graphs,
 * 2 / ((n - 1)(n - 2)) on undirected ones. Path lengths within 1e-10 relative are ties (as in
 * igraph since 0.10; brandesKernel.ts). Runs in O(V E + V^2 log V) time with the heap, O(V (E + B))
 * with the bucket queue (B buckets passed per search; used when the longest edge is at most 1000
 * times the shortest, parallelBrandes.ts), and O(V + E) memory per thread.
 */
import type { AbstractGraph, Attributes } from "graphology-types";
import { TwinningArgumentError } from "../core/errors.js";
import { checkOptions, OPTION_RULES, type OptionSchema } from "../core/options.js";
import { type DistanceAdjacency, type DistanceSums, distanceAdjacency } from "./distanceAdjacency.js";
import { type BrandesOptions, runBrandes } from "./parallelBrandes.js";
import { sampledBetweenness } from "./sampledBetweenness.js";

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
  /**
   * "exact" (default: Brandes), or "approximate": sampled shortest paths, every value within
   * `epsilon` of the exact one with probability at least 1 - `delta` (Riondato-Kornaropoulos 2016;
   * see sampledBetweenness.ts). Approximate values are normalised as NetworkX's (`normalized` must be true).
   */
  method?: "exact" | "approximate";
  /** Largest error of approximate betweenness (default 0.01). */
  epsilon?: number;
  /** Failure probability of the approximation (default 0.1). */
  delta?: number;
  /** Seed of the sampling (default 0). */
  seed?: number;
}

const SCHEMA: OptionSchema<BetweennessOptions> = {
  weight: { type: "string", nullable: true },
  normalized: { type: "boolean" },
  threads: OPTION_RULES.threads,
  method: { type: "enum", values: ["exact", "approximate"] },
  epsilon: { type: "number", above: 0, below: 1 },
  delta: { type: "number", above: 0, below: 1 },
  seed: OPTION_RULES.seed,
};

/**
 * Betweenness of every node, by node key.
 * @example betweenness(graph, { weight: "weight" }) // { A: 0.25, B: 0, ... }
 */
export function betweenness(graph: AbstractGraph<Attributes, Attributes>, options: BetweennessOptions = {}): Record<string, number> {
  options = checkOptions("betweenness", options, SCHEMA);
  const adjacency = distanceAdjacency(graph, options.weight === undefined ? "weight" : options.weight, "betweenness");
  if (options.method === "approximate") {
    if (options.normalized === false) throw new TwinningArgumentError("betweenness", "approximate betweenness is normalised; leave normalized out or true");
    const { values } = sampledBetweenness(adjacency, options.weight !== null, { epsilon: options.epsilon ?? 0.01, delta: options.delta ?? 0.1, seed: options.seed ?? 0 });
    return record(adjacency.keys, values);
  }
  const values = betweennessOf(adjacency, options.weight !== null, undefined, options.threads === undefined ? {} : { threads: options.threads });
  const n = adjacency.keys.length;
  if (options.normalized ?? true) {
    const scale = n > 2 ? (adjacency.directed ? 1 : 2) / ((n - 1) * (n - 2)) : 1;
    for (let i = 0; i < n; i++) values[i] = (values[i] as number) * scale;
  }
  // Undirected graphs count each pair twice (s -> t and t -> s); NetworkX halves before scaling.
  if (!adjacency.directed) for (let i = 0; i < n; i++) values[i] = (values[i] as number) / 2;
  return record(adjacency.keys, values);
}

/** Values by node key, as own properties (a key like "constructor" works). */
function record(keys: readonly string[], values: Float64Array): Record<string, number> {
  const result: Record<string, number> = {};
  for (let i = 0; i < keys.length; i++) Object.defineProperty(result, keys[i] as string, { value: values[i] as number, enumerable: true, writable: true, configurable: true });
  return result;
}

/**
 * Raw (unnormalised, both directions counted) betweenness from an adjacency. When `sums` is given,
 * the same searches also fill the incoming-distance sums, so one pass over all sources serves
 * betweenness, closeness and harmonic centrality. Large graphs use every core (parallelBrandes.ts).
 */
export function betweennessOf(adjacency: DistanceAdjacency, weighted: boolean, sums?: DistanceSums, options: BrandesOptions = {}): Float64Array {
  return runBrandes(adjacency, weighted, sums, options).values;
}
