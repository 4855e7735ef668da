/**
 * Reading a network from the contents of its files, in any runtime (Node, Deno, a browser).
 * `loadNetwork` (Node and Deno) reads a folder or a workbook and hands the contents here.
 */
import { TwinningArgumentError, TwinningInputError } from "../../core/errors.js";
import { type OptionSchema, checkOptions, showArgument } from "../../core/options.js";
import type { DecimalMark } from "../../model/fields.js";
import { showValue } from "../../model/fields.js";
import { IssueLog } from "../../model/issueLog.js";
import { TwinningNetwork, type SafeResult } from "../../model/network.js";
import { TABLE_NAMES, type RawTable, type TableName, tableFromObjects } from "../../model/table.js";
import type { Tables } from "../../model/validate.js";
import { parseCsvTable } from "./csv.js";
import { type FileContent, decodeContent, isKnownEncoding } from "./decode.js";
import { dhis2AnalyticsTable, dhis2CsvTable } from "./dhis2.js";

/**
 * Files a network folder must have (as `.csv`, `.json` or `.xlsx`); the other tables are optional.
 * @example
 * REQUIRED_FILES // ["institutions", "topics", "scores", "interests"]
 */
export const REQUIRED_FILES: readonly TableName[] = ["institutions", "topics", "scores", "interests"];

/** How the files are written. */
export interface ParseNetworkOptions {
  /** Decimal mark of numbers in text files: `"."` (12.5, the default) or `","` (12,5). */
  decimal?: DecimalMark;
  /**
   * Encoding of files given as bytes, when they have no byte-order mark: `"utf-8"` (default),
   * `"windows-1252"` (Excel on Windows), or any label TextDecoder knows.
   */
  encoding?: string;
}

/**
 * Defaults of {@link ParseNetworkOptions}.
 * @example
 * DEFAULT_PARSE_NETWORK_OPTIONS // { decimal: ".", encoding: "utf-8" }
 */
export const DEFAULT_PARSE_NETWORK_OPTIONS: Readonly<Required<ParseNetworkOptions>> = Object.freeze({ decimal: ".", encoding: "utf-8" });

/** The checks of {@link ParseNetworkOptions} (shared with loadNetwork and parseWorkbook). */
export const PARSE_NETWORK_SCHEMA: OptionSchema<ParseNetworkOptions> = {
  decimal: { type: "enum", values: [".", ","] },
  encoding: { type: "custom", check: (value) => (typeof value === "string" && isKnownEncoding(value) ? undefined : `expected an encoding label such as "utf-8" or "windows-1252", got ${showArgument(value)}`) },
};

/** A table read from a file (or a workbook's sheet), before validation. */
export interface TableSource {
  readonly name: TableName;
  /** The name used in issues (`scores.csv`, `network.xlsx, sheet "scores"`). */
  readonly file: string;
  readonly table?: RawTable;
}

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** Which table a file name stands for, and how it is written; undefined for files that are not part of a network. */
export function tableOfFile(fileName: string): { name: TableName; format: "csv" | "json" | "xlsx" | "dhis2-json" | "dhis2-csv" | "unsupported"; extension: string } | undefined {
  const match = /^(.*)\.([A-Za-z0-9]+)$/.exec(baseName(fileName));
  if (!match) return undefined;
  const stem = (match[1] as string).toLowerCase();
  const extension = (match[2] as string).toLowerCase();
  if (stem === "dhis2") {
    if (extension === "json") return { name: "scores", format: "dhis2-json", extension };
    if (extension === "csv") return { name: "scores", format: "dhis2-csv", extension };
    return undefined;
  }
  if (!TABLE_NAMES.includes(stem as TableName)) return undefined;
  const name = stem as TableName;
  if (extension === "csv" || extension === "txt" || extension === "tsv") return { name, format: "csv", extension };
  if (extension === "json") return { name, format: "json", extension };
  if (extension === "xlsx") return { name, format: "xlsx", extension };
  if (["xls", "xlsm", "xlsb", "ods", "numbers"].includes(extension)) return { name, format: "unsupported", extension };
  return undefined;
}

/** Checks a `files` argument: an object of file names to strings or bytes. */
export function checkFiles(caller: string, files: unknown): asserts files is Readonly<Record<string, FileContent>> {
  if (files === null || typeof files !== "object" || Array.isArray(files)) {
    throw new TwinningArgumentError(caller, `expected an object of file names to contents, such as { "institutions.csv": text, ... }, got ${showArgument(files)}`);
  }
  for (const [name, content] of Object.entries(files)) {
    if (typeof content === "string" || content instanceof Uint8Array || content instanceof ArrayBuffer) continue;
    throw new TwinningArgumentError(caller, `${JSON.stringify(name)}: expected the file's contents as a string or bytes (Uint8Array), got ${content === null ? "null" : Array.isArray(content) ? "an array" : typeof content}`);
  }
}

