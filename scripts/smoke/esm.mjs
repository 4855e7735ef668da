// Smoke test of the packed package from Node ESM: import by name, load the bundled example.
import { fileURLToPath } from "node:url";
import { TwinningInputError, loadNetwork, parseNetwork } from "twinning-network";

const folder = fileURLToPath(new URL("node_modules/twinning-network/examples/data/rwanda", import.meta.url));
const network = await loadNetwork(folder);
if (network.institutions.length !== 40) throw new Error(`ESM: expected 40 institutions, got ${network.institutions.length}`);
try {
  parseNetwork({ "institutions.csv": "id,kind\nA,hospital\n", "topics.csv": "id\nx\n", "scores.csv": "institution,topic,period,value\nA,x,p,oops\n", "interests.csv": "institution,topic\n" });
  throw new Error("ESM: a bad score was accepted");
} catch (error) {
  if (!(error instanceof TwinningInputError) || error.issues[0]?.code !== "not-a-number") throw error;
}
console.log(`node ESM: ok (${network.institutions.length} institutions, ${network.scores.length} scores)`);
