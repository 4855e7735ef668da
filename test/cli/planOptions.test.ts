/**
 * The plan options' errors (plan and report), run in-process through `main`: pair files that are
 * missing, folders or hold bad rows, unknown ids, numbers out of range and unknown periods.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE_FOLDER } from "../helpers.js";
import { runCli as run } from "./runCli.js";


const scratch = () => mkdtempSync(join(tmpdir(), "twinning-cli-plan-options-"));

/** A file in a fresh folder; returns its path. */
function file(name: string, text: string): string {
  const path = join(scratch(), name);
  writeFileSync(path, text);
  return path;
}

/** The plan command on the example, writing into a fresh folder. */
const plan = (...options: string[]) => run("plan", EXAMPLE_FOLDER, "--out", scratch(), "--quiet", ...options);

describe("twinning-network plan: pair files that are not files", () => {
  it("a missing --pin, --exclude or --previous file, or a folder, is a usage error naming the command, option and path (exit 2), before the data are read", async () => {
    const folder = scratch();
    const missing = join(folder, "pins.csv");
    for (const option of ["--pin", "--exclude", "--previous"]) {
      const gone = await run("plan", EXAMPLE_FOLDER, "--out", scratch(), option, missing);
      expect(gone.code).toBe(2);
      expect(gone.stderr).toContain(`plan: ${option} ${missing}: no such file\n`);
      expect(gone.stderr).not.toMatch(/ENOENT|reading /);
      const isFolder = await plan(option, folder);
      expect(isFolder.code).toBe(2);
      expect(isFolder.stderr).toContain(`plan: ${option} ${folder}: is a folder, expected a CSV file\n`);
      expect(isFolder.stderr).not.toMatch(/EISDIR/);
    }
    const reported = await run("report", EXAMPLE_FOLDER, "--out", scratch(), "--quiet", "--pin", missing);
    expect(reported.code).toBe(2);
    expect(reported.stderr).toContain(`report: --pin ${missing}: no such file\n`);
  });
});

describe("twinning-network plan: every bad row of a pair file", () => {
  it("each bad row is listed with its file line (header, blank lines and quoted line breaks counted) and column, exit 1", async () => {
    const pins = file(
      "pins.csv",
      ["mentor,mentee,topic", ",kibagabaga-hospital,accreditation", '"kibuye-hospital","a note', 'over two lines",accreditation', "", "kibuye-hospital,kibagabaga-hospital,", "kibuye-hospital,,accreditation", ""].join("\n"),
    );
    const { code, stdout, stderr } = await plan("--pin", pins);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(`twinning-network plan: 4 problem(s) in --pin ${pins}:\n`);
    expect(stderr).toContain(`  ${pins} line 2, column "mentor" (1): expected a value for "mentor", got nothing [empty-value]\n`);
    expect(stderr).toContain(`  ${pins} line 3, column "mentee" (2): expected the id of an institution of the network, got "a note\\nover two lines" [unknown-institution]\n`);
    expect(stderr).toContain(`  ${pins} line 6, column "topic" (3): expected a value for "topic", got nothing [empty-value]\n`);
    expect(stderr).toContain(`  ${pins} line 7, column "mentee" (2): expected a value for "mentee", got nothing [empty-value]\n`);
  });

  it("at most 20 problems are listed, then how many more under each file; the problems of --pin and --exclude come in one run (review: one sum after the last file counted the first file's too)", async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `mentor-${i},kibagabaga-hospital,accreditation`);
    const pins = file("pins.csv", `mentor,mentee,topic\n${rows.join("\n")}\n`);
    const exclude = file("exclude.csv", "mentor,mentee,topic\nkibuye-hospital,nowhere,\n");
    const { code, stderr } = await plan("--pin", pins, "--exclude", exclude);
    expect(code).toBe(1);
    expect(stderr).toContain(`problem(s) in --pin ${pins}:\n`);
    expect(stderr).toContain(`1 problem(s) in --exclude ${exclude}:\n`);
    expect(stderr.match(/\[unknown-institution\]/g)).toHaveLength(20);
    expect(stderr).toContain(`${pins} line 21, column "mentor" (1)`);
    expect(stderr).not.toContain(`${pins} line 22,`);
    expect(stderr).toContain(`got "mentor-19" [unknown-institution]\n  ... and 5 more in this file\n`);
    expect(stderr).toMatch(new RegExp(`1 problem\\(s\\) in --exclude ${exclude.replaceAll(/[.\\/]/g, "\\$&")}:\n {2}\\.\\.\\. and 1 more in this file\n?$`));
  });

  it("a file without the needed columns names them all at once (exit 1)", async () => {
    const { code, stderr } = await plan("--pin", join(EXAMPLE_FOLDER, "topics.csv"));
    expect(code).toBe(1);
    for (const column of ["mentor", "mentee", "topic"]) expect(stderr).toMatch(new RegExp(`topics\\.csv line 1: expected a column "${column}" \\(required: mentor, mentee, topic\\)`));
  });
});

