/**
 * A small benchmark harness: median wall time over repeated runs, peak RSS, and the table that
 * docs/benchmarks.md holds. Benchmarks are not tests: they never fail on time.
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

/** The repository's root. */
export const root = join(import.meta.dirname, "..", "..");

/**
 * Builds the package with the repository's tsup config into `out` (no declarations, no source
 * maps), so benchmarks run what users load, never a stale dist/ or the sources through a loader.
 */
export function buildPackage(out: string): void {
  rmSync(out, { recursive: true, force: true });
  execFileSync(join(root, "node_modules", ".bin", "tsup"), ["--out-dir", out, "--no-dts", "--no-sourcemap"], { cwd: root, stdio: "ignore" });
}

export interface BenchRow {
  /** What was run, in words. */
  task: string;
  /** Size of the problem. */
  size: string;
  /** Who ran it: "twinning-network" or a peer's name. */
  who: string;
  /** Median milliseconds, or undefined when the peer could not run (see note). */
  ms?: number;
  /** Result check shared by every row of a task (e.g. the objective), so rows are comparable. */
  result?: string;
  note?: string;
}

/** Median time in ms of `runs` calls (after one warm-up call when `warmUp`). */
export function time(run: () => unknown, runs = 5, warmUp = true): number {
  if (warmUp) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  return `Node ${process.versions.node}, ${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

export function table(rows: readonly BenchRow[]): string {
  const lines = ["| task | size | who | median time | result | note |", "|---|---|---|---:|---|---|"];
  for (const row of rows) {
    const ms = row.ms === undefined ? "not run" : row.ms >= 1000 ? `${(row.ms / 1000).toFixed(2)} s` : `${row.ms.toFixed(row.ms < 10 ? 2 : 0)} ms`;
    lines.push(`| ${row.task} | ${row.size} | ${row.who} | ${ms} | ${row.result ?? ""} | ${row.note ?? ""} |`);
  }
  return lines.join("\n");
}
