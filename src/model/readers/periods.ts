/**
 * periods: id and date, and the order of the periods. Declared periods go by their dates when
 * all have one, else as declared. Without periods.csv, labels go by date when every label is an
 * ISO date, a DHIS2 period id or a DHIS2 period display name such as "Juin 2022" (by its start
 * date; see dhis2Periods.ts); otherwise by first appearance, which is
 * then a warning on the network (a file sorted endline-first would flip every estimate).
 * Labels that start on the same day (2021Q1 and 202101) are reported: their order would be a guess.
 */
import { firstFive } from "../../core/display.js";
import { dhis2PeriodStart, partOfYearStart, periodNameStart } from "../dhis2Periods.js";
import { type TableReader, dateKey, isIsoDate, looksLikeDate, quoteVisibly } from "../fields.js";
import type { RawRow } from "../table.js";
import type { Period } from "../types.js";
import { compare, firstSeen, ISO_DATE_OR_LABEL, rowsOf, warnCaseTwins } from "./common.js";

export function readPeriods(reader: TableReader | undefined, warnings: string[] = []): Period[] | undefined {
  if (!reader) return undefined;
  const periods: Period[] = [];
  const seen = new Map<string, RawRow>();
  const undated: string[] = [];
  for (const row of rowsOf(reader)) {
    const id = reader.text(row, "id", true);
    const date = reader.date(row, "date");
    if (id === undefined) continue;
    if (looksLikeDate(id) && !isIsoDate(id)) reader.report(row, "id", "malformed-date", ISO_DATE_OR_LABEL, id);
    if (!firstSeen(reader, seen, id, row, "id", "period id", id, "duplicate-id")) continue;
    periods.push({ id, ...(date !== undefined ? { date } : {}) });
    if (date === undefined && undated.length < 6) undated.push(`${JSON.stringify(id)} (${reader.at(row)})`);
  }
  warnCaseTwins(reader, seen, "period", warnings);
  // Some periods dated and some not: the dates cannot order them all, so the listed order is used.
  const dated = periods.filter((period) => period.date !== undefined).length;
  if (dated > 0 && dated < periods.length) {
    warnings.push(`${reader.table.file}: period${periods.length - dated === 1 ? "" : "s"} ${firstFive(undated)} ${periods.length - dated === 1 ? "has" : "have"} no date while ${dated} other${dated === 1 ? "" : "s"} do; all periods are ordered as listed, not by date`);
  }
  return periods;
}

/** How the warning that the periods' order is only their first appearance begins (the report refuses to default on it). */
export const FIRST_APPEARANCE = "periods ordered by first appearance";

/** The start date of a period label: its ISO date, or the first day of a DHIS2 period (by id or display name). */
export function startOf(label: string): string | undefined {
  if (isIsoDate(label)) return dateKey(label);
  return dhis2PeriodStart(label) ?? periodNameStart(label);
}

/** A label shaped like a quarter or half-year label, whatever its letters and digits. */
const PART_OF_YEAR_LIKE = /^(?:(?:Q(?:tr|uarter)?|T(?:rimestre)?|H)\.?\s*\w{1,2}[\s-]*\w{2,4}|\w{4}[\s-]*(?:Q(?:tr|uarter)?|T(?:rimestre)?|H)\.?\s*\w{1,2})$/i;

/**
 * Orders the periods. `used` lists labels in order of first appearance; `where` names the files
 * they came from (for the warning).
 */
export function orderPeriods(
  declared: Period[] | undefined,
  used: Iterable<string>,
  where: string,
  warnings: string[],
  reportUndated?: (labels: string[], dated: string[]) => void,
  reportSameStart?: (labels: string[], start: string) => void,
): Period[] {
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
  let starts = labels.map(startOf);
  // Quarter and half-year labels count only when every label is a date with them.
  const loose = labels.map((label) => startOf(label) ?? partOfYearStart(label));
  if (loose.every((start) => start !== undefined)) starts = loose;
  if (labels.length > 0 && starts.every((start) => start !== undefined)) {
    const order = labels.map((label, index) => ({ label, start: starts[index] as string, index }));
    order.sort((a, b) => compare(a.start, b.start) || compare(a.label, b.label));
    // Two labels starting on one day (2021Q1 and 202101, or 2021-01-01 and 20210101) have no time
    // order; sorting them by label would be a guess that can flip an estimate's sign.
    if (reportSameStart !== undefined) {
      for (let i = 0; i < order.length; ) {
        let j = i + 1;
        while (j < order.length && (order[j] as { start: string }).start === (order[i] as { start: string }).start) j++;
        if (j - i > 1) reportSameStart(order.slice(i, j).sort((a, b) => a.index - b.index).map(({ label }) => label), (order[i] as { start: string }).start);
        i = j;
      }
    }
    return order.map(({ label }) => ({ id: label }));
  }
  // Some labels are dates or DHIS2 period ids and some are not: most likely a malformed id (2021W60,
  // 2021Q9). First-appearance order would then put an old period last and plans would use it.
  // Quarter labels count as dated here too. Where no label is a date or a DHIS2 id, only labels
  // shaped like a quarter ("Q5 2022", "Q2 2O22") are such typos: "baseline" beside "Q1 2022" is a
  // label of its own (new-user trial, stop 20; review, stop 19).
  const strict = starts.some((start) => start !== undefined);
  const undated = labels.filter((label, index) => loose[index] === undefined && (strict || PART_OF_YEAR_LIKE.test(label)));
  if (reportUndated !== undefined && undated.length > 0 && loose.some((start) => start !== undefined)) {
    reportUndated(undated, labels.filter((_, index) => loose[index] !== undefined));
  }
  if (labels.length > 1) {
    // A label with an invisible character shown quoted and escaped ("Q1\u00a02022" read as a valid quarter; review).
    const visible = labels.map((label) => (quoteVisibly(label).includes("\\u") ? quoteVisibly(label) : label));
    const shown = visible.length > 6 ? `${visible.slice(0, 6).join(", ")}, ...` : visible.join(", ");
    warnings.push(
      `${FIRST_APPEARANCE} in ${where}: ${shown}; if that is not their time order, add periods.csv (columns id, date) or use ISO dates or DHIS2 period ids as labels`,
    );
  }
  return labels.map((id) => ({ id }));
}
