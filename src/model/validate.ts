/**
 * Validation of a whole network: every table, every cross-reference, every problem collected
 * before anything is thrown. The result is canonical: entities are sorted by their keys, so the
 * same rows in any order make the same network.
 */
import type { InputIssue } from "../core/errors.js";
import { TableReader, dateKey, isIsoDate, looksLikeDate } from "./fields.js";
import { KNOWN_COLUMNS, type RawRow, type RawTable, type TableName } from "./table.js";
import type { Activity, AttributeValue, Institution, Interest, NetworkJSON, Partnership, Period, Score, Topic } from "./types.js";

/** Raw tables by name, as read from files or objects. */
export type Tables = Partial<Record<TableName, RawTable>>;

export interface ValidationResult {
  data: NetworkJSON;
  issues: InputIssue[];
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Compares tuples of strings and numbers, field by field (code-unit order, never locale). */
function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? "";
    const y = b[i] ?? "";
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return compare(String(x), String(y));
  }
  return 0;
}

function readerFor(table: RawTable | undefined, name: TableName): TableReader | undefined {
  if (table === undefined) return undefined;
  const reader = new TableReader(table);
  const known = KNOWN_COLUMNS[name];
  if (table.columns) {
    for (const column of known.required) {
      if (!table.columns.has(column)) {
        reader.markAbsent(column);
        reader.report(undefined, column, "missing-column", `a column "${column}" (required: ${known.required.join(", ")})`, undefined, "the header has no such column");
        const issue = reader.issues[reader.issues.length - 1];
        if (issue) issue.line = 1;
      }
    }
  }
  if (name !== "institutions") {
    const allowed = new Set([...known.required, ...known.optional]);
    const reported = new Set<string>();
    const check = (column: string, row: RawRow | undefined) => {
      if (allowed.has(column) || reported.has(column)) return;
      reported.add(column);
      reader.report(row, column, "unknown-column", `one of the columns ${[...allowed].join(", ")}`, column);
    };
    if (table.columns) for (const column of table.columns.keys()) check(column, undefined);
    else for (const row of table.rows) for (const column of row.columns()) check(column, row);
  }
  for (const row of table.rows) {
    if (row.invalid !== undefined) reader.report(row, undefined, "invalid-value", "an object with named fields", row.invalid.value);
  }
  return reader;
}

const rowsOf = (reader: TableReader | undefined): readonly RawRow[] =>
  reader ? reader.table.rows.filter((row) => row.invalid === undefined) : [];

/** Validates every table and returns the canonical data with all the issues found. */
export function validateTables(tables: Tables): ValidationResult {
  const issues: InputIssue[] = [];
  const readers = new Map<TableName, TableReader>();
  for (const name of Object.keys(KNOWN_COLUMNS) as TableName[]) {
    const reader = readerFor(tables[name], name);
    if (reader) readers.set(name, reader);
  }

  const institutions = readInstitutions(readers.get("institutions"));
  const topics = readTopics(readers.get("topics"));
  const declared = readPeriods(readers.get("periods"));
  const context: Context = {
    institutions,
    topics,
    institutionIndex: new Map([...institutions.keys()].map((id, index) => [id, index])),
    topicIndex: new Map([...topics.keys()].map((id, index) => [id, index])),
    declaredPeriods: declared,
  };
  const scores = readScores(readers.get("scores"), context);
  const interests = readInterests(readers.get("interests"), context);
  const partnerships = readPartnerships(readers.get("partnerships"), context);
  const activities = readActivities(readers.get("activities"), context);
  const periods = orderPeriods(declared, [...scores.map((s) => s.period), ...partnerships.flatMap((p) => (p.period === undefined ? [] : [p.period]))]);

  for (const reader of readers.values()) issues.push(...reader.issues);

  const periodIndex = new Map(periods.map((period, index) => [period.id, index]));
  const position = (period: string | undefined) => (period === undefined ? -1 : (periodIndex.get(period) ?? -1));
  const data: NetworkJSON = {
    institutions: sortBy([...institutions.values()], (a) => [a.id]),
    topics: sortBy([...topics.values()], (a) => [a.id]),
    periods,
    scores: sortBy(scores, (a) => [a.institution, a.topic, position(a.period)]),
    interests: sortBy(interests, (a) => [a.institution, a.topic]),
    partnerships: sortBy(partnerships, (a) => [a.mentor, a.mentee, a.topic ?? "", position(a.period)]),
    activities: sortBy(activities, activityKey),
  };
  return { data, issues };
}

