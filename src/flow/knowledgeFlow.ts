/**
 * knowledgeFlow: every per-institution and network-level figure of the peer graph in one report.
 * Edge weights are STRENGTHS (contact intensity); path-based metrics (betweenness, closeness,
 * harmonic, average distance) use distance = 1 / strength. One all-sources pass serves all path
 * metrics; PageRank, eigenvector and HITS iterate on strengths; communities come from Louvain
 * (graphology-communities-louvain) with a seeded generator.
 */
import louvain from "graphology-communities-louvain";
import type { AbstractGraph, Attributes } from "graphology-types";
import { TwinningArgumentError, TwinningConvergenceError } from "../core/errors.js";
import { DEFAULT_CONTACT_WEIGHTS, buildPeerGraph } from "../model/graphs.js";
import { TwinningNetwork, sharedPeerGraph } from "../model/network.js";
import { SeededRandom } from "../core/random.js";
import { betweennessOf } from "./betweenness.js";
import { type DistanceSums, distanceAdjacency } from "./distanceAdjacency.js";
import { brokerage } from "./brokerage.js";
import { density, reciprocity, strongComponents, weakComponents } from "./components.js";
import { coreness } from "./coreness.js";
import { type FlowLink, FlowReport, type FlowRow } from "./FlowReport.js";
import { modularity as modularityOf } from "./modularity.js";
import { eigenvector, hits, pagerank } from "./spectral.js";
import { highPerformers } from "../model/highPerformers.js";

/** Options of knowledgeFlow. */
export interface KnowledgeFlowOptions {
  /** Contact weight per partnership or activity type (network input only). */
  weights?: Readonly<Record<string, number>>;
  /** Only the partnerships and activities on this topic (network input only). */
  topic?: string;
  /** Personalised PageRank from this institution: "whose knowledge reaches it". */
  personalizeFrom?: string;
  /** Seed of Louvain's random order (default 0). */
  seed?: number;
  /** Louvain resolution (default 1). */
  resolution?: number;
  /** Steps for the reach column: share of the others reachable within this many steps (default 2). */
  reachSteps?: number;
}

/**
 * Defaults of KnowledgeFlowOptions: seed 0, resolution 1, reach within 2 steps.
 * @example
 * knowledgeFlow(network, { ...DEFAULT_KNOWLEDGE_FLOW_OPTIONS, reachSteps: 3 })
 */
export const DEFAULT_KNOWLEDGE_FLOW_OPTIONS = Object.freeze({ seed: 0, resolution: 1, reachSteps: 2 });

/** Any graphology graph. */
export type AnyGraph = AbstractGraph<Attributes, Attributes>;

function graphOf(input: TwinningNetwork | AnyGraph, options: KnowledgeFlowOptions): AnyGraph {
  if (!(input instanceof TwinningNetwork)) {
    if (input === null || typeof input !== "object" || typeof (input as AnyGraph).forEachEdge !== "function") {
      throw new TwinningArgumentError("knowledgeFlow", "expected a TwinningNetwork or a graphology graph");
    }
    if (options.topic !== undefined || options.weights !== undefined) throw new TwinningArgumentError("knowledgeFlow", "topic and weights apply to a TwinningNetwork, not to a graph");
    return input;
  }
  if (options.topic !== undefined) {
    if (input.topic(options.topic) === undefined) throw new TwinningArgumentError("knowledgeFlow", `unknown topic ${JSON.stringify(options.topic)}`);
    const topic = options.topic;
    // The layer holds the institutions the topic applies to, and the contacts on that topic.
    return buildPeerGraph(
      {
        ...input,
        institutions: input.institutionsForTopic(topic),
        partnerships: input.partnerships.filter((p) => p.topic === topic),
        activities: input.activities.filter((a) => a.topic === topic),
      },
      options.weights ?? DEFAULT_CONTACT_WEIGHTS,
    ) as AnyGraph;
  }
  return (options.weights === undefined ? sharedPeerGraph(input) : buildPeerGraph(input, options.weights)) as AnyGraph;
}

/**
 * @example
 * const report = knowledgeFlow(network);
 * report.top("hub", 5);        // who teaches most
 * report.graph.isolates;       // who has no contact at all
 */
