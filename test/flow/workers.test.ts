/**
 * Worker threads never hang the caller (issue 14 item 5): a worker that dies after taking a chunk,
 * or stops answering, is noticed by its missing progress; the caller computes its chunks itself,
 * and the values equal the single-thread ones bit for bit. Workers that cannot start give a warning.
 */
import { Worker } from "node:worker_threads";
import { DirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { distanceAdjacency } from "../../src/flow/distanceAdjacency.js";
import { runBrandes } from "../../src/flow/parallelBrandes.js";
import { knowledgeFlow, SeededRandom } from "../../src/index.js";

function graphOf(n: number, m: number, seed: number): DirectedGraph {
  const random = new SeededRandom(seed);
  const graph = new DirectedGraph();
  for (let i = 0; i < n; i++) graph.addNode(`n${i}`);
  while (graph.size < m) {
    const a = random.nextInt(n);
    const b = random.nextInt(n);
    if (a !== b) graph.mergeEdge(`n${a}`, `n${b}`, { weight: 1 + random.nextInt(5) });
  }
  return graph;
}

const sums = (n: number) => ({ total: new Float64Array(n), reach: new Float64Array(n), harmonic: new Float64Array(n) });
const same = (a: Float64Array, b: Float64Array) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));

// Faulty workers: each takes a chunk the way the kernel does (claim, mark as being computed), then fails.
const DIES_AFTER_CLAIM = `
const { workerData: d } = require("node:worker_threads");
const chunk = Atomics.add(d.control, 0, 1);
if (chunk < d.chunkCount) Atomics.compareExchange(d.control, 2 + d.chunkCount + chunk, 0, 1);
process.exit(1);`;
const HANGS_AFTER_CLAIM = `
const { workerData: d } = require("node:worker_threads");
const chunk = Atomics.add(d.control, 0, 1);
if (chunk < d.chunkCount) Atomics.compareExchange(d.control, 2 + d.chunkCount + chunk, 0, 1);
for (;;) {}`;
const DIES_BEFORE_MARKING = `
const { workerData: d } = require("node:worker_threads");
Atomics.add(d.control, 0, 1);
throw new Error("dies between claiming and marking");`;

describe("a failing worker does not hang the caller", () => {
  const graph = graphOf(300, 1500, 4);
  const adjacency = distanceAdjacency(graph, "weight", "test");
  const n = adjacency.keys.length;
  const reference = sums(n);
  const one = runBrandes(adjacency, true, reference, { threads: 1 });

  it.each([
    ["dies after taking a chunk", DIES_AFTER_CLAIM],
    ["loops forever after taking a chunk", HANGS_AFTER_CLAIM],
    ["dies between claiming and marking a chunk", DIES_BEFORE_MARKING],
  ])("a worker that %s: the caller computes its chunk after stallMs, with the same values and a warning", (_name, source) => {
    const mine = sums(n);
    // The faulty worker must take its chunk before the caller takes them all: start it and wait until it has.
    const run = runBrandes(adjacency, true, mine, {
      threads: 2,
      stallMs: 300,
      startWorker: (code, workerData) => {
        const worker = new Worker(code, { eval: true, workerData });
        const control = (workerData as { control: Int32Array }).control;
        const until = Date.now() + 5000;
        while (Atomics.load(control, 0) === 0 && Date.now() < until) Atomics.wait(control, 0, 0, 10);
        return worker;
      },
      workerSource: source,
    });
    expect(same(run.values, one.values)).toBe(true);
    for (const field of ["total", "reach", "harmonic"] as const) expect(same(mine[field], reference[field])).toBe(true);
    expect(run.warnings.join(" ")).toMatch(/stopped answering for 300 ms: the calling thread computed its 1 unfinished chunk/);
  });

  it("workers that cannot start: the values are right and the warning says so", () => {
    const mine = sums(n);
    const run = runBrandes(adjacency, true, mine, {
      threads: 4,
      startWorker: () => {
        throw new Error("ERR_ACCESS_DENIED (permission model)");
      },
    });
    expect(same(run.values, one.values)).toBe(true);
    expect(run.chunksElsewhere).toBe(0);
    expect(run.warnings).toEqual([expect.stringMatching(/^worker threads could not start \(ERR_ACCESS_DENIED \(permission model\)\): betweenness ran on the calling thread only/)]);
  });

  it("a one-thread knowledgeFlow run carries no worker warning", () => {
    const report = knowledgeFlow(graph, { threads: 1 });
    expect(report.warnings.some((w) => /worker/.test(w))).toBe(false);
  });
});