/** Sorts by a key computed once per item (not once per comparison). */
function sortBy<T>(items: T[], key: (item: T) => (string | number)[]): T[] {
  return items
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ item }) => item);
}

const activityKey = (a: Activity): (string | number)[] => [
  a.date ?? "",
  a.type,
  a.from ?? "",
  a.to ?? "",
  (a.participants ?? []).join("\u0000"),
  a.topic ?? "",
  a.id ?? "",
  a.count,
];

interface Context {
  institutions: Map<string, Institution>;
  topics: Map<string, Topic>;
  institutionIndex: Map<string, number>;
  topicIndex: Map<string, number>;
  declaredPeriods: Period[] | undefined;
}

/** Reports a second row with an already-seen key, naming where the first one was. */
function firstSeen<K>(reader: TableReader, seen: Map<K, RawRow>, key: K, row: RawRow, column: string | undefined, what: string | (() => string), value: unknown, code: "duplicate-id" | "duplicate-row"): boolean {
  const first = seen.get(key);
  if (first === undefined) {
    seen.set(key, row);
    return true;
  }
  const where = first.line !== undefined ? `line ${first.line}` : `row ${first.row}`;
  reader.report(row, column, code, `a unique ${typeof what === "function" ? what() : what}`, value, `already given at ${where}`);
  return false;
}

function readInstitutions(reader: TableReader | undefined): Map<string, Institution> {
  const result = new Map<string, Institution>();
  if (!reader) return result;
  const standard = new Set(["id", "kind", "name", "group"]);
  const rows = rowsOf(reader);
  // An attribute column is numeric when every non-empty value in it is a number.
  const attributeColumns = new Set<string>();
  for (const row of rows) for (const column of row.columns()) if (!standard.has(column)) attributeColumns.add(column);
  const numeric = new Map<string, boolean>();
  for (const column of attributeColumns) {
    numeric.set(column, rows.every((row) => {
      const value = row.get(column);
      return value === undefined || value === null || value === "" || TableReader.isNumeric(value);
    }));
  }
  const seen = new Map<string, RawRow>();
  for (const row of rows) {
    const id = reader.text(row, "id", true);
    const kind = reader.text(row, "kind", true);
    const name = reader.text(row, "name", false);
    const group = reader.text(row, "group", false);
    const entries: [string, AttributeValue][] = [];
    for (const column of [...attributeColumns].sort(compare)) {
      const value = reader.attribute(row, column);
      if (value === undefined) continue;
      entries.push([column, numeric.get(column) ? Number(typeof value === "string" ? value.trim() : value) : String(value)]);
    }
    // Object.fromEntries defines own properties, so a column named "__proto__" is kept as data.
    const attributes: Record<string, AttributeValue> = Object.fromEntries(entries);
    if (id === undefined || kind === undefined) continue;
    if (!firstSeen(reader, seen, id, row, "id", "institution id", id, "duplicate-id")) continue;
    result.set(id, { id, name: name ?? id, kind, ...(group !== undefined ? { group } : {}), attributes });
  }
  return result;
}