export function knowledgeFlow(input: TwinningNetwork | AnyGraph, options: KnowledgeFlowOptions = {}): FlowReport {
  const name = "knowledgeFlow";
  const o = { ...DEFAULT_KNOWLEDGE_FLOW_OPTIONS, ...options };
  if (!Number.isInteger(o.reachSteps) || o.reachSteps < 1) throw new TwinningArgumentError(name, `reachSteps must be a whole number >= 1, got ${o.reachSteps}`);
  const graph = graphOf(input, options);
  const warnings: string[] = [];
  const adjacency = distanceAdjacency(graph, "weight", name);
  const keys = adjacency.keys;
  const n = keys.length;
  const sums: DistanceSums = { total: new Float64Array(n), reach: new Float64Array(n), harmonic: new Float64Array(n) };
  const rawBetweenness = betweennessOf(adjacency, true, sums);
  const scale = n > 2 ? (adjacency.directed ? 1 : 0.5) * ((adjacency.directed ? 1 : 2) / ((n - 1) * (n - 2))) : adjacency.directed ? 1 : 0.5;
  const ranks = pagerank(graph);
  let personalized: Record<string, number> | undefined;
  if (o.personalizeFrom !== undefined) {
    const key = keys.find((k) => (graph.getNodeAttribute(k, "id") ?? k) === o.personalizeFrom);
    if (key === undefined) throw new TwinningArgumentError(name, `personalizeFrom names ${JSON.stringify(o.personalizeFrom)}, which is not in the graph`);
    personalized = pagerank(graph, { personalization: { [key]: 1 } });
  }
  let eigen: Record<string, number> | undefined;
  try {
    eigen = eigenvector(graph, { maxIterations: 10_000, tolerance: 1e-12 });
  } catch (error) {
    if (!(error instanceof TwinningConvergenceError)) throw error;
    warnings.push("eigenvector centrality did not converge (no dominant eigenvalue, e.g. a graph without cycles): reported as null");
  }
  let hubs: Record<string, number> = {};
  let authorities: Record<string, number> = {};
  try {
    ({ hubs, authorities } = hits(graph, { maxIterations: 10_000, tolerance: 1e-12 }));
  } catch (error) {
    if (!(error instanceof TwinningConvergenceError)) throw error;
    warnings.push("HITS did not converge: hub and authority reported as null");
  }
  const { constraint, effectiveSize } = brokerage(graph);
  const cores = coreness(graph);
  let communities: Record<string, number> = Object.fromEntries(keys.map((key, i) => [key, i]));
  let modularity = 0;
  if (graph.size > 0) {
    const random = new SeededRandom(o.seed);
    const detailed = louvain.detailed(graph, { getEdgeWeight: "weight", resolution: o.resolution, rng: () => random.next() });
    communities = detailed.communities;
    // Reported with NetworkX's formula (checked against it), not Louvain's internal figure.
    modularity = modularityOf(graph, communities, { resolution: o.resolution });
  }
  const weak = weakComponents(adjacency);
  const strong = strongComponents(adjacency);
  const reach = reachWithin(adjacency, o.reachSteps);
  const rows: FlowRow[] = keys.map((key, i) => {
    const attributes = graph.getNodeAttributes(key);
    let inStrength = 0;
    let outStrength = 0;
    graph.forEachInEdge(key, (_edge, edgeAttributes) => {
      inStrength += edgeAttributes.weight as number;
    });
    graph.forEachOutEdge(key, (_edge, edgeAttributes) => {
      outStrength += edgeAttributes.weight as number;
    });
    const reached = sums.reach[i] as number;
    const total = sums.total[i] as number;
    const closeness = total > 0 && n > 1 ? ((reached / total) * reached) / (n - 1) : 0;
    return {
      id: typeof attributes.id === "string" ? attributes.id : key,
      ...(typeof attributes.name === "string" ? { name: attributes.name } : {}),
      ...(typeof attributes.kind === "string" ? { kind: attributes.kind } : {}),
      ...(typeof attributes.group === "string" ? { group: attributes.group } : {}),
      inDegree: adjacency.directed ? graph.inDegree(key) : graph.degree(key),
      outDegree: adjacency.directed ? graph.outDegree(key) : graph.degree(key),
      inStrength: adjacency.directed ? inStrength : inStrength + outStrength,
      outStrength: adjacency.directed ? outStrength : inStrength + outStrength,
      betweenness: (rawBetweenness[i] as number) * scale,
      closeness,
      harmonic: sums.harmonic[i] as number,
      pagerank: ranks[key] as number,
      ...(personalized ? { personalizedPagerank: personalized[key] as number } : {}),
      eigenvector: eigen ? (eigen[key] as number) : null,
      hub: Object.hasOwn(hubs, key) ? (hubs[key] as number) : null,
      authority: Object.hasOwn(authorities, key) ? (authorities[key] as number) : null,
      constraint: constraint[key] ?? null,
      effectiveSize: effectiveSize[key] ?? null,
      coreness: cores[key] as number,
      community: communities[key] as number,
      reach: reach[i] as number,
      weakComponent: weak[i] as number,
      strongComponent: strong[i] as number,
    };
  });
  // For a network: how far each topic's high performers (top third, latest period) reach.
  const highPerformerReach: { topic: string; institution: string; reach: number }[] = [];
  if (input instanceof TwinningNetwork) {
    const reachById = new Map(rows.map((row) => [row.id, row.reach]));
    const topics = options.topic !== undefined ? [options.topic] : input.topics.map((t) => t.id);
    for (const topic of topics) {
      for (const performer of highPerformers(input, topic).performers) {
        const value = reachById.get(performer.institution);
        if (value !== undefined) highPerformerReach.push({ topic, institution: performer.institution, reach: value });
      }
    }
  }
  let pairs = 0;
  let distanceTotal = 0;
  for (let i = 0; i < n; i++) {
    pairs += sums.reach[i] as number;
    distanceTotal += sums.total[i] as number;
  }
  return new FlowReport(rows, {
    nodes: n,
    edges: graph.size,
    directed: adjacency.directed,
    density: density(adjacency),
    reciprocity: reciprocity(adjacency),
    weakComponents: n === 0 ? 0 : Math.max(...weak) + 1,
    strongComponents: n === 0 ? 0 : Math.max(...strong) + 1,
    isolates: rows.filter((row) => row.inDegree === 0 && row.outDegree === 0).map((row) => row.id),
    communities: new Set(Object.values(communities)).size,
    modularity,
    averageDistance: pairs > 0 ? distanceTotal / pairs : null,
    reachableShare: n > 1 ? pairs / (n * (n - 1)) : 0,
    reachSteps: o.reachSteps,
    highPerformerReach,
    weight: "contact intensity (a strength); path metrics use distance = 1 / weight",
    ...(options.topic !== undefined ? { topic: options.topic } : {}),
  }, warnings, linksOf(graph));
}

