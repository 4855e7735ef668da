/**
 * The one options contract of every public function: options are checked as a whole, before any
 * work, against a schema of the function's option names. Unknown keys are an error that names
 * the function, the key and the nearest known key ("capcity: unknown option of assignPartners;
 * did you mean capacity?"); wrong types and out-of-range values are errors; seeds are integers
 * in [0, 2^32). `undefined` means "not given", as with object spreads. Keys are read as own
 * properties only, so an option named like an Object.prototype member is never inherited.
 */
import { firstFive } from "./display.js";
import { TwinningArgumentError } from "./errors.js";

/** How one option is checked. */
export type OptionRule =
  | { type: "number"; integer?: boolean; min?: number; max?: number; above?: number; below?: number; nullable?: boolean }
  | { type: "string"; nullable?: boolean }
  | { type: "boolean" }
  | { type: "enum"; values: readonly (string | number | boolean | null)[] }
  | { type: "seed" }
  | { type: "array"; nullable?: boolean }
  | { type: "object"; nullable?: boolean }
  /** Named entries read as own keys (isRecord): a Map is refused rather than read as empty. */
  | { type: "record" }
  | { type: "function" }
  /** Checked by the function itself (a union the schema cannot say): returns a problem or undefined. */
  | { type: "custom"; check: (value: unknown) => string | undefined };

/** A schema: one rule per option name of an options interface. */
export type OptionSchema<T> = { readonly [K in keyof Required<T>]: OptionRule };

/** A value for messages: strings quoted (so spaces and invisible characters show), the rest as JSON or their type. */
export function showArgument(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const tag = tagOf(value);
  if (tag === "Object") return "an object";
  let size: unknown;
  try {
    size = (value as { size?: unknown }).size;
  } catch {
    // A Proxy of a Map: its size getter refuses the proxy as receiver.
  }
  return `a ${tag}${typeof size === "number" ? ` of ${size}` : ""}`;
}

/** The built-in type of a value ("Object", "Map", "Date"), also for one made in another realm. */
const tagOf = (value: unknown): string => Object.prototype.toString.call(value).slice(8, -1);

/**
 * Whether a value is a record (a plain object of named entries). A Map, Date or typed array is an
 * object too, but its entries are not own keys: a capacity given as a Map was accepted and read as
 * empty, so every mentor got the default without a word (new-user trial). The tag test, unlike a
 * prototype test, also accepts records made in another realm (a notebook's vm context).
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && tagOf(value) === "Object";
}

/** What a value that should be a record is, and for a Map how to pass it. */
export function notARecord(value: unknown, expected = "an object"): string {
  return `expected ${expected}, got ${showArgument(value)}${tagOf(value) === "Map" ? "; pass Object.fromEntries(map)" : ""}`;
}

/** Rows of editDistance, reused across calls (grown as needed): the loader calls it per candidate id. */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, Damerau 1964), for
 * "did you mean"; it gives up once every alignment exceeds `bound`, and then returns `bound`.
 */
export function editDistance(a: string, b: string, bound = Number.POSITIVE_INFINITY): number {
  if ((rows[0] as Int32Array).length <= b.length) rows = rows.map(() => new Int32Array(2 * b.length + 2));
  let [before, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, (before[j - 2] as number) + 1);
      current[j] = value;
      if (value < rowBest) rowBest = value;
    }
    // No later entry falls below this row's least: each comes from this row by +0 or more, or by a
    // transposition from the row before, whose entry + 1 is at least the diagonal entry it skips.
    if (rowBest >= bound) return bound;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length] as number, bound);
}

/** Names longer than this get no suggestion (see nearest). */
const NAME_LIMIT = 256;

/**
 * The known name nearest to `name`, case-insensitive, or undefined when none is near:
 * - one at edit distance 0 or 1 (ties: the first in sorted order);
 * - else, with `prefixes`, the only one that continues it after a separator ("kabgayi" for
 *   kabgayi-hospital, "virtual" for virtual-event; 3 characters or more): a cut-off id;
 * - else the nearest within a third of its length (at least 2, less than its length), unless
 *   `name` begins a known name, or continues one after a separator: "acc" (accreditation cut
 *   off) is not offered anc4, nor "ruli" rulindo, a different district (review), nor
 *   "musanze-hospital" masaka-hospital.
 * Names whose length differs too much are skipped without computing a distance, and each distance
 * gives up past the best so far. A missing column passes `prefixes` false: there the known names
 * are headers, and one that extends the column's name ("kind_of_ownership" for kind) is another.
 */
