/**
 * knowledgeFlow: every per-institution and network-level figure of the peer graph in one report.
 * Edge weights are STRENGTHS (contact intensity); path-based metrics (betweenness, closeness,
 * harmonic, average distance) use distance = 1 / strength. One all-sources pass serves all path
 * metrics; PageRank, eigenvector and HITS iterate on strengths; communities come from Louvain
 * (graphology-communities-louvain) with a seeded generator.
 */
import louvain from "graphology-communities-louvain";
import { TwinningArgumentError, TwinningConvergenceError } from "../core/errors.js";
import { checkOptions, OPTION_RULES, type OptionSchema, showArgument } from "../core/options.js";
import { SeededRandom } from "../core/random.js";
import { ascending } from "../core/typedArrays.js";
import { highPerformers } from "../model/highPerformers.js";
import { TwinningNetwork } from "../model/network.js";
import { disparityLinks } from "./backbone.js";
import { brokerage } from "./brokerage.js";
import { searchBuffers, singleSource } from "./closeness.js";
import { density, largestOf, reciprocity, strongComponents, weakComponents } from "./components.js";
import { coreness } from "./coreness.js";
import { type DistanceSums, distanceAdjacency } from "./distanceAdjacency.js";
import { type BetweennessMethod, FRESH, type FlowBackbone, type FlowLink, FlowReport, type FlowRow } from "./FlowReport.js";
import { type AnyGraph, contactGraph, type GraphInputOptions, idOf, inputGraph } from "./flowGraph.js";
import { modularity as modularityOf } from "./modularity.js";
import { runBrandes } from "./parallelBrandes.js";
import { sampledBetweenness } from "./sampledBetweenness.js";
import { eigenvector, hits, pagerank } from "./spectral.js";

export type { AnyGraph } from "./flowGraph.js";

/** Options of knowledgeFlow. */
export interface KnowledgeFlowOptions extends GraphInputOptions {
  /** Personalised PageRank from this institution: "whose knowledge reaches it". */
  personalizeFrom?: string;
  /** Seed of Louvain's random order and of betweenness sampling (default 0). */
  seed?: number;
  /** Louvain resolution (default 1). */
  resolution?: number;
  /** Steps for the reach column: share of the others reachable within this many steps (default 2). */
  reachSteps?: number;
  /** Report the disparity-filter backbone beside the full graph (default true). */
  backbone?: boolean;
  /** Significance level of the backbone (default 0.05). */
  backboneAlpha?: number;
  /**
   * "exact" (Brandes), "approximate" (sampling with the (epsilon, delta) guarantee), or "auto"
   * (default): approximate when nodes x (nodes + edges) exceeds APPROXIMATE_ABOVE (5e9).
   */
  betweenness?: "auto" | "exact" | "approximate";
  /** Largest error of approximate betweenness (default 0.01). */
  epsilon?: number;
  /** Probability that some node's approximate betweenness is off by more than epsilon (default 0.1). */
  delta?: number;
  /** Threads for exact betweenness, the calling one included (default: every core on large graphs). */
  threads?: number;
  /** Called as the report is computed: the stage's name and the share of it done (0 to 1). */
  onProgress?: (stage: string, done: number) => void;
}

/**
 * Defaults of KnowledgeFlowOptions: seed 0, resolution 1, reach within 2 steps, backbone at
 * alpha 0.05, betweenness "auto" with epsilon 0.01 and delta 0.1.
 * @example
 * knowledgeFlow(network, { ...DEFAULT_KNOWLEDGE_FLOW_OPTIONS, reachSteps: 3 })
 */
export const DEFAULT_KNOWLEDGE_FLOW_OPTIONS = Object.freeze({
  seed: 0,
  resolution: 1,
  reachSteps: 2,
  backbone: true,
  backboneAlpha: 0.05,
  betweenness: "auto" as "auto" | "exact" | "approximate",
  epsilon: 0.01,
  delta: 0.1,
});

