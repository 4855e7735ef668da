/**
 * The weighted projection of the institution-topic graph onto institutions (NetworkX's
 * `bipartite.weighted_projected_graph`): two institutions are linked when they chose at least one
 * topic in common, and the edge weight is the number of topics they share (a strength).
 */
import { UndirectedGraph } from "graphology";
import { peerNodeKey } from "../model/graphs.js";
import type { TwinningNetwork } from "../model/network.js";

/** Edge of the interest projection: shared chosen topics and their count. */
export interface ProjectionEdgeAttributes {
  /** Number of chosen topics the two institutions share. */
  weight: number;
  /** The shared topics, sorted. */
  topics: string[];
}

/**
 * Institutions linked by the topics they both chose, weighted by how many (the weighted projection of the institution-topic graph).
 * @example interestProjection(network).size
 */
export function interestProjection(network: TwinningNetwork): UndirectedGraph<{ id: string; name: string; kind: string }, ProjectionEdgeAttributes> {
  const graph = new UndirectedGraph<{ id: string; name: string; kind: string }, ProjectionEdgeAttributes>();
  for (const institution of network.institutions) graph.addNode(peerNodeKey(institution.id), { id: institution.id, name: institution.name, kind: institution.kind });
  const edges = new Map<string, ProjectionEdgeAttributes>();
  for (const topic of network.topics) {
    const choosers = network.choosers(topic.id);
    for (let i = 0; i < choosers.length; i++) {
      for (let j = i + 1; j < choosers.length; j++) {
        const key = JSON.stringify([choosers[i], choosers[j]]);
        const entry = edges.get(key) ?? { weight: 0, topics: [] };
        entry.weight++;
        entry.topics.push(topic.id);
        edges.set(key, entry);
      }
    }
  }
  for (const [key, attributes] of edges) {
    const [a, b] = JSON.parse(key) as [string, string];
    graph.addUndirectedEdgeWithKey(key, peerNodeKey(a), peerNodeKey(b), { weight: attributes.weight, topics: attributes.topics.sort() });
  }
  return graph;
}
