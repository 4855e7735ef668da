/**
 * Validation of a whole network: one reader per table (readers/), every cross-reference checked,
 * every problem collected (capped per code, see issueLog.ts) before anything is thrown. The result
 * is canonical: entities are sorted by their keys, so the same rows in any order make the same
 * network.
 */
import { firstFive } from "../core/display.js";
import type { InputIssue } from "../core/errors.js";
import { quoteVisibly, type ReadingOptions } from "./fields.js";
import { IssueLog } from "./issueLog.js";
import { readActivities } from "./readers/activities.js";
import { type Context, compare, openTable, rowsOf } from "./readers/common.js";
import { readInstitutions } from "./readers/institutions.js";
import { readInterests } from "./readers/interests.js";
import { readPartnerships } from "./readers/partnerships.js";
import { orderPeriods, readPeriods, startOf } from "./readers/periods.js";
import { partOfYearStart } from "./dhis2Periods.js";
import { readScores } from "./readers/scores.js";
import { readTopics } from "./readers/topics.js";
import { KNOWN_COLUMNS, type RawTable, type TableName } from "./table.js";
import type { Activity, NetworkJSON, Period, Score } from "./types.js";

/** Raw tables by name, as read from files or objects. */
export type Tables = Partial<Record<TableName, RawTable>>;

export interface ValidationResult {
  data: NetworkJSON;
  issues: InputIssue[];
  warnings: string[];
}

/** Compares tuples of strings and numbers, field by field (code-unit order, never locale). */
function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] ?? "";
    const y = b[i] ?? "";
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return compare(String(x), String(y));
  }
  return 0;
}

/**
 * Validates every table and returns the canonical data with all the issues found and the
 * warnings for `network.warnings`.
 */
