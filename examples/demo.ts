/**
 * The demo: loads the bundled Rwanda example (synthetic values) and prints what a programme
 * officer would want to see first. Run with `npm run demo`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  assignPartners,
  auditStability,
  graphPositions,
  knowledgeFlow,
  safeLoadNetwork,
  selectionEffect,
  selectionEffects,
  TwinningInputError,
  toGEXF,
  withdrawalImpact,
} from "../src/index.js";
import { reportHTML } from "../src/view/index.js";

const folder = join(dirname(fileURLToPath(import.meta.url)), "data", "rwanda");

const pad = (text: string | number, width: number): string => String(text).padEnd(width);
const heading = (text: string): void => console.log(`\n${text}\n${"-".repeat(text.length)}`);

const result = await safeLoadNetwork(folder);
if (!result.ok) {
  console.error(new TwinningInputError(`loading ${folder}`, result.issues).message);
  process.exit(1);
}
const network = result.network;

console.log("twinning-network demo: Rwanda's Twinning Partnership Network (synthetic example values)");
console.log(`Loaded ${folder}`);
console.log(
  `Validation: passed, 0 issues. ${network.institutions.length} institutions, ${network.topics.length} topics, ` +
    `${network.scores.length} scores in ${network.periods.length} periods (${network.periodIds.join(" -> ")}), ` +
    `${network.interests.length} chosen topics, ${network.partnerships.length} partnerships, ${network.activities.length} activities.`,
);

heading("Institutions by kind and province");
const kinds = network.kinds;
console.log(`${pad("province", 14)}${kinds.map((kind) => pad(kind, 11)).join("")}total`);
for (const group of network.groups) {
  const counts = kinds.map((kind) => network.institutions.filter((i) => i.kind === kind && i.group === group).length);
  console.log(`${pad(group, 14)}${counts.map((count) => pad(count, 11)).join("")}${counts.reduce((a, b) => a + b, 0)}`);
}
const totals = kinds.map((kind) => network.institutionsOfKind(kind).length);
console.log(`${pad("all", 14)}${totals.map((count) => pad(count, 11)).join("")}${network.institutions.length}`);

heading("Topics (one indicator each) and how many chose them");
for (const topic of network.topics) {
  const eligible = network.institutionsForTopic(topic.id).length;
  const direction = topic.higherIsBetter ? "higher is better" : "lower is better";
  const range = topic.min !== undefined && topic.max !== undefined ? `${topic.min}-${topic.max}` : "";
  console.log(
    `${pad(topic.id, 22)}${pad(topic.kinds?.join(", ") ?? "all", 10)}${pad(`${network.choosers(topic.id).length}/${eligible} chose`, 13)}` +
      `${pad(`${topic.unit ?? ""} ${range}`, 15)}${pad(direction, 18)}${topic.name}`,
  );
}

heading("Who chose what (priority order)");
for (const institution of network.institutions) {
  const chosen = network.interests
    .filter((interest) => interest.institution === institution.id)
    .sort((a, b) => (a.priority ?? 99) - (b.priority ?? 99))
    .map((interest) => interest.topic);
  console.log(`${pad(institution.name, 24)}${pad(institution.group ?? "", 13)}${chosen.join(", ")}`);
}

heading("Peer contact graph (mentor -> mentee, weight = contact intensity)");
const peers = network.peers;
console.log(`${peers.order} institutions, ${peers.size} directed contacts (partnerships, coaching, visits and shared workshops).`);

heading("Plan: a high-performing partner for every chosen topic (capacity 3 per mentor)");
const plan = assignPartners(network, { capacity: 3 });
console.log(
  `${plan.covered} needs paired, ${plan.uncovered.length} uncovered, ${plan.selfSufficient.length} chosen topics where the institution is itself a high performer ` +
    `(top third of its kind). Optimal: ${plan.optimal ? "yes (maximum coverage, then least total cost)" : "no"}.`,
);
const nameOf = (id: string) => network.institution(id)?.name ?? id;
for (const institution of network.institutions) {
  const lines = network.chosenTopics(institution.id).map((topic) => {
    const pair = plan.pairs.find((p) => p.mentee === institution.id && p.topic === topic && p.role === "primary");
    if (pair) return `  ${pad(topic, 21)}-> ${pad(nameOf(pair.mentor), 22)}${pair.reason.split("; ").slice(0, 1).join("")}`;
    if (plan.selfSufficient.some((need) => need.institution === institution.id && need.topic === topic)) return `  ${pad(topic, 21)}   (itself a high performer)`;
    return `  ${pad(topic, 21)}   UNCOVERED: ${plan.uncovered.find((need) => need.institution === institution.id && need.topic === topic)?.reason}`;
  });
  console.log(`${institution.name}\n${lines.join("\n")}`);
}
console.log(`\nMentor load: ${Object.entries(plan.load).map(([id, load]) => `${nameOf(id)} ${load}`).join(", ")}`);

heading("When partners are scarce: same-province pairs only, capacity 2");
const tight = assignPartners(network, { capacity: 2, groups: "same" });
console.log(`${tight.covered} paired, ${tight.uncovered.length} uncovered. Why, and what would fix it:`);
for (const shortfall of tight.shortfalls.slice(0, 4)) {
  const needs = shortfall.needs.map((need) => `${nameOf(need.institution)} / ${need.topic}`).join(", ");
  console.log(`- ${needs}: ${shortfall.mentors.length} eligible mentor(s) with ${shortfall.capacity} slot(s) for ${shortfall.needs.length} need(s), deficit ${shortfall.deficit}`);
  for (const relaxation of shortfall.relaxations.slice(0, 2)) console.log(`    fix: ${relaxation.description} (+${relaxation.coverageGain} covered)`);
}
if (tight.shortfalls.length > 4) console.log(`  ... and ${tight.shortfalls.length - 4} more shortfalls`);

heading("Robustness and fairness");
const busiest = Object.entries(plan.load).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? "";
const impact = withdrawalImpact(network, plan, busiest);
console.log(
  `If ${nameOf(busiest)} withdrew: ${impact.lostPrimary.length} needs lose their partner; the repair changes ${impact.added.length} pair(s) ` +
    `(${impact.added.map((p) => `${nameOf(p.mentee)} / ${p.topic} -> ${nameOf(p.mentor)}`).join("; ")}).`,
);
const audit = auditStability(network, plan);
const stable = assignPartners(network, { capacity: 3, mode: "stable" });
console.log(
  `Stability: the optimal plan has ${audit.blockingPairs.length} blocking pair(s) (a mentee and a mentor who would both rather pair with each other); ` +
    `the stable mode has ${auditStability(network, stable).blockingPairs.length}, covering ${stable.covered} needs instead of ${plan.covered}.`,
);

heading("Knowledge flow: who teaches, who learns, who brokers (edge weight = contact intensity)");
const flow = knowledgeFlow(network, { seed: 1 });
const list = (rows: { id: string; name?: string }[], value: (row: (typeof flow.nodes)[number]) => number | null) =>
  rows.map((row) => `${row.name ?? row.id} (${(value(row as (typeof flow.nodes)[number]) ?? 0).toFixed(3)})`).join(", ");
console.log(`${flow.graph.nodes} institutions, ${flow.graph.edges} directed contacts, density ${flow.graph.density.toFixed(2)}, reciprocity ${flow.graph.reciprocity.toFixed(2)}, ${flow.graph.communities} communities (Louvain, seed 1, modularity ${flow.graph.modularity.toFixed(2)}).`);
console.log(`Teachers (HITS hub):          ${list(flow.top("hub", 5), (row) => row.hub)}`);
console.log(`Learners (HITS authority):    ${list(flow.top("authority", 5), (row) => row.authority)}`);
console.log(`Brokers (betweenness):        ${list(flow.top("betweenness", 5), (row) => row.betweenness)}`);
const lowConstraint = [...flow.nodes].filter((row) => row.constraint !== null).sort((a, b) => (a.constraint ?? 0) - (b.constraint ?? 0)).slice(0, 5);
console.log(`Least constrained (Burt):     ${list(lowConstraint, (row) => row.constraint)}`);
console.log(`Isolated (no contact at all): ${flow.graph.isolates.length === 0 ? "none" : flow.graph.isolates.join(", ")}`);
const accreditationLayer = knowledgeFlow(network, { topic: "accreditation" });
console.log(
  `On the accreditation layer alone: ${accreditationLayer.graph.edges} contacts among ${accreditationLayer.graph.nodes} hospitals; ` +
    `isolated there: ${accreditationLayer.graph.isolates.length} (${accreditationLayer.graph.isolates.join(", ")}).`,
);
for (const warning of flow.warnings) console.log(`warning: ${warning}`);

heading("Evaluation: did institutions improve more on the topics they chose? (baseline -> endline)");
console.log("Synthetic data with built-in differences: accreditation +5.6 points for hospitals that chose it, CBHI +4.8 pp for districts.");
for (const [topic, built] of [["accreditation", 5.6], ["cbhi", 4.8]] as const) {
  const effect = selectionEffect(network, { topic, baseline: "baseline", endline: "endline", clusterBy: "group" });
  const inside = effect.ci[0] <= built && built <= effect.ci[1];
  console.log(`\n${network.topic(topic)?.name} (${effect.n.treated} chose it, ${effect.n.control} did not)`);
  console.log(`  ${effect.toString()}`);
  console.log(`  built-in difference ${built} ${inside ? "lies inside" : "lies OUTSIDE"} the ${Math.round(effect.confidence * 100)}% interval`);
  const { ancova, clusterRobust } = effect;
  const ancovaText = ancova.estimable ? `ANCOVA (HC2) ${ancova.estimate.toFixed(2)} ${effect.unit}, 95% CI [${ancova.ci[0].toFixed(2)}, ${ancova.ci[1].toFixed(2)}]` : `ANCOVA not estimable (${ancova.reason})`;
  const clusteredText =
    clusterRobust === undefined ? "" : clusterRobust.estimable ? `; clustered by province (CR1, ${clusterRobust.clusters} clusters) 95% CI [${clusterRobust.ci[0].toFixed(2)}, ${clusterRobust.ci[1].toFixed(2)}]` : `; clustered: ${clusterRobust.reason}`;
  console.log(`  baseline means ${effect.baseline.treated.toFixed(1)} vs ${effect.baseline.control.toFixed(1)}; ${ancovaText}${clusteredText}`);
  console.log(`  Cliff's delta ${effect.cliffsDelta.estimate.toFixed(2)}; permutation ${effect.permutation.method}: p = ${effect.permutation.pValue.toPrecision(3)}`);
  for (const warning of effect.warnings) console.log(`  warning: ${warning}`);
}
const all = selectionEffects(network, { baseline: "baseline", endline: "endline", adjust: "holm", permutation: { exactLimit: 1e6, resamples: 100_000, seed: 1 } });
console.log("\nEvery topic (Holm-adjusted p over 12 topics):");
for (const effect of all.estimates) console.log(`  ${pad(effect.label, 21)}${effect.toString()}`);
for (const skipped of all.skipped) console.log(`  ${pad(skipped.topic, 21)}not compared: ${skipped.reason}`);

heading("Report: every table and picture on one page");
const reportFolder = join(dirname(fileURLToPath(import.meta.url)), "report");
await mkdir(reportFolder, { recursive: true });
const report = reportHTML({ network, plan, flow, effects: all, baseline: "baseline", endline: "endline", subtitle: "Synthetic example values (examples/data/rwanda)" });
await writeFile(join(reportFolder, "index.html"), report);
await writeFile(join(reportFolder, "network.gexf"), toGEXF(network, { flow, positions: graphPositions(network) }));
await writeFile(join(reportFolder, "forest-plot.svg"), all.toSVG());
console.log(`Wrote ${join(reportFolder, "index.html")} (open it in a browser), network.gexf (for Gephi) and forest-plot.svg.`);
console.log("The same from the command line: npx twinning-network report examples/data/rwanda --out report (in a clone of the repository: npm run cli -- report examples/data/rwanda --out report)");
