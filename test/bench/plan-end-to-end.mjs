/**
 * One assignPartners run of the built package, alone in a plain Node process (no loader: what a
 * user's `import` runs), on a network given as JSON (TwinningNetwork.toJSON, built beforehand and
 * not timed). Prints its time (wall and CPU), what it covered and the process's peak resident
 * memory (MiB). Arguments: the package entry (index.node.mjs of a build), the network's JSON
 * file, options as JSON, optionally a JSON file of an earlier plan's pairs (option previous) and a
 * file to write the plan's pairs to. plan.bench.ts writes the network and the earlier plan.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [entry, networkFile, optionsText = "{}", previousFile, pairsOut] = process.argv.slice(2);
if (entry === undefined || networkFile === undefined) throw new Error("usage: node plan-end-to-end.mjs ENTRY NETWORK.json [OPTIONS_JSON] [PREVIOUS_PAIRS.json or -] [WRITE_PAIRS.json]");
const { TwinningNetwork, assignPartners } = await import(pathToFileURL(entry).href);
const network = TwinningNetwork.from(JSON.parse(readFileSync(networkFile, "utf8")));
// An earlier plan's pairs (read before the clock starts): the option `previous`.
const options = JSON.parse(optionsText);
if (previousFile !== undefined && previousFile !== "-") options.previous = JSON.parse(readFileSync(previousFile, "utf8"));
const start = performance.now();
const cpuStart = process.cpuUsage();
const plan = assignPartners(network, options);
const ms = performance.now() - start;
// CPU time of the call (user + system): on a shared, loaded machine it says more than the wall time.
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
const backups = plan.pairs.filter((pair) => pair.role === "backup").length;
if (pairsOut !== undefined) writeFileSync(pairsOut, JSON.stringify(plan.pairs.map(({ mentor, mentee, topic }) => ({ mentor, mentee, topic }))));
const kept = plan.pairs.filter((pair) => pair.kept).length;
console.log(JSON.stringify({ ms, cpuMs, covered: plan.covered, uncovered: plan.uncovered.length, backups, kept, objective: plan.objective, peakMiB: process.resourceUsage().maxRSS / 1024 }));
