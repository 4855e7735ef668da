/** The command line's data options: --decimal-comma, --encoding, and warnings printed on stderr. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function folderOf(files: Record<string, string | Uint8Array>): string {
  const folder = mkdtempSync(join(tmpdir(), "twinning-cli-read-"));
  folders.push(folder);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
}

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const european = {
  "institutions.csv": "id;kind\nH1;hospital\nH2;hospital\nH3;hospital\n",
  "topics.csv": "id;unit\nacc;score\n",
  "scores.csv": "institution;topic;period;value\nH1;acc;endline;60,5\nH2;acc;endline;80,25\nH3;acc;endline;70\nH1;acc;baseline;50,5\nH2;acc;baseline;75\nH3;acc;baseline;65\n",
  "interests.csv": "institution;topic\nH1;acc\n",
};

describe("command line data options", () => {
  it("without --decimal-comma, one problem says to use it; with it, the data load and warnings are printed", async () => {
    const data = folderOf(european);
    const out = folderOf({});
    const failed = await run("flow", data, "--out", out, "--quiet");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("(command line: --decimal-comma) [decimal-comma]");
    const done = await run("flow", data, "--out", out, "--quiet", "--decimal-comma");
    expect(done.code).toBe(0);
    expect(done.stderr).toBe(
      "twinning-network flow: warning: periods ordered by first appearance in scores.csv: endline, baseline; if that is not their time order, add periods.csv (columns id, date) or use ISO dates or DHIS2 period ids as labels\n",
    );
  });

  it("--encoding windows-1252 reads a Windows-1252 file; an unknown encoding is a usage error", async () => {
    const latin = Uint8Array.from([..."id,name,kind\nH1,Café,hospital\nH2,b,hospital\n"].map((c) => c.charCodeAt(0)));
    const data = folderOf({ ...european, "institutions.csv": latin, "topics.csv": "id\nacc\n", "scores.csv": "institution,topic,period,value\nH1,acc,2021,1\n", "interests.csv": "institution,topic\n" });
    const out = folderOf({});
    const failed = await run("flow", data, "--out", out, "--quiet");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("institutions.csv line 2: expected UTF-8 text, got byte 0xE9");
    expect((await run("flow", data, "--out", out, "--quiet", "--encoding", "windows-1252")).code).toBe(0);
    const bad = await run("flow", data, "--out", out, "--encoding", "klingon");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--encoding: unknown encoding "klingon"');
  });
});
