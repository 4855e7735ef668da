/**
 * DHIS2 exports in place of scores.csv:
 * - `dhis2.json`: an analytics API response (`GET /api/analytics?dimension=dx:...&dimension=pe:...
 *   &dimension=ou:...`): `headers` (objects with a `name`: dx, pe, ou, value), `rows` (arrays of
 *   strings in the order of the headers) and `metaData.items` (id -> { name }).
 *   [Reference]: DHIS2 Developer Manual, "Analytics" > "Analytics API" (Request query parameters;
 *   Response formats: JSON).
 * - `dhis2.csv`: the Data Visualizer app's download "Plain data source > CSV": columns Data,
 *   Period, Organisation unit, Value (an "... ID" column, when the download has one, wins over the
 *   name column). [Reference]: DHIS2 User Manual, "Data Visualizer" > "Download a chart or pivot
 *   table's data source".
 * Periods are DHIS2 period ids (202108, 2021Q3, 2021W5...), ordered by start date (dhis2Periods.ts).
 */
import { TwinningInputError, type InputIssue } from "../../core/errors.js";
import { periodNameMonths } from "../../model/dhis2Periods.js";
import { showValue } from "../../model/fields.js";
import { IssueLog } from "../../model/issueLog.js";
import type { ColumnInfo, RawRow, RawTable } from "../../model/table.js";

/** One value of a DHIS2 analytics response, as a score row (ids as DHIS2 gives them). */
export interface DHIS2ScoreRow {
  /** The organisation unit id (`ou`). */
  readonly institution: string;
  /** The data element or indicator id (`dx`). */
  readonly topic: string;
  /** The DHIS2 period id (`pe`), e.g. `202108` or `2021Q3`. */
  readonly period: string;
  /** The value: a number when DHIS2 gave a numeric value, else the text as given. */
  readonly value: number | string;
  /** The organisation unit's name from `metaData.items`, when given. */
  readonly institutionName?: string;
  /** The data item's name from `metaData.items`, when given. */
  readonly topicName?: string;
}

const FIELDS = { institution: "ou", topic: "dx", period: "pe", value: "value" } as const;

/** A record given as an array, with the header positions of the four fields. */
class ArrayRow implements RawRow {
  constructor(
    private readonly cells: readonly unknown[],
    private readonly at: ReadonlyMap<string, number>,
    readonly row: number,
    readonly line?: number,
  ) {}
  get(column: string): unknown {
    const index = this.at.get(column);
    return index === undefined ? undefined : this.cells[index];
  }
  columns(): readonly string[] {
    return [...this.at.keys()];
  }
}

function problem(file: string, expected: string, got: unknown, code: "invalid-value" | "json-syntax" | "missing-column" = "invalid-value"): InputIssue {
  return { code, file, expected, message: `${file}: expected ${expected}, got ${typeof got === "string" && got.startsWith("(") ? got : showValue(got)}` };
}

/** The analytics response as a scores table, or issues. */
export function dhis2AnalyticsTable(file: string, text: string, log: IssueLog): RawTable | undefined {
  let parsed: unknown;
  const response = "a DHIS2 analytics response";
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    log.add(problem(file, `${response} in JSON`, `(${error instanceof Error ? error.message : String(error)})`, "json-syntax"));
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    log.add(problem(file, `${response} (an object with headers, rows and metaData)`, parsed));
    return undefined;
  }
  const { headers, rows } = parsed as Record<string, unknown>;
  if (!Array.isArray(headers) || !Array.isArray(rows)) {
    log.add(problem(file, `${response} with arrays headers and rows`, Object.keys(parsed).join(", ") || "an empty object"));
    return undefined;
  }
  const at = new Map<string, number>();
  const columns = new Map<string, ColumnInfo>();
  headers.forEach((header, index) => {
    const name = header !== null && typeof header === "object" ? (header as Record<string, unknown>).name : undefined;
    for (const [column, dimension] of Object.entries(FIELDS)) {
      if (name === dimension && !at.has(column)) {
        at.set(column, index);
        columns.set(column, { header: dimension, position: index + 1 });
      }
    }
  });
  const missing = Object.entries(FIELDS).filter(([column]) => !at.has(column));
  if (missing.length > 0) {
    log.add(problem(file, `headers named ${Object.values(FIELDS).join(", ")} (request the dimensions dx, pe and ou)`, `(no ${missing.map(([, d]) => d).join(", ")})`, "missing-column"));
    return undefined;
  }
  const names = new Map<string, string>();
  const { metaData } = parsed as Record<string, unknown>;
  if (metaData !== null && typeof metaData === "object") {
    const items = (metaData as Record<string, unknown>).items;
    if (items !== null && typeof items === "object") {
      for (const [id, item] of Object.entries(items as Record<string, unknown>)) {
        const name = item !== null && typeof item === "object" ? (item as Record<string, unknown>).name : undefined;
        if (typeof name === "string") names.set(id, name);
      }
    }
  }
  const table: RawRow[] = [];
  rows.forEach((cells, index) => {
    if (!Array.isArray(cells)) {
      log.expect({ code: "invalid-value", file, row: index + 1, expected: "a row as an array of values" }, `${file} row ${index + 1}`, showValue(cells));
      return;
    }
    table.push(new ArrayRow(cells, at, index + 1));
  });
  return { name: "scores", file, columns, rows: table, dhis2: { names } };
}

