/** The command line, run in-process through `main` (the executable only adds process plumbing). */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS, COMMON_OPTIONS } from "../../src/cli/main.js";
import { EXAMPLE_FOLDER } from "../helpers.js";
import { runCli as run } from "./runCli.js";


const scratch = () => mkdtempSync(join(tmpdir(), "twinning-cli-"));

describe("twinning-network command line", () => {
  it.each(["plan", "flow", "evaluate", "report"])("%s --help prints its usage and options, exit 0", async (command) => {
    const { code, stdout } = await run(command, "--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: twinning-network ${command} <folder>`));
    expect(stdout).toContain("--out DIR");
  });

  it("every command's --help lists every option it accepts, the global ones (--decimal-comma, --encoding, --version...) included (new-user trial: they were in the main help only)", async () => {
    for (const command of COMMANDS) {
      const { code, stdout } = await run(command.name, "--help");
      expect(code).toBe(0);
      const accepted = Object.entries({ ...COMMON_OPTIONS, ...command.options });
      expect(accepted.length).toBeGreaterThan(6);
      for (const [name, option] of accepted) {
        expect(stdout, `${command.name} --${name}`).toMatch(new RegExp(`\\n {2}[^\\n]*--${name}\\b`));
        if ("short" in option) expect(stdout, `${command.name} -${option.short}`).toContain(`--${name}, -${option.short}`);
      }
    }
  });

  it("--help and no arguments print the command list; the version matches package.json", async () => {
    expect((await run("--help")).stdout).toMatch(/Commands:\n {2}plan <folder>/);
    expect((await run()).code).toBe(2);
    const version = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8")).version;
    expect((await run("--version")).stdout).toBe(`${version}\n`);
  });

  it("plan writes plan.csv, prints the pairs and shows progress on standard error", async () => {
    const out = scratch();
    const { code, stdout, stderr } = await run("plan", EXAMPLE_FOLDER, "--out", out, "--capacity", "2");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+ of \d+ needs covered/);
    expect(stderr).toMatch(/\[\d+\.\d s\] reading /);
    expect(stderr).toMatch(/\[\d+\.\d s\] planning partners/);
    const csv = readFileSync(join(out, "plan.csv"), "utf8");
    expect(csv.split("\n")[0]).toBe("mentee,topic,mentor,role,mentee_score,mentor_score,gap,distance,cost,pinned,kept,reason");
    expect((await run("plan", EXAMPLE_FOLDER, "--out", out, "--quiet", "--force")).stderr).toBe("");
  });

  it("flow writes flow.csv, GEXF and GraphML and names teachers, learners, brokers and isolated", async () => {
    const out = scratch();
    const { code, stdout } = await run("flow", EXAMPLE_FOLDER, "--out", out, "--quiet");
    expect(code).toBe(0);
    for (const heading of ["Teachers:", "Learners:", "Brokers:", "Isolated:"]) expect(stdout).toContain(heading);
    expect(readFileSync(join(out, "flow.csv"), "utf8").split("\n")).toHaveLength(42);
    expect(readFileSync(join(out, "network.gexf"), "utf8")).toContain("<gexf");
    expect(readFileSync(join(out, "network.graphml"), "utf8")).toContain("<graphml");
  });

  it("evaluate takes a period id that holds a comma ('Q3, 2021', as a sheet writes quarters) as that period, as report does (new-user trial: it split it and refused 'Q3'); a list of periods still splits", async () => {
    const folder = scratch();
    cpSync(EXAMPLE_FOLDER, folder, { recursive: true });
    const renamed = (text: string) => text.replace(/\bbaseline\b/g, '"Q3, 2021"').replace(/\bendline\b/g, '"Q1, 2023"');
    for (const file of ["scores.csv", "periods.csv", "partnerships.csv", "activities.csv"]) writeFileSync(join(folder, file), renamed(readFileSync(join(folder, file), "utf8")));
    const evaluated = await run("evaluate", folder, "--baseline", "Q3, 2021", "--endline", "Q1, 2023", "--out", join(folder, "out"), "--quiet");
    expect(evaluated.stderr).toBe("");
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toMatch(/^EffectEstimates: 12 topic\(s\)/);
    const listed = await run("evaluate", EXAMPLE_FOLDER, "--baseline", "baseline,nowhere", "--endline", "endline", "--out", join(folder, "out2"), "--quiet");
    expect([listed.code, listed.stderr]).toEqual([2, expect.stringContaining('"nowhere"')]);
  });

  it("evaluate and report write their files; the report is one page with pictures of all three jobs", async () => {
    const out = scratch();
    const evaluated = await run("evaluate", EXAMPLE_FOLDER, "--baseline", "baseline", "--endline", "endline", "--out", out, "--quiet");
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toMatch(/^EffectEstimates: 12 topic\(s\)/);
    expect(readFileSync(join(out, "effects.csv"), "utf8").split("\n")[0]).toMatch(/^topic,estimate,unit,/);
    const reported = await run("report", EXAMPLE_FOLDER, "--out", join(out, "report"), "--quiet");
    expect(reported.code).toBe(0);
    const html = readFileSync(join(out, "report", "index.html"), "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    for (const id of ["network", "plan", "flow", "evaluate"]) expect(html).toContain(`<section id="${id}">`);
    expect(html.split("<svg").length - 1).toBeGreaterThanOrEqual(5 + 12);
    expect(html).not.toMatch(/<script|src="http/);
  });

  it("bad data: every issue with file, line and column on standard error, exit 1, nothing written", async () => {
    const data = scratch();
    cpSync(EXAMPLE_FOLDER, data, { recursive: true });
    const scores = readFileSync(join(data, "scores.csv"), "utf8").split("\n");
    scores[2] = scores[2]?.replace(/,[^,]*$/, ",12,5") ?? "";
    scores[4] = scores[4]?.replace(/,[^,]*$/, ",n/a") ?? "";
    writeFileSync(join(data, "scores.csv"), scores.join("\n"));
    const out = scratch();
    const { code, stdout, stderr } = await run("plan", data, "--out", out);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/scores\.csv line 3/);
    expect(stderr).toMatch(/scores\.csv line 5, column "value" \(4\): expected a number/);
    expect(() => readFileSync(join(out, "plan.csv"))).toThrow();
  });

  it("wrong command lines exit 2 with a reason; a missing folder exits 1", async () => {
    for (const argv of [["plan"], ["nonsense", "x"], ["plan", EXAMPLE_FOLDER, "--bogus"], ["evaluate", EXAMPLE_FOLDER], ["report", EXAMPLE_FOLDER], ["plan", EXAMPLE_FOLDER, "--capacity", "lots"]]) {
      const { code, stderr } = await run(...argv);
      expect(code, argv.join(" ")).toBe(2);
      expect(stderr).toMatch(/^twinning-network: /);
    }
    expect((await run("plan", join(tmpdir(), "no-such-folder-here"))).code).toBe(1);
  });

  it("never replaces an existing output without --force: exit 2, the file untouched, nothing computed", async () => {
    const out = scratch();
    writeFileSync(join(out, "plan.csv"), "my own notes\n");
    const refused = await run("plan", EXAMPLE_FOLDER, "--out", out, "--quiet");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/plan: plan\.csv already exists in ".*"; pass --force to replace/);
    expect(readFileSync(join(out, "plan.csv"), "utf8")).toBe("my own notes\n");
    const forced = await run("plan", EXAMPLE_FOLDER, "--out", out, "--quiet", "--force");
    expect(forced.code).toBe(0);
    expect(readFileSync(join(out, "plan.csv"), "utf8")).toMatch(/^mentee,topic,mentor/);
  });

  it("report does not default to the first and last period when their order is only first appearance (new-user trial: the endline's rows first reversed every estimate); given periods, it runs", async () => {
    const folder = join(scratch(), "data");
    cpSync(EXAMPLE_FOLDER, folder, { recursive: true });
    const relabel = (text: string) => text.replace(/,baseline(,|$)/gm, ",Baseline$1").replace(/,endline(,|$)/gm, ",Endline$1");
    const [header, ...rows] = relabel(readFileSync(join(folder, "scores.csv"), "utf8")).trimEnd().split("\n");
    writeFileSync(join(folder, "scores.csv"), [header, ...rows.filter((row) => row.includes(",Endline,")), ...rows.filter((row) => row.includes(",Baseline,"))].join("\n"));
    writeFileSync(join(folder, "partnerships.csv"), relabel(readFileSync(join(folder, "partnerships.csv"), "utf8")));
    rmSync(join(folder, "periods.csv"));
    const out = scratch();
    const refused = await run("report", folder, "--out", out, "--quiet");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("report: the periods' time order is only the order they first appear in the files (Endline, Baseline), so the first and the last are no safe baseline and endline; give --baseline and --endline, or list the periods in periods.csv");
    expect(existsSync(join(out, "index.html"))).toBe(false);
    const given = await run("report", folder, "--out", out, "--quiet", "--baseline", "Baseline", "--endline", "Endline");
    expect(given.code).toBe(0);
    // Its plan is on the endline's scores, not on the period that appears last (Baseline here): the
    // same plan as `plan --period Endline` (review of stop 19), and it says so.
    expect(given.stderr).toContain("warning: the plan uses the scores of Endline, the endline given (the periods' time order is not known); --period P to plan on another");
    const onEndline = scratch();
    expect((await run("plan", folder, "--out", onEndline, "--quiet", "--period", "Endline")).code).toBe(0);
    const onBaseline = scratch();
    expect((await run("plan", folder, "--out", onBaseline, "--quiet", "--period", "Baseline")).code).toBe(0);
    const reportPlan = readFileSync(join(out, "plan.csv"), "utf8");
    expect(reportPlan).toBe(readFileSync(join(onEndline, "plan.csv"), "utf8"));
    expect(reportPlan).not.toBe(readFileSync(join(onBaseline, "plan.csv"), "utf8"));
    // `plan` has no endline to go by: it asks for the period.
    const asked = await run("plan", folder, "--out", scratch(), "--quiet");
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain("plan: the periods' time order is only the order they first appear in the files (Endline, Baseline), and accreditation is scored in Endline, Baseline, so its latest is not known; give --period P, or list the periods in periods.csv");
    // A topic scored in one period only is no guess (review): with the Baseline rows only, plan runs.
    const once = join(scratch(), "once");
    cpSync(folder, once, { recursive: true });
    const [head, ...lines] = readFileSync(join(once, "scores.csv"), "utf8").trimEnd().split("\n");
    writeFileSync(join(once, "scores.csv"), [head, ...lines.filter((row) => row.includes(",Baseline,"))].join("\n"));
    expect((await run("plan", once, "--out", scratch(), "--quiet")).code).toBe(0);
    // A chosen topic scored only in Baseline while others are scored in both: report cannot plan
    // every topic on the endline (that topic would lose every mentor), so it asks for the period.
    const partly = join(scratch(), "partly");
    cpSync(folder, partly, { recursive: true });
    writeFileSync(join(partly, "scores.csv"), [header, ...rows.filter((row) => !(row.includes(",Endline,") && row.includes(",cbhi,")))].join("\n"));
    const report = await run("report", partly, "--out", scratch(), "--quiet", "--baseline", "Baseline", "--endline", "Endline");
    expect(report.code).toBe(2);
    expect(report.stderr).toContain("and cbhi has no score in Endline, so the endline cannot stand in for the latest period of every topic; give --period P, or list the periods in periods.csv");
    // The example's own labels are declared in periods.csv: the defaults stand.
    expect((await run("report", EXAMPLE_FOLDER, "--out", scratch(), "--quiet")).code).toBe(0);
  });

  it("report refuses a folder holding any of its files, and names them all", async () => {
    const out = scratch();
    writeFileSync(join(out, "index.html"), "<p>mine</p>");
    writeFileSync(join(out, "flow.csv"), "mine");
    writeFileSync(join(out, "unrelated.txt"), "mine");
    const { code, stderr } = await run("report", EXAMPLE_FOLDER, "--out", out, "--quiet");
    expect(code).toBe(2);
    expect(stderr).toContain("index.html, flow.csv already exist");
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("<p>mine</p>");
  });

  it("--out naming a file is a one-line usage error (exit 2); an unwritable path is one line, exit 1", async () => {
    const folder = scratch();
    const file = join(folder, "a-file");
    writeFileSync(file, "x");
    const onFile = await run("plan", EXAMPLE_FOLDER, "--out", file, "--quiet");
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toMatch(/is a file, not a folder/);
    const under = await run("plan", EXAMPLE_FOLDER, "--out", join(file, "sub"), "--quiet");
    expect(under.code).toBe(1);
    expect(under.stderr.trim().split("\n")).toHaveLength(1);
    expect(under.stderr).toMatch(/^twinning-network: ENOTDIR/);
  });

  it("flow without any contact says so in words instead of ranking five teachers with hub 0", async () => {
    const data = scratch();
    writeFileSync(join(data, "institutions.csv"), "id,name,kind\nh1,First,hospital\nh2,Second,hospital\n");
    writeFileSync(join(data, "topics.csv"), "id\nacc\n");
    writeFileSync(join(data, "scores.csv"), "institution,topic,period,value\nh1,acc,2021,1\nh2,acc,2021,2\n");
    writeFileSync(join(data, "interests.csv"), "institution,topic\n");
    const { code, stdout } = await run("flow", data, "--out", scratch(), "--quiet");
    expect(code).toBe(0);
    expect(stdout).toContain("No contacts recorded");
    expect(stdout).not.toMatch(/Teachers:|hub 0/);
    expect(stdout).toContain("Isolated: h1, h2");
  });

  it("a command that stops before writing leaves no output folder behind", async () => {
    const out = join(scratch(), "not-yet");
    const result = await run("evaluate", EXAMPLE_FOLDER, "--baseline", "2021", "--endline", "2023", "--out", out, "--quiet");
    expect(result.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it("report on data with one period keeps the plan and the flow and says why there is no evaluation", async () => {
    const data = scratch();
    writeFileSync(join(data, "institutions.csv"), "id,kind\nh1,hospital\nh2,hospital\nh3,hospital\nh4,hospital\n");
    writeFileSync(join(data, "topics.csv"), "id\nacc\n");
    writeFileSync(join(data, "scores.csv"), "institution,topic,period,value\nh1,acc,2021,10\nh2,acc,2021,90\nh3,acc,2021,50\nh4,acc,2021,20\n");
    writeFileSync(join(data, "interests.csv"), "institution,topic\nh1,acc\n");
    const out = join(scratch(), "report");
    const { code, stdout } = await run("report", data, "--out", out, "--quiet");
    expect(code).toBe(0);
    expect(stdout).toContain("No evaluation: the data hold 1 period(s)");
    expect(existsSync(join(out, "index.html"))).toBe(true);
    expect(existsSync(join(out, "plan.csv"))).toBe(true);
    expect(existsSync(join(out, "effects.csv"))).toBe(false);
  });
});

