/**
 * Weighted betweenness on a random directed graph of 5,000 nodes and 25,000 edges (strengths 1 to
 * 10, distance = 1 / strength), against graphology-metrics on the same graph and python-igraph
 * (Debian's python3-igraph) when present, in one run.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { DirectedGraph } from "graphology";
import graphologyBetweenness from "graphology-metrics/centrality/betweenness.js";
import { SeededRandom, betweenness, brokerage, knowledgeFlow } from "../../src/index.js";
import { type BenchRow, time } from "./harness.js";

export function randomStrengthGraph(nodes: number, edges: number, seed: number): DirectedGraph {
  const random = new SeededRandom(seed);
  const graph = new DirectedGraph();
  for (let i = 0; i < nodes; i++) graph.addNode(String(i));
  while (graph.size < edges) {
    const source = String(random.nextInt(nodes));
    const target = String(random.nextInt(nodes));
    if (source !== target && !graph.hasEdge(source, target)) graph.addEdge(source, target, { weight: 1 + random.nextInt(10) });
  }
  return graph;
}

function maxDifference(a: Record<string, number>, b: Record<string, number>): number {
  let worst = 0;
  for (const key of Object.keys(a)) worst = Math.max(worst, Math.abs((a[key] as number) - (b[key] as number)));
  return worst;
}

export function flowBench(): BenchRow[] {
  const graph = randomStrengthGraph(5000, 25_000, 3);
  const size = "5,000 nodes, 25,000 directed edges, strengths 1-10";
  const ours = betweenness(graph);
  const threads = availableParallelism();
  const oursMs = time(() => betweenness(graph), 1, false);
  const rows: BenchRow[] = [
    { task: "weighted betweenness", size, who: `twinning-network betweenness, ${threads} threads (default: every core)`, ms: oursMs, result: `max ${Math.max(...Object.values(ours)).toFixed(6)}` },
  ];
  const single = betweenness(graph, { threads: 1 });
  const identical = Object.keys(ours).every((key) => Object.is(ours[key], single[key]));
  rows.push({
    task: "weighted betweenness",
    size,
    who: "twinning-network betweenness, 1 thread",
    ms: time(() => betweenness(graph, { threads: 1 }), 1, false),
    note: identical ? "same values as the default, bit for bit" : "VALUES DIFFER from the default run",
  });
  let theirs: Record<string, number> = {};
  const ms = time(
    () => {
      theirs = graphologyBetweenness(graph, { getEdgeWeight: (_edge, attributes) => 1 / (attributes.weight as number), normalized: true });
    },
    1,
    false,
  );
  rows.push({
    task: "weighted betweenness",
    size,
    who: "graphology-metrics 2.4 betweenness",
    ms,
    note: `largest difference from ours ${maxDifference(ours, theirs).toExponential(2)}; ours (default) is ${(ms / oursMs).toFixed(1)} times faster`,
  });
  const python = "/usr/bin/python3";
  if (existsSync(python)) {
    const edges = graph.mapEdges((_edge, attributes, source, target) => [Number(source), Number(target), 1 / (attributes.weight as number)]);
    try {
      const script = [
        "import json, sys, time, igraph",
        "data = json.loads(sys.stdin.read())",
        "g = igraph.Graph(n=5000, edges=[(s, t) for s, t, _ in data], directed=True)",
        "start = time.perf_counter(); b = g.betweenness(weights=[d for _, _, d in data]); ms = (time.perf_counter() - start) * 1000",
        "print(json.dumps({'ms': ms, 'max': max(b) / (4999 * 4998)}))",
      ].join("\n");
      const output = JSON.parse(execFileSync(python, ["-c", script], { input: JSON.stringify(edges), encoding: "utf8", timeout: 600_000 })) as { ms: number; max: number };
      rows.push({ task: "weighted betweenness", size, who: "python-igraph (C)", ms: output.ms, result: `max ${output.max.toFixed(6)}` });
    } catch (error) {
      rows.push({ task: "weighted betweenness", size, who: "python-igraph (C)", note: `not run: ${(error as Error).message.split("\n")[0]}` });
    }
  }
  rows.push({ task: "weighted betweenness", size, who: "NetworkX 2.8", note: "not run here: about 350 s on this machine (shared/ENVIRONMENT.md)" });
  const report = knowledgeFlow(graph);
  rows.push({
    task: "full knowledge-flow report",
    size,
    who: "twinning-network knowledgeFlow",
    ms: time(() => knowledgeFlow(graph), 1, false),
    result: `${report.graph.communities} communities`,
    note: "every per-institution metric and network figure; path metrics share one all-sources pass",
  });
  rows.push(...starBench(), ...nationalBench());
  return rows;
}

/** Burt's constraint on a star of 50,000 leaves (O(d^2) per node before issue 15: 264 s). */
export function starBench(): BenchRow[] {
  const graph = new DirectedGraph();
  graph.addNode("centre");
  let total = 0;
  let squares = 0;
  const weights: number[] = [];
  for (let i = 0; i < 50_000; i++) {
    const w = 1 + (i % 7);
    graph.addNode(`leaf${i}`);
    graph.addEdge("centre", `leaf${i}`, { weight: w });
    weights.push(w);
    total += w;
  }
  for (const w of weights) squares += (w / total) ** 2;
  let value = 0;
  const ms = time(() => {
    value = brokerage(graph).constraint.centre as number;
  }, 1, false);
  return [
    {
      task: "Burt's constraint and effective size",
      size: "star of 50,000 leaves",
      who: "twinning-network brokerage",
      ms,
      result: `centre ${value.toPrecision(6)}`,
      note: `closed form sum (w_i / W)^2 = ${squares.toPrecision(6)}; relative difference ${(Math.abs(value - squares) / squares).toExponential(1)}. Before issue 15 (O(d^2) per node): 264 s`,
    },
  ];
}

