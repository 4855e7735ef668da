/**
 * The fixes the plan prints under its shortfalls, and the options that apply them: --capacity and
 * --topic-capacity with values per mentor or topic (ID=K, or a CSV file), --groups TOPIC=RULE and
 * --high-performers. Before, a fix asked to raise one mentor's capacity or to lower one topic's bar,
 * and the command line took one number for every mentor and had no option for the bar (new-user trial).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { fixOption, shortfallText } from "../../src/cli/commands/plan.js";
import { type AssignPartnersOptions, assignPartners, loadNetwork } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";
import { runCli as run } from "./runCli.js";

const scratch = () => mkdtempSync(join(tmpdir(), "twinning-cli-plan-fixes-"));
const rwanda = await loadNetwork(EXAMPLE_FOLDER);

/** A file in a fresh folder; returns its path. */
function file(name: string, text: string): string {
  const path = join(scratch(), name);
  writeFileSync(path, text);
  return path;
}

/** The plan command on the example, writing into a fresh folder, planning afresh. */
const plan = (...options: string[]) => run("plan", EXAMPLE_FOLDER, "--out", scratch(), "--quiet", "--previous", "none", ...options);

/** Needs met, as the fixes count them: covered by a primary mentor, or self-sufficient. */
function needsMet(stdout: string): number {
  const summary = /^(\d+) of \d+ needs covered[^\n]*?(?: (\d+) chosen topic\(s\) need no mentor|$)/m.exec(stdout);
  if (summary === null) throw new Error(`no summary line in ${stdout.slice(0, 200)}`);
  return Number(summary[1]) + Number(summary[2] ?? 0);
}

/** The pairs of a plan.csv, as mentor>mentee/topic/role. */
const pairsIn = (folder: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(folder, "plan.csv"), "utf8"), { header: true, skipEmptyLines: true })
    .data.filter((row) => row.role !== "uncovered")
    .map((row) => `${row.mentor}>${row.mentee}/${row.topic}/${row.role}`);

/** The library's pairs in the same form. */
const libraryPairs = (options: AssignPartnersOptions) => assignPartners(rwanda, { previous: [], ...options }).pairs.map((pair) => `${pair.mentor}>${pair.mentee}/${pair.topic}/${pair.role}`);

