/**
 * The `twinning-network` command, for people whose data live in spreadsheets: plan, flow,
 * evaluate and report over a folder of CSV files, one file per command in commands/. `main` takes
 * the arguments and two writers and returns the exit code, so tests run it in-process; bin.ts
 * connects it to the process. Exit codes: 0 done, 1 the data have problems (each printed with
 * file, line and column), 2 a wrong command line.
 */
import { lstat, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { TwinningArgumentError, TwinningError, TwinningInputError } from "../core/errors.js";
import { nearest } from "../core/options.js";
import { isKnownEncoding } from "../io/read/decode.js";
import { safeLoadNetwork } from "../io/read/loadNetwork.js";
import { CSV_DIALECTS, type CliIO, type Command, DataFileError, type OptionValues, UsageError, isCsvDialect } from "./command.js";
import { designCommand } from "./commands/design.js";
import { evaluateCommand } from "./commands/evaluate.js";
import { flowCommand } from "./commands/flow.js";
import { planCommand } from "./commands/plan.js";
import { reportCommand } from "./commands/report.js";

export type { CliIO } from "./command.js";

const VERSION = "0.1.0";

export const COMMANDS: readonly Command[] = [planCommand, flowCommand, evaluateCommand, reportCommand, designCommand];

const MAIN_HELP = `twinning-network ${VERSION}: plan and evaluate twinning partnership networks.

Usage: twinning-network <command> <folder> [options]

Commands:
  plan <folder>       a high-performing partner for every chosen topic; writes plan.csv
  flow <folder>       teachers, learners, brokers and isolated institutions; writes flow.csv
  evaluate <folder>   choosers versus the others, baseline to endline; writes effects.csv
  report <folder>     one HTML page with the tables and pictures of all three; --out DIR
  design <folder>     before a programme: power and the smallest detectable effect; writes design.csv

<folder> holds institutions, topics, scores and interests (and optionally periods,
partnerships and activities) as .csv, .json or .xlsx files (scores may be a DHIS2 export,
dhis2.json or dhis2.csv); it may also be one .xlsx workbook with a sheet per table.
See the README's data format.

Data options (every command):
  --decimal-comma     numbers are written 12,5 (European spreadsheets)
  --encoding NAME     encoding of files without a byte-order mark (default utf-8;
                      windows-1252 for CSV saved by Excel on Windows)
Run "twinning-network <command> --help" for a command's options.`;

export const COMMON_OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  out: { type: "string" },
  force: { type: "boolean" },
  csv: { type: "string" },
  "decimal-comma": { type: "boolean" },
  encoding: { type: "string" },
} as const;

/** A file-system error code, if any. */
const errorCode = (error: unknown): string | undefined => (error instanceof Error && "code" in error ? String(error.code) : undefined);

/** Whether a path exists (without following a final symbolic link). */
async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === "ENOENT") return false;
    throw error;
  }
}

/**
 * Writes a file whole or not at all: into a temporary name beside it, then renamed over the
 * target, so a full disk or an interrupted run never leaves half a plan.csv.
 */
async function writeWhole(path: string, text: string): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Makes a folder and its missing parents one level at a time. Not `mkdir(..., { recursive: true })`:
 * on Node 20 that never settles for a path under /proc, and the command would hang.
 */
async function makeFolder(path: string): Promise<void> {
  const missing: string[] = [];
  for (let current = path; ; current = dirname(current)) {
    if (await exists(current)) break;
    missing.push(current);
    if (dirname(current) === current) break;
  }
  for (const folder of missing.reverse()) await mkdir(folder);
}

/** A usage error in words; an unknown option gets the nearest known one, as the library's options do. */
function usageMessage(error: Error, command: Command | undefined): string {
  const unknown = "code" in error && error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? /'(-{1,2}[^']+)'/.exec(error.message)?.[1] : undefined;
  if (unknown === undefined) return error.message;
  const known = Object.keys({ ...COMMON_OPTIONS, ...(command?.options ?? {}) });
  const near = nearest(unknown.replace(/^-+/, ""), known);
  return `${command === undefined ? "" : `${command.name}: `}unknown option ${unknown}${near === undefined ? "" : `; did you mean --${near}?`}`;
}

/** An argument that is a negative number (-1, -0.5, -.5, -1e3, -Infinity), never an option name. */
const NEGATIVE_NUMBER = /^-(\.?\d|Infinity$)/;

/**
 * The arguments with `--backups -1` written `--backups=-1`: node:util parseArgs takes "-1" for an
 * option and calls the value ambiguous, so the option's own check could not say what it expects.
 * A negative number after an option that takes a value is that value (no option is named by a
 * digit); arguments after "--" are left as they are.
 */
