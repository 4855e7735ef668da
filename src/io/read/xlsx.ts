/**
 * Excel workbooks (.xlsx): each sheet a table, read with read-excel-file (see
 * docs/decisions.md for why this reader). Numbers, booleans and dates come from the
 * cells' types: a date cell becomes an ISO date (YYYY-MM-DD, or with the time when it has one).
 * Issues name the workbook, the sheet, the row and the column (as a letter). Number cells of the
 * scores' value column formatted as percent are marked (RawTable.percentLines) for the scores
 * reader, which reads them as percentage points; a title above the header is skipped, said in a
 * warning.
 */
import readXlsxFile from "read-excel-file/universal";
import { firstFive, grouped as count } from "../../core/display.js";
import { columnLetter, showValue } from "../../model/fields.js";
import type { IssueLog } from "../../model/issueLog.js";
import { type ColumnInfo, CsvRow, KNOWN_COLUMNS, type RawRow, type RawTable, type TableName, columnKey, columnKeys } from "../../model/table.js";
import { cleanText } from "../../model/text.js";
import { MAX_SHEET_CELLS, MAX_SHEET_XML_BYTES, type SheetSurvey, cellAddress, cellKey } from "./xlsxSurvey.js";

/** The fix for a workbook a program wrote without what Excel writes. */
const RESAVE = "open and save the workbook in Excel or LibreOffice, or";

export { surveyWorkbook } from "./xlsxSurvey.js";

const pad = (n: number): string => String(n).padStart(2, "0");

