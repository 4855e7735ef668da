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

// Three entries share one set of chunks per format: the core (`twinning-network`, no vega), the
// view (`twinning-network/view`, vega bundled into its own chunk) and the command line (ESM only),
// which imports both without a third copy of either.
const shared: Partial<Options> = { dts: true, sourcemap: true, target: "es2022", splitting: true, ...bundleVega };

export default defineConfig([
  { ...shared, entry: { index: "src/index.ts", view: "src/view/index.ts", cli: "src/cli/bin.ts" }, format: ["esm"], clean: true },
  // CommonJS (tslab, require): the two library entries; tsup splits CommonJS chunks too.
  { ...shared, entry: { index: "src/index.ts", view: "src/view/index.ts" }, format: ["cjs"] },
]);
