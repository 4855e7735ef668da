/** The plan options of the command line (plan and report), run in-process through `main`. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { assignPartners, loadNetwork } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";
import { runCli as run } from "./runCli.js";


const scratch = () => mkdtempSync(join(tmpdir(), "twinning-cli-plan-"));
const rows = (file: string) => Papa.parse<Record<string, string>>(readFileSync(file, "utf8"), { header: true, skipEmptyLines: true }).data;
const rwanda = await loadNetwork(EXAMPLE_FOLDER);

describe("twinning-network plan options", () => {
  it("--backups 1 writes backup pairs and covers as many needs as the library's plan with the same options", async () => {
    const out = scratch();
    const { code, stdout } = await run("plan", EXAMPLE_FOLDER, "--out", out, "--quiet", "--backups", "1", "--capacity", "4", "--previous", "none");
    expect(code).toBe(0);
    const plan = assignPartners(rwanda, { backups: 1, capacity: 4 });
    expect(stdout).toMatch(new RegExp(`^${plan.covered} of \\d+ needs covered`));
    const written = rows(join(out, "plan.csv"));
    expect(written.filter((row) => row.role === "backup")).toHaveLength(plan.pairs.filter((pair) => pair.role === "backup").length);
  });

  it("--groups same, --topic-capacity 1 and --period reach assignPartners", async () => {
    const out = scratch();
    const { code } = await run("plan", EXAMPLE_FOLDER, "--out", out, "--quiet", "--groups", "same", "--topic-capacity", "1", "--period", "endline", "--previous", "none");
    expect(code).toBe(0);
    const plan = assignPartners(rwanda, { groups: "same", topicCapacity: 1, period: "endline" });
    expect(rows(join(out, "plan.csv")).filter((row) => row.role !== "uncovered").map((row) => `${row.mentor}>${row.mentee}/${row.topic}`)).toEqual(plan.pairs.map((pair) => `${pair.mentor}>${pair.mentee}/${pair.topic}`));
  });

  it("--pin and --exclude read CSV files of pairs", async () => {
    const base = assignPartners(rwanda, { previous: [] });
    const first = base.pairs[0];
    expect(first).toBeDefined();
    const data = scratch();
    writeFileSync(join(data, "exclude.csv"), `mentor,mentee,topic\n${first?.mentor},${first?.mentee},${first?.topic}\n`);
    const out = scratch();
    const excluded = await run("plan", EXAMPLE_FOLDER, "--out", out, "--quiet", "--exclude", join(data, "exclude.csv"), "--previous", "none");
    expect(excluded.code).toBe(0);
    expect(rows(join(out, "plan.csv")).some((row) => row.mentor === first?.mentor && row.mentee === first?.mentee && row.topic === first?.topic)).toBe(false);
    // Pin the pair back, with a mentor that was not chosen for it.
    const other = base.pairs.find((pair) => pair.topic === first?.topic && pair.mentor !== first?.mentor && pair.mentee !== first?.mentee);
    if (other !== undefined) {
      writeFileSync(join(data, "pin.csv"), `mentor,mentee,topic\n${other.mentor},${first?.mentee},${first?.topic}\n`);
      const pinned = await run("plan", EXAMPLE_FOLDER, "--out", out, "--quiet", "--pin", join(data, "pin.csv"), "--previous", "none", "--force");
      expect(pinned.code).toBe(0);
      expect(rows(join(out, "plan.csv")).find((row) => row.mentee === first?.mentee && row.topic === first?.topic && row.role === "primary")?.mentor).toBe(other.mentor);
    }
    const bad = await run("plan", EXAMPLE_FOLDER, "--out", out, "--quiet", "--pin", join(EXAMPLE_FOLDER, "topics.csv"), "--force");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--pin .*topics\.csv:\n.*topics\.csv line 1: expected a column "mentor"/);
  });

  it("the folder's partnerships are the previous plan by default; an earlier plan.csv can be given; none plans afresh", async () => {
    const out = scratch();
    const byDefault = await run("plan", EXAMPLE_FOLDER, "--out", out);
    expect(byDefault.code).toBe(0);
    expect(byDefault.stderr).toMatch(/keeping \d+ earlier pair\(s\) from the folder's partnerships/);
    const library = assignPartners(rwanda, { previous: rwanda.partnerships.filter((p) => p.topic !== undefined) as { mentor: string; mentee: string; topic: string }[] });
    expect(rows(join(out, "plan.csv")).filter((row) => row.role === "primary")).toHaveLength(library.covered);
    const again = scratch();
    const fromPlan = await run("plan", EXAMPLE_FOLDER, "--out", again, "--previous", join(out, "plan.csv"), "--keep-threshold", "100");
    expect(fromPlan.code).toBe(0);
    expect(fromPlan.stderr).toMatch(/keeping \d+ earlier pair\(s\) from .*plan\.csv unless a change gains more than 100/);
    const kept = rows(join(again, "plan.csv")).filter((row) => row.kept === "true");
    expect(kept.length).toBeGreaterThan(0);
    const fresh = await run("plan", EXAMPLE_FOLDER, "--out", again, "--previous", "none", "--force");
    expect(fresh.stderr).not.toMatch(/keeping/);
  });

  it("prints shortfalls with the relaxations that fix them", async () => {
    const out = scratch();
    const { code, stdout } = await run("plan", EXAMPLE_FOLDER, "--out", out, "--quiet", "--capacity", "1", "--backups", "1", "--previous", "none");
    expect(code).toBe(0);
    const plan = assignPartners(rwanda, { capacity: 1, backups: 1 });
    if (plan.shortfalls.length > 0) {
      expect(stdout).toContain(`Shortfalls (${plan.shortfalls.length}) and what would fix them:`);
      if (plan.shortfalls.some((s) => s.relaxations.length > 0)) expect(stdout).toMatch(/fix: /);
    }
  });

  it("says which period's scores it planned on: --period, the latest of every chosen topic, each topic's own latest, or each topic's only one when the periods' order is a guess (new-user trial: it did not say)", async () => {
    const period = (stdout: string) => stdout.split("\n")[1];
    expect(period((await run("plan", EXAMPLE_FOLDER, "--out", scratch(), "--quiet")).stdout)).toBe("Period: endline, the latest with scores on every chosen topic (--period P to plan on another).");
    expect(period((await run("plan", EXAMPLE_FOLDER, "--out", scratch(), "--quiet", "--period", "baseline")).stdout)).toBe("Period: baseline (--period).");
    // cbhi scored at baseline only: planned on its baseline, the other topics on endline.
    const data = (keep: (cells: string[]) => boolean, withPeriods = true) => {
      const folder = join(scratch(), "data");
      cpSync(EXAMPLE_FOLDER, folder, { recursive: true });
      const scores = readFileSync(join(folder, "scores.csv"), "utf8").trim().split("\n");
      writeFileSync(join(folder, "scores.csv"), `${scores.filter((line, i) => i === 0 || keep(line.split(","))).join("\n")}\n`);
      if (!withPeriods) rmSync(join(folder, "periods.csv"));
      return folder;
    };
    const cbhi = await run("plan", data(([, topic, when]) => topic !== "cbhi" || when === "baseline"), "--out", scratch(), "--quiet");
    expect(cbhi.code).toBe(0);
    expect(period(cbhi.stdout)).toBe("Periods: each chosen topic's latest with scores: baseline (cbhi), endline (accreditation, anc4, csection-ssi, emr-use, facility-delivery and 6 more) (--period P to plan on one).");
    // Without periods.csv the order is first appearance; hospital topics scored at baseline only,
    // district topics at endline only: each has one period, so the order decides nothing.
    const hospitalTopics = ["accreditation", "ipc-compliance", "csection-ssi", "emr-use", "patient-satisfaction", "stockout-days"];
    const guessed = await run("plan", data(([, topic, when]) => (when === "baseline") === hospitalTopics.includes(topic as string), false), "--out", scratch(), "--quiet");
    expect(guessed.code).toBe(0);
    expect(period(guessed.stdout)).toBe(
      "Period: each chosen topic's only period with scores: baseline (accreditation, csection-ssi, emr-use, ipc-compliance, patient-satisfaction and 1 more), endline (anc4, cbhi, facility-delivery, hmis-timeliness, modern-fp and 1 more); the periods' order, only their first appearance in the files, decides nothing here.",
    );
  });

  it("bad values are usage errors (exit 2)", async () => {
    expect((await run("plan", EXAMPLE_FOLDER, "--groups", "nearby")).code).toBe(2);
    expect((await run("plan", EXAMPLE_FOLDER, "--backups", "many")).code).toBe(2);
    expect((await run("plan", EXAMPLE_FOLDER, "--backups", "1.5", "--quiet")).code).toBe(2);
  });

  it("report accepts the same plan options", async () => {
    const { stdout } = await run("report", "--help");
    for (const option of ["--backups", "--groups", "--topic-capacity", "--pin", "--exclude", "--previous", "--keep-threshold"]) expect(stdout).toContain(option);
    expect((await run("report", EXAMPLE_FOLDER, "--out", scratch(), "--groups", "nearby")).code).toBe(2);
  });

  it("an incomplete row in a --pin or --exclude file is a data problem naming the line and column (exit 1), never dropped", async () => {
    const data = scratch();
    writeFileSync(join(data, "pin.csv"), "mentor,mentee,topic\nkibuye-hospital,masaka-hospital,\n");
    writeFileSync(join(data, "exclude.csv"), "mentor,mentee,topic\n,kibagabaga-hospital,accreditation\n");
    const pinned = await run("plan", EXAMPLE_FOLDER, "--out", scratch(), "--quiet", "--pin", join(data, "pin.csv"));
    expect(pinned.code).toBe(1);
    expect(pinned.stderr).toMatch(/pin\.csv line 2, column "topic" \(3\): expected a value for "topic", got nothing/);
    const excluded = await run("plan", EXAMPLE_FOLDER, "--out", scratch(), "--quiet", "--exclude", join(data, "exclude.csv"));
    expect(excluded.code).toBe(1);
    expect(excluded.stderr).toMatch(/exclude\.csv line 2, column "mentor" \(1\): expected a value for "mentor", got nothing/);
  });
});

