/**
 * The result and options contracts of the effects (issue 10), the exact permutation test against
 * brute-force enumeration, and the evaluate command's period checks (issue 12).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { plainNumber, unitLabel } from "../../src/effects/EffectEstimate.js";
import { compareChanges, EffectEstimate, EffectEstimates, loadNetwork, permutationTest, selectionEffects } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";

const groups = { treated: { before: [60, 55, 62, 58], after: [70, 64, 71, 66], clusters: ["a", "b", "a", "b"] }, control: { before: [61, 66, 59, 64, 70, 57], after: [64, 68, 62, 66, 73, 60], clusters: ["a", "b", "c", "c", "a", "b"] } };

describe("the change-score and ANCOVA disagreement says which (new-user review: it read 0.04 pp against 0.04 pp)", () => {
  it("opposite signs name both estimates with three significant digits (Lord's paradox: regression to each group's mean)", () => {
    const lord = { treated: { before: [60, 70, 80, 72], after: [64, 69, 74, 71.5] }, control: { before: [30, 40, 50, 42], after: [35, 40, 45, 41] } };
    const estimate = compareChanges(lord, { unit: "%" });
    // Change score: mean change -0.625 vs 0; ANCOVA: the within-group slope pulls the adjusted difference above 0.
    expect(estimate.warnings).toContain("the change-score estimate (-0.625 pp) and the ANCOVA estimate (14.2 pp) have opposite signs; report both");
  });

  it("a change score of exactly 0 is reported as such, not as a sign", () => {
    // Not an exact ANCOVA fit (treated 70 -> 71, 80 -> 74): the data of this test used to be one,
    // whose ANCOVA now has no standard error (see roundingNoise.test.ts).
    const zero = { treated: { before: [60, 70, 80, 72], after: [65, 71, 74, 71] }, control: { before: [30, 40, 50, 42], after: [35, 40, 45, 41] } };
    expect(compareChanges(zero, { unit: "%" }).warnings).toContain("the change-score estimate (0 pp) and the ANCOVA estimate (15.7 pp) disagree in sign (one is 0 up to rounding); report both");
  });

  it("identical groups: an ANCOVA estimate of rounding noise (-1.8e-14 against a standard error of 1.05) is 0, and nothing disagrees (review)", () => {
    const same = { before: [50, 52, 54, 56], after: [53, 56, 55, 60] };
    const estimate = compareChanges({ treated: same, control: { ...same } }, { unit: "%" });
    expect(estimate.estimate).toBe(0);
    expect(estimate.warnings.some((warning) => warning.includes("disagree"))).toBe(false);
  });

  it("a disagreement in significance names the interval that excludes 0 and the one that includes it (the example's ipc-compliance)", async () => {
    const network = await loadNetwork(EXAMPLE_FOLDER);
    const [effect] = selectionEffects(network, { baseline: "baseline", endline: "endline", topics: ["ipc-compliance"] }).estimates;
    expect(effect?.warnings).toContain("the change-score and ANCOVA estimates disagree in significance: at 95% the ANCOVA interval [0.789, 6.97] excludes 0, the change-score interval [-0.916, 9.32] includes it; report both");
  });

  it("no warning when both agree in sign and significance", () => {
    expect(compareChanges(groups).warnings.some((warning) => warning.includes("disagree"))).toBe(false);
  });
});

describe("EffectEstimate and EffectEstimates follow the result contract", () => {
  it("an estimate is frozen, deeply, and says so when changed", () => {
    const estimate = compareChanges(groups, { label: "acc" });
    expect(Object.isFrozen(estimate)).toBe(true);
    expect(Object.isFrozen(estimate.ci)).toBe(true);
    expect(Object.isFrozen(estimate.warnings)).toBe(true);
    expect(() => {
      (estimate as { estimate: number }).estimate = 3;
    }).toThrow(TypeError);
  });

  it("fromJSON(JSON.parse(JSON.stringify(e))) equals e and displays the same, one-sided infinite bounds included", () => {
    for (const alternative of ["two-sided", "greater", "less"] as const) {
      const estimate = compareChanges(groups, { label: "acc", alternative, relative: true });
      const restored = EffectEstimate.fromJSON(JSON.parse(JSON.stringify(estimate)));
      expect(restored).toEqual(estimate);
      expect(restored).toBeInstanceOf(EffectEstimate);
      expect(restored.toString()).toBe(estimate.toString());
      expect(restored.toCSV()).toBe(estimate.toCSV());
      expect(EffectEstimate.fromJSON(JSON.stringify(estimate))).toEqual(estimate);
    }
  });

  it("the estimates of the example round-trip through JSON with their periods and adjustment", async () => {
    const network = await loadNetwork(EXAMPLE_FOLDER);
    const effects = selectionEffects(network, { baseline: "baseline", endline: "endline", topics: ["accreditation", "cbhi"] });
    const restored = EffectEstimates.fromJSON(JSON.parse(JSON.stringify(effects)));
    expect(restored).toEqual(effects);
    expect(restored.toCSV()).toBe(effects.toCSV());
    expect(restored.toString()).toBe(effects.toString());
    expect(restored.periods).toEqual({ baseline: ["baseline"], endline: ["endline"] });
    expect(Object.isFrozen(restored.estimates)).toBe(true);
    expect(restored.estimates[0]?.adjustment).toBe("holm");
  });

  it("one unit word: % gives pp, no unit or score gives score points", () => {
    expect([unitLabel("%"), unitLabel(undefined), unitLabel("score"), unitLabel("days")]).toEqual(["pp", "score points", "score points", "days"]);
    expect(compareChanges(groups).unit).toBe("score points");
  });

  it("no float noise in text: alpha = 0.05, never 0.050000000000000044", () => {
    expect(plainNumber(1 - 0.95)).toBe("0.05");
    expect(plainNumber(31.999999999999982)).toBe("32");
    const estimate = compareChanges({ treated: { before: [1, 2, 3], after: [2, 4, 5] }, control: { before: [1, 2, 3], after: [1, 2.5, 3] } });
    expect(estimate.warnings.join("\n")).toMatch(/above alpha = 0\.05$/m);
    expect(estimate.warnings.join("\n")).not.toMatch(/\d\.\d*0000000\d|\d\.\d*9999999\d/);
  });
});

/** Brute force: every split of the pooled values, in plain arithmetic, with the 1e-12 tie rule. */
function bruteForce(x: readonly number[], y: readonly number[]): { greater: number; less: number; absolute: number; total: number } {
  const all = [...x, ...y];
  const k = x.length;
  const m = y.length;
  const stat = (chosen: number[]) => {
    let s = 0;
    for (const i of chosen) s += all[i] as number;
    let rest = 0;
    all.forEach((v, i) => {
      if (!chosen.includes(i)) rest += v;
    });
    return s / k - rest / m;
  };
  const observed = stat(Array.from({ length: k }, (_, i) => i));
  const magnitude = all.reduce((sum, v) => sum + Math.abs(v), 0) / all.length;
  const tolerance = 1e-12 * Math.max(Math.abs(observed), magnitude);
  const counts = { greater: 0, less: 0, absolute: 0, total: 0 };
  const visit = (start: number, chosen: number[]) => {
    if (chosen.length === k) {
      const t = stat(chosen);
      counts.total++;
      if (t >= observed - tolerance) counts.greater++;
      if (t <= observed + tolerance) counts.less++;
      if (Math.abs(t) >= Math.abs(observed) - tolerance) counts.absolute++;
      return;
    }
    for (let i = start; i < all.length; i++) visit(i + 1, [...chosen, i]);
  };
  visit(0, []);
  return counts;
}

