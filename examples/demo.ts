/**
 * The demo: loads the bundled Rwanda example (synthetic values) and prints what a programme
 * officer would want to see first. Run with `npm run demo`.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { TwinningInputError, safeLoadNetwork } from "../src/index.js";

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
