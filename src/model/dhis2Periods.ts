/**
 * DHIS2 period ids (the `pe` dimension of the analytics API) and the date each starts on, in the
 * ISO (Gregorian) calendar. Periods are ordered by their start dates.
 * [Reference]: DHIS2 Developer Manual, "Web API" > "Date and period format" (the fixed period
 * formats yyyyMMdd, yyyyWn, yyyyWedWn, yyyyThuWn, yyyySatWn, yyyySunWn, yyyyBiWn, yyyyMM,
 * yyyyMMB, yyyyQn, yyyySn, yyyyAprilSn, yyyyNovSn, yyyy, yyyyApril, yyyyJuly, yyyyOct, yyyyNov);
 * ISO 8601 week numbering (week 1 holds the year's first Thursday, i.e. 4 January).
 * Our own parser (see docs/decisions.md): @dhis2/multi-calendar-dates pulls in the
 * Temporal polyfill and an i18n stack for what is, in the ISO calendar, date arithmetic.
 * Period display names ("January 2022", "Janvier - Mars 2022") follow DHIS2's formats:
 * dhis2-core's i18n_global.properties (format.Monthly "MMMM yyyy", format.Quarterly "MMM 'to '
 * MMM yyyy" and its extended form "MMMM - MMMM yyyy") and multi-calendar-dates' labels (Intl
 * month names, "MMMM yyyy - MMMM yyyy" across years, weeks "Week 27 - 2014-06-30 - 2014-07-06").
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
const iso = (date: Date): string => `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
const utc = (year: number, month: number, day: number): Date => new Date(Date.UTC(year, month - 1, day));

/** First day of week 1 for weeks starting on `weekday` (0 Sunday .. 6 Saturday): the one in 29 Dec .. 4 Jan. */
function firstWeekStart(year: number, weekday: number): Date {
  const january4 = utc(year, 1, 4);
  const back = (january4.getUTCDay() - weekday + 7) % 7;
  return utc(year, 1, 4 - back);
}

function weekStart(year: number, week: number, weekday: number): string | undefined {
  const first = firstWeekStart(year, weekday);
  const next = firstWeekStart(year + 1, weekday);
  const weeks = Math.round((next.getTime() - first.getTime()) / (7 * 86_400_000));
  if (week < 1 || week > weeks) return undefined;
  return iso(new Date(first.getTime() + (week - 1) * 7 * 86_400_000));
}

const WEEKDAYS: Readonly<Record<string, number>> = { Wed: 3, Thu: 4, Sat: 6, Sun: 0 };
const FINANCIAL: Readonly<Record<string, number>> = { April: 4, July: 7, Oct: 10, Nov: 11 };

function monthStart(year: number, month: number): string | undefined {
  return month >= 1 && month <= 12 ? `${pad(year, 4)}-${pad(month)}-01` : undefined;
}

/**
 * The ISO date (YYYY-MM-DD) a DHIS2 period starts on, or undefined when `id` is not a DHIS2
 * fixed period id.
 * @example
 * dhis2PeriodStart("202108")      // "2021-08-01"
 * dhis2PeriodStart("2021Q3")      // "2021-07-01"
 * dhis2PeriodStart("2021W5")      // "2021-02-01"
 * dhis2PeriodStart("2021AprilS1") // "2021-04-01"
 */
export function dhis2PeriodStart(id: string): string | undefined {
  let match = /^(\d{4})$/.exec(id);
  if (match) return `${match[1]}-01-01`;
  match = /^(\d{4})(\d{2})(\d{2})$/.exec(id);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = utc(year, month, day);
    return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? iso(date) : undefined;
  }
  match = /^(\d{4})(\d{2})$/.exec(id);
  if (match) return monthStart(Number(match[1]), Number(match[2]));
  match = /^(\d{4})(\d{2})B$/.exec(id);
  if (match) {
    const bimonth = Number(match[2]);
    return bimonth >= 1 && bimonth <= 6 ? monthStart(Number(match[1]), 2 * bimonth - 1) : undefined;
  }
  match = /^(\d{4})Q([1-4])$/.exec(id);
  if (match) return monthStart(Number(match[1]), 3 * Number(match[2]) - 2);
  match = /^(\d{4})S([12])$/.exec(id);
  if (match) return monthStart(Number(match[1]), match[2] === "1" ? 1 : 7);
  match = /^(\d{4})AprilS([12])$/.exec(id);
  if (match) return monthStart(Number(match[1]), match[2] === "1" ? 4 : 10);
  match = /^(\d{4})NovS([12])$/.exec(id);
  if (match) return match[2] === "1" ? monthStart(Number(match[1]) - 1, 11) : monthStart(Number(match[1]), 5);
  match = /^(\d{4})(April|July|Oct|Nov)$/.exec(id);
  if (match) return monthStart(Number(match[1]), FINANCIAL[match[2] as string] as number);
  match = /^(\d{4})W(\d{1,2})$/.exec(id);
  if (match) return weekStart(Number(match[1]), Number(match[2]), 1);
  match = /^(\d{4})(Wed|Thu|Sat|Sun)W(\d{1,2})$/.exec(id);
  if (match) return weekStart(Number(match[1]), Number(match[3]), WEEKDAYS[match[2] as string] as number);
  match = /^(\d{4})BiW(\d{1,2})$/.exec(id);
  if (match) {
    const biweek = Number(match[2]);
    return biweek >= 1 ? weekStart(Number(match[1]), 2 * biweek - 1, 1) : undefined;
  }
  return undefined;
}