/** The graph's edges by institution id, in the graph's edge order. */
function linksOf(graph: AnyGraph): FlowLink[] {
  const idOf = (key: string) => {
    const id = graph.getNodeAttribute(key, "id");
    return typeof id === "string" ? id : key;
  };
  return graph.mapEdges((_edge, attributes, source, target) => ({
    source: idOf(source),
    target: idOf(target),
    weight: attributes.weight as number,
    topics: Array.isArray(attributes.topics) ? [...(attributes.topics as string[])] : [],
  }));
}

/** Share of the other nodes reachable within `steps` steps along edge directions (breadth-first). */
function reachWithin(adjacency: ReturnType<typeof distanceAdjacency>, steps: number): Float64Array {
  const n = adjacency.keys.length;
  const result = new Float64Array(n);
  const seen = new Int32Array(n).fill(-1);
  const frontier: number[] = [];
  for (let s = 0; s < n; s++) {
    seen[s] = s;
    frontier.length = 0;
    frontier.push(s);
    let count = 0;
    for (let step = 0; step < steps && frontier.length > 0; step++) {
      const next: number[] = [];
      for (const v of frontier) {
        for (let e = adjacency.start[v] as number; e < (adjacency.start[v + 1] as number); e++) {
          const w = adjacency.target[e] as number;
          if (seen[w] === s) continue;
          seen[w] = s;
          count++;
          next.push(w);
        }
      }
      frontier.splice(0, frontier.length, ...next);
    }
    result[s] = n > 1 ? count / (n - 1) : 0;
  }
  return result;
}
