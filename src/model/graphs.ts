/**
 * The two graphs of a network, built from its validated data.
 *
 * - `bipartite`: institutions and topics as nodes (keys `institution:<id>` and `topic:<id>`); an
 *   edge institution-topic wherever the institution has scores for the topic or chose it.
 * - `peers`: directed, mentor -> mentee (knowledge flows from mentor to mentee). The edge weight is
 *   a contact intensity, a strength: larger means more contact. Path-based metrics must turn it
 *   into a distance (1 / weight) explicitly.
 */
import { DirectedGraph, UndirectedGraph } from "graphology";
import type { AbstractGraph } from "graphology-types";
import type { NetworkContents } from "./types.js";

/**
 * Contact intensity added by one partnership or one event of each type. An exchange visit counts
 * more than a virtual workshop; any other activity label counts `other`. Chosen so that a year of
 * one twinning pair (a partnership, one visit, three coaching sessions) outweighs attending every
 * network-wide event together; see docs/decisions.md.
 * @example
 * knowledgeFlow(network, { weights: { ...DEFAULT_CONTACT_WEIGHTS, "virtual-event": 1 } })
 */
export const DEFAULT_CONTACT_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  partnership: 4,
  "exchange-visit": 3,
  coaching: 2,
  "co-design": 1,
  "learning-event": 1,
  "virtual-event": 0.5,
  other: 1,
});

/** A mentor -> mentee contact: strength (weight), counts and topics. */
export interface PeerEdgeAttributes {
  /** Contact intensity (a strength), the sum over partnerships and activities. */
  weight: number;
  /** Partnerships mentor -> mentee on this edge. */
  partnerships: number;
  /** Activity events (counting `count`) that contributed to this edge. */
  activities: number;
  /** Topics named on those partnerships and activities, sorted. */
  topics: string[];
}

/** An institution in the peer graph. */
export interface PeerNodeAttributes {
  /** The institution id (the node key differs only for ids such as "constructor"; see peerNodeKey). */
  id: string;
  name: string;
  kind: string;
  group?: string;
}

/** The directed peer graph (mentor -> mentee, weight = contact strength). */
export type PeerGraph = AbstractGraph<PeerNodeAttributes, PeerEdgeAttributes>;

/**
 * Node key of an institution in the bipartite graph.
 * @example institutionKey("kabgayi-hospital") // "institution:kabgayi-hospital"
 */
export const institutionKey = (id: string): string => `institution:${id}`;

/**
 * Names graphology cannot use as node keys: its adjacency lives in plain objects, so an edge to a
 * node called "constructor" or "__proto__" is taken for an existing one (graphology 0.26).
 */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * The peer graph's node key of an institution: its id, except that ids named like an
 * Object.prototype member, and ids that start with a backslash, get one leading backslash
 * (`constructor` -> `\constructor`). Every node also carries its true `id` attribute.
 * @example
 * peerNodeKey("constructor") // an escaped key graphology can store
 */
export function peerNodeKey(id: string): string {
  return PROTOTYPE_NAMES.has(id) || id.startsWith("\\") ? `\\${id}` : id;
}

/**
 * The institution id of a peer graph node key (the inverse of {@link peerNodeKey}).
 * @example
 * institutionIdOf(peerNodeKey("constructor")) // "constructor"
 */
export function institutionIdOf(key: string): string {
  return key.startsWith("\\") ? key.slice(1) : key;
}
/**
 * Node key of a topic in the bipartite graph.
 * @example topicKey("cbhi") // "topic:cbhi"
 */
export const topicKey = (id: string): string => `topic:${id}`;

/** The weight of one partnership or activity type under `weights` (falls back to `other`, then 1). */
export function contactWeight(type: string, weights: Readonly<Record<string, number>>): number {
  // Own properties only: an activity type called "constructor" must not find Object's.
  if (Object.hasOwn(weights, type)) return weights[type] as number;
  return Object.hasOwn(weights, "other") ? (weights.other as number) : 1;
}

/**
 * Builds the directed peer graph. Directed activities add their weight to from -> to. A group
 * event among k participants is undirected contact: every ordered pair of distinct participants
 * gets weight / (k - 1), so each participant's total contact from one event equals the event's
 * weight, whether it had 3 participants or 40.
 * @example
 * buildPeerGraph(network.toJSON(), { ...DEFAULT_CONTACT_WEIGHTS, coaching: 3 }).size
 */