// Month names, January to December, in lower case without accents: English and French as DHIS2
// writes them (i18n_global.properties, i18n_global_fr.properties), Kinyarwanda as CLDR's rw locale.
const MONTH_NAMES = "january february march april may june july august september october november december janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre mutarama gashyantare werurwe mata gicurasi kamena nyakanga kanama nzeri ukwakira ugushyingo ukuboza".split(" ");

/**
 * The month (1 to 12) of a month name or of its abbreviation: in upper or lower case, accents optional, a final
 * dot allowed, at least 3 letters ("Jan", "janv.", "Févr", "Sept", "Mut."). A word that begins
 * names of two months ("Jui": juin or juillet) is no month: undefined, never a guess.
 */
export function monthOfName(word: string): number | undefined {
  const key = word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\.$/, "");
  const months = new Set(key.length > 2 ? MONTH_NAMES.flatMap((name, index) => (name.startsWith(key) ? [(index % 12) + 1] : [])) : []);
  return months.size === 1 ? [...months][0] : undefined;
}

// "Month yyyy", "Month - Month yyyy", "Month to Month yyyy", "Month yyyy - Month yyyy".
const MONTH_RANGE = /^(\p{L}+\.?)(?:(?: (\d{4}))? (?:-|to) (\p{L}+\.?))? (\d{4})$/u;

/**
 * The first and last months of a monthly to yearly period's display name, each as year * 12 +
 * month - 1, or undefined. Without its own year the first month is in the last one's year, or the
 * year before when it comes later in the year ("November - April 2022" starts in November 2021).
 */
export function periodNameMonths(name: string): [first: number, last: number] | undefined {
  const match = MONTH_RANGE.exec(name);
  const from = match && monthOfName(match[1] as string);
  const to = match?.[3] === undefined ? from : monthOfName(match[3]);
  if (!match || !from || !to) return undefined;
  const last = Number(match[4]) * 12 + to - 1;
  let first = Number(match[2] ?? match[4]) * 12 + from - 1;
  if (match[2] === undefined && first > last) first -= 12;
  return first <= last && last - first < 12 ? [first, last] : undefined;
}

// Quarters and half-years as people label them: "Q1 2022", "2022 Q1", "2022-T1" (trimestre), "H2
// 2022"; not DHIS2's names, but labels a ministry's own sheets use (a reversed "Q4 2023, Q1 2022"
// made the older quarter the plan's latest; new-user trial, stop 18). Not "S1 2022": semestre or
// semaine (week) in French. Used only when every label of a file parses (orderPeriods): "baseline"
// beside "Q1 2022" keeps the first-appearance order and its warning, as before (review, stop 19).
// The words spelt out too ("Qtr1 2022", "Quarter 1 2022", "Trimestre 1 2022"): each names one
// quarter only, and beside "Q1 2022" they were a first-appearance guess. A comma may follow the
// first part ("Q1, 2022", as a sheet writes a date): it fell back to first appearance.
const PART_OF_YEAR = /^(?:(Q(?:tr\.?|uarter)?|T(?:rimestre)?|H) ?([1-4])(?:, ?|[ -])?(\d{4})|(\d{4})(?:, ?|[ -])?(Q(?:tr\.?|uarter)?|T(?:rimestre)?|H) ?([1-4]))$/i;

/**
 * The ISO date a quarter or half-year label starts on, or undefined.
 * @example
 * partOfYearStart("Q3 2022") // "2022-07-01"
 * partOfYearStart("H2 2022") // "2022-07-01"
 * partOfYearStart("Qtr4 2022") // "2022-10-01"
 */
export function partOfYearStart(label: string): string | undefined {
  const part = PART_OF_YEAR.exec(label);
  if (!part) return undefined;
  const quarter = /[QT]/i.test(part[1] ?? (part[5] as string));
  const n = Number(part[2] ?? part[6]);
  return quarter || n < 3 ? monthStart(Number(part[3] ?? part[4]), quarter ? 3 * n - 2 : 6 * n - 5) : undefined;
}

/**
 * The ISO date (YYYY-MM-DD) a DHIS2 period display name starts on, or undefined: a month, a
 * range of months ("January - March 2022", "Jan to Mar 2022", "April 2021 - March 2022") in
 * English, French or Kinyarwanda, or a week named with its dates ("Week 5 2022-01-31 - 2022-02-06", "Week 27 - 2014-06-30 -
 * 2014-07-06": its first date).
 * @example
 * periodNameStart("Juin 2022")             // "2022-06-01"
 * periodNameStart("Novembre - Avril 2022") // "2021-11-01"
 */
export function periodNameStart(name: string): string | undefined {
  const week = /^\p{L}+ \d{1,2} (?:- )?(\d{4})-(\d{2})-(\d{2}) - \d{4}-\d{2}-\d{2}$/u.exec(name);
  if (week) return dhis2PeriodStart(`${week[1]}${week[2]}${week[3]}`);
  const months = periodNameMonths(name);
  return months && monthStart(Math.floor(months[0] / 12), (months[0] % 12) + 1);
}