describe("twinning-network plan: ids of pair files that are not in the network", () => {
  it("an unknown mentor, mentee or topic in a --pin or --exclude file is a data problem (exit 1) with its line and a did-you-mean when one is close", async () => {
    const text = "mentor,mentee,topic\nkibuye-hospitl,kibagabaga-hospital,accreditation\nkibuye-hospital,kibagabaga-hospital,acreditation\nsomewhere-else,kibagabaga-hospital,accreditation\n";
    for (const option of ["--pin", "--exclude"]) {
      const pairs = file("pairs.csv", text);
      const { code, stderr } = await plan(option, pairs);
      expect(code).toBe(1);
      expect(stderr).toContain(`3 problem(s) in ${option} ${pairs}:\n`);
      expect(stderr).toContain(`${pairs} line 2, column "mentor" (1): expected the id of an institution of the network, got "kibuye-hospitl" (did you mean "kibuye-hospital"?) [unknown-institution]`);
      expect(stderr).toContain(`${pairs} line 3, column "topic" (3): expected the id of a topic of the network, got "acreditation" (did you mean "accreditation"?) [unknown-topic]`);
      expect(stderr).toContain(`${pairs} line 4, column "mentor" (1): expected the id of an institution of the network, got "somewhere-else" [unknown-institution]`);
    }
    const reported = await run("report", EXAMPLE_FOLDER, "--out", scratch(), "--quiet", "--exclude", file("exclude.csv", "mentor,mentee\nkibuye-hospital,kibagabaga-hopsital\n"));
    expect(reported.code).toBe(1);
    expect(reported.stderr).toContain('got "kibagabaga-hopsital" (did you mean "kibagabaga-hospital"?)');
  });

  it("a pin whose mentee did not choose the topic, pairs an institution with itself or pins a need twice names its line", async () => {
    const pins = file(
      "pins.csv",
      "mentor,mentee,topic\nkibuye-hospital,masaka-hospital,accreditation\nkibuye-hospital,kibuye-hospital,accreditation\nkibuye-hospital,kibagabaga-hospital,accreditation\nruhengeri-hospital,kibagabaga-hospital,accreditation\n",
    );
    const { code, stderr } = await plan("--pin", pins);
    expect(code).toBe(1);
    expect(stderr).toContain(`${pins} line 2, column "topic" (3): expected a topic that masaka-hospital chose (in interests), got "accreditation" [invalid-value]`);
    expect(stderr).toContain(`${pins} line 3, column "mentee" (2): expected a mentee other than the mentor, got "kibuye-hospital" [self-partnership]`);
    expect(stderr).toContain(`${pins} line 5, column "mentor" (1): expected one pinned mentor per mentee and topic, got "ruhengeri-hospital" (kibagabaga-hospital on accreditation is pinned to kibuye-hospital at line 4) [duplicate-row]`);
  });

  it("an unknown id in a --previous file is a warning with its line and a did-you-mean; the plan is still made", async () => {
    const previous = file("previous.csv", "mentor,mentee,topic,role\nkibuye-hospital,kibagabaga-hospital,accreditation,primary\nkibuye-hospitl,ruhengeri-hospital,accreditation,primary\n,masaka-hospital,ipc-compliance,uncovered\n");
    const { code, stderr, stdout } = await plan("--previous", previous);
    expect(code).toBe(0);
    expect(stderr).toBe(`twinning-network plan: warning: --previous ${previous} line 3, column "mentor" (1): expected the id of an institution of the network, got "kibuye-hospitl" (did you mean "kibuye-hospital"?); the pair cannot be kept\n`);
    // Once, with its line: the pair is not passed on for the library to warn about again (it did).
    expect(stdout).not.toContain("previous pair(s) name an institution or topic");
  });

  it("a pin or exclude file of a header only, or with a column read for nothing, is said in a warning, not passed over (new-user trial)", async () => {
    const empty = file("pins-empty.csv", "mentor,mentee,topic\n");
    const extra = file("pins-extra.csv", "mentor,mentee,topic,notes\nkibuye-hospital,kibagabaga-hospital,accreditation,agreed in May\n");
    const pinned = await plan("--pin", empty, "--exclude", extra);
    expect(pinned.code).toBe(0);
    expect(pinned.stderr).toBe(`twinning-network plan: warning: --pin ${empty}: no rows, so no pairs\ntwinning-network plan: warning: --exclude ${extra}: column "notes" is ignored (read: mentor, mentee, topic)\n`);
  });

  it("an earlier plan.csv of ids a spreadsheet would read as formulas ('-nyanza', written with a leading quote) is kept as the plan made it (adversarial review: every such pair was an unknown id)", async () => {
    const data = scratch();
    cpSync(EXAMPLE_FOLDER, data, { recursive: true });
    for (const name of ["institutions.csv", "scores.csv", "interests.csv", "partnerships.csv"]) {
      const path = join(data, name);
      writeFileSync(path, readFileSync(path, "utf8").replaceAll(/(^|,)nyanza(?=,|\r?$)/gm, "$1-nyanza"));
    }
    // Its participant lists name nyanza too; contacts play no part here.
    rmSync(join(data, "activities.csv"));
    const first = scratch();
    expect((await run("plan", data, "--out", first, "--quiet", "--previous", "none")).code).toBe(0);
    const written = readFileSync(join(first, "plan.csv"), "utf8");
    expect(written).toContain(",'-nyanza,");
    const again = await run("plan", data, "--out", scratch(), "--previous", join(first, "plan.csv"));
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain("nyanza");
    const pairs = written.split("\n").filter((line) => line.includes("'-nyanza") && !line.includes("uncovered")).length;
    expect(pairs).toBeGreaterThan(0);
    expect(again.stderr + again.stdout).toMatch(/keeping 60 earlier pair\(s\) from/);
    // A --capacity file of the ids as plan.csv writes them reads them the same way (new-user trial: unknown).
    const capacities = join(scratch(), "capacity.csv");
    writeFileSync(capacities, "institution,capacity\n'-nyanza,6\n");
    const capped = await run("plan", data, "--out", scratch(), "--quiet", "--previous", "none", "--capacity", capacities);
    expect([capped.code, capped.stderr]).toEqual([0, ""]);
  });

  it("a --capacity or --topic-capacity file of a header only, or with a column read for nothing, is said in a warning as the pair files are (new-user trial: both passed without a word)", async () => {
    const empty = file("capacity-empty.csv", "institution,capacity\n");
    const extra = file("topic-capacity-extra.csv", "topic,capacity,why\nanc4,2,busy\n");
    const { code, stderr } = await plan("--capacity", empty, "--topic-capacity", extra);
    expect(code).toBe(0);
    expect(stderr).toBe(`twinning-network plan: warning: --capacity ${empty}: no rows, so no values\ntwinning-network plan: warning: --topic-capacity ${extra}: column "why" is ignored (read: topic, capacity)\n`);
  });

  it("a --previous row with a mentor and a mentee but no topic is a warning with its line, not dropped without a word (new-user trial); a plan.csv row of an uncovered need (role uncovered, no mentor) is no pair", async () => {
    const previous = file("previous-no-topic.csv", "mentor,mentee,topic,role\nnyanza,gicumbi,,primary\n,masaka-hospital,ipc-compliance,uncovered\n");
    const { code, stderr } = await plan("--previous", previous);
    expect(code).toBe(0);
    expect(stderr).toBe(`twinning-network plan: warning: --previous ${previous} line 2, column "topic" (3): expected a topic for the pair, got nothing; the pair cannot be kept\n`);
  });

  it("a --previous row without its mentee, or without its mentor where it is no uncovered row of plan.csv, is a warning with its line (adversarial review: both were dropped without a word)", async () => {
    const previous = file("previous-incomplete.csv", "mentor,mentee,topic\nmuhanga,,anc4\n,bugesera,anc4\n");
    const { code, stderr } = await plan("--previous", previous);
    expect(code).toBe(0);
    expect(stderr).toBe(
      `twinning-network plan: warning: --previous ${previous} line 2, column "mentee" (2): expected a mentee for the pair, got nothing; the pair cannot be kept\n` +
        `twinning-network plan: warning: --previous ${previous} line 3, column "mentor" (1): expected a mentor for the pair, got nothing; the pair cannot be kept\n`,
    );
  });

  it("a pair given on two rows of --previous is counted once, as the plan's note counts it (second review: 'keeping 2' against '1 of 1')", async () => {
    const previous = file("previous-twice.csv", "mentor,mentee,topic\nnyamagabe,bugesera,anc4\nnyamagabe,bugesera,anc4\n");
    // Without --quiet: the count is a progress line.
    const { code, stderr } = await run("plan", EXAMPLE_FOLDER, "--out", scratch(), "--previous", previous);
    expect(code).toBe(0);
    expect(stderr).toContain(`keeping 1 earlier pair(s) from ${previous} unless`);
    expect(stderr).not.toContain("keeping 2");
  });

  it("warnings past the twenty listed are counted per option, naming the option that has them (second review: a --pin file's ignored columns were summed as rows of --previous)", async () => {
    const pin = file("pin-extra-columns.csv", `mentor,mentee,topic,${Array.from({ length: 22 }, (_, k) => `c${k + 1}`).join(",")}\n`);
    const { code, stderr } = await plan("--pin", pin);
    expect(code).toBe(0);
    expect(stderr).toContain("twinning-network plan: warning: ... and more warnings: 3 of --pin\n");
    expect(stderr).not.toContain("--previous");
  });

  it("partnerships without a topic, not kept by the default --previous partnerships, are counted in its note (adversarial review: left out without a word)", async () => {
    const data = join(scratch(), "data");
    cpSync(EXAMPLE_FOLDER, data, { recursive: true });
    writeFileSync(join(data, "partnerships.csv"), "mentor,mentee,topic,period\nkibuye-hospital,kibagabaga-hospital,,baseline\nnyanza,bugesera,anc4,baseline\n");
    const { code, stderr } = await run("plan", data, "--out", scratch());
    expect(code).toBe(0);
    expect(stderr).toContain("keeping 1 earlier pair(s) from the folder's partnerships unless a change gains more than 0.25; 1 partnership(s) without a topic are not kept (a pair is kept per topic) (--previous none to plan afresh)");
  });
});

