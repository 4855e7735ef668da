/**
 * PageRank (Page et al. 1999; personalised, Haveliwala 2002), eigenvector centrality (Bonacich
 * 1972) and HITS hubs and authorities (Kleinberg 1999), with weights read as STRENGTHS and
 * NetworkX 2.8's conventions: PageRank with alpha 0.85, dangling mass spread like the
 * personalisation; eigenvector by power iteration on (A + I) from a uniform start, scaled to unit
 * Euclidean norm, scoring a node by its in-neighbours; HITS hubs and authorities each summing to 1.
 * Iterations run to 1e-14 (NetworkX stops at 1e-6 by default: ask it for tol=1e-13 to compare).
 * Each iteration is O(V + E).
 */

import type { AbstractGraph, Attributes } from "graphology-types";
import { TwinningArgumentError, TwinningConvergenceError } from "../core/errors.js";
import { checkOptions, type OptionSchema } from "../core/options.js";
import { compressRows } from "./compressed.js";
import { edgeStrength, refuseMixedGraph } from "./edgeStrength.js";

interface StrengthAdjacency {
  keys: string[];
  /** Out-edges of node i: targets and strengths at offsets start[i] .. start[i + 1] - 1. */
  start: Int32Array;
  target: Int32Array;
  strength: Float64Array;
}

/** Out-adjacency with strengths; undirected edges count in both directions (as NetworkX's to_directed). */
function strengthAdjacency(graph: AbstractGraph<Attributes, Attributes>, weight: string | null, name: string): StrengthAdjacency {
  refuseMixedGraph(graph, name);
  const keys = graph.nodes();
  const index = new Map(keys.map((key, i) => [key, i]));
  const lists: [number, number][][] = keys.map(() => []);
  graph.forEachEdge((edge, attributes, source, target) => {
    const strength = edgeStrength(attributes, weight, edge, source, target, name, false);
    const s = index.get(source) as number;
    const t = index.get(target) as number;
    (lists[s] as [number, number][]).push([t, strength]);
    if (graph.type === "undirected" && s !== t) (lists[t] as [number, number][]).push([s, strength]);
  });
  const { start, target, value: strength } = compressRows(lists);
  return { keys, start, target, strength };
}

/** Values by node key, as own properties (a key like "constructor" works). */
const record = (keys: string[], values: Float64Array): Record<string, number> => {
  const result: Record<string, number> = {};
  for (let i = 0; i < keys.length; i++) Object.defineProperty(result, keys[i] as string, { value: values[i] as number, enumerable: true, writable: true, configurable: true });
  return result;
};

const POWER_SCHEMA = {
  weight: { type: "string", nullable: true },
  tolerance: { type: "number", above: 0 },
  maxIterations: { type: "number", integer: true, min: 1 },
} as const satisfies OptionSchema<PowerOptions>;

const PAGERANK_SCHEMA: OptionSchema<PageRankOptions> = { ...POWER_SCHEMA, alpha: { type: "number", min: 0, below: 1 }, personalization: { type: "record" } };

/** Options of pagerank: damping, personalization, tolerance, iterations. */
export interface PageRankOptions {
  /** Damping factor (default 0.85). */
  alpha?: number;
  /** Edge attribute with the strength, or null for unweighted. Default "weight". */
  weight?: string | null;
  /** Personalisation: node -> weight (e.g. { kabgayi: 1 } for "whose knowledge reaches Kabgayi"). */
  personalization?: Readonly<Record<string, number>>;
  /** Convergence: stop when the L1 change is below n * tolerance (default 1e-14). */
  tolerance?: number;
  maxIterations?: number;
}

/**
 * PageRank by node key; the values sum to 1.
 * @example
 * pagerank(graph, { personalization: { kabgayi: 1 } }) // whose knowledge reaches kabgayi
 */
export function pagerank(graph: AbstractGraph<Attributes, Attributes>, options: PageRankOptions = {}): Record<string, number> {
  options = checkOptions("pagerank", options, PAGERANK_SCHEMA);
  const name = "pagerank";
  const alpha = options.alpha ?? 0.85;
  if (!(alpha >= 0 && alpha < 1)) throw new TwinningArgumentError(name, `alpha must be in [0, 1), got ${alpha}`);
  const { keys, start, target, strength } = strengthAdjacency(graph, options.weight === undefined ? "weight" : options.weight, name);
  const n = keys.length;
  if (n === 0) return {};
  const p = new Float64Array(n).fill(1 / n);
  if (options.personalization !== undefined) {
    p.fill(0);
    let total = 0;
    keys.forEach((key, i) => {
      const value = Object.hasOwn(options.personalization as object, key) ? (options.personalization as Record<string, number>)[key] : 0;
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new TwinningArgumentError(name, `personalization of ${JSON.stringify(key)} must be a finite number >= 0`);
      p[i] = value;
      total += value;
    });
    for (const key of Object.keys(options.personalization)) {
      if (!graph.hasNode(key)) throw new TwinningArgumentError(name, `personalization names ${JSON.stringify(key)}, which is not a node of the graph`);
    }
    if (!(total > 0)) throw new TwinningArgumentError(name, "personalization must give some node a weight > 0");
    for (let i = 0; i < n; i++) p[i] = (p[i] as number) / total;
  }
  const outStrength = new Float64Array(n);
  for (let v = 0; v < n; v++) for (let e = start[v] as number; e < (start[v + 1] as number); e++) outStrength[v] = (outStrength[v] as number) + (strength[e] as number);
  let x = Float64Array.from({ length: n }, () => 1 / n);
  let next = new Float64Array(n);
  const tolerance = options.tolerance ?? 1e-14;
  const maxIterations = options.maxIterations ?? 100_000;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let dangling = 0;
    for (let v = 0; v < n; v++) if (outStrength[v] === 0) dangling += x[v] as number;
    dangling *= alpha;
    for (let v = 0; v < n; v++) next[v] = dangling * (p[v] as number) + (1 - alpha) * (p[v] as number);
    for (let v = 0; v < n; v++) {
      const share = outStrength[v] as number;
      if (share === 0) continue;
      const flow = (alpha * (x[v] as number)) / share;
      for (let e = start[v] as number; e < (start[v + 1] as number); e++) next[target[e] as number] = (next[target[e] as number] as number) + flow * (strength[e] as number);
    }
    let error = 0;
    for (let v = 0; v < n; v++) error += Math.abs((next[v] as number) - (x[v] as number));
    [x, next] = [next, x];
    if (error < n * tolerance) return record(keys, x);
  }
  throw new TwinningConvergenceError(`pagerank: no convergence in ${maxIterations} iterations`);
}

