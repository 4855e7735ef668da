/**
 * scores: institution, topic, period, value. From a DHIS2 export (table.dhis2 set) the
 * institution and topic fields hold DHIS2 ids, mapped through the `dhis2` columns of institutions
 * and topics (by id or by the export's name for the id), else matched to an institution's or
 * topic's own id.
 */
import { PERCENT_SIGN, type TableReader } from "../fields.js";
import type { RawRow } from "../table.js";
import type { Institution, Score, Topic } from "../types.js";
import { type Context, checkKind, didYouMean, firstSeen, institutionRef, periodRef, rowsOf, topicRef } from "./common.js";

/** DHIS2 id or name -> entity, from the `dhis2` column. */
function dhis2Index<T extends { id: string; dhis2?: string }>(entities: Map<string, T>): Map<string, T> {
  const index = new Map<string, T>();
  for (const entity of entities.values()) if (entity.dhis2 !== undefined) index.set(entity.dhis2, entity);
  return index;
}

function dhis2Ref<T extends { id: string; dhis2?: string }>(
  reader: TableReader,
  row: RawRow,
  column: string,
  context: Context,
  entities: Map<string, T>,
  index: Map<string, T>,
  names: ReadonlyMap<string, string>,
  code: "unknown-institution" | "unknown-topic",
  what: string,
): T | null {
  const id = reader.text(row, column, true);
  if (id === undefined) return null;
  const name = names.get(id);
  const found = index.get(id) ?? (name !== undefined ? index.get(name) : undefined) ?? entities.get(id);
  if (found !== undefined) return found;
  // The table could not be read (every row would fail), or the institution row mapping this org
  // unit was refused: its row's issue says why, as for plain ids (no did-you-mean pointing elsewhere).
  const refused = code === "unknown-institution" ? (key: string) => context.institutionsRefused.has(key) || context.orgUnitsRefused.has(key) : () => false;
  if (entities.size === 0 || refused(id) || (name !== undefined && refused(name))) return null;
  // Near the export's id, else its name, among what it may match: ids and dhis2 values. Cached
  // apart from plain ids' suggestions, which other tables draw from ids alone.
  const known = {
    size: entities.size + index.size,
    *keys() {
      yield* entities.keys();
      yield* index.keys();
    },
  };
  const near = didYouMean(reader, code, context, id, known, `dhis2 ${code}`) ?? (name === undefined ? undefined : didYouMean(reader, code, context, name, known, `dhis2 ${code}`));
  const named = name === undefined ? undefined : `named ${JSON.stringify(name)} in the export`;
  reader.report(row, column, code, `a DHIS2 ${what} named in the dhis2 column of ${code === "unknown-institution" ? "institutions" : "topics"} (by id or name)`, id, named && near ? `${named}; ${near}` : (named ?? near));
  return null;
}

/** Percentage points from a fraction (0.721 -> 72.1, not 72.10000000000001). */
const percentagePoints = (fraction: number): number => Number((fraction * 100).toPrecision(15));

/** The warnings saying how the cells formatted as percent were read. */
function percentNotes(file: string, toPoints: ReadonlyMap<string, number>, keptFractions: ReadonlyMap<string, number>, warnings: string[], signed = false): void {
  const describe = (counts: ReadonlyMap<string, number>) => {
    let total = 0;
    for (const count of counts.values()) total += count;
    const topics = [...counts.keys()].map((id) => JSON.stringify(id)).join(", ");
    return `${total} value cell${total === 1 ? "" : "s"} ${signed ? "written with a percent sign" : "formatted as percent"} (topic${counts.size === 1 ? "" : "s"} ${topics})`;
  };
  const points = signed ? '"72.1%" is read as 72.1' : "a cell showing 72.1% holds 0.721 and is read as 72.1";
  if (toPoints.size > 0) warnings.push(`${file}: ${describe(toPoints)} read as percentage points: ${points}`);
  if (keptFractions.size > 0) warnings.push(`${file}: ${describe(keptFractions)} ${signed ? "read" : "kept"} as fractions (72.1% read as 0.721): the topic's max is at most 1, a proportion`);
}