export function validateTables(tables: Tables, log: IssueLog = new IssueLog(), options: ReadingOptions = { decimal: "." }, warnings: string[] = []): ValidationResult {
  const open = (name: TableName) => openTable(tables[name], name, log, options, warnings);
  const readers = new Map((Object.keys(KNOWN_COLUMNS) as TableName[]).map((name) => [name, open(name)] as const));

  const refused = new Set<string>();
  const refusedOrgUnits = new Set<string>();
  const institutions = readInstitutions(readers.get("institutions"), warnings, refused, refusedOrgUnits);
  const topics = readTopics(readers.get("topics"), warnings);
  const declared = readPeriods(readers.get("periods"), warnings);
  const context: Context = {
    institutions,
    topics,
    institutionIndex: new Map([...institutions.keys()].map((id, index) => [id, index])),
    topicIndex: new Map([...topics.keys()].map((id, index) => [id, index])),
    declaredPeriods: declared,
    declaredPeriodIds: declared === undefined ? undefined : new Set(declared.map((period) => period.id)),
    warnings,
    // None read (a file without its id or kind column, say): every reference elsewhere would be
    // one more issue after the one that says why (new-user trial: a French header ID;Nom;Type).
    institutionsRead: institutions.size > 0,
    institutionsRefused: refused,
    orgUnitsRefused: refusedOrgUnits,
    topicsRead: topics.size > 0,
    suggestions: new Map(),
    suggestionsCompared: 0,
    periodFirstSeen: new Map(),
  };
  const scores = readScores(readers.get("scores"), context);
  const interests = readInterests(readers.get("interests"), context);
  const partnerships = readPartnerships(readers.get("partnerships"), context);
  const activities = readActivities(readers.get("activities"), context);
  for (const reader of readers.values()) reader?.finish(warnings);

  function* usedPeriods(): Generator<string> {
    for (const score of scores) yield score.period;
    for (const partnership of partnerships) if (partnership.period !== undefined) yield partnership.period;
  }
  const sources = [tables.scores?.file, partnerships.some((p) => p.period !== undefined) ? tables.partnerships?.file : undefined].filter((file) => file !== undefined).join(" and ");
  // Issues about period labels point at the row where the label first appears.
  const firstUse = (label: string) => {
    const first = context.periodFirstSeen.get(label);
    return first === undefined ? undefined : first.reader.location(first.row, "period");
  };
  const quoteWhere = (labels: string[]) =>
    firstFive(labels, (label) => {
      const first = context.periodFirstSeen.get(label);
      return `${quoteVisibly(label)}${first ? ` (first in ${first.reader.table.file} ${first.reader.at(first.row)})` : ""}`;
    });
  const labelIssue = (label: string, expected: string, sentence: string) => {
    const { text, ...where } = firstUse(label) ?? { text: sources || "scores", file: sources || "scores", column: "period" };
    log.add({ code: "invalid-value", ...where, value: label, expected, message: `${text}: ${sentence}` });
  };
  const periods = orderPeriods(
    declared,
    usedPeriods(),
    sources || "scores",
    warnings,
    (undated, dated) => {
      labelIssue(
        undated[0] as string,
        "a date or a DHIS2 period id, like the other periods",
        `period ${quoteWhere(undated)} is neither an ISO date nor a DHIS2 period id or name nor a quarter label, while ${firstFive(dated, quoteVisibly)} are; the time order would be guessed from first appearance. Correct the id, or declare every period with its date in periods.csv`,
      );
    },
    (all, start) => {
      // Among score periods the order decides every estimate: an issue. A partnership's period
      // (a year, say) starting with a score period (its first quarter) is a warning.
      const labels = all.filter((label) => context.periodFirstSeen.get(label)?.reader.table.name === "scores");
      if (labels.length < 2) {
        warnings.push(`periods ${quoteWhere(all)} start on the same day, ${start}; they are ordered by their ids (${[...all].sort(compare).map((label) => JSON.stringify(label)).join(" before ")}). Declare the periods in periods.csv if that is not their order`);
        return;
      }
      // "Q3 2022" beside "q3 2022" is one quarter written two ways, not two types (new-user trial).
      // So is "Q3 2022" beside "2022Q3" or "T3 2022" (trimestre): quarter and half-year labels of one
      // letter (Q and T alike) starting on one day are one period (review), and "Qtr1 2022" too:
      // two such labels starting on one day are both quarters (Q or T) or both half-years (H only).
      const key = (label: string) => (partOfYearStart(label) === undefined ? label.toLowerCase().replace(/[\s-]/g, "") : /[QT]/i.test(label));
      const why = labels.every((label) => key(label) === key(labels[0] as string))
        ? "one period written in several ways?); write it one way"
        : "periods of different types, such as a quarter and a month?); their time order cannot be told from their ids. Use one period type, or declare the periods in their order in periods.csv";
      labelIssue(labels[1] as string, "periods that start on different days", `periods ${quoteWhere(labels)} ${labels.length === 2 ? "both" : "all"} start on ${start} (${why}`);
    },
  );
  // Declared periods whose labels are dates (2022Q1, "Juin 2022") against the labels' own time
  // order: a periods.csv listed newest-first reversed every estimate and made the oldest scores
  // the plan's "latest", without a word (new-user review). Its dates, when given, decide the order;
  // dates that contradict the labels are the same mistake.
  const periodsReader = readers.get("periods");
  // Quarter labels too ("Q3 2022" listed before "Q1 2022" loaded reversed without a word; review).
  const starts = periods.map((period) => startOf(period.id) ?? partOfYearStart(period.id));
  const reversed = declared === undefined || starts.some((start) => start === undefined) ? -1 : starts.findIndex((start, i) => i > 0 && (start as string) < (starts[i - 1] as string));
  if (periodsReader !== undefined && reversed > 0) {
    const [earlier, later] = [periods[reversed - 1], periods[reversed]] as [Period, Period];
    const row = rowsOf(periodsReader).find((candidate) => candidate.get("id")?.toString().trim() === later.id);
    const { text, ...where } = periodsReader.location(row, "id");
    log.add({
      code: "invalid-value",
      ...where,
      value: later.id,
      expected: "periods in the time order of their labels",
      message: `${text}: period ${JSON.stringify(later.id)} starts on ${starts[reversed]}, before ${JSON.stringify(earlier.id)} (${starts[reversed - 1]}), yet comes after it; list the periods oldest first, with dates that agree`,
    });
  }
  // A percent indicator whose every value lies in [0, 1] was most likely read as fractions (an
  // Excel cell formatted as 62.0% holds 0.62): every gap and effect would be 100 times too small.
  // One such value among percentages reverses gaps and effects without a word (new-user review:
  // +4.20 pp became -6.00 pp): values in (0, 1] where the topic's median is 20 or more are named.
  const percentScores = new Map<string, Score[]>();
  for (const topic of topics.values()) if (topic.unit === "%" && (topic.max === undefined || topic.max > 1)) percentScores.set(topic.id, []);
  for (const score of scores) percentScores.get(score.topic)?.push(score);
  for (const [id, list] of percentScores) {
    const values = list.map((score) => score.value).sort((a, b) => a - b);
    const largest = values.at(-1) ?? 0;
    if (values.length >= 3 && (values[0] as number) >= 0 && largest <= 1 && largest > 0) {
      warnings.push(`topic ${JSON.stringify(id)} is in % but all ${values.length} of its scores lie between 0 and 1: were they read as fractions (an Excel cell formatted as 62.0% holds 0.62)? Multiply by 100, or say unit "proportion"`);
    }
    const median = values[values.length >> 1] ?? 0;
    const odd = list.filter((score) => score.value > 0 && score.value <= 1);
    const first = odd[0];
    if (median >= 20 && first !== undefined) {
      warnings.push(`topic ${JSON.stringify(id)} is in % with a median of ${median}, but ${odd.length} of its scores lie between 0 and 1, such as ${first.institution} in ${first.period}: ${first.value}; read as a fraction (a cell formatted as %)? Multiply by 100 if so`);
    }
  }

  const periodIndex = new Map(periods.map((period, index) => [period.id, index]));
  const position = (period: string | undefined) => (period === undefined ? -1 : (periodIndex.get(period) ?? -1));
  const data: NetworkJSON = {
    institutions: sortBy([...institutions.values()], (a) => [a.id]),
    topics: sortBy([...topics.values()], (a) => [a.id]),
    periods,
    scores: sortScores(scores, institutions.keys(), topics.keys(), periodIndex),
    interests: sortBy(interests, (a) => [a.institution, a.topic]),
    partnerships: sortBy(partnerships, (a) => [a.mentor, a.mentee, a.topic ?? "", position(a.period)]),
    activities: sortBy(activities, activityKey),
  };
  return { data, issues: log.issues(), warnings };
}