describe("twinning-network plan: every printed fix can be applied", () => {
  it.each([
    [["--capacity", "1", "--groups", "same", "--topic-capacity", "1"]],
    [["--capacity", "3", "--groups", "same", "--topic-capacity", "1"]],
  ])("each fix under %j ends with the option to add, and adding it meets as many more needs as the fix says", async (base) => {
    const before = await plan(...base);
    expect(before.code).toBe(0);
    const fixes = new Map<string, number>();
    for (const line of before.stdout.split("\n").filter((text) => text.startsWith("    fix: "))) {
      const fix = /\((\d+) more need\(s\) met, [^\n]*\): add (--[\w-]+) (\S+)$/.exec(line);
      expect(fix, line).not.toBeNull();
      const [, gain, option, value] = fix as RegExpExecArray;
      const key = `${option} ${value}`;
      // A fix's gain is the plan's: the same fix under two shortfalls says the same.
      expect(fixes.get(key) ?? Number(gain)).toBe(Number(gain));
      fixes.set(key, Number(gain));
    }
    const options = new Set([...fixes.keys()].map((key) => key.split(" ")[0]));
    expect([...options].sort()).toEqual(base[1] === "1" ? ["--capacity", "--groups", "--high-performers"] : ["--groups", "--high-performers", "--topic-capacity"]);
    for (const [key, gain] of fixes) {
      const [option, value] = key.split(" ") as [string, string];
      const after = await plan(...base, option, value);
      expect(after.code, `${key}: ${after.stderr}`).toBe(0);
      expect(needsMet(after.stdout) - needsMet(before.stdout), key).toBe(gain);
    }
  });

  it("a fix that meets more needs but fewer backups says how many backups it loses, and a fresh solve loses exactly that many (new-user trial: '4 more needs met, 0 more units met' hid 4 backups lost)", async () => {
    const network = await loadNetwork(EXAMPLE_FOLDER);
    const options: AssignPartnersOptions = { capacity: 2, backups: 1, groups: "same", previous: [] };
    const plan = assignPartners(network, options);
    const fix = plan.shortfalls.flatMap((shortfall) => shortfall.relaxations).find((relaxation) => relaxation.kind === "groups" && (relaxation.primaryGain ?? 0) > relaxation.coverageGain);
    expect(fix).toBeDefined();
    const lost = (fix?.primaryGain ?? 0) - (fix?.coverageGain ?? 0);
    expect(shortfallText(plan)).toContain(`${fix?.description} (${fix?.primaryGain} more need(s) met, ${fix?.coverageGain} more unit(s) met (pairs, or self-sufficient): ${lost} backup(s) fewer)`);
    const backups = (p: typeof plan) => p.pairs.filter((pair) => pair.role === "backup").length;
    const relaxed = assignPartners(network, { ...options, topicRules: { [fix?.topic as string]: { groups: "any" } } });
    expect(backups(plan) - backups(relaxed)).toBe(lost);
  });

  it("a shortfall past --explain-shortfalls says it was not explained, not that no relaxation helps (new-user trial: the 21st of 24 said 'no single relaxation tried helps' where --groups accreditation=any gains one)", async () => {
    const network = await loadNetwork(EXAMPLE_FOLDER);
    const plan = assignPartners(network, { groups: "same", topicCapacity: 1, explainShortfalls: 2 });
    expect(plan.shortfalls.length).toBeGreaterThan(2);
    const lines = shortfallText(plan).split("\n");
    expect(lines.filter((line) => line === "    not explained: only the first 2 shortfalls are (--explain-shortfalls N for more)")).toHaveLength(plan.shortfalls.length - 2);
    // With every shortfall tried, none says so.
    const tried = assignPartners(network, { groups: "same", topicCapacity: 1, explainShortfalls: plan.shortfalls.length });
    expect(shortfallText(tried)).not.toContain("not explained");
  });

  it("a fix the command line has no option for names the assignPartners option (minimum gap); ids that a shell would split are quoted", () => {
    const library = assignPartners(rwanda, { minimumGap: 5, capacity: 2, previous: [] });
    const gap = library.shortfalls.flatMap((shortfall) => shortfall.relaxations).find((relaxation) => relaxation.kind === "minimum-gap");
    expect(gap).toBeDefined();
    if (gap === undefined) return;
    expect(fixOption(gap, library)).toBe(`assignPartners option topicRules: { ${JSON.stringify(gap.topic)}: { minimumGap: 0 } } (no command-line option)`);
    expect(shortfallText(library)).toContain(`: assignPartners option topicRules: { ${JSON.stringify(gap.topic)}: { minimumGap: 0 } } (no command-line option)\n`);
    const spaced = { options: library.options, capacity: { ...library.capacity, "Hôpital de Kibuye": 3, "Saint Mary's": 1 } };
    expect(fixOption({ kind: "capacity", mentor: "Hôpital de Kibuye", by: 2, description: "", coverageGain: 2 }, spaced)).toBe("add --capacity 'Hôpital de Kibuye=5'");
    expect(fixOption({ kind: "capacity", mentor: "Saint Mary's", by: 1, description: "", coverageGain: 1 }, spaced)).toBe(`add --capacity 'Saint Mary'\\''s=2'`);
    expect(fixOption({ kind: "high-performer-rule", topic: "anc4", rule: { type: "top-k", k: 4 }, description: "", coverageGain: 1 }, library)).toBe("add --high-performers anc4=top-k:4");
  });

  it("a fix for an id starting with '-' joins flag and value with '=' (new-user trial: 'add --capacity -gatsibo=11' failed when pasted, read as a flag), which the parser takes as the value", async () => {
    const dashed = { options: { previous: [] }, capacity: { "-gatsibo": 1 } };
    expect(fixOption({ kind: "capacity", mentor: "-gatsibo", by: 10, description: "", coverageGain: 1 }, dashed)).toBe("add --capacity=-gatsibo=11");
    expect(fixOption({ kind: "groups", topic: "-anc4", description: "", coverageGain: 1 }, dashed)).toBe("add --groups=-anc4=any");
    const pasted = await plan("--capacity=-nyanza=4");
    expect(pasted.code).toBe(2);
    expect(pasted.stderr).toContain('"-nyanza"');
    expect(pasted.stderr).toContain("did you mean nyanza?");
  });

  it("a backup shortfall says how many slots its needs want, a mentor and the backups each (new-user trial: '46 needs share 72 slots', short of 66, read as a contradiction)", async () => {
    const { code, stdout } = await plan("--backups", "2");
    expect(code).toBe(0);
    const lines = stdout.split("\n").filter((line) => line.includes("backup mentor(s):"));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const match = /missing (\d+) backup mentor\(s\): (\d+) need\(s\) .* want (\d+) slot\(s\), a mentor and 2 backup\(s\) each, from \d+ eligible mentor\(s\) with (\d+) slot\(s\) open to them$/.exec(line);
      expect(match).not.toBeNull();
      const [deficit, needs, want, open] = (match ?? []).slice(1).map(Number);
      expect([want, want]).toEqual([(needs ?? 0) * 3, (open ?? 0) + (deficit ?? 0)]);
    }
  });

  it("--explain-shortfalls sets how many shortfalls get fixes (the plan's warning names the option)", async () => {
    const none = await plan("--capacity", "1", "--groups", "same", "--explain-shortfalls", "0");
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("Shortfalls (");
    expect(none.stdout).not.toContain("fix: ");
    expect((await plan("--explain-shortfalls", "-1")).stderr).toContain('plan: --explain-shortfalls expects a whole number 0 or more, got "-1"');
  });
});

