/**
 * Reading a network from a folder of CSV or JSON files (Node and Deno). The file system is
 * imported lazily so that the rest of the package stays usable in a browser.
 */
import { TwinningInputError } from "../../core/errors.js";
import type { SafeResult, TwinningNetwork } from "../../model/network.js";
import { TABLE_NAMES } from "../../model/table.js";
import { safeParseNetwork } from "./parseNetwork.js";

/**
 * A Node built-in (Node, Deno) loaded by a specifier bundlers do not follow, so that a browser
 * bundle of the package builds: a literal `import("node:fs/promises")` fails esbuild, webpack and
 * Rollup for the browser platform although only `loadNetwork` would ever run it.
 */
async function nodeBuiltin<T>(name: string): Promise<T> {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const loaded = runtime?.getBuiltinModule?.(name);
  if (loaded !== undefined) return loaded as T;
  return (await import(/* webpackIgnore: true */ /* @vite-ignore */ name)) as T;
}

async function readFolder(folder: string): Promise<Record<string, string>> {
  const fs = await nodeBuiltin<typeof import("node:fs/promises")>("node:fs/promises");
  const path = await nodeBuiltin<typeof import("node:path")>("node:path");
  const names = await fs.readdir(folder);
  const files: Record<string, string> = {};
  for (const name of names.sort()) {
    const match = /^(.*)\.(csv|json)$/i.exec(name);
    if (!match || !TABLE_NAMES.includes(match[1]?.toLowerCase() as never)) continue;
    files[name] = await fs.readFile(path.join(folder, name), "utf8");
  }
  return files;
}

/**
 * Like {@link loadNetwork}, but resolves to `{ ok: false, issues }` instead of rejecting on bad data.
 * @example
 * const result = await safeLoadNetwork("data");
 * if (!result.ok) for (const issue of result.issues) console.error(issue.message);
 */
export async function safeLoadNetwork(folder: string): Promise<SafeResult> {
  return safeParseNetwork(await readFolder(folder));
}

/**
 * Reads `institutions`, `topics`, `scores`, `interests` and, when present, `periods`,
 * `partnerships` and `activities` (each `.csv` or `.json`) from a folder.
 * @throws {TwinningInputError} listing every problem in every file.
 * @example
 * const network = await loadNetwork("examples/data/rwanda");
 */
export async function loadNetwork(folder: string): Promise<TwinningNetwork> {
  const result = await safeLoadNetwork(folder);
  if (!result.ok) throw new TwinningInputError(`loadNetwork(${JSON.stringify(folder)})`, result.issues);
  return result.network;
}
