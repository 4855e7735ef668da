/**
 * CSV text -> a {@link RawTable} that remembers, for every record, the 1-based line it starts on
 * and, for every column, its header and position. Parsing is papaparse's (RFC 4180 quoting,
 * CRLF or LF, delimiter guessed among comma, semicolon and tab); this file only keeps locations
 * and turns papaparse's row errors into input issues.
 */
import Papa from "papaparse";
import type { InputIssue } from "../../core/errors.js";
import { showValue } from "../../model/fields.js";
import { type ColumnInfo, CsvRow, type RawRow, type RawTable, type TableName, columnKey } from "../../model/table.js";

export interface CsvTableResult {
  table?: RawTable;
  issues: InputIssue[];
}

/** Parses one CSV file of the network. `file` is the name used in issues (e.g. `scores.csv`). */
export function parseCsvTable(name: TableName, file: string, text: string): CsvTableResult {
  const issues: InputIssue[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") {
    issues.push({ code: "empty-file", file, line: 1, expected: "a header row and data rows", message: `${file} line 1: expected a header row and data rows, got an empty file` });
    return { issues };
  }

  // Line of a character offset, found by scanning forward once through the text.
  let scanned = 0;
  let line = 1;
  const lineAt = (offset: number): number => {
    let start = offset;
    while (start < body.length && (body[start] === "\n" || body[start] === "\r")) start++;
    for (; scanned < start; scanned++) if (body.charCodeAt(scanned) === 10) line++;
    return line;
  };

  let header: string[] | undefined;
  let columns: Map<string, ColumnInfo> | undefined;
  const fieldIndex = new Map<string, number>();
  let columnList: string[] = [];
  const rows: RawRow[] = [];
  let previousCursor = 0;
  let record = 0;

  Papa.parse<string[]>(body, {
    delimitersToGuess: [",", ";", "\t"],
    skipEmptyLines: false,
    step: (result) => {
      const start = previousCursor;
      previousCursor = result.meta.cursor;
      const fields = result.data;
      const startLine = lineAt(start);
      if (fields.length === 1 && fields[0] === "") return; // a blank line is not a record
      if (header === undefined) {
        header = fields;
        columns = new Map();
        fields.forEach((raw, index) => {
          const key = columnKey(name, raw);
          const where = { file, line: startLine, column: raw, columnNumber: index + 1 };
          if (raw.trim() === "") {
            issues.push({ code: "empty-value", ...where, expected: "a column name", message: `${file} line ${startLine}, column ${index + 1}: expected a column name, got nothing` });
          } else if (columns?.has(key)) {
            issues.push({ code: "duplicate-column", ...where, value: raw, expected: "each column once", message: `${file} line ${startLine}, column ${index + 1}: expected each column once, got ${showValue(raw)} again` });
          } else {
            columns?.set(key, { header: raw.trim(), position: index + 1 });
          }
        });
        // A duplicated column keeps its first position, as the issue for the second one says.
        for (const [key, info] of columns) fieldIndex.set(key, info.position - 1);
        columnList = [...columns.keys()];
        return;
      }
      record++;
      if (result.errors.length > 0) {
        const error = result.errors[0];
        issues.push({
          code: "csv-syntax",
          file,
          line: startLine,
          row: record,
          expected: "well-formed CSV (a quote inside a quoted field is written twice)",
          message: `${file} line ${startLine}: expected well-formed CSV (a quote inside a quoted field is written twice), got: ${error?.message ?? "a syntax error"}`,
        });
        return;
      }
      if (fields.length !== header.length) {
        issues.push({
          code: "field-count",
          file,
          line: startLine,
          row: record,
          value: String(fields.length),
          expected: `${header.length} fields as in the header`,
          message: `${file} line ${startLine}: expected ${header.length} fields as in the header, got ${fields.length}`,
        });
        return;
      }
      rows.push(new CsvRow(fields, fieldIndex, columnList, record, startLine));
    },
  });

  if (columns === undefined) return { issues };
  return { table: { name, file, columns, rows }, issues };
}
