/** Reading an edge's strength, strictly: graphology-metrics reads a missing or NaN weight as 1; we refuse. */
import type { Attributes } from "graphology-types";
import { TwinningArgumentError } from "../core/errors.js";
import { showArgument } from "../core/options.js";

/**
 * The strength of an edge (1 when `weight` is null). Throws, naming the function and the edge,
 * on a missing, non-finite or negative value, and on 0 when `positive` (a distance 1 / 0 is no path).
 */
export function edgeStrength(attributes: Attributes, weight: string | null, edge: string, source: string, target: string, name: string, positive: boolean): number {
  if (weight === null) return 1;
  const value = attributes[weight];
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    throw new TwinningArgumentError(name, `edge ${showArgument(edge)} (${showArgument(source)} -> ${showArgument(target)}) has ${weight} = ${showArgument(value)}; expected a finite strength ${positive ? "> 0" : ">= 0 (0 means no contact)"}`);
  }
  return value;
}

/** Refuses a graph of mixed directed and undirected edges, naming the function (one message for every metric). */
export function refuseMixedGraph(graph: { type: string }, name: string): void {
  if (graph.type === "mixed") throw new TwinningArgumentError(name, "mixed graphs are not supported; use a directed or an undirected graph");
}
