/**
 * The one shape validation reads: a named table of rows with their source locations, whether the
 * rows came from a CSV file (with lines and column positions) or from objects in memory.
 */
import { isRecord } from "../core/options.js";
import { cleanText } from "./text.js";

/** The tables of a network, each one file (or one sheet). */
export type TableName = "institutions" | "topics" | "periods" | "scores" | "interests" | "partnerships" | "activities";

/**
 * Every table name, in reading order.
 * @example
 * TABLE_NAMES.includes("scores") // true
 */
export const TABLE_NAMES: readonly TableName[] = [
  "institutions",
  "topics",
  "periods",
  "scores",
  "interests",
  "partnerships",
  "activities",
];

/** One record of a table, wherever it came from. */
export interface RawRow {
  /** 1-based data record number (header not counted), or array index + 1. */
  readonly row: number;
  /** 1-based physical line of the record's start (CSV only). */
  readonly line?: number;
  /** Set when the record was not an object at all (a number, null, an array...): what it was. */
  readonly invalid?: { readonly value: unknown };
  /** Keys of an object that name a column an earlier key of it named ("province" after "group"): not read. */
  readonly repeated?: readonly { readonly column: string; readonly key: string }[];
  /** The value of a column (by canonical name), or undefined when the record has none. */
  get(column: string): unknown;
  /** The columns the record has. */
  columns(): readonly string[];
}

/**
 * A CSV record: its fields and the table's shared column index, so a record costs one array and
 * no per-record dictionary (100,000 score rows stay cheap).
 */
export class CsvRow implements RawRow {
  constructor(
    private readonly fields: readonly unknown[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly keys: readonly string[],
    readonly row: number,
    readonly line: number,
  ) {}

  get(column: string): unknown {
    const at = this.index.get(column);
    return at === undefined ? undefined : this.fields[at];
  }

  columns(): readonly string[] {
    return this.keys;
  }
}

/** A record given as an object: its own keys are its columns (a null-prototype copy). */
class ObjectRow implements RawRow {
  constructor(
    private readonly values: Readonly<Record<string, unknown>>,
    readonly row: number,
    readonly invalid?: { readonly value: unknown },
    readonly repeated?: readonly { readonly column: string; readonly key: string }[],
  ) {}

  get(column: string): unknown {
    return Object.hasOwn(this.values, column) ? this.values[column] : undefined;
  }

