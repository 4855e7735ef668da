// Smoke test of the packed package from Node ESM: import by name, load the bundled example.
import { fileURLToPath } from "node:url";
import { TwinningInputError, assignPartners, betweenness, loadNetwork, parseNetwork } from "twinning-network";
import { DirectedGraph } from "graphology";

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

// Betweenness on worker threads (the kernel's source text runs in each worker) equals one thread's.
{
  const graph = new DirectedGraph();
  for (let i = 0; i < 400; i++) graph.addNode(`n${i}`);
  for (let i = 0; i < 400; i++) for (const step of [1, 7, 31]) graph.mergeEdge(`n${i}`, `n${(i * step + 13) % 400}`, { weight: 1 + ((i * step) % 5) });
  const one = betweenness(graph, { threads: 1 });
  const two = betweenness(graph, { threads: 2 });
  if (!graph.nodes().every((node) => Object.is(one[node], two[node]))) throw new Error("ESM: threaded betweenness differs");
}

// Pictures come with the view entry: a clear error before it is loaded, pictures after.
const plan = assignPartners(network);
try {
  plan.toSVG();
  throw new Error("ESM: plan.toSVG() drew without twinning-network/view");
} catch (error) {
  if (!String(error?.message).includes('import "twinning-network/view"')) throw error;
}
await import("twinning-network/view");
// The picture is computed, not only imported: ESM, CJS and Deno must draw the same SVG.
const { writeFileSync } = await import("node:fs");
writeFileSync("svg-esm.svg", network.toSVG());
writeFileSync("svg-plan-esm.svg", plan.toSVG());
console.log("node ESM: twinning-network/view registers the pictures");
