/**
 * Modularity of a partition (Newman 2006; Leicht & Newman 2008 for directed graphs), with
 * NetworkX 2.8's formula: sum over communities of L_c / m - resolution * out_c * in_c / m^2
 * (directed; undirected: L_c / m - resolution * (deg_c / 2m)^2), weights as strengths.
 */
import type { AbstractGraph, Attributes } from "graphology-types";
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
  const strength = (attributes: Attributes) => (weight === null ? 1 : (attributes[weight] as number));
  const lookup = communities instanceof Map ? (node: string) => communities.get(node) : (node: string) => (Object.hasOwn(communities, node) ? (communities as Record<string, number>)[node] : undefined);
  const community = (node: string): number => {
    const label = lookup(node);
    if (typeof label !== "number") throw new TwinningArgumentError("modularity", `node ${showArgument(node)} has no community`);
    return label;
  };
  const inside = new Map<number, number>();
  const outSum = new Map<number, number>();
  const inSum = new Map<number, number>();
  let total = 0;
  const add = (map: Map<number, number>, key: number, value: number) => map.set(key, (map.get(key) ?? 0) + value);
  graph.forEachEdge((_edge, attributes, source, target) => {
    const w = strength(attributes);
    total += w;
    add(outSum, community(source), w);
    add(inSum, community(target), w);
    if (graph.type === "undirected") {
      add(outSum, community(target), w);
      add(inSum, community(source), w);
    }
    if (community(source) === community(target)) add(inside, community(source), w);
  });
  if (total === 0) return 0;
  let q = 0;
  if (graph.type === "undirected") {
    for (const [c, degree] of outSum) q += (inside.get(c) ?? 0) / total - resolution * (degree / (2 * total)) ** 2;
  } else {
    // A community with no outgoing strength adds nothing: L_c and out_c are both 0.
    for (const [c, out] of outSum) q += (inside.get(c) ?? 0) / total - (resolution * out * (inSum.get(c) ?? 0)) / (total * total);
  }
  return q;
}
