// Smoke test of the display protocol across two copies of the library in one process (a bundle
// holding the ES module build next to a CommonJS require, tslab): results made by the ES module
// build (dist/index.js, loaded by path: Node's own `import` takes the CommonJS build) draw with
// the view loaded through CommonJS, because the pictures are registered in a global symbol slot,
// not in a module variable of one copy.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const esmBuild = await import(new URL("node_modules/twinning-network/dist/index.js", import.meta.url).href);
const cjsBuild = createRequire(import.meta.url)("twinning-network");
if (esmBuild.TwinningPlan === cjsBuild.TwinningPlan) throw new Error("mixed: expected two copies of the library");
const folder = fileURLToPath(new URL("node_modules/twinning-network/examples/data/rwanda", import.meta.url));
const plan = esmBuild.assignPartners(await esmBuild.loadNetwork(folder));
createRequire(import.meta.url)("twinning-network/view");
if (plan.toSVG() !== readFileSync("svg-plan-esm.svg", "utf8")) throw new Error("mixed: an ES-module-build plan drawn by the CommonJS view differs from the picture of the Node entry");
console.log("ES module build + CommonJS view (two copies in one process): same picture");