/** A cell's value as the loader reads it: text, number or boolean; dates as ISO text. */
function cellValue(cell: unknown): unknown {
  if (cell instanceof Date) {
    const date = `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
    const time = cell.getUTCHours() * 3600 + cell.getUTCMinutes() * 60 + cell.getUTCSeconds();
    return time === 0 ? date : `${date}T${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}:${pad(cell.getUTCSeconds())}`;
  }
  return cell ?? "";
}

/** How many rows under the first filled one are searched for the header (below a title). */
const HEADER_SEARCH_ROWS = 10;

const filled = (cell: unknown): boolean => cell !== null && cell !== undefined && String(cell).trim() !== "";
const headerText = (cell: unknown): string => (cell === null || cell === undefined ? "" : String(cellValue(cell)));

/**
 * The row holding the header: the first filled row, or, when that row lacks a required column
 * and one of the next rows has them all, that row (a title such as "Scores 2023" above the table).
 */
function findHeader(name: TableName, cells: readonly (readonly unknown[])[]): { at: number; title?: number } | undefined {
  const first = cells.findIndex((row) => row.some(filled));
  if (first < 0) return undefined;
  const required = KNOWN_COLUMNS[name].required;
  const hasRequired = (row: readonly unknown[]) => {
    const keys = new Set(row.filter(filled).map((cell) => columnKey(name, headerText(cell))));
    return required.every((column) => keys.has(column));
  };
  if (hasRequired(cells[first] as readonly unknown[])) return { at: first };
  const end = Math.min(cells.length, first + 1 + HEADER_SEARCH_ROWS);
  for (let r = first + 1; r < end; r++) {
    if (hasRequired(cells[r] as readonly unknown[])) return { at: r, title: first };
  }
  // No row has every required column (a typo in the header under a title?): the row with the most
  // known columns, when it has at least two and more than the first row, is where the header
  // seems to be; its missing-column issues then point at the right row.
  const known = new Set([...required, ...KNOWN_COLUMNS[name].optional]);
  const knownCount = (row: readonly unknown[]) => new Set(row.filter(filled).map((cell) => columnKey(name, headerText(cell))).filter((key) => known.has(key))).size;
  let best = first;
  let bestCount = knownCount(cells[first] as readonly unknown[]);
  for (let r = first + 1; r < end; r++) {
    const count = knownCount(cells[r] as readonly unknown[]);
    if (count > bestCount && count >= 2) {
      best = r;
      bestCount = count;
    }
  }
  return best === first ? { at: first } : { at: best, title: first };
}

/** What the first pass knows of a sheet's cells (see xlsxSurvey.ts). */
export interface SheetCells {
  /** Number cells formatted as percent, by cellKey(row, column). */
  readonly percentCells: ReadonlySet<number>;
  /** Rows (1-based) whose formula had no saved value: already reported, skipped here. */
  readonly skippedRows: ReadonlySet<number>;
  /** Error cells by cellKey(row, column), with the error (#DIV/0!): named, where they read as "got nothing". */
  readonly errorCells: ReadonlyMap<number, string>;
}

const NO_CELLS: SheetCells = { percentCells: new Set(), skippedRows: new Set(), errorCells: new Map() };

/** One sheet (a 2-D array of cells, first filled row the header, or the one below a title) as a table. */
export function sheetTable(name: TableName, file: string, cells: readonly (readonly unknown[])[], log: IssueLog, warnings: string[], known: SheetCells = NO_CELLS): RawTable | undefined {
  const found = findHeader(name, cells);
  if (found === undefined) {
    log.expect({ code: "empty-file", file, line: 1, expected: "a header row and data rows" }, `${file}, row 1`, "an empty sheet");
    return undefined;
  }
  const headerAt = found.at;
  if (found.title !== undefined) {
    const title = (cells[found.title] as readonly unknown[]).filter(filled).map((cell) => JSON.stringify(headerText(cell))).join(", ");
    warnings.push(`${file}: header read from row ${headerAt + 1}; row${headerAt - found.title === 1 ? "" : "s"} ${found.title + 1}${headerAt - found.title > 1 ? ` to ${headerAt}` : ""} above it (${title}) taken as a title and skipped`);
  }
  const header = (cells[headerAt] as readonly unknown[]).map(headerText);
  while (header.length > 0 && (header[header.length - 1] as string).trim() === "") header.pop();
  // Cells under no name (an empty header cell, or right of the last named column): the first row
  // holding a value in each such column. Empty ones are skipped; a value would otherwise be lost.
  const unnamed = new Map<number, [row: number, value: unknown]>();
  const named = header.map((raw) => raw.trim() !== "");
  const columns = new Map<string, ColumnInfo>();
  const headerKeys = columnKeys(name, header);
  header.forEach((raw, index) => {
    const key = headerKeys[index] as string;
    const letter = columnLetter(index + 1);
    const where = { file, line: headerAt + 1, column: raw, columnNumber: index + 1 };
    if (raw.trim() === "") return;
    if (columns.has(key)) log.expect({ code: "duplicate-column", ...where, value: raw, expected: "each column once" }, `${file}, row ${headerAt + 1}, column ${letter}`, `${showValue(raw)} again`);
    else columns.set(key, { header: raw.trim(), position: index + 1 });
  });
  const index = new Map<string, number>();
  for (const [key, info] of columns) index.set(key, info.position - 1);
  const keys = [...columns.keys()];
  // Percent cells of the scores' value column: their rows go to the scores reader, which reads
  // them as percentage points (it knows the topics); a topic mixing formats is reported here.
  const valueAt = name === "scores" && known.percentCells.size > 0 ? index.get("value") : undefined;
  const topicAt = index.get("topic");
  // A number in a date column is a cell without a date format (read-excel-file turns date-formatted
  // numbers into dates): most likely an Excel date serial, but 2021 may as well be a year.
  const dateAt = name === "periods" || name === "activities" ? index.get("date") : undefined;
  const percent = new PercentCells();
  const percentLines = new Set<number>();
  const rows: RawRow[] = [];
  let record = 0;
  let blank = 0;
  for (let r = headerAt + 1; r < cells.length; r++) {
    const source = cells[r] as readonly unknown[];
    const values = new Array<unknown>(header.length);
    let empty = true;
    for (let c = 0; c < header.length; c++) {
      // An error cell is the error's text, so the issue says what the cell holds ("got nothing" before).
      const given = cellValue(source[c]);
      const value = given === "" ? (known.errorCells.get(cellKey(r + 1, c + 1)) ?? "") : given;
      values[c] = value;
      if (value !== "" && !(typeof value === "string" && value.trim() === "")) empty = false;
    }
    source.forEach((cell, c) => {
      if (!named[c] && !unnamed.has(c) && filled(cell)) unnamed.set(c, [r + 1, cellValue(cell)]);
    });
    if (empty) {
      blank++;
      continue;
    }
    record++;
    if (known.skippedRows.has(r + 1)) continue;
    if (dateAt !== undefined && typeof values[dateAt] === "number") {
      serialDate(file, r + 1, header[dateAt] ?? "date", dateAt + 1, values[dateAt] as number, log);
      values[dateAt] = ""; // reported: the row is kept (its id is used elsewhere), without the date
    }
    if (valueAt !== undefined && typeof values[valueAt] === "number") {
      const topic = topicAt === undefined ? "" : cleanText(String(values[topicAt] ?? ""));
      const isPercent = known.percentCells.has(cellKey(r + 1, valueAt + 1));
      percent.add(topic, cellAddress(r + 1, valueAt + 1), isPercent);
      if (isPercent) percentLines.add(r + 1);
    }
    rows.push(new CsvRow(values, index, keys, record, r + 1));
  }
  for (const [c, [row, value]] of unnamed) {
    log.expect({ code: "empty-value", file, line: headerAt + 1, column: "", columnNumber: c + 1, value: String(value), expected: "a column name" }, `${file}, row ${headerAt + 1}, column ${columnLetter(c + 1)}`, `nothing above ${showValue(value)} in row ${row}`);
  }
  if (blank > 0) warnings.push(`${file}: ${blank} empty row${blank === 1 ? "" : "s"} skipped`);
  if (valueAt !== undefined) percent.report(file, header[valueAt] ?? "value", valueAt + 1, log);
  return { name, file, columns, rows, lineWord: "row", ...(headerAt > 0 ? { headerLine: headerAt + 1 } : {}), ...(percentLines.size > 0 ? { percentLines } : {}) };
}

/** The issue for a number in a date column: it names the date the number stands for as an Excel date serial. */
function serialDate(file: string, line: number, column: string, columnNumber: number, serial: number, log: IssueLog): void {
  const expected = "a date cell, or a date written as text such as 2021-08-01";
  // Excel's 1900 date system: serial 1 is 1900-01-01, counted from 1899-12-30 past the phantom 29 February 1900.
  const date = serial >= 61 && serial < 2_958_466 ? new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10) : undefined;
  const hint = `${date !== undefined ? `; if it is an Excel date serial (${date}),` : ";"} format the column as a date in Excel`;
  log.expect({ code: "malformed-date", file, line, column, columnNumber, value: String(serial), expected }, `${file} row ${line}, column ${JSON.stringify(column)} (${columnLetter(columnNumber)})`, `the number ${serial} in a cell without a date format${hint}`);
}


/** The value cells of each topic, formatted as percent or not: a topic must not mix the two. */
class PercentCells {
  readonly #topics = new Map<string, { percent: string[]; plain: string[]; percentCount: number; plainCount: number }>();

  add(topic: string, address: string, isPercent: boolean): void {
    let cells = this.#topics.get(topic);
    if (cells === undefined) {
      cells = { percent: [], plain: [], percentCount: 0, plainCount: 0 };
      this.#topics.set(topic, cells);
    }
    // Addresses are kept only as far as a message shows them; counts are kept in full.
    if (isPercent) {
      if (cells.percentCount++ < 6) cells.percent.push(address);
    } else if (cells.plainCount++ < 6) cells.plain.push(address);
  }

  report(file: string, column: string, columnNumber: number, log: IssueLog): void {
    for (const [topic, { percent, plain, percentCount, plainCount }] of this.#topics) {
      if (percentCount === 0 || plainCount === 0) continue;
      const expected = "one number format per topic (all its value cells formatted as percent, or none)";
      log.expect(
        {
          code: "invalid-value",
          file,
          column,
          columnNumber,
          value: plain[0] as string,
          expected,
        },
        `${file}, column ${JSON.stringify(column)} (${columnLetter(columnNumber)})`,
        `topic ${JSON.stringify(topic)} with ${percentCount} cell${percentCount === 1 ? "" : "s"} formatted as percent (${firstFive(percent)}) and ${plainCount} plain number${plainCount === 1 ? "" : "s"} (${firstFive(plain)}); a percent cell holds a fraction (72.1% is 0.721), so the two cannot be told apart: format the column as percent, or as plain numbers`,
      );
    }
  }
}


/**
 * Checks a surveyed sheet before it is expanded: its span from A1 to the farthest used cell, and
 * formulas saved without a value. Returns what the sheet reader needs, or undefined when the
 * sheet must not be read.
 */
export function checkSheet(where: string, survey: SheetSurvey | undefined, log: IssueLog): SheetCells | undefined {
  if (survey === undefined) return NO_CELLS;
  if (survey.cellsWithoutAddress > 0) {
    const expected = "cells with their addresses (the r attribute Excel always writes)";
    log.expect(
      {
        code: "unsupported-file",
        file: where,
        value: String(survey.cellsWithoutAddress),
        expected,
      },
      where,
      `${count(survey.cellsWithoutAddress)} cell(s) without an address (the workbook was written by a program that leaves them out); ${RESAVE} save the sheet as CSV`,
    );
    return undefined;
  }
  const { lowest, rightmost } = survey;
  if (lowest !== undefined && rightmost !== undefined) {
    const cells = lowest.row * rightmost.column;
    if (cells > MAX_SHEET_CELLS) {
      const span = `A1:${cellAddress(lowest.row, rightmost.column)}`;
      const far = lowest.address === rightmost.address ? [lowest] : [lowest, rightmost];
      const values = far.map((cell) => `${cell.address} (${JSON.stringify(cell.text())})`).join(" and ");
      const expected = `a table of at most ${count(MAX_SHEET_CELLS)} cells from A1 to its last used cell`;
      log.expect(
        {
          code: "file-too-large",
          file: where,
          value: far.map((cell) => cell.address).join(" "),
          expected,
        },
        where,
        `a sheet spanning ${span} (${count(cells)} cells) because of ${far.length === 1 ? "a value" : "values"} at ${values}; a stray value far from the table? Delete it (in Excel, Ctrl+End goes to the last used cell), or save the sheet as CSV`,
      );
      return undefined;
    }
  }
  for (const cell of survey.formulasWithoutValue) {
    const expected = "a value, or a formula saved with its value";
    log.expect(
      {
        code: "invalid-value",
        file: where,
        line: cell.row,
        columnNumber: cell.column,
        value: cell.text(),
        expected,
      },
      `${where}, row ${cell.row}, cell ${cell.address}`,
      `the formula ${JSON.stringify(cell.text())} without a saved value (the workbook was written by a program, not saved by Excel); ${RESAVE} type the value`,
    );
  }
  for (let more = survey.formulaCount - survey.formulasWithoutValue.length; more > 0; more--) log.count("invalid-value");
  if (survey.textFormulaWithoutValue) return undefined; // read-excel-file refuses the sheet; its cells are reported above
  return { percentCells: survey.percentCells, skippedRows: survey.formulaRows, errorCells: survey.errorCells };
}

/** The issue for a sheet whose XML is too large to unpack. */
export function oversizedSheet(where: string, xmlBytes: number, log: IssueLog): void {
  const expected = `a sheet of at most ${count(MAX_SHEET_XML_BYTES / 1024 / 1024)} MB unpacked`;
  log.expect({ code: "file-too-large", file: where, value: String(xmlBytes), expected }, where, `${count(Math.round(xmlBytes / 1024 / 1024))} MB; save the sheet as CSV, or split it`);
}

/** The sheets of a workbook (all, or those named in `only`): name and cells. */
export async function readSheets(bytes: Uint8Array, only?: readonly string[]): Promise<{ sheet: string; data: unknown[][] }[]> {
  if (only !== undefined && only.length === 0) return [];
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  // `sheets` is read by read-excel-file 9 (parseSpreadsheetContents) though its types omit it.
  const options = { trim: false, ...(only !== undefined ? { sheets: [...only] } : {}) };
  const sheets = (await readXlsxFile(buffer, options as { trim: boolean })) as unknown as { sheet: string; data: unknown[][] }[];
  return sheets;
}
