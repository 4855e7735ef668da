// Smoke test of the packed package from Node CommonJS.
const path = require("node:path");
const { assignPartners, betweenness, loadNetwork, TwinningNetwork } = require("twinning-network");
const { DirectedGraph } = require("graphology");

loadNetwork(path.join(__dirname, "node_modules/twinning-network/examples/data/rwanda")).then((network) => {
  if (network.institutions.length !== 40) throw new Error(`CJS: expected 40 institutions, got ${network.institutions.length}`);
  const copy = TwinningNetwork.fromJSON(JSON.stringify(network));
  if (!copy.equals(network)) throw new Error("CJS: JSON round trip changed the network");
  // Pictures come with the view entry: a clear error before it is loaded, pictures after.
  const plan = assignPartners(network);
  try {
    plan.toSVG();
    throw new Error("CJS: plan.toSVG() drew without twinning-network/view");
  } catch (error) {
    if (!String(error?.message).includes('import "twinning-network/view"')) throw error;
  }
  require("twinning-network/view");
  // The picture is computed, not only imported: ESM, CJS and Deno must draw the same SVG.
  require("node:fs").writeFileSync("svg-cjs.svg", network.toSVG());
  require("node:fs").writeFileSync("svg-plan-cjs.svg", plan.toSVG());
  console.log(`node CJS: ok (${network.peers.size} peer contacts)`);
});

// Betweenness on worker threads (the kernel's source text runs in each worker) equals one thread's.
{
  const graph = new DirectedGraph();
  for (let i = 0; i < 400; i++) graph.addNode(`n${i}`);
  for (let i = 0; i < 400; i++) for (const step of [1, 7, 31]) graph.mergeEdge(`n${i}`, `n${(i * step + 13) % 400}`, { weight: 1 + ((i * step) % 5) });
  const one = betweenness(graph, { threads: 1 });
  const two = betweenness(graph, { threads: 2 });
  if (!graph.nodes().every((node) => Object.is(one[node], two[node]))) throw new Error("CJS: threaded betweenness differs");
}