describe("twinning-network plan: numeric options in command-line terms", () => {
  it.each([
    ["--backups", "1.5", "a whole number 0 or more"],
    ["--backups", "-1", "a whole number 0 or more"],
    ["--capacity", "2.5", "a whole number 0 or more"],
    ["--capacity", "-3", "a whole number 0 or more"],
    ["--topic-capacity", "-1", "a whole number 0 or more"],
    ["--topic-capacity", "1e20", "a whole number 0 or more (at most 9007199254740991)"],
    ["--keep-threshold", "-0.5", "a number 0 or more"],
    ["--keep-threshold", "Infinity", "a number 0 or more"],
    // Number() reads these as 16, 3 and 7 (helper review): decimal notation only.
    ["--capacity", "0x10", "a whole number 0 or more"],
    ["--backups", "0b11", "a whole number 0 or more"],
    ["--keep-threshold", "0o7", "a number 0 or more"],
    ["--backups", "-Infinity", "a whole number 0 or more"],
    // Past assignPartners' range, whose message named its own option (adversarial review).
    ["--backups", "99999999999", "a whole number 0 or more (at most 2147483647)"],
  ])("%s %s is a usage error naming the option and what it expects (exit 2), written with a space or '='", async (option, value, expected) => {
    for (const argv of [[option, value], [`${option}=${value}`]]) {
      const { code, stderr } = await plan(...argv);
      expect(code).toBe(2);
      expect(stderr).toBe(`twinning-network: plan: ${option} expects ${expected}, got "${value}"\nRun "twinning-network plan --help" for usage.\n`);
    }
  });

  it("the values assignPartners accepts pass: --capacity 0, --backups 0, --keep-threshold 0.5", async () => {
    expect((await plan("--capacity", "0", "--backups", "0", "--keep-threshold", "0.5", "--previous", "none")).code).toBe(0);
  });

  it("report checks the same numbers the same way", async () => {
    const { code, stderr } = await run("report", EXAMPLE_FOLDER, "--out", scratch(), "--quiet", "--backups", "-1");
    expect(code).toBe(2);
    expect(stderr).toContain('report: --backups expects a whole number 0 or more, got "-1"');
  });
});