/** Reads one text file (CSV, JSON or a DHIS2 export) into a table source. */
export function readTextFile(path: string, content: FileContent, options: Required<ParseNetworkOptions>, log: IssueLog, warnings: string[]): TableSource | undefined {
  const file = baseName(path);
  const kind = tableOfFile(file);
  if (kind === undefined) return undefined;
  if (kind.format === "unsupported" || kind.format === "xlsx") {
    const expected = kind.format === "xlsx" ? ".xlsx files read by loadNetwork (parseNetwork takes text)" : "a .csv, .json or .xlsx file";
    log.expect({ code: "unsupported-file", file, value: `.${kind.extension}`, expected }, file, `a .${kind.extension} file; save the workbook as .xlsx or each sheet as CSV UTF-8`);
    return { name: kind.name, file };
  }
  const decoded = decodeContent(file, content, options.encoding);
  if (decoded.issue) {
    log.add(decoded.issue);
    return { name: kind.name, file };
  }
  if (decoded.warning !== undefined) warnings.push(decoded.warning);
  const text = decoded.text as string;
  let table: RawTable | undefined;
  if (kind.format === "csv") table = parseCsvTable(kind.name, file, text, log, warnings);
  else if (kind.format === "json") table = parseJsonTable(kind.name, file, text, log);
  else if (kind.format === "dhis2-json") table = dhis2AnalyticsTable(file, text, log);
  else {
    const raw = parseCsvTable("scores", file, text, log, warnings);
    table = raw && dhis2CsvTable(raw, log, warnings);
  }
  return { name: kind.name, file, ...(table ? { table } : {}) };
}

/**
 * Validates table sources into a network: one file per table, the required tables present,
 * institutions and topics not empty. Issues from reading come first.
 */
export function networkFromSources(sources: readonly TableSource[], log: IssueLog, warnings: string[], options: Required<ParseNetworkOptions>): SafeResult {
  const tables: Tables = {};
  const seen = new Map<TableName, string>();
  for (const source of sources) {
    const earlier = seen.get(source.name);
    if (earlier !== undefined) {
      log.add({ code: "duplicate-file", file: source.file, expected: `one file for ${source.name}`, message: `${source.file}: expected one file for ${source.name}, got ${earlier} too` });
      continue;
    }
    seen.set(source.name, source.file);
    if (source.table) tables[source.name] = source.table;
  }
  for (const name of REQUIRED_FILES) {
    if (!seen.has(name)) {
      const also = name === "scores" ? ", dhis2.json or dhis2.csv" : "";
      const expected = `a file ${name}.csv, ${name}.json or ${name}.xlsx${also} (or a sheet "${name}" in a workbook)`;
      log.expect({ code: "missing-file", file: `${name}.csv`, expected }, `${name}.csv`, "none");
    }
  }
  for (const name of ["institutions", "topics"] as const) {
    const table = tables[name];
    if (table && table.rows.length === 0 && !log.issues().some((issue) => issue.file === table.file)) {
      log.add({ code: "empty-file", file: table.file, line: 2, expected: `at least one row of ${name}`, message: `${table.file} line 2: expected at least one row of ${name}, got only a header` });
    }
  }
  return TwinningNetwork.fromTables(tables, log.issues(), { decimal: options.decimal }, warnings);
}

/**
 * Like {@link parseNetwork}, but returns `{ ok: false, issues }` instead of throwing on bad data
 * (a wrong call, such as contents that are neither text nor bytes, still throws).
 * Keys of `files` are file names (`institutions.csv`, `scores.json`, `dhis2.json`...); other names are ignored.
 * @example
 * const result = safeParseNetwork(files);
 * if (result.ok) console.log(result.network.institutions.length);
 */
export function safeParseNetwork(files: Readonly<Record<string, FileContent>>, options?: ParseNetworkOptions): SafeResult {
  checkFiles("parseNetwork", files);
  const settings = { ...DEFAULT_PARSE_NETWORK_OPTIONS, ...checkOptions("parseNetwork", options, PARSE_NETWORK_SCHEMA) };
  const log = new IssueLog();
  const warnings: string[] = [];
  const sources: TableSource[] = [];
  for (const [path, content] of Object.entries(files)) {
    const source = readTextFile(path, content, settings, log, warnings);
    if (source) sources.push(source);
  }
  return networkFromSources(sources, log, warnings, settings);
}

/**
 * Reads a network from file contents: `{ "institutions.csv": text, "topics.csv": text, ... }`.
 * Needs institutions, topics, scores (or a DHIS2 export, dhis2.json or dhis2.csv) and interests;
 * reads periods, partnerships and activities when present. Each as CSV (header row; comma,
 * semicolon or tab; UTF-8 with or without BOM, UTF-16 with BOM, or bytes in `options.encoding`;
 * CRLF or LF) or JSON (an array of objects). Text is trimmed and NFC-normalised.
 * @throws {TwinningInputError} listing every problem in every file, with file, line and column.
 * @throws {TwinningArgumentError} when `files` is not an object of texts or bytes, or an option is wrong.
 * @example
 * parseNetwork({ "institutions.csv": text1, "topics.csv": text2, "scores.csv": text3, "interests.csv": text4 }, { decimal: "," })
 */
export function parseNetwork(files: Readonly<Record<string, FileContent>>, options?: ParseNetworkOptions): TwinningNetwork {
  const result = safeParseNetwork(files, options);
  if (!result.ok) throw new TwinningInputError("parseNetwork", result.issues);
  return result.network;
}

function parseJsonTable(name: TableName, file: string, text: string, log: IssueLog): RawTable | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") {
    log.expect({ code: "empty-file", file, expected: "a JSON array" }, file, "an empty file");
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    log.add({ code: "json-syntax", file, expected: "valid JSON", message: `${file}: expected valid JSON, got: ${detail}` });
    return undefined;
  }
  if (!Array.isArray(parsed)) {
    log.add({ code: "not-an-array", file, expected: "a JSON array of objects", value: showValue(parsed), message: `${file}: expected a JSON array of objects, got ${showValue(parsed)}` });
    return undefined;
  }
  return tableFromObjects(name, file, parsed);
}
