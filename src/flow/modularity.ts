/**
 * Modularity of a partition (Newman 2006; Leicht & Newman 2008 for directed graphs), with
 * NetworkX 2.8's formula: sum over communities of L_c / m - resolution * out_c * in_c / m^2
 * (directed; undirected: L_c / m - resolution * (deg_c / 2m)^2), weights as strengths.
 */
import graphologyModularity from "graphology-metrics/graph/modularity.js";
import type { AbstractGraph, Attributes } from "graphology-types";
import { edgeStrength } from "./edgeStrength.js";
import { TwinningArgumentError } from "../core/errors.js";
import { checkOptions, type OptionSchema, showArgument } from "../core/options.js";

/** Options of modularity. */
export interface ModularityOptions {
  /** Edge attribute with the strength, or null for unweighted. Default "weight". */
  weight?: string | null;
  /** Resolution (default 1). */
  resolution?: number;
}

const SCHEMA: OptionSchema<ModularityOptions> = { weight: { type: "string", nullable: true }, resolution: { type: "number", min: 0 } };

/**
 * Modularity of a partition with NetworkX's formula (directed: Leicht-Newman); weight is a strength.
 * @example modularity(graph, { A: 0, B: 0, C: 1 })
 */
export function modularity(graph: AbstractGraph<Attributes, Attributes>, communities: Readonly<Record<string, number>> | ReadonlyMap<string, number>, options: ModularityOptions = {}): number {
  checkOptions("modularity", options, SCHEMA);
  if (communities === null || typeof communities !== "object") throw new TwinningArgumentError("modularity", `communities must be a Map or an object of node -> community, got ${showArgument(communities)}`);
  const weight = options.weight === undefined ? "weight" : options.weight;
  const resolution = options.resolution ?? 1;
  const lookup = communities instanceof Map ? (node: string) => communities.get(node) : (node: string) => (Object.hasOwn(communities, node) ? (communities as Record<string, number>)[node] : undefined);
  const community = (node: string): number => {
    const label = lookup(node);
    if (typeof label !== "number") throw new TwinningArgumentError("modularity", `node ${showArgument(node)} has no community`);
    return label;
  };
  let total = 0;
  graph.forEachEdge((edge, attributes, source, target) => {
    total += edgeStrength(attributes, weight, edge, source, target, "modularity", false);
    community(source);
    community(target);
  });
  if (total === 0) return 0;
  // graphology-metrics' modularity (sparse, directed: Leicht-Newman) gives NetworkX's values on the
  // fixtures to the last bits (test/flow/pathMetrics.test.ts); we only check the input first.
  return graphologyModularity(graph, { getNodeCommunity: (node: string) => community(node), getEdgeWeight: weight, resolution });
}
