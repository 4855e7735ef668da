/** interests: institution, topic, priority ("this institution chose to work on this topic"). */
import type { TableReader } from "../fields.js";
import type { RawRow } from "../table.js";
import type { Interest } from "../types.js";
import { type Context, checkKind, firstSeen, institutionRef, rowsOf, topicRef } from "./common.js";

export function readInterests(reader: TableReader | undefined, context: Context): Interest[] {
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