describe("twinning-network plan: values per mentor and per topic reach assignPartners", () => {
  it("--capacity N, ID=K and a CSV file, in command-line order (a later value for a mentor replaces an earlier one)", async () => {
    const capacities = file("capacities.csv", "Institution,Capacity\nnyanza,0\nkamonyi,5\n");
    const out = scratch();
    const { code } = await run("plan", EXAMPLE_FOLDER, "--out", out, "--quiet", "--previous", "none", "--capacity", "2", "--capacity", "kibuye-hospital=1", "--capacity", capacities, "--capacity", "kibuye-hospital=4");
    expect(code).toBe(0);
    const capacity = Object.fromEntries(rwanda.institutions.map(({ id }) => [id, id === "kibuye-hospital" ? 4 : id === "nyanza" ? 0 : id === "kamonyi" ? 5 : 2]));
    expect(pairsIn(out)).toEqual(libraryPairs({ capacity }));
    expect(pairsIn(out).some((pair) => pair.startsWith("nyanza>"))).toBe(false);
    // Without a value for every mentor, the others keep the default (3), as in the library.
    const one = scratch();
    expect((await run("plan", EXAMPLE_FOLDER, "--out", one, "--quiet", "--previous", "none", "--capacity", "kibuye-hospital=1")).code).toBe(0);
    expect(pairsIn(one)).toEqual(libraryPairs({ capacity: { "kibuye-hospital": 1 } }));
  });

  it("--topic-capacity N and TOPIC=K (or a file), --groups RULE and TOPIC=RULE, --high-performers RULE and TOPIC=RULE", async () => {
    const out = scratch();
    const limits = file("topic-capacities.csv", "topic,capacity\ncbhi,3\n");
    const args = ["--topic-capacity", "1", "--topic-capacity", "anc4=2", "--topic-capacity", limits, "--groups", "same", "--groups", "modern-fp=any", "--high-performers", "top-k:3", "--high-performers", "stunting=top-share:1/2", "--high-performers", "cbhi=top-share:40%"];
    const { code } = await run("plan", EXAMPLE_FOLDER, "--out", out, "--quiet", "--previous", "none", ...args);
    expect(code).toBe(0);
    const topicCapacity = Object.fromEntries(rwanda.topics.map(({ id }) => [id, id === "anc4" ? 2 : id === "cbhi" ? 3 : 1]));
    const topicRules = { "modern-fp": { groups: "any" as const }, stunting: { rule: { type: "top-share" as const, share: 0.5 } }, cbhi: { rule: { type: "top-share" as const, share: 0.4 } } };
    expect(pairsIn(out)).toEqual(libraryPairs({ topicCapacity, groups: "same", rule: { type: "top-k", k: 3 }, topicRules }));
  });

  it("a pin over a mentor's own capacity names where that capacity was set (exit 1)", async () => {
    const pins = file("pins.csv", "mentor,mentee,topic\nkibuye-hospital,kibagabaga-hospital,accreditation\nkibuye-hospital,ruhengeri-hospital,accreditation\n");
    const capacities = file("capacities.csv", "institution,capacity\nkibuye-hospital,1\n");
    const { code, stderr } = await plan("--pin", pins, "--capacity", "5", "--capacity", capacities);
    expect(code).toBe(1);
    expect(stderr).toContain(`${pins} lines 2, 3, column "mentor" (1): expected at most 1 pinned pair per mentor (--capacity ${capacities} line 2), got 2 for "kibuye-hospital" [over-capacity]`);
    expect((await plan("--pin", pins, "--capacity", capacities, "--capacity", "kibuye-hospital=2")).code).toBe(0);
    const topic = await plan("--pin", pins, "--topic-capacity", "5", "--topic-capacity", "accreditation=1");
    expect(topic.stderr).toContain("expected at most 1 pinned pair per mentor and topic (--topic-capacity accreditation=1), got 2");
  });
});

