/**
 * Generates the synthetic Rwanda example network in examples/data/rwanda/.
 *
 * The structure follows the published Twinning Partnership Network (Gasana et al., Global Health:
 * Science and Practice 12(5):e2300280, 2024): 10 hospitals and 30 districts in Rwanda's five
 * provinces, a baseline (August 2021) and an endline (February 2023), 2 to 3 chosen topics per
 * institution, and the published event table (co-design, a launch workshop in 4 sessions of 10,
 * 3 coaching sessions per member, 4 virtual and 4 provincial learning workshops, exchange visits).
 * Every value is SYNTHETIC: per-institution data were not published. The generator builds in
 * the published headline differences: hospitals that chose accreditation gain about 5.6 points
 * more than the others, districts that chose CBHI about 4.8 percentage points more.
 *
 * Run: npx tsx examples/data/generate-rwanda.ts   (seeded: the same files every time)
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SeededRandom } from "../../src/index.js";

const SEED = 20210801;
const out = join(dirname(fileURLToPath(import.meta.url)), "rwanda");

const random = new SeededRandom(SEED);
const uniform = (): number => random.next();
const normal = (): number => {
  const u = 1 - uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
};
const round1 = (x: number): number => Math.round(x * 10) / 10;
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const PROVINCES: Record<string, string[]> = {
  "Kigali City": ["Gasabo", "Kicukiro", "Nyarugenge"],
  Northern: ["Burera", "Gakenke", "Gicumbi", "Musanze", "Rulindo"],
  Southern: ["Gisagara", "Huye", "Kamonyi", "Muhanga", "Nyamagabe", "Nyanza", "Nyaruguru", "Ruhango"],
  Eastern: ["Bugesera", "Gatsibo", "Kayonza", "Kirehe", "Ngoma", "Nyagatare", "Rwamagana"],
  Western: ["Karongi", "Ngororero", "Nyabihu", "Nyamasheke", "Rubavu", "Rusizi", "Rutsiro"],
};
/** Real hospitals of Rwanda, chosen for illustration (not the programme's published list). */
const HOSPITALS: [string, string, string][] = [
  ["kibagabaga-hospital", "Kibagabaga Hospital", "Gasabo"],
  ["masaka-hospital", "Masaka Hospital", "Kicukiro"],
  ["ruhengeri-hospital", "Ruhengeri Hospital", "Musanze"],
  ["byumba-hospital", "Byumba Hospital", "Gicumbi"],
  ["kabgayi-hospital", "Kabgayi Hospital", "Muhanga"],
  ["nyanza-hospital", "Nyanza Hospital", "Nyanza"],
  ["rwamagana-hospital", "Rwamagana Hospital", "Rwamagana"],
  ["nyagatare-hospital", "Nyagatare Hospital", "Nyagatare"],
  ["gisenyi-hospital", "Gisenyi Hospital", "Rubavu"],
  ["kibuye-hospital", "Kibuye Hospital", "Karongi"],
];
const provinceOf = (district: string): string =>
  Object.entries(PROVINCES).find(([, districts]) => districts.includes(district))?.[0] ?? "";