describe("exact permutation test of the difference in means (meet in the middle) equals brute-force enumeration", () => {
  const sample = fc.array(fc.oneof(fc.integer({ min: -30, max: 30 }).map((v) => v / 10), fc.double({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true })), { minLength: 1, maxLength: 6 });

  it("for decimals with many ties and arbitrary doubles, every alternative and convention", () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const counts = bruteForce(x, y);
        expect(permutationTest(x, y, { alternative: "greater" }).pValue).toBe(counts.greater / counts.total);
        expect(permutationTest(x, y, { alternative: "less" }).pValue).toBe(counts.less / counts.total);
        expect(permutationTest(x, y, { twoSided: "absolute" }).pValue).toBe(counts.absolute / counts.total);
        expect(permutationTest(x, y).pValue).toBe(Math.min(1, (2 * Math.min(counts.greater, counts.less)) / counts.total));
      }),
      { numRuns: 150, seed: 12 },
    );
  });

  it("ties of one-decimal data stay exact: [0.1, 0.2] against [0.3, 0.0] has the ties brute force counts", () => {
    const counts = bruteForce([0.1, 0.2, 0.4], [0.3, 0.0, 0.2, 0.5]);
    expect(permutationTest([0.1, 0.2, 0.4], [0.3, 0.0, 0.2, 0.5], { alternative: "greater" }).pValue).toBe(counts.greater / counts.total);
    expect(permutationTest([0.1, 0.2, 0.4], [0.3, 0.0, 0.2, 0.5], { alternative: "less" }).pValue).toBe(counts.less / counts.total);
  });

  it("20 + 20 values are exact (137,846,528,820 splits) and the method says how they were counted", () => {
    const x = Array.from({ length: 20 }, (_, i) => Math.sin(i + 1) * 3 + 1);
    const y = Array.from({ length: 20 }, (_, i) => Math.cos(i + 1) * 3);
    const result = permutationTest(x, y);
    expect(result.exact).toBe(true);
    expect(result.partitions).toBe(137_846_528_820);
    expect(result.method).toMatch(/exact permutation over 137,846,528,820 splits \(difference in means, counted by meet in the middle\)/);
    expect(result.pValue * 137_846_528_820).toBeCloseTo(Math.round(result.pValue * 137_846_528_820), 3);
  });

  it("exactLimit 0 still forces Monte Carlo", () => {
    expect(permutationTest([1, 2, 3], [4, 5, 6], { exactLimit: 0, resamples: 999 }).exact).toBe(false);
  });
});