/**
 * "auto" betweenness is approximate above this much work: nodes x (nodes + edges).
 * @example
 * const approximate = n * (n + edges) > APPROXIMATE_ABOVE; // what knowledgeFlow decides
 */
export const APPROXIMATE_ABOVE = 5e9;
/** Sources sampled for closeness, harmonic and distances when betweenness is approximate. */
const DISTANCE_SOURCES = 64;

const SCHEMA: OptionSchema<KnowledgeFlowOptions> = {
  weights: { type: "record" },
  topic: { type: "string" },
  personalizeFrom: { type: "string" },
  seed: OPTION_RULES.seed,
  resolution: { type: "number", above: 0 },
  reachSteps: OPTION_RULES.positiveInteger,
  backbone: { type: "boolean" },
  backboneAlpha: { type: "number", above: 0, max: 1 },
  betweenness: { type: "enum", values: ["auto", "exact", "approximate"] },
  epsilon: { type: "number", above: 0, below: 1 },
  delta: { type: "number", above: 0, below: 1 },
  threads: OPTION_RULES.threads,
  onProgress: { type: "function" },
};

/**
 * Louvain communities numbered canonically: community 0 holds the smallest institution id, 1 the
 * smallest id among the rest, and so on, so the labels do not depend on node insertion order.
 * @example
 * canonicalCommunities(["b", "a", "c"], [7, 3, 7]) // Int32Array [1, 0, 1]
 */
export function canonicalCommunities(ids: readonly string[], raw: readonly number[]): Int32Array {
  const smallest = new Map<number, string>();
  ids.forEach((id, i) => {
    const label = raw[i] as number;
    const current = smallest.get(label);
    if (current === undefined || id < current) smallest.set(label, id);
  });
  const order = [...smallest].sort((a, b) => ascending(a[1], b[1]));
  const name = new Map(order.map(([label], i) => [label, i]));
  return Int32Array.from(raw, (label) => name.get(label) as number);
}

/** Seeded Louvain with canonical labels; each node alone when there are no edges. */
function communitiesOf(graph: AnyGraph, keys: readonly string[], ids: readonly string[], seed: number, resolution: number): { labels: Int32Array; count: number; modularity: number } {
  if (graph.size === 0) return { labels: Int32Array.from(keys, (_k, i) => i), count: keys.length, modularity: 0 };
  const random = new SeededRandom(seed);
  const detailed = louvain.detailed(graph, { getEdgeWeight: "weight", resolution, rng: () => random.next() });
  const found = new Map(Object.entries(detailed.communities));
  const labels = canonicalCommunities(ids, keys.map((key) => found.get(key) as number));
  const partition = new Map(keys.map((key, i) => [key, labels[i] as number]));
  // Reported with NetworkX's formula (checked against it), not Louvain's internal figure.
  return { labels, count: new Set(labels).size, modularity: modularityOf(graph, partition, { resolution }) };
}

/**
 * Above this ratio of the longest link length to the shortest, the relative tie tolerance (1e-10)
 * of path lengths can absorb whole links: the metrics are then ill-conditioned and say so.
 */
const ILL_CONDITIONED_SPREAD = 1e9;

/** Longest / shortest positive link length (1 for a graph without links). */
function lengthSpread(lengths: Float64Array): number {
  let shortest = Number.POSITIVE_INFINITY;
  let longest = 0;
  for (const length of lengths) {
    if (length > 0 && length < shortest) shortest = length;
    if (length > longest) longest = length;
  }
  return longest > 0 && Number.isFinite(shortest) ? longest / shortest : 1;
}

/**
 * @example
 * const report = knowledgeFlow(network);
 * report.top("hub", 5);        // who teaches most
 * report.graph.isolates;       // who has no contact at all
 * report.backbone?.links;      // the contacts that carry significantly more than their share
 */