function joinNegativeValues(argv: readonly string[], options: Record<string, { type: string }>): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      joined.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    const name = arg.startsWith("--") && !arg.includes("=") ? arg.slice(2) : undefined;
    if (name !== undefined && Object.hasOwn(options, name) && options[name]?.type === "string" && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/** Runs one command; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const started = performance.now();
  let quiet = false;
  const progress = (step: string) => {
    if (!quiet) io.stderr(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${step}\n`);
  };
  const first = argv.find((arg) => !arg.startsWith("-"));
  const command = COMMANDS.find((c) => c.name === first);
  try {
    const known = { ...COMMON_OPTIONS, ...(command?.options ?? {}) };
    const { values, positionals } = parseArgs({ args: joinNegativeValues(argv, known), allowPositionals: true, strict: true, options: known });
    const options = values as OptionValues;
    quiet = values.quiet === true;
    const [name, folder, ...extra] = positionals;
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (name === undefined || name === "help") {
      io.stdout(`${MAIN_HELP}\n`);
      return name === undefined && !values.help ? 2 : 0;
    }
    if (command === undefined) throw new UsageError(`unknown command "${name}"; expected ${COMMANDS.map((c) => c.name).join(", ")}`);
    if (values.help) {
      io.stdout(`${command.help}\n`);
      return 0;
    }
    if (folder === undefined) throw new UsageError(`${command.name}: expected a data folder`);
    if (extra.length > 0) throw new UsageError(`${command.name}: unexpected argument "${extra[0]}"`);
    if (command.requiresOut && values.out === undefined) throw new UsageError(`${command.name}: --out DIR is required`);
    const out = resolve(values.out ?? ".");
    command.check?.(options);
    if (values.encoding !== undefined && !isKnownEncoding(values.encoding)) throw new UsageError(`--encoding: unknown encoding "${values.encoding}"; try utf-8 or windows-1252`);
    const dialect = values.csv ?? "rfc4180";
    if (!isCsvDialect(dialect)) {
      const near = nearest(dialect, CSV_DIALECTS);
      throw new UsageError(`${command.name}: --csv expects ${CSV_DIALECTS.join(", ")}, got ${JSON.stringify(dialect)}${near === undefined ? "" : `; did you mean ${near}?`}`);
    }
    // Outputs are checked before any work: nothing is computed only to be refused at the end.
    try {
      if (!(await lstat(out)).isDirectory()) throw new UsageError(`${command.name}: --out ${JSON.stringify(out)} is a file, not a folder`);
    } catch (error) {
      if (errorCode(error) !== "ENOENT") throw error;
    }
    if (values.force !== true) {
      const existing: string[] = [];
      for (const file of command.outputs) if (await exists(join(out, file))) existing.push(file);
      if (existing.length > 0) {
        throw new UsageError(`${command.name}: ${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""} in ${JSON.stringify(out)}; pass --force to replace, or choose another --out`);
      }
    }

    progress(`reading ${folder}`);
    const loaded = await safeLoadNetwork(folder, {
      ...(values["decimal-comma"] ? { decimal: "," as const } : {}),
      ...(values.encoding !== undefined ? { encoding: values.encoding } : {}),
    });
    if (!loaded.ok) {
      io.stderr(`twinning-network ${command.name}: ${loaded.issues.length} problem(s) in the data of ${folder}:\n`);
      for (const issue of loaded.issues) io.stderr(`  ${issue.message} [${issue.code}]\n`);
      return 1;
    }
    const network = loaded.network;
    for (const warning of network.warnings) io.stderr(`twinning-network ${command.name}: warning: ${warning}\n`);
    progress(`read ${network.institutions.length} institutions, ${network.topics.length} topics, ${network.scores.length} scores`);
    const written: string[] = [];
    const save = async (file: string, text: string) => {
      if (!command.outputs.includes(file)) throw new Error(`internal: ${command.name} writes ${file}, which it does not declare`);
      // The folder is made at the first file, so a command that stops early leaves nothing behind.
      if (written.length === 0) await makeFolder(out);
      await writeWhole(join(out, file), text);
      written.push(join(out, file));
    };
    await command.run({ network, csv: { dialect }, folder, out, values: options, io, progress, save });
    progress(`wrote ${written.join(", ")}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      io.stderr(`twinning-network: ${usageMessage(error, command)}\nRun "twinning-network ${command === undefined ? "" : `${command.name} `}--help" for usage.\n`);
      return 2;
    }
    if (error instanceof DataFileError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    if (error instanceof TwinningInputError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    if (error instanceof TwinningArgumentError || error instanceof TwinningError) {
      io.stderr(`twinning-network: ${error.message}\n`);
      return 2;
    }
    const code = errorCode(error);
    if (code !== undefined && ["ENOENT", "ENOTDIR", "EACCES", "EPERM", "EROFS", "EEXIST", "EISDIR", "ENOSPC", "EMFILE"].includes(code)) {
      // One line, no stack trace: the path and what the system said.
      io.stderr(`twinning-network: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}
