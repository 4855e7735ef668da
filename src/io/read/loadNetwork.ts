/**
 * Reading a network from a folder of CSV or JSON files (Node and Deno). The file system is
 * imported lazily so that the rest of the package stays usable in a browser.
 */
import { TwinningInputError } from "../../core/errors.js";
import type { SafeResult, TwinningNetwork } from "../../model/network.js";
import { TABLE_NAMES } from "../../model/table.js";
import { safeParseNetwork } from "./parseNetwork.js";

async function readFolder(folder: string): Promise<Record<string, string>> {
  const fs = await import("node:fs/promises");
  const path = await import("node:path");
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
