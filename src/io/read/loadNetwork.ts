/**
 * Reading a network from a folder of CSV, JSON, xlsx or DHIS2 files, or from one Excel workbook
 * with a sheet per table (Node and Deno). The file system is imported lazily so that the rest of
 * the package stays usable in a browser.
 */
import { loadBuiltin } from "../../core/nodeBuiltins.js";
import { TwinningArgumentError, TwinningInputError } from "../../core/errors.js";
import { type OptionSchema, checkOptions } from "../../core/options.js";
import { IssueLog } from "../../model/issueLog.js";
import type { SafeResult, TwinningNetwork } from "../../model/network.js";
import {
  DEFAULT_PARSE_NETWORK_OPTIONS,
  PARSE_NETWORK_SCHEMA,
  type ParseNetworkOptions,
  type TableSource,
  networkFromSources,
  readTextFile,
  tableOfFile,
} from "./parseNetwork.js";
import { readWorkbook } from "./parseWorkbook.js";

const FOLDER_OR_WORKBOOK = "a folder of network files, or an .xlsx workbook";

/** Options of {@link loadNetwork}: those of parseNetwork and a size limit. */
export interface LoadNetworkOptions extends ParseNetworkOptions {
  /**
   * Largest file read, in bytes. A larger file is refused with an issue before it is read.
   * Default: the JavaScript heap's limit divided by {@link MEMORY_PER_FILE_BYTE} (loading takes
   * about 30 bytes of memory per byte of CSV: 1,000,000 score rows, 17 MB, peak at about 600 MB),
   * or 128 MiB where the heap limit cannot be read.
   */
  maxFileBytes?: number;
}

/**
 * Bytes of memory a byte of CSV may take while loading, with a margin (measured: about 30).
 * @example
 * const limit = v8.getHeapStatistics().heap_size_limit / MEMORY_PER_FILE_BYTE; // the default maxFileBytes
 */
export const MEMORY_PER_FILE_BYTE = 40;

/**
 * Defaults of {@link LoadNetworkOptions} (maxFileBytes follows the heap limit when not given).
 * @example
 * DEFAULT_LOAD_NETWORK_OPTIONS // { decimal: ".", encoding: "utf-8" }
 */
export const DEFAULT_LOAD_NETWORK_OPTIONS: Readonly<LoadNetworkOptions & Required<ParseNetworkOptions>> = Object.freeze({ ...DEFAULT_PARSE_NETWORK_OPTIONS });

/** The default size limit: what the heap can hold, by its limit (Node, Deno), else 128 MiB. */
async function defaultMaxFileBytes(): Promise<number> {
  try {
    const v8 = await loadBuiltin<typeof import("node:v8")>("node:v8");
    const limit = v8.getHeapStatistics().heap_size_limit;
    if (Number.isFinite(limit) && limit > 0) return Math.floor(limit / MEMORY_PER_FILE_BYTE);
  } catch {
    // no node:v8 here
  }
  return 128 * 1024 * 1024;
}

