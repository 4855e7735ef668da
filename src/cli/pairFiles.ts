/**
 * The pair files of the plan options (`--pin`, `--exclude`, `--previous`): CSV files with columns
 * mentor, mentee and topic. They are read as the data folder's tables are (delimiter, byte-order
 * mark, --encoding, quoted fields, blank lines), so every problem carries its file, line and
 * column, and every bad row is reported at once. Ids are checked against the network, with a
 * "did you mean":
 * - a pin or exclude row naming an institution or topic the network does not have is a problem
 *   of the data (exit code 1): a pin would stop the plan with the first one only, and an
 *   exclusion of an unknown pair would be ignored without a word;
 * - a previous row naming one is a warning with its line, and the pair is left out (it cannot be
 *   kept, and the library would warn about it again): the rest of the plan still stands.
 * A pin file is also checked against the plan options (pinLimits.ts): a pinned mentor without a
 * score on its topic, and pins beyond a capacity, are problems of the rows concerned.
 */
import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { InputIssue } from "../core/errors.js";
import { decodeContent } from "../io/read/decode.js";
import { parseCsvTable } from "../io/read/csv.js";
import { TableReader, quoteVisibly } from "../model/fields.js";
import { ISSUES_PER_CODE, IssueLog } from "../model/issueLog.js";
import type { TwinningNetwork } from "../model/network.js";
import { nearest } from "../core/options.js";
import type { RawRow } from "../model/table.js";
import { DataFileError, UsageError } from "./command.js";
import { idAsWritten, missingColumn, pathProblem } from "./keyedOptions.js";
import { type CheckedPin, type PinLimits, type PinProblemCode, overloadedPins, pinnedMentorProblem } from "./pinLimits.js";

/** The options that name a pair file. */
export type PairOption = "pin" | "exclude" | "previous";

/** A pair as a file gives it (topic optional in an exclude file: all topics). */
export interface FilePair {
  mentor: string;
  mentee: string;
  topic?: string;
  /** Where the row is in its file (for messages; not passed to the library). */
  line?: number;
  /** The row's role in an earlier plan.csv (primary or backup), when the file has that column. */
  role?: string;
}

/** Problems (and warnings) listed per run; the rest are counted. */
export const LISTED_PROBLEMS = 20;

const FOLDER = "is a folder, expected a CSV file";

/** Checks, before the data are read, that a pair file's path is a file (throws UsageError naming the option and the path). */
export function checkPairFile(command: string, option: PairOption, path: string): void {
  let folder: boolean;
  try {
    folder = statSync(path).isDirectory();
  } catch (error) {
    throw new UsageError(`${command}: --${option} ${path}: ${pathProblem(error)}`);
  }
  if (folder) throw new UsageError(`${command}: --${option} ${path}: ${FOLDER}`);
}

/** A problem of a pair file: one the loader knows, or one only a pin file can have (pinLimits.ts). */
export type PairFileProblem = Omit<InputIssue, "code"> & { code: InputIssue["code"] | PinProblemCode };

/** The pairs of one file, the problems found (each with its line and column) and the warnings. */
export interface PairFile {
  option: PairOption;
  path: string;
  pairs: FilePair[];
  /** The problems described, in file order (at most 1,000 per code, as IssueLog keeps them). */
  problems: readonly PairFileProblem[];
  /** How many problems there are in all. */
  problemCount: number;
  /** Rows of a previous file that name unknown ids, with their line and column (at most 1,000). */
  warnings: readonly string[];
  warningCount: number;
}

/**
 * Reads one pair file and checks it against the network. `encoding` is the --encoding of the data
 * (a byte-order mark wins over it); `limits`, for a pin file, the plan options its pins must
 * respect. A path that is no file is a UsageError.
 */