describe("twinning-network plan: --period", () => {
  it("a period not in the data is a usage error with a did-you-mean and the periods (exit 2), in plan and report", async () => {
    for (const command of ["plan", "report"]) {
      const { code, stderr } = await run(command, EXAMPLE_FOLDER, "--out", scratch(), "--quiet", "--period", "endlin");
      expect(code).toBe(2);
      expect(stderr).toContain(`${command}: --period expects a period of the data, got "endlin"; did you mean "endline"? (periods: baseline, endline)\n`);
    }
    expect((await plan("--period", "2019")).stderr).toContain('got "2019" (periods: baseline, endline)');
  });
});

describe("evaluate and report: --baseline and --endline", () => {
  it("a period not in the data is a usage error with a did-you-mean (exit 2), in report before the plan is made (it came after, in the library's words)", async () => {
    const evaluate = await run("evaluate", EXAMPLE_FOLDER, "--out", scratch(), "--quiet", "--baseline", "basline", "--endline", "endline");
    expect(evaluate.code).toBe(2);
    expect(evaluate.stderr).toContain('evaluate: --baseline expects a period of the data, got "basline"; did you mean "baseline"? (periods: baseline, endline)\n');
    // One of several averaged periods.
    const averaged = await run("evaluate", EXAMPLE_FOLDER, "--out", scratch(), "--quiet", "--baseline", "baseline", "--endline", "baseline,endlin");
    expect(averaged.stderr).toContain('evaluate: --endline expects a period of the data, got "endlin"; did you mean "endline"?');
    const report = await run("report", EXAMPLE_FOLDER, "--out", scratch(), "--endline", "endlin");
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('report: --endline expects a period of the data, got "endlin"; did you mean "endline"? (periods: baseline, endline)\n');
    expect(report.stderr).not.toContain("planning partners");
  });

  it("report refuses a reversed declared order before the plan, as evaluate does", async () => {
    const { code, stderr } = await run("report", EXAMPLE_FOLDER, "--out", scratch(), "--baseline", "endline", "--endline", "baseline");
    expect(code).toBe(2);
    expect(stderr).toContain('report: --baseline/--endline: baseline "endline" is not before endline "baseline"');
    expect(stderr).not.toContain("planning partners");
  });
});

