// Smoke test of the packed package from Node CommonJS.
const path = require("node:path");
const { loadNetwork, TwinningNetwork } = require("twinning-network");

loadNetwork(path.join(__dirname, "node_modules/twinning-network/examples/data/rwanda")).then((network) => {
  if (network.institutions.length !== 40) throw new Error(`CJS: expected 40 institutions, got ${network.institutions.length}`);
  const copy = TwinningNetwork.fromJSON(JSON.stringify(network));
  if (!copy.equals(network)) throw new Error("CJS: JSON round trip changed the network");
  console.log(`node CJS: ok (${network.peers.size} peer contacts)`);
});
