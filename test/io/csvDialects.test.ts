/**
 * The CSV dialects of every toCSV and of the command line's --csv: "excel" is the RFC 4180 text
 * behind a UTF-8 byte order mark; "excel-semicolon" reads back (papaparse, semicolons) cell for
 * cell as the RFC 4180 text with each number's decimal point a comma, and its numbers give back
 * the same doubles. A plan.csv written for Excel is read again by --previous.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { csvCell, csvText } from "../../src/core/csv.js";
import { assignPartners, loadNetwork } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";

const cellValue = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(0.1 + 0.2, -1.5, 1e-7, 123456.789, -0),
  fc.string({ maxLength: 6 }),
  fc.constantFrom("a;b", "2.5", "1,5", '"quoted"', "line\nbreak", "=SUM(A1)", "Hôpital de Kabgayi"),
  fc.constant(null),
  fc.boolean(),
);
const table = fc.array(fc.array(cellValue, { minLength: 3, maxLength: 3 }), { maxLength: 8 });
const HEADER = ["a", "b", "c"];

const parse = (text: string, delimiter: string): string[][] => Papa.parse<string[]>(text.slice(0, -1), { delimiter }).data;

describe("CSV dialects (toCSV and --csv)", () => {
  it("excel is the RFC 4180 text behind a UTF-8 byte order mark", () => {
    fc.assert(
      fc.property(table, (rows) => {
        expect(csvText(HEADER, rows, { dialect: "excel" })).toBe(`\uFEFF${csvText(HEADER, rows)}`);
      }),
    );
  });

  it("excel-semicolon reads back (papaparse, semicolons) as the RFC 4180 cells with decimal commas, and its numbers are the same doubles", () => {
    fc.assert(
      fc.property(table, (rows) => {
        const text = csvText(HEADER, rows, { dialect: "excel-semicolon" });
        expect(text.startsWith("\uFEFF")).toBe(true);
        const semicolon = parse(text.slice(1), ";");
        const comma = parse(csvText(HEADER, rows), ",");
        expect(semicolon.length).toBe(comma.length);
        rows.forEach((row, r) => {
          row.forEach((value, c) => {
            const cell = semicolon[r + 1]?.[c] as string;
            if (typeof value === "number") {
              expect(cell).not.toContain(".");
              expect(Number(cell.replace(",", "."))).toBe(Number(csvCell(value)));
            } else expect(cell).toBe(comma[r + 1]?.[c]);
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it("the default is RFC 4180 (no byte order mark, commas, decimal points): the example plan as before", async () => {
    const plan = assignPartners(await loadNetwork(EXAMPLE_FOLDER));
    const text = plan.toCSV();
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.split("\n")[0]).toBe("mentee,topic,mentor,role,mentee_score,mentor_score,gap,distance,cost,pinned,kept,reason");
    expect(plan.toCSV({ dialect: "rfc4180" })).toBe(text);
  });

  it("--csv excel-semicolon writes plan.csv for Excel, and --previous reads it back: the same plan keeps every pair", async () => {
    const first = mkdtempSync(join(tmpdir(), "twinning-csv-dialect-"));
    const io = { stdout: () => {}, stderr: () => {} };
    expect(await main(["plan", EXAMPLE_FOLDER, "--out", first, "--quiet", "--previous", "none", "--csv", "excel-semicolon"], io)).toBe(0);
    const written = readFileSync(join(first, "plan.csv"), "utf8");
    expect(written.startsWith("\uFEFFmentee;topic;mentor;role;")).toBe(true);
    expect(written).toMatch(/;-?\d+,\d+;/);
    const second = mkdtempSync(join(tmpdir(), "twinning-csv-dialect-"));
    let stderr = "";
    expect(await main(["plan", EXAMPLE_FOLDER, "--out", second, "--previous", join(first, "plan.csv")], { stdout: () => {}, stderr: (t) => (stderr += t) })).toBe(0);
    const pairs = written.split("\n").filter((line) => /;(primary|backup);/.test(line)).length;
    expect(stderr).toContain(`keeping ${pairs} earlier pair(s) from ${join(first, "plan.csv")}`);
    expect(pairs).toBeGreaterThan(10);
    expect(readFileSync(join(second, "plan.csv"), "utf8").split("\n").filter((line) => line.includes("kept from the previous plan")).length).toBe(pairs);
  });

  it("numbers near the largest double stay finite (15 digits would round 1.7976931348623157e308 to Infinity; review)", () => {
    for (const dialect of ["rfc4180", "excel", "excel-semicolon"] as const) {
      const cells = parse(csvText(["v"], [[1.7976931348623157e308], [-1.7976931348623157e308], [1e308]], { dialect }).replace(/^\uFEFF/, ""), dialect === "excel-semicolon" ? ";" : ",").slice(1);
      expect(cells.map(([cell]) => Number((cell as string).replace(",", ".")))).toEqual([1.7976931348623157e308, -1.7976931348623157e308, 1e308]);
    }
  });

  it("toCSV's options are checked like every other function's: a misspelt dialect or formulas value, an unknown key or a string is an error naming toCSV", async () => {
    const plan = assignPartners(await loadNetwork(EXAMPLE_FOLDER));
    expect(() => plan.toCSV({ dialect: "excel-semicolons" } as never)).toThrow('toCSV: dialect: expected "rfc4180", "excel", "excel-semicolon", got "excel-semicolons"');
    expect(() => plan.toCSV({ formulas: "kept" } as never)).toThrow('toCSV: formulas: expected "neutralise", "keep", got "kept"');
    expect(() => plan.toCSV({ delimiter: ";" } as never)).toThrow("toCSV: delimiter: unknown option of toCSV");
    expect(() => plan.toCSV("excel" as never)).toThrow('toCSV: options must be an object, got "excel"');
  });

  it("an unknown --csv dialect is a usage error with a suggestion (exit 2)", async () => {
    let stderr = "";
    const code = await main(["plan", EXAMPLE_FOLDER, "--out", mkdtempSync(join(tmpdir(), "twinning-csv-dialect-")), "--csv", "exel"], { stdout: () => {}, stderr: (t) => (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).toContain('plan: --csv expects rfc4180, excel, excel-semicolon, got "exel"; did you mean excel?');
  });
});