export async function readPairFile(command: string, option: PairOption, path: string, network: TwinningNetwork, encoding = "utf-8", limits?: PinLimits): Promise<PairFile> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new UsageError(`${command}: --${option} ${path}: ${pathProblem(error)}`);
  }
  const log = new IssueLog();
  const warningLog = new IssueLog();
  const fileNotes: string[] = [];
  // Problems of pins against the plan options (pinLimits.ts): the first 1,000 described, as IssueLog does.
  const limitProblems: PairFileProblem[] = [];
  let limitCount = 0;
  const result = (pairs: FilePair[]): PairFile => ({
    option,
    path,
    pairs,
    problems: [...log.issues().filter((issue) => issue.code !== "more-issues"), ...limitProblems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    problemCount: log.size + limitCount,
    warnings: [...fileNotes, ...warningLog.issues().flatMap((issue) => (issue.code === "more-issues" ? [] : [`${issue.message}; the pair cannot be kept`]))],
    warningCount: fileNotes.length + warningLog.size,
  });
  const decoded = decodeContent(path, bytes, encoding);
  if (decoded.issue !== undefined) log.add(decoded.issue);
  const table = decoded.text === undefined ? undefined : parseCsvTable("partnerships", path, decoded.text, log, []);
  if (table === undefined) return result([]);

  const reader = new TableReader(table, log);
  const required = option === "exclude" ? ["mentor", "mentee"] : ["mentor", "mentee", "topic"];
  // Said, not passed over (new-user trial): a file of a header only, and in a pin or exclude file a
  // column that is read for nothing (an earlier plan.csv brings columns of its own).
  if (table.rows.length === 0) fileNotes.push(`${path}: no rows, so no pairs`);
  if (option !== "previous") {
    for (const [key, info] of table.columns ?? []) if (!["mentor", "mentee", "topic"].includes(key)) fileNotes.push(`${path}: column ${quoteVisibly(info.header)} is ignored (read: mentor, mentee, topic)`);
  }
  for (const column of required) {
    if (table.columns?.has(column)) continue;
    reader.markAbsent(column);
    log.add(missingColumn(path, table, column, required));
  }
  if (log.has("missing-column")) return result([]);

  // Suggestions are searched for listed problems only, once per id: a file of 10,000 rows with
  // one misspelt id costs one search, and unlisted problems none.
  const suggestions = new Map<string, string | undefined>();
  const knownIds = { institution: undefined as string[] | undefined, topic: undefined as string[] | undefined };
  const suggest = (kind: "institution" | "topic", id: string, listed: boolean): string | undefined => {
    if (!listed) return undefined;
    const key = `${kind}\u0000${id}`;
    if (!suggestions.has(key)) {
      if (knownIds[kind] === undefined) knownIds[kind] = (kind === "institution" ? network.institutions : network.topics).map((entity) => entity.id);
      suggestions.set(key, nearest(id, knownIds[kind]));
    }
    const near = suggestions.get(key);
    return near === undefined ? undefined : `did you mean ${quoteVisibly(near)}?`;
  };
  // Unknown ids: problems in pin and exclude files, warnings in a previous file.
  const unknownTo = option === "previous" ? new TableReader(table, warningLog) : reader;
  const known = (row: RawRow, column: string, kind: "institution" | "topic", id: string): boolean => {
    if (kind === "institution" ? network.institution(id) !== undefined : network.topic(id) !== undefined) return true;
    const code = kind === "institution" ? "unknown-institution" : "unknown-topic";
    const detail = suggest(kind, id, unknownTo.log.size < LISTED_PROBLEMS);
    unknownTo.report(row, column, code, `the id of ${kind === "institution" ? "an institution" : "a topic"} of the network`, id, detail);
    return false;
  };

  /** A problem of pins against the plan options, at the rows concerned ("lines 2, 3, 5" for several). */
  const limitProblem = (rows: readonly RawRow[], problem: { code: PinProblemCode; expected: string; got: string }) => {
    if (limitCount++ >= ISSUES_PER_CODE) return;
    const lines = rows.flatMap((row) => (row.line === undefined ? [] : [row.line]));
    const { text, ...where } = reader.location(rows.length === 1 ? rows[0] : undefined, "mentor");
    const shown = lines.length > 10 ? `${lines.slice(0, 10).join(", ")} and ${lines.length - 10} more` : lines.join(", ");
    const at = rows.length === 1 || lines.length === 0 ? text : `${table.file} lines ${shown}${text.slice(table.file.length)}`;
    limitProblems.push({ ...where, ...(lines[0] !== undefined ? { line: lines[0] } : {}), code: problem.code, expected: problem.expected, message: `${at}: expected ${problem.expected}, got ${problem.got}` });
  };
  const pairs: FilePair[] = [];
  const pinned = new Map<string, { mentor: string; line: number | undefined }>();
  const checkedPins: CheckedPin<RawRow>[] = [];
  for (const row of table.rows) {
    // An earlier plan.csv lists uncovered needs without a mentor: those rows are no pairs. In a
    // pin or exclude file an incomplete row is a mistake, and dropping it would change the plan.
    const mentor = idAsWritten(network, "institution", reader.text(row, "mentor", option !== "previous"));
    const mentee = idAsWritten(network, "institution", reader.text(row, "mentee", option !== "previous"));
    const topic = idAsWritten(network, "topic", reader.text(row, "topic", option === "pin"));
    if (mentor === undefined || mentee === undefined) {
      // In a previous file, only a plan.csv row of an uncovered need lacks its mentor; any other
      // incomplete row is said, as a row without its topic is (both were dropped without a word;
      // adversarial review). In a pin or exclude file, reader.text reported it as a problem.
      const uncoveredRow = mentor === undefined && mentee !== undefined && table.columns?.has("role") === true && reader.text(row, "role", false) === "uncovered";
      if (option === "previous" && !uncoveredRow) unknownTo.report(row, mentor === undefined ? "mentor" : "mentee", "empty-value", `${mentor === undefined ? "a mentor" : "a mentee"} for the pair`, undefined);
      continue;
    }
    if (option === "previous" && topic === undefined) {
      // A pair without its topic cannot be kept; dropped without a word before (new-user trial).
      unknownTo.report(row, "topic", "empty-value", "a topic for the pair", undefined);
      continue;
    }
    const mentorKnown = known(row, "mentor", "institution", mentor);
    const menteeKnown = known(row, "mentee", "institution", mentee);
    const topicKnown = topic === undefined || known(row, "topic", "topic", topic);
    // Warned here with its line; passed on, the library would warn about it a second time.
    if (option === "previous" && !(mentorKnown && menteeKnown && topicKnown)) continue;
    if (option === "pin" && mentorKnown && menteeKnown && topicKnown && topic !== undefined) {
      if (mentor === mentee) {
        reader.report(row, "mentee", "self-partnership", "a mentee other than the mentor", mentee);
        continue;
      }
      if (!network.hasChosen(mentee, topic)) {
        reader.report(row, "topic", "invalid-value", `a topic that ${mentee} chose (in interests)`, topic);
        continue;
      }
      // Two pins for one need would leave one of them out without a word.
      const need = JSON.stringify([mentee, topic]);
      const first = pinned.get(need);
      if (first !== undefined && first.mentor !== mentor) {
        reader.report(row, "mentor", "duplicate-row", `one pinned mentor per mentee and topic`, mentor, `${mentee} on ${topic} is pinned to ${first.mentor}${first.line === undefined ? "" : ` at line ${first.line}`}`);
        continue;
      }
      // The same pin twice is one pin: passed twice, the library counted it twice against
      // --topic-capacity (though once against --capacity).
      if (first !== undefined) continue;
      pinned.set(need, { mentor, line: row.line });
      if (limits !== undefined) {
        const problem = pinnedMentorProblem(network, limits, mentor, topic);
        if (problem !== undefined) {
          limitProblem([row], problem);
          continue;
        }
        checkedPins.push({ mentor, topic, where: row });
      }
    }
    const role = option === "previous" && table.columns?.has("role") ? reader.text(row, "role", false) : undefined;
    pairs.push({ mentor, mentee, ...(topic !== undefined ? { topic } : {}), ...(row.line !== undefined ? { line: row.line } : {}), ...(role !== undefined ? { role } : {}) });
  }
  // Counted over the pins that passed their row's checks: a row with a problem of its own is
  // likely to change, and would make the count a guess.
  if (limits !== undefined) for (const { pins, ...problem } of overloadedPins(checkedPins, limits)) limitProblem(pins, problem);
  return result(pairs);
}

