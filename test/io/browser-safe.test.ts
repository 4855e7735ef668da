/**
 * Reading stays usable in a browser: nothing in src/io/read or src/model imports a Node built-in
 * statically (loadNetwork imports the file system lazily, inside a try, so bundlers treat it as
 * optional), and no data-sized array is spread into a call (issue 13 item 5).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = join(folder, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith(".ts") ? [full] : [];
  });
}
const files = [...sources(join(root, "src", "io", "read")), ...sources(join(root, "src", "model"))];

describe("the readers and the model", () => {
  it.each(files.map((file) => relative(root, file)))("%s has no static import of a Node built-in", (file) => {
    const text = readFileSync(join(root, file), "utf8");
    expect(text.match(/^import[^;]*from\s+["'](node:|fs|path|os|worker_threads)["'/]/gm) ?? []).toEqual([]);
  });

  it.each(files.map((file) => relative(root, file)))("%s spreads no array into a call (push(...x), Math.max(...x))", (file) => {
    const text = readFileSync(join(root, file), "utf8");
    expect(text.match(/\b(push|unshift|max|min|fromCharCode|apply)\(\.\.\./g) ?? []).toEqual([]);
  });
});
