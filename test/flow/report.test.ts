/** FlowReport's contract (one data object, frozen, JSON round trip, CSV), options, zero strengths and canonical communities. */
import { DirectedGraph, MultiDirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { backbone, betweenness, DEFAULT_CONTACT_WEIGHTS, FlowReport, knowledgeFlow, loadNetwork, SeededRandom } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";

const network = await loadNetwork(EXAMPLE_FOLDER);

describe("FlowReport: one data object, frozen, JSON round trip", () => {
  const report = knowledgeFlow(network);

  it("fromJSON(toJSON()) and fromJSON(text) restore an equal report (backbone included)", () => {
    const again = FlowReport.fromJSON(report.toJSON());
    expect(again.toJSON()).toEqual(report.toJSON());
    const text = FlowReport.fromJSON(JSON.stringify(report));
    expect(text.toJSON()).toEqual(report.toJSON());
    expect(text.backbone?.links.length).toBe(report.backbone?.links.length);
    expect(text.toCSV()).toBe(report.toCSV());
    expect(text.top("hub", 3)).toEqual(report.top("hub", 3));
  });

  it("is frozen, deeply", () => {
    expect(Object.isFrozen(report)).toBe(true);
    expect(Object.isFrozen(report.nodes)).toBe(true);
    expect(Object.isFrozen(report.nodes[0])).toBe(true);
    expect(Object.isFrozen(report.graph)).toBe(true);
    expect(Object.isFrozen(report.links)).toBe(true);
    expect(Object.isFrozen(report.backbone?.links[0])).toBe(true);
    expect(() => {
      (report.nodes as unknown as unknown[]).push(1);
    }).toThrow(TypeError);
  });

  it("its data are copied: changing the object it was built from changes nothing", () => {
    const data = report.toJSON();
    const built = new FlowReport(data);
    (data.nodes[0] as { betweenness: number }).betweenness = 99;
    expect(built.nodes[0]?.betweenness).toBe(report.nodes[0]?.betweenness);
    expect(() => new FlowReport(null as never)).toThrow(/^FlowReport: expected the data of a flow report/);
  });

  it("toCSV takes CSV options (formula neutralising can be turned off for machine readers)", () => {
    const graph = new DirectedGraph();
    graph.addNode("x", { id: "=HYPERLINK(1)" });
    graph.addNode("y", { id: "plain" });
    graph.addEdge("x", "y", { weight: 1 });
    const flow = knowledgeFlow(graph);
    expect(flow.toCSV()).toContain("'=HYPERLINK(1)");
    expect(flow.toCSV({ formulas: "keep" })).toMatch(/^=HYPERLINK\(1\)|\n=HYPERLINK\(1\)/m);
  });
});

describe("knowledgeFlow options are checked before any work", () => {
  it.each([
    [{ sead: 1 }, /^knowledgeFlow: sead: unknown option of knowledgeFlow; did you mean seed\?/],
    [{ seed: -1 }, /^knowledgeFlow: seed: expected an integer seed/],
    [{ reachSteps: 0 }, /^knowledgeFlow: reachSteps: expected at least 1/],
    [{ betweenness: "fast" }, /^knowledgeFlow: betweenness: expected "auto", "exact", "approximate"/],
    [{ epsilon: 0 }, /^knowledgeFlow: epsilon: expected more than 0/],
    [{ backbone: "yes" }, /^knowledgeFlow: backbone: expected true or false/],
    [{ weights: { "virtual-event": -1 } }, /^knowledgeFlow: weights: the weight of "virtual-event" must be a finite number >= 0, got -1/],
  ])("%j", (options, message) => {
    expect(() => knowledgeFlow(network, options as never)).toThrow(message);
  });

  it("betweenness, modularity and backbone check theirs too", () => {
    const graph = new DirectedGraph();
    graph.mergeEdge("a", "b", { weight: 1 });
    expect(() => betweenness(graph, { wieght: "weight" } as never)).toThrow(/^betweenness: wieght: unknown option of betweenness; did you mean weight\?/);
    expect(() => backbone(graph, { alpha: 2 })).toThrow(/^backbone: alpha: expected at most 1/);
  });
});

describe("zero strengths mean no contact", () => {
  it('weights { "virtual-event": 0 } leave virtual events out instead of failing the report', () => {
    const virtual = knowledgeFlow(network, { weights: { ...DEFAULT_CONTACT_WEIGHTS, "virtual-event": 0 } });
    expect(virtual.nodes).toHaveLength(40);
    // The network-wide co-design and virtual events link every ordered pair; leaving them out thins the graph.
    const without = knowledgeFlow(network, { weights: { ...DEFAULT_CONTACT_WEIGHTS, "co-design": 0, "virtual-event": 0 } });
    const all = knowledgeFlow(network);
    expect(without.nodes).toHaveLength(40);
    expect(without.graph.edges).toBeLessThan(all.graph.edges);
    expect(without.links.every((link) => link.weight > 0)).toBe(true);
    expect(without.warnings.some((w) => /strength 0 left out/.test(w))).toBe(true);
    // Given weights override the defaults type by type: naming only the types to change is the same.
    expect(knowledgeFlow(network, { weights: { "co-design": 0, "virtual-event": 0 } }).toJSON()).toEqual(without.toJSON());
  });

  it("a zero-weight edge of a graph is left out of every metric: the same report as without the edge", () => {
    const graph = new DirectedGraph();
    for (const [s, t, w] of [["a", "b", 1], ["b", "c", 2], ["c", "a", 1], ["a", "c", 0]] as const) graph.mergeEdge(s, t, { weight: w });
    const pruned = graph.copy();
    pruned.dropEdge("a", "c");
    const a = knowledgeFlow(graph);
    const b = knowledgeFlow(pruned);
    expect(a.nodes).toEqual(b.nodes);
    expect(a.graph.edges).toBe(2 + 1);
    expect(betweenness(graph)).toEqual(betweenness(pruned));
  });

  it("negative or non-finite strengths are input errors naming the edge", () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, "2"]) {
      const graph = new DirectedGraph();
      graph.mergeEdgeWithKey("e1", "a", "b", { weight: bad });
      expect(() => knowledgeFlow(graph)).toThrow(/^knowledgeFlow: edge "e1" \("a" -> "b"\) has weight = .*; expected a finite strength >= 0/);
    }
  });
});