describe("twinning-network plan: pins the exclusions forbid", () => {
  it("each is a data problem (exit 1) naming both files and lines, all at once (it was the library's first only, exit 2, no file or line; review)", async () => {
    const pins = file("pins.csv", "mentor,mentee,topic\nkibuye-hospital,byumba-hospital,csection-ssi\n\nkabgayi-hospital,ruhengeri-hospital,accreditation\n");
    const excluded = file("excluded.csv", "mentor,mentee,topic\nkabgayi-hospital,ruhengeri-hospital,accreditation\nkibuye-hospital,byumba-hospital,\n");
    const { code, stderr } = await plan("--pin", pins, "--exclude", excluded);
    expect(code).toBe(1);
    expect(stderr).toBe(
      [
        `twinning-network plan: 2 pinned pair(s) in --pin ${pins} also excluded by --exclude ${excluded}:`,
        `  ${pins} line 2: expected a pair not excluded, got kibuye-hospital -> byumba-hospital on csection-ssi, excluded by ${excluded} line 3 [pinned-and-excluded]`,
        `  ${pins} line 4: expected a pair not excluded, got kabgayi-hospital -> ruhengeri-hospital on accreditation, excluded by ${excluded} line 2 [pinned-and-excluded]`,
        "",
      ].join("\n"),
    );
    // An exclusion on another topic forbids nothing.
    const other = file("other.csv", "mentor,mentee,topic\nkibuye-hospital,byumba-hospital,accreditation\n");
    expect((await plan("--pin", pins, "--exclude", other)).code).toBe(0);
  });
});

