/**
 * Pins the library refuses only once the plan is being made (a mentor without a score on the topic,
 * pins over a capacity): the command line reports them as problems of the pin file, with its lines,
 * exit 1, in plan and report. Before, they came as assignPartners' first message, exit 2, no file
 * or line.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataFileError } from "../../src/cli/command.js";
import { planOptionsFrom } from "../../src/cli/commands/plan.js";
import { SeededRandom, TwinningError, assignPartners, loadNetwork } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";
import { runCli as run } from "./runCli.js";

const scratch = () => mkdtempSync(join(tmpdir(), "twinning-cli-pin-limits-"));

/** A pin file in a fresh folder, from its rows after the header; returns its path. */
function pinFile(...rows: string[]): string {
  const path = join(scratch(), "pins.csv");
  writeFileSync(path, `mentor,mentee,topic\n${rows.join("\n")}\n`);
  return path;
}

/** A command over a data folder, writing into a fresh folder. */
const runOn = (command: string, folder: string, ...options: string[]) => run(command, folder, "--out", scratch(), "--quiet", ...options);

/** A copy of the example without the scores rows for which `drop` is true. */
function exampleWithout(drop: (cells: string[]) => boolean): string {
  const folder = join(scratch(), "data");
  cpSync(EXAMPLE_FOLDER, folder, { recursive: true });
  const lines = readFileSync(join(folder, "scores.csv"), "utf8").split("\n");
  writeFileSync(join(folder, "scores.csv"), lines.filter((line, i) => i === 0 || !drop(line.split(","))).join("\n"));
  return folder;
}

describe("twinning-network plan and report: a pinned mentor without a score on the topic", () => {
  it("a hospital pinned to mentor a district topic is a kind mismatch at its line (exit 1), in plan and report", async () => {
    const pins = pinFile("kibuye-hospital,gasabo,cbhi");
    for (const command of ["plan", "report"]) {
      const { code, stdout, stderr } = await runOn(command, EXAMPLE_FOLDER, "--pin", pins);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toBe(
        `twinning-network ${command}: 1 problem(s) in --pin ${pins}:\n` +
          `  ${pins} line 2, column "mentor" (1): expected a mentor of a kind topic cbhi applies to (district), got "kibuye-hospital" (a hospital, without a cbhi score to mentor from) [kind-mismatch]\n`,
      );
    }
  });

  it("a mentor of the right kind without a score in the plan's period names the period, how it was chosen, and the periods it has", async () => {
    const folder = exampleWithout(([institution, topic, period]) => institution === "kibuye-hospital" && topic === "accreditation" && period === "endline");
    const pins = pinFile("kibuye-hospital,kibagabaga-hospital,accreditation");
    const latest = await runOn("plan", folder, "--pin", pins);
    expect(latest.code).toBe(1);
    expect(latest.stderr).toContain(
      `  ${pins} line 2, column "mentor" (1): expected a mentor with an accreditation score in endline (the latest period with accreditation scores, which the plan reads; --period chooses another), got "kibuye-hospital" (it has accreditation scores in baseline only) [no-score]\n`,
    );
    // The period the line suggests is the way out: the plan is made.
    expect((await runOn("plan", folder, "--pin", pins, "--period", "baseline")).code).toBe(0);
    const chosen = await runOn("report", exampleWithout(([institution, topic]) => institution === "kibuye-hospital" && topic === "accreditation"), "--pin", pins, "--period", "baseline");
    expect(chosen.code).toBe(1);
    expect(chosen.stderr).toContain(`expected a mentor with an accreditation score in baseline (--period baseline), got "kibuye-hospital" (it has no accreditation score in any period) [no-score]\n`);
    const unscored = await runOn("plan", exampleWithout(([, topic]) => topic === "cbhi"), "--pin", pinFile("kicukiro,gasabo,cbhi"));
    expect(unscored.code).toBe(1);
    expect(unscored.stderr).toContain(`expected a mentor with a cbhi score, got "kicukiro" (no institution has a cbhi score in any period) [no-score]\n`);
  });
});