/**
 * Pins that the exclusions forbid, each a problem with both lines: the library would refuse the
 * first only, without file or line, as a wrong command line (review). Undefined when none.
 */
export function pinExclusionConflicts(command: string, pin: PairFile, exclude: PairFile): DataFileError | undefined {
  const excluded = new Map<string, number | undefined>();
  for (const pair of exclude.pairs) excluded.set(JSON.stringify([pair.mentor, pair.mentee, pair.topic ?? null]), pair.line);
  const lines: string[] = [];
  let count = 0;
  for (const pair of pin.pairs) {
    const key = [pair.topic ?? null, null].map((topic) => JSON.stringify([pair.mentor, pair.mentee, topic])).find((candidate) => excluded.has(candidate));
    if (key === undefined) continue;
    count++;
    const at = (line: number | undefined) => (line === undefined ? "" : ` line ${line}`);
    if (lines.length < LISTED_PROBLEMS) lines.push(`  ${pin.path}${at(pair.line)}: expected a pair not excluded, got ${pair.mentor} -> ${pair.mentee} on ${pair.topic}, excluded by ${exclude.path}${at(excluded.get(key))} [pinned-and-excluded]`);
  }
  if (count === 0) return undefined;
  if (count > lines.length) lines.push(`  ... and ${count - lines.length} more`);
  return new DataFileError([`twinning-network ${command}: ${count} pinned pair(s) in --pin ${pin.path} also excluded by --exclude ${exclude.path}:`, ...lines].join("\n"));
}

