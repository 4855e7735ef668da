/**
 * The disparity filter (Serrano, Boguna and Vespignani, "Extracting the multiscale backbone of
 * complex weighted networks", PNAS 106(16), 2009): a link is kept when it carries significantly
 * more than its share of a node's strength under the null model that the node's strength is
 * spread uniformly at random over its k links.
 *
 * For a link of strength w at a node of strength s and k links, p = w / s and the link's alpha is
 * (1 - p)^(k - 1) (the paper's integral, eq. 2, in closed form). Directed graphs: the source side
 * uses out-strength and out-degree, the target side in-strength and in-degree; undirected graphs
 * use each end's strength and degree. A link's alpha is the smaller of its two sides, and the link
 * is kept when that alpha is below the significance level: significant for its source's teaching
 * or for its target's learning. A node with one link gives alpha 1 on that side (a single link
 * carries all of the strength by construction, so it is no evidence). Edges of zero strength are
 * no contact and are left out; self-loops carry no flow between institutions and are left out.
 * (1 - p)^(k - 1) is computed as exp((k - 1) log1p(-p)), which keeps full relative precision when
 * p is small.
 */

import { checkOptions, type OptionSchema } from "../core/options.js";
import type { TwinningNetwork } from "../model/network.js";
import type { BackboneLink } from "./FlowReport.js";
import { type AnyGraph, contactGraph, type GraphInputOptions, idOf, inputGraph } from "./flowGraph.js";

/** Options of backbone. */
export interface BackboneOptions extends GraphInputOptions {
  /** Significance level: links whose alpha is below it are kept (default 0.05). */
  alpha?: number;
}

/**
 * Defaults of BackboneOptions: alpha 0.05.
 * @example
 * backbone(network, { ...DEFAULT_BACKBONE_OPTIONS, alpha: 0.01 })
 */
export const DEFAULT_BACKBONE_OPTIONS = Object.freeze({ alpha: 0.05 });

const SCHEMA: OptionSchema<BackboneOptions> = {
  alpha: { type: "number", above: 0, max: 1 },
  weights: { type: "record" },
  topic: { type: "string" },
};

/** The backbone: the significance level and the kept links with their alphas. */
export interface Backbone {
  alpha: number;
  links: BackboneLink[];
}

/**
 * The disparity-filter backbone of a network's contact graph (or any weighted graphology graph).
 * @example
 * backbone(network, { alpha: 0.05 }).links // [{ source, target, weight, topics, alpha }, ...]
 */
export function backbone(input: TwinningNetwork | AnyGraph, options: BackboneOptions = {}): Backbone {
  const name = "backbone";
  const checked = checkOptions(name, options, SCHEMA);
  const o = { ...DEFAULT_BACKBONE_OPTIONS, ...checked };
  const { graph } = contactGraph(inputGraph(input, checked, name), "weight", name);
  return { alpha: o.alpha, links: disparityLinks(graph, o.alpha) };
}

/** The links (zero strengths and self-loops left out) whose disparity alpha is below `below`, with it, in edge order. */
export function disparityLinks(graph: AnyGraph, below: number): BackboneLink[] {
  const keys = graph.nodes();
  const index = new Map(keys.map((key, i) => [key, i]));
  const n = keys.length;
  const directed = graph.type === "directed";
  const outStrength = new Float64Array(n);
  const outDegree = new Float64Array(n);
  const inStrength = directed ? new Float64Array(n) : outStrength;
  const inDegree = directed ? new Float64Array(n) : outDegree;
  graph.forEachEdge((_edge, attributes, source, target) => {
    const w = attributes.weight as number;
    if (source === target || !(w > 0)) return;
    const s = index.get(source) as number;
    const t = index.get(target) as number;
    outStrength[s] = (outStrength[s] as number) + w;
    outDegree[s] = (outDegree[s] as number) + 1;
    inStrength[t] = (inStrength[t] as number) + w;
    inDegree[t] = (inDegree[t] as number) + 1;
  });
  const links: BackboneLink[] = [];
  graph.forEachEdge((_edge, attributes, source, target) => {
    const w = attributes.weight as number;
    if (source === target || !(w > 0)) return;
    const s = index.get(source) as number;
    const t = index.get(target) as number;
    const alpha = Math.min(sideAlpha(w, outStrength[s] as number, outDegree[s] as number), sideAlpha(w, inStrength[t] as number, inDegree[t] as number));
    if (!(alpha < below)) return;
    links.push({
      source: idOf(graph, source),
      target: idOf(graph, target),
      weight: w,
      topics: Array.isArray(attributes.topics) ? [...(attributes.topics as string[])] : [],
      alpha,
    });
  });
  return links;
}

/** (1 - w / s)^(k - 1): the probability, under uniform random shares, of a share at least w / s. */
function sideAlpha(w: number, s: number, k: number): number {
  if (k <= 1) return 1;
  const p = Math.min(1, w / s);
  return p === 1 ? 0 : Math.exp((k - 1) * Math.log1p(-p));
}
