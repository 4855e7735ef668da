/**
 * The two entries as users load them (issue 10): the size of each entry with every file it
 * imports (goal for the core's ES module build: <= 300 KB and no vega), and the time to import it
 * in a fresh Node process against bare Node (goal for the core: <= 60 ms more), for Node's ES
 * module entry (index.node.mjs, over the CommonJS build), the ES module build bundlers take, and
 * require. Builds the package with the
 * repository's tsup config into .tmp/bench-dist (no declarations, no source maps), so the numbers
 * never come from a stale dist/.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { type BenchRow, buildPackage, root } from "./harness.js";

const out = join(root, ".tmp", "bench-dist");
const SPAWNS = 15;

/** The entry file and every built file it imports, transitively, with their total size. */
function closure(entry: string): { files: string[]; bytes: number; text: string } {
  const seen = new Set<string>();
  const queue = [entry];
  let text = "";
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    text += source;
    for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\(import\.meta\.url\)\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) queue.push(join(dirname(file), match[1] as string));
  }
  return { files: [...seen], bytes: Buffer.byteLength(text), text };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** Median wall time of `SPAWNS` fresh Node processes per script, the scripts interleaved. */
function spawnTimes(scripts: Record<string, string>): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(scripts).map((name) => [name, []]));
  for (let round = 0; round <= SPAWNS; round++) {
    for (const [name, file] of Object.entries(scripts)) {
      const start = performance.now();
      const run = spawnSync(process.execPath, [file], { stdio: ["ignore", "ignore", "pipe"] });
      const ms = performance.now() - start;
      if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr.toString()}`);
      if (round > 0) times[name]?.push(ms); // round 0 warms the file system cache
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]));
}

export function entriesBench(): BenchRow[] {
  buildPackage(out);
  const scripts = join(out, "scripts");
  mkdirSync(scripts, { recursive: true });
  const script = (name: string, text: string): string => {
    const file = join(scripts, name);
    writeFileSync(file, text);
    return file;
  };
  const url = (file: string) => JSON.stringify(pathToFileURL(join(out, file)).href);
  const timings = spawnTimes({
    bare: script("bare.mjs", ""),
    coreNode: script("core-node.mjs", `await import(${url("index.node.mjs")});\n`),
    coreESM: script("core.mjs", `await import(${url("index.js")});\n`),
    coreCJS: script("core.cjs", `require(${JSON.stringify(join(out, "index.cjs"))});\n`),
    viewNode: script("view-node.mjs", `await import(${url("view.node.mjs")});\n`),
    viewESM: script("view.mjs", `await import(${url("view.js")});\n`),
    viewCJS: script("view.cjs", `require(${JSON.stringify(join(out, "view.cjs"))});\n`),
  });
  const bare = timings.bare as number;
  // The CommonJS build marks bundled modules with "// node_modules/..." lines; the ES module build
  // is minified, so esbuild's metafile of it says which files bundle vega.
  const metafilePath = join(out, "metafile-esm.json");
  const metafile = existsSync(metafilePath) ? (JSON.parse(readFileSync(metafilePath, "utf8")) as { outputs: Record<string, { inputs: Record<string, unknown> }> }) : undefined;
  const bundlesVega = (file: string, text: string): boolean =>
    /^\/\/ node_modules\/vega/m.test(text) || Object.keys(metafile?.outputs[relative(root, file)]?.inputs ?? {}).some((input) => input.includes("node_modules/vega"));
  const size = (entry: string): string => {
    const { files, bytes } = closure(join(out, entry));
    const vega = files.some((file) => bundlesVega(file, readFileSync(file, "utf8")));
    return `${entry} + ${files.length - 1} file(s): ${(bytes / 1024).toFixed(1)} KB, ${vega ? "holds vega" : "no vega"}`;
  };
  const task = "import in a fresh Node process (median of 15 spawns)";
  const over = (name: string, goal?: number) => {
    const extra = (timings[name] as number) - bare;
    return `+${extra.toFixed(0)} ms over bare Node${goal === undefined ? "" : ` (goal <= ${goal} ms)`}`;
  };
  return [
    { task, size: "nothing", who: "bare Node", ms: bare },
    { task, size: size("index.node.mjs"), who: "core: import from Node (ESM over the CommonJS build)", ms: timings.coreNode, result: over("coreNode", 60) },
    { task, size: size("index.js"), who: "core: ES module build (what bundlers take; size goal <= 300 KB)", ms: timings.coreESM, result: over("coreESM") },
    { task, size: size("index.cjs"), who: "core: require from Node (CommonJS)", ms: timings.coreCJS, result: over("coreCJS", 60) },
    { task, size: size("view.node.mjs"), who: "view: import from Node (loads the core too)", ms: timings.viewNode, result: over("viewNode") },
    { task, size: size("view.js"), who: "view: ES module build (loads the core too)", ms: timings.viewESM, result: over("viewESM") },
    { task, size: size("view.cjs"), who: "view: require from Node (loads the core too)", ms: timings.viewCJS, result: over("viewCJS") },
  ];
}
