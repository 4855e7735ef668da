import { createHash } from "node:crypto";
import { assignPartners } from "./src/index.js";
import { syntheticNetwork } from "./test/plan/synthetic.js";
const configs: [number, number, number, string[], number, object][] = [
  [1, 300, 6, ["hospital", "district"], 0, {}],
  [2, 300, 6, ["hospital", "district"], 0, { backups: 1 }],
  [3, 300, 6, ["hospital", "district"], 0, { topicCapacity: 1 }],
  [4, 400, 6, ["hospital"], 0.2, {}],
  [5, 400, 6, ["hospital"], 0.2, { weights: { gap: 1, similarity: 2, group: 3 } }],
  [6, 300, 6, ["hospital", "district"], 0, { weights: { gap: 1, similarity: -0.5, group: 0.5 } }],
  [7, 500, 6, ["hospital", "district"], 0, { backups: 1 }],
  [8, 1000, 8, ["hospital", "district"], 0.1, {}],
  [9, 2000, 6, ["hospital"], 0, {}],
  [10, 300, 6, ["hospital", "district"], 0, { groups: "different" }],
  [11, 300, 6, ["hospital", "district"], 0, { capacity: 1 }],
  [7, 5000, 12, ["hospital", "district"], 0, {}],
];
for (const [seed, n, t, kinds, holes, options] of configs) {
  const network = syntheticNetwork(seed, n, t, kinds, holes);
  let text: string;
  try {
    const plan = assignPartners(network, options as never);
    text = JSON.stringify({ pairs: plan.pairs, uncovered: plan.uncovered, objective: plan.objective, covered: plan.covered });
  } catch (e) { text = "ERR " + (e as Error).message; }
  console.log(seed, n, JSON.stringify(options), text.startsWith("ERR") ? "" : JSON.parse(text).covered, text.startsWith("ERR") ? "" : JSON.parse(text).objective, createHash("sha256").update(text).digest("hex").slice(0, 16), text.length);
}
