/** Loading: 100,000 score rows from CSV text, papaparse alone against the whole validated load. */
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
  ];
}
