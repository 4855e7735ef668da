// Smoke test of the display protocol across module systems (tslab, mixed bundles): results made by
// the ES module build draw with the view loaded through CommonJS, because the pictures are
// registered in a global symbol slot, not in a module variable of one copy.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { assignPartners, loadNetwork } from "twinning-network";

const folder = fileURLToPath(new URL("node_modules/twinning-network/examples/data/rwanda", import.meta.url));
const plan = assignPartners(await loadNetwork(folder));
createRequire(import.meta.url)("twinning-network/view");
if (plan.toSVG() !== readFileSync("svg-plan-esm.svg", "utf8")) throw new Error("mixed: an ESM plan drawn by the CommonJS view differs from the ESM view's picture");
console.log("node ESM core + CommonJS view: same picture");
