/** partnerships: mentor, mentee, topic, period (existing or planned twinning pairs). */
import type { TableReader } from "../fields.js";
import type { RawRow } from "../table.js";
import type { Partnership } from "../types.js";
import { type Context, firstSeen, institutionRef, periodRef, rowsOf, topicRef } from "./common.js";

export function readPartnerships(reader: TableReader | undefined, context: Context): Partnership[] {
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