function readTopics(reader: TableReader | undefined): Map<string, Topic> {
  const result = new Map<string, Topic>();
  if (!reader) return result;
  const seen = new Map<string, RawRow>();
  for (const row of rowsOf(reader)) {
    const id = reader.text(row, "id", true);
    const name = reader.text(row, "name", false);
    const kinds = reader.list(row, "kinds");
    const higherIsBetter = reader.boolean(row, "higherIsBetter");
    const unit = reader.text(row, "unit", false);
    const min = reader.number(row, "min", false);
    const max = reader.number(row, "max", false);
    if (min !== undefined && max !== undefined && min > max) {
      reader.report(row, "max", "invalid-range", `a maximum of at least the minimum ${min}`, row.get("max"));
    }
    if (id === undefined) continue;
    if (!firstSeen(reader, seen, id, row, "id", "topic id", id, "duplicate-id")) continue;
    result.set(id, {
      id,
      name: name ?? id,
      ...(kinds !== undefined ? { kinds: [...new Set(kinds)].sort(compare) } : {}),
      higherIsBetter: higherIsBetter ?? true,
      ...(unit !== undefined ? { unit } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
    });
  }
  return result;
}

function readPeriods(reader: TableReader | undefined): Period[] | undefined {
  if (!reader) return undefined;
  const periods: Period[] = [];
  const seen = new Map<string, RawRow>();
  for (const row of rowsOf(reader)) {
    const id = reader.text(row, "id", true);
    const date = reader.date(row, "date");
    if (id === undefined) continue;
    if (looksLikeDate(id) && !isIsoDate(id)) reader.report(row, "id", "malformed-date", "an ISO date such as 2022-03-15, or a label that is not date-like", id);
    if (!firstSeen(reader, seen, id, row, "id", "period id", id, "duplicate-id")) continue;
    periods.push({ id, ...(date !== undefined ? { date } : {}) });
  }
  return periods;
}

/**
 * Period order: declared periods by their dates when all have one, else as declared; undeclared
 * periods by date when every label is an ISO date, else in order of first appearance.
 */
function orderPeriods(declared: Period[] | undefined, used: readonly string[]): Period[] {
  if (declared !== undefined) {
    if (declared.length > 0 && declared.every((period) => period.date !== undefined)) {
      return declared
        .map((period, index) => ({ period, index }))
        .sort((a, b) => compare(dateKey(a.period.date ?? ""), dateKey(b.period.date ?? "")) || a.index - b.index)
        .map(({ period }) => period);
    }
    return declared;
  }
  const labels = [...new Set(used)];
  if (labels.length > 0 && labels.every(isIsoDate)) {
    labels.sort((a, b) => compare(dateKey(a), dateKey(b)) || compare(a, b));
  }
  return labels.map((id) => ({ id }));
}

/** Reads an institution reference and checks it exists. */
function institutionRef(reader: TableReader, row: RawRow, column: string, context: Context, required: boolean): Institution | undefined | null {
  const id = reader.text(row, column, required);
  if (id === undefined) return required ? null : undefined;
  const institution = context.institutions.get(id);
  if (institution === undefined) {
    reader.report(row, column, "unknown-institution", "the id of an institution in institutions", id);
    return null;
  }
  return institution;
}

function topicRef(reader: TableReader, row: RawRow, column: string, context: Context, required: boolean): Topic | undefined | null {
  const id = reader.text(row, column, required);
  if (id === undefined) return required ? null : undefined;
  const topic = context.topics.get(id);
  if (topic === undefined) {
    reader.report(row, column, "unknown-topic", "the id of a topic in topics", id);
    return null;
  }
  return topic;
}

function periodRef(reader: TableReader, row: RawRow, column: string, context: Context, required: boolean): string | undefined | null {
  const id = reader.text(row, column, required);
  if (id === undefined) return required ? null : undefined;
  if (context.declaredPeriods !== undefined && !context.declaredPeriods.some((period) => period.id === id)) {
    reader.report(row, column, "unknown-period", "a period declared in periods", id);
    return null;
  }
  if (looksLikeDate(id) && !isIsoDate(id)) {
    reader.report(row, column, "malformed-date", "an ISO date such as 2022-03-15, or a label that is not date-like", id);
    return null;
  }
  return id;
}

function checkKind(reader: TableReader, row: RawRow, institution: Institution, topic: Topic): boolean {
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

function readScores(reader: TableReader | undefined, context: Context): Score[] {
  const scores: Score[] = [];
  if (!reader) return scores;
  const seen = new Map<number, RawRow>();
  const periodNumbers = new Map<string, number>();
  for (const row of rowsOf(reader)) {
    const institution = institutionRef(reader, row, "institution", context, true);
    const topic = topicRef(reader, row, "topic", context, true);
    const period = periodRef(reader, row, "period", context, true);
    const value = reader.number(row, "value", true);
    if (value !== undefined && topic) {
      const below = topic.min !== undefined && value < topic.min;
      const above = topic.max !== undefined && value > topic.max;
      if (below || above) {
        reader.report(row, "value", "out-of-range", `a value from ${topic.min ?? "-infinity"} to ${topic.max ?? "infinity"} (topic ${topic.id})`, row.get("value"));
        continue;
      }
    }
    if (!institution || !topic || !period || value === undefined) continue;
    if (!checkKind(reader, row, institution, topic)) continue;
    // A numeric key (institution, topic, period indices): no string per row for 100,000 rows.
    let periodNumber = periodNumbers.get(period);
    if (periodNumber === undefined) {
      periodNumber = periodNumbers.size;
      periodNumbers.set(period, periodNumber);
    }
    const key = ((context.institutionIndex.get(institution.id) as number) * context.topics.size + (context.topicIndex.get(topic.id) as number)) * 1e6 + periodNumber;
    const what = () => `score per institution, topic and period (${institution.id}, ${topic.id}, ${period})`;
    if (!firstSeen(reader, seen, key, row, undefined, what, undefined, "duplicate-row")) continue;
    scores.push({ institution: institution.id, topic: topic.id, period, value });
  }
  return scores;
}

function readInterests(reader: TableReader | undefined, context: Context): Interest[] {
  const interests: Interest[] = [];
  if (!reader) return interests;
  const seen = new Map<string, RawRow>();
  for (const row of rowsOf(reader)) {
    const institution = institutionRef(reader, row, "institution", context, true);
    const topic = topicRef(reader, row, "topic", context, true);
    const priority = reader.positiveInteger(row, "priority");
    if (!institution || !topic) continue;
    if (!checkKind(reader, row, institution, topic)) continue;
    const key = `${institution.id}\u0000${topic.id}`;
    if (!firstSeen(reader, seen, key, row, undefined, () => `interest per institution and topic (${institution.id}, ${topic.id})`, undefined, "duplicate-row")) continue;
    interests.push({ institution: institution.id, topic: topic.id, ...(priority !== undefined ? { priority } : {}) });
  }
  return interests;
}

function readPartnerships(reader: TableReader | undefined, context: Context): Partnership[] {
  const partnerships: Partnership[] = [];
  if (!reader) return partnerships;
  const seen = new Map<string, RawRow>();
  for (const row of rowsOf(reader)) {
    const mentor = institutionRef(reader, row, "mentor", context, true);
    const mentee = institutionRef(reader, row, "mentee", context, true);
    const topic = topicRef(reader, row, "topic", context, false);
    const period = periodRef(reader, row, "period", context, false);
    if (mentor && mentee && mentor.id === mentee.id) {
      reader.report(row, "mentee", "self-partnership", "a mentee other than the mentor", mentee.id);
      continue;
    }
    if (!mentor || !mentee || topic === null || period === null) continue;
    const key = JSON.stringify([mentor.id, mentee.id, topic?.id ?? null, period ?? null]);
    if (!firstSeen(reader, seen, key, row, undefined, "partnership per mentor, mentee, topic and period", undefined, "duplicate-row")) continue;
    partnerships.push({
      mentor: mentor.id,
      mentee: mentee.id,
      ...(topic ? { topic: topic.id } : {}),
      ...(period !== undefined ? { period } : {}),
    });
  }
  return partnerships;
}

function readActivities(reader: TableReader | undefined, context: Context): Activity[] {
  const activities: Activity[] = [];
  if (!reader) return activities;
  for (const row of rowsOf(reader)) {
    const id = reader.text(row, "id", false);
    const type = reader.text(row, "type", true);
    const fromGiven = row.get("from") !== undefined && row.get("from") !== "";
    const toGiven = row.get("to") !== undefined && row.get("to") !== "";
    const from = institutionRef(reader, row, "from", context, toGiven);
    const to = institutionRef(reader, row, "to", context, fromGiven);
    const list = reader.list(row, "participants");
    const topic = topicRef(reader, row, "topic", context, false);
    const date = reader.date(row, "date");
    const count = reader.positiveInteger(row, "count");
    let ok = type !== undefined && from !== null && to !== null && topic !== null;
    let participants: string[] | undefined;
    if (list !== undefined) {
      if (fromGiven || toGiven) {
        reader.report(row, "participants", "invalid-value", "either from and to (a directed activity) or participants (a group event), not both", list.join(";"));
        ok = false;
      }
      const unique = new Set<string>();
      for (const participant of list) {
        if (!context.institutions.has(participant)) {
          reader.report(row, "participants", "unknown-institution", "ids of institutions in institutions", participant);
          ok = false;
        } else if (unique.has(participant)) {
          reader.report(row, "participants", "duplicate-row", "each participant once", participant);
          ok = false;
        }
        unique.add(participant);
      }
      if (unique.size < 2) {
        reader.report(row, "participants", "invalid-value", "at least two participants", list.join(";"));
        ok = false;
      }
      participants = [...unique].sort(compare);
    } else if (!fromGiven && !toGiven) {
      reader.report(row, "from", "empty-value", "from and to (a directed activity) or participants (a group event)", undefined);
      ok = false;
    }
    if (from && to && from.id === to.id) {
      reader.report(row, "to", "self-partnership", "an institution other than the one in from", to.id);
      ok = false;
    }
    if (!ok || type === undefined) continue;
    activities.push({
      ...(id !== undefined ? { id } : {}),
      type,
      ...(from ? { from: from.id } : {}),
      ...(to ? { to: to.id } : {}),
      ...(participants ? { participants } : {}),
      ...(topic ? { topic: topic.id } : {}),
      ...(date !== undefined ? { date } : {}),
      count: count ?? 1,
    });
  }
  return activities;
}
