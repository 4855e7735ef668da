/** GEXF and GraphML exports in-process (NetworkX reads them back in test/e2e/readers.test.ts). */
import { DirectedGraph, UndirectedGraph } from "graphology";
import { parse as parseGEXF } from "graphology-gexf";
import { describe, expect, it } from "vitest";
import { TwinningArgumentError, graphPositions, knowledgeFlow, loadNetwork, toGEXF, toGraphML } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";

const network = await loadNetwork(EXAMPLE_FOLDER);

describe("toGEXF and toGraphML", () => {
  it("graphology-gexf parses the GEXF back with every node, edge, metric and viz attribute", () => {
    const flow = knowledgeFlow(network);
    const graph = parseGEXF(DirectedGraph, toGEXF(network, { flow, positions: graphPositions(network) }));
    expect(graph.order).toBe(40);
    expect(graph.size).toBe(network.peers.size);
    const row = flow.nodes[3];
    if (row === undefined) throw new Error("no row");
    const attributes = graph.getNodeAttributes(row.id);
    expect(attributes.pagerank).toBe(row.pagerank);
    expect(attributes.community).toBe(row.community);
    expect(attributes.color).toMatch(/^rgb|^#/);
    expect(typeof attributes.x).toBe("number");
  });

  it("the same input gives the same files; the caller's graph is untouched; odd ids survive", () => {
    const graph = new DirectedGraph();
    graph.addNode("constructor", { group: "a" });
    graph.addNode("x&<y>", { group: "b" });
    graph.addEdge("constructor", "x&<y>", { weight: 2, topics: ["t1", "t2"] });
    const before = JSON.stringify(graph.export());
    const gexf = toGEXF(graph);
    const graphml = toGraphML(graph);
    expect(toGEXF(graph)).toBe(gexf);
    expect(toGraphML(graph)).toBe(graphml);
    expect(JSON.stringify(graph.export())).toBe(before);
    expect(graphml).toContain('<node id="x&amp;&lt;y&gt;">');
    expect(graphml).toContain('<node id="constructor">');
    expect(graphml).toMatch(/<key id="e\d+" for="edge" attr.name="topics" attr.type="string"\/>/);
    expect(graphml).toContain(">t1;t2</data>");
    expect(gexf).toContain('xmlns:viz="http://www.gexf.net/1.2draft/viz"');
  });

  it("rejects undirected graphs and non-graphs with the function's name", () => {
    expect(() => toGraphML(new UndirectedGraph())).toThrow(TwinningArgumentError);
    expect(() => toGraphML(new UndirectedGraph())).toThrow(/^toGraphML: expected a directed graph, got an undirected graph/);
    expect(() => toGEXF({} as never)).toThrow(/^toGEXF: expected a TwinningNetwork or a graphology graph/);
  });
});
