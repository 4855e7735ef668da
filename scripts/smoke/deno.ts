// Smoke test of the packed package from Deno, resolved through the local node_modules.
import { assignPartners, betweenness, loadNetwork } from "twinning-network";
import { DirectedGraph } from "graphology";

const folder = new URL("node_modules/twinning-network/examples/data/rwanda", import.meta.url).pathname;
const network = await loadNetwork(folder);
if (network.institutions.length !== 40) throw new Error(`Deno: expected 40 institutions, got ${network.institutions.length}`);
// Pictures come with the view entry: a clear error before it is loaded, pictures after.
const plan = assignPartners(network);
try {
  plan.toSVG();
  throw new Error("Deno: plan.toSVG() drew without twinning-network/view");
} catch (error) {
  if (!String((error as Error)?.message).includes('import "twinning-network/view"')) throw error;
}
await import("twinning-network/view");
// The picture is computed, not only imported: ESM, CJS and Deno must draw the same SVG.
await Deno.writeTextFile("svg-deno.svg", network.toSVG());
await Deno.writeTextFile("svg-plan-deno.svg", plan.toSVG());
console.log(`Deno: ok (${network.topics.length} topics)`);

// Betweenness on worker threads (the kernel's source text runs in each worker) equals one thread's.
{
  const graph = new DirectedGraph();
  for (let i = 0; i < 400; i++) graph.addNode(`n${i}`);
  for (let i = 0; i < 400; i++) for (const step of [1, 7, 31]) graph.mergeEdge(`n${i}`, `n${(i * step + 13) % 400}`, { weight: 1 + ((i * step) % 5) });
  const one = betweenness(graph, { threads: 1 });
  const two = betweenness(graph, { threads: 2 });
  if (!graph.nodes().every((node) => Object.is(one[node], two[node]))) throw new Error("Deno: threaded betweenness differs");
}
