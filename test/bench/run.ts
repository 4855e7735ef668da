/**
 * `npm run bench`: runs every benchmark with its peers in one process and writes the table to
 * docs/benchmarks.md. Pass names to run a subset (`npm run bench -- loading`).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BenchRow, machine, table } from "./harness.js";
import { loadingBench } from "./loading.bench.js";
import { planBench } from "./plan.bench.js";
import { planLpBench } from "./plan-lp.bench.js";
import { effectsBench } from "./effects.bench.js";
import { exactBetweennessBench, flowBench } from "./flow.bench.js";
import { powerBench } from "./power.bench.js";
import { entriesBench } from "./entries.bench.js";

const benches: Record<string, () => BenchRow[] | Promise<BenchRow[]>> = {
  loading: loadingBench,
  plan: planBench,
  "plan-lp": planLpBench,
  effects: effectsBench,
  flow: flowBench,
  "flow-exact": () => exactBetweennessBench(),
  power: powerBench,
  entries: entriesBench,
};

const wanted = process.argv.slice(2);
const rows: BenchRow[] = [];
for (const [name, bench] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`running ${name}...`);
  rows.push(...(await bench()));
}
const peakRss = process.resourceUsage().maxRSS / 1024;
const text = `# Benchmarks

Latest results of \`npm run bench\` (${new Date().toISOString().slice(0, 10)}, ${machine()}).
Median wall time of repeated runs after a warm-up; every row of a task ran in the same process on
the same input. Peak resident memory of the whole run: ${peakRss.toFixed(0)} MiB.

${table(rows)}
`;
console.log(text);
if (wanted.length === 0) writeFileSync(join(import.meta.dirname, "..", "..", "docs", "benchmarks.md"), text);
