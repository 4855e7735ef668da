/**
 * Plan options that take one value for all and others per institution or topic, as the library
 * does (`capacity`, `topicCapacity`, and through `topicRules` each topic's `groups` and high-performer
 * `rule`): `--capacity 2 --capacity kibuye-hospital=4 --capacity capacities.csv`. The shortfalls
 * the plan prints are fixed per mentor or per topic ("raise kibuye-hospital's capacity from 3 to
 * 4"), and a command line that took one number only could apply none of them (new-user trial).
 *
 * Each value is, in this order: a value for every mentor or topic (`2`); a CSV file (capacities
 * only; columns institution or topic, and capacity), read as the data folder's tables are, every
 * bad row listed with its line and column; or `ID=VALUE` for one (split at the last "=" that leaves
 * a valid value, so an id may hold "="). Values are applied in command-line order: a later one
 * replaces an earlier one for the same id, so a printed fix can be appended as it is. An id the
 * network does not have is refused with a did-you-mean: on the command line a usage error naming
 * the option (exit 2), in a file a problem of its line (exit 1).
 */
import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { InputIssue } from "../core/errors.js";
import { nearest, unknownName } from "../core/options.js";
import { decodeContent } from "../io/read/decode.js";
import { parseCsvTable } from "../io/read/csv.js";
import { TableReader, quoteVisibly } from "../model/fields.js";
import type { HighPerformerRule } from "../model/highPerformers.js";
import { IssueLog } from "../model/issueLog.js";
import type { TwinningNetwork } from "../model/network.js";
import type { RawTable } from "../model/table.js";
import type { GroupRule } from "../plan/eligibility.js";
import { type NumberRule, type OptionValues, UsageError, numberOption } from "./command.js";

/** One value and where it was set, for messages: "--capacity 2", "--capacity kibuye-hospital=4", "caps.csv line 3". */
export interface Setting<T> {
  value: T;
  source: string;
}

/** A keyed option's values: one for every id (when given) and those given per id. */
export interface KeyedValues<T> {
  fallback?: Setting<T>;
  byId: Map<string, Setting<T>>;
}

/** The setting of one id: its own, else the value for every id, else undefined (the library's default). */
export const settingOf = <T>(values: KeyedValues<T> | undefined, id: string): Setting<T> | undefined => values?.byId.get(id) ?? values?.fallback;

/** What an option's values are keyed by, and how its values read and print. */
export interface KeyedSpec<T> {
  name: "capacity" | "topic-capacity" | "groups" | "high-performers";
  key: "institution" | "topic";
  /** The value written for every id, in words (for errors). */
  accepts: string;
  /** The value's placeholder in ID=K and TOPIC=RULE. */
  placeholder: "K" | "RULE";
  /** The value a text stands for, or undefined. */
  parse: (text: string) => T | undefined;
  /** A text that is meant as a value but is a wrong one: the error naming the option and what it expects. */
  wrongValue: (command: string, text: string) => UsageError | undefined;
  /** Whether a CSV file of values may be given (its value column). */
  fileColumn?: string;
  /** The values, when a few words: a mistyped one gets the nearest. */
  words?: readonly string[];
}

const WHOLE: NumberRule = { integer: "safe", min: 0 };
/** Looks like a number (a sign, digits, a point, Infinity): a wrong number, not a file or a name. */
const NUMBER_LIKE = /^[+-]?(\d|\.\d|Infinity$)/;

/** A whole number 0 or more as numberOption reads it, or undefined. */
function wholeNumber(text: string): number | undefined {
  try {
    return numberOption("", { value: text }, "value", WHOLE);
  } catch {
    return undefined;
  }
}

const capacitySpec = (name: "capacity" | "topic-capacity", key: "institution" | "topic"): KeyedSpec<number> => ({
  name,
  key,
  accepts: "a whole number 0 or more",
  placeholder: "K",
  parse: wholeNumber,
  // The number's own message, as for the other numeric options ("2.5", "-3", "1e20").
  wrongValue: (command, text) => {
    if (!NUMBER_LIKE.test(text.trim()) && !/^[+-]?0[xbo]/i.test(text.trim())) return undefined;
    try {
      numberOption(command, { [name]: text }, name, WHOLE);
    } catch (error) {
      if (error instanceof UsageError) return error;
      throw error;
    }
    return undefined;
  },
  fileColumn: "capacity",
});

