// Checks an executed notebook: no cell errored, every cell ran, every cell tagged "picture" shows
// exactly one picture (one output whose HTML or SVG holds an <svg>: a front end renders one MIME
// type per output), and no text output is a quoted string literal. Prints how long the cell
// tagged "view" (the one import of twinning-network/view) took in the kernel.
// Usage: node check.mjs EXECUTED.ipynb
import { readFileSync } from "node:fs";

const file = process.argv[2];
const book = JSON.parse(readFileSync(file, "utf8"));
const problems = [];
let pictures = 0;
const text = (value) => [].concat(value ?? []).join("");
book.cells.forEach((cell, index) => {
  if (cell.cell_type !== "code") return;
  const where = `${file} cell ${index + 1}`;
  const stamps = cell.metadata.execution ?? {};
  // nbclient stamps every executed cell (tslab reports no execution_count, so that cannot tell).
  if (stamps["shell.execute_reply"] === undefined) problems.push(`${where}: did not run`);
  const tags = cell.metadata.tags ?? [];
  if (tags.includes("view") && stamps["shell.execute_reply"] !== undefined) {
    // busy -> idle: both kernels report these (tslab sends no execute_input).
    const seconds = (Date.parse(stamps["iopub.status.idle"]) - Date.parse(stamps["iopub.status.busy"])) / 1000;
    console.log(`${file}: the view import cell took ${seconds.toFixed(2)} s in the kernel`);
  }
  let shown = 0;
  for (const output of cell.outputs) {
    if (output.output_type === "error") problems.push(`${where}: ${output.ename}: ${output.evalue}`);
    const data = output.data ?? {};
    if (text(data["text/html"]).includes("<svg") || text(data["image/svg+xml"]).includes("<svg")) shown++;
    const plain = output.output_type === "stream" ? text(output.text) : text(data["text/plain"]);
    if (/^\s*["'`]/.test(plain) && !tags.includes("picture")) problems.push(`${where}: prints a quoted string literal: ${plain.slice(0, 60)}`);
  }
  if (tags.includes("picture")) {
    if (shown !== 1) problems.push(`${where}: expected exactly one picture, found ${shown}`);
    else pictures++;
  } else if (shown > 0) problems.push(`${where}: a picture where none was expected`);
});
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`${file}: every cell ran, ${pictures} pictures, each shown once`);
