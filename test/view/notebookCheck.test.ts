/**
 * scripts/notebooks/check.mjs, the check of the executed notebooks (scripts/notebooks.sh), fails
 * where issue 16 found problems: a picture shown twice (tslab's HTML and SVG), none, or a text
 * cell printing a quoted string literal (Deno's last expression); it passes a clean notebook.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const CHECK = join(import.meta.dirname, "..", "..", "scripts", "notebooks", "check.mjs");
const folder = mkdtempSync(join(tmpdir(), "notebook-check-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const ran = { execution: { "iopub.status.busy": "2026-11-30T15:00:00.000Z", "iopub.status.idle": "2026-11-30T15:00:01.250Z", "shell.execute_reply": "2026-11-30T15:00:01.200Z" } };
const svg = '<svg xmlns="http://www.w3.org/2000/svg"></svg>';
const cell = (tags: string[], outputs: unknown[]) => ({ cell_type: "code", metadata: { ...ran, tags }, outputs, source: [] });
const html = (text: string) => ({ output_type: "display_data", data: { "text/html": text } });

function check(cells: unknown[]): { status: number | null; out: string } {
  const file = join(folder, `book-${Math.random().toString(36).slice(2)}.ipynb`);
  writeFileSync(file, JSON.stringify({ cells }));
  const result = spawnSync(process.execPath, [CHECK, file], { encoding: "utf8" });
  return { status: result.status, out: result.stdout + result.stderr };
}

describe("scripts/notebooks/check.mjs", () => {
  it("passes one picture per picture cell and prints how long the view import took", () => {
    const result = check([cell(["view"], []), cell(["picture"], [{ output_type: "display_data", data: { "text/html": `<figure>${svg}</figure>`, "image/svg+xml": svg } }])]);
    expect(result.status, result.out).toBe(0);
    expect(result.out).toContain("the view import cell took 1.25 s");
    expect(result.out).toContain("1 pictures, each shown once");
  });

  it("fails a picture shown twice (HTML holding the SVG, then the SVG again)", () => {
    const result = check([cell(["picture"], [html(svg), { output_type: "display_data", data: { "image/svg+xml": svg } }])]);
    expect(result.status).toBe(1);
    expect(result.out).toContain("expected exactly one picture, found 2");
  });

  it("fails a picture cell with no picture, and a text cell that prints a quoted literal", () => {
    expect(check([cell(["picture"], [html("<table></table>")])]).out).toContain("found 0");
    const quoted = check([cell([], [{ output_type: "execute_result", data: { "text/plain": '"3 needs lose their mentor"' } }])]);
    expect(quoted.status).toBe(1);
    expect(quoted.out).toContain("prints a quoted string literal");
  });
});
