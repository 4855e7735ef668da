/**
 * What every table reader shares: the context of already-read tables, references to
 * institutions, topics and periods (with "did you mean"), the first-seen check for duplicates
 * and the header check that opens every table.
 */
import type { InputIssueCode } from "../../core/errors.js";
import { nearest } from "../../core/options.js";
import { type ReadingOptions, TableReader, isIsoDate, looksLikeDate, quoteVisibly } from "../fields.js";
import type { IssueLog } from "../issueLog.js";
import { KNOWN_COLUMNS, type RawRow, type RawTable, type TableName } from "../table.js";
import type { Institution, Period, Topic } from "../types.js";

/** What a period label that looks like a date must be. */
export const ISO_DATE_OR_LABEL = "an ISO date such as 2022-03-15, or a label that is not date-like";

export { ascending as compare } from "../../core/typedArrays.js";

/** What readers of later tables know of earlier ones. */
export interface Context {
  institutions: Map<string, Institution>;
  topics: Map<string, Topic>;
  institutionIndex: Map<string, number>;
  topicIndex: Map<string, number>;
  declaredPeriods: Period[] | undefined;
  declaredPeriodIds: Set<string> | undefined;
  /** Notes for `network.warnings`. */
  warnings: string[];
  /** Whether institutions and topics were read: when a table could not be read, references to it are not reported (they would all fail). */
  institutionsRead: boolean;
  /** Ids whose institutions.csv row was refused: references to them are no further issue (review: "got H2; did you mean H1?"). */
  institutionsRefused: ReadonlySet<string>;
  /** The dhis2 values of those rows: a DHIS2 export's rows naming them are no further issue (plain ids elsewhere are not org units; review). */
  orgUnitsRefused: ReadonlySet<string>;
  topicsRead: boolean;
  /**
   * Suggestions by issue code and folded value (a bad id repeated on 10,000 rows costs one
   * search), with every known id under its own folded form; the code alone marks a kind indexed.
   */
  suggestions: Map<string, string | undefined>;
  /** Candidate ids the suggestions have compared so far (SUGGESTION_BUDGET). */
  suggestionsCompared: number;
  /** Where each period label was first used (scores, then partnerships), for issues about the label itself. */
  periodFirstSeen: Map<string, { reader: TableReader; row: RawRow }>;
}

/** Reads a table's header: missing required columns are issues, unknown columns a warning. */
export function openTable(table: RawTable | undefined, name: TableName, log: IssueLog, options: ReadingOptions, warnings: string[]): TableReader | undefined {
  if (table === undefined) return undefined;
  const reader = new TableReader(table, log, options);
  const known = KNOWN_COLUMNS[name];
  if (table.columns) {
    for (const column of known.required) {
      if (!table.columns.has(column)) {
        reader.markAbsent(column);
        // Only headers no known column took: "id" was suggested for a missing "kind" beside it.
        const near = nearest(column, [...table.columns.keys()].filter((header) => !known.required.includes(header) && !known.optional.includes(header)), false);
        reader.report(undefined, column, "missing-column", `a column "${column}" (required: ${known.required.join(", ")})`, undefined, `the header has no such column${near ? `; did you mean ${quoteVisibly(near)}?` : ""}`, table.headerLine ?? 1);
      }
    }
  }
  if (name !== "institutions") {
    const allowed = new Set([...known.required, ...known.optional]);
    const ignored: string[] = [];
    const seen = new Set<string>();
    const check = (column: string) => {
      if (allowed.has(column) || seen.has(column)) return;
      seen.add(column);
      ignored.push(column);
    };
    if (table.columns) for (const column of table.columns.keys()) check(column);
    else for (const row of table.rows) for (const column of row.columns()) check(column);
    if (ignored.length > 0) {
      // With the column each may have meant ("Priorité": priority; new-user trial).
      const shown = (column: string): string => {
        const near = nearest(column, [...allowed], false);
        return `${quoteVisibly(column)}${near === undefined ? "" : ` (did you mean ${near}?)`}`;
      };
      const names = ignored.slice(0, 10).map(shown).join(", ") + (ignored.length > 10 ? ` and ${ignored.length - 10} more` : "");
      warnings.push(`${table.file}: column${ignored.length === 1 ? "" : "s"} ${names} ignored (${name} reads ${[...allowed].join(", ")})`);
    }
  }
  for (const row of table.rows) {
    if (row.invalid !== undefined) reader.report(row, undefined, "invalid-value", "an object with named fields", row.invalid.value);
    for (const { column, key } of row.repeated ?? []) reader.report(row, column, "duplicate-column", "each column once", key, `a key naming ${column} again; the first one is read`);
  }
  return reader;
}