/** Header names of the Data Visualizer download, by field; an "... ID" column is preferred. */
const CSV_HEADERS: Readonly<Record<string, readonly string[]>> = {
  institution: ["organisation unit id", "organisation unit", "organisationunit", "orgunit", "ou"],
  topic: ["data id", "data", "dx"],
  period: ["period id", "period", "pe"],
  value: ["value"],
};

/**
 * The DHIS2 period id of a period name as the Data Visualizer writes it with names ("August 2021",
 * "July - September 2021", "Janvier - Juin 2021"; see dhis2Periods.ts for the languages): a month,
 * a quarter or a six-month period; undefined for any other name.
 */
export function dhis2PeriodIdOfName(name: string): string | undefined {
  const months = periodNameMonths(name.trim());
  if (months === undefined) return undefined;
  const [first, last] = months;
  const year = Math.floor(first / 12);
  const month = first % 12;
  if (first === last) return `${year}${String(month + 1).padStart(2, "0")}`;
  if (last - first === 2 && month % 3 === 0) return `${year}Q${month / 3 + 1}`;
  if (last - first === 5 && month % 6 === 0) return `${year}S${month / 6 + 1}`;
  return undefined;
}

/**
 * The Data Visualizer CSV (already parsed as a table with its headers as columns) as a scores
 * table with DHIS2 ids, or issues. Period names ("August 2021") become period ids (202108), said
 * in a warning.
 */
export function dhis2CsvTable(table: RawTable, log: IssueLog, warnings: string[] = []): RawTable | undefined {
  const byLower = new Map<string, [string, ColumnInfo]>();
  for (const [key, info] of table.columns ?? []) byLower.set(key.trim().toLowerCase(), [key, info]);
  const map = new Map<string, string>();
  const columns = new Map<string, ColumnInfo>();
  for (const [field, candidates] of Object.entries(CSV_HEADERS)) {
    for (const candidate of candidates) {
      const found = byLower.get(candidate);
      if (found) {
        map.set(field, found[0]);
        columns.set(field, found[1]);
        break;
      }
    }
  }
  const missing = Object.keys(CSV_HEADERS).filter((field) => !map.has(field));
  if (missing.length > 0) {
    const expected = "the columns Data, Period, Organisation unit and Value of a DHIS2 Data Visualizer download";
    log.expect({ code: "missing-column", file: table.file, line: 1, expected }, `${table.file} line 1`, `${[...(table.columns?.values() ?? [])].map((c) => JSON.stringify(c.header)).join(", ") || "no header"}`);
    return undefined;
  }
  const renamed = new Map<string, string>();
  const periodOf = (value: unknown): unknown => {
    if (typeof value !== "string" || /^\d{4}/.test(value.trim())) return value;
    const id = dhis2PeriodIdOfName(value);
    if (id === undefined) return value;
    renamed.set(value.trim(), id);
    return id;
  };
  const keys = [...map.keys()];
  const rows = table.rows.map((row): RawRow => {
    const period = periodOf(row.get(map.get("period") as string));
    return {
      row: row.row,
      ...(row.line !== undefined ? { line: row.line } : {}),
      get: (column: string) => {
        if (column === "period") return period;
        const source = map.get(column);
        return source === undefined ? undefined : row.get(source);
      },
      columns: () => keys,
    };
  });
  if (renamed.size > 0) {
    const shown = [...renamed].slice(0, 4).map(([name, id]) => `${JSON.stringify(name)} -> ${id}`).join(", ");
    warnings.push(`${table.file}: period names read as DHIS2 period ids (${shown}${renamed.size > 4 ? ", ..." : ""}); download with ids to avoid this`);
  }
  return { name: "scores", file: table.file, columns, rows, dhis2: { names: new Map() } };
}

/**
 * Reads a DHIS2 analytics API response (JSON text or the parsed object) into score rows, for
 * pipelines of your own. Ids stay DHIS2's; names come from `metaData.items`.
 * @throws {TwinningInputError} when the response is not an analytics response with dx, pe, ou and value.
 * @example
 * const rows = parseDHIS2Analytics(await (await fetch(url)).text());
 * rows[0]; // { institution: "DiszpKrYNg8", topic: "Uvn6LCg7dVU", period: "202108", value: 72.5, ... }
 */
export function parseDHIS2Analytics(content: string | object): DHIS2ScoreRow[] {
  if (typeof content !== "string" && (content === null || typeof content !== "object")) {
    throw new TwinningInputError("parseDHIS2Analytics", [problem("analytics response", "JSON text or a parsed analytics response", content)]);
  }
  const text = typeof content === "string" ? content : JSON.stringify(content);
  const log = new IssueLog();
  const table = dhis2AnalyticsTable("analytics response", text, log);
  if (table === undefined || log.size > 0) throw new TwinningInputError("parseDHIS2Analytics", log.issues());
  const names = table.dhis2?.names ?? new Map<string, string>();
  const result: DHIS2ScoreRow[] = [];
  for (const row of table.rows) {
    const institution = String(row.get("institution") ?? "");
    const topic = String(row.get("topic") ?? "");
    const raw = row.get("value");
    const number = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
    const institutionName = names.get(institution);
    const topicName = names.get(topic);
    result.push({
      institution,
      topic,
      period: String(row.get("period") ?? ""),
      value: Number.isFinite(number) ? number : String(raw ?? ""),
      ...(institutionName !== undefined ? { institutionName } : {}),
      ...(topicName !== undefined ? { topicName } : {}),
    });
  }
  return result;
}