/** National scale: 200,000 nodes and 1,000,000 contacts (approximate betweenness, full report). */
export function nationalBench(): BenchRow[] {
  const graph = randomStrengthGraph(200_000, 1_000_000, 5);
  const size = "200,000 nodes, 1,000,000 directed edges, strengths 1-10";
  const rows: BenchRow[] = [];
  let samples = 0;
  rows.push({
    task: "approximate betweenness (epsilon 0.01, delta 0.1)",
    size,
    who: "twinning-network betweenness, method approximate, 1 thread",
    ms: time(() => betweenness(graph, { method: "approximate", epsilon: 0.01, delta: 0.1, seed: 1 }), 1, false),
    note: "Riondato-Kornaropoulos sample size, balanced bidirectional Dijkstra per sample; goal <= 60 s",
  });
  let calls = 0;
  let report: ReturnType<typeof knowledgeFlow> | undefined;
  const ms = time(() => {
    report = knowledgeFlow(graph, { onProgress: () => calls++ });
  }, 1, false);
  const method = report?.graph.betweennessMethod;
  if (method?.approximate) samples = method.samples;
  rows.push({
    task: "full knowledge-flow report",
    size,
    who: "twinning-network knowledgeFlow (betweenness auto: approximate)",
    ms,
    result: `${report?.graph.communities} communities, backbone ${report?.backbone?.graph.edges} links`,
    note: `${samples} sampled paths; ${calls} progress calls; goal <= 120 s`,
  });
  rows.push({
    task: "approximate betweenness (epsilon 0.01, delta 0.1)",
    size,
    who: "NetworKit KadabraBetweenness (C++)",
    note: "not run here (not installed); published: parallel KADABRA 65.3x faster than the original KADABRA on 32 cores (van der Grinten, Angriman, Meyerhenke, Euro-Par 2019); see docs/decisions.md",
  });
  return rows;
}