describe("parallel edges", () => {
  it("path metrics keep the shortest of parallel edges (the strongest contact), in any edge order", () => {
    const multi = new MultiDirectedGraph();
    multi.mergeNode("a");
    multi.mergeNode("b");
    multi.mergeNode("c");
    multi.addEdge("a", "b", { weight: 1 });
    multi.addEdge("a", "b", { weight: 4 });
    multi.addEdge("b", "c", { weight: 2 });
    multi.addEdge("a", "c", { weight: 0.5 });
    const simple = new DirectedGraph();
    for (const [s, t, w] of [["a", "b", 4], ["b", "c", 2], ["a", "c", 0.5]] as const) simple.mergeEdge(s, t, { weight: w });
    // a -> b -> c: 1/4 + 1/2 = 0.75 < 1 / 0.5 = 2, so b lies on the only shortest a-c path.
    expect(betweenness(multi)).toEqual(betweenness(simple));
    expect(betweenness(multi).b).toBe(0.5);
  });
});

describe("Louvain communities are numbered canonically", () => {
  it("shuffled node and edge insertion orders give the same labels per institution (community 0 holds the smallest id)", () => {
    const random = new SeededRandom(9);
    const edges: [string, string, number][] = [];
    const ids = Array.from({ length: 30 }, (_, i) => `inst-${String(i).padStart(2, "0")}`);
    // Three planted groups of ten, dense inside, sparse between.
    for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) if (i !== j && (Math.floor(i / 10) === Math.floor(j / 10) ? random.next() < 0.6 : random.next() < 0.02)) edges.push([ids[i] as string, ids[j] as string, 1 + random.nextInt(3)]);
    const labels = (seed: number) => {
      const order = new SeededRandom(seed);
      const nodes = [...ids];
      const list = [...edges];
      for (const array of [nodes, list] as unknown[][]) {
        for (let i = array.length - 1; i > 0; i--) {
          const j = order.nextInt(i + 1);
          [array[i], array[j]] = [array[j], array[i]];
        }
      }
      const graph = new DirectedGraph();
      for (const id of nodes) graph.addNode(id);
      for (const [s, t, w] of list) graph.addEdge(s, t, { weight: w });
      const report = knowledgeFlow(graph, { seed: 1 });
      return Object.fromEntries(report.nodes.map((row) => [row.id, row.community]));
    };
    const first = labels(1);
    expect(first["inst-00"]).toBe(0);
    for (const seed of [2, 3, 4]) expect(labels(seed)).toEqual(first);
  });
});
