// After `typedoc` (which fails on any undocumented export): every exported function, class and
// constant must also carry an @example, so the reference shows how each is called.
// Reads the JSON TypeDoc writes (.tmp/api.json, see typedoc.json).
import { readFileSync } from "node:fs";

const KINDS = { 32: "variable", 64: "function", 128: "class" }; // TypeDoc's ReflectionKind values
const api = JSON.parse(readFileSync(new URL("../.tmp/api.json", import.meta.url), "utf8"));
const missing = [];
for (const child of api.children ?? []) {
  const kind = KINDS[child.kind];
  if (kind === undefined) continue;
  const comments = [child.comment, ...(child.signatures ?? []).map((s) => s.comment)].filter(Boolean);
  if (!comments.some((c) => (c.blockTags ?? []).some((tag) => tag.tag === "@example"))) missing.push(`${kind} ${child.name}`);
}
if (missing.length > 0) {
  console.error(`API reference: ${missing.length} export(s) without an @example:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
console.log(`API reference: every exported function, class and constant has an @example (${api.children.length} exports)`);
