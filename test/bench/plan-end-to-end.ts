/**
 * One assignPartners run, end to end (network built beforehand, not timed), alone in this process:
 * prints its time (wall and CPU), what it covered and the process's peak resident memory (MiB). Arguments:
 * institutions, topics, kinds ("two" or "one"), options as JSON.
 */
import { assignPartners } from "../../src/index.js";
import { syntheticNetwork } from "../plan/synthetic.js";

const [size = "500", topics = "6", kinds = "two", optionsText = "{}"] = process.argv.slice(2);
const network = syntheticNetwork(7, Number(size), Number(topics), kinds === "one" ? ["hospital"] : ["hospital", "district"]);
const start = performance.now();
const cpuStart = process.cpuUsage();
const plan = assignPartners(network, JSON.parse(optionsText));
const ms = performance.now() - start;
// CPU time of the call (user + system): on a shared, loaded machine it says more than the wall time.
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
const backups = plan.pairs.filter((pair) => pair.role === "backup").length;
console.log(JSON.stringify({ ms, cpuMs, covered: plan.covered, uncovered: plan.uncovered.length, backups, objective: plan.objective, peakMiB: process.resourceUsage().maxRSS / 1024 }));