/**
 * Scores sorted by institution id, topic id and period order. With ranks of the ids, each score
 * gets one number (its key times n plus its index) and a Float64Array's native sort orders a
 * million of them without a comparator call or an object per score; keys too large for exact
 * doubles fall back to {@link sortBy}.
 */
function sortScores(scores: Score[], institutionIds: Iterable<string>, topicIds: Iterable<string>, periodIndex: ReadonlyMap<string, number>): Score[] {
  const rank = (ids: Iterable<string>) => new Map([...ids].sort(compare).map((id, index) => [id, index]));
  const institutionRank = rank(institutionIds);
  const topicRank = rank(topicIds);
  const periods = periodIndex.size + 1;
  const n = scores.length;
  const largest = institutionRank.size * topicRank.size * periods;
  if (largest * n >= 2 ** 53) {
    return sortBy(scores, (a) => [a.institution, a.topic, periodIndex.get(a.period) ?? -1]);
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const score = scores[i] as Score;
    const key = ((institutionRank.get(score.institution) as number) * topicRank.size + (topicRank.get(score.topic) as number)) * periods + ((periodIndex.get(score.period) ?? -1) + 1);
    keys[i] = key * n + i;
  }
  keys.sort();
  const sorted = new Array<Score>(n);
  for (let i = 0; i < n; i++) sorted[i] = scores[(keys[i] as number) % n] as Score;
  return sorted;
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
