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

describe("graph exports carry any text XML can carry", () => {
  const graphWith = (id: string, label: string) => {
    const graph = new DirectedGraph();
    graph.addNode(id, { name: label, group: "g" });
    graph.addNode("other", { group: "g" });
    graph.addEdge(id, "other", { weight: 1 });
    return graph;
  };

  it("whitespace, quotes, ]]>, right-to-left text and combining marks survive a GEXF round trip (graphology-gexf parser)", () => {
    const label = ' tab\there, line\nbreak, cr\rreturn "quoted" ]]> <b>&amp; עברית e\u0301 ';
    const id = "id with\ttab and\nnewline";
    const parsed = parseGEXF(DirectedGraph, toGEXF(graphWith(id, label)));
    expect(parsed.hasNode(id)).toBe(true);
    expect(parsed.getNodeAttribute(id, "label")).toBe(label);
  });

  it("GraphML writes tab, newline and carriage return as references, so a parser keeps them", () => {
    const graphml = toGraphML(graphWith("a\tb\nc\rd", "x\ry"));
    expect(graphml).toContain('<node id="a&#9;b&#10;c&#13;d">');
    expect(graphml).toContain(">x&#13;y</data>");
  });

  it.each([
    ["\u0001", "U+0001"],
    ["\u001F", "U+001F"],
    ["\uFFFF", "U+FFFF"],
    ["\uD800", "U+D800"],
    ["\uDC00", "U+DC00"],
  ])("refuses %j, which XML 1.0 cannot carry, naming %s, instead of writing a broken file", (character, name) => {
    for (const write of [toGEXF, toGraphML]) {
      expect(() => write(graphWith(`x${character}y`, "fine"))).toThrow(new RegExp(`a node id holds ${name.replace("+", "\\+")}, a character XML 1.0 cannot carry`));
      expect(() => write(graphWith("fine", `x${character}`))).toThrow(TwinningArgumentError);
    }
  });

  it("a surrogate pair (an emoji) is text, not a lone surrogate", () => {
    expect(toGraphML(graphWith("clinic 🏥", "ok"))).toContain('<node id="clinic 🏥">');
  });
});

describe("writers compute nothing", () => {
  it("without a flow report or positions, the GEXF holds no metrics and no positions; with them, exactly those given", () => {
    const bare = parseGEXF(DirectedGraph, toGEXF(network));
    const first = bare.nodes()[0] as string;
    expect(bare.getNodeAttribute(first, "pagerank")).toBeUndefined();
    expect(bare.getNodeAttribute(first, "x")).toBeUndefined();
    const positions = new Map(network.institutions.map((institution, i) => [institution.id, { x: i / 100, y: 0.5 }]));
    const placed = parseGEXF(DirectedGraph, toGEXF(network, { positions }));
    const id = network.institutions[3]?.id as string;
    expect(placed.getNodeAttribute(id, "x")).toBe(30);
    expect(placed.getNodeAttribute(id, "y")).toBe(500);
  });
});
