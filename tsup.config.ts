import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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
  esbuildOptions(options) {
    options.alias = { ...options.alias, "vega-canvas": vegaCanvasBrowser };
  },
};

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    splitting: false,
    ...bundleVega,
  },
  {
    // The command-line tool: one ESM file; bin.ts carries the shebang.
    entry: { cli: "src/cli/bin.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "es2022",
    splitting: false,
    ...bundleVega,
  },
]);
