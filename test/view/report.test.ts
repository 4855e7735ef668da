/**
 * The HTML report as a programme manager reads it (issue 16): header with date, version and data
 * folder; "how to read this" per section; names with ids on hover; match scores, not bare costs;
 * warnings beside each estimate; one APA p-value style; empty states in words.
 */
import { describe, expect, it } from "vitest";
import { assignPartners, knowledgeFlow, loadNetwork, parseNetwork, selectionEffects } from "../../src/index.js";
import { REPORT_LIBRARY_VERSION, reportHTML } from "../../src/view/index.js";
import packageJson from "../../package.json" with { type: "json" };
import { EXAMPLE_FOLDER, exampleFiles } from "../helpers.js";

const network = await loadNetwork(EXAMPLE_FOLDER);
const [baseline, endline] = [network.periodIds[0] as string, network.periodIds.at(-1) as string];
const date = new Date("2026-11-30T15:04:05Z");
const page = reportHTML({ network, plan: assignPartners(network), flow: knowledgeFlow(network), effects: selectionEffects(network, { baseline, endline }), baseline, endline, dataFolder: "examples/data/rwanda", date });
/** The page's text outside the pictures, as a reader sees it. */
const text = page.replace(/<svg[\s\S]*?<\/svg>/g, "").replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

describe("the report", () => {
  it("says when, by which version and from which data folder it was made", () => {
    expect(REPORT_LIBRARY_VERSION).toBe(packageJson.version);
    expect(page).toContain(`<time id="report-date" datetime="2026-11-30T15:04:05.000Z">2026-11-30 15:04 UTC</time>`);
    expect(page).toContain(`<span id="report-version">${packageJson.version}</span>`);
    expect(page).toContain(`<code id="report-data">examples/data/rwanda</code>`);
  });

  it("puts the loader's warnings at the top, where they were on standard error only (new-user trial: CBHI read as fractions showed 0.05 pp with no mark); none for clean data", () => {
    expect(network.warnings).toEqual([]);
    expect(page).not.toContain('id="data-warnings"');
    const files = exampleFiles();
    const lines = (files["scores.csv"] as string).split("\n");
    const fractions = lines.map((line, i) => (i > 0 && line.includes(",cbhi,") ? line.replace(/,([\d.]+)$/, (_, value: string) => `,${Number(value) / 100}`) : line)).join("\n");
    const loose = parseNetwork({ ...files, "scores.csv": fractions });
    expect(loose.warnings.some((w) => w.includes("cbhi"))).toBe(true);
    const warned = reportHTML({ network: loose, dataFolder: "m2", date });
    expect(warned).toMatch(/<div id="data-warnings"><p><strong>Read first: the data loaded with \d+ warning\(s\)\.<\/strong><\/p><ul><li>[^<]*cbhi[^<]*lie between 0 and 1/);
  });

  it("shows each shortfall's fixes with their gains, and a backup shortfall's deficit as backup slots (the report showed shortfalls without fixes, and 'needs left uncovered' for missing backups)", () => {
    const plan = assignPartners(network, { backups: 1, capacity: 2 });
    const backup = plan.shortfalls.find((shortfall) => shortfall.level === "backup");
    const fix = backup?.relaxations[0];
    expect(fix).toBeDefined();
    const shown = reportHTML({ network, plan, date }).replace(/<svg[\s\S]*?<\/svg>/g, "").replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'");
    expect(shown).toContain("what would help (each alone)");
    expect(shown).toContain(`${backup?.deficit} backup slot(s)`);
    expect(shown).toContain(`(+${(fix?.coverageGain ?? 0) - (fix?.primaryGain ?? 0)} backup(s))`);
    expect(shown).not.toContain("needs left uncovered");
  });

  it("the plan section says what the plan was made with: period, capacity, backups, groups, previous pairs (new-user trial: a plan on the baseline with capacity 2 and backups did not say so, beside sections on the endline)", () => {
    const plan = assignPartners(network, { period: "baseline", capacity: 2, backups: 1, groups: "different", previous: [{ mentor: "nyanza", mentee: "gicumbi", topic: "modern-fp" }] });
    const shown = reportHTML({ network, plan, date }).replace(/<svg[\s\S]*?<\/svg>/g, "").replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'").replace(/\s+/g, " ");
    expect(shown).toContain("planned with scores of baseline; capacity 2 for 40 mentor(s); 1 backup(s) per need; groups different; high performers top 33.3333%; 1 previous pair(s) given, kept unless a change gains more than 0.25");
    // Per-id values beside the default, topic overrides and the modes (review: "capacity 1 set per mentor" read as capacity 1).
    const stable = assignPartners(network, { mode: "stable", capacity: { "kibuye-hospital": 4 }, topicRules: { accreditation: { groups: "same" } }, previous: [] });
    const stableShown = reportHTML({ network, plan: stable, date }).replace(/<svg[\s\S]*?<\/svg>/g, "").replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'").replace(/\s+/g, " ");
    expect(stableShown).toContain("planned with stable mode; scores of each topic's latest period; capacity 3 for 39 mentor(s), 4 for 1 mentor(s); 0 backup(s) per need; groups any, 1 topic(s) set apart; high performers top 33.3333%");
    expect(stableShown).toContain("its coverage and match score are not optimised");
    // A number for everyone beside per-id values, as the command line passes them (new-user trial: "capacity 3, 40 mentor(s) set apart" for 2 with nyanza 5).
    const capacity = Object.fromEntries(network.institutions.map(({ id }) => [id, id === "nyanza" ? 5 : 2]));
    const topicCapacity = Object.fromEntries(network.topics.map(({ id }) => [id, id === "cbhi" ? 2 : 1]));
    const mixed = assignPartners(network, { capacity, topicCapacity, exclude: [{ mentor: "nyanza", mentee: "gicumbi" }], previous: [] });
    const mixedShown = reportHTML({ network, plan: mixed, date }).replace(/<svg[\s\S]*?<\/svg>/g, "").replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'").replace(/\s+/g, " ");
    expect(mixedShown).toContain("capacity 2 for 39 mentor(s), 5 for 1 mentor(s); 0 backup(s) per need; topic capacity 1 for 11 topic(s), 2 for 1 topic(s);");
    expect(mixedShown).toContain("1 pair(s) excluded");
    const partial = assignPartners(network, { topicCapacity: { cbhi: 2 }, previous: [] });
    expect(reportHTML({ network, plan: partial, date }).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ")).toContain("topic capacity 2 for 1 topic(s), none for 11;");
    expect(shown).toContain("then gives as many of the backup mentors asked for as it can");
    const plain = reportHTML({ network, plan: assignPartners(network, { previous: [] }), date }).replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'").replace(/\s+/g, " ");
    expect(plain).toContain("planned with scores of each topic's latest period; capacity 3 for 40 mentor(s); 0 backup(s) per need; groups any; high performers top 33.3333%");
  });

  it("opens every section with how to read it", () => {
    for (const id of ["network", "plan", "flow", "evaluate"]) expect(page).toMatch(new RegExp(`<section id="${id}"><h2>[^<]+</h2><p class="how"><strong>How to read this.</strong>`));
  });

  it("shows institutions and topics by name with the id on hover, and reasons in names only", () => {
    expect(page).toContain('<td title="id: nyanza-hospital">Nyanza Hospital</td>');
    expect(page).toContain('<td title="id: anc4">Four or more antenatal care visits</td>');
    // The plan's reasons come with ids ("nyanza"); the report writes names.
    const reasons = [...page.matchAll(/<td>([^<]* scores [^<]*)<\/td>/g)].map((m) => m[1] as string);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).not.toMatch(/(?<![\w-])(nyanza|kabgayi-hospital|gasabo)(?![\w-])/);
  });

  it("explains costs as a match score (higher is better) instead of a bare negative total cost", () => {
    expect(text).toContain("match score");
    expect(text).toContain("total match score (higher is better)");
    expect(text).not.toContain("objective (total cost)");
  });

  it("puts each estimate's warnings beside it, in the table", () => {
    expect(page).toContain("<th>warnings</th>");
  });

  it("prints p-values one way (APA: '< .001', '.031', never '0.000' or a bare 1)", () => {
    const evaluation = page.slice(page.indexOf('<section id="evaluate">'));
    const table = evaluation.slice(0, evaluation.indexOf("</table>"));
    const heads = [...table.matchAll(/<th>([^<]*)<\/th>/g)].map((m) => m[1] as string);
    expect(heads.slice(3, 5)).toEqual(["p", "p (Holm-adjusted over 12 topics)"]);
    const rows = [...table.matchAll(/<tr>(.*?)<\/tr>/g)].slice(1).map((m) => [...(m[1] as string).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1] as string));
    expect(rows).toHaveLength(12);
    for (const row of rows) for (const p of row.slice(3, 5)) expect(p).toMatch(/^(&lt; \.001|&gt; \.999|\.\d{3})$/);
  });

  it("has no number with more than 6 significant digits", () => {
    const numbers = text.match(/-?\d[\d,]*(\.\d+)?/g) ?? [];
    const long = numbers.filter((n) => n.replace(/[^0-9]/g, "").replace(/^0+/, "").length > 6);
    expect(long).toEqual([]);
  });
});