export function knowledgeFlow(input: TwinningNetwork | AnyGraph, options: KnowledgeFlowOptions = {}): FlowReport {
  const name = "knowledgeFlow";
  const checked = checkOptions(name, options, SCHEMA);
  const o = { ...DEFAULT_KNOWLEDGE_FLOW_OPTIONS, ...checked };
  const progress = (stage: string, done: number) => o.onProgress?.(stage, done);
  const warnings: string[] = [];
  progress("graph", 0);
  const { graph, zeroEdges } = contactGraph(inputGraph(input, checked, name), "weight", name);
  if (zeroEdges > 0) warnings.push(`${zeroEdges} contact${zeroEdges === 1 ? "" : "s"} of strength 0 left out (a zero strength means no contact)`);
  const adjacency = distanceAdjacency(graph, "weight", name);
  const spread = lengthSpread(adjacency.distance);
  if (spread > ILL_CONDITIONED_SPREAD) {
    warnings.push(
      `contact strengths span a factor of ${spread.toExponential(1)}: path lengths within a relative 1e-10 count as ties, so links over 1e10 times stronger than others act as zero-length links and the path metrics (betweenness, closeness) may not match exact arithmetic; rescale or cap the weights`,
    );
  }
  const keys = adjacency.keys;
  const ids = keys.map((key) => idOf(graph, key));
  const n = keys.length;
  const sums: DistanceSums = { total: new Float64Array(n), reach: new Float64Array(n), harmonic: new Float64Array(n) };
  const approximate = o.betweenness === "approximate" || (o.betweenness === "auto" && n * (n + adjacency.target.length) > APPROXIMATE_ABOVE);
  let betweennessValues: Float64Array;
  let method: BetweennessMethod = { approximate: false };
  progress("betweenness", 0);
  if (approximate) {
    const sampled = sampledBetweenness(adjacency, true, { epsilon: o.epsilon, delta: o.delta, seed: o.seed, onProgress: (done) => progress("betweenness", done) });
    // NetworkX's undirected betweenness counts each unordered pair once: half the ordered figure.
    betweennessValues = sampled.values;
    method = { approximate: true, epsilon: o.epsilon, delta: o.delta, samples: sampled.samples, seed: o.seed };
    warnings.push(`betweenness is approximate: each value is within ${o.epsilon} of the exact one with probability at least ${1 - o.delta} (Riondato-Kornaropoulos sampling, ${sampled.samples} shortest paths, seed ${o.seed})`);
    distanceSample(adjacency, sums, o.seed, (done) => progress("distances", done));
    if (n > DISTANCE_SOURCES) warnings.push(`closeness, harmonic centrality and the average distance are estimated from ${DISTANCE_SOURCES} sampled sources (no stated guarantee)`);
  } else {
    const run = runBrandes(adjacency, true, sums, o.threads === undefined ? {} : { threads: o.threads });
    warnings.push(...run.warnings);
    const scale = n > 2 ? (adjacency.directed ? 1 : 0.5) * ((adjacency.directed ? 1 : 2) / ((n - 1) * (n - 2))) : adjacency.directed ? 1 : 0.5;
    betweennessValues = run.values.map((v) => v * scale);
  }
  progress("betweenness", 1);
  progress("centralities", 0);
  const ranks = pagerank(graph);
  let personalized: Record<string, number> | undefined;
  if (o.personalizeFrom !== undefined) {
    const at = ids.indexOf(o.personalizeFrom);
    if (at === -1) throw new TwinningArgumentError(name, `personalizeFrom names ${showArgument(o.personalizeFrom)}, which is not in the graph`);
    personalized = pagerank(graph, { personalization: Object.defineProperty({}, keys[at] as string, { value: 1, enumerable: true }) as Record<string, number> });
  }
  let eigen: Record<string, number> | undefined;
  try {
    eigen = eigenvector(graph, { maxIterations: 10_000, tolerance: 1e-12 });
  } catch (error) {
    if (!(error instanceof TwinningConvergenceError)) throw error;
    warnings.push("eigenvector centrality did not converge (no dominant eigenvalue, e.g. a graph without cycles): reported as null");
  }
  let hubs: Record<string, number> | undefined;
  let authorities: Record<string, number> | undefined;
  try {
    ({ hubs, authorities } = hits(graph, { maxIterations: 10_000, tolerance: 1e-12 }));
  } catch (error) {
    if (!(error instanceof TwinningConvergenceError)) throw error;
    warnings.push("HITS did not converge: hub and authority reported as null");
  }
  progress("centralities", 0.5);
  const { constraint, effectiveSize } = brokerage(graph);
  const cores = coreness(graph);
  progress("centralities", 1);
  progress("communities", 0);
  const communities = communitiesOf(graph, keys, ids, o.seed, o.resolution);
  progress("communities", 1);
  const weak = weakComponents(adjacency);
  const strong = strongComponents(adjacency);
  const reach = reachWithin(adjacency, o.reachSteps);
  const own = <T,>(record: Record<string, T> | undefined, key: string): T | undefined => (record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined);
  const rows: FlowRow[] = keys.map((key, i) => {
    const attributes = graph.getNodeAttributes(key);
    let inStrength = 0;
    let outStrength = 0;
    if (graph.type === "undirected") {
      // An undirected contact is given and received at once: it counts on both sides (graphology's
      // in/out edge iterators skip undirected edges).
      graph.forEachEdge(key, (_edge, edgeAttributes) => {
        inStrength += edgeAttributes.weight as number;
      });
      outStrength = inStrength;
    } else {
      graph.forEachInEdge(key, (_edge, edgeAttributes) => {
        inStrength += edgeAttributes.weight as number;
      });
      graph.forEachOutEdge(key, (_edge, edgeAttributes) => {
        outStrength += edgeAttributes.weight as number;
      });
    }
    const reached = sums.reach[i] as number;
    const total = sums.total[i] as number;
    const closeness = total > 0 && n > 1 ? ((reached / total) * Math.min(reached, n - 1)) / (n - 1) : 0;
    return {
      id: ids[i] as string,
      ...(typeof attributes.name === "string" ? { name: attributes.name } : {}),
      ...(typeof attributes.kind === "string" ? { kind: attributes.kind } : {}),
      ...(typeof attributes.group === "string" ? { group: attributes.group } : {}),
      inDegree: adjacency.directed ? graph.inDegree(key) : graph.degree(key),
      outDegree: adjacency.directed ? graph.outDegree(key) : graph.degree(key),
      inStrength,
      outStrength,
      betweenness: betweennessValues[i] as number,
      closeness,
      harmonic: sums.harmonic[i] as number,
      pagerank: own(ranks, key) as number,
      ...(personalized ? { personalizedPagerank: own(personalized, key) as number } : {}),
      eigenvector: own(eigen, key) ?? null,
      hub: own(hubs, key) ?? null,
      authority: own(authorities, key) ?? null,
      constraint: own(constraint, key) ?? null,
      effectiveSize: own(effectiveSize, key) ?? null,
      coreness: own(cores, key) as number,
      community: communities.labels[i] as number,
      reach: reach[i] as number,
      weakComponent: weak[i] as number,
      strongComponent: strong[i] as number,
    };
  });
  // For a network: how far each topic's high performers (top third, latest period) reach.
  const highPerformerReach: { topic: string; institution: string; reach: number }[] = [];
  if (input instanceof TwinningNetwork) {
    const reachById = new Map(rows.map((row) => [row.id, row.reach]));
    const topics = o.topic !== undefined ? [o.topic] : input.topics.map((t) => t.id);
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
  let backboneData: FlowBackbone | undefined;
  if (o.backbone) {
    progress("backbone", 0);
    backboneData = backboneOf(graph, keys, ids, o.backboneAlpha, o.seed, o.resolution);
    progress("backbone", 1);
  }
  const report = new FlowReport({
    nodes: rows,
    graph: {
      nodes: n,
      edges: graph.size,
      directed: adjacency.directed,
      density: density(adjacency),
      reciprocity: reciprocity(adjacency),
      weakComponents: n === 0 ? 0 : largestOf(weak) + 1,
      strongComponents: n === 0 ? 0 : largestOf(strong) + 1,
      isolates: rows.filter((row) => row.inDegree === 0 && row.outDegree === 0).map((row) => row.id),
      communities: communities.count,
      modularity: communities.modularity,
      averageDistance: pairs > 0 ? distanceTotal / pairs : null,
      reachableShare: n > 1 ? Math.min(1, pairs / (n * (n - 1))) : 0,
      reachSteps: o.reachSteps,
      highPerformerReach,
      weight: "contact intensity (a strength); path metrics use distance = 1 / weight",
      ...(o.topic !== undefined ? { topic: o.topic } : {}),
      betweennessMethod: method,
    },
    warnings,
    links: linksOf(graph),
    ...(backboneData !== undefined ? { backbone: backboneData } : {}),
  }, FRESH);
  progress("report", 1);
  return report;
}

/** The backbone's links and its figures on the same nodes. */
function backboneOf(graph: AnyGraph, keys: readonly string[], ids: readonly string[], alpha: number, seed: number, resolution: number): FlowBackbone {
  const keyOf = new Map(ids.map((id, i) => [id, keys[i] as string]));
  const links = disparityLinks(graph, alpha);
  const kept = graph.emptyCopy() as AnyGraph;
  const touched = new Set<string>();
  for (const link of links) {
    const source = keyOf.get(link.source) as string;
    const target = keyOf.get(link.target) as string;
    touched.add(link.source).add(link.target);
    if (graph.type === "undirected") kept.mergeUndirectedEdge(source, target, { weight: link.weight });
    else kept.mergeDirectedEdge(source, target, { weight: link.weight });
  }
  const n = keys.length;
  const possible = n * (n - 1);
  const communities = communitiesOf(kept, keys, ids, seed, resolution);
  return {
    alpha,
    links,
    graph: {
      edges: links.length,
      density: n < 2 ? 0 : ((graph.type === "undirected" ? 2 : 1) * links.length) / possible,
      isolates: ids.filter((id) => !touched.has(id)),
      communities: communities.count,
      modularity: communities.modularity,
    },
  };
}

/**
 * Closeness, harmonic and distance sums estimated from sampled sources (n / k times the sums over
 * k sampled sources: unbiased for the harmonic sums and reach counts). Exact when k >= n.
 */
function distanceSample(adjacency: ReturnType<typeof distanceAdjacency>, sums: DistanceSums, seed: number, onProgress: (done: number) => void): void {
  const n = adjacency.keys.length;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = new SeededRandom(seed ^ 0x5bd1e995);
  const k = Math.min(n, DISTANCE_SOURCES);
  for (let i = 0; i < k; i++) {
    const j = i + random.nextInt(n - i);
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  const buffers = searchBuffers(n);
  const scale = n / k;
  for (let i = 0; i < k; i++) {
    onProgress(i / k);
    singleSource(adjacency, order[i] as number, true, buffers, (node, d) => {
      if (d === 0) return;
      sums.total[node] = (sums.total[node] as number) + d * scale;
      sums.reach[node] = (sums.reach[node] as number) + scale;
      sums.harmonic[node] = (sums.harmonic[node] as number) + scale / d;
    });
  }
  onProgress(1);
}

/** The graph's edges by institution id, in the graph's edge order. */
function linksOf(graph: AnyGraph): FlowLink[] {
  return graph.mapEdges((_edge, attributes, source, target) => ({
    source: idOf(graph, source),
    target: idOf(graph, target),
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