interface TopicSpec {
  id: string;
  name: string;
  kind: "hospital" | "district";
  unit: string;
  min: number;
  max: number;
  higherIsBetter: boolean;
  /** Baseline mean and SD, secular change over the period, extra change for choosers (in "better" direction). */
  mean: number;
  sd: number;
  trend: number;
  effect: number;
  noise: number;
}
const TOPICS: TopicSpec[] = [
  { id: "accreditation", name: "Accreditation score", kind: "hospital", unit: "score", min: 0, max: 100, higherIsBetter: true, mean: 62, sd: 9, trend: 3, effect: 5.6, noise: 2.2 },
  { id: "ipc-compliance", name: "Infection prevention and control compliance", kind: "hospital", unit: "%", min: 0, max: 100, higherIsBetter: true, mean: 71, sd: 8, trend: 2, effect: 3, noise: 3 },
  { id: "csection-ssi", name: "Surgical site infection after caesarean section", kind: "hospital", unit: "%", min: 0, max: 100, higherIsBetter: false, mean: 6.5, sd: 1.8, trend: 0.5, effect: 1.2, noise: 0.9 },
  { id: "emr-use", name: "Electronic medical record use", kind: "hospital", unit: "%", min: 0, max: 100, higherIsBetter: true, mean: 48, sd: 14, trend: 8, effect: 6, noise: 5 },
  { id: "patient-satisfaction", name: "Patient satisfaction score", kind: "hospital", unit: "score", min: 0, max: 100, higherIsBetter: true, mean: 74, sd: 6, trend: 1, effect: 2, noise: 2.5 },
  { id: "stockout-days", name: "Tracer medicine stock-out days per quarter", kind: "hospital", unit: "days", min: 0, max: 92, higherIsBetter: false, mean: 14, sd: 5, trend: 2, effect: 3, noise: 2.5 },
  { id: "cbhi", name: "Community-based health insurance coverage", kind: "district", unit: "%", min: 0, max: 100, higherIsBetter: true, mean: 82, sd: 5, trend: 1.5, effect: 4.8, noise: 2.4 },
  { id: "anc4", name: "Four or more antenatal care visits", kind: "district", unit: "%", min: 0, max: 100, higherIsBetter: true, mean: 47, sd: 7, trend: 3, effect: 3, noise: 3 },
  { id: "facility-delivery", name: "Deliveries in a health facility", kind: "district", unit: "%", min: 0, max: 100, higherIsBetter: true, mean: 88, sd: 4, trend: 1, effect: 1.5, noise: 1.5 },
  { id: "stunting", name: "Stunting among children under five", kind: "district", unit: "%", min: 0, max: 100, higherIsBetter: false, mean: 33, sd: 6, trend: 1.5, effect: 1.5, noise: 1.5 },
  { id: "modern-fp", name: "Modern contraceptive prevalence", kind: "district", unit: "%", min: 0, max: 100, higherIsBetter: true, mean: 58, sd: 5, trend: 1.5, effect: 2.5, noise: 2.5 },
  { id: "hmis-timeliness", name: "Timely HMIS monthly reports", kind: "district", unit: "%", min: 0, max: 100, higherIsBetter: true, mean: 86, sd: 5, trend: 2, effect: 3, noise: 2 },
];

interface Member { id: string; name: string; kind: "hospital" | "district"; group: string; attributes: Record<string, number | string> }
const members: Member[] = [
  ...HOSPITALS.map(([id, name, district]) => ({
    id,
    name,
    kind: "hospital" as const,
    group: provinceOf(district),
    attributes: { district, beds: Math.round(120 + uniform() * 380), staff: 0 },
  })),
  ...Object.entries(PROVINCES).flatMap(([province, districts]) =>
    districts.map((district) => ({
      id: district.toLowerCase(),
      name: `${district} District`,
      kind: "district" as const,
      group: province,
      attributes: { population: Math.round(250_000 + uniform() * 650_000), health_centres: Math.round(10 + uniform() * 14) } as Record<string, number | string>,
    })),
  ),
];
for (const member of members) if (member.kind === "hospital") member.attributes.staff = Math.round(Number(member.attributes.beds) * (1.4 + uniform() * 0.6));

// Interests: 2 or 3 topics each; the flagship topic goes to 4 of 10 hospitals and 12 of 30 districts,
// chosen more often by institutions that start weaker (self-selection), as in the programme.
const quality = new Map(members.map((member) => [member.id, normal()]));
const chosen = new Map<string, string[]>(members.map((member) => [member.id, []]));
for (const [flagship, kind, count] of [["accreditation", "hospital", 4], ["cbhi", "district", 12]] as const) {
  const candidates = members.filter((member) => member.kind === kind);
  const ranked = candidates.map((member) => ({ member, key: (quality.get(member.id) ?? 0) + 0.8 * normal() })).sort((a, b) => a.key - b.key);
  for (const { member } of ranked.slice(0, count)) chosen.get(member.id)?.push(flagship);
}
for (const member of members) {
  const topics = chosen.get(member.id) ?? [];
  const want = 2 + (uniform() < 0.5 ? 1 : 0);
  const others = shuffled(TOPICS.filter((topic) => topic.kind === member.kind && topic.id !== "accreditation" && topic.id !== "cbhi"));
  for (const topic of others) if (topics.length < want) topics.push(topic.id);
}

