// Smoke test of the packed package from Deno, resolved through the local node_modules.
import { loadNetwork } from "twinning-network";

const folder = new URL("node_modules/twinning-network/examples/data/rwanda", import.meta.url).pathname;
const network = await loadNetwork(folder);
if (network.institutions.length !== 40) throw new Error(`Deno: expected 40 institutions, got ${network.institutions.length}`);
console.log(`Deno: ok (${network.topics.length} topics)`);