export function readScores(reader: TableReader | undefined, context: Context): Score[] {
  const scores: Score[] = [];
  if (!reader) return scores;
  const dhis2 = reader.table.dhis2;
  const institutionsByDhis2 = dhis2 ? dhis2Index(context.institutions) : undefined;
  const topicsByDhis2 = dhis2 ? dhis2Index(context.topics) : undefined;
  const seen = new Map<number, RawRow>();
  const periodNumbers = new Map<string, number>();
  const percentLines = reader.table.percentLines;
  const toPoints = new Map<string, number>();
  const keptFractions = new Map<string, number>();
  const signedPoints = new Map<string, number>();
  const signedFractions = new Map<string, number>();
  for (const row of rowsOf(reader)) {
    let institution: Institution | null | undefined;
    let topic: Topic | null | undefined;
    if (dhis2 && institutionsByDhis2 && topicsByDhis2) {
      institution = dhis2Ref(reader, row, "institution", context, context.institutions, institutionsByDhis2, dhis2.names, "unknown-institution", "organisation unit");
      topic = dhis2Ref(reader, row, "topic", context, context.topics, topicsByDhis2, dhis2.names, "unknown-topic", "data element or indicator");
    } else {
      institution = institutionRef(reader, row, "institution", context, true);
      topic = topicRef(reader, row, "topic", context, true);
    }
    const period = periodRef(reader, row, "period", context, true);
    // By topic for the thousands check: one topic's decimals (0.5) hid another's "1.250" beside "2400" (review).
    // "72.1%" as text (a percent-formatted cell saved as CSV) reads as the sheet's own cell does below.
    const raw = row.get("value");
    const signed = typeof raw === "string" && PERCENT_SIGN.test(raw);
    let value = reader.number(row, "value", true, topic?.id, signed);
    let converted = false;
    if (signed && value !== undefined && topic) {
      const proportion = topic.max !== undefined && topic.max <= 1;
      const counts = proportion ? signedFractions : signedPoints;
      counts.set(topic.id, (counts.get(topic.id) ?? 0) + 1);
      if (proportion) value = Number((value / 100).toPrecision(15));
    }
    if (!signed && value !== undefined && topic && percentLines !== undefined && row.line !== undefined && percentLines.has(row.line)) {
      // An Excel cell formatted as percent holds a fraction (72.1% is 0.721): percentage points,
      // unless the topic's scale is a proportion (max at most 1).
      const proportion = topic.max !== undefined && topic.max <= 1;
      const counts = proportion ? keptFractions : toPoints;
      counts.set(topic.id, (counts.get(topic.id) ?? 0) + 1);
      if (!proportion) {
        value = percentagePoints(value);
        converted = true;
      }
    }
    if (value !== undefined && topic) {
      const below = topic.min !== undefined && value < topic.min;
      const above = topic.max !== undefined && value > topic.max;
      if (below || above) {
        reader.report(row, "value", "out-of-range", `a value from ${topic.min ?? "-infinity"} to ${topic.max ?? "infinity"} (topic ${topic.id})`, converted ? value : row.get("value"), converted ? "a cell formatted as percent, read as percentage points" : undefined);
        continue;
      }
    }
    if (!institution || !topic) continue;
    // The kind is checked whatever the value: the mismatches came only once the decimal commas were
    // fixed, a second wave of errors (new-user trial).
    if (!checkKind(reader, row, institution, topic) || !period || value === undefined) continue;
    // A small-integer key (pair of institution and topic, period number): V8 hashes those fast,
    // and no string is built per row for 1,000,000 rows. Wider networks fall back to a float key.
    let periodNumber = periodNumbers.get(period);
    if (periodNumber === undefined) {
      periodNumber = periodNumbers.size;
      periodNumbers.set(period, periodNumber);
    }
    const pair = (context.institutionIndex.get(institution.id) as number) * context.topics.size + (context.topicIndex.get(topic.id) as number);
    const key = periodNumber < 1024 && pair < 1_048_576 ? pair * 1024 + periodNumber : -(pair * 1e6 + periodNumber) - 1;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, row);
    else {
      const found = institution;
      const what = () => `score per institution, topic and period (${found.id}, ${(topic as Topic).id}, ${period})`;
      firstSeen(reader, seen, key, row, undefined, what, undefined, "duplicate-row");
      continue;
    }
    scores.push({ institution: institution.id, topic: topic.id, period, value });
  }
  percentNotes(reader.table.file, toPoints, keptFractions, context.warnings);
  percentNotes(reader.table.file, signedPoints, signedFractions, context.warnings, true);
  return scores;
}