export function buildPeerGraph(data: NetworkContents, weights: Readonly<Record<string, number>> = DEFAULT_CONTACT_WEIGHTS): PeerGraph {
  const graph = new DirectedGraph<PeerNodeAttributes, PeerEdgeAttributes>();
  for (const institution of data.institutions) {
    graph.addNode(peerNodeKey(institution.id), {
      id: institution.id,
      name: institution.name,
      kind: institution.kind,
      ...(institution.group !== undefined ? { group: institution.group } : {}),
    });
  }
  const topics = new Map<string, Set<string>>();
  // Edges by (source, target), so that merging contacts needs no lookup in the graph.
  const edges = new Map<string, { key: string; attributes: PeerEdgeAttributes }>();
  const add = (source: string, target: string, weight: number, partnerships: number, activities: number, topic: string | undefined) => {
    const pair = `${source}\u0000${target}`;
    let entry = edges.get(pair);
    if (entry === undefined) {
      // A deterministic edge key (graphology's generated keys depend on a global counter).
      const key = JSON.stringify([source, target]);
      graph.addEdgeWithKey(key, peerNodeKey(source), peerNodeKey(target), { weight: 0, partnerships: 0, activities: 0, topics: [] });
      entry = { key, attributes: graph.getEdgeAttributes(key) };
      edges.set(pair, entry);
    }
    const { key: edge, attributes } = entry;
    attributes.weight += weight;
    attributes.partnerships += partnerships;
    attributes.activities += activities;
    if (topic !== undefined) {
      const set = topics.get(edge) ?? new Set<string>();
      set.add(topic);
      topics.set(edge, set);
    }
  };
  const partnershipWeight = contactWeight("partnership", weights);
  for (const partnership of data.partnerships) add(partnership.mentor, partnership.mentee, partnershipWeight, 1, 0, partnership.topic);
  for (const activity of data.activities) {
    const weight = contactWeight(activity.type, weights) * activity.count;
    if (activity.from !== undefined && activity.to !== undefined) {
      add(activity.from, activity.to, weight, 0, activity.count, activity.topic);
    } else if (activity.participants !== undefined) {
      const share = weight / (activity.participants.length - 1);
      for (const source of activity.participants) {
        for (const target of activity.participants) {
          if (source !== target) add(source, target, share, 0, activity.count, activity.topic);
        }
      }
    }
  }
  for (const [edge, set] of topics) graph.setEdgeAttribute(edge, "topics", [...set].sort());
  return graph;
}

/** An institution or topic node. */
export interface BipartiteNodeAttributes {
  type: "institution" | "topic";
  id: string;
  name: string;
  kind?: string;
}

/** An institution-topic edge: chosen or not, priority, scores by period. */
export interface BipartiteEdgeAttributes {
  /** Whether the institution chose the topic. */
  chosen: boolean;
  priority?: number;
  /** Indicator values by period id. */
  scores: Record<string, number>;
}

/** The institution-topic graph. */
export type BipartiteGraph = AbstractGraph<BipartiteNodeAttributes, BipartiteEdgeAttributes>;

/**
 * Builds the institution-topic graph.
 * @example
 * buildBipartiteGraph(network.toJSON()).order // institutions + topics
 */
export function buildBipartiteGraph(data: NetworkContents): BipartiteGraph {
  const graph = new UndirectedGraph<BipartiteNodeAttributes, BipartiteEdgeAttributes>();
  for (const institution of data.institutions) {
    graph.addNode(institutionKey(institution.id), { type: "institution", id: institution.id, name: institution.name, kind: institution.kind });
  }
  for (const topic of data.topics) graph.addNode(topicKey(topic.id), { type: "topic", id: topic.id, name: topic.name });
  const edgeOf = (institution: string, topic: string): BipartiteEdgeAttributes => {
    const source = institutionKey(institution);
    const target = topicKey(topic);
    const key = JSON.stringify([institution, topic]);
    if (!graph.hasEdge(key)) graph.addUndirectedEdgeWithKey(key, source, target, { chosen: false, scores: {} });
    return graph.getEdgeAttributes(key);
  };
  // Scores by period: own properties via defineProperty, so a period named "__proto__" is data too.
  for (const score of data.scores) {
    Object.defineProperty(edgeOf(score.institution, score.topic).scores, score.period, { value: score.value, enumerable: true, writable: true, configurable: true });
  }
  for (const interest of data.interests) {
    const attributes = edgeOf(interest.institution, interest.topic);
    attributes.chosen = true;
    if (interest.priority !== undefined) attributes.priority = interest.priority;
  }
  return graph;
}
