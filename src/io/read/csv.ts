/**
 * CSV text -> a {@link RawTable} that remembers, for every record, the 1-based line it starts on
 * and, for every column, its header and position. Parsing is papaparse's (RFC 4180 quoting, CRLF
 * or LF); the dialect is ours:
 * - an Excel `sep=;` first line sets the delimiter and is skipped;
 * - else the delimiter is the one among comma, semicolon and tab that splits the first rows into
 *   the same number of fields as the header, the widest header winning a tie (so a two-column
 *   file with a final newline is split like any other);
 * - blank lines and rows made only of separators (`;;;;`, as Excel writes under a table) are
 *   skipped, the latter counted in a warning;
 * - columns without a name and without a value (`id;name;;`, as Excel writes beside a table) are
 *   skipped; one without a name that holds a value is an issue naming the first such cell (the
 *   value would be lost).
 */
import Papa from "papaparse";
import type { IssueLog } from "../../model/issueLog.js";
import { showValue } from "../../model/fields.js";
import { type ColumnInfo, CsvRow, type RawRow, type RawTable, type TableName, columnKeys } from "../../model/table.js";

const CANDIDATES = [",", ";", "\t"] as const;

/** The delimiter of a CSV text, judged on its first 50 records. */
export function guessDelimiter(text: string): string {
  // The first 16 KB hold the first 50 records of any sensible table; cut at a line end.
  const end = text.length > 16_384 ? text.lastIndexOf("\n", 16_384) : -1;
  const sample = end > 0 ? text.slice(0, end) : text;
  let best = ",";
  let bestScore = -1;
  let bestWidth = 1;
  for (const delimiter of CANDIDATES) {
    const rows = Papa.parse<string[]>(sample, { delimiter, preview: 50, skipEmptyLines: "greedy", newline: sample.includes("\r\n") ? "\r\n" : "\n" }).data;
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    let consistent = 0;
    for (const row of rows) if (row.length === width) consistent++;
    const score = consistent / rows.length;
    if (score > bestScore || (score === bestScore && width > bestWidth)) {
      best = delimiter;
      bestScore = score;
      bestWidth = width;
    }
  }
  return best;
}

const describeDelimiter = (delimiter: string): string => (delimiter === "\t" ? "tab" : delimiter === ";" ? "semicolon" : delimiter === "," ? "comma" : JSON.stringify(delimiter));

/**
 * Parses one CSV file of the network. `file` is the name used in issues (e.g. `scores.csv`);
 * issues go to `log`, notes (skipped rows) to `warnings`.
 */
export function parseCsvTable(name: TableName, file: string, text: string, log: IssueLog, warnings: string[]): RawTable | undefined {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") {
    log.expect({ code: "empty-file", file, line: 1, expected: "a header row and data rows" }, `${file} line 1`, "an empty file");
    return undefined;
  }
  let firstLine = 1;
  let delimiter: string;
  const sep = /^sep=(.)\r?\n/i.exec(body);
  if (sep) {
    delimiter = sep[1] as string;
    body = body.slice(sep[0].length);
    firstLine = 2;
  } else {
    delimiter = guessDelimiter(body);
  }

  // Line of a character offset, found by scanning forward once through the text.
  let scanned = 0;
  let line = firstLine;
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
  const separatorOnly: number[] = [];
  let separatorOnlyCount = 0;
  let headerLine = firstLine;
  // Columns without a name (by index): the first line holding a value in each, once seen.
  const unnamed = new Map<number, [line: number, value: string] | undefined>();

  Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      const start = previousCursor;
      previousCursor = result.meta.cursor;
      const fields = result.data;
      const startLine = lineAt(start);
      if (fields.length === 1 && (fields[0] as string).trim() === "") return; // a blank line is not a record
      if (header === undefined) {
        header = fields;
        headerLine = startLine;
        const known = new Map<string, ColumnInfo>();
        columns = known;
        const keys = columnKeys(name, fields);
        fields.forEach((raw, index) => {
          const key = keys[index] as string;
          const where = { file, line: startLine, column: raw, columnNumber: index + 1 };
          if (raw.trim() === "") unnamed.set(index, undefined);
          else if (known.has(key)) {
            log.expect({ code: "duplicate-column", ...where, value: raw, expected: "each column once" }, `${file} line ${startLine}, column ${index + 1}`, `${showValue(raw)} again`);
          } else {
            known.set(key, { header: raw.trim(), position: index + 1 });
          }
        });
        // A duplicated column keeps its first position, as the issue for the second one says.
        for (const [key, info] of known) fieldIndex.set(key, info.position - 1);
        columnList = [...known.keys()];
        return;
      }
      let blank = true;
      for (const field of fields) {
        if (field.trim() !== "") {
          blank = false;
          break;
        }
      }
      if (blank) {
        separatorOnlyCount++;
        if (separatorOnly.length < 5) separatorOnly.push(startLine);
        return;
      }
      record++;
      if (result.errors.length > 0) {
        const error = result.errors[0];
        const expected = "well-formed CSV (a quote inside a quoted field is written twice)";
        if (!log.wants("csv-syntax")) return log.count("csv-syntax");
        log.add({ code: "csv-syntax", file, line: startLine, row: record, expected, message: `${file} line ${startLine}: expected ${expected}, got: ${error?.message ?? "a syntax error"}` });
        return;
      }
      if (fields.length !== header.length) {
        if (!log.wants("field-count")) return log.count("field-count");
        log.add({
          code: "field-count",
          file,
          line: startLine,
          row: record,
          value: String(fields.length),
          expected: `${header.length} fields as in the header`,
          message: `${file} line ${startLine}: expected ${header.length} fields as in the header (separated by ${describeDelimiter(delimiter)}), got ${fields.length}`,
        });
        return;
      }
      for (const [index, first] of unnamed) if (first === undefined && (fields[index] as string).trim() !== "") unnamed.set(index, [startLine, fields[index] as string]);
      rows.push(new CsvRow(fields, fieldIndex, columnList, record, startLine));
    },
  });

  for (const [index, first] of unnamed) {
    if (first) log.expect({ code: "empty-value", file, line: headerLine, column: "", columnNumber: index + 1, value: first[1], expected: "a column name" }, `${file} line ${headerLine}, column ${index + 1}`, `nothing above ${showValue(first[1])} on line ${first[0]}`);
  }
  if (separatorOnlyCount > 0) {
    const lines = separatorOnly.join(", ") + (separatorOnlyCount > separatorOnly.length ? ", ..." : "");
    warnings.push(`${file}: ${separatorOnlyCount} row${separatorOnlyCount === 1 ? "" : "s"} made only of separators skipped (line${separatorOnlyCount === 1 ? "" : "s"} ${lines})`);
  }
  if (columns === undefined) return undefined;
  return { name, file, columns, rows };
}
