/**
 * The plan options' errors (plan and report), run in-process through `main`: pair files that are
 * missing, folders or hold bad rows, unknown ids, numbers out of range and unknown periods.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { EXAMPLE_FOLDER } from "../helpers.js";

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const scratch = () => mkdtempSync(join(tmpdir(), "twinning-cli-plan-options-"));

/** The plan command on the example, writing into a fresh folder. */
const plan = (...options: string[]) => run("plan", EXAMPLE_FOLDER, "--out", scratch(), "--quiet", ...options);

describe("twinning-network plan: numeric options in command-line terms", () => {
  it.each([
    ["--backups", "1.5", "a whole number 0 or more"],
    ["--backups", "-1", "a whole number 0 or more"],
    ["--capacity", "2.5", "a whole number 0 or more"],
    ["--capacity", "-3", "a whole number 0 or more"],
    ["--topic-capacity", "-1", "a whole number 0 or more"],
    ["--topic-capacity", "1e20", "a whole number 0 or more (at most 9007199254740991)"],
    ["--keep-threshold", "-0.5", "a number 0 or more"],
    ["--keep-threshold", "Infinity", "a number 0 or more"],
  ])("%s %s is a usage error naming the option and what it expects (exit 2), written with a space or '='", async (option, value, expected) => {
    for (const argv of [[option, value], [`${option}=${value}`]]) {
      const { code, stderr } = await plan(...argv);
      expect(code).toBe(2);
      expect(stderr).toBe(`twinning-network: plan: ${option} expects ${expected}, got "${value}"\nRun "twinning-network plan --help" for usage.\n`);
    }
  });

  it("the values assignPartners accepts pass: --capacity 0, --backups 0, --keep-threshold 0.5", async () => {
    expect((await plan("--capacity", "0", "--backups", "0", "--keep-threshold", "0.5", "--previous", "none")).code).toBe(0);
  });

  it("report checks the same numbers the same way", async () => {
    const { code, stderr } = await run("report", EXAMPLE_FOLDER, "--out", scratch(), "--quiet", "--backups", "-1");
    expect(code).toBe(2);
    expect(stderr).toContain('report: --backups expects a whole number 0 or more, got "-1"');
  });
});

describe("twinning-network plan: --period", () => {
  it("a period not in the data is a usage error with a did-you-mean and the periods (exit 2), in plan and report", async () => {
    for (const command of ["plan", "report"]) {
      const { code, stderr } = await run(command, EXAMPLE_FOLDER, "--out", scratch(), "--quiet", "--period", "endlin");
      expect(code).toBe(2);
      expect(stderr).toContain(`${command}: --period expects a period of the data, got "endlin"; did you mean "endline"? (periods: baseline, endline)\n`);
    }
    expect((await plan("--period", "2019")).stderr).toContain('got "2019" (periods: baseline, endline)');
  });
});
