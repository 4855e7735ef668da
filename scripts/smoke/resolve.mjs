// Smoke test of which file each kind of user gets (package.json "exports"): Node's `import` takes
// the ES module entry over the CommonJS build (dist/*.node.mjs), `require` the CommonJS build, and
// bundlers (esbuild for the browser and for Node) the ES module build (dist/index.js), which is
// tree-shakable and browser-safe. Usage: node resolve.mjs <esbuild binary>
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";

const expect = (what, got, wanted) => {
  if (!got.endsWith(wanted)) throw new Error(`${what}: resolved ${got}, expected .../${wanted}`);
};
const require = createRequire(import.meta.url);
expect("Node import", import.meta.resolve("twinning-network"), "twinning-network/dist/index.node.mjs");
expect("Node import of the view", import.meta.resolve("twinning-network/view"), "twinning-network/dist/view.node.mjs");
expect("Node require", require.resolve("twinning-network"), "twinning-network/dist/index.cjs");
expect("Node require of the view", require.resolve("twinning-network/view"), "twinning-network/dist/view.cjs");

// One copy of the library for ES module and CommonJS users in one Node process.
const esm = await import("twinning-network");
if (esm.TwinningPlan !== require("twinning-network").TwinningPlan) throw new Error("Node: import and require give different copies of TwinningPlan");

const esbuild = process.argv[2];
writeFileSync("bundle-entry.mjs", 'import { parseNetwork } from "twinning-network";\nconsole.log(typeof parseNetwork);\n');
for (const platform of ["browser", "node"]) {
  execFileSync(esbuild, ["bundle-entry.mjs", "--bundle", `--platform=${platform}`, "--format=esm", `--outfile=bundle-${platform}.js`, `--metafile=bundle-${platform}.json`, "--log-level=error"]);
  const inputs = Object.keys(JSON.parse(readFileSync(`bundle-${platform}.json`, "utf8")).inputs).filter((input) => input.includes("twinning-network/dist/"));
  if (!inputs.some((input) => input.endsWith("twinning-network/dist/index.js")) || inputs.some((input) => /\.(node\.mjs|cjs)$/.test(input))) {
    throw new Error(`esbuild (${platform}) took ${inputs.join(", ")}, not the ES module build`);
  }
}
console.log("resolution: Node import -> dist/*.node.mjs (one copy with require), require -> dist/*.cjs, esbuild (browser, node) -> dist/index.js");