export function nearest(name: string, iterable: Iterable<string>, prefixes = true): string | undefined {
  const target = name.toLowerCase();
  // Past a few hundred characters a name is no id mistyped, and each distance costs length squared
  // (a 100,000-character cell took 175 s against 200,000 ids; review).
  if (target === "" || target.length > NAME_LIMIT) return undefined;
  // Read once: an iterator (a Map's keys) is spent by the first walk.
  const known = [...iterable];
  const limit = Math.min(name.length - 1, Math.max(2, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of known) {
    if (Math.abs(candidate.length - name.length) > bestDistance) continue;
    const distance = editDistance(target, candidate.toLowerCase(), bestDistance + 1);
    if (distance > limit) continue;
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (bestDistance <= 1) return best;
  // Known names that continue it, and those that continue it after a separator.
  const continuing: string[] = [];
  const cutOff: string[] = [];
  for (const candidate of known) {
    const lower = candidate.toLowerCase();
    if (lower.length <= target.length || !lower.startsWith(target)) continue;
    continuing.push(candidate);
    if (/[\s_./-]/.test(lower.charAt(target.length))) cutOff.push(candidate);
  }
  if (prefixes && target.length >= 3 && cutOff.length === 1) return cutOff[0];
  // Nor for a name that continues a known one after a separator: "musanze-hospital" names
  // something of musanze's, not masaka-hospital four edits away (new-user trial).
  const extendsOne = known.some((candidate) => {
    const lower = candidate.toLowerCase();
    return lower.length >= 3 && target.length > lower.length && target.startsWith(lower) && /[\s_./-]/.test(target.charAt(lower.length));
  });
  return continuing.length > 0 || extendsOne ? undefined : best;
}

/**
 * The message for a name that is not among the known ones: with `list`, the first five known
 * ("expected one of ..."; periods, where "midline" is near "endline" by spelling only), then the
 * nearest known name ("did you mean endline?").
 */
export function unknownName(what: string, name: unknown, known: readonly string[], list = false): string {
  const near = typeof name === "string" ? nearest(name, known) : undefined;
  return `unknown ${what} ${showArgument(name)}${list ? `; expected one of ${firstFive(known)}` : ""}${near === undefined ? "" : `; did you mean ${near}?`}`;
}

const SEED_LIMIT = 2 ** 32;

function problem(rule: OptionRule, value: unknown): string | undefined {
  if (value === null && "nullable" in rule && rule.nullable) return undefined;
  switch (rule.type) {
    case "number": {
      if (typeof value !== "number" || Number.isNaN(value)) return `expected a number, got ${showArgument(value)}`;
      if (rule.integer && !Number.isInteger(value)) return `expected an integer, got ${value}`;
      if (!rule.integer && !Number.isFinite(value) && rule.max !== Number.POSITIVE_INFINITY) return `expected a finite number, got ${value}`;
      if (rule.min !== undefined && value < rule.min) return `expected at least ${rule.min}, got ${value}`;
      if (rule.max !== undefined && value > rule.max) return `expected at most ${rule.max}, got ${value}`;
      if (rule.above !== undefined && !(value > rule.above)) return `expected more than ${rule.above}, got ${value}`;
      if (rule.below !== undefined && !(value < rule.below)) return `expected less than ${rule.below}, got ${value}`;
      return undefined;
    }
    case "string":
      return typeof value === "string" ? undefined : `expected a string, got ${showArgument(value)}`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `expected true or false, got ${showArgument(value)}`;
    case "enum":
      return rule.values.includes(value as never) ? undefined : `expected ${rule.values.map(showArgument).join(", ")}, got ${showArgument(value)}`;
    case "seed":
      return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < SEED_LIMIT
        ? undefined
        : `expected an integer seed in [0, 2^32), got ${showArgument(value)}`;
    case "array":
      return Array.isArray(value) ? undefined : `expected an array, got ${showArgument(value)}`;
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value) ? undefined : `expected an object, got ${showArgument(value)}`;
    case "record":
      return isRecord(value) ? undefined : notARecord(value);
    case "function":
      return typeof value === "function" ? undefined : `expected a function, got ${showArgument(value)}`;
    case "custom":
      return rule.check(value);
  }
}

/**
 * Checks a function's options against its schema and returns them as a fresh object of own,
 * defined keys (the caller's object is never changed). Throws TwinningArgumentError naming the
 * function and the option.
 * @example
 * checkOptions("assignPartners", { capcity: 2 }, schema) // throws "assignPartners: capcity: unknown option of assignPartners; did you mean capacity?"
 */
export function checkOptions<T extends object>(caller: string, options: unknown, schema: OptionSchema<T>): Partial<T> {
  if (options === undefined || options === null) return {};
  // A Map or Date is an object too, but its entries are not own keys: it read as no options (review).
  if (!isRecord(options)) throw new TwinningArgumentError(caller, `options must be an object, got ${showArgument(options)}`);
  const found = recordProblem(options, schema as Record<string, OptionRule>, `option of ${caller}`);
  if (found !== undefined) throw new TwinningArgumentError(caller, found);
  return Object.fromEntries(Object.entries(options).filter((entry) => entry[1] !== undefined)) as Partial<T>;
}

/**
 * What is wrong with a record's entries (a key the schema lacks, with its nearest, or a value
 * its rule refuses), or undefined; for options and for records inside them (topicRules' entries,
 * similarity), whose misspelt keys were ignored (review).
 */
export function recordProblem(record: Record<string, unknown>, schema: Readonly<Record<string, OptionRule>>, what: string): string | undefined {
  const known = Object.keys(schema);
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(schema, key)) {
      const near = nearest(key, known);
      return `${key}: unknown ${what}${near === undefined ? `; known: ${known.join(", ")}` : `; did you mean ${near}?`}`;
    }
    const found = record[key] === undefined ? undefined : problem(schema[key] as OptionRule, record[key]);
    if (found !== undefined) return `${key}: ${found}`;
  }
  return undefined;
}

/** Common rules, so schemas read alike. */
export const OPTION_RULES = Object.freeze({
  confidence: { type: "number", above: 0, below: 1 } as OptionRule,
  alternative: { type: "enum", values: ["two-sided", "greater", "less"] } as OptionRule,
  seed: { type: "seed" } as OptionRule,
  positiveInteger: { type: "number", integer: true, min: 1 } as OptionRule,
  threads: { type: "number", integer: true, min: 1, max: 1024 } as OptionRule,
});