export const CAPACITY_SPEC = capacitySpec("capacity", "institution");
export const TOPIC_CAPACITY_SPEC = capacitySpec("topic-capacity", "topic");

const GROUP_RULES: readonly GroupRule[] = ["any", "same", "different"];

export const GROUPS_SPEC: KeyedSpec<GroupRule> = {
  name: "groups",
  key: "topic",
  accepts: "any, same or different",
  placeholder: "RULE",
  parse: (text) => (GROUP_RULES as readonly string[]).find((rule) => rule === text) as GroupRule | undefined,
  wrongValue: () => undefined,
  words: GROUP_RULES,
};

/** The forms of --high-performers, in words. */
const RULE_FORMS = "top-share:S (0 < S <= 1; a fraction such as 1/3 or a percentage such as 25% too), top-k:K (K a whole number 1 or more), threshold:V or margin:M:ID (M 0 or more)";

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const decimal = (text: string): number | undefined => (DECIMAL.test(text) ? Number(text) : undefined);

/** A high-performer rule as the command line writes it (`top-share:0.5`, `top-k:3`, `threshold:80`, `margin:5:kibuye-hospital`), checked as highPerformers checks it. */
export function parseRule(text: string): HighPerformerRule | undefined {
  const colon = text.indexOf(":");
  if (colon < 0) return undefined;
  const type = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  switch (type) {
    case "top-share": {
      const fraction = /^(\d+)\/(\d+)$/.exec(rest);
      // "25%" is how a share is often written (new-user trial: refused, with no hint of 0.25).
      const percent = rest.endsWith("%") ? decimal(rest.slice(0, -1)) : undefined;
      const share = fraction !== null ? Number(fraction[1]) / Number(fraction[2]) : percent !== undefined ? percent / 100 : decimal(rest);
      return share !== undefined && share > 0 && share <= 1 ? { type, share } : undefined;
    }
    case "top-k": {
      const k = decimal(rest);
      return k !== undefined && Number.isSafeInteger(k) && k >= 1 ? { type, k } : undefined;
    }
    case "threshold": {
      const value = decimal(rest);
      return value !== undefined && Number.isFinite(value) ? { type, value } : undefined;
    }
    case "margin": {
      const second = rest.indexOf(":");
      const margin = second < 0 ? undefined : decimal(rest.slice(0, second));
      const relativeTo = rest.slice(second + 1);
      return margin !== undefined && Number.isFinite(margin) && margin >= 0 && relativeTo !== "" ? { type, margin, relativeTo } : undefined;
    }
    default:
      return undefined;
  }
}

/** A rule as --high-performers takes it back (the inverse of parseRule; numbers written exactly). */
export function ruleText(rule: HighPerformerRule): string {
  switch (rule.type) {
    case "top-share":
      return `top-share:${rule.share ?? 1 / 3}`;
    case "top-k":
      return `top-k:${rule.k}`;
    case "threshold":
      return `threshold:${rule.value}`;
    case "margin":
      return `margin:${rule.margin}:${rule.relativeTo}`;
  }
}

export const HIGH_PERFORMERS_SPEC: KeyedSpec<HighPerformerRule> = {
  name: "high-performers",
  key: "topic",
  accepts: RULE_FORMS,
  placeholder: "RULE",
  parse: parseRule,
  // A known rule name with a wrong number is that rule's mistake, not a topic's.
  wrongValue: (command, text) =>
    /^(top-share|top-k|threshold|margin):/.test(text) ? new UsageError(`${command}: --high-performers expects ${RULE_FORMS}, got ${JSON.stringify(text)}`) : undefined,
};

/** One value of a keyed option as written, sorted out before the data are read. */
export type KeyedEntry<T> = { kind: "all"; text: string; value: T } | { kind: "one"; text: string; id: string; value: T } | { kind: "file"; text: string; path: string };

