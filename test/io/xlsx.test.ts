/**
 * Excel workbooks: the workbooks in examples/data/excel and test/fixtures/xlsx were written by
 * openpyxl 3.0 from the Rwanda example's CSV files (scripts/fixtures/make-xlsx.py), with numbers
 * as number cells and dates as date cells.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import Papa from "papaparse";
import { loadNetwork, parseNetwork, parseWorkbook, safeLoadNetwork } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "xlsx");
const workbook = join(import.meta.dirname, "..", "..", "examples", "data", "excel", "network.xlsx");
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** The example's CSV files in a new folder, with `replace` (CSV name -> workbook) swapped in. */
function folderWith(replace: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), "twinning-xlsx-"));
  folders.push(folder);
  for (const name of readdirSync(EXAMPLE_FOLDER).filter((file) => file.endsWith(".csv"))) {
    if (!Object.hasOwn(replace, name)) copyFileSync(join(EXAMPLE_FOLDER, name), join(folder, name));
  }
  for (const [name, source] of Object.entries(replace)) copyFileSync(source, join(folder, name.replace(/\.csv$/, ".xlsx")));
  return folder;
}

describe("Excel workbooks (read-excel-file)", () => {
  it("a workbook with one sheet per table loads as the same network as the CSV folder it was made from", async () => {
    const fromExcel = await loadNetwork(workbook);
    const fromCsv = await loadNetwork(EXAMPLE_FOLDER);
    expect(fromExcel.equals(fromCsv)).toBe(true);
    expect(fromExcel.toJSON().periods).toEqual([{ id: "baseline", date: "2021-08-01" }, { id: "endline", date: "2023-02-28" }]);
    expect(fromExcel.warnings).toEqual([
      'network.xlsx: sheet "notes" ignored (a sheet is read when its name is a table: institutions, topics, periods, scores, interests, partnerships, activities)',
    ]);
  });

  it("the workbook's sheets written back as CSV files load as the same network (xlsx -> CSV)", async () => {
    const { readSheets } = await import("../../src/io/read/xlsx.js");
    const sheets = await readSheets(new Uint8Array(readFileSync(workbook)));
    const iso = (cell: unknown) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell === null || cell === undefined ? "" : String(cell));
    const files = Object.fromEntries(
      sheets.filter(({ sheet }) => sheet !== "notes").map(({ sheet, data }) => [`${sheet}.csv`, Papa.unparse(data.map((row) => row.map(iso)))]),
    );
    expect(Object.keys(files).sort()).toEqual(["activities.csv", "institutions.csv", "interests.csv", "partnerships.csv", "periods.csv", "scores.csv", "topics.csv"]);
    expect(parseNetwork(files).equals(await loadNetwork(workbook))).toBe(true);
  });

  it("institutions.xlsx in a folder stands in for institutions.csv (its first sheet)", async () => {
    const network = await loadNetwork(folderWith({ "institutions.csv": join(fixtures, "institutions.xlsx") }));
    expect(network.equals(await loadNetwork(EXAMPLE_FOLDER))).toBe(true);
  });

  it("issues name the workbook, the sheet, the row and the column", async () => {
    const result = await safeLoadNetwork(folderWith({ "scores.csv": join(fixtures, "bad-scores.xlsx") }));
    expect(result.ok ? [] : result.issues.map((issue) => [issue.code, issue.file, issue.line, issue.column, issue.value])).toEqual([
      ["not-a-number", 'scores.xlsx, sheet "scores"', 3, "value", "n/a"],
    ]);
    expect(result.ok ? "" : result.issues[0]?.message).toBe(
      'scores.xlsx, sheet "scores" row 3, column "value" (D): expected a number such as 12.5 (decimal point, no thousands separator or spaces), got "n/a"',
    );
  });

  it("parseWorkbook reads a workbook's bytes in any runtime (no file system)", async () => {
    const bytes = new Uint8Array(readFileSync(workbook));
    const network = await parseWorkbook(bytes);
    expect(network.equals(await loadNetwork(EXAMPLE_FOLDER))).toBe(true);
    expect((await parseWorkbook(bytes.slice().buffer)).equals(network)).toBe(true);
    await expect(parseWorkbook("network.xlsx" as never)).rejects.toThrow("parseWorkbook: expected the workbook's bytes (a Uint8Array or an ArrayBuffer), got string");
  });

  it("a file that is not a workbook is reported as such", async () => {
    const folder = folderWith({});
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(folder, "network.xlsx"), "not a zip");
    const result = await safeLoadNetwork(join(folder, "network.xlsx"));
    expect(result.ok ? [] : result.issues.map((issue) => [issue.code, issue.file])).toEqual([["unsupported-file", "network.xlsx"]]);
  });
});