const LOAD_NETWORK_SCHEMA: OptionSchema<LoadNetworkOptions> = {
  ...PARSE_NETWORK_SCHEMA,
  maxFileBytes: { type: "number", integer: true, min: 1 },
};

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Reads a folder or a workbook into table sources. */
async function readPath(target: string, settings: Required<LoadNetworkOptions>, log: IssueLog, warnings: string[]): Promise<TableSource[]> {
  // In a try, so that bundlers for the browser take these imports as optional (esbuild does).
  let fs: typeof import("node:fs/promises");
  let path: typeof import("node:path");
  try {
    fs = await loadBuiltin<typeof import("node:fs/promises")>("node:fs/promises");
    path = await loadBuiltin<typeof import("node:path")>("node:path");
  } catch {
    throw new TwinningArgumentError("loadNetwork", "needs a file system (Node or Deno); in a browser read the files yourself and use parseNetwork or parseWorkbook");
  }
  let stats: import("node:fs").Stats;
  try {
    stats = await fs.stat(target);
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    const expected = FOLDER_OR_WORKBOOK;
    log.add({ code: "missing-file", file: target, expected, message: `${target}: expected ${expected}, got ${code === "ENOENT" ? "nothing at that path" : `an error (${code || String(error)})`}` });
    return [];
  }
  const tooLarge = (file: string, size: number): boolean => {
    if (size <= settings.maxFileBytes) return false;
    const expected = `a file of at most ${megabytes(settings.maxFileBytes)} (maxFileBytes)`;
    log.expect({ code: "file-too-large", file, value: String(size), expected }, file, `${megabytes(size)}; loading takes about 30 bytes of memory per byte of CSV: split the file (by period or topic), or give Node more memory (node --max-old-space-size=8192) or raise maxFileBytes`);
    return true;
  };
  if (stats.isFile()) {
    const file = path.basename(target);
    if (!/\.xlsx$/i.test(file)) {
      const expected = `${FOLDER_OR_WORKBOOK} with a sheet per table`;
      log.expect({ code: "unsupported-file", file, expected }, file, "another kind of file");
      return [];
    }
    if (tooLarge(file, stats.size)) return [];
    return readWorkbook(file, new Uint8Array(await fs.readFile(target)), undefined, log, warnings);
  }
  const sources: TableSource[] = [];
  const names = (await fs.readdir(target)).sort();
  for (const name of names) {
    const kind = tableOfFile(name);
    if (kind === undefined || name.startsWith("~$")) continue; // ~$name.xlsx: Excel's lock file
    const full = path.join(target, name);
    const size = (await fs.stat(full)).size;
    if (tooLarge(name, size)) {
      sources.push({ name: kind.name, file: name });
      continue;
    }
    const bytes = new Uint8Array(await fs.readFile(full));
    if (kind.format === "xlsx") for (const source of await readWorkbook(name, bytes, kind.name, log, warnings)) sources.push(source);
    else {
      const source = readTextFile(name, bytes, settings, log, warnings);
      if (source) sources.push(source);
    }
  }
  return sources;
}

/**
 * Like {@link loadNetwork}, but resolves to `{ ok: false, issues }` instead of rejecting on bad data.
 * @example
 * const result = await safeLoadNetwork("data");
 * if (!result.ok) for (const issue of result.issues) console.error(issue.message);
 */
export async function safeLoadNetwork(path: string, options?: LoadNetworkOptions): Promise<SafeResult> {
  if (typeof path !== "string" || path === "") throw new TwinningArgumentError("loadNetwork", `expected the path of a folder or an .xlsx workbook, got ${path === "" ? "an empty string" : typeof path}`);
  const checked = checkOptions("loadNetwork", options, LOAD_NETWORK_SCHEMA);
  const settings: Required<LoadNetworkOptions> = { ...DEFAULT_PARSE_NETWORK_OPTIONS, maxFileBytes: checked.maxFileBytes ?? (await defaultMaxFileBytes()), ...checked };
  const log = new IssueLog();
  const warnings: string[] = [];
  const sources = await readPath(path, settings, log, warnings);
  if (sources.length === 0 && log.size > 0) return { ok: false, issues: log.issues() };
  return networkFromSources(sources, log, warnings, settings);
}

/**
 * Reads a network from a folder holding `institutions`, `topics`, `scores` (or a DHIS2 export,
 * `dhis2.json` or `dhis2.csv`) and `interests` and, when present, `periods`, `partnerships` and
 * `activities`, each as `.csv`, `.json` or `.xlsx`; or from one Excel workbook whose sheets are
 * named after the tables.
 * @throws {TwinningInputError} listing every problem in every file.
 * @example
 * const network = await loadNetwork("examples/data/rwanda");
 * const fromExcel = await loadNetwork("examples/data/excel/network.xlsx");
 */
export async function loadNetwork(path: string, options?: LoadNetworkOptions): Promise<TwinningNetwork> {
  const result = await safeLoadNetwork(path, options);
  if (!result.ok) throw new TwinningInputError(`loadNetwork(${JSON.stringify(path)})`, result.issues);
  return result.network;
}
