/** `twinning-network design`, run in-process through `main`. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { minimumDetectableEffect } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe("twinning-network design", () => {
  it("--help prints its usage; the main help lists it", async () => {
    const { code, stdout } = await run("design", "--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: twinning-network design <folder> --from P --to Q/);
    expect((await run("--help")).stdout).toMatch(/\n {2}design <folder> {5}before a programme/);
  });

  it("writes design.csv with the minimum detectable effect of one topic, as minimumDetectableEffect gives it", async () => {
    const out = mkdtempSync(join(tmpdir(), "twinning-design-"));
    const { code, stdout } = await run("design", EXAMPLE_FOLDER, "--from", "baseline", "--to", "endline", "--topic", "cbhi", "--effect", "3", "--out", out, "--quiet");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^cbhi: with 12 against 18 institutions, only differences in change above [\d.]+ pp/);
    expect(stdout).toMatch(/\n {2}power [\d.]+% to detect 3 pp/);
    const [header, row] = readFileSync(join(out, "design.csv"), "utf8").trim().split("\n");
    expect(header).toMatch(/^topic,test,treated,control,unit,sd,correlation,sd_change,alpha,topics,adjusted_alpha,target_power,mde,/);
    const cells = (row as string).split(",");
    const [sd, correlation] = [Number(cells[5]), Number(cells[6])];
    const expected = minimumDetectableEffect({ treated: 12, control: 18, sd, correlation, unit: "%" });
    expect(Number(cells[12])).toBeCloseTo(expected.effect, 6);
  });

  it("says when the exact permutation test can never reach alpha / topics (4 against 6, 6 topics)", async () => {
    const out = mkdtempSync(join(tmpdir(), "twinning-design-"));
    const { code, stdout } = await run("design", EXAMPLE_FOLDER, "--from", "baseline", "--to", "endline", "--topic", "accreditation", "--test", "permutation", "--topics", "6", "--out", out, "--quiet");
    expect(code).toBe(0);
    expect(stdout).toMatch(/no effect is detectable/);
    expect(stdout).toMatch(/warning: unreachable significance/);
  });

  it("--test cluster clusters by the data's provinces and estimates their ICC", async () => {
    const out = mkdtempSync(join(tmpdir(), "twinning-design-"));
    const { code, stdout } = await run("design", EXAMPLE_FOLDER, "--from", "baseline", "--to", "endline", "--topic", "cbhi", "--test", "cluster", "--simulations", "300", "--out", out, "--quiet");
    expect(code).toBe(0);
    expect(stdout).toMatch(/robustOLS \(CR1, 5 clusters\)/);
    expect(stdout).toMatch(/warning: the intraclass correlation [\d.]+ of the change rests on 5 groups/);
  });

  it("a wrong command line exits 2", async () => {
    expect((await run("design", EXAMPLE_FOLDER, "--to", "endline", "--quiet")).code).toBe(2);
    expect((await run("design", EXAMPLE_FOLDER, "--from", "baseline", "--to", "endline", "--test", "anova", "--quiet")).stderr).toMatch(/--test expects welch, pooled, permutation, ancova, cluster/);
    expect((await run("design", EXAMPLE_FOLDER, "--from", "baseline", "--to", "endline", "--treated", "4", "--quiet")).code).toBe(2);
    // Periods are checked before any topic, as evaluate checks them (every topic "skipped", exit 0; new-user trial).
    const reversed = await run("design", EXAMPLE_FOLDER, "--from", "endline", "--to", "baseline", "--out", mkdtempSync(join(tmpdir(), "twinning-design-")), "--quiet");
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain("design: --from/--to: ");
    expect((await run("design", EXAMPLE_FOLDER, "--from", "baseline", "--to", "baseline", "--out", mkdtempSync(join(tmpdir(), "twinning-design-")), "--quiet")).code).toBe(2);
    // A topic in another case: the command's name and the topic meant (it printed "designFromNetwork: unknown topic").
    const topic = await run("design", EXAMPLE_FOLDER, "--from", "baseline", "--to", "endline", "--topic", "CBHI", "--quiet");
    expect(topic.code).toBe(2);
    expect(topic.stderr).toContain('design: --topic: unknown topic "CBHI"; did you mean cbhi?');
  });

  it("divides alpha by the topics it can design, as evaluate by those it estimates (a skipped topic counted; new-user trial)", async () => {
    const folder = mkdtempSync(join(tmpdir(), "twinning-design-data-"));
    cpSync(EXAMPLE_FOLDER, folder, { recursive: true });
    const scores = readFileSync(join(folder, "scores.csv"), "utf8").split("\n");
    writeFileSync(join(folder, "scores.csv"), scores.filter((row) => !row.includes(",cbhi,baseline,")).join("\n"));
    const out = mkdtempSync(join(tmpdir(), "twinning-design-"));
    const { code, stdout } = await run("design", folder, "--from", "baseline", "--to", "endline", "--out", out, "--quiet");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^cbhi: skipped: /m);
    const [header, ...rows] = readFileSync(join(out, "design.csv"), "utf8").trimEnd().split("\n");
    const column = (header as string).split(",").indexOf("topics");
    expect(rows.length).toBe(12);
    expect(rows.slice(0, 11).every((row) => row.split(",")[column] === "11")).toBe(true);
    expect(rows[11]).toMatch(/^cbhi,(,){18}not designed: topic cbhi: /);
  });

  it("a topic skipped for its test (accreditation chosen by 1 hospital: Welch needs 2 per group) leaves the family too, and design.csv has its row with the reason and no numbers (new-user trial: it counted in alpha / topics and vanished from design.csv)", async () => {
    const folder = mkdtempSync(join(tmpdir(), "twinning-design-data-"));
    cpSync(EXAMPLE_FOLDER, folder, { recursive: true });
    let kept = 0;
    const interests = readFileSync(join(folder, "interests.csv"), "utf8").split("\n");
    writeFileSync(join(folder, "interests.csv"), interests.filter((row) => !row.includes(",accreditation,") || kept++ === 0).join("\n"));
    const out = mkdtempSync(join(tmpdir(), "twinning-design-"));
    const { code, stdout } = await run("design", folder, "--from", "baseline", "--to", "endline", "--out", out, "--quiet");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^accreditation: skipped: the welch test needs at least 2 institutions per group, got 1 and 9$/m);
    expect(stdout).toMatch(/^anc4: .*alpha 0\.00455 = 0\.05 \/ 11 topics\)/m);
    const [header, ...rows] = readFileSync(join(out, "design.csv"), "utf8").trimEnd().split("\n");
    const columns = (header as string).split(",");
    expect(rows.length).toBe(12);
    for (const row of rows.slice(0, 11)) {
      const cells = row.split(",");
      expect(cells[0]).not.toBe("accreditation");
      expect(cells[columns.indexOf("topics")]).toBe("11");
      expect(Number(cells[columns.indexOf("adjusted_alpha")])).toBeCloseTo(0.05 / 11, 12);
    }
    expect(rows[11]).toBe(`accreditation${",".repeat(columns.length - 1)}"not designed: the welch test needs at least 2 institutions per group, got 1 and 9"`);
  });
});
