/**
 * Issue 12: degenerate and extreme inputs give the right answer or a clear error, never a
 * confident wrong number. Each value is checked against its reference: exact rational
 * arithmetic, mpmath (30 digits), SciPy 1.10 or statsmodels 0.13 (fixtures made by
 * scripts/oracles/*.py).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { NotEstimable, RegressionEstimate } from "../../src/effects/EffectEstimate.js";
import { noncentralityInterval } from "../../src/effects/standardized.js";
import {
  cohensD,
  compareChanges,
  glassDelta,
  hedgesG,
  mannWhitney,
  noncentralTCdf,
  normalCdf,
  normalSurvival,
  permutationTest,
  robustOLS,
  selectionEffect,
  selectionEffects,
  TwinningNetwork,
  unpooledD,
  welchTTest,
} from "../../src/index.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "effects");
const nct = JSON.parse(readFileSync(join(FIXTURES, "noncentral-t.json"), "utf8")) as { cases: { t: number; df: number; lambda: number; cdf: string }[] };
const degenerate = JSON.parse(readFileSync(join(FIXTURES, "degenerate.json"), "utf8"));

describe("variance is judged zero relative to the data's scale (exact rationals: the variance of [0.1, 0.1, 0.1] is 0)", () => {
  it("the exact variance of the decimal inputs is 0 (Python fractions)", () => {
    expect(degenerate.exactVariance["0.1x3"]).toBe("0");
  });

  it("welchTTest([0.1 x 3], [0.2 x 3]) is the documented zero-variance error, as [1 x 3] vs [2 x 3]", () => {
    expect(() => welchTTest([0.1, 0.1, 0.1], [0.2, 0.2, 0.2])).toThrow(/zero variance/);
    expect(() => welchTTest([1, 1, 1], [2, 2, 2])).toThrow(/zero variance/);
  });

  it("glassDelta with a control of [0.1 x 3] has no standardiser (not 1.8e16)", () => {
    expect(() => glassDelta([0.3, 0.5, 0.4], [0.1, 0.1, 0.1])).toThrow(/control group's SD is 0/);
  });

  it("cohensD([0.1 x 3], [0.2 x 3]) returns at once with the zero-SD error (it used to hang)", () => {
    expect(() => cohensD([0.1, 0.1, 0.1], [0.2, 0.2, 0.2])).toThrow(/pooled SD is 0/);
  });

  it("compareChanges with constant baselines 0.7 vs 0.3 reports no imbalance in SDs, but says the baselines differed", () => {
    const estimate = compareChanges({ treated: { before: [0.7, 0.7, 0.7, 0.7], after: [1.9, 2.4, 2.1, 2.6] }, control: { before: [0.3, 0.3, 0.3, 0.3], after: [0.5, 0.9, 0.4, 0.8] } });
    const text = estimate.warnings.join("\n");
    expect(text).not.toMatch(/differed by \d/);
    expect(text).toMatch(/baseline SDs are 0/);
    expect(estimate.standardizedChange.estimate).toBeNull();
  });
});

describe("noncentral t returns in milliseconds for any finite argument (mpmath, 30 digits)", () => {
  it.each(nct.cases.map((c) => [c.t, c.df, c.lambda, c.cdf] as const))("P(T <= %d; df %d, lambda %d) to 1e-12 absolute", (t, df, lambda, reference) => {
    expect(Math.abs(noncentralTCdf(t, df, lambda) - Number(reference))).toBeLessThan(1e-12);
  });

  it("cohensD with d of 10,000 gives an interval whose bounds invert the noncentral t (it took 40 s)", () => {
    const x = [10_000.1, 9_999.9, 10_000];
    const y = [0.1, -0.1, 0];
    const d = cohensD(x, y);
    expect(d.ci[0]).toBeLessThan(d.estimate);
    expect(d.ci[1]).toBeGreaterThan(d.estimate);
    const scale = Math.sqrt(1 / 3 + 1 / 3);
    const t = d.estimate / scale;
    const [lo, hi] = noncentralityInterval(t, 4, 0.95);
    expect(noncentralTCdf(t, 4, lo)).toBeCloseTo(0.975, 10);
    expect(noncentralTCdf(t, 4, hi)).toBeCloseTo(0.025, 10);
  });
});

describe("normal CDF and survival at +-Infinity", () => {
  it("are 0 and 1, not NaN", () => {
    expect([normalCdf(Number.POSITIVE_INFINITY), normalCdf(Number.NEGATIVE_INFINITY), normalSurvival(Number.POSITIVE_INFINITY), normalSurvival(Number.NEGATIVE_INFINITY)]).toEqual([1, 0, 0, 1]);
    expect(normalCdf(-40)).toBe(0);
  });
});

describe("Mann-Whitney (SciPy 1.10 mannwhitneyu)", () => {
  it("every value tied gives p = 1 like SciPy", () => {
    const result = mannWhitney([100, 100, 100], [100, 100, 100, 100]);
    expect(result.pValue).toBe(degenerate.mannWhitneyTied.pValue);
    expect(result.statistic).toBe(degenerate.mannWhitneyTied.statistic);
  });

  it.each(["300", "3000"])("exact p of 8 against %s matches exact integer counts (and SciPy's exact method at 300) to 1e-9 relative", (size) => {
    const { small, large, bySize } = degenerate.mannWhitneyExact;
    const reference = bySize[size];
    for (const alternative of ["two-sided", "greater", "less"] as const) {
      const result = mannWhitney(small, large.slice(0, Number(size)), { alternative });
      expect(result.method).toBe("exact");
      expect(result.statistic).toBe(reference.statistic);
      expect(Math.abs(result.pValue - reference[alternative]) / reference[alternative]).toBeLessThan(1e-9);
    }
  });

  it("exact p of a 3 vs 6 sample matches SciPy", () => {
    const result = mannWhitney([1.5, 2.5, 9.1], [0.2, 0.4, 3.3, 4.4, 5.5, 7.7]);
    expect(result.pValue).toBeCloseTo(degenerate.mannWhitneyExact.tiny.pValue, 12);
  });
});

describe("rank-deficient designs are decided relative to scale", () => {
  it("robustOLS with a column of subnormal size (1e-310), whose coefficient (about 1e310) is past the double range, is an error naming the column, not NaN; at 1e-300 and 1e300 the coefficient scales exactly as the column", () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [1.2, 1.9, 3.3, 3.8, 5.1, 6.2];
    expect(() => robustOLS(x.map((v) => [1, v * 1e-310]), y, "HC2")).toThrow("robustOLS: column 1: its coefficient is beyond the double range; rescale it");
    const plain = robustOLS(x.map((v) => [1, v]), y, "HC2");
    const tiny = robustOLS(x.map((v) => [1, v * 1e-300]), y, "HC2");
    const huge = robustOLS(x.map((v) => [1, v * 1e300]), y, "HC2");
    expect((tiny.coefficients[1] as number) * 1e-300).toBeCloseTo(plain.coefficients[1] as number, 12);
    expect((huge.coefficients[1] as number) * 1e300).toBeCloseTo(plain.coefficients[1] as number, 12);
    expect((tiny.standardErrors[1] as number) * 1e-300).toBeCloseTo(plain.standardErrors[1] as number, 12);
    // Below the range too: a column of 1e300 beside a response of 1e-300 has a coefficient of about 1e-600; it underflowed to an "exact" 0 (review).
    expect(() => robustOLS(x.map((v) => [1, v * 1e300]), y.map((v) => v * 1e-300), "HC2")).toThrow("robustOLS: column 1: its coefficient is beyond the double range; rescale it");
    expect(() => robustOLS(x.map((v) => [1, v * 1e300]), y.map((v) => v * 1e-20), "HC2")).toThrow(/column 1: its coefficient is beyond the double range/);
  });

  it("robustOLS on columns [1, x, 3x] is the singular-design error", () => {
    const x = [1.1, 2.3, 2.9, 4.2, 5.1, 6.3];
    expect(() => robustOLS(x.map((v) => [1, v, 3 * v]), [1, 2, 2, 4, 5, 5], "HC2")).toThrow(/design matrix is singular: column 2/);
    expect(() => robustOLS(x.map((v) => [1, v * 1e-9, 3e-9 * v]), [1, 2, 2, 4, 5, 5], "HC2")).toThrow(/singular/);
  });

  it("every baseline 0.7: the ANCOVA drops the aliased baseline and matches statsmodels (pinv) on n - rank df", () => {
    const { before, group, after, coefficient, standardError, dfResid } = degenerate.ancovaConstantBaseline;
    const pick = (g: number) => ({ before: before.filter((_: number, i: number) => group[i] === g), after: after.filter((_: number, i: number) => group[i] === g) });
    const estimate = compareChanges({ treated: pick(1), control: pick(0) });
    const ancova = estimate.ancova as RegressionEstimate;
    expect(ancova.estimable).toBe(true);
    expect(ancova.estimate).toBeCloseTo(coefficient, 10);
    expect(ancova.standardError).toBeCloseTo(standardError, 10);
    expect(ancova.df).toBe(dfResid);
    expect(ancova.dropped).toEqual(["baseline"]);
    expect(estimate.warnings.join("\n")).toMatch(/baseline column is aliased/);
  });

  it("every baseline 0: the ANCOVA cannot take the Welch estimate down", () => {
    const estimate = compareChanges({ treated: { before: [0, 0, 0], after: [3, 5, 4] }, control: { before: [0, 0, 0, 0], after: [1, 2, 2.5, 1.5] } });
    expect(estimate.estimate).toBeCloseTo(welchTTest([3, 5, 4], [1, 2, 2.5, 1.5]).estimate, 12);
    expect((estimate.ancova as RegressionEstimate).estimable).toBe(true);
    expect(JSON.stringify(estimate)).not.toMatch(/NaN/);
    expect(estimate.standardizedChange.estimate).toBeNull();
  });
});

describe("scores of about 1e77 (SciPy on the unscaled data, times 1e77)", () => {
  it("compareChanges gives SciPy's Welch values scaled, not NaN and [-Inf, -Inf]", () => {
    const { x, y, scale, statistic, pValue, df, ci } = degenerate.welchHuge;
    const baselineOf = (n: number) => Array.from({ length: n }, (_, i) => (50 + i) * scale);
    const estimate = compareChanges({
      treated: { before: baselineOf(x.length), after: baselineOf(x.length).map((b, i) => b + x[i] * scale) },
      control: { before: baselineOf(y.length), after: baselineOf(y.length).map((b, i) => b + y[i] * scale) },
    });
    expect(estimate.statistic).toBeCloseTo(statistic, 6);
    expect(estimate.pValue).toBeCloseTo(pValue, 6);
    expect(estimate.df).toBeCloseTo(df, 6);
    expect(estimate.ci[0] / scale).toBeCloseTo(ci[0], 6);
    expect(estimate.ci[1] / scale).toBeCloseTo(ci[1], 6);
    expect(Number.isFinite(estimate.permutation.pValue)).toBe(true);
  });

  it("selectionEffects on scores of about 1e77 estimates every topic, with the values of the same data at 1", () => {
    const build = (scale: number) =>
      TwinningNetwork.from({
        institutions: ["A", "B", "C", "D", "E"].map((id) => ({ id, kind: "d" })),
        topics: [{ id: "t" }],
        periods: [{ id: "p1", date: "2022" }, { id: "p2", date: "2023" }],
        interests: [{ institution: "A", topic: "t" }, { institution: "B", topic: "t" }],
        scores: ["A", "B", "C", "D", "E"].flatMap((institution, i) => [
          { institution, topic: "t", period: "p1", value: (3 + i) * scale },
          { institution, topic: "t", period: "p2", value: (3 + i + (i < 2 ? 2 + i : 0.3 * i)) * scale },
        ]),
      });
    const huge = selectionEffects(build(1e77), { baseline: "p1", endline: "p2" });
    const plain = selectionEffects(build(1), { baseline: "p1", endline: "p2" });
    expect(huge.skipped).toEqual([]);
    const [a, b] = [huge.estimates[0], plain.estimates[0]];
    expect(a?.pValue).toBeCloseTo(b?.pValue as number, 10);
    expect((a?.ci[0] as number) / 1e77).toBeCloseTo(b?.ci[0] as number, 10);
    expect((a?.ci[1] as number) / 1e77).toBeCloseTo(b?.ci[1] as number, 10);
  });

  it("scaling every value by 2^256 scales every unit-bearing figure exactly", () => {
    const groups = { treated: { before: [60, 55, 62, 58], after: [70, 64, 71, 66] }, control: { before: [61, 66, 59, 64, 70, 57], after: [64, 68, 62, 66, 73, 60] } };
    const s = 2 ** 256;
    const scaled = (g: { before: number[]; after: number[] }) => ({ before: g.before.map((v) => v * s), after: g.after.map((v) => v * s) });
    const a = compareChanges(groups);
    const b = compareChanges({ treated: scaled(groups.treated), control: scaled(groups.control) });
    expect(b.estimate).toBe(a.estimate * s);
    expect(b.ci).toEqual([a.ci[0] * s, a.ci[1] * s]);
    expect(b.pValue).toBe(a.pValue);
    expect(b.hedgesG).toEqual(a.hedgesG);
    expect(b.permutation.pValue).toBe(a.permutation.pValue);
    expect(welchTTest([1e200, 2e200, 4e200], [0, 1e200, 1.5e200]).pValue).toBeCloseTo(welchTTest([1, 2, 4], [0, 1, 1.5]).pValue, 12);
    expect(unpooledD([1e200, 2e200, 4e200], [0, 1e200, 1.5e200]).estimate).toBeCloseTo(unpooledD([1, 2, 4], [0, 1, 1.5]).estimate, 12);
  });
});

describe("cluster-robust errors refuse degenerate sandwiches", () => {
  const groups = (treatedClusters: string[], controlClusters: string[]) => ({
    treated: { before: [1, 2, 3, 4], after: [3, 5, 4, 7], clusters: treatedClusters },
    control: { before: [1, 2, 3, 4], after: [2, 2.7, 4, 4.4], clusters: controlClusters },
  });

  it("treatment constant within clusters, one cluster per group: not estimable (not a near-zero SE with p = 1e-16)", () => {
    const estimate = compareChanges(groups(["A", "A", "A", "A"], ["B", "B", "B", "B"]));
    const marker = estimate.clusterRobust as NotEstimable;
    expect(marker.estimable).toBe(false);
    expect(marker.reason).toMatch(/more clusters than coefficients|degenerate/);
    expect(estimate.warnings.join("\n")).toMatch(/cluster-robust error not estimable/);
    expect(estimate.pValue).toBeGreaterThan(0.01);
  });

  it("as few clusters as coefficients is refused by robustOLS", () => {
    expect(() => robustOLS([[1, 0], [1, 1], [1, 0], [1, 1]], [1, 2, 1.5, 2.5], "CR1", ["a", "a", "b", "b"])).toThrow(/more clusters than coefficients/);
  });

  it("treatment constant within clusters with two clusters per group stays estimable", () => {
    const estimate = compareChanges(groups(["A", "A", "B", "B"], ["C", "C", "D", "D"]));
    expect((estimate.clusterRobust as RegressionEstimate).estimable).toBe(true);
    expect((estimate.clusterRobust as RegressionEstimate).df).toBe(3);
  });

  it("a treatment in a single cluster, or scores that cancel within clusters, are refused", () => {
    expect(() => robustOLS([[1, 1], [1, 1], [1, 0], [1, 0], [1, 0], [1, 0]], [1, 3, 1, 2, 5, 2], "CR1", ["a", "a", "b", "b", "c", "c"])).toThrow(/single cluster/);
    expect(() => robustOLS([[1, 1, 0], [1, 2, 0], [1, 1, 1], [1, 2, 1], [1, 1, 2], [1, 2, 2]], [1, 2, 1.5, 2.5, 1, 2], "CR1", ["a", "a", "b", "b", "c", "c"])).toThrow(/degenerate/);
    expect(() => robustOLS([[1, 1], [1, 1], [1, 0], [1, 0], [1, 1], [1, 0]], [1, 3, 1, 2, 5, 2], "CR1", ["a", "a", "b", "b", "c", "c"])).not.toThrow();
  });
});

describe("permutation test: an observed statistic that overflows in one arithmetic", () => {
  it("values near 1e308 give the same p as the values scaled down (exact power of two)", () => {
    const x = [1.5, 1.7, 1.2];
    const y = [0.4, 0.9, 0.3, 0.5];
    const s = 2 ** 1020;
    expect(permutationTest(x.map((v) => v * s), y.map((v) => v * s)).pValue).toBe(permutationTest(x, y).pValue);
    expect(permutationTest(x.map((v) => v * s), y.map((v) => v * s), { statistic: "welch-t" }).pValue).toBe(permutationTest(x, y, { statistic: "welch-t" }).pValue);
  });

  it("Welch t with both groups constant (relative to scale) is not estimable", () => {
    expect(() => permutationTest([0.1, 0.1, 0.1], [0.2, 0.2], { statistic: "welch-t" })).toThrow(/undefined/);
  });
});

describe("errors that hide", () => {
  const network = TwinningNetwork.from({
    institutions: ["A", "B", "C", "D", "E", "F"].map((id) => ({ id, kind: "district" })),
    topics: [{ id: "t", unit: "%" }, { id: "u", unit: "%" }],
    periods: [{ id: "m1", date: "2022-01" }, { id: "m2", date: "2022-02" }, { id: "m3", date: "2023-01" }, { id: "m4", date: "2023-02" }],
    interests: [{ institution: "A", topic: "t" }, { institution: "B", topic: "t" }, { institution: "C", topic: "t" }, { institution: "A", topic: "u" }],
    scores: ["A", "B", "C", "D", "E", "F"].flatMap((institution, i) =>
      ["m1", "m2", "m3", "m4"].flatMap((period, j) => [
        { institution, topic: "t", period, value: 50 + i + (j >= 2 ? (i < 3 ? 5 : 1) : 0) + (j % 2) * 0.5 * i + (j === 3 ? 0.2 * i : 0) },
        { institution, topic: "u", period, value: 10 + i + j },
      ]),
    ),
  });

  it("robustOLS refuses a NaN or an infinity, naming the cell (a NaN response gave NaN coefficients; a NaN regressor a 'singular design')", () => {
    const rows = [[1, 0], [1, 1], [1, 2], [1, 4]];
    expect(() => robustOLS(rows, [1, Number.NaN, 3, 2], "HC2")).toThrow(/^robustOLS: y\[1\] is NaN; every value must be a finite number/);
    expect(() => robustOLS([[1, 0], [1, Number.POSITIVE_INFINITY], [1, 2], [1, 4]], [1, 2, 3, 2], "HC2")).toThrow(/^robustOLS: rows\[1\]\[1\] is Infinity/);
  });

  it("confidence: 2 is an error of selectionEffects, not 2 skipped topics", () => {
    expect(() => selectionEffects(network, { baseline: "m1", endline: "m3", confidence: 2 })).toThrow(/^selectionEffects: confidence: expected less than 1, got 2/);
  });

  it("an unknown period is one error before any work, not a skipped topic each", () => {
    expect(() => selectionEffects(network, { baseline: "2021", endline: "2023" })).toThrow(/unknown period "2021"; expected one of m1, m2, m3, m4/);
  });

  it("misspelled options are errors with a suggestion", () => {
    expect(() => selectionEffect(network, { topic: "t", baseline: "m1", endline: "m3", alternatve: "less" } as never)).toThrow(/alternatve: unknown option of selectionEffect; did you mean alternative\?/);
    expect(() => selectionEffect(network, { topic: "t", baseline: "m1", endline: "m3", clusterby: "group" } as never)).toThrow(/did you mean clusterBy\?/);
    expect(() => compareChanges({ treated: { before: [1, 2], after: [2, 4] }, control: { before: [1, 2], after: [1, 3] } }, { alternatve: "less" } as never)).toThrow(/did you mean alternative\?/);
    expect(() => welchTTest([1, 2], [3, 5], { alternatve: "less" } as never)).toThrow(/did you mean alternative\?/);
    expect(() => hedgesG([1, 2], [3, 5], { confidnce: 0.9 } as never)).toThrow(/^hedgesG: confidnce: unknown option of hedgesG; did you mean confidence\?/);
  });

  it("a reversed baseline and endline is refused when the periods declare their order", () => {
    expect(() => selectionEffect(network, { topic: "t", baseline: "m3", endline: "m1" })).toThrow(/baseline "m3" is not before endline "m1" .* which the data declare/);
  });

  it("a reversed order among 3,000 periods names the two that clash with their positions (counted by hand), not all 3,000 ids", () => {
    const ids = Array.from({ length: 3000 }, (_, i) => new Date(Date.UTC(2015, 0, 1 + i)).toISOString().slice(0, 10));
    const daily = TwinningNetwork.from({
      institutions: ["A", "B", "C", "D"].map((id) => ({ id, kind: "d" })),
      topics: [{ id: "t" }],
      periods: ids.map((id) => ({ id, date: id })),
      interests: [{ institution: "A", topic: "t" }, { institution: "B", topic: "t" }],
      scores: ["A", "B", "C", "D"].flatMap((institution, i) => [10, 2099].map((at) => ({ institution, topic: "t", period: ids[at] as string, value: 10 + i + at }))),
    });
    let message = "";
    try {
      selectionEffect(daily, { topic: "t", baseline: ids.slice(100, 2100), endline: ids[10] as string });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'selectionEffect: baseline "2015-04-11", "2015-04-12", "2015-04-13", "2015-04-14", "2015-04-15", ... is not before endline "2015-01-11" in the period order: "2020-09-30" is period 2,100 of 3,000, "2015-01-11" period 11 (periods: 2015-01-01, 2015-01-02, 2015-01-03, 2015-01-04, 2015-01-05, ...), which the data declare; swap them',
    );
  });

  it("a reversed baseline and endline is refused when the labels are DHIS2 period ids or names (ordered by their start dates; it was a warning calling the order 'first appearance')", () => {
    for (const [before, after] of [["2022Q1", "2022Q4"], ["Janvier 2022", "Juin 2022"]]) {
      const dated = TwinningNetwork.from({
        institutions: ["A", "B", "C", "D"].map((id) => ({ id, kind: "d" })),
        topics: [{ id: "t" }],
        interests: [{ institution: "A", topic: "t" }, { institution: "B", topic: "t" }],
        // The later period listed first: the order comes from the labels' dates.
        scores: ["A", "B", "C", "D"].flatMap((institution, i) => [
          { institution, topic: "t", period: after as string, value: 12 + 1.5 * i * i },
          { institution, topic: "t", period: before as string, value: 10 + i },
        ]),
      });
      expect(dated.periodIds).toEqual([before, after]);
      expect(() => selectionEffect(dated, { topic: "t", baseline: after as string, endline: before as string })).toThrow(/which the data declare; swap them$/);
    }
  });

  it("lists that interleave are not told to swap (swapping would not fix them; review)", () => {
    const ids = ["2021-01-01", "2021-06-01", "2022-01-01", "2022-06-01"];
    const dated = TwinningNetwork.from({
      institutions: ["A", "B", "C", "D"].map((id) => ({ id, kind: "d" })),
      topics: [{ id: "t" }],
      periods: ids.map((id) => ({ id, date: id })),
      interests: [{ institution: "A", topic: "t" }, { institution: "B", topic: "t" }],
      scores: ["A", "B", "C", "D"].flatMap((institution, i) => ids.map((period, k) => ({ institution, topic: "t", period, value: 10 + i + k }))),
    });
    expect(() => selectionEffect(dated, { topic: "t", baseline: [ids[0] as string, ids[2] as string], endline: [ids[1] as string, ids[3] as string] })).toThrow(/which the data declare; choose baseline periods that all come before the endline ones$/);
  });

  it("a reversed order taken only from first appearance is a warning", () => {
    const loose = TwinningNetwork.from({
      institutions: ["A", "B", "C", "D"].map((id) => ({ id, kind: "d" })),
      topics: [{ id: "t" }],
      interests: [{ institution: "A", topic: "t" }, { institution: "B", topic: "t" }],
      scores: ["A", "B", "C", "D"].flatMap((institution, i) => [
        { institution, topic: "t", period: "before", value: 10 + i },
        { institution, topic: "t", period: "after", value: 12 + 1.5 * i * i },
      ]),
    });
    const estimate = selectionEffect(loose, { topic: "t", baseline: "after", endline: "before" });
    expect(estimate.warnings.join("\n")).toMatch(/only the order of first appearance/);
  });

  it("several periods are averaged per institution, and the periods used are in the result", () => {
    const estimate = selectionEffect(network, { topic: "t", baseline: ["m1", "m2"], endline: ["m3", "m4"] });
    expect(estimate.periods).toEqual({ baseline: ["m1", "m2"], endline: ["m3", "m4"] });
    // Hand-computed: institution i gains 5 (chose) or 1, plus 0.1 i from the fourth month's extra 0.2 i.
    expect(estimate.change.treated).toBeCloseTo(5 + 0.1, 12);
    expect(estimate.change.control).toBeCloseTo(1 + 0.4, 12);
  });

  it("onProgress reports a rising share of the work, ending at 1", () => {
    const seen: number[] = [];
    selectionEffects(network, { baseline: "m1", endline: "m3", onProgress: (done) => seen.push(done) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1] as number);
  });
});