describe("twinning-network plan: per-id values naming what the network does not have", () => {
  it.each([
    ["--capacity", "kibuye-hospitl=4", 'plan: --capacity kibuye-hospitl=4: unknown institution "kibuye-hospitl"; did you mean kibuye-hospital?'],
    ["--topic-capacity", "ANC4=2", 'plan: --topic-capacity ANC4=2: unknown topic "ANC4"; did you mean anc4?'],
    ["--groups", "stuntng=any", 'plan: --groups stuntng=any: unknown topic "stuntng"; did you mean stunting?'],
    // The likely slips are said (new-user trial): several ids in one value, an id of the other kind.
    ["--capacity", "kayonza=4,kirehe=2", 'plan: --capacity kayonza=4,kirehe=2: unknown institution "kayonza=4,kirehe"; give each institution its own --capacity'],
    ["--capacity", "anc4=2", 'plan: --capacity anc4=2: unknown institution "anc4"; anc4 is a topic: --topic-capacity takes it'],
    ["--topic-capacity", "kayonza=2", 'plan: --topic-capacity kayonza=2: unknown topic "kayonza"; kayonza is an institution: --capacity takes it'],
    ["--high-performers", "stuntng=top-k:2", 'plan: --high-performers stuntng=top-k:2: unknown topic "stuntng"; did you mean stunting?'],
    ["--high-performers", "margin:5:kibuye", 'plan: --high-performers margin:5:kibuye: unknown institution "kibuye"; did you mean kibuye-hospital?'],
  ])("%s %s on the command line is a usage error naming the option, with a did-you-mean (exit 2)", async (option, value, message) => {
    const { code, stderr } = await plan(option, value);
    expect(code).toBe(2);
    expect(stderr).toBe(`twinning-network: ${message}\nRun "twinning-network plan --help" for usage.\n`);
  });

  it.each([
    ["--capacity", "lots", 'plan: --capacity lots: no such file (--capacity takes a whole number 0 or more, ID=K for one institution, or a CSV file with columns institution and capacity)'],
    ["--capacity", "x=2.5", 'plan: --capacity "x=2.5": expects a whole number 0 or more, got "2.5"'],
    ["--capacity", "=3", 'plan: --capacity "=3": expects ID=K with the institution before "="'],
    ["--topic-capacity", EXAMPLE_FOLDER, `plan: --topic-capacity ${EXAMPLE_FOLDER}: is a folder, expected a CSV file`],
    ["--groups", "nearby", 'plan: --groups expects any, same or different, TOPIC=RULE for one topic, got "nearby"'],
    ["--groups", "cbhi=nearby", 'plan: --groups "cbhi=nearby": expects TOPIC=RULE with RULE any, same or different'],
    ["--high-performers", "top-share:2", "plan: --high-performers expects top-share:S"],
    // A percentage is a share in percent: over 100% is refused as a share over 1 is.
    ["--high-performers", "top-share:250%", 'plan: --high-performers expects top-share:S (0 < S <= 1; a fraction such as 1/3 or a percentage such as 25% too)'],
    ["--high-performers", "top-share:0%", "plan: --high-performers expects top-share:S"],
  ])("%s %s is a usage error before the data are read (exit 2)", async (option, value, message) => {
    const { code, stderr } = await run("plan", join(scratch(), "no-such-folder"), option, value);
    expect(code).toBe(2);
    expect(stderr).toContain(`twinning-network: ${message}`);
  });

  it("a --capacity file lists each bad row with its file, line and column (unknown ids with a did-you-mean), exit 1, with the pin file's problems in the same run", async () => {
    const capacities = file("capacities.csv", "institution,capacity\nkibuye-hospital,5\nkibuye-hospitl,2\n\nnyanza,two\nmusanze,-1\nkibuye-hospital,6\n");
    const topics = file("topic-capacities.csv", "topic,capacity\nANC4,1\n");
    const pins = file("pins.csv", "mentor,mentee,topic\nnowhere,kibagabaga-hospital,accreditation\n");
    const { code, stdout, stderr } = await plan("--capacity", capacities, "--topic-capacity", topics, "--pin", pins);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      [
        `twinning-network plan: 4 problem(s) in --capacity ${capacities}:`,
        `  ${capacities} line 3, column "institution" (1): expected the id of an institution of the network, got "kibuye-hospitl" (did you mean "kibuye-hospital"?) [unknown-institution]`,
        `  ${capacities} line 5, column "capacity" (2): expected a number such as 12.5 (decimal point, no thousands separator or spaces), got "two" [not-a-number]`,
        `  ${capacities} line 6, column "capacity" (2): expected a whole number 0 or more, got "-1" [out-of-range]`,
        `  ${capacities} line 7, column "capacity" (2): expected one capacity per institution, got "6" (kibuye-hospital has 5 at line 2) [duplicate-row]`,
        `twinning-network plan: 1 problem(s) in --topic-capacity ${topics}:`,
        `  ${topics} line 2, column "topic" (1): expected the id of a topic of the network, got "ANC4" (did you mean "anc4"?) [unknown-topic]`,
        `twinning-network plan: 1 problem(s) in --pin ${pins}:`,
        `  ${pins} line 2, column "mentor" (1): expected the id of an institution of the network, got "nowhere" [unknown-institution]`,
        "",
      ].join("\n"),
    );
    const columns = file("capacities.csv", "id,cap\nkibuye-hospital,1\n");
    const missing = await plan("--capacity", columns);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${columns} line 1: expected a column "institution" (required: institution, capacity), got the columns "id", "cap" [missing-column]`);
  });
});
