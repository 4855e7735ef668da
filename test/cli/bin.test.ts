/** The executable itself (src/cli/bin.ts) in a process of its own, its output read by a reader that leaves early. */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

describe("twinning-network (bin)", () => {
  it("still writes plan.csv, and exits 0, when the reader of its output closes the pipe at once (| head, | true)", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "twinning-bin-")), "out");
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "cli", "bin.ts"), "plan", join(ROOT, "examples", "data", "rwanda"), "--previous", "none", "--out", out], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    // The reader leaves before the first byte: every write of the table meets a closed pipe.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/Error|at .*\(/);
    expect(code).toBe(0);
    expect(existsSync(join(out, "plan.csv"))).toBe(true);
    expect(readFileSync(join(out, "plan.csv"), "utf8")).toMatch(/^mentee,topic,mentor,role,/);
  }, 60_000);

  it("the same when both outputs go into the closed pipe (2>&1 | head: its progress lines on stderr killed the command with exit 1 and no plan.csv)", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "twinning-bin-")), "out");
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "cli", "bin.ts"), "plan", join(ROOT, "examples", "data", "rwanda"), "--previous", "none", "--out", out], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    child.stderr.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(readFileSync(join(out, "plan.csv"), "utf8")).toMatch(/^mentee,topic,mentor,role,/);
  }, 60_000);
});
