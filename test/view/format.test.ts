/**
 * The one number formatter and the one p-value formatter (core/display.ts) every table, figure
 * list and report uses: APA style (p without a leading zero, "< .001"), never more than 6
 * significant digits.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_SIGNIFICANT_DIGITS, formatNumber, formatP, formatPValue, htmlTable, textTable } from "../../src/core/display.js";

/** Significant digits of a printed number: leading zeros never count, trailing zeros of a whole number neither. */
const significantDigits = (text: string): number => {
  const mantissa = text.replace(/e.*$/, "");
  const digits = mantissa.replace(/[^0-9]/g, "").replace(/^0+/, "");
  return mantissa.includes(".") ? digits.length : digits.replace(/0+$/, "").length;
};

describe("formatNumber", () => {
  it("rounds floating-point noise away (flow.csv held 31.999999999999982)", () => {
    expect(formatNumber(31.999999999999982)).toBe("32.000");
    expect(formatNumber(0.1 + 0.2)).toBe("0.300");
  });

  it("never shows more than 6 significant digits (property)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 8 }), (value, digits) => {
        if (Number.isInteger(value)) return;
        expect(significantDigits(formatNumber(value, digits))).toBeLessThanOrEqual(MAX_SIGNIFICANT_DIGITS);
      }),
    );
    expect(formatNumber(123456.789)).toBe("123457");
    expect(formatNumber(1234.5678)).toBe("1234.57");
    expect(formatNumber(999999.6)).toBe("1000000");
  });

  it("writes integers as they are, no '-0', and words for missing values", () => {
    expect(formatNumber(1560)).toBe("1560");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(-0, 2)).toBe("0");
    expect(formatNumber(null)).toBe("n/a");
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe("Inf");
  });

  it("gives a nonzero value that would round to 0 three significant digits (new-user trial: DiD = 0.00 with p = .041)", () => {
    expect(formatNumber(1.234e-12, 2)).toBe("1.23e-12");
    expect(formatNumber(-1.234e-12, 2)).toBe("-1.23e-12");
    expect(formatNumber(-0.0001)).toBe("-0.0001");
    expect(formatNumber(0.000123456, 2)).toBe("0.000123");
    expect(formatNumber(0.004, 2)).toBe("0.004");
    // Only values that would read as 0 change.
    expect(formatNumber(0.005, 2)).toBe("0.01");
    expect(formatNumber(0.0123, 2)).toBe("0.01");
    expect(formatNumber(0, 2)).toBe("0");
  });

  it("never prints a nonzero value as 0 (property)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1, max: 1 }), fc.integer({ min: 0, max: 8 }), (value, digits) => {
        if (value === 0) return;
        expect(Number(formatNumber(value, digits))).not.toBe(0);
      }),
    );
  });
});

describe("formatPValue and formatP (APA 7th edition, section 6.36)", () => {
  it("print three decimals without a leading zero, '< .001' below and '> .999' above", () => {
    expect(formatPValue(0.0312)).toBe(".031");
    expect(formatPValue(0.195)).toBe(".195");
    expect(formatPValue(0.00002)).toBe("< .001");
    expect(formatPValue(0)).toBe("< .001"); // never "0.000"
    expect(formatPValue(1)).toBe("> .999"); // never "1"
    expect(formatPValue(undefined)).toBe("n/a");
    expect(formatP(0.0312)).toBe("p = .031");
    expect(formatP(0)).toBe("p < .001");
    expect(formatP(1)).toBe("p > .999");
  });

  it("are what a p column of htmlTable and textTable prints", () => {
    const rows = [{ p: 0 }, { p: 0.195 }, { p: 1 }];
    const columns = [{ label: "p", value: (row: { p: number }) => row.p, format: "p" as const }];
    expect(textTable(columns, rows).split("\n").slice(1)).toEqual(["< .001", ".195", "> .999"]);
    expect(htmlTable(columns, rows)).toContain("<td>&lt; .001</td>");
  });

  it("htmlTable puts a hover text (title) on a cell when a column gives one", () => {
    const html = htmlTable([{ label: "institution", value: (_row: { id: string }) => "Nyanza Hospital", hover: (row) => `id: ${row.id}` }], [{ id: "nyanza-hospital" }]);
    expect(html).toContain('<td title="id: nyanza-hospital">Nyanza Hospital</td>');
  });
});