describe("the report of a network without partnerships or contacts", () => {
  const files = exampleFiles();
  const header = (csv: string) => `${csv.split("\n")[0]}\n`;
  const bare = parseNetwork({ ...files, "partnerships.csv": header(files["partnerships.csv"] as string), "activities.csv": header(files["activities.csv"] as string) });
  const html = reportHTML({ network: bare, flow: knowledgeFlow(bare), date });

  it("says so in words, draws no empty network and ranks no zero 'teachers'", () => {
    expect(html).toContain("No partnerships or contacts recorded, so there is no network to draw.");
    expect(html).toContain("No contacts recorded, so there are no teachers, learners or brokers to rank.");
    expect(html).not.toContain("<svg");
    expect(html).not.toContain("Teachers (highest hub score)");
  });
});

describe("the flow rankings", () => {
  it("leave out the residue of HITS' iteration (5.99e-13 beside the top score listed as a teacher; new-user trial)", async () => {
    const { FlowReport } = await import("../../src/index.js");
    const data = JSON.parse(JSON.stringify(knowledgeFlow(network))) as { nodes: { id: string; hub: number }[] };
    const ranked = [...data.nodes].sort((a, b) => b.hub - a.hub);
    for (const node of ranked.slice(2)) node.hub = 5.99e-13;
    const html = reportHTML({ network, flow: FlowReport.fromJSON(data as never), date });
    const teachers = html.slice(html.indexOf("Teachers (highest hub score)"), html.indexOf("Learners (highest authority score)"));
    expect(teachers).toContain(ranked[0]?.id as string);
    expect(teachers).not.toMatch(/e-13/);
    expect((teachers.match(/<tr>/g) ?? []).length).toBe(3);
  });
});
