/**
 * Reading a network from the contents of its files, in any runtime (Node, Deno, a browser).
 * `loadNetwork` (Node and Deno) reads a folder and hands the texts here.
 */
import { TwinningInputError, type InputIssue } from "../../core/errors.js";
import { showValue } from "../../model/fields.js";
import { TwinningNetwork, type SafeResult } from "../../model/network.js";
import { TABLE_NAMES, type TableName, tableFromObjects } from "../../model/table.js";
import type { Tables } from "../../model/validate.js";
import { parseCsvTable } from "./csv.js";

/**
 * Files a network folder must have (as `.csv` or `.json`); the other tables are optional.
 * @example
 * REQUIRED_FILES // ["institutions", "topics", "scores", "interests"]
 */
export const REQUIRED_FILES: readonly TableName[] = ["institutions", "topics", "scores", "interests"];

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/**
 * Like {@link parseNetwork}, but returns `{ ok: false, issues }` instead of throwing.
 * Keys of `files` are file names (`institutions.csv`, `scores.json`...); other names are ignored.
 * @example
 * const result = safeParseNetwork(files);
 * if (result.ok) console.log(result.network.institutions.length);
 */
export function safeParseNetwork(files: Readonly<Record<string, string>>): SafeResult {
  const issues: InputIssue[] = [];
  const tables: Tables = {};
  const sources = new Map<TableName, string>();
  for (const [path, text] of Object.entries(files)) {
    const file = baseName(path);
    const match = /^(.*)\.(csv|json)$/i.exec(file);
    const name = match?.[1]?.toLowerCase() as TableName | undefined;
    if (!match || name === undefined || !TABLE_NAMES.includes(name)) continue;
    const earlier = sources.get(name);
    if (earlier !== undefined) {
      issues.push({ code: "duplicate-file", file, expected: `one file for ${name}`, message: `${file}: expected one file for ${name}, got ${earlier} too` });
      continue;
    }
    sources.set(name, file);
    const result = match[2]?.toLowerCase() === "csv" ? parseCsvTable(name, file, text) : parseJsonTable(name, file, text);
    issues.push(...result.issues);
    if (result.table) tables[name] = result.table;
  }
  for (const name of REQUIRED_FILES) {
    if (!sources.has(name)) {
      issues.push({ code: "missing-file", file: `${name}.csv`, expected: `a file ${name}.csv or ${name}.json`, message: `${name}.csv: expected a file ${name}.csv or ${name}.json, got none` });
    }
  }
  for (const name of ["institutions", "topics"] as const) {
    const table = tables[name];
    if (table && table.rows.length === 0 && !issues.some((issue) => issue.file === table.file)) {
      issues.push({ code: "empty-file", file: table.file, line: 2, expected: `at least one row of ${name}`, message: `${table.file} line 2: expected at least one row of ${name}, got only a header` });
    }
  }
  return TwinningNetwork.fromTables(tables, issues);
}

/**
 * Reads a network from file contents: `{ "institutions.csv": text, "topics.csv": text, ... }`.
 * Needs institutions, topics, scores and interests; reads periods, partnerships and activities
 * when present. Each as CSV (header row; UTF-8 with or without BOM; CRLF or LF) or JSON (an
 * array of objects).
 * @throws {TwinningInputError} listing every problem in every file, with file, line and column.
 * @example
 * parseNetwork({ "institutions.csv": text1, "topics.csv": text2, "scores.csv": text3, "interests.csv": text4 })
 */
export function parseNetwork(files: Readonly<Record<string, string>>): TwinningNetwork {
  const result = safeParseNetwork(files);
  if (!result.ok) throw new TwinningInputError("parseNetwork", result.issues);
  return result.network;
}

function parseJsonTable(name: TableName, file: string, text: string) {
  const issues: InputIssue[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") {
    issues.push({ code: "empty-file" as const, file, expected: "a JSON array", message: `${file}: expected a JSON array, got an empty file` });
    return { issues };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    issues.push({ code: "json-syntax" as const, file, expected: "valid JSON", message: `${file}: expected valid JSON, got: ${detail}` });
    return { issues };
  }
  if (!Array.isArray(parsed)) {
    issues.push({ code: "not-an-array" as const, file, expected: "a JSON array of objects", value: showValue(parsed), message: `${file}: expected a JSON array of objects, got ${showValue(parsed)}` });
    return { issues };
  }
  return { table: tableFromObjects(name, file, parsed), issues };
}