describe("twinning-network evaluate checks its periods before any work", () => {
  const run = async (...argv: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  };

  it("--baseline 2021 --endline 2023 on the example (periods baseline, endline) exits 2 and writes no file", async () => {
    const out = mkdtempSync(join(tmpdir(), "twinning-evaluate-"));
    const result = await run("evaluate", EXAMPLE_FOLDER, "--baseline", "2021", "--endline", "2023", "--out", out, "--quiet");
    expect(result.code).toBe(2);
    // One message, for the first unknown period, with the data's periods.
    expect(result.stderr).toMatch(/evaluate: --baseline expects a period of the data, got "2021" \(periods: baseline, endline\)/);
    expect(result.stderr.match(/expects a period/g)).toHaveLength(1);
    expect(readdirSync(out)).toEqual([]);
    rmSync(out, { recursive: true });
  });

  it("--baseline endline --endline baseline is refused: periods.csv declares the order", async () => {
    const out = mkdtempSync(join(tmpdir(), "twinning-evaluate-"));
    const result = await run("evaluate", EXAMPLE_FOLDER, "--baseline", "endline", "--endline", "baseline", "--out", out, "--quiet");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not before endline "baseline" .* which the data declare/);
    expect(existsSync(join(out, "effects.csv"))).toBe(false);
    rmSync(out, { recursive: true });
  });

  it("the example's own periods work, with a progress line", async () => {
    const out = mkdtempSync(join(tmpdir(), "twinning-evaluate-"));
    const result = await run("evaluate", EXAMPLE_FOLDER, "--baseline", "baseline", "--endline", "endline", "--out", out);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/evaluated 100%/);
    expect(existsSync(join(out, "effects.csv"))).toBe(true);
    rmSync(out, { recursive: true });
  });
});