describe("report and evaluate read periods alike", () => {
  it("report trims a period as evaluate does, averages a list of periods as evaluate does (the same effects.csv), and evaluate's empty period names the command (review)", async () => {
    expect((await run("report", EXAMPLE_FOLDER, "--out", scratch(), "--quiet", "--endline", " endline ")).code).toBe(0);
    // The example with a third period, a copy of the endline one point higher.
    const folder = scratch();
    cpSync(EXAMPLE_FOLDER, folder, { recursive: true });
    const scores = readFileSync(join(folder, "scores.csv"), "utf8").trimEnd().split("\n");
    const later = scores.filter((row) => row.includes(",endline,")).map((row) => row.replace(",endline,", ",later,").replace(/,([-\d.]+)$/, (_, value: string) => `,${Number(value) + 1}`));
    writeFileSync(join(folder, "scores.csv"), `${[...scores, ...later].join("\n")}\n`);
    writeFileSync(join(folder, "periods.csv"), `${readFileSync(join(folder, "periods.csv"), "utf8").trimEnd()}\nlater,2023-08-31\n`);
    const [reported, evaluated] = [scratch(), scratch()];
    const report = await run("report", folder, "--out", reported, "--quiet", "--baseline", "baseline", "--endline", "endline, later");
    expect(report.code).toBe(0);
    expect((await run("evaluate", folder, "--out", evaluated, "--quiet", "--baseline", "baseline", "--endline", "endline,later")).code).toBe(0);
    expect(readFileSync(join(reported, "effects.csv"), "utf8")).toBe(readFileSync(join(evaluated, "effects.csv"), "utf8"));
    expect(readFileSync(join(reported, "index.html"), "utf8")).toContain("Change is measured from baseline to endline + later.");
    // Averaged, not the first period alone: the later copy moves every endline score up half a point.
    const single = scratch();
    expect((await run("evaluate", folder, "--out", single, "--quiet", "--baseline", "baseline", "--endline", "endline")).code).toBe(0);
    expect(readFileSync(join(reported, "effects.csv"), "utf8")).not.toBe(readFileSync(join(single, "effects.csv"), "utf8"));
    const empty = await run("evaluate", EXAMPLE_FOLDER, "--out", scratch(), "--quiet", "--baseline", "baseline,", "--endline", "endline");
    expect(empty.stderr).toContain('twinning-network: evaluate: --baseline: empty period name in "baseline,"');
  });
});

describe("twinning-network plan: --previous words", () => {
  it("a mistyped word (Partnerships, nnone) that is no file suggests the word (review: 'no such file' alone)", async () => {
    const { code, stderr } = await plan("--previous", "Partnerships");
    expect(code).toBe(2);
    expect(stderr).toContain("plan: --previous Partnerships: no such file; did you mean the word partnerships?");
    expect((await plan("--previous", "nnone")).stderr).toContain("did you mean the word none?");
  });
});

describe("twinning-network plan: --previous from a plan with backups", () => {
  it("a plan without backups keeps the earlier primaries only, and says so (new-user trial: an old backup became the primary marked 'kept from the previous plan')", async () => {
    const first = scratch();
    expect((await run("plan", EXAMPLE_FOLDER, "--out", first, "--quiet", "--backups", "1", "--previous", "none")).code).toBe(0);
    const earlier = readFileSync(join(first, "plan.csv"), "utf8").trim().split("\n").slice(1).map((line) => line.split(","));
    const primaries = new Map(earlier.filter((cells) => cells[3] === "primary").map((cells) => [`${cells[0]}/${cells[1]}`, cells[2]]));
    const backups = earlier.filter((cells) => cells[3] === "backup").length;
    expect(backups).toBeGreaterThan(0);
    const second = scratch();
    const { code, stderr } = await run("plan", EXAMPLE_FOLDER, "--out", second, "--previous", join(first, "plan.csv"));
    expect(code).toBe(0);
    expect(stderr).toContain(`keeping ${primaries.size} earlier pair(s) from ${join(first, "plan.csv")} unless a change gains more than 0.25 (its ${backups} backup pair(s) are not kept: this plan has no backups)`);
    const kept = readFileSync(join(second, "plan.csv"), "utf8").split("\n").filter((line) => line.includes("kept from the previous plan")).map((line) => line.split(","));
    expect(kept.length).toBeGreaterThan(0);
    for (const cells of kept) expect(primaries.get(`${cells[0]}/${cells[1]}`)).toBe(cells[2]);
  });
});