describe("twinning-network plan and report: pins over a capacity", () => {
  it("pins beyond --capacity name the mentor and every line of its pins (blank lines counted), exit 1, in plan and report", async () => {
    const pins = pinFile("kibuye-hospital,kibagabaga-hospital,accreditation", "kibuye-hospital,masaka-hospital,ipc-compliance", "", "kibuye-hospital,ruhengeri-hospital,accreditation");
    for (const command of ["plan", "report"]) {
      const { code, stderr } = await runOn(command, EXAMPLE_FOLDER, "--pin", pins, "--capacity", "2");
      expect(code).toBe(1);
      expect(stderr).toBe(
        `twinning-network ${command}: 1 problem(s) in --pin ${pins}:\n` +
          `  ${pins} lines 2, 3, 5, column "mentor" (1): expected at most 2 pinned pairs per mentor (--capacity 2), got 3 for "kibuye-hospital" [over-capacity]\n`,
      );
    }
    expect((await runOn("plan", EXAMPLE_FOLDER, "--pin", pins, "--capacity", "3")).code).toBe(0);
  });

  it("without --capacity the default capacity (3) is named as such", async () => {
    const pins = pinFile("kibuye-hospital,kibagabaga-hospital,accreditation", "kibuye-hospital,masaka-hospital,ipc-compliance", "kibuye-hospital,ruhengeri-hospital,accreditation", "kibuye-hospital,byumba-hospital,stockout-days");
    const { code, stderr } = await runOn("plan", EXAMPLE_FOLDER, "--pin", pins);
    expect(code).toBe(1);
    expect(stderr).toContain(`  ${pins} lines 2, 3, 4, 5, column "mentor" (1): expected at most 3 pinned pairs per mentor (the default capacity; --capacity sets another), got 4 for "kibuye-hospital" [over-capacity]\n`);
  });

  it("pins beyond --topic-capacity name the mentor, the topic and their lines, exit 1, in plan and report", async () => {
    const pins = pinFile("kibuye-hospital,kibagabaga-hospital,accreditation", "kibuye-hospital,masaka-hospital,ipc-compliance", "kibuye-hospital,ruhengeri-hospital,accreditation");
    for (const command of ["plan", "report"]) {
      const { code, stderr } = await runOn(command, EXAMPLE_FOLDER, "--pin", pins, "--topic-capacity", "1");
      expect(code).toBe(1);
      expect(stderr).toBe(
        `twinning-network ${command}: 1 problem(s) in --pin ${pins}:\n` +
          `  ${pins} lines 2, 4, column "mentor" (1): expected at most 1 pinned pair per mentor and topic (--topic-capacity 1), got 2 for "kibuye-hospital" on accreditation [over-topic-capacity]\n`,
      );
    }
  });

  it("the same pin written twice is one pin: it passes --topic-capacity 1 (the library counted it twice) and is in the plan once", async () => {
    const pins = pinFile("kibuye-hospital,kibagabaga-hospital,accreditation", "kibuye-hospital,kibagabaga-hospital,accreditation");
    const out = scratch();
    const { code, stderr } = await run("plan", EXAMPLE_FOLDER, "--out", out, "--quiet", "--pin", pins, "--topic-capacity", "1");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const pinned = readFileSync(join(out, "plan.csv"), "utf8").split("\n").filter((line) => line.startsWith("kibagabaga-hospital,accreditation,kibuye-hospital,primary,"));
    expect(pinned).toHaveLength(1);
  });
});

describe("twinning-network plan: every problem of a pin file in one run", () => {
  it("an unknown id, a mentor without a score and pins over a capacity are listed together, in file order", async () => {
    const pins = pinFile("kibuye-hospital,gasabo,cbhi", "kibuye-hospitl,ruhengeri-hospital,accreditation", "ruhengeri-hospital,kibagabaga-hospital,accreditation", "ruhengeri-hospital,masaka-hospital,ipc-compliance");
    const { code, stderr } = await runOn("plan", EXAMPLE_FOLDER, "--pin", pins, "--capacity", "1");
    expect(code).toBe(1);
    expect(stderr).toBe(
      [
        `twinning-network plan: 3 problem(s) in --pin ${pins}:`,
        `  ${pins} line 2, column "mentor" (1): expected a mentor of a kind topic cbhi applies to (district), got "kibuye-hospital" (a hospital, without a cbhi score to mentor from) [kind-mismatch]`,
        `  ${pins} line 3, column "mentor" (1): expected the id of an institution of the network, got "kibuye-hospitl" (did you mean "kibuye-hospital"?) [unknown-institution]`,
        `  ${pins} lines 4, 5, column "mentor" (1): expected at most 1 pinned pair per mentor (--capacity 1), got 2 for "ruhengeri-hospital" [over-capacity]`,
        "",
      ].join("\n"),
    );
  });
});

describe("the pin checks agree with assignPartners", () => {
  it("over 60 random pin files (seeded): the command line refuses a pin file exactly when assignPartners would", async () => {
    const network = await loadNetwork(EXAMPLE_FOLDER);
    const random = new SeededRandom(7);
    const pick = <T>(list: readonly T[]): T => list[random.nextInt(list.length)] as T;
    const ids = network.institutions.map((institution) => institution.id);
    for (let trial = 0; trial < 60; trial++) {
      // Distinct needs with any other institution as mentor (hospitals and districts mixed), so
      // the only problems left are the ones checked against the plan options.
      const needs = [...network.interests].sort(() => random.next() - 0.5).slice(0, 1 + random.nextInt(6));
      const pins = needs.map((need) => ({ mentor: pick(ids.filter((id) => id !== need.institution)), mentee: need.institution, topic: need.topic }));
      const values: Record<string, string> = { pin: pinFile(...pins.map((pin) => `${pin.mentor},${pin.mentee},${pin.topic}`)), previous: "none" };
      if (random.next() < 0.7) values.capacity = String(random.nextInt(3));
      if (random.next() < 0.5) values["topic-capacity"] = String(random.nextInt(2));
      if (random.next() < 0.3) values.period = pick(network.periodIds);
      let refused = false;
      try {
        await planOptionsFrom("plan", values, network);
      } catch (error) {
        if (!(error instanceof DataFileError)) throw error;
        refused = true;
      }
      const options = { pin: pins, ...(values.capacity !== undefined ? { capacity: Number(values.capacity) } : {}), ...(values["topic-capacity"] !== undefined ? { topicCapacity: Number(values["topic-capacity"]) } : {}), ...(values.period !== undefined ? { period: values.period } : {}) };
      let libraryRefused = false;
      try {
        assignPartners(network, options);
      } catch (error) {
        if (!(error instanceof TwinningError)) throw error;
        libraryRefused = true;
      }
      expect(refused, JSON.stringify(values) + JSON.stringify(pins)).toBe(libraryRefused);
    }
  });
});
