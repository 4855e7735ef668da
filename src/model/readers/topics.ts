/** topics: id, name, kinds, higherIsBetter, unit, min, max, dhis2 (the DHIS2 data element or indicator). */
import { firstFive } from "../../core/display.js";
import type { TableReader } from "../fields.js";
import type { RawRow } from "../table.js";
import type { Topic } from "../types.js";
import { compare, firstSeen, rowsOf, warnCaseTwins } from "./common.js";

export function readTopics(reader: TableReader | undefined, warnings: string[] = []): Map<string, Topic> {
  const result = new Map<string, Topic>();
  if (!reader) return result;
  /** Topics whose higherIsBetter cell is empty, and whether some other topic fills it. */
  const unsaid: string[] = [];
  let said = false;
  const seen = new Map<string, RawRow>();
  for (const row of rowsOf(reader)) {
    const id = reader.text(row, "id", true);
    const name = reader.text(row, "name", false);
    const kinds = reader.list(row, "kinds");
    const higherIsBetter = reader.boolean(row, "higherIsBetter");
    const unit = reader.text(row, "unit", false);
    const min = reader.number(row, "min", false);
    const max = reader.number(row, "max", false);
    const dhis2 = reader.text(row, "dhis2", false);
    if (min !== undefined && max !== undefined && min > max) {
      reader.report(row, "max", "invalid-range", `a maximum of at least the minimum ${min}`, row.get("max"));
    }
    if (id === undefined) continue;
    if (!firstSeen(reader, seen, id, row, "id", "topic id", id, "duplicate-id")) continue;
    if (higherIsBetter === undefined) unsaid.push(id);
    else said = true;
    result.set(id, {
      id,
      name: name ?? id,
      ...(kinds !== undefined ? { kinds: [...new Set(kinds)].sort(compare) } : {}),
      higherIsBetter: higherIsBetter ?? true,
      ...(unit !== undefined ? { unit } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(dhis2 !== undefined ? { dhis2 } : {}),
    });
  }
  warnCaseTwins(reader, seen, "topic", warnings);
  // An empty cell where other topics give a direction is more likely forgotten than meant: on a
  // lower-is-better topic (stunting) the default would flip every sign (new-user trial).
  if (said && unsaid.length > 0) warnings.push(`${reader.table.file}: higherIsBetter is empty for ${firstFive(unsaid)}, read as true (higher is better) while other topics give it; fill it in where lower is better`);
  return result;
}
