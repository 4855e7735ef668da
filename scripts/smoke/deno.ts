// Smoke test of the packed package from Deno, resolved through the local node_modules.
import { betweenness, loadNetwork } from "twinning-network";
import { DirectedGraph } from "graphology";

const folder = new URL("node_modules/twinning-network/examples/data/rwanda", import.meta.url).pathname;
const network = await loadNetwork(folder);
if (network.institutions.length !== 40) throw new Error(`Deno: expected 40 institutions, got ${network.institutions.length}`);
// The picture is computed, not only imported: ESM, CJS and Deno must draw the same SVG.
await Deno.writeTextFile("svg-deno.svg", network.toSVG());
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
