/**
 * The layering of src/ (docs/decisions.md, "Layers"): each layer imports only those below it.
 *   core <- model <- { plan, flow, effects, io/read } <- { io/write, view } <- cli
 * The three jobs never import each other; nothing imports the view but the command line; the core
 * entry (src/index.ts) never imports the view. `npm run lint` runs this check.
 */
const LAYER_PATHS = {
  core: "^src/core/",
  model: "^src/model/",
  plan: "^src/plan/",
  flow: "^src/flow/",
  effects: "^src/effects/",
  read: "^src/io/read/",
  write: "^src/io/write/",
  view: "^src/view/",
  cli: "^src/cli/",
};

/** Which layers each layer may import (its own always). */
const ALLOWED = {
  core: [],
  model: ["core"],
  plan: ["core", "model"],
  flow: ["core", "model"],
  effects: ["core", "model"],
  read: ["core", "model"],
  write: ["core", "model", "plan", "flow", "effects"],
  view: ["core", "model", "plan", "flow", "effects", "write"],
};

const forbidden = [
  { name: "no-circular", severity: "error", comment: "an import cycle", from: {}, to: { circular: true } },
  {
    name: "no-unknown-folder",
    severity: "error",
    comment: "every source file lives in one of the layers' folders (or is the core entry)",
    from: { path: "^src/", pathNot: [...Object.values(LAYER_PATHS), "^src/index\\.ts$"] },
    to: {},
  },
  {
    name: "core-entry-without-view",
    severity: "error",
    comment: "the core entry (twinning-network) never loads the view (vega); pictures come with twinning-network/view",
    from: { path: "^src/index\\.ts$" },
    to: { path: [LAYER_PATHS.view, LAYER_PATHS.cli] },
  },
  ...Object.entries(ALLOWED).map(([layer, allowed]) => ({
    name: `layer-${layer}`,
    severity: "error",
    comment: `${layer} may import only ${[layer, ...allowed].join(", ")}`,
    from: { path: LAYER_PATHS[layer] },
    to: {
      path: "^src/",
      pathNot: [LAYER_PATHS[layer], ...allowed.map((name) => LAYER_PATHS[name])],
    },
  })),
];

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports count too: a type from a higher layer is still a dependency on it.
    exclude: { path: "^(node_modules|dist)" },
  },
};
