/**
 * Child process of the loading benchmark: builds 1,000,000 score rows as CSV text (5,000
 * institutions, 20 topics, 10 periods), loads them with parseNetwork and prints the time and the
 * process's peak resident memory as JSON. Run alone so the memory is the load's own.
 */
import { parseNetwork } from "../../src/index.js";

const INSTITUTIONS = 5000;
const TOPICS = 20;
const PERIODS = 10;
const institutions: string[] = ["id,kind,beds"];
for (let i = 0; i < INSTITUTIONS; i++) institutions.push(`I${i},facility,${100 + (i % 300)}`);
const topics: string[] = ["id,min,max"];
for (let j = 0; j < TOPICS; j++) topics.push(`T${j},0,100`);
const periods: string[] = ["id,date"];
for (let k = 0; k < PERIODS; k++) periods.push(`P${k},${2015 + k}-01-01`);
const scores: string[] = ["institution,topic,period,value"];
for (let i = 0; i < INSTITUTIONS; i++) {
  for (let j = 0; j < TOPICS; j++) {
    for (let k = 0; k < PERIODS; k++) scores.push(`I${i},T${j},P${k},${(((i * 31 + j * 7 + k) * 7.3) % 100).toFixed(1)}`);
  }
}
const files = {
  "institutions.csv": institutions.join("\n"),
  "topics.csv": topics.join("\n"),
  "periods.csv": periods.join("\n"),
  "scores.csv": `${scores.join("\n")}\n`,
  "interests.csv": "institution,topic\nI0,T0\n",
};
scores.length = 0;
const bytes = files["scores.csv"].length;
const started = performance.now();
const cpu = process.cpuUsage();
const network = parseNetwork(files);
const ms = performance.now() - started;
// CPU time of every thread of the process (the main one and the garbage collector's): on a shared,
// loaded machine it is closer than wall time to what a quiet machine measures.
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
process.stdout.write(JSON.stringify({ rows: network.scores.length, ms, cpuMs, peakMiB: process.resourceUsage().maxRSS / 1024, scoresMB: bytes / 1e6 }));
