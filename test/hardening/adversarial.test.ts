/**
 * Inputs an adversarial review found giving confident wrong answers, raw errors or a hang; each is
 * now right or a clear error. The right values are checked against the same call on plain arrays
 * (the reference the typed arrays must match) or by hand.
 */
import { DirectedGraph, MultiDirectedGraph, UndirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { TwinningArgumentError, bootstrapCI, compareChanges, glassDelta, knowledgeFlow, mannWhitney, parseNetwork, permutationTest, welchTTest } from "../../src/index.js";
import { exampleFiles } from "../helpers.js";

describe("estimators on unusual arrays and magnitudes", () => {
  it("integer typed arrays give the same estimates as plain arrays (they used to be truncated when scaled)", () => {
    const plain = welchTTest([100, 120, 130], [90, 95, 99]);
    expect(welchTTest(new Uint8Array([100, 120, 130]) as never, new Uint8Array([90, 95, 99]) as never)).toEqual(plain);
    expect(welchTTest(new Int32Array([100, 120, 130]) as never, new Int32Array([90, 95, 99]) as never)).toEqual(plain);
    expect(glassDelta(new Uint8Array([100, 120, 130]) as never, new Uint8Array([90, 95, 99]) as never).estimate).toBeCloseTo(glassDelta([100, 120, 130], [90, 95, 99]).estimate, 12);
    const groups = (make: (values: number[]) => number[]) => ({
      treated: { before: make([50, 52, 48, 55, 51]), after: make([60, 61, 55, 66, 58]) },
      control: { before: make([49, 53, 47, 56, 50, 52]), after: make([51, 54, 50, 57, 52, 53]) },
    });
    expect(compareChanges(groups((v) => Int8Array.from(v) as never)).estimate).toBe(compareChanges(groups((v) => v)).estimate);
  });

  it("a DataView is refused by name, not with a raw TypeError", () => {
    expect(() => welchTTest(new DataView(new ArrayBuffer(8)) as never, [1, 2])).toThrow(/^welchTTest: x must be an array of numbers, got a DataView/);
  });

  it("subnormal magnitudes (1e-310) give the same t and p as the same data times 1e300", () => {
    const tiny = welchTTest([1e-310, 2e-310, 3e-310], [2e-310, 3e-310, 5e-310]);
    const scaled = welchTTest([1e-10, 2e-10, 3e-10], [2e-10, 3e-10, 5e-10]);
    expect(tiny.statistic).toBeCloseTo(scaled.statistic, 6);
    expect(tiny.pValue).toBeCloseTo(scaled.pValue, 6);
  });

  it("a difference beyond the largest double is an error, never an infinite estimate with a small p", () => {
    expect(() => welchTTest([1.7e308, 1.6e308, 1.5e308], [-1.7e308, -1.6e308, -1.5e308])).toThrow(/exceeds the largest double/);
  });

  it("Monte Carlo permutation p-values and bootstrap intervals do not depend on the order the values are listed in", () => {
    const x = [3.1, 4.7, 5.2, 6.0, 2.2];
    const y = [1.0, 2.5, 2.9, 3.3];
    const reversed = (values: number[]) => [...values].reverse();
    expect(permutationTest(reversed(x), reversed(y), { exactLimit: 0, resamples: 2000 }).pValue).toBe(permutationTest(x, y, { exactLimit: 0, resamples: 2000 }).pValue);
    const meanDifference = (a: number[], b: number[]) => a.reduce((s, v) => s + v, 0) / a.length - b.reduce((s, v) => s + v, 0) / b.length;
    expect(bootstrapCI([reversed(x), reversed(y)], meanDifference, { resamples: 999 }).ci).toEqual(bootstrapCI([x, y], meanDifference, { resamples: 999 }).ci);
  });

  it("an exact Mann-Whitney that would take minutes is refused with the way out", () => {
    const big = Array.from({ length: 2000 }, (_, i) => i + 0.5);
    expect(() => mannWhitney(big, big.map((v) => v + 0.25), { method: "exact" })).toThrow(/use method "asymptotic"/);
  });
});

describe("graphs and tables", () => {
  it("undirected contacts count as both given and received (in- and out-strength), by hand", () => {
    const graph = new UndirectedGraph();
    for (const [s, t, w] of [["a", "b", 1], ["b", "c", 5], ["c", "d", 1], ["a", "c", 2]] as const) graph.mergeEdge(s, t, { weight: w });
    const strengths = Object.fromEntries(knowledgeFlow(graph).nodes.map((row) => [row.id, [row.inStrength, row.outStrength]]));
    expect(strengths).toEqual({ a: [3, 3], b: [6, 6], c: [8, 8], d: [1, 1] });
  });

  it("a multi graph is refused with what to do, not graphology's internal error", () => {
    const graph = new MultiDirectedGraph();
    graph.addNode("a");
    graph.addNode("b");
    graph.addEdge("a", "b", { weight: 1 });
    graph.addEdge("a", "b", { weight: 2 });
    expect(() => knowledgeFlow(graph)).toThrow(TwinningArgumentError);
    expect(() => knowledgeFlow(graph)).toThrow(/multi graphs \(parallel edges\) are not supported/);
    expect(() => knowledgeFlow(new DirectedGraph())).not.toThrow();
  });

  it("a column named constructor is an attribute named constructor", () => {
    const files = exampleFiles();
    const lines = (files["institutions.csv"] as string).trimEnd().split("\n");
    files["institutions.csv"] = `${[`${lines[0]},constructor`, ...lines.slice(1).map((line, i) => `${line},${i}`)].join("\n")}\n`;
    const network = parseNetwork(files);
    expect(network.institutions[0]?.attributes).toHaveProperty("constructor");
    expect(Object.keys(network.institutions[0]?.attributes ?? {}).some((key) => key.includes("native code"))).toBe(false);
  });
});

describe("flow arguments", () => {
  it("a contact weight for a type nobody uses is an error with the nearest type; top() checks its metric and k", async () => {
    const { loadNetwork } = await import("../../src/index.js");
    const { EXAMPLE_FOLDER } = await import("../helpers.js");
    const network = await loadNetwork(EXAMPLE_FOLDER);
    // "virtual" begins one type only: that one is suggested (it listed every type).
    expect(() => knowledgeFlow(network, { weights: { virtual: 0 } })).toThrow('weights: "virtual" is neither an activity type of this network nor a default contact type; did you mean "virtual-event"?');
    expect(() => knowledgeFlow(network, { weights: { telepathy: 0 } })).toThrow(/weights: "telepathy" is neither an activity type of this network nor a default contact type; known: .*virtual-event/);
    const flow = knowledgeFlow(network, { weights: { "virtual-event": 0 } });
    expect(() => flow.top("bogus" as never, 3)).toThrow(/^FlowReport.top: metric: expected a numeric column/);
    expect(() => flow.top("hub", -1)).toThrow(/k: expected a whole number >= 0, got -1/);
    expect(flow.top("hub", 2)).toHaveLength(2);
  });
});
