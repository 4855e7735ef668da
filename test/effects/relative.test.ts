/**
 * The relative version (a percent of the treated group's baseline mean) warns when that mean is
 * not clearly away from 0: then a ratio to it has no bounded confidence interval (Fieller 1954),
 * and the interval "taken as fixed" is meaningless. Baselines [-1, 1, 0.0001] gave 7,999,900 %
 * with an interval of +-18,000,000 % and no warning (new-user trial). The cut-off is the baseline
 * mean's own two-sided t interval: |mean| < t(1 - alpha/2, n1 - 1) * sd / sqrt(n1); SciPy 1.17:
 * t.ppf(0.975, 2) / sqrt(3) = 2.4841377117503303, t.ppf(0.95, 2) / sqrt(3) = 1.6858544608470485.
 */
import { describe, expect, it } from "vitest";
import { compareChanges } from "../../src/index.js";

const control = { before: [-0.5, 0.5, 1], after: [0, 1, 1.4] };
const warned = (before: number[], confidence = 0.95) =>
  compareChanges({ treated: { before, after: before.map((b, i) => b + 2 + 0.1 * i) }, control }, { relative: true, confidence }).warnings.some((w) => w.startsWith("relative: "));

describe("relative: a baseline mean near 0", () => {
  it("baselines [-1, 1, 0.0001] are warned about, naming the mean, the interval and Fieller; the numbers stay, labelled", () => {
    const estimate = compareChanges({ treated: { before: [-1, 1, 0.0001], after: [1, 3, 2.0001] }, control }, { relative: true, unit: "%" });
    expect(estimate.warnings).toContain(
      "relative: the treated group's baseline mean (0.0000333) is not clearly away from 0 (its 95% CI includes 0), so the percent and its interval mean nothing (Fieller 1954)",
    );
    expect(estimate.relative?.unit).toBe("% of the treated group's baseline mean");
    expect(estimate.unit).toBe("pp");
  });

  it("the cut-off is the baseline mean's t interval (SciPy's t quantiles), at the comparison's confidence", () => {
    // Baselines m - 1, m, m + 1: sd 1, so the mean is clearly away from 0 when m > 2.48414 at 95%.
    expect(warned([1.48, 2.48, 3.48])).toBe(true);
    expect(warned([1.49, 2.49, 3.49])).toBe(false);
    expect(warned([-3.49, -2.49, -1.49])).toBe(false);
    expect(warned([0.68, 1.68, 2.68], 0.9)).toBe(true);
    expect(warned([0.69, 1.69, 2.69], 0.9)).toBe(false);
  });

  it("no warning for an ordinary baseline, a constant one (known exactly), or without relative", () => {
    expect(warned([60, 55, 62, 58])).toBe(false);
    expect(warned([0.5, 0.5, 0.5])).toBe(false);
    const plain = compareChanges({ treated: { before: [-1, 1, 0.0001], after: [1, 3, 2.0001] }, control });
    expect(plain.warnings.some((w) => w.startsWith("relative"))).toBe(false);
  });
});
