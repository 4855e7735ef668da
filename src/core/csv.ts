/**
 * CSV text of a result (plan, flow report, effect estimates), written by papaparse's `unparse`
 * (RFC 4180 quoting). Two rules on top, both for spreadsheets:
 * - Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
 *   return; OWASP "CSV injection") is prefixed with a single quote, unless `formulas: "keep"` is
 *   asked for by a machine reader. Numbers are never prefixed: -1.5 stays a number.
 * - Numbers are written with at most 15 significant digits, so float noise such as
 *   31.999999999999982 reads 32 (a double holds 15 to 17; the 16th and 17th are noise here).
 * The dialect is for the reader: RFC 4180 for programs (the default); for Excel a UTF-8 byte order
 * mark, without which it reads the file in the system's legacy code page and accented names
 * turn to mojibake; and where the decimal mark is a comma (French, German, Spanish... locales)
 * Excel splits only on semicolons and reads 2.5 as text or a date, hence "excel-semicolon".
 */
import Papa from "papaparse";
import { checkOptions, type OptionSchema } from "./options.js";

/** Options of every `toCSV()`. */
export interface CsvOptions {
  /** "neutralise" (default) prefixes formula-like text with '; "keep" writes text as it is. */
  formulas?: "neutralise" | "keep";
  /**
   * "rfc4180" (default): commas, decimal points, no byte order mark. "excel": the same with a
   * UTF-8 byte order mark. "excel-semicolon": byte order mark, semicolons and decimal commas (2,5),
   * for Excel in locales whose decimal mark is a comma. Text cells are written as they are.
   */
  dialect?: "rfc4180" | "excel" | "excel-semicolon";
}

/**
 * Defaults of CsvOptions.
 * @example
 * plan.toCSV({ ...DEFAULT_CSV_OPTIONS, formulas: "keep" })
 */
export const DEFAULT_CSV_OPTIONS: Readonly<Required<CsvOptions>> = Object.freeze({ formulas: "neutralise", dialect: "rfc4180" });

const FORMULA_START = /^[=+\-@\t\r]/;

const CSV_SCHEMA: OptionSchema<CsvOptions> = {
  formulas: { type: "enum", values: ["neutralise", "keep"] },
  dialect: { type: "enum", values: ["rfc4180", "excel", "excel-semicolon"] },
};

/** One cell: empty for null and undefined, numbers without float noise, formulas neutralised. */
export function csvCell(value: unknown, formulas: CsvOptions["formulas"] = "neutralise"): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    // 15 digits, unless rounding to them leaves the doubles (1.797693134862316e308 is Infinity; review).
    const short = Number(value.toPrecision(15));
    return String(Number.isFinite(short) ? short : value);
  }
  const text = String(value);
  return formulas !== "keep" && FORMULA_START.test(text) ? `'${text}` : text;
}

/** The CSV text of a header and rows, ending with a newline. */
export function csvText(header: readonly string[], rows: readonly (readonly unknown[])[], options: CsvOptions = {}): string {
  const { formulas = DEFAULT_CSV_OPTIONS.formulas, dialect = DEFAULT_CSV_OPTIONS.dialect } = checkOptions("toCSV", options, CSV_SCHEMA);
  const decimalComma = dialect === "excel-semicolon";
  const cells = rows.map((row) =>
    row.map((value) => {
      const cell = csvCell(value, formulas);
      return decimalComma && typeof value === "number" ? cell.replace(".", ",") : cell;
    }),
  );
  const text = Papa.unparse({ fields: [...header], data: cells }, { newline: "\n", quotes: false, delimiter: decimalComma ? ";" : "," });
  return `${dialect === "rfc4180" ? "" : "\uFEFF"}${text}\n`;
}