/**
 * The problems of the pair files (and of the files of per-id values, keyedOptions.ts), as the
 * command line prints them: per file a heading and one line per problem with its code, at most
 * LISTED_PROBLEMS in all, then how many more.
 */
export function pairFileError(command: string, files: readonly (Pick<PairFile, "path" | "problems" | "problemCount"> & { option: string })[]): DataFileError | undefined {
  const bad = files.filter((file) => file.problemCount > 0);
  if (bad.length === 0) return undefined;
  const lines: string[] = [];
  let listed = 0;
  for (const file of bad) {
    lines.push(`twinning-network ${command}: ${file.problemCount} problem(s) in --${file.option} ${file.path}:`);
    let shown = 0;
    for (const problem of file.problems) {
      if (listed >= LISTED_PROBLEMS) break;
      lines.push(`  ${problem.message} [${problem.code}]`);
      listed++;
      shown++;
    }
    // Under its own file: one sum after the last file counted the others' too (review).
    if (file.problemCount > shown) lines.push(`  ... and ${file.problemCount - shown} more in this file`);
  }
  return new DataFileError(lines.join("\n"));
}

/** The warnings of the pair files, at most LISTED_PROBLEMS, then how many more. */
export function pairFileWarnings(files: readonly PairFile[]): string[] {
  const warnings: string[] = [];
  // Per option, the warnings not listed: the summary named --previous for any file's (review).
  const more: string[] = [];
  for (const file of files) {
    let listed = 0;
    for (const warning of file.warnings) {
      if (warnings.length >= LISTED_PROBLEMS) break;
      warnings.push(`--${file.option} ${warning}`);
      listed++;
    }
    if (file.warningCount > listed) more.push(`${file.warningCount - listed} of --${file.option}`);
  }
  if (more.length > 0) warnings.push(`... and more warnings: ${more.join(", ")}`);
  return warnings;
}
