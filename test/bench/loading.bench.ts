/**
 * Loading: 100,000 score rows from CSV text, papaparse alone against the whole validated load;
 * and 1,000,000 score rows loaded in a child process (loading-million.ts), so its peak memory is
 * the load's own. Goals (issue 13): at most 4 s and 1.5 GB.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import Papa from "papaparse";
import { parseNetwork } from "../../src/index.js";
import { type BenchRow, time } from "./harness.js";

export function loadingBench(): BenchRow[] {
  let institutions = "id,kind,beds\n";
  for (let i = 0; i < 5000; i++) institutions += `I${i},facility,${100 + (i % 300)}\n`;
  let topics = "id,min,max\n";
  for (let j = 0; j < 20; j++) topics += `T${j},0,100\n`;
  let scores = "institution,topic,period,value\n";
  for (let i = 0; i < 100_000; i++) scores += `I${i % 5000},T${Math.floor(i / 5000)},2022-01,${((i * 7.3) % 100).toFixed(1)}\n`;
  const files = { "institutions.csv": institutions, "topics.csv": topics, "scores.csv": scores, "interests.csv": "institution,topic\n" };
  const size = "100,000 score rows, 5,000 institutions";
  const count = parseNetwork(files).scores.length;
  return [
    { task: "read scores.csv", size, who: "papaparse alone (no validation)", ms: time(() => Papa.parse(scores)), result: `${count} rows` },
    { task: "read scores.csv", size, who: "twinning-network parseNetwork (parse, validate, build)", ms: time(() => parseNetwork(files)), result: `${count} rows` },
    millionRows(),
  ];
}

/** 1,000,000 score rows (5,000 institutions x 20 topics x 10 periods) in a fresh process: time and peak memory. */
function millionRows(): BenchRow {
  const child = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "loading-million.ts")], { encoding: "utf8", maxBuffer: 1 << 20 });
  const size = "1,000,000 score rows, 5,000 institutions (goal <= 4 s, <= 1.5 GB)";
  const who = "twinning-network parseNetwork, child process";
  if (child.status !== 0) return { task: "read scores.csv", size, who, result: `failed: ${child.stderr.split("\n")[0]}` };
  const measured = JSON.parse(child.stdout) as { rows: number; ms: number; cpuMs: number; peakMiB: number };
  return { task: "read scores.csv", size, who, ms: measured.ms, result: `${measured.rows} rows, peak ${measured.peakMiB.toFixed(0)} MiB, CPU ${(measured.cpuMs / 1000).toFixed(1)} s` };
}
