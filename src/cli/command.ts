/**
 * What every command of the command line shares: its declaration (name, help, options, run) and
 * the context it runs in (the loaded network, the output folder, progress and file writing).
 * Exit codes: 0 done, 1 the data have problems (each printed with file, line and column),
 * 2 a wrong command line.
 */
import type { ParseArgsConfig } from "node:util";
import type { CsvOptions } from "../core/csv.js";
import { nearest } from "../core/options.js";
import { quoteVisibly } from "../model/fields.js";
import type { TwinningNetwork } from "../model/network.js";

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** A wrong command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

/**
 * Problems in a file an option names (a --pin file, say), each with its file, line and column:
 * the message is printed as it is, exit code 1 (the data have problems).
 */
export class DataFileError extends Error {}

/** The parsed option values of one command line (strings and booleans, as node:util parseArgs gives them). */
export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandContext {
  network: TwinningNetwork;
  /** How the CSV files are written (--csv). */
  csv: CsvOptions;
  /** The data folder, as given. */
  folder: string;
  /** The output folder, resolved. */
  out: string;
  values: OptionValues;
  io: CliIO;
  progress: (step: string) => void;
  /** Writes one file into the output folder. */
  save: (name: string, text: string) => Promise<void>;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  help: string;
  /** The command's own options, besides the common ones. */
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Checks the option values before the data are read (throws UsageError). */
  check?: (values: OptionValues) => void;
  /** Whether --out is required. */
  requiresOut?: boolean;
  /** The files the command writes into the output folder: checked before any work, never replaced without --force. */
  outputs: readonly string[];
  run: (context: CommandContext) => Promise<void>;
}

export const COMMON_HELP = `
Common options:
  --out DIR       where to write files (default: the current folder; report: required)
  --force         replace output files that already exist (without it the command refuses)
  --csv DIALECT   how CSV files are written: rfc4180 (default: commas, for programs), excel
                  (the same with a UTF-8 byte order mark, so Excel keeps accented names) or
                  excel-semicolon (also semicolons and decimal commas, for Excel in French,
                  German, Spanish... settings)
  --decimal-comma numbers in the files read are written 12,5 (European spreadsheets)
  --encoding NAME encoding of the files read (data and option files) without a byte-order
                  mark (default utf-8; windows-1252 for CSV saved by Excel on Windows)
  --quiet, -q     no progress lines on standard error
  --help, -h      this help
  --version       the version of twinning-network

Exit codes: 0 every output written; 1 the data have problems or a file could not be
written; 2 a wrong command line (including outputs that exist without --force).`;

/** A period option naming no period of the data: a UsageError with the nearest period and the list. */
export function unknownPeriod(command: string, option: string, period: string, periodIds: readonly string[]): UsageError {
  const near = nearest(period, periodIds);
  const shown = periodIds.slice(0, 10).join(", ") + (periodIds.length > 10 ? ` and ${periodIds.length - 10} more` : "");
  return new UsageError(`${command}: --${option} expects a period of the data, got ${quoteVisibly(period)}${near === undefined ? "" : `; did you mean ${quoteVisibly(near)}?`} (periods: ${shown})`);
}

/** The values of --csv (CsvOptions' dialects). */
export const CSV_DIALECTS: readonly NonNullable<CsvOptions["dialect"]>[] = ["rfc4180", "excel", "excel-semicolon"];

export const isCsvDialect = (value: string): value is NonNullable<CsvOptions["dialect"]> => (CSV_DIALECTS as readonly string[]).includes(value);

/** What a numeric option accepts besides being a finite number: a whole number (`safe`: at most 2^53 - 1), a least and a largest value. */
export interface NumberRule {
  integer?: boolean | "safe";
  min?: number;
  max?: number;
}

/** The numbers a rule accepts, in words: "a whole number 0 or more". */
function describeNumber(rule: NumberRule): string {
  const what = rule.integer ? "a whole number" : "a number";
  return rule.min === undefined ? what : `${what} ${rule.min} or more`;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A numeric option, or undefined when absent; anything the rule refuses is a UsageError naming the option. */
export function numberOption(command: string, values: OptionValues, name: string, rule: NumberRule = {}): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  // Decimal notation only: Number() also takes 0x10, 0b11 and 0o7, which nobody means on a command line.
  const value = typeof text === "string" && DECIMAL.test(text.trim()) ? Number(text) : Number.NaN;
  const whole = rule.integer === "safe" ? Number.isSafeInteger(value) : rule.integer ? Number.isInteger(value) : true;
  if (!Number.isFinite(value) || !whole || (rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
    // The largest value is said only to a whole number above it (the library's own range named its option, not the command line's; adversarial review).
    const largest = rule.max ?? (rule.integer === "safe" ? Number.MAX_SAFE_INTEGER : undefined);
    const tooLarge = largest !== undefined && Number.isInteger(value) && value > largest ? ` (at most ${largest})` : "";
    throw new UsageError(`${command}: --${name} expects ${describeNumber(rule)}${tooLarge}, got ${JSON.stringify(String(text))}`);
  }
  return value;
}

/** A string option, or undefined when absent. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}
