/**
 * One family size everywhere, and no topic lost. The example with accreditation chosen by one
 * hospital, ipc-compliance by none and stunting by every district: those 3 topics cannot be
 * estimated. Before, effects.csv had 9 rows (the 3 were on standard error only), Holm adjusted over
 * the 9 p-values, and each "not significant" note said "alpha 0.05 / 12 topics". The family is the
 * topics tested (the 9 whose p-values are adjusted); each skipped topic has a row with its reason.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { adjustPValues, loadNetwork, selectionEffects } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";
import { runCli as run } from "./runCli.js";

const scratch = () => mkdtempSync(join(tmpdir(), "twinning-cli-effects-skipped-"));
const SKIPPED = ["accreditation", "ipc-compliance", "stunting"];

/** The example with interests changed so that 3 topics have a group of fewer than 2. */
function threeUnestimable(): string {
  const folder = join(scratch(), "data");
  cpSync(EXAMPLE_FOLDER, folder, { recursive: true });
  const interests = readFileSync(join(folder, "interests.csv"), "utf8").trim().split("\n");
  const districts = readFileSync(join(folder, "institutions.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","))
    .filter((cells) => cells[2] === "district")
    .map((cells) => cells[0] as string);
  let accreditation = 0;
  const kept = interests.filter((line) => {
    const topic = line.split(",")[1];
    if (topic === "ipc-compliance" || topic === "stunting") return false;
    return topic !== "accreditation" || accreditation++ === 0;
  });
  writeFileSync(join(folder, "interests.csv"), `${[...kept, ...districts.map((id) => `${id},stunting,3`)].join("\n")}\n`);
  return folder;
}

type Row = Record<string, string>;
const readRows = (out: string): Row[] => Papa.parse<Row>(readFileSync(join(out, "effects.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;

/** What a run must show: 9 estimated rows adjusted as one family of 9, 3 rows with reasons and no numbers. */
function checkFamily(rows: Row[]): void {
  expect(rows).toHaveLength(12);
  const estimated = rows.filter((row) => !SKIPPED.includes(row.topic as string));
  expect(estimated).toHaveLength(9);
  const holm = adjustPValues(estimated.map((row) => Number(row.p_value)), "holm");
  estimated.forEach((row, i) => {
    expect(Number(row.p_adjusted)).toBeCloseTo(holm[i] as number, 12);
  });
  const notes = estimated.map((row) => row.warnings as string).filter((cell) => cell.includes("not significant"));
  expect(notes.length).toBeGreaterThan(0);
  for (const cell of notes) {
    expect(cell).toContain("alpha 0.05 / 9 topics");
    expect(cell).not.toContain("/ 12 topics");
  }
  for (const topic of SKIPPED) {
    const row = rows.find((r) => r.topic === topic) as Row;
    expect(row.warnings).toMatch(/^not estimated: selectionEffect: topic [a-z-]+: the group that (chose it|did not) has [01] institution\(s\)/);
    const { topic: _topic, warnings: _warnings, ...numbers } = row;
    expect(Object.values(numbers).every((cell) => cell === "")).toBe(true);
  }
}

describe("skipped topics and the family of adjusted p-values", () => {
  let folder = "";
  beforeAll(() => {
    folder = threeUnestimable();
  });

  it("evaluate: effects.csv has a row per topic, the 3 skipped with their reason, and notes that divide alpha by the 9 tested", async () => {
    const out = scratch();
    const { code, stdout } = await run("evaluate", folder, "--baseline", "baseline", "--endline", "endline", "--out", out, "--quiet");
    expect(code).toBe(0);
    checkFamily(readRows(out));
    expect(stdout).toContain("EffectEstimates: 9 topic(s), 3 skipped");
    expect(stdout).not.toContain("/ 12 topics");
  });

  it("report: the same effects.csv, and the page says the family and why each skipped topic is missing", async () => {
    const out = scratch();
    expect((await run("report", folder, "--out", out, "--quiet")).code).toBe(0);
    checkFamily(readRows(out));
    const page = readFileSync(join(out, "index.html"), "utf8");
    expect(page).toContain("p (Holm-adjusted over 9 topics)");
    expect(page).not.toContain("/ 12 topics");
    for (const name of ["Accreditation score", "Infection prevention and control compliance"]) expect(page).toMatch(new RegExp(`${name} not evaluated: selectionEffect: topic`));
  });

  it("the library's toCSV has the skipped rows too, and skipped is where the reasons are", async () => {
    const effects = selectionEffects(await loadNetwork(folder), { baseline: "baseline", endline: "endline" });
    expect(effects.skipped.map((s) => s.topic)).toEqual(SKIPPED);
    const rows = Papa.parse<Row>(effects.toCSV(), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((row) => row.topic).slice(-3)).toEqual(SKIPPED);
    checkFamily(rows);
  });
});
