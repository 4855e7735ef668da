/** knowledgeFlow passes the runner's warning on: workers that cannot start still give the right report, and the report says so. */
import { DirectedGraph } from "graphology";
import { describe, expect, it, vi } from "vitest";
import { knowledgeFlow } from "../../src/index.js";

// Every run of the parallel runner asks for 2 threads and cannot start a worker (as under Node's permission model).
vi.mock("../../src/flow/parallelBrandes.js", async (original) => {
  const real = await original<typeof import("../../src/flow/parallelBrandes.js")>();
  return {
    ...real,
    runBrandes: (...args: Parameters<typeof real.runBrandes>) =>
      real.runBrandes(args[0], args[1], args[2], {
        threads: 2,
        startWorker: () => {
          throw new Error("ERR_ACCESS_DENIED");
        },
      }),
  };
});

describe("knowledgeFlow when worker threads cannot start", () => {
  it("gives the single-thread values and a warning on the report", () => {
    const graph = new DirectedGraph();
    for (const [s, t, w] of [["a", "b", 1], ["b", "c", 2], ["c", "a", 1], ["a", "d", 3]] as const) graph.mergeEdge(s, t, { weight: w });
    const report = knowledgeFlow(graph, { betweenness: "exact" });
    expect(report.warnings).toContainEqual(expect.stringMatching(/^worker threads could not start \(ERR_ACCESS_DENIED\): betweenness ran on the calling thread only; the values are the same$/));
    // a -> b -> c -> a is a cycle; d hangs off a: only b and c lie between others.
    const byId = new Map(report.nodes.map((row) => [row.id, row.betweenness]));
    expect(byId.get("d")).toBe(0);
    expect(byId.get("b")).toBeGreaterThan(0);
  });
});
