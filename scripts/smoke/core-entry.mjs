// Smoke test of the installed package's files: the core entry (`twinning-network`, ESM and
// CommonJS) and every chunk it imports hold no vega or d3 code (nothing bundled from node_modules
// at all: the core's dependencies stay external) and no literal import of a Node built-in (vega's
// loader brought `import fs from "fs"`, which breaks browser bundles); prints the closure's size.
// Also: the command line holds no third copy of the core or vega, and every relative import in a
// shipped file is shipped.
// Usage: node core-entry.mjs <folder of the installed package>
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative } from "node:path";

const pkg = process.argv[2];
if (pkg === undefined) throw new Error("usage: node core-entry.mjs <package folder> <esbuild metafile of the ES module build>");
// The ES module build is minified (no "// node_modules/..." markers survive), so what each of its
// files bundles is read from esbuild's metafile of that build: output file -> its input modules.
const metafile = process.argv[3] === undefined ? undefined : JSON.parse(readFileSync(process.argv[3], "utf8"));
const inputsOf = (name) => Object.keys(metafile?.outputs?.[name]?.inputs ?? {});

// Relative imports of built files: static and dynamic ESM imports, CommonJS requires.
const LOCAL = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\(import\.meta\.url\)\(\s*)["'](\.{1,2}\/[^"']+)["']/g;
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const IMPORTED = /(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)["']([^"']+)["']/gm;

/** The entry file and every built file it imports, transitively. */
function closure(entry) {
  const seen = new Set();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, "utf8").matchAll(LOCAL)) queue.push(join(dirname(file), match[1]));
  }
  return [...seen].sort();
}

const problems = [];
for (const [format, entry] of [
  ["ESM", "dist/index.js"],
  ["CommonJS", "dist/index.cjs"],
  ["Node import", "dist/index.node.mjs"],
]) {
  const files = closure(join(pkg, entry));
  let bytes = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    bytes += Buffer.byteLength(text);
    const name = relative(pkg, file);
    // esbuild marks each bundled module with a "// node_modules/<package>/..." line.
    const bundled = new Set([...text.matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)/gm)].map((m) => m[1]));
    if (format === "ESM") {
      if (metafile === undefined) problems.push("no metafile of the ES module build was given");
      else if (metafile.outputs?.[name] === undefined) problems.push(`the metafile does not know ${name}`);
      for (const input of inputsOf(name)) {
        const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
        if (match) bundled.add(match[1]);
      }
    }
    if (bundled.size > 0) problems.push(`${format} ${name} bundles ${[...bundled].join(", ")}`);
    if (/\bvega-(?:util|scale|loader|lite)\b|\bd3-(?:array|scale|format)\b/.test(text)) problems.push(`${format} ${name} mentions vega or d3 modules`);
    if (format === "ESM") {
      const nodeImports = [...text.matchAll(IMPORTED)].map((m) => m[1]).filter((specifier) => builtins.has(specifier));
      if (nodeImports.length > 0) problems.push(`${format} ${name} imports Node built-ins: ${nodeImports.join(", ")}`);
    }
  }
  console.log(`core entry (${format}): ${files.length} files, ${(bytes / 1024).toFixed(1)} KB: ${files.map((f) => relative(pkg, f)).join(", ")}`);
  if (format === "ESM" && bytes > 300 * 1024) problems.push(`ESM core entry is ${(bytes / 1024).toFixed(1)} KB, over the 300 KB goal`);
}
// The command line shares the library's chunks: no third copy of the core or of vega in cli.js.
{
  const cli = readFileSync(join(pkg, "dist/cli.js"), "utf8");
  const copies = [...cli.matchAll(/^\/\/ (node_modules\/[^/]+|src\/(?!cli\/)[^\n]+)/gm)].map((m) => m[1]);
  for (const input of inputsOf("dist/cli.js")) if (/node_modules\/|^src\/(?!cli\/)/.test(input)) copies.push(input);
  if (copies.length > 0) problems.push(`dist/cli.js holds its own copy of ${copies.slice(0, 5).join(", ")}${copies.length > 5 ? ", ..." : ""}`);
  console.log(`command line: dist/cli.js ${(Buffer.byteLength(cli) / 1024).toFixed(1)} KB, imports ${[...cli.matchAll(/from\s*"(\.\/[^"]+)"/g)].map((m) => m[1]).join(", ")}`);
}
// The tarball holds nothing that imports a file it does not ship (issue 10 item 7: it once shipped
// examples/data/generate-rwanda.ts, which imports ../../src/index.js).
{
  const scripts = readdirSync(pkg, { recursive: true, encoding: "utf8" }).filter((file) => /\.(?:[cm]?js|[cm]?ts)$/.test(file) && !file.split(/[\\/]/).includes("node_modules"));
  for (const file of scripts) {
    for (const match of readFileSync(join(pkg, file), "utf8").matchAll(LOCAL)) {
      const target = join(pkg, dirname(file), match[1]);
      const candidates = [target, target.replace(/\.js$/, ".d.ts"), target.replace(/\.cjs$/, ".d.cts"), target.replace(/\.js$/, ".ts"), ...[".js", ".ts", ".d.ts", "/index.js"].map((end) => target + end)];
      if (!candidates.some((candidate) => existsSync(candidate))) problems.push(`${file} imports ${match[1]}, which the package does not ship`);
    }
  }
  console.log(`package: ${scripts.length} script and declaration files checked for relative imports of unshipped files`);
}
if (problems.length > 0) {
  console.error(`core entry: ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log("core entry: no vega, no d3, nothing bundled from node_modules, no Node built-in imports (ESM)");
