/**
 * README snippets cannot go stale: every TypeScript block marked `<!-- readme:run -->` in README.md
 * (and in docs/readme/*.md, the README text proposed by open issues) is executed with tsx against
 * the sources, `data/my-network` read as the bundled example, in a fresh temporary folder; when a
 * `<!-- readme:output -->` text block follows, what the snippet prints must equal it.
 * `UPDATE_README=1 npx vitest run test/readme.test.ts` rewrites the output blocks instead.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE_FOLDER } from "./helpers.js";

const ROOT = join(import.meta.dirname, "..");
const FILES = ["README.md", ...(existsSync(join(ROOT, "docs", "readme")) ? readdirSync(join(ROOT, "docs", "readme")).filter((f) => f.endsWith(".md")).map((f) => join("docs", "readme", f)) : [])];
const BLOCK = /<!-- readme:run -->\n```ts\n([\s\S]*?)```\n(?:\n<!-- readme:output -->\n```text\n([\s\S]*?)```\n)?/g;

interface Snippet {
  file: string;
  line: number;
  code: string;
  output: string | undefined;
}

function snippets(file: string): Snippet[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(BLOCK)].map((match) => ({ file, line: text.slice(0, match.index).split("\n").length, code: match[1] as string, output: match[2] }));
}

/** The snippet as the test runs it: package imports point at the sources, the data folder at the example. */
function runnable(code: string): string {
  const source = (entry: string) => JSON.stringify(join(ROOT, "src", entry));
  return code
    .replace(/"(?:npm:)?twinning-network\/view"/g, source("view/index.ts"))
    .replace(/"(?:npm:)?twinning-network"/g, source("index.ts"))
    .replace(/"data\/my-network"/g, JSON.stringify(EXAMPLE_FOLDER));
}

function run(code: string): string {
  const folder = mkdtempSync(join(tmpdir(), "readme-snippet-"));
  try {
    writeFileSync(join(folder, "snippet.mts"), runnable(code));
    return execFileSync(join(ROOT, "node_modules", ".bin", "tsx"), ["snippet.mts"], { cwd: folder, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 110_000 });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const all = FILES.flatMap(snippets);

describe("README snippets, run", () => {
  it("finds the marked snippets (README.md and docs/readme/*.md)", () => {
    expect(all.length).toBeGreaterThan(0);
  });

  for (const snippet of all) {
    it(`${snippet.file}:${snippet.line} runs${snippet.output === undefined ? "" : " and prints what the text below it says"}`, () => {
      const printed = run(snippet.code);
      if (snippet.output === undefined) return;
      if (process.env.UPDATE_README === "1") {
        const path = join(ROOT, snippet.file);
        const text = readFileSync(path, "utf8");
        const marked = `<!-- readme:run -->\n\`\`\`ts\n${snippet.code}\`\`\`\n\n<!-- readme:output -->\n\`\`\`text\n`;
        writeFileSync(path, text.replace(`${marked}${snippet.output}`, `${marked}${printed}`));
        return;
      }
      expect(printed).toBe(snippet.output);
    });
  }
});
