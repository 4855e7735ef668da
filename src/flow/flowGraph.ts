/**
 * The graph every flow function reads: a TwinningNetwork's peer graph (optionally one topic's
 * layer, optionally other contact weights) or a caller's graphology graph, with its strengths
 * checked. A zero strength means no contact: such edges are left out (a user who weights
 * "virtual-event" 0 leaves virtual events out). Negative, non-finite or missing strengths are
 * input errors that name the edge.
 */
import type { AbstractGraph, Attributes } from "graphology-types";
import { TwinningArgumentError } from "../core/errors.js";
import { nearest, showArgument, unknownName } from "../core/options.js";
import { buildPeerGraph, DEFAULT_CONTACT_WEIGHTS } from "../model/graphs.js";
import { sharedPeerGraph, TwinningNetwork } from "../model/network.js";
import { refuseMixedGraph } from "./edgeStrength.js";

/** Any graphology graph. */
export type AnyGraph = AbstractGraph<Attributes, Attributes>;

/** The input options shared by knowledgeFlow and backbone. */
export interface GraphInputOptions {
  /**
   * Contact weight per partnership or activity type (network input only), over the defaults:
   * `{ "virtual-event": 0 }` leaves virtual events out and keeps every other type's default
   * weight (DEFAULT_CONTACT_WEIGHTS). 0 leaves a type out.
   */
  weights?: Readonly<Record<string, number>>;
  /** Only the partnerships and activities on this topic (network input only). */
  topic?: string;
}

/** The peer graph of a network (or the graph itself), before strengths are checked. */
export function inputGraph(input: TwinningNetwork | AnyGraph, options: GraphInputOptions, name: string): AnyGraph {
  if (!(input instanceof TwinningNetwork)) {
    if (input === null || typeof input !== "object" || typeof (input as AnyGraph).forEachEdge !== "function") {
      throw new TwinningArgumentError(name, `expected a TwinningNetwork or a graphology graph, got ${showArgument(input)}`);
    }
    if (options.topic !== undefined || options.weights !== undefined) throw new TwinningArgumentError(name, "topic and weights apply to a TwinningNetwork, not to a graph");
    if (input.multi) throw new TwinningArgumentError(name, "multi graphs (parallel edges) are not supported: merge parallel edges first, adding their strengths");
    return input;
  }
  if (options.weights !== undefined) {
    // A weight for a type nobody uses is a misspelling (e.g. "virtual" for "virtual-event"): say so.
    const types = [...new Set([...Object.keys(DEFAULT_CONTACT_WEIGHTS), "partnership", "other", ...input.activities.map((activity) => activity.type)])];
    for (const type of Object.keys(options.weights)) {
      if (!types.includes(type)) {
        const near = nearest(type, types);
        throw new TwinningArgumentError(name, `weights: ${showArgument(type)} is neither an activity type of this network nor a default contact type${near === undefined ? `; known: ${types.join(", ")}` : `; did you mean ${showArgument(near)}?`}`);
      }
    }
    for (const [type, value] of Object.entries(options.weights)) {
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new TwinningArgumentError(name, `weights: the weight of ${showArgument(type)} must be a finite number >= 0, got ${showArgument(value)}`);
    }
  }
  // Given weights override the defaults type by type; types not named keep their default.
  const weights = options.weights === undefined ? DEFAULT_CONTACT_WEIGHTS : { ...DEFAULT_CONTACT_WEIGHTS, ...options.weights };
  if (options.topic !== undefined) {
    if (input.topic(options.topic) === undefined) throw new TwinningArgumentError(name, unknownName("topic", options.topic, input.topics.map((topic) => topic.id)));
    const topic = options.topic;
    // The layer holds the institutions the topic applies to, and the contacts on that topic.
    return buildPeerGraph(
      {
        ...input,
        institutions: input.institutionsForTopic(topic),
        partnerships: input.partnerships.filter((p) => p.topic === topic),
        activities: input.activities.filter((a) => a.topic === topic),
      },
      weights,
    ) as AnyGraph;
  }
  return (options.weights === undefined ? sharedPeerGraph(input) : buildPeerGraph(input, weights)) as AnyGraph;
}

/**
 * The graph with every strength checked (finite, >= 0; the error names the edge) and the edges of
 * zero strength left out. Returns the graph itself when nothing is left out (it is never changed).
 */
export function contactGraph(graph: AnyGraph, weight: string, name: string): { graph: AnyGraph; zeroEdges: number } {
  refuseMixedGraph(graph, name);
  let zeroEdges = 0;
  graph.forEachEdge((edge, attributes, source, target) => {
    const value = attributes[weight];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new TwinningArgumentError(name, `edge ${showArgument(edge)} (${showArgument(source)} -> ${showArgument(target)}) has ${weight} = ${showArgument(value)}; expected a finite strength >= 0 (0 means no contact)`);
    }
    if (value === 0) zeroEdges++;
  });
  if (zeroEdges === 0) return { graph, zeroEdges };
  const copy = graph.emptyCopy() as AnyGraph;
  graph.forEachEdge((edge, attributes, source, target) => {
    if ((attributes[weight] as number) === 0) return;
    if (graph.type === "undirected") copy.addUndirectedEdgeWithKey(edge, source, target, { ...attributes });
    else copy.addDirectedEdgeWithKey(edge, source, target, { ...attributes });
  });
  return { graph: copy, zeroEdges };
}

/** The institution id of a node (its `id` attribute, else the key). */
export function idOf(graph: AnyGraph, key: string): string {
  const id = graph.getNodeAttribute(key, "id");
  return typeof id === "string" ? id : key;
}
