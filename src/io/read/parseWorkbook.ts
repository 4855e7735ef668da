/**
 * Excel workbooks into table sources, in any runtime: `parseWorkbook(bytes)` reads a workbook
 * with a sheet per table (a browser's file upload, say); loadNetwork uses the same reader for
 * workbooks on disk. The xlsx reader is imported on first use.
 */
import { TwinningArgumentError, TwinningInputError } from "../../core/errors.js";
import { checkOptions } from "../../core/options.js";
import { IssueLog } from "../../model/issueLog.js";
import type { SafeResult, TwinningNetwork } from "../../model/network.js";
import { TABLE_NAMES, type TableName } from "../../model/table.js";
import type { SheetCells } from "./xlsx.js";
import type { WorkbookSurvey } from "./xlsxSurvey.js";
import { DEFAULT_PARSE_NETWORK_OPTIONS, PARSE_NETWORK_SCHEMA, type ParseNetworkOptions, type TableSource, networkFromSources } from "./parseNetwork.js";

const tableOfSheet = (sheet: string): TableName | undefined => {
  const stem = sheet.trim().toLowerCase();
  return (stem === "dhis2" ? undefined : TABLE_NAMES.find((table) => table === stem)) as TableName | undefined;
};

/**
 * The tables of a workbook. With `only`, the workbook is one table (institutions.xlsx in a
 * folder): its first sheet; else every sheet named after a table (others ignored with a warning).
 * A first pass (xlsxSurvey.ts) bounds each sheet and finds percent cells and formulas without
 * values before read-excel-file expands the sheets: a stray cell at XFD1048576 is refused with
 * an issue naming it instead of asking for 17 billion cells.
 */
export async function readWorkbook(file: string, bytes: Uint8Array, only: TableName | undefined, log: IssueLog, warnings: string[]): Promise<TableSource[]> {
  // Imported on first use: the xlsx reader (and its unzip and XML parsers) costs nothing until a workbook is read.
  const { checkSheet, oversizedSheet, readSheets, sheetTable, surveyWorkbook } = await import("./xlsx.js");
  const unreadable = (error: unknown): TableSource[] => {
    const expected = "an Excel workbook (.xlsx)";
    log.expect({ code: "unsupported-file", file, expected }, file, `a file that cannot be read as one (${error instanceof Error ? error.message : String(error)})`);
    return only ? [{ name: only, file }] : [];
  };
  let survey: WorkbookSurvey;
  try {
    survey = surveyWorkbook(bytes, (sheet, position) => (only !== undefined ? position === 0 : tableOfSheet(sheet) !== undefined));
  } catch (error) {
    return unreadable(error);
  }
  // The sheets to read, with the table each stands for.
  const chosen: { sheet: string; name: TableName; where: string }[] = [];
  if (only !== undefined) {
    const first = survey.sheetNames[0];
    if (first === undefined) return [{ name: only, file }];
    if (survey.sheetNames.length > 1) warnings.push(`${file}: read its first sheet ${JSON.stringify(first)}; ${survey.sheetNames.length - 1} other sheet(s) ignored`);
    chosen.push({ sheet: first, name: only, where: `${file}, sheet ${JSON.stringify(first)}` });
  } else {
    const ignored: string[] = [];
    for (const sheet of survey.sheetNames) {
      const name = tableOfSheet(sheet);
      if (name === undefined) ignored.push(JSON.stringify(sheet));
      else chosen.push({ sheet, name, where: `${file}, sheet ${JSON.stringify(sheet)}` });
    }
    if (ignored.length > 0) warnings.push(`${file}: sheet${ignored.length === 1 ? "" : "s"} ${ignored.join(", ")} ignored (a sheet is read when its name is a table: ${TABLE_NAMES.join(", ")})`);
  }
  const known = new Map<string, SheetCells>();
  for (const { sheet, where } of chosen) {
    const oversized = survey.oversized.find((entry) => entry.name === sheet);
    if (oversized !== undefined) {
      oversizedSheet(where, oversized.xmlBytes, log);
      continue;
    }
    const cells = checkSheet(where, survey.sheets.get(sheet), log);
    if (cells !== undefined) known.set(sheet, cells);
  }
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = await readSheets(bytes, [...known.keys()]);
  } catch (error) {
    return unreadable(error);
  }
  const data = new Map(sheets.map(({ sheet, data: cells }) => [sheet, cells]));
  return chosen.map(({ sheet, name, where }) => {
    const cells = data.get(sheet);
    const table = cells === undefined ? undefined : sheetTable(name, where, cells, log, warnings, known.get(sheet));
    return { name, file: where, ...(table ? { table } : {}) };
  });
}

/**
 * Like {@link parseWorkbook}, but resolves to `{ ok: false, issues }` instead of rejecting on bad data.
 * @example
 * const result = await safeParseWorkbook(new Uint8Array(await file.arrayBuffer()));
 */
export async function safeParseWorkbook(bytes: Uint8Array | ArrayBuffer, options?: Pick<ParseNetworkOptions, "decimal">, name = "workbook.xlsx"): Promise<SafeResult> {
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer)) {
    throw new TwinningArgumentError("parseWorkbook", `expected the workbook's bytes (a Uint8Array or an ArrayBuffer), got ${bytes === null ? "null" : typeof bytes}`);
  }
  const checked = checkOptions<Pick<ParseNetworkOptions, "decimal">>("parseWorkbook", options, { decimal: PARSE_NETWORK_SCHEMA.decimal });
  const settings: Required<ParseNetworkOptions> = { ...DEFAULT_PARSE_NETWORK_OPTIONS, ...checked };
  const log = new IssueLog();
  const warnings: string[] = [];
  const sources = await readWorkbook(name, bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), undefined, log, warnings);
  return networkFromSources(sources, log, warnings, settings);
}

/**
 * Reads a network from the bytes of one Excel workbook with a sheet per table (institutions,
 * topics, scores, interests; periods, partnerships, activities when present), in any runtime.
 * @throws {TwinningInputError} listing every problem, naming the sheet, row and column.
 * @example
 * const network = await parseWorkbook(new Uint8Array(await file.arrayBuffer())); // a browser's <input type="file">
 */
export async function parseWorkbook(bytes: Uint8Array | ArrayBuffer, options?: Pick<ParseNetworkOptions, "decimal">): Promise<TwinningNetwork> {
  const result = await safeParseWorkbook(bytes, options);
  if (!result.ok) throw new TwinningInputError("parseWorkbook", result.issues);
  return result.network;
}
