/** CSV writing (core/csv.ts): papaparse's quoting, formula neutralisation (OWASP), no float noise. */
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvCell, csvText } from "../../src/core/csv.js";

describe("csvText", () => {
  it("neutralises text a spreadsheet would run as a formula, but never numbers", () => {
    for (const text of ["=HYPERLINK(\"http://x\")", "+1", "-x", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(text)).toBe(`'${text}`);
    expect(csvCell(-1.5)).toBe("-1.5");
    expect(csvCell("-x", "keep")).toBe("-x");
  });

  it("writes at most 15 significant digits, so float noise disappears", () => {
    expect(csvCell(31.999999999999982)).toBe("32");
    expect(csvCell(0.1 + 0.2)).toBe("0.3");
    expect(csvCell(1e-300)).toBe("1e-300");
  });

  it("papaparse reads back what it wrote: quotes, commas, line breaks and edge spaces survive", () => {
    const rows = [["a,b", 'say "hi"', "line\nbreak", " padded "], [null, undefined, 3, true]];
    const text = csvText(["w", "x", "y", "z"], rows);
    const parsed = Papa.parse<string[]>(text.trimEnd(), { header: false }).data;
    expect(parsed).toEqual([["w", "x", "y", "z"], ["a,b", 'say "hi"', "line\nbreak", " padded "], ["", "", "3", "true"]]);
  });
});
