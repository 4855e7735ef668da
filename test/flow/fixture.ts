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