export const rowsOf = (reader: TableReader | undefined): readonly RawRow[] =>
  reader ? reader.table.rows.filter((row) => row.invalid === undefined) : [];

/**
 * How many candidate ids the loader's suggestions may compare in all: one to two seconds of work
 * (about 5 us per comparison of 20-character ids sharing a prefix). Past it, unknown ids get no
 * suggestion, so a file keyed by names instead of ids in a national network is reported at once
 * (each suggestion compares every id: at 200,000 ids, 50 of them took 92 s; review).
 */
const SUGGESTION_BUDGET = 400_000;

/**
 * An id in lower case with each run of spaces as one space: ids equal in this form differ only in
 * letter case or spacing. They stay different ids (DHIS2's are case-sensitive); the form finds
 * them for warnings and "did you mean". The pattern leaves a lone space alone, so an id with
 * single spaces costs no second new string.
 */
export const foldId = (id: string): string => id.toLowerCase().replace(/\s{2,}|[^\S ]/g, " ");

/**
 * "did you mean" for an unknown id (undefined when nothing is near, or the issue is beyond the
 * cap). At the first unknown id of a kind (code), every known id is put in the suggestions under
 * its folded form (the first in code-unit order, as nearest breaks ties), in O(n): an id equal but
 * for case or spacing is then suggested at any size; other near ids only within SUGGESTION_BUDGET.
 * `space` keeps apart the suggestions of one code drawn from another known set (DHIS2 ids).
 */
export function didYouMean(reader: TableReader, code: InputIssueCode, context: Context, value: string, known: { size: number; keys(): Iterable<string> }, space: string = code): string | undefined {
  if (!reader.log.wants(code)) return undefined;
  const suggestions = context.suggestions;
  if (!suggestions.has(space)) {
    suggestions.set(space, undefined);
    for (const id of known.keys()) {
      const key = `${space}\u0000${foldId(id)}`;
      // An absent entry compares false, so it is set.
      if (!((suggestions.get(key) as string) <= id)) suggestions.set(key, id);
    }
  }
  const key = `${space}\u0000${foldId(value)}`;
  if (!suggestions.has(key)) {
    context.suggestionsCompared += known.size;
    suggestions.set(key, context.suggestionsCompared <= SUGGESTION_BUDGET ? nearest(value, known.keys()) : undefined);
  }
  const near = suggestions.get(key);
  return near && `did you mean ${quoteVisibly(near)}?`;
}

/**
 * Warns, in one note per table, of ids (`seen`: each id and its row, in file order) equal but for
 * letter case or spacing, naming both spellings and rows; they stay different ids. O(n): a table
 * of slots by the folded id's hash (FNV-1a's step; open addressing, at most a quarter full), a match
 * confirmed by folding again. A Map of the folded ids was twice as slow (it kept 200,000 new
 * strings alive in the loader's large heap).
 */
export function warnCaseTwins(reader: TableReader, seen: Map<string, RawRow>, what: string, warnings: string[]): void {
  const ids = [...seen.keys()];
  const mask = (8 << Math.log2(ids.length)) - 1;
  const slots = new Int32Array(mask + 1);
  const hashes = new Int32Array(ids.length);
  const shown: string[] = [];
  let count = 0;
  ids.forEach((id, i) => {
    const form = foldId(id);
    let hash = 0;
    for (let k = 0; k < form.length; k++) hash = Math.imul(hash ^ form.charCodeAt(k), 16777619);
    hashes[i] = hash;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const j = slots[slot] as number;
      if (j === 0) {
        slots[slot] = i + 1;
        break;
      }
      const first = ids[j - 1] as string;
      if (hashes[j - 1] === hash && foldId(first) === form) {
        if (++count <= 5) shown.push(`${quoteVisibly(first)} (${reader.at(seen.get(first) as RawRow)}) and ${quoteVisibly(id)} (${reader.at(seen.get(id) as RawRow)})`);
        break;
      }
    }
  });
  if (count > 0) warnings.push(`${reader.table.file}: ${what}s whose ids differ only in case or spacing: ${shown.join("; ")}${count > 5 ? "; ..." : ""}`);
}

