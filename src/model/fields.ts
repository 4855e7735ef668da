/**
 * Reading one field of one row, strictly: every value is either converted exactly or reported as
 * an {@link InputIssue} with its file, line, column, the value as written and what was expected.
 * Nothing is guessed, rounded or dropped.
 */
import type { InputIssue, InputIssueCode } from "../core/errors.js";
import type { RawRow, RawTable } from "./table.js";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Shows a value in a message: strings quoted and shortened, nothing as "nothing". */
export function showValue(value: unknown): string {
  if (value === undefined || value === null || value === "") return "nothing";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "number") return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

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

/** Collects the issues of one table and reads its fields. */
export class TableReader {
  readonly issues: InputIssue[] = [];
  /** Required columns absent from the header: not reported again on every row. */
  private readonly absent = new Set<string>();

  constructor(readonly table: RawTable) {}

  markAbsent(column: string): void {
    this.absent.add(column);
  }

  /** Where a field is, in words a user can follow to the cell. */
  location(row: RawRow | undefined, column?: string): Pick<InputIssue, "file" | "line" | "row" | "column" | "columnNumber"> & { text: string } {
    const info = column === undefined ? undefined : this.table.columns?.get(column);
    const header = info?.header ?? column;
    let head = this.table.file;
    if (row?.line !== undefined) head += ` line ${row.line}`;
    else if (row !== undefined) head += ` row ${row.row}`;
    const parts: string[] = [head];
    if (header !== undefined) parts.push(`column ${JSON.stringify(header)}${info ? ` (${info.position})` : ""}`);
    return {
      file: this.table.file,
      ...(row?.line !== undefined ? { line: row.line } : {}),
      ...(row !== undefined ? { row: row.row } : {}),
      ...(header !== undefined ? { column: header } : {}),
      ...(info ? { columnNumber: info.position } : {}),
      text: parts.join(", "),
    };
  }

  report(row: RawRow | undefined, column: string | undefined, code: InputIssueCode, expected: string, value?: unknown, detail?: string): void {
    const { text, ...where } = this.location(row, column);
    const got = value === undefined && detail !== undefined ? "" : `, got ${showValue(value)}`;
    const issue: InputIssue = {
      code,
      message: `${text}: expected ${expected}${got}${detail ? ` (${detail})` : ""}`,
      ...where,
      expected,
    };
    if (value !== undefined && value !== null) issue.value = typeof value === "string" ? value : showValue(value);
    this.issues.push(issue);
  }

  private raw(row: RawRow, column: string): unknown {
    return row.get(column);
  }

  /** A text field; numbers are accepted and written as text (JSON ids such as 7). */
  text(row: RawRow, column: string, required: boolean): string | undefined {
    if (this.absent.has(column)) return undefined;
    const value = this.raw(row, column);
    if (isEmpty(value)) {
      if (required) this.report(row, column, "empty-value", `a value for "${column}"`, value);
      return undefined;
    }
    if (typeof value === "string") return value;
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    this.report(row, column, "invalid-value", "text", value);
    return undefined;
  }

  /** A finite number, from a number or a numeric string ("12.5", "-3", "1e3"; not "1,5"). */
  number(row: RawRow, column: string, required: boolean): number | undefined {
    if (this.absent.has(column)) return undefined;
    const value = this.raw(row, column);
    if (isEmpty(value)) {
      if (required) this.report(row, column, "empty-value", "a number", value);
      return undefined;
    }
    return this.toNumber(row, column, value);
  }

  private toNumber(row: RawRow, column: string, value: unknown): number | undefined {
    if (typeof value === "number") {
      if (Number.isFinite(value)) return value + 0; // -0 becomes 0: a sign on zero carries no information
      this.report(row, column, "not-finite", "a finite number", value);
      return undefined;
    }
    if (typeof value === "string") {
      const text = value.trim();
      if (NUMBER.test(text)) {
        const parsed = Number(text);
        if (Number.isFinite(parsed)) return parsed + 0;
        this.report(row, column, "not-finite", "a finite number", value, "too large for a 64-bit float");
        return undefined;
      }
      if (NON_FINITE.test(text)) {
        this.report(row, column, "not-finite", "a finite number", value);
        return undefined;
      }
    }
    this.report(row, column, "not-a-number", "a number such as 12.5 (decimal point, no thousands separator)", value);
    return undefined;
  }

  /** A whole number >= 1 (priorities, counts). */
  positiveInteger(row: RawRow, column: string): number | undefined {
    const value = this.number(row, column, false);
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < 1) {
      this.report(row, column, "invalid-value", "a whole number of at least 1", this.raw(row, column));
      return undefined;
    }
    return value;
  }

  /** true/false, yes/no, 1/0 (any case). */
  boolean(row: RawRow, column: string): boolean | undefined {
    if (this.absent.has(column)) return undefined;
    const value = this.raw(row, column);
    if (isEmpty(value)) return undefined;
    if (typeof value === "boolean") return value;
    const text = String(value).trim().toLowerCase();
    if (["true", "yes", "1"].includes(text)) return true;
    if (["false", "no", "0"].includes(text)) return false;
    this.report(row, column, "invalid-value", "true or false (also yes/no, 1/0)", value);
    return undefined;
  }

  /** An ISO date YYYY-MM-DD (or YYYY-MM, YYYY) that exists on the calendar. */
  date(row: RawRow, column: string): string | undefined {
    const text = this.text(row, column, false);
    if (text === undefined) return undefined;
    if (isIsoDate(text.trim())) return text.trim();
    this.report(row, column, "malformed-date", "an ISO date such as 2022-03-15", text);
    return undefined;
  }

  /** A list: an array of texts, or one text with items separated by ";". */
  list(row: RawRow, column: string): string[] | undefined {
    if (this.absent.has(column)) return undefined;
    const value = this.raw(row, column);
    if (isEmpty(value)) return undefined;
    let items: unknown[];
    if (Array.isArray(value)) items = value;
    else if (typeof value === "string") items = value.split(";");
    else {
      this.report(row, column, "invalid-value", 'a list of ids separated by ";"', value);
      return undefined;
    }
    const texts: string[] = [];
    for (const item of items) {
      if (typeof item === "number" && Number.isFinite(item)) texts.push(String(item));
      else if (typeof item === "string" && item.trim() !== "") texts.push(typeof value === "string" ? item.trim() : item);
      else {
        this.report(row, column, "invalid-value", 'a list of non-empty ids separated by ";"', value);
        return undefined;
      }
    }
    return texts;
  }

  /** An attribute value: a finite number or a text, as written. */
  attribute(row: RawRow, column: string): number | string | undefined {
    const value = this.raw(row, column);
    if (isEmpty(value)) return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number") {
      if (Number.isFinite(value)) return value + 0; // -0 becomes 0: a sign on zero carries no information
      this.report(row, column, "not-finite", "a finite number or a text", value);
      return undefined;
    }
    if (typeof value === "boolean") return String(value);
    this.report(row, column, "invalid-value", "a number or a text", value);
    return undefined;
  }

  /** Whether a string is a number this reader would accept. */
  static isNumeric(value: unknown): boolean {
    if (typeof value === "number") return Number.isFinite(value);
    return typeof value === "string" && NUMBER.test(value.trim()) && Number.isFinite(Number(value.trim()));
  }
}
