/**
 * What every table reader shares: the context of already-read tables, references to
 * institutions, topics and periods (with "did you mean"), the first-seen check for duplicates
 * and the header check that opens every table.
 */
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
  topicsRead: boolean;
  /** Suggestions already computed, by kind and value (a bad id repeated on 10,000 rows costs one search). */
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
        const near = nearest(column, [...table.columns.keys()]);
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
      const names = ignored.slice(0, 10).map(quoteVisibly).join(", ") + (ignored.length > 10 ? ` and ${ignored.length - 10} more` : "");
      warnings.push(`${table.file}: column${ignored.length === 1 ? "" : "s"} ${names} ignored (${name} reads ${[...allowed].join(", ")})`);
    }
  }
  for (const row of table.rows) {
    if (row.invalid !== undefined) reader.report(row, undefined, "invalid-value", "an object with named fields", row.invalid.value);
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

function suggestion(context: Context, kind: string, value: string, known: () => { count: number; names: Iterable<string> }): string {
  const key = `${kind}\u0000${value}`;
  let near = context.suggestions.get(key);
  if (!context.suggestions.has(key)) {
    const { count, names } = known();
    context.suggestionsCompared += count;
    near = context.suggestionsCompared <= SUGGESTION_BUDGET ? nearest(value, names) : undefined;
    context.suggestions.set(key, near);
  }
  return near === undefined ? "" : `did you mean ${quoteVisibly(near)}?`;
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
    if (!context.institutionsRead) return null;
    const hint = reader.log.wants("unknown-institution") ? suggestion(context, "institution", id, () => ({ count: context.institutions.size, names: context.institutions.keys() })) : "";
    reader.report(row, column, "unknown-institution", "the id of an institution in institutions", id, hint || undefined);
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
    const hint = reader.log.wants("unknown-topic") ? suggestion(context, "topic", id, () => ({ count: context.topics.size, names: context.topics.keys() })) : "";
    reader.report(row, column, "unknown-topic", "the id of a topic in topics", id, hint || undefined);
    return null;
  }
  return topic;
}

export function periodRef(reader: TableReader, row: RawRow, column: string, context: Context, required: boolean): string | undefined | null {
  const id = reader.text(row, column, required);
  if (id === undefined) return required ? null : undefined;
  if (context.declaredPeriodIds !== undefined && !context.declaredPeriodIds.has(id)) {
    const hint = reader.log.wants("unknown-period") ? suggestion(context, "period", id, () => ({ count: context.declaredPeriodIds?.size ?? 0, names: context.declaredPeriodIds ?? [] })) : "";
    reader.report(row, column, "unknown-period", "a period declared in periods", id, hint || undefined);
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
  reader.report(
    row,
    "topic",
    "kind-mismatch",
    `a topic that applies to ${institution.id}'s kind "${institution.kind}" (topic ${topic.id} applies to ${topic.kinds.join(", ")})`,
    topic.id,
  );
  return false;
}