/** Reports a second row with an already-seen key, naming where the first one was. */
export function firstSeen<K>(reader: TableReader, seen: Map<K, RawRow>, key: K, row: RawRow, column: string | undefined, what: string | (() => string), value: unknown, code: "duplicate-id" | "duplicate-row"): boolean {
  const first = seen.get(key);
  if (first === undefined) {
    seen.set(key, row);
    return true;
  }
  let detail = `already given at ${reader.at(first)}`;
  if (column !== undefined) {
    const written = first.get(column);
    const now = row.get(column);
    if (typeof written === "string" && typeof now === "string" && written !== now) {
      detail += ` as ${quoteVisibly(written)}; trimmed and in Unicode normal form C the two are the same`;
    }
  }
  reader.report(row, column, code, `a unique ${typeof what === "function" ? what() : what}`, value, detail);
  return false;
}

/** Reads an institution reference and checks it exists. */
export function institutionRef(reader: TableReader, row: RawRow, column: string, context: Context, required: boolean): Institution | undefined | null {
  const id = reader.text(row, column, required);
  if (id === undefined) return required ? null : undefined;
  const institution = context.institutions.get(id);
  if (institution === undefined) {
    if (!context.institutionsRead || context.institutionsRefused.has(id)) return null;
    reader.report(row, column, "unknown-institution", "the id of an institution in institutions", id, didYouMean(reader, "unknown-institution", context, id, context.institutions));
    return null;
  }
  return institution;
}

export function topicRef(reader: TableReader, row: RawRow, column: string, context: Context, required: boolean): Topic | undefined | null {
  const id = reader.text(row, column, required);
  if (id === undefined) return required ? null : undefined;
  const topic = context.topics.get(id);
  if (topic === undefined) {
    if (!context.topicsRead) return null;
    reader.report(row, column, "unknown-topic", "the id of a topic in topics", id, didYouMean(reader, "unknown-topic", context, id, context.topics));
    return null;
  }
  return topic;
}

export function periodRef(reader: TableReader, row: RawRow, column: string, context: Context, required: boolean): string | undefined | null {
  const id = reader.text(row, column, required);
  if (id === undefined) return required ? null : undefined;
  if (context.declaredPeriodIds !== undefined && !context.declaredPeriodIds.has(id)) {
    reader.report(row, column, "unknown-period", "a period declared in periods", id, didYouMean(reader, "unknown-period", context, id, context.declaredPeriodIds));
    return null;
  }
  if (looksLikeDate(id) && !isIsoDate(id)) {
    reader.report(row, column, "malformed-date", ISO_DATE_OR_LABEL, id);
    return null;
  }
  if (!context.periodFirstSeen.has(id)) context.periodFirstSeen.set(id, { reader, row });
  return id;
}

export function checkKind(reader: TableReader, row: RawRow, institution: Institution, topic: Topic): boolean {
  if (topic.kinds === undefined || topic.kinds.includes(institution.kind)) return true;
  // "Hospital" in institutions beside "hospital" in topics refused every row without saying why (new-user trial).
  const alike = topic.kinds.find((kind) => kind.toLowerCase() === institution.kind.toLowerCase());
  reader.report(
    row,
    "topic",
    "kind-mismatch",
    `a topic that applies to ${institution.id}'s kind "${institution.kind}" (topic ${topic.id} applies to ${topic.kinds.join(", ")})`,
    topic.id,
    alike === undefined ? undefined : `"${institution.kind}" and "${alike}" differ only in letter case: write the kind alike in institutions and topics`,
  );
  return false;
}
