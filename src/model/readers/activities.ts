/** activities: type, from and to (directed) or participants (a group event), topic, date, count. */
import { firstFive } from "../../core/display.js";
import { nearest } from "../../core/options.js";
import type { TableReader } from "../fields.js";
import { DEFAULT_CONTACT_WEIGHTS } from "../graphs.js";
import type { Activity } from "../types.js";
import { type Context, compare, didYouMean, institutionRef, rowsOf, topicRef } from "./common.js";

/** The two forms of an activity row. */
const EITHER_FORM = "from and to (a directed activity) or participants (a group event)";

const given = (value: unknown): boolean => value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "");

export function readActivities(reader: TableReader | undefined, context: Context): Activity[] {
  const activities: Activity[] = [];
  if (!reader) return activities;
  // A row repeating an earlier one in every field is kept (two sessions can be alike) but said:
  // pasted twice, it weighed its contact double without a word (new-user trial, stop 19).
  const seen = new Map<string, string>();
  const repeats: string[] = [];
  const misspelt = new Map<string, string | undefined>();
  const unlike: string[] = [];
  for (const row of rowsOf(reader)) {
    const id = reader.text(row, "id", false);
    const type = reader.text(row, "type", true);
    const fromGiven = given(row.get("from"));
    const toGiven = given(row.get("to"));
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
        reader.report(row, "participants", "invalid-value", `either ${EITHER_FORM}, not both`, list.join(";"));
        ok = false;
      }
      const unique = new Set<string>();
      for (const participant of list) {
        if (!context.institutions.has(participant)) {
          if (context.institutionsRead && !context.institutionsRefused.has(participant)) reader.report(row, "participants", "unknown-institution", "ids of institutions in institutions", participant, didYouMean(reader, "unknown-institution", context, participant, context.institutions));
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
      reader.report(row, "from", "empty-value", EITHER_FORM, undefined);
      ok = false;
    }
    if (from && to && from.id === to.id) {
      reader.report(row, "to", "self-partnership", "an institution other than the one in from", to.id);
      ok = false;
    }
    if (!ok || type === undefined) continue;
    // A type spelled unlike the contact types ("Exchange visit") weighs as other, 1, not 3: said,
    // with the type meant (new-user trial). Types of one's own, far from every default, are not.
    if (!Object.hasOwn(DEFAULT_CONTACT_WEIGHTS, type) && !misspelt.has(type)) {
      const near = nearest(type, Object.keys(DEFAULT_CONTACT_WEIGHTS));
      misspelt.set(type, near);
      if (near !== undefined) unlike.push(`"${type}" (${reader.at(row)}; did you mean ${near}?)`);
    }
    const key = JSON.stringify([id, type, from?.id, to?.id, participants, topic?.id, date, count]);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, reader.at(row));
    else repeats.push(`${reader.at(row)} repeats ${first}`);
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
  // One note, five types named (hundreds of types near "coaching" gave a warning each; review).
  if (unlike.length > 0) context.warnings.push(`${reader.table.file}: ${unlike.length} activity type(s) weigh as other (1) unless weights name them: ${firstFive(unlike)}`);
  if (repeats.length > 0) {
    context.warnings.push(`${reader.table.file}: ${repeats.length} row(s) repeat an earlier row in every field (${repeats.slice(0, 3).join(", ")}${repeats.length > 3 ? ", ..." : ""}); each is counted, so its contact weighs more; for one activity held several times, give count instead`);
  }
  return activities;
}
