/** topics: id, name, kinds, higherIsBetter, unit, min, max, dhis2 (the DHIS2 data element or indicator). */
import type { TableReader } from "../fields.js";
import type { RawRow } from "../table.js";
import type { Topic } from "../types.js";
import { compare, firstSeen, rowsOf } from "./common.js";

export function readTopics(reader: TableReader | undefined): Map<string, Topic> {
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
    const dhis2 = reader.text(row, "dhis2", false);
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
      ...(dhis2 !== undefined ? { dhis2 } : {}),
    });
  }
  return result;
}