  columns(): readonly string[] {
    return Object.keys(this.values);
  }
}

/** Where a column sits in a CSV header. */
export interface ColumnInfo {
  /** The header as written in the file. */
  readonly header: string;
  /** 1-based position in the header. */
  readonly position: number;
}

/** A table before validation: its name, file, header and records. */
export interface RawTable {
  readonly name: TableName;
  /** `scores.csv`, `scores.json`, or `scores` for objects in memory. */
  readonly file: string;
  /** Header columns by canonical name, for tables read from CSV. */
  readonly columns?: ReadonlyMap<string, ColumnInfo>;
  /** The records, in file order. */
  readonly rows: readonly RawRow[];
  /** What `RawRow.line` counts: `line` (a text file, the default) or `row` (a spreadsheet's row; columns shown as letters). */
  readonly lineWord?: "line" | "row";
  /** The line (or sheet row) of the header, when not the first (a title above it in a sheet). */
  readonly headerLine?: number;
  /**
   * Sheet rows (as in `RawRow.line`) of a scores sheet whose value cell is formatted as percent in
   * Excel: it holds a fraction (72.1% is 0.721). The scores reader reads it as percentage points
   * unless the topic's max is at most 1 (a proportion).
   */
  readonly percentLines?: ReadonlySet<number>;
  /**
   * Set on a scores table read from a DHIS2 export: its institution and topic fields hold DHIS2
   * ids (org units, data elements or indicators), mapped through the `dhis2` columns of
   * institutions and topics; `names` gives the display name of each id from the export.
   */
  readonly dhis2?: { readonly names: ReadonlyMap<string, string> };
}

/** The columns each table understands, by canonical name; the first ones listed are required. */
export const KNOWN_COLUMNS: Readonly<Record<TableName, { required: readonly string[]; optional: readonly string[] }>> = {
  institutions: { required: ["id", "kind"], optional: ["name", "group", "dhis2"] },
  topics: { required: ["id"], optional: ["name", "kinds", "higherIsBetter", "unit", "min", "max", "dhis2"] },
  periods: { required: ["id"], optional: ["date"] },
  scores: { required: ["institution", "topic", "period", "value"], optional: [] },
  interests: { required: ["institution", "topic"], optional: ["priority"] },
  partnerships: { required: ["mentor", "mentee"], optional: ["topic", "period"] },
  activities: { required: ["type"], optional: ["id", "from", "to", "participants", "topic", "date", "count"] },
};

const ALIASES: Readonly<Partial<Record<TableName, Readonly<Record<string, string>>>>> = {
  // "Nom" is French for name: kept as an attribute, names showed as ids without a word (new-user trial).
  institutions: { province: "group", region: "group", nom: "name" },
  topics: { kind: "kinds", nom: "name" },
};

// Accents dropped when `fold`: "Région" is region (new-user trial).
const normalise = (header: string, fold = true): string => (fold ? header.trim().toLowerCase().normalize("NFD") : header.trim().toLowerCase()).replace(fold ? /[\s_\-\u0300-\u036f]+/g : /[\s_-]+/g, "");

/**
 * The name a header stands for. Known columns are matched forgivingly (`Higher is better`,
 * `higher_is_better` and `higherIsBetter` are one column; `province` and `region` mean `group`);
 * any other header is kept as written (trimmed), since it names an attribute.
 */
export function columnKey(table: TableName, header: string, fold = true): string {
  return knownForms(table).get(normalise(header, fold)) ?? cleanText(header);
}

// Normalised form -> column, per table, made once on first use: normalising every known column
// again for every key of every row was a third of a second of TwinningNetwork.from at 5,000 x 12.
// A Map, so a column named "constructor" finds nothing of Object's. An alias wins over a column.
const FORMS = new Map<TableName, ReadonlyMap<string, string>>();
function knownForms(table: TableName): ReadonlyMap<string, string> {
  let forms = FORMS.get(table);
  if (forms === undefined) {
    const known = KNOWN_COLUMNS[table];
    forms = new Map([
      ...[...known.required, ...known.optional].map((column): [string, string] => [normalise(column), column]),
      ...Object.entries(ALIASES[table] ?? {}),
    ]);
    FORMS.set(table, forms);
  }
  return forms;
}

/**
 * The names a header row stands for (columnKey of each). A header that names a column only once
 * accents are dropped gives way to one naming it as written: "Région" beside "Province" stays an
 * attribute, as before accents were dropped (review: the file was refused as naming group twice).
 */
export function columnKeys(table: TableName, headers: readonly string[]): string[] {
  const exact = headers.map((header) => columnKey(table, header, false));
  return headers.map((header, index) => {
    const key = columnKey(table, header);
    return key !== exact[index] && exact.includes(key) ? (exact[index] as string) : key;
  });
}

/**
 * Rows from objects in memory; an object's own keys are its columns, matched as a header row is
 * (columnKeys: "Région" beside "Province" stays an attribute). A key naming a column an earlier key
 * of the object named is kept aside for an issue, as a CSV's repeated column is: one of the two
 * values was lost without a word ({ group: "North", province: "Sud" }; review).
 */
export function tableFromObjects(name: TableName, file: string, items: readonly unknown[]): RawTable {
  // Rows repeat a handful of key lists: each distinct list is matched once per table, not per row.
  const shapes = new Map<string, string[]>();
  const rows: RawRow[] = items.map((item, index) => {
    const values: Record<string, unknown> = Object.create(null);
    const repeated: { column: string; key: string }[] = [];
    const put = (column: string, key: string, value: unknown) => {
      // undefined is "not given", as in options: { group: undefined, province: "South" } names one group.
      if (value === undefined) return;
      if (Object.hasOwn(values, column)) repeated.push({ column, key });
      else values[column] = value;
    };
    if (typeof item === "string" && name === "periods") {
      values.id = item;
    } else if (isRecord(item)) {
      const entries = Object.entries(item);
      const keys = entries.map(([key]) => key);
      // JSON: a key may hold any character, so no separator joins keys without collisions.
      const shape = JSON.stringify(keys);
      let columns = shapes.get(shape);
      if (columns === undefined) {
        columns = columnKeys(name, keys);
        shapes.set(shape, columns);
      }
      entries.forEach(([key, value], k) => {
        if (name === "institutions" && key === "attributes" && isRecord(value)) {
          for (const [attribute, attributeValue] of Object.entries(value)) put(attribute, attribute, attributeValue);
        } else put(columns[k] as string, key, value);
      });
    } else {
      return new ObjectRow(values, index + 1, { value: item });
    }
    return new ObjectRow(values, index + 1, undefined, repeated.length > 0 ? repeated : undefined);
  });
  return { name, file, rows };
}
