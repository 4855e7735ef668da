/** The NetworkX fixture of the flow tests (scripts/fixtures/flow.py -> test/fixtures/flow.json). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DirectedGraph, UndirectedGraph } from "graphology";

export interface FixtureGraph {
  name: string;
  directed: boolean;
  weighted: boolean;
  nodes: string[];
  /** [source, target, strength] */
  edges: [string, string, number][];
  metrics: Record<string, Record<string, number | null>>;
}

export const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "flow.json"), "utf8")) as { graphs: FixtureGraph[] };

/** The fixture graph as a graphology graph with `weight` = strength. */
export function build(spec: FixtureGraph): DirectedGraph | UndirectedGraph {
  const graph = spec.directed ? new DirectedGraph() : new UndirectedGraph();
  for (const node of spec.nodes) graph.addNode(node);
  for (const [source, target, weight] of spec.edges) graph.addEdge(source, target, { weight });
  return graph;
}

/** A case of the exact-arithmetic oracle (scripts/oracles/flow_exact.py -> test/fixtures/flow-exact.json). */
export interface ExactCase {
  name: string;
  source: string;
  directed: boolean;
  nodes: string[];
  /** [source, target, strength as "p/q"] */
  edges: [string, string, string][];
  betweenness: Record<string, number>;
  networkxNearTies: boolean;
  /** [source, target, alpha] per link (zero strengths and self-loops left out), in edge order. */
  disparity: [string, string, number][];
}

export const exactFixture = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "flow-exact.json"), "utf8")) as { cases: ExactCase[] };

/** The exact case as a graphology graph with `weight` = the float p / q. */
export function buildExact(spec: ExactCase): DirectedGraph | UndirectedGraph {
  const graph = spec.directed ? new DirectedGraph() : new UndirectedGraph();
  for (const node of spec.nodes) graph.addNode(node);
  for (const [source, target, fraction] of spec.edges) {
    const [p, q] = fraction.split("/").map(Number) as [number, number];
    graph.addEdge(source, target, { weight: p / q });
  }
  return graph;
}