// Scores: baseline from the topic's mean, the institution's overall quality and noise; endline adds
// the secular trend, the chooser effect and noise. All moves are in the "better" direction.
const scores: string[] = ["institution,topic,period,value"];
const baseline = new Map<string, number>();
const endline = new Map<string, number>();
for (const member of members) {
  for (const topic of TOPICS.filter((t) => t.kind === member.kind)) {
    const sign = topic.higherIsBetter ? 1 : -1;
    const q = quality.get(member.id) ?? 0;
    const before = clamp(topic.mean + sign * 0.6 * topic.sd * q + 0.8 * topic.sd * normal(), topic.min, topic.max);
    const chose = chosen.get(member.id)?.includes(topic.id) ?? false;
    const after = clamp(before + sign * (topic.trend + (chose ? topic.effect : 0) + topic.noise * normal()), topic.min, topic.max);
    baseline.set(`${member.id}/${topic.id}`, round1(before));
    endline.set(`${member.id}/${topic.id}`, round1(after));
  }
}

// The published headline differences are built in exactly: the choosers' endline values are
// shifted so that their mean change exceeds the others' by the target (before rounding).
for (const [topicId, target] of [["accreditation", 5.6], ["cbhi", 4.8]] as const) {
  const topic = TOPICS.find((t) => t.id === topicId) as TopicSpec;
  const rows = members.filter((member) => member.kind === topic.kind);
  const change = (id: string) => (endline.get(`${id}/${topicId}`) ?? 0) - (baseline.get(`${id}/${topicId}`) ?? 0);
  const mean = (ids: string[]) => ids.reduce((sum, id) => sum + change(id), 0) / ids.length;
  const choosers = rows.filter((member) => chosen.get(member.id)?.includes(topicId)).map((member) => member.id);
  const others = rows.filter((member) => !chosen.get(member.id)?.includes(topicId)).map((member) => member.id);
  const shift = target - (mean(choosers) - mean(others));
  for (const id of choosers) endline.set(`${id}/${topicId}`, round1((endline.get(`${id}/${topicId}`) ?? 0) + shift));
}
for (const member of members) {
  for (const topic of TOPICS.filter((t) => t.kind === member.kind)) {
    const key = `${member.id}/${topic.id}`;
    scores.push(`${member.id},${topic.id},baseline,${baseline.get(key)}`, `${member.id},${topic.id},endline,${endline.get(key)}`);
  }
}

// Existing partnerships: each chosen topic paired with a strong same-kind peer at baseline
// (greedy, at most 3 mentees per mentor; the library's assignPartners does this optimally).
const partnerships: string[] = ["mentor,mentee,topic,period"];
const mentorOf = new Map<string, string>();
const load = new Map<string, number>();
for (const member of members) {
  for (const topicId of chosen.get(member.id) ?? []) {
    const topic = TOPICS.find((t) => t.id === topicId) as TopicSpec;
    const sign = topic.higherIsBetter ? 1 : -1;
    const mine = baseline.get(`${member.id}/${topicId}`) ?? 0;
    const peers = members
      .filter((peer) => peer.kind === member.kind && peer.id !== member.id && (load.get(`${peer.id}/${topicId}`) ?? 0) < 3)
      .map((peer) => ({ peer, gap: sign * ((baseline.get(`${peer.id}/${topicId}`) ?? 0) - mine) }))
      .filter(({ gap }) => gap > 0)
      .sort((a, b) => b.gap - a.gap || (a.peer.id < b.peer.id ? -1 : 1));
    const best = peers[0];
    if (!best) continue;
    load.set(`${best.peer.id}/${topicId}`, (load.get(`${best.peer.id}/${topicId}`) ?? 0) + 1);
    partnerships.push(`${best.peer.id},${member.id},${topicId},baseline`);
    if (!mentorOf.has(member.id)) mentorOf.set(member.id, `${best.peer.id}/${topicId}`);
  }
}