/** The texts given to an option: one or several (repeated), none when absent. */
export function optionTexts(values: OptionValues, name: string): string[] {
  const value = values[name];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((text): text is string => typeof text === "string") : [];
}

/**
 * The issue of an option file's header without a required column: the columns it has and the
 * nearest of them (pair files and value files alike).
 */
export function missingColumn(path: string, table: RawTable, column: string, required: readonly string[]): InputIssue {
  const headerLine = table.headerLine ?? 1;
  const near = nearest(column, [...(table.columns?.keys() ?? [])]);
  const columns = [...(table.columns?.values() ?? [])].map((info) => quoteVisibly(info.header)).join(", ");
  return {
    code: "missing-column",
    file: path,
    line: headerLine,
    column,
    expected: `a column "${column}"`,
    message: `${path} line ${headerLine}: expected a column "${column}" (required: ${required.join(", ")}), got the columns ${columns}${near === undefined ? "" : `; did you mean ${quoteVisibly(near)}?`}`,
  };
}

/** What a path given to an option is instead of a readable file, in words. */
export function pathProblem(error: unknown): string {
  const code = error instanceof Error && "code" in error ? String(error.code) : undefined;
  if (code === "ENOENT") return "no such file";
  if (code === "ENOTDIR") return "no such file (a part of the path is a file, not a folder)";
  if (code === "EISDIR") return "is a folder, expected a CSV file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}

/** Whether a path is a folder, a file (true: something else), or nothing (undefined). */
function pathKind(path: string): "folder" | "file" | undefined {
  try {
    return statSync(path).isDirectory() ? "folder" : "file";
  } catch {
    return undefined;
  }
}

/**
 * The values of one keyed option, sorted into values for all, per id and files, before the data
 * are read: wrong values, and files that are missing or folders, are usage errors naming the option.
 */
export function keyedEntries<T>(command: string, spec: KeyedSpec<T>, values: OptionValues): KeyedEntry<T>[] {
  const option = `--${spec.name}`;
  const idWord = `${spec.key === "institution" ? "ID" : "TOPIC"}=${spec.placeholder}`;
  const forms = `${spec.accepts}, ${idWord} for one ${spec.key}${spec.fileColumn === undefined ? "" : `, or a CSV file with columns ${spec.key} and ${spec.fileColumn}`}`;
  return optionTexts(values, spec.name).map((text): KeyedEntry<T> => {
    const all = spec.parse(text);
    if (all !== undefined) return { kind: "all", text, value: all };
    const kind = spec.fileColumn === undefined ? undefined : pathKind(text);
    if (kind === "folder") throw new UsageError(`${command}: ${option} ${text}: is a folder, expected a CSV file`);
    if (kind === "file") return { kind: "file", text, path: text };
    // The last "=" that leaves a valid value: an id may hold "=" itself.
    for (let at = text.lastIndexOf("="); at > 0; at = text.lastIndexOf("=", at - 1)) {
      const value = spec.parse(text.slice(at + 1));
      if (value !== undefined) return { kind: "one", text, id: text.slice(0, at), value };
    }
    if (text.includes("=")) {
      const at = text.lastIndexOf("=");
      const wrong = spec.wrongValue(command, text.slice(at + 1));
      const what = wrong === undefined ? `expects ${idWord} with ${spec.placeholder} ${spec.accepts}` : wrong.message.replace(`${command}: ${option} `, "");
      throw new UsageError(`${command}: ${option} ${JSON.stringify(text)}: ${at === 0 ? `expects ${idWord} with the ${spec.key} before "="` : what}`);
    }
    const wrong = spec.wrongValue(command, text);
    if (wrong !== undefined) throw wrong;
    if (spec.fileColumn !== undefined) throw new UsageError(`${command}: ${option} ${text}: no such file (${option} takes ${forms})`);
    const near = nearest(text, spec.words ?? []);
    throw new UsageError(`${command}: ${option} expects ${forms}, got ${JSON.stringify(text)}${near === undefined ? "" : `; did you mean ${near}?`}`);
  });
}

/** The problems of a values file, in the shape pairFileError prints. */
export interface ValuesFile {
  option: string;
  path: string;
  problems: readonly InputIssue[];
  problemCount: number;
  /** What the file holds that is read for nothing (no rows, other columns), as warnings. */
  notes: readonly string[];
}

/**
 * An id as the library's CSV files write it: one that a spreadsheet would run as a formula
 * (=, +, -, @) is written with a leading quote (core/csv.ts), which is taken off again where only
 * the id without it is known (a plan.csv of ids like "-x" kept none of its pairs; adversarial review).
 */
export function idAsWritten(network: TwinningNetwork, kind: "institution" | "topic", id: string | undefined): string | undefined {
  if (id === undefined || !/^'[=+\-@\t\r]/.test(id)) return id;
  const has = (value: string) => (kind === "institution" ? network.institution(value) : network.topic(value)) !== undefined;
  return !has(id) && has(id.slice(1)) ? id.slice(1) : id;
}

/** Reads one CSV file of per-id values: every bad row is a problem with its line and column. */
async function readValuesFile<T>(command: string, spec: KeyedSpec<T>, path: string, network: TwinningNetwork, reading: { encoding: string; decimalComma: boolean }, set: (id: string, setting: Setting<T>) => void): Promise<ValuesFile> {
  const log = new IssueLog();
  const notes: string[] = [];
  const result = (): ValuesFile => ({ option: spec.name, path, problems: log.issues().filter((issue) => issue.code !== "more-issues").sort((a, b) => (a.line ?? 0) - (b.line ?? 0)), problemCount: log.size, notes });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new UsageError(`${command}: --${spec.name} ${path}: ${pathProblem(error)}`);
  }
  const decoded = decodeContent(path, bytes, reading.encoding);
  if (decoded.issue !== undefined) log.add(decoded.issue);
  // Read as the interests table is: its institution and topic columns are matched as there.
  const table = decoded.text === undefined ? undefined : parseCsvTable("interests", path, decoded.text, log, []);
  if (table === undefined) return result();
  const reader = new TableReader(table, log, { decimal: reading.decimalComma ? "," : "." });
  const headers = [...(table.columns?.keys() ?? [])];
  const valueColumn = headers.find((header) => header.trim().toLowerCase() === spec.fileColumn);
  const required = [spec.key, spec.fileColumn ?? ""];
  for (const [column, found] of [
    [spec.key, table.columns?.has(spec.key) === true],
    [spec.fileColumn ?? "", valueColumn !== undefined],
  ] as const) {
    if (!found) log.add(missingColumn(path, table, column, required));
  }
  if (valueColumn === undefined || log.has("missing-column")) return result();
  // Said as the pair files say it: a header-only file or a column read for nothing passed without a word (new-user trial).
  const option = `--${spec.name} ${path}`;
  if (table.rows.length === 0) notes.push(`${option}: no rows, so no values`);
  for (const [key, info] of table.columns ?? []) if (key !== spec.key && key !== valueColumn) notes.push(`${option}: column ${quoteVisibly(info.header)} is ignored (read: ${spec.key}, ${spec.fileColumn})`);
  const known = (spec.key === "institution" ? network.institutions : network.topics).map((entity) => entity.id);
  const has = (id: string) => (spec.key === "institution" ? network.institution(id) : network.topic(id)) !== undefined;
  const seen = new Map<string, { value: T; line: number | undefined }>();
  for (const row of table.rows) {
    // As the pair files read them: a capacity file saved from plan.csv's ids ('-x) took them as unknown (new-user trial).
    const id = idAsWritten(network, spec.key, reader.text(row, spec.key, true));
    const value = reader.number(row, valueColumn, true);
    if (id !== undefined && !has(id)) {
      const near = nearest(id, known);
      reader.report(row, spec.key, spec.key === "institution" ? "unknown-institution" : "unknown-topic", `the id of ${spec.key === "institution" ? "an institution" : "a topic"} of the network`, id, near === undefined ? undefined : `did you mean ${quoteVisibly(near)}?`);
      continue;
    }
    if (value === undefined) continue;
    const parsed = spec.parse(String(value));
    if (parsed === undefined) {
      reader.report(row, valueColumn, "out-of-range", spec.accepts, row.get(valueColumn));
      continue;
    }
    if (id === undefined) continue;
    // The same id twice with two values: which one was meant cannot be told.
    const first = seen.get(id);
    if (first !== undefined && first.value !== parsed) {
      reader.report(row, valueColumn, "duplicate-row", `one ${spec.fileColumn} per ${spec.key}`, row.get(valueColumn), `${id} has ${String(first.value)}${first.line === undefined ? "" : ` at line ${first.line}`}`);
      continue;
    }
    seen.set(id, { value: parsed, line: row.line });
    set(id, { value: parsed, source: `--${spec.name} ${path}${row.line === undefined ? "" : ` line ${row.line}`}` });
  }
  // Decimal commas ("2,5") are reported for the whole column here, not row by row.
  reader.finish();
  return result();
}

/**
 * The values of a keyed option, with the network: ids are checked (an unknown one on the command
 * line is a UsageError with a did-you-mean) and files read; the files' problems are returned, to be
 * reported with the other files' (nothing is refused before every file is read).
 */
export async function keyedValues<T>(command: string, spec: KeyedSpec<T>, values: OptionValues, network: TwinningNetwork): Promise<{ values: KeyedValues<T> | undefined; files: ValuesFile[] }> {
  const entries = keyedEntries(command, spec, values);
  if (entries.length === 0) return { values: undefined, files: [] };
  const result: KeyedValues<T> = { byId: new Map() };
  const files: ValuesFile[] = [];
  const known = () => (spec.key === "institution" ? network.institutions : network.topics).map((entity) => entity.id);
  for (const entry of entries) {
    if (entry.kind === "all") {
      result.fallback = { value: entry.value, source: `--${spec.name} ${entry.text}` };
    } else if (entry.kind === "one") {
      if ((spec.key === "institution" ? network.institution(entry.id) : network.topic(entry.id)) === undefined) {
        // The likely slips, said (new-user trial): several ids in one value, or an id of the other kind.
        const other = spec.name === "capacity" ? network.topic(entry.id) !== undefined : spec.name === "topic-capacity" && network.institution(entry.id) !== undefined;
        const hint = entry.id.includes(",") ? `; give each ${spec.key} its own --${spec.name}` : other ? `; ${entry.id} is ${spec.key === "institution" ? "a topic: --topic-capacity" : "an institution: --capacity"} takes it` : "";
        throw new UsageError(`${command}: --${spec.name} ${entry.text}: ${unknownName(spec.key, entry.id, known())}${hint}`);
      }
      result.byId.set(entry.id, { value: entry.value, source: `--${spec.name} ${entry.text}` });
    } else {
      files.push(
        // Read as the data are: --encoding and --decimal-comma apply.
        await readValuesFile(command, spec, entry.path, network, { encoding: typeof values.encoding === "string" ? values.encoding : "utf-8", decimalComma: values["decimal-comma"] === true }, (id, setting) => {
          result.byId.set(id, setting);
        }),
      );
    }
  }
  return { values: result, files };
}

/**
 * A capacity option as assignPartners takes it: one number, or a record. A record falls back to
 * the library's default for the ids it leaves out (3 per mentor; no limit per topic), so with a
 * value for every id it names them all.
 */
export function capacityRecord(values: KeyedValues<number> | undefined, ids: () => readonly string[]): number | Record<string, number> | undefined {
  if (values === undefined) return undefined;
  const { fallback, byId } = values;
  if (byId.size === 0) return fallback?.value;
  // Built from entries (not by assignment), so an id called "__proto__" stays data.
  if (fallback === undefined) return Object.fromEntries([...byId].map(([id, setting]) => [id, setting.value]));
  return Object.fromEntries(ids().map((id) => [id, (byId.get(id) ?? fallback).value]));
}

/** A command-line argument as a POSIX shell reads it back: as it is when plain, else in single quotes. */
export function shellWord(text: string): string {
  return /^[\p{L}\p{N}_@%+=:,./-]+$/u.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
