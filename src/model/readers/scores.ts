/**
 * scores: institution, topic, period, value. From a DHIS2 export (table.dhis2 set) the
 * institution and topic fields hold DHIS2 ids, mapped through the `dhis2` columns of institutions
 * and topics (by id or by the export's name for the id), else matched to an institution's or
 * topic's own id.
 */
import type { TableReader } from "../fields.js";
import type { RawRow } from "../table.js";
import type { Institution, Score, Topic } from "../types.js";
import { type Context, checkKind, firstSeen, institutionRef, periodRef, rowsOf, topicRef } from "./common.js";

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
  if (entities.size === 0) return null; // the table could not be read: every row would fail
  reader.report(row, column, code, `a DHIS2 ${what} named in the dhis2 column of ${code === "unknown-institution" ? "institutions" : "topics"} (by id or name)`, id, name !== undefined ? `named ${JSON.stringify(name)} in the export` : undefined);
  return null;
}

export function readScores(reader: TableReader | undefined, context: Context): Score[] {
  const scores: Score[] = [];
  if (!reader) return scores;
  const dhis2 = reader.table.dhis2;
  const institutionsByDhis2 = dhis2 ? dhis2Index(context.institutions) : undefined;
  const topicsByDhis2 = dhis2 ? dhis2Index(context.topics) : undefined;
  const seen = new Map<number, RawRow>();
  const periodNumbers = new Map<string, number>();
  for (const row of rowsOf(reader)) {
    let institution: Institution | null | undefined;
    let topic: Topic | null | undefined;
    if (dhis2 && institutionsByDhis2 && topicsByDhis2) {
      institution = dhis2Ref(reader, row, "institution", context.institutions, institutionsByDhis2, dhis2.names, "unknown-institution", "organisation unit");
      topic = dhis2Ref(reader, row, "topic", context.topics, topicsByDhis2, dhis2.names, "unknown-topic", "data element or indicator");
    } else {
      institution = institutionRef(reader, row, "institution", context, true);
      topic = topicRef(reader, row, "topic", context, true);
    }
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
  return scores;
}