// Activities, shaped like the published event table.
const activities: string[] = ["id,type,from,to,participants,topic,date,count"];
const everyone = members.map((member) => member.id);
activities.push(`co-design,co-design,,,${everyone.join(";")},,2021-07-15,1`);
const launchOrder = shuffled(everyone);
for (let session = 0; session < 4; session++) {
  const ids = launchOrder.filter((_, index) => index % 4 === session).sort();
  activities.push(`launch-${session + 1},learning-event,,,${ids.join(";")},,2021-08-${10 + session},1`);
}
for (const member of members) {
  const link = mentorOf.get(member.id);
  if (!link) continue;
  const [mentor, topic] = link.split("/");
  activities.push(`,coaching,${mentor},${member.id},,${topic},2021-10-${String(5 + (member.id.length % 20)).padStart(2, "0")},1`);
  activities.push(`,coaching,${mentor},${member.id},,${topic},2022-02-${String(7 + (member.id.length % 18)).padStart(2, "0")},1`);
  activities.push(`,coaching,${mentor},${member.id},,${topic},2022-08-${String(3 + (member.id.length % 24)).padStart(2, "0")},1`);
}
for (const [index, date] of ["2021-11-18", "2022-03-17", "2022-07-21", "2022-11-17"].entries()) {
  activities.push(`virtual-${index + 1},virtual-event,,,${everyone.join(";")},,${date},1`);
}
// Four provincial workshops; Kigali City's institutions join the Eastern one.
const workshopOf = (group: string) => (group === "Kigali City" ? "Eastern" : group);
for (const [index, province] of ["Northern", "Southern", "Eastern", "Western"].entries()) {
  const ids = members.filter((member) => workshopOf(member.group) === province).map((member) => member.id);
  activities.push(`provincial-${province.toLowerCase()},learning-event,,,${ids.join(";")},,2022-0${4 + index}-2${index},1`);
}
for (const line of partnerships.slice(1)) {
  const [mentor, mentee, topic] = line.split(",");
  activities.push(`,exchange-visit,${mentor},${mentee},,${topic},2022-0${1 + Math.floor(uniform() * 9)}-1${Math.floor(uniform() * 9)},1`);
}

const csvField = (value: string | number): string => (/[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));
const attributeColumns = (kind: string) => (kind === "hospital" ? ["district", "beds", "staff"] : ["population", "health_centres"]);
const institutionColumns = ["id", "name", "kind", "province", "district", "beds", "staff", "population", "health_centres"];
const institutionRows = members.map((member) =>
  institutionColumns
    .map((column) => {
      if (column === "id") return member.id;
      if (column === "name") return csvField(member.name);
      if (column === "kind") return member.kind;
      if (column === "province") return member.group;
      return attributeColumns(member.kind).includes(column) ? csvField(member.attributes[column] ?? "") : "";
    })
    .join(","),
);
const files: Record<string, string[]> = {
  "institutions.csv": [institutionColumns.join(","), ...institutionRows],
  "topics.csv": [
    "id,name,kinds,unit,min,max,higherIsBetter",
    ...TOPICS.map((t) => [t.id, csvField(t.name), t.kind, t.unit, t.min, t.max, t.higherIsBetter].join(",")),
  ],
  "periods.csv": ["id,date", "baseline,2021-08-01", "endline,2023-02-28"],
  "scores.csv": scores,
  "interests.csv": ["institution,topic,priority", ...members.flatMap((member) => (chosen.get(member.id) ?? []).map((topic, index) => `${member.id},${topic},${index + 1}`))],
  "partnerships.csv": partnerships,
  "activities.csv": activities,
};
for (const [name, lines] of Object.entries(files)) writeFileSync(join(out, name), `${lines.join("\n")}\n`);
console.log(`wrote ${Object.keys(files).length} files to ${out}`);
