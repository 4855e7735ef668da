// After `typedoc` (which fails on any undocumented export): every exported function, class and
// constant of both entries (`twinning-network` and `twinning-network/view`) must also carry an
// @example, so the reference shows how each is called.
// Reads the JSON TypeDoc writes (.tmp/api.json, see typedoc.json). With several entry points the
// top level holds one module per entry; with one, the exports themselves.
import { readFileSync } from "node:fs";

const MODULE = 2;
const KINDS = { 32: "variable", 64: "function", 128: "class" }; // TypeDoc's ReflectionKind values
const api = JSON.parse(readFileSync(new URL("../.tmp/api.json", import.meta.url), "utf8"));
const modules = (api.children ?? []).some((child) => child.kind === MODULE) ? api.children.filter((child) => child.kind === MODULE) : [{ name: api.name, children: api.children ?? [] }];
const missing = [];
let count = 0;
for (const module of modules) {
  for (const child of module.children ?? []) {
    count++;
    const kind = KINDS[child.kind];
    if (kind === undefined) continue;
    const comments = [child.comment, ...(child.signatures ?? []).map((s) => s.comment)].filter(Boolean);
    if (!comments.some((c) => (c.blockTags ?? []).some((tag) => tag.tag === "@example"))) missing.push(`${module.name}: ${kind} ${child.name}`);
  }
}
if (modules.length < 2) missing.push(`expected two entries (twinning-network, twinning-network/view), found ${modules.map((m) => m.name).join(", ")}`);
if (missing.length > 0) {
  console.error(`API reference: ${missing.length} problem(s), export(s) without an @example:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
console.log(`API reference: every exported function, class and constant has an @example (${count} exports in ${modules.map((m) => m.name).join(" and ")})`);