/** Tolerance and iteration limit of a power iteration. */
export interface PowerOptions {
  weight?: string | null;
  tolerance?: number;
  maxIterations?: number;
}

/**
 * Eigenvector centrality by node key (unit Euclidean norm), NetworkX's iteration.
 * @example
 * eigenvector(graph) // { A: 0.61, ... } (L2-normalised, as NetworkX)
 */
export function eigenvector(graph: AbstractGraph<Attributes, Attributes>, options: PowerOptions = {}): Record<string, number> {
  options = checkOptions<PowerOptions>("eigenvector", options, POWER_SCHEMA);
  const { keys, start, target, strength } = strengthAdjacency(graph, options.weight === undefined ? "weight" : options.weight, "eigenvector");
  const n = keys.length;
  if (n === 0) return {};
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  const tolerance = options.tolerance ?? 1e-14;
  const maxIterations = options.maxIterations ?? 100_000;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    next.set(x); // (A + I): start from the last vector itself
    for (let v = 0; v < n; v++) {
      const value = x[v] as number;
      for (let e = start[v] as number; e < (start[v + 1] as number); e++) next[target[e] as number] = (next[target[e] as number] as number) + value * (strength[e] as number);
    }
    let norm = 0;
    for (let v = 0; v < n; v++) norm += (next[v] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    let error = 0;
    for (let v = 0; v < n; v++) {
      next[v] = (next[v] as number) / norm;
      error += Math.abs((next[v] as number) - (x[v] as number));
    }
    [x, next] = [next, x];
    if (error < n * tolerance) return record(keys, x);
  }
  throw new TwinningConvergenceError(`eigenvector: no convergence in ${maxIterations} iterations (the graph may have no dominant eigenvalue)`);
}

/**
 * HITS hubs (who teaches) and authorities (who learns), each summing to 1.
 * @example
 * const { hubs, authorities } = hits(graph);
 */
export function hits(graph: AbstractGraph<Attributes, Attributes>, options: PowerOptions = {}): { hubs: Record<string, number>; authorities: Record<string, number> } {
  options = checkOptions<PowerOptions>("hits", options, POWER_SCHEMA);
  const { keys, start, target, strength } = strengthAdjacency(graph, options.weight === undefined ? "weight" : options.weight, "hits");
  const n = keys.length;
  if (n === 0) return { hubs: {}, authorities: {} };
  let hub = new Float64Array(n).fill(1 / n);
  const authority = new Float64Array(n);
  const nextHub = new Float64Array(n);
  const tolerance = options.tolerance ?? 1e-14;
  const maxIterations = options.maxIterations ?? 100_000;
  const sum = (v: Float64Array) => v.reduce((a, b) => a + b, 0);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    authority.fill(0);
    for (let v = 0; v < n; v++) for (let e = start[v] as number; e < (start[v + 1] as number); e++) authority[target[e] as number] = (authority[target[e] as number] as number) + (hub[v] as number) * (strength[e] as number);
    nextHub.fill(0);
    for (let v = 0; v < n; v++) for (let e = start[v] as number; e < (start[v + 1] as number); e++) nextHub[v] = (nextHub[v] as number) + (authority[target[e] as number] as number) * (strength[e] as number);
    const total = sum(nextHub);
    if (total === 0) return { hubs: record(keys, new Float64Array(n)), authorities: record(keys, new Float64Array(n)) };
    let error = 0;
    for (let v = 0; v < n; v++) {
      nextHub[v] = (nextHub[v] as number) / total;
      error += Math.abs((nextHub[v] as number) - (hub[v] as number));
    }
    hub = Float64Array.from(nextHub);
    if (error < n * tolerance) {
      authority.fill(0);
      for (let v = 0; v < n; v++) for (let e = start[v] as number; e < (start[v + 1] as number); e++) authority[target[e] as number] = (authority[target[e] as number] as number) + (hub[v] as number) * (strength[e] as number);
      const authorityTotal = sum(authority);
      for (let v = 0; v < n; v++) authority[v] = (authority[v] as number) / authorityTotal;
      return { hubs: record(keys, hub), authorities: record(keys, authority) };
    }
  }
  throw new TwinningConvergenceError(`hits: no convergence in ${maxIterations} iterations`);
}
