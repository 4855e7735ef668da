/**
 * Excel workbooks (.xlsx): each sheet a table, read with read-excel-file (see
 * docs/decisions.md for why this reader). Numbers, booleans and dates come from the
 * cells' types: a date cell becomes an ISO date (YYYY-MM-DD, or with the time when it has one).
 * Issues name the workbook, the sheet, the row and the column (as a letter).
 */
import readXlsxFile from "read-excel-file/universal";
import { columnLetter, showValue } from "../../model/fields.js";
import type { IssueLog } from "../../model/issueLog.js";
import { type ColumnInfo, CsvRow, type RawRow, type RawTable, type TableName, columnKey } from "../../model/table.js";

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

/** One sheet (a 2-D array of cells, first row the header) as a table. */
export function sheetTable(name: TableName, file: string, cells: readonly (readonly unknown[])[], log: IssueLog, warnings: string[]): RawTable | undefined {
  const headerAt = cells.findIndex((row) => row.some((cell) => cell !== null && cell !== undefined && String(cell).trim() !== ""));
  if (headerAt < 0) {
    log.add({ code: "empty-file", file, line: 1, expected: "a header row and data rows", message: `${file}, row 1: expected a header row and data rows, got an empty sheet` });
    return undefined;
  }
  const header = (cells[headerAt] as readonly unknown[]).map((cell) => (cell === null || cell === undefined ? "" : String(cellValue(cell))));
  while (header.length > 0 && (header[header.length - 1] as string).trim() === "") header.pop();
  const columns = new Map<string, ColumnInfo>();
  header.forEach((raw, index) => {
    const key = columnKey(name, raw);
    const letter = columnLetter(index + 1);
    const where = { file, line: headerAt + 1, column: raw, columnNumber: index + 1 };
    if (raw.trim() === "") log.add({ code: "empty-value", ...where, expected: "a column name", message: `${file}, row ${headerAt + 1}, column ${letter}: expected a column name, got nothing` });
    else if (columns.has(key)) log.add({ code: "duplicate-column", ...where, value: raw, expected: "each column once", message: `${file}, row ${headerAt + 1}, column ${letter}: expected each column once, got ${showValue(raw)} again` });
    else columns.set(key, { header: raw.trim(), position: index + 1 });
  });
  const index = new Map<string, number>();
  for (const [key, info] of columns) index.set(key, info.position - 1);
  const keys = [...columns.keys()];
  const rows: RawRow[] = [];
  let record = 0;
  let blank = 0;
  for (let r = headerAt + 1; r < cells.length; r++) {
    const source = cells[r] as readonly unknown[];
    const values = new Array<unknown>(header.length);
    let empty = true;
    for (let c = 0; c < header.length; c++) {
      const value = cellValue(source[c]);
      values[c] = value;
      if (value !== "" && !(typeof value === "string" && value.trim() === "")) empty = false;
    }
    if (empty) {
      blank++;
      continue;
    }
    record++;
    rows.push(new CsvRow(values, index, keys, record, r + 1));
  }
  if (blank > 0) warnings.push(`${file}: ${blank} empty row${blank === 1 ? "" : "s"} skipped`);
  return { name, file, columns, rows, lineWord: "row" };
}

/** The sheets of a workbook: name and cells. */
export async function readSheets(bytes: Uint8Array): Promise<{ sheet: string; data: unknown[][] }[]> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const sheets = (await readXlsxFile(buffer, { trim: false })) as unknown as { sheet: string; data: unknown[][] }[];
  return sheets;
}
