/**
 * effects.csv carries the loader's warnings about the data beside each estimate's own: those that
 * name the row's topic on that row, those about the data as a whole on every row, each prefixed
 * "data: ". Before, they were printed on standard error (and in the report's header) only, so a
 * user who opened effects.csv alone read a % topic entered as fractions without a word.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { warningsByTopic as splitWarnings } from "../../src/cli/dataWarnings.js";
import { EXAMPLE_FOLDER } from "../helpers.js";
import { runCli as run } from "./runCli.js";

const scratch = () => mkdtempSync(join(tmpdir(), "twinning-cli-effects-warnings-"));

/** The warnings cell of effects.csv by topic. */
function warningsByTopic(out: string): Map<string, string> {
  const rows = Papa.parse<Record<string, string>>(readFileSync(join(out, "effects.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;
  return new Map(rows.map((row) => [row.topic as string, row.warnings as string]));
}

/** A copy of the example whose cbhi scores (a % topic) are entered as fractions: 0.768 for 76.8. */
function cbhiAsFractions(): string {
  const folder = join(scratch(), "data");
  cpSync(EXAMPLE_FOLDER, folder, { recursive: true });
  const lines = readFileSync(join(folder, "scores.csv"), "utf8").split("\n");
  const changed = lines.map((line) => {
    const cells = line.split(",");
    if (cells[1] !== "cbhi") return line;
    cells[3] = String(Number(cells[3]) / 100);
    return cells.join(",");
  });
  writeFileSync(join(folder, "scores.csv"), changed.join("\n"));
  return folder;
}

const FRACTIONS = 'data: topic "cbhi" is in % but all 60 of its scores lie between 0 and 1: were they read as fractions (an Excel cell formatted as 62.0% holds 0.62)? Multiply by 100, or say unit "proportion"';

describe("effects.csv: the loader's warnings about the data", () => {
  it("evaluate: a % topic entered as fractions is warned about on that topic's row, first, and on no other row", async () => {
    const folder = cbhiAsFractions();
    const out = scratch();
    const { code, stderr } = await run("evaluate", folder, "--baseline", "baseline", "--endline", "endline", "--out", out, "--quiet");
    expect(code).toBe(0);
    // Still on standard error, as before.
    expect(stderr).toContain(FRACTIONS.replace("data: ", "warning: "));
    const warnings = warningsByTopic(out);
    expect(warnings.get("cbhi")?.startsWith(`${FRACTIONS}; `)).toBe(true);
    // The estimate's own warnings follow.
    expect(warnings.get("cbhi")).toContain("baseline imbalance");
    for (const [topic, cell] of warnings) if (topic !== "cbhi") expect(cell).not.toContain("data: ");
  });

  it("report writes the same effects.csv", async () => {
    const out = scratch();
    const { code } = await run("report", cbhiAsFractions(), "--out", out, "--quiet");
    expect(code).toBe(0);
    expect(warningsByTopic(out).get("cbhi")?.startsWith(`${FRACTIONS}; `)).toBe(true);
  });

  it("a warning about the data as a whole (a column the loader ignores) is on every row", async () => {
    const folder = join(scratch(), "data");
    cpSync(EXAMPLE_FOLDER, folder, { recursive: true });
    const scores = readFileSync(join(folder, "scores.csv"), "utf8").split("\n");
    writeFileSync(join(folder, "scores.csv"), scores.map((line, i) => (line === "" ? line : `${line},${i === 0 ? "note" : ""}`)).join("\n"));
    const out = scratch();
    expect((await run("evaluate", folder, "--baseline", "baseline", "--endline", "endline", "--out", out, "--quiet")).code).toBe(0);
    const warnings = warningsByTopic(out);
    expect(warnings.size).toBe(12);
    for (const cell of warnings.values()) expect(cell).toMatch(/^data: scores\.csv: column "note" ignored \(scores reads [^)]*\)(; |$)/);
  });

  it("without loader warnings the rows are as before (the example)", async () => {
    const out = scratch();
    expect((await run("evaluate", EXAMPLE_FOLDER, "--baseline", "baseline", "--endline", "endline", "--out", out, "--quiet")).code).toBe(0);
    for (const cell of warningsByTopic(out).values()) expect(cell).not.toContain("data: ");
  });
});

describe("warningsByTopic", () => {
  it("puts a warning on every topic it names in quotes; one naming none (or naming ids without quotes) is about the data as a whole", () => {
    const percent = 'network.xlsx: 40 value cells formatted as percent (topics "anc4", "cbhi") read as percentage points';
    const direction = "topics.csv: higherIsBetter is empty for stunting, cbhi, read as true";
    const { byTopic, general } = splitWarnings([percent, direction], ["anc4", "cbhi", "stunting", "cbh"]);
    expect(Object.fromEntries(byTopic)).toEqual({ anc4: [percent], cbhi: [percent] });
    expect(general).toEqual([direction]);
  });
});
