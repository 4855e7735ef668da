/**
 * Resampling speed against SciPy on the same data in the same run: the exact permutation test of
 * 30 institutions split 12/18, 100,000 Monte Carlo permutations, and a BCa bootstrap with 10,000
 * resamples. SciPy runs in a Python subprocess (Debian's python3-scipy) when present.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { bootstrapCI, loadNetwork, mannWhitney, permutationTest, SeededRandom, selectionEffects } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";
import { type BenchRow, time } from "./harness.js";

const PYTHON = "/usr/bin/python3";

function data() {
  const random = new SeededRandom(12);
  const draw = (shift: number, n: number) => Array.from({ length: n }, () => Math.round((shift + 10 * random.next()) * 10) / 10);
  const doubles = (shift: number, n: number) => Array.from({ length: n }, () => shift + 10 * random.next());
  return { x: draw(2, 12), y: draw(0, 18), smallX: draw(1, 10), smallY: draw(0, 10), x12: doubles(2, 12), y18: doubles(0, 18), x20: doubles(1, 20), y20: doubles(0, 20), mwSmall: doubles(0.5, 8), mwLarge: doubles(0, 3000) };
}

interface PeerTimes {
  exactSmall: { ms: number };
  monteCarlo: { ms: number; pValue: number };
  bca: { ms: number; ci: number[] };
  mannWhitney300?: { ms: number; pValue: number };
}

function scipy(input: ReturnType<typeof data>): PeerTimes | undefined {
  if (!existsSync(PYTHON)) return undefined;
  try {
    const output = execFileSync(PYTHON, [join(import.meta.dirname, "peers", "scipy_effects.py")], { input: JSON.stringify(input), encoding: "utf8", timeout: 600_000 });
    return JSON.parse(output) as PeerTimes;
  } catch {
    return undefined;
  }
}

export async function effectsBench(): Promise<BenchRow[]> {
  const input = data();
  const meanDifference = (a: number[], b: number[]) => {
    let sa = 0;
    for (const v of a) sa += v;
    let sb = 0;
    for (const v of b) sb += v;
    return sa / a.length - sb / b.length;
  };
  const peer = scipy(input);
  const rows: BenchRow[] = [];
  const exact = permutationTest(input.x, input.y);
  rows.push({ task: "exact permutation test", size: "12 + 18 values, 86,493,225 splits", who: "twinning-network permutationTest", ms: time(() => permutationTest(input.x, input.y), 3, false), result: `p = ${exact.pValue.toPrecision(6)}` });
  const perSplit = peer ? peer.exactSmall.ms / 184_756 : undefined;
  rows.push({
    task: "exact permutation test",
    size: "12 + 18 values, 86,493,225 splits",
    who: "SciPy permutation_test (vectorised)",
    ...(perSplit !== undefined ? { ms: perSplit * 86_493_225 } : {}),
    note: perSplit !== undefined ? `extrapolated from its exact 10/10 run (184,756 splits in ${peer?.exactSmall.ms.toFixed(0)} ms, ${(perSplit * 1000).toFixed(2)} us per split)` : "not run: no Debian python3-scipy",
  });
  const doubles = permutationTest(input.x12, input.y18);
  rows.push({ task: "exact permutation test", size: "12 + 18 values with arbitrary decimals, 86,493,225 splits", who: "twinning-network permutationTest (meet in the middle)", ms: time(() => permutationTest(input.x12, input.y18), 3, false), result: `p = ${doubles.pValue.toPrecision(6)}`, note: "goal <= 50 ms (issue 12); was 10.7 s by enumeration" });
  const twenty = permutationTest(input.x20, input.y20);
  rows.push({ task: "exact permutation test", size: "20 + 20 values, 137,846,528,820 splits", who: "twinning-network permutationTest (meet in the middle)", ms: time(() => permutationTest(input.x20, input.y20), 1, false), result: `p = ${twenty.pValue.toPrecision(6)}`, note: "goal <= 2 s (issue 12); enumeration cannot finish" });
  const mw = mannWhitney(input.mwSmall, input.mwLarge);
  rows.push({ task: "exact Mann-Whitney", size: "8 vs 3,000 values", who: "twinning-network mannWhitney", ms: time(() => mannWhitney(input.mwSmall, input.mwLarge), 3, false), result: `p = ${mw.pValue.toPrecision(6)}`, note: "goal <= 100 ms (issue 12); was 17 s" });
  rows.push({
    task: "exact Mann-Whitney",
    size: "8 vs 300 values",
    who: "SciPy mannwhitneyu(method='exact')",
    ...(peer?.mannWhitney300 ? { ms: peer.mannWhitney300.ms, result: `p = ${peer.mannWhitney300.pValue.toPrecision(6)}` } : {}),
    note: peer ? "SciPy 1.10's exact method needs about 12 GB for 8 vs 3,000, so it runs on the first 300" : "not run: no Debian python3-scipy",
  });
  const network = await loadNetwork(EXAMPLE_FOLDER);
  const effects = selectionEffects(network, { baseline: "baseline", endline: "endline" });
  rows.push({ task: "selectionEffects", size: "the example, 12 topics", who: "twinning-network selectionEffects", ms: time(() => selectionEffects(network, { baseline: "baseline", endline: "endline" }), 3, false), result: `${effects.estimates.length} estimates`, note: "goal <= 500 ms (issue 12); was about 10 s" });
  const mc = permutationTest(input.x, input.y, { exactLimit: 0, resamples: 100_000, seed: 1 });
  rows.push({ task: "Monte Carlo permutation", size: "12 + 18 values, 100,000 permutations", who: "twinning-network permutationTest", ms: time(() => permutationTest(input.x, input.y, { exactLimit: 0, resamples: 100_000, seed: 1 })), result: `p = ${mc.pValue.toPrecision(4)}` });
  rows.push({ task: "Monte Carlo permutation", size: "12 + 18 values, 100,000 permutations", who: "SciPy permutation_test (vectorised)", ...(peer ? { ms: peer.monteCarlo.ms, result: `p = ${peer.monteCarlo.pValue.toPrecision(4)}` } : { note: "not run: no Debian python3-scipy" }) });
  const bca = bootstrapCI([input.x, input.y], meanDifference, { resamples: 10_000, seed: 1 });
  rows.push({ task: "BCa bootstrap", size: "12 + 18 values, 10,000 resamples", who: "twinning-network bootstrapCI", ms: time(() => bootstrapCI([input.x, input.y], meanDifference, { resamples: 10_000, seed: 1 }), 25), result: `[${bca.ci.map((v) => v.toFixed(3)).join(", ")}]` });
  rows.push({ task: "BCa bootstrap", size: "12 + 18 values, 10,000 resamples", who: "SciPy bootstrap (vectorised)", ...(peer ? { ms: peer.bca.ms, result: `[${peer.bca.ci.map((v) => v.toFixed(3)).join(", ")}]` } : { note: "not run: no Debian python3-scipy" }), note: "different random resamples, so intervals differ slightly" });
  return rows;
}


