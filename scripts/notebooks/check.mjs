// Checks an executed notebook: no cell errored, every cell ran, and every cell tagged "picture"
// shows an SVG (image/svg+xml). Usage: node check.mjs EXECUTED.ipynb
import { readFileSync } from "node:fs";

const file = process.argv[2];
const book = JSON.parse(readFileSync(file, "utf8"));
const problems = [];
let pictures = 0;
book.cells.forEach((cell, index) => {
  if (cell.cell_type !== "code") return;
  const where = `${file} cell ${index + 1}`;
  // nbclient stamps every executed cell (tslab reports no execution_count, so that cannot tell).
  if (cell.metadata.execution?.["shell.execute_reply"] === undefined) problems.push(`${where}: did not run`);
  for (const output of cell.outputs) {
    if (output.output_type === "error") problems.push(`${where}: ${output.ename}: ${output.evalue}`);
  }
  if ((cell.metadata.tags ?? []).includes("picture")) {
    const svg = cell.outputs.find((output) => typeof output.data?.["image/svg+xml"] !== "undefined");
    const text = svg === undefined ? "" : [].concat(svg.data["image/svg+xml"]).join("");
    if (!text.includes("<svg")) problems.push(`${where}: expected a picture (image/svg+xml), found none`);
    else pictures++;
  }
});
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`${file}: every cell ran, ${pictures} pictures`);
