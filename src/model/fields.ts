/**
 * Reading one field of one row, strictly: every value is either converted exactly or reported as
 * an {@link InputIssue} with its file, line, column, the value as written and what was expected.
 * Nothing is guessed, rounded or dropped.
 */
import { grouped } from "../core/display.js";
import type { InputIssue, InputIssueCode } from "../core/errors.js";
import { isRecord, showArgument } from "../core/options.js";
import { IssueLog } from "./issueLog.js";
import type { RawRow, RawTable } from "./table.js";

import { cleanText, forbiddenCharacter } from "./text.js";

/** What XML files (GEXF, GraphML, SVG) can carry, as an expectation. */
export const XML_SAFE = "without control characters, lone surrogates or noncharacters";

/** The code of most of this file's problems, written once (the core entry's size). */
const INVALID = "invalid-value";
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
export const DECIMAL_COMMA_NUMBER = /^[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
/** A percent sign ending a cell, with the spaces around it: "72.1%", "72.1 % ". */
export const PERCENT_SIGN = /\s*%\s*$/;
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Shows a value in a message: strings quoted and shortened, nothing as "nothing". */
export function showValue(value: unknown): string {
  if (value === undefined || value === null || value === "") return "nothing";
  if (typeof value === "string") return quoteVisibly(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "number") return String(value);
  // JSON shows a Map, Set or Date as {} or a date string: name what it is instead.
  if (typeof value === "object" && !Array.isArray(value) && !isRecord(value)) return showArgument(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

// Spaces other than U+0020, invisible formatting characters and C1 controls: shown as \uXXXX.
// (JSON.stringify already escapes C0 controls and lone surrogates.)
const INVISIBLE = /[\u007F-\u00A0\u00AD\u061C\u115F\u1160\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\u3164\uFEFF\uFFA0\uFFF0-\uFFFF]/g;

/**
 * A string in double quotes, JSON-escaped, with no-break and other unusual spaces and invisible
 * characters written as `\uXXXX`, so `"323\u00a0719"` and `"d "` show what they hold.
 * @example quoteVisibly("323\u00a0719") // '"323\\u00a0719"'
 */
export function quoteVisibly(text: string): string {
  return JSON.stringify(text).replace(INVISIBLE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** How decimals are written in the files: `.` (12.5) or `,` (12,5). */
export type DecimalMark = "." | ",";

/** Whether `text` is an ISO calendar date (YYYY, YYYY-MM or YYYY-MM-DD) that exists. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const year = Number(match[1]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Looks like an attempt at a date (so a failure is reported as `malformed-date`). */
export function looksLikeDate(text: string): boolean {
  return /^\d{4}-\d/.test(text);
}

/** A sortable key for an ISO date of any of the three precisions. */
export function dateKey(text: string): string {
  return `${text}-01-01`.slice(0, 10);
}

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/** Printable ASCII, not starting or ending with a space: nothing to trim, normalise or refuse. */
const PLAIN_ASCII = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** How the files write numbers, as the table readers use it. */
export interface ReadingOptions {
  /** The decimal mark: `.` (default) or `,` (as European spreadsheets export). */
  readonly decimal: DecimalMark;
}

/**
 * Cells of one column that use a decimal comma: refused ones under a decimal point, read ones under
 * a decimal comma; `thousands` while every one of them looks like a number with thousands
 * separators (1,250 or 12,500,000: a comma before each group of three digits).
 */
interface DecimalCommaCells {
  count: number;
  first: { row: RawRow; value: unknown };
  thousands: boolean;
}

/** A comma before every group of three digits, the first group not 0: 1,250 or 12,500,000 (never 0,125). */
export const THOUSANDS = /^[+-]?[1-9]\d{0,2}(?:,\d{3})+$/;
/**
 * Groups of three digits set apart by a space, a no-break or thin space or an apostrophe (the
 * SI and Swiss ways): 336 839, 1'250 000. Never a number here: in a numeric column such a cell is an
 * issue that says how to write it; a column of them is text with a warning (institutions.ts).
 */
export const SPACED_THOUSANDS = /^[+-]?[1-9]\d{0,2}(?:[ \u00a0\u2009\u202f']\d{3})+(?:[.,]\d+)?$/;
const THOUSANDS_SPACES = /[ \u00a0\u2009\u202f']/g;
/** A number grouped by spaces as it should be written: without them, with the file's decimal mark ("1 234,5" -> 1234.5 in a file of decimal points). */
export const ungrouped = (text: string, decimal: DecimalMark): string => text.trim().replace(THOUSANDS_SPACES, "").replace(/[.,]/, decimal);
/** Numbers written as phone numbers and codes are: a leading + or 0 ("+250788100400", "0788300200"). */
export const PHONE_LIKE = /^(?:\+|0\d)/;
/** One point before three digits, the first group not 0: 323.719 (a decimal, or 323,719 with a point between the thousands). */
const POINT_THOUSANDS = /^[+-]?[1-9]\d{0,2}\.\d{3}$/;
const TIMES_1000 = "if it separates thousands, each is 1000 times too small: write them without separators";

/**
 * Under a decimal point, the cells of one column with a point before three digits (`count`, the
 * first of them) while every cell with a point is such (`thousands`), and a whole number of 1000
 * or more written without one (`whole`): "323.719" beside "331000" is most likely 323,719 written
 * with a point between the thousands, 1000 times too small as read (new-user trial, stop 20).
 */
interface PointCells {
  count: number;
  first?: { row: RawRow; value: string };
  thousands: boolean;
  whole?: string;
}

/**
 * Collects the issues of one table and reads its fields. Text is trimmed and NFC-normalised
 * (see text.ts); characters XML forbids are refused with `invalid-value`.
 */
export class TableReader {
  /** Required columns absent from the header: not reported again on every row. */
  readonly #absent = new Set<string>();
  readonly #decimalCommas = new Map<string, DecimalCommaCells>();
  readonly #points = new Map<string, PointCells>();
  readonly #numberPattern: RegExp;
  /** Whether the files write a decimal comma. */
  readonly #comma: boolean;

  constructor(
    readonly table: RawTable,
    readonly log: IssueLog = new IssueLog(),
    readonly options: ReadingOptions = { decimal: "." },
  ) {
    this.#comma = options.decimal === ",";
    this.#numberPattern = this.#comma ? DECIMAL_COMMA_NUMBER : NUMBER;
  }

  markAbsent(column: string): void {
    this.#absent.add(column);
  }

  /** Where a field is, in words a user can follow to the cell. */
  location(row: RawRow | undefined, column?: string): Pick<InputIssue, "file" | "line" | "row" | "column" | "columnNumber"> & { text: string } {
    const info = column === undefined ? undefined : this.table.columns?.get(column);
    const header = info?.header ?? column;
    const parts: string[] = [row === undefined ? this.table.file : `${this.table.file} ${this.at(row)}`];
    if (header !== undefined) parts.push(`column ${quoteVisibly(header)}${info ? ` (${this.table.lineWord === "row" ? columnLetter(info.position) : info.position})` : ""}`);
    return {
      file: this.table.file,
      ...(row?.line !== undefined ? { line: row.line } : {}),
      ...(row !== undefined ? { row: row.row } : {}),
      ...(header !== undefined ? { column: header } : {}),
      ...(info ? { columnNumber: info.position } : {}),
      text: parts.join(", "),
    };
  }

  /** Where a row starts, in words: `line 3`, or `row 3` (a sheet's row, or an object's position). */
  at(row: RawRow): string {
    return row.line !== undefined ? `${this.table.lineWord ?? "line"} ${row.line}` : `row ${row.row}`;
  }

  report(row: RawRow | undefined, column: string | undefined, code: InputIssueCode, expected: string, value?: unknown, detail?: string, line?: number): void {
    if (!this.log.wants(code)) {
      this.log.count(code);
      return;
    }
    const { text, ...where } = this.location(row, column);
    const got = value === undefined && detail !== undefined ? "" : `, got ${showValue(value)}`;
    const issue: InputIssue = {
      code,
      message: `${text}: expected ${expected}${got}${detail ? ` (${detail})` : ""}`,
      ...where,
      ...(line !== undefined ? { line } : {}),
      expected,
    };
    if (value !== undefined && value !== null) issue.value = typeof value === "string" ? value : showValue(value);
    this.log.add(issue);
  }

  /**
   * Reports what was gathered over the whole table (decimal commas); call once, after the last row.
   * A comma before three digits in every such cell may separate thousands: 1,250 read as 1.25
   * under a decimal comma is 1000 times too small, and advising a decimal comma for it made it so
   * (new-user trial, stop 19). Both readings are then named; under a decimal comma, a warning.
   */
  finish(warnings?: string[]): void {
    for (const [column, cells] of this.#decimalCommas) {
      const { text, ...where } = this.location(cells.first.row, column);
      const many = cells.count === 1 ? "a value" : `${grouped(cells.count)} values`;
      const example = showValue(cells.first.value);
      if (this.#comma) {
        if (cells.thousands) warnings?.push(`${text}: ${many} such as ${example} read with a decimal comma (${example} is ${this.parseNumber(String(cells.first.value))}) have three digits after the comma; ${TIMES_1000}`);
        continue;
      }
      const reading = cells.thousands ? `a comma before three digits, such as ${example}: if it separates thousands, write the numbers without separators; if it is a decimal comma,` : `a decimal comma such as ${example};`;
      this.log.expect(
        {
          code: "decimal-comma",
          ...where,
          value: String(cells.first.value),
          expected: "numbers with a decimal point",
        },
        text,
        `${many} with ${reading} read the files with decimal: "," (command line: --decimal-comma)`,
      );
    }
    this.#decimalCommas.clear();
    for (const [key, { count, first, thousands, whole }] of this.#points) {
      const [column, part] = key.split("\u0000") as [string, string | undefined];
      if (thousands && first && whole !== undefined) {
        warnings?.push(`${this.location(first.row, column).text}: ${count === 1 ? "a value" : `${grouped(count)} values`}${part === undefined ? "" : ` of ${part}`} such as ${showValue(first.value)} ${count === 1 ? "has" : "have"} three digits after the point, beside whole numbers such as ${showValue(whole)}; ${TIMES_1000}`);
      }
    }
    this.#points.clear();
  }

  /** A cleaned text, or undefined (reported) when it holds a character XML forbids. */
  #clean(row: RawRow, column: string, value: string): string | undefined {
    // Most cells are printable ASCII without edge spaces: already clean, one test and no copy.
    if (PLAIN_ASCII.test(value)) return value;
    const text = cleanText(value);
    const bad = forbiddenCharacter(text);
    if (bad === undefined) return text;
    this.report(row, column, INVALID, `text ${XML_SAFE}`, value, `it holds ${bad}, which no XML file (GEXF, GraphML, SVG) can carry`);
    return undefined;
  }

  /** A text field, trimmed and NFC-normalised; numbers are accepted and written as text (JSON ids such as 7). */
  text(row: RawRow, column: string, required: boolean): string | undefined {
    if (this.#absent.has(column)) return undefined;
    const value = row.get(column);
    if (isEmpty(value)) {
      if (required) this.report(row, column, "empty-value", `a value for "${column}"`, value);
      return undefined;
    }
    if (typeof value === "string") return this.#clean(row, column, value);
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    this.report(row, column, INVALID, "text", value);
    return undefined;
  }

  /**
   * A finite number, from a number or a numeric string ("12.5", "-3", "1e3"; "1,5" with decimal ",").
   * `part`: the values of the column it belongs with, for the thousands check (a score's topic).
   * `percentSign`: a trailing "%" is allowed ("72.1%" is 72.1; the caller says how it is read).
   */
  number(row: RawRow, column: string, required: boolean, part?: string, percentSign = false): number | undefined {
    if (this.#absent.has(column)) return undefined;
    const value = row.get(column);
    if (isEmpty(value)) {
      if (required) this.report(row, column, "empty-value", "a number", value);
      return undefined;
    }
    if (percentSign && typeof value === "string") {
      // Only a number before the sign is read without it; "%" or "-%" are shown as written.
      const bare = value.replace(PERCENT_SIGN, "");
      if (bare !== value && (this.parseNumber(bare) !== undefined || DECIMAL_COMMA_NUMBER.test(bare.trim()))) return this.#toNumber(row, column, bare, part);
    }
    return this.#toNumber(row, column, value, part);
  }

  /** The number a string stands for under this reader's decimal mark, or undefined. */
  parseNumber(text: string): number | undefined {
    const trimmed = text.trim();
    if (!this.#numberPattern.test(trimmed)) return undefined;
    return Number(this.#comma ? trimmed.replace(",", ".") : trimmed);
  }

  #toNumber(row: RawRow, column: string, value: unknown, part?: string): number | undefined {
    if (typeof value === "number") {
      // A whole number from a sheet's number cell counts beside text cells such as "323.719" (review).
      if (!this.#comma) this.#notePoint(row, column, part, undefined, value);
      if (Number.isFinite(value)) return value + 0; // -0 becomes 0: a sign on zero carries no information
      this.report(row, column, "not-finite", "a finite number", value);
      return undefined;
    }
    if (typeof value === "string") {
      const parsed = this.parseNumber(value);
      if (parsed !== undefined) {
        if (this.#comma) {
          if (value.includes(",")) this.#noteComma(row, column, value);
        } else this.#notePoint(row, column, part, value, parsed);
        if (Number.isFinite(parsed)) return parsed + 0;
        this.report(row, column, "not-finite", "a finite number", value, "too large for a 64-bit float");
        return undefined;
      }
      const text = value.trim();
      if (NON_FINITE.test(text)) {
        this.report(row, column, "not-finite", "a finite number", value);
        return undefined;
      }
      if (!this.#comma && DECIMAL_COMMA_NUMBER.test(text)) {
        // One issue per column for the whole table (finish()), not one per cell.
        this.#noteComma(row, column, value);
        return undefined;
      }
      // "62%" outside a score's value (where number(..., percentSign) reads it): the sign is named,
      // where "expected a number" did not say why (new-user trial). As a sheet's percent cells
      // there, not converted (docs/decisions.md).
      const bare = text.replace(PERCENT_SIGN, "");
      if (bare !== text && (this.parseNumber(bare) !== undefined || DECIMAL_COMMA_NUMBER.test(bare))) {
        this.report(row, column, "not-a-number", "a number without a percent sign", value, `write ${bare}`);
        return undefined;
      }
    }
    // The number without its group spaces, with the file's decimal mark ("1 234,5" in a file of
    // decimal points: write 1234.5, where "1234,5" would be refused again; review).
    const spaced = typeof value === "string" && SPACED_THOUSANDS.test(value.trim()) ? ungrouped(value, this.#comma ? "," : ".") : undefined;
    this.report(row, column, "not-a-number", `a number such as 12${this.#comma ? ",5 (decimal comma" : ".5 (decimal point"}, no thousands separator or spaces)`, value, spaced === undefined ? undefined : `write ${spaced}`);
    return undefined;
  }

  /** Notes a number for the thousands check: `text` as written (undefined: a sheet's number cell). */
  #notePoint(row: RawRow, column: string, part: string | undefined, text: string | undefined, parsed: number): void {
    const point = text?.includes(".") === true;
    if (!point && !(Math.abs(parsed) >= 1000 && Number.isInteger(parsed))) return;
    const key = part === undefined ? column : `${column}\u0000${part}`;
    let cells = this.#points.get(key);
    if (cells?.thousands === false) return;
    if (cells === undefined) {
      cells = { count: 0, thousands: true };
      this.#points.set(key, cells);
    }
    if (!point) cells.whole ??= text ?? String(parsed);
    else if (POINT_THOUSANDS.test((text as string).trim())) {
      cells.count++;
      cells.first ??= { row, value: text as string };
    } else cells.thousands = false;
  }

  #noteComma(row: RawRow, column: string, value: string): void {
    const cells = this.#decimalCommas.get(column);
    const thousands = THOUSANDS.test(value.trim());
    if (cells) {
      cells.count++;
      cells.thousands &&= thousands;
    } else this.#decimalCommas.set(column, { count: 1, first: { row, value }, thousands });
  }

  /** A whole number >= 1 (priorities, counts). */
  positiveInteger(row: RawRow, column: string): number | undefined {
    const value = this.number(row, column, false);
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < 1) {
      this.report(row, column, INVALID, "a whole number of at least 1", row.get(column));
      return undefined;
    }
    return value;
  }

  /** true/false, yes/no, 1/0, and French Excel's VRAI/FAUX and oui/non (any case). */
  boolean(row: RawRow, column: string): boolean | undefined {
    if (this.#absent.has(column)) return undefined;
    const value = row.get(column);
    if (isEmpty(value)) return undefined;
    if (typeof value === "boolean") return value;
    const text = String(value).trim().toLowerCase();
    if (["true", "yes", "1", "vrai", "oui"].includes(text)) return true;
    if (["false", "no", "0", "faux", "non"].includes(text)) return false;
    this.report(row, column, INVALID, "true or false (also yes/no, 1/0, vrai/faux)", value);
    return undefined;
  }

  /** An ISO date YYYY-MM-DD (or YYYY-MM, YYYY) that exists on the calendar. */
  date(row: RawRow, column: string): string | undefined {
    const text = this.text(row, column, false);
    if (text === undefined) return undefined;
    if (isIsoDate(text)) return text;
    this.report(row, column, "malformed-date", "an ISO date such as 2022-03-15", text);
    return undefined;
  }

  /** A list: an array of texts, or one text with items separated by ";". */
  list(row: RawRow, column: string): string[] | undefined {
    if (this.#absent.has(column)) return undefined;
    const value = row.get(column);
    if (isEmpty(value)) return undefined;
    let items: unknown[];
    if (Array.isArray(value)) items = value;
    else if (typeof value === "string") items = value.split(";");
    else {
      this.report(row, column, INVALID, 'a list of ids separated by ";"', value);
      return undefined;
    }
    const texts: string[] = [];
    for (const item of items) {
      if (typeof item === "number" && Number.isFinite(item)) texts.push(String(item));
      else if (typeof item === "string" && item.trim() !== "") {
        const text = this.#clean(row, column, item);
        if (text === undefined) return undefined;
        texts.push(text);
      } else {
        this.report(row, column, INVALID, 'a list of non-empty ids separated by ";"', value);
        return undefined;
      }
    }
    return texts;
  }

  /** An attribute value: a finite number or a cleaned text. */
  attribute(row: RawRow, column: string): number | string | undefined {
    const value = row.get(column);
    if (isEmpty(value)) return undefined;
    if (typeof value === "string") return this.#clean(row, column, value);
    if (typeof value === "number") {
      if (Number.isFinite(value)) return value + 0; // -0 becomes 0: a sign on zero carries no information
      this.report(row, column, "not-finite", "a finite number or a text", value);
      return undefined;
    }
    if (typeof value === "boolean") return String(value);
    this.report(row, column, INVALID, "a number or a text", value);
    return undefined;
  }

  /** A numeric attribute: a number (reported when the cell is not one). */
  numericAttribute(row: RawRow, column: string): number | undefined {
    const value = row.get(column);
    if (isEmpty(value)) return undefined;
    return this.#toNumber(row, column, value);
  }

  /** Whether a value is a number this reader would accept. */
  isNumeric(value: unknown): boolean {
    if (typeof value === "number") return Number.isFinite(value);
    if (typeof value !== "string") return false;
    const parsed = this.parseNumber(value);
    return parsed !== undefined && Number.isFinite(parsed);
  }
}

/** Spreadsheet column letters of a 1-based position: 1 -> A, 27 -> AA. */
export function columnLetter(position: number): string {
  let letters = "";
  for (let n = position; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
