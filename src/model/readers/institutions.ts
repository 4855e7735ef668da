/**
 * institutions: id, kind, name, group (province, region), dhis2 (the DHIS2 organisation unit),
 * every other column an attribute. An attribute column is numeric when at least half of its
 * non-empty cells are numbers; then every other cell in it is an issue (never silently text).
 */
import { DECIMAL_COMMA_NUMBER, PERCENT_SIGN, PHONE_LIKE, quoteVisibly, SPACED_THOUSANDS, type TableReader, THOUSANDS, ungrouped, XML_SAFE } from "../fields.js";
import type { RawRow } from "../table.js";
import { forbiddenCharacter } from "../text.js";
import type { AttributeValue, Institution } from "../types.js";
import { compare, firstSeen, rowsOf, warnCaseTwins } from "./common.js";

const STANDARD = new Set(["id", "kind", "name", "group", "dhis2"]);

/**
 * `refused`: filled with the ids of rows refused (no kind), and `refusedOrgUnits` with their dhis2
 * values, so references to them are not "unknown" too (org units only where exports name them).
 */
export function readInstitutions(reader: TableReader | undefined, warnings: string[] = [], refused = new Set<string>(), refusedOrgUnits = new Set<string>()): Map<string, Institution> {
  const result = new Map<string, Institution>();
  if (!reader) return result;
  const rows = rowsOf(reader);
  const attributeColumns = new Set<string>();
  for (const row of rows) for (const column of row.columns()) if (!STANDARD.has(column)) attributeColumns.add(column);
  for (const column of attributeColumns) {
    const bad = forbiddenCharacter(column);
    if (bad !== undefined) {
      reader.report(undefined, column, "invalid-value", `a column name ${XML_SAFE}`, column, `it holds ${bad}`, 1);
      attributeColumns.delete(column);
    }
  }
  const numeric = new Map<string, boolean>();
  for (const column of attributeColumns) {
    let numbers = 0;
    let filled = 0;
    /** Cells like numbers grouped by spaces ("336 839"), and the first of them. */
    let spaced = 0;
    let firstSpaced: string | undefined;
    /** Numbers written with a leading + or 0, as phone numbers and codes are ("+250788100400"). */
    let coded = 0;
    let firstCoded: string | undefined;
    for (const row of rows) {
      const value = row.get(column);
      if (value === undefined || value === null || value === "" || (typeof value === "string" && value.trim() === "")) continue;
      filled++;
      // Numbers with thousands separators or a decimal comma count as numbers: kept as text, a
      // population of "497,813" (new-user trial, stop 19) or beds of "107,5" (review of stop 19)
      // left resource similarity without a word; now each such cell is the decimal-comma issue,
      // which names both readings.
      // So do numbers with a percent sign ("62%"): each is then an issue naming the sign.
      const bare = typeof value === "string" ? value.replace(PERCENT_SIGN, "").trim() : value;
      if (reader.isNumeric(bare) || (typeof bare === "string" && (THOUSANDS.test(bare) || DECIMAL_COMMA_NUMBER.test(bare)))) {
        numbers++;
        if (typeof bare === "string" && PHONE_LIKE.test(bare)) {
          coded++;
          firstCoded ??= bare;
        }
      }
      else if (typeof bare === "string" && SPACED_THOUSANDS.test(bare)) {
        spaced++;
        firstSpaced ??= bare;
      }
    }
    numeric.set(column, filled > 0 && numbers * 2 >= filled);
    // Numbers grouped by spaces ("336 839", with a no-break space) do not make a column numeric:
    // phone numbers and codes are written so too (review: "+250 788 123 456" refused the load).
    // Where they would have, the column stays text with a warning: a population column became
    // text and left resource similarity without a word (new-user trial).
    if (!(numbers * 2 >= filled) && (numbers + spaced) * 2 >= filled && firstSpaced !== undefined) {
      const phoneLike = PHONE_LIKE.test(firstSpaced);
      warnings.push(
        `${reader.table.file}, column ${quoteVisibly(column)}: ${spaced} value(s) such as ${quoteVisibly(firstSpaced)} look like numbers grouped by spaces; the column is read as text, so resource similarity leaves it out${phoneLike ? "" : `: if it is a resource, write the numbers without spaces (${ungrouped(firstSpaced, reader.options.decimal)}) to compare institutions on it`}`,
      );
    }
    // A phone number or a code read as a number is a resource like any other: said (new-user trial: a phone column changed 26 of 60 pairs without a word).
    if (numbers * 2 >= filled && coded * 2 >= filled && firstCoded !== undefined) {
      warnings.push(`${reader.table.file}, column ${quoteVisibly(column)}: ${coded} value(s) such as ${quoteVisibly(firstCoded)} are written with a leading + or 0, as phone numbers and codes are; read as numbers, they enter resource similarity: name the resources to compare (assignPartners option similarity.attributes) if this column is none`);
    }
  }
  const columns = [...attributeColumns].sort(compare);
  const seen = new Map<string, RawRow>();
  // Kinds too: "Hospital" beside "hospital" split one kind in two, and plans pair like with like.
  const kinds = new Map<string, RawRow>();
  const groups = new Map<string, RawRow>();
  for (const row of rows) {
    const id = reader.text(row, "id", true);
    const kind = reader.text(row, "kind", true);
    const name = reader.text(row, "name", false);
    const group = reader.text(row, "group", false);
    const dhis2 = reader.text(row, "dhis2", false);
    const entries: [string, AttributeValue][] = [];
    for (const column of columns) {
      const value = numeric.get(column) ? reader.numericAttribute(row, column) : reader.attribute(row, column);
      if (value !== undefined) entries.push([column, value]);
    }
    // Object.fromEntries defines own properties, so a column named "__proto__" is kept as data.
    const attributes: Record<string, AttributeValue> = Object.fromEntries(entries);
    if (id === undefined) continue;
    if (kind === undefined) {
      // Its org unit too: a DHIS2 export's rows naming it are no further issue (scores.ts).
      refused.add(id);
      if (dhis2 !== undefined) refusedOrgUnits.add(dhis2);
      continue;
    }
    if (!kinds.has(kind)) kinds.set(kind, row);
    if (group !== undefined && !groups.has(group)) groups.set(group, row);
    if (!firstSeen(reader, seen, id, row, "id", "institution id", id, "duplicate-id")) continue;
    result.set(id, { id, name: name ?? id, kind, ...(group !== undefined ? { group } : {}), ...(dhis2 !== undefined ? { dhis2 } : {}), attributes });
  }
  warnCaseTwins(reader, seen, "institution", warnings);
  warnCaseTwins(reader, kinds, "kind", warnings);
  // Groups too: "southern" beside "Southern" split a province in two for the groups rule (new-user trial).
  warnCaseTwins(reader, groups, "group", warnings);
  return result;
}
