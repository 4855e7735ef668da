/**
 * Power and minimum detectable effects (issue 17): the pooled-t power of a grid of designs against
 * statsmodels' TTestIndPower in the same run (Debian's python3-statsmodels, when present), and the
 * simulated minimum detectable effect of each test at 4 against 6 and 12 against 18.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type EvaluationDesign, minimumDetectableEffect, pooledTTestPower } from "../../src/index.js";
import { type BenchRow, time } from "./harness.js";

const PYTHON = "/usr/bin/python3";

export function powerBench(): BenchRow[] {
  const grid: { n1: number; n2: number; d: number; alpha: number }[] = [];
  for (const [n1, n2] of [
    [3, 7],
    [4, 6],
    [10, 20],
    [12, 18],
    [30, 30],
  ] as const)
    for (const d of [0.2, 0.5, 0.8, 1.2, 2]) for (const alpha of [0.05, 0.01]) grid.push({ n1, n2, d, alpha });
  const rows: BenchRow[] = [];
  const ours = grid.map((r) => pooledTTestPower(r.d, r.n1, r.n2, r.alpha));
  rows.push({ task: "pooled t power", size: `${grid.length} designs`, who: "twinning-network pooledTTestPower", ms: time(() => grid.map((r) => pooledTTestPower(r.d, r.n1, r.n2, r.alpha))) });
  if (existsSync(PYTHON)) {
    try {
      const peer = JSON.parse(execFileSync(PYTHON, [join(import.meta.dirname, "peers", "statsmodels_power.py")], { input: JSON.stringify(grid), encoding: "utf8", timeout: 600_000 })) as { ms: number; powers: number[] };
      const worst = Math.max(...peer.powers.map((p, i) => Math.abs(p - (ours[i] as number))));
      rows.push({ task: "pooled t power", size: `${grid.length} designs`, who: "statsmodels TTestIndPower", ms: peer.ms, result: `max abs difference ${worst.toExponential(1)}` });
    } catch {
      rows.push({ task: "pooled t power", size: `${grid.length} designs`, who: "statsmodels TTestIndPower", note: "python3-statsmodels not available" });
    }
  }
  for (const [n1, n2] of [
    [4, 6],
    [12, 18],
  ] as const) {
    for (const test of ["welch", "permutation", "ancova", "cluster"] as const) {
      const design: EvaluationDesign = { treated: n1, control: n2, sd: 10, correlation: 0.6, test, ...(test === "cluster" ? { clusters: 6, icc: 0.1 } : {}) };
      const mde = minimumDetectableEffect(design);
      rows.push({
        task: `minimum detectable effect, ${test}`,
        size: `${n1} against ${n2}`,
        who: "twinning-network minimumDetectableEffect",
        ms: test === "permutation" ? time(() => minimumDetectableEffect(design), 1, false) : time(() => minimumDetectableEffect(design), 3),
        result: `${mde.effect.toFixed(2)} points (${mde.byFormula ? "formula" : `${mde.simulations} simulations`})`,
      });
    }
  }
  return rows;
}
