import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { defineConfig, type Options } from "tsup";

// vega and vega-lite are bundled, with vega-canvas's browser build in place of its Node build.
// Why: the Node build loads the optional native `canvas` package with a top-level await, which
// CommonJS (tslab, require) cannot load, and which would make label widths, hence pictures,
// depend on whether `canvas` happens to be installed. Without it vega estimates text widths the
// same way everywhere. See docs/decisions.md.
const require = createRequire(import.meta.url);
const vegaCanvasBrowser = join(dirname(require.resolve("vega-canvas")), "vega-canvas.browser.js");
const bundleVega: Partial<Options> = {
  noExternal: [/^vega/],
  esbuildOptions(options, context) {
    options.alias = { ...options.alias, "vega-canvas": vegaCanvasBrowser };
    // The ES module build (what bundlers and browsers get) is fully minified (the core entry's
    // goal is 300 KB), without keepNames: its naming wrapper round every function and closure
    // cost 11.6 KB and a call per closure made, while stack traces map back through the shipped
    // source maps and Node and Deno take the unminified CommonJS build (docs/decisions.md,
    // "Packaging and tooling"). esbuild never folds floating-point arithmetic, so results are
    // unchanged. Not the CommonJS build: tsup's CommonJS code splitting rewrites esbuild's output
    // afterwards and breaks on minified syntax.
    // CommonJS: esbuild lowers `?.` and `??` to conditionals, before tsup's code splitting runs
    // sucrase, whose helpers allocate an array and closures per evaluation (docs/decisions.md,
    // "Packaging and tooling").
    if (context.format === "cjs") {
      options.supported = { ...options.supported, "optional-chain": false, "nullish-coalescing": false };
    }
    if (context.format === "esm") {
      options.minifyWhitespace = true;
      options.minifySyntax = true;
      options.minifyIdentifiers = true;
      // The sources spell these as Number's properties (the linter's rule), which minifying keeps
      // whole: 65 `Number.POSITIVE_INFINITY` in the plan chunk alone. The globals are the same
      // non-writable values, and esbuild writes them as 1/0 and NaN (about 2 KB of the core).
      // A define's value must be a name or a literal: the sources write -Infinity as
      // -Number.POSITIVE_INFINITY (then -1/0), and JSON.stringify and static functions of Object
      // and Array and three of Number (404 uses in the core) become names injected from scripts/build/globals.js.
      // docs/decisions.md, "The ES module build writes ...".
      options.define = {
        ...options.define,
        "Number.POSITIVE_INFINITY": "Infinity",
        "Number.NaN": "NaN",
        "Number.MAX_SAFE_INTEGER": "9007199254740991",
        "JSON.stringify": "JSON_STRINGIFY",
        "Object.freeze": "OBJECT_FREEZE",
        "Object.entries": "OBJECT_ENTRIES",
        "Object.fromEntries": "OBJECT_FROM_ENTRIES",
        "Object.hasOwn": "OBJECT_HAS_OWN",
        "Object.keys": "OBJECT_KEYS",
        "Array.from": "ARRAY_FROM",
        "Array.isArray": "ARRAY_IS_ARRAY",
        "Object.values": "OBJECT_VALUES",
        "Object.defineProperty": "OBJECT_DEFINE_PROPERTY",
        "Number.isFinite": "NUMBER_IS_FINITE",
        "Number.isInteger": "NUMBER_IS_INTEGER",
        "Number.isSafeInteger": "NUMBER_IS_SAFE_INTEGER",
        "Number.isNaN": "NUMBER_IS_NAN",
        Int32Array: "INT32_ARRAY",
        Float64Array: "FLOAT64_ARRAY",
        Uint8Array: "UINT8_ARRAY",
        "Math.min": "MATH_MIN",
        "Math.max": "MATH_MAX",
        "Math.abs": "MATH_ABS",
        "Math.sqrt": "MATH_SQRT",
        "Math.floor": "MATH_FLOOR",
        "Math.log": "MATH_LOG",
        "Math.exp": "MATH_EXP",
        "Math.round": "MATH_ROUND",
        "Math.ceil": "MATH_CEIL",
        "JSON.parse": "JSON_PARSE",
        undefined: "UNDEFINED_VALUE",
        String: "STRING_FUNCTION",
        Number: "NUMBER_FUNCTION",
        Map: "MAP_CLASS",
        Set: "SET_CLASS",
        WeakMap: "WEAK_MAP_CLASS",
        structuredClone: "STRUCTURED_CLONE",
      };
      options.inject = [...(options.inject ?? []), join(import.meta.dirname, "scripts", "build", "globals.js")];
    }
  },
};

// Three entries share one set of chunks per format: the core (`twinning-network`, no vega), the
// view (`twinning-network/view`, vega bundled into its own chunk) and the command line (ESM only),
// which imports both without a third copy of either.
const shared: Partial<Options> = { dts: true, sourcemap: true, target: "es2022", splitting: true, ...bundleVega };

// Node's ES module entries (the "node" condition of "import" in package.json): the CommonJS build,
// loaded with require, its names re-exported. Why: every runtime dependency of the core ships
// CommonJS, and when an ES module imports a CommonJS module Node first scans its whole text for
// export names (cjs-module-lexer); that scan was most of the ESM import time (about 3x the
// CommonJS time, measured in process). Through require Node never scans them, and ES module and
// CommonJS users in one process share one copy of the library. Bundlers match the "module"
// condition first and take the ES module build (tree-shakable, browser-safe); Deno and Node take
// these. See docs/decisions/issue-10.md.
function writeNodeEntries(outDir: string): void {
  const load = createRequire(import.meta.url);
  for (const entry of ["index", "view"]) {
    const names = Object.keys(load(resolve(outDir, `${entry}.cjs`)) as object).filter((name) => name !== "__esModule");
    if (names.length === 0 || names.some((name) => !/^[A-Za-z_$][\w$]*$/.test(name))) throw new Error(`dist/${entry}.cjs: unexpected export names ${names.join(", ")}`);
    const text = [
      `// Node's ES module entry: the CommonJS build through require (see tsup.config.ts).`,
      `import { createRequire } from "node:module";`,
      `const lib = createRequire(import.meta.url)("./${entry}.cjs");`,
      `export const { ${names.sort().join(", ")} } = lib;`,
      "",
    ].join("\n");
    writeFileSync(join(outDir, `${entry}.node.mjs`), text);
  }
}

// A function of the command line's options, so that `tsup --out-dir X` (the entries benchmark)
// writes the Node entries next to its own build.
export default defineConfig((cli) => [
  // The metafile (dist/metafile-esm.json, not shipped) says what each minified file bundles, for the
// smoke test. No `clean` here: the two configurations build at once, and one's clean could delete
// the other's files; `npm run build` empties dist first.
  { ...shared, entry: { index: "src/index.ts", view: "src/view/index.ts", cli: "src/cli/bin.ts" }, format: ["esm"], metafile: true },
  // CommonJS (tslab, require): the two library entries; tsup splits CommonJS chunks too. Then
  // Node's ES module entries over them.
  { ...shared, entry: { index: "src/index.ts", view: "src/view/index.ts" }, format: ["cjs"], onSuccess: async () => writeNodeEntries(cli.outDir ?? "dist") },
]);
