import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NotEstimable, RegressionEstimate } from "../../src/effects/EffectEstimate.js";
import type { StandardizedResult } from "../../src/effects/standardized.js";
import {
  adjustPValues,
  bootstrapCI,
  cliffsDelta,
  compareChanges,
  formatP,
  hedgesG,
  loadNetwork,
  permutationTest,
  selectionEffect,
  selectionEffects,
  highPerformers,
  TwinningArgumentError,
  TwinningNetwork,
  unpooledD,
  welchTTest,
} from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";

/** The estimate of a secondary result, failing the test when it is not estimable. */
function estimated<T extends object>(value: T | NotEstimable | undefined): T {
  if (value === undefined || ("estimable" in value && value.estimable === false)) throw new Error(`not estimable: ${JSON.stringify(value)}`);
  return value as T;
}

const meanDifference = (a: number[], b: number[]) => a.reduce((s, v) => s + v, 0) / a.length - b.reduce((s, v) => s + v, 0) / b.length;
const finiteArray = (min: number, max: number) =>
  fc.array(
    fc.oneof(fc.integer({ min: -100_000, max: 100_000 }).map((v) => v / 100), fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true })),
    { minLength: min, maxLength: max },
  );

describe("bad input: clear errors naming the function, never a silent NaN", () => {
  it.each([
    ["welchTTest", () => welchTTest([1], [1, 2]), /^welchTTest: x needs at least 2 values, got 1/],
    ["welchTTest NaN", () => welchTTest([1, Number.NaN], [1, 2]), /^welchTTest: x\[1\] is NaN; every value must be a finite number/],
    ["welchTTest Infinity", () => welchTTest([1, 2], [1, Number.POSITIVE_INFINITY]), /y\[1\] is Infinity/],
    ["welchTTest zero variance", () => welchTTest([1, 1], [2, 2]), /zero variance/],
    ["welchTTest confidence", () => welchTTest([1, 2], [3, 4], { confidence: 1.2 }), /^welchTTest: confidence: expected less than 1, got 1.2/],
    ["hedgesG zero SD", () => hedgesG([1, 1], [2, 2]), /pooled SD is 0/],
    ["compareChanges lengths", () => compareChanges({ treated: { before: [1, 2, 3], after: [1, 2] }, control: { before: [1, 2], after: [3, 4] } }), /^compareChanges: treated.before has 3 values but treated.after has 2/],
    ["compareChanges too few", () => compareChanges({ treated: { before: [1], after: [2] }, control: { before: [1, 2], after: [3, 4] } }), /treated.before needs at least 2 values/],
    ["compareChanges zero variance", () => compareChanges({ treated: { before: [1, 2], after: [2, 3] }, control: { before: [1, 2], after: [1, 2] } }), /zero variance in both groups/],
    ["bootstrapCI confidence", () => bootstrapCI([[1, 2, 3]], (a) => a[0] ?? 0, { confidence: 0 }), /^bootstrapCI: confidence: expected more than 0, got 0/],
    ["permutationTest statistic", () => permutationTest([1, 2], [3, 4], { statistic: "median" as never }), /^permutationTest: statistic: expected "mean-difference", "welch-t", got "median"/],
    ["adjustPValues range", () => adjustPValues([0.1, 1.5], "holm"), /^adjustPValues: pValues\[1\] is 1.5/],
  ])("%s", (_name, run, message) => {
    expect(run).toThrow(TwinningArgumentError);
    expect(run).toThrow(message);
  });
});

describe("properties", () => {
  it("Cliff's delta lies in [-1, 1] and changes sign when the samples swap", () => {
    fc.assert(
      fc.property(finiteArray(1, 15), finiteArray(1, 15), (x, y) => {
        const a = cliffsDelta(x, y).estimate;
        expect(Math.abs(a)).toBeLessThanOrEqual(1);
        expect(cliffsDelta(y, x).estimate).toBeCloseTo(-a, 12);
      }),
      { seed: 1, numRuns: 300 },
    );
  });

  it("Welch's test is antisymmetric in its samples and its interval contains the estimate", () => {
    fc.assert(
      fc.property(finiteArray(2, 12), finiteArray(2, 12), (x, y) => {
        // Both variances zero (or below the float range) must throw, never return NaN.
        const spread = (v: number[]) => v.some((value) => Math.abs(value - (v[0] as number)) > 1e-100);
        if (!spread(x) && !spread(y)) {
          expect(() => welchTTest(x, y)).toThrow(TwinningArgumentError);
          return;
        }
        const a = welchTTest(x, y);
        const b = welchTTest(y, x);
        expect(b.statistic).toBeCloseTo(-a.statistic, 9);
        expect(b.pValue).toBeCloseTo(a.pValue, 12);
        expect(a.ci[0]).toBeLessThanOrEqual(a.estimate);
        expect(a.ci[1]).toBeGreaterThanOrEqual(a.estimate);
        expect(Number.isNaN(a.pValue)).toBe(false);
      }),
      { seed: 2, numRuns: 300 },
    );
  });

  it("adjusted p-values are at least the raw ones, at most 1, and Holm >= BH", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }), (p) => {
        const holm = adjustPValues(p, "holm");
        const bh = adjustPValues(p, "bh");
        p.forEach((value, i) => {
          expect(holm[i]).toBeGreaterThanOrEqual(value - 1e-15);
          expect(bh[i]).toBeGreaterThanOrEqual(value - 1e-15);
          expect(holm[i]).toBeLessThanOrEqual(1);
          expect(holm[i]).toBeGreaterThanOrEqual((bh[i] as number) - 1e-15);
        });
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it("the exact permutation p is a multiple of 1 / C(n1 + n2, n1) and never below the minimum", () => {
    fc.assert(
      fc.property(finiteArray(1, 6), finiteArray(1, 6), (x, y) => {
        const result = permutationTest(x, y, { alternative: "greater" });
        expect(result.exact).toBe(true);
        const count = result.pValue * result.partitions;
        expect(Math.abs(count - Math.round(count))).toBeLessThan(1e-6);
        expect(result.pValue).toBeGreaterThanOrEqual(result.minimumPValue - 1e-15);
      }),
      { seed: 4, numRuns: 200 },
    );
  });
});

describe("unpooledD", () => {
  it("divides by the average of the two variances and brackets its estimate", () => {
    const x = [3.1, 4.5, 2.2, 5.9, 4.4];
    const y = [2.0, 3.3, 1.9, 2.8, 3.9, 2.5, 1.1];
    const result = unpooledD(x, y);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const variance = (v: number[]) => v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1);
    expect(result.estimate).toBeCloseTo((mean(x) - mean(y)) / Math.sqrt((variance(x) + variance(y)) / 2), 12);
    expect(result.ci[0]).toBeLessThan(result.estimate);
    expect(result.ci[1]).toBeGreaterThan(result.estimate);
    expect(result.standardizer).toMatch(/un-pooled/);
  });
});

describe("permutationTest", () => {
  it("Monte Carlo is reproducible from its seed and close to the exact p", () => {
    const x = [3.1, 4.5, 2.2, 5.9, 4.4, 3.8, 6.1];
    const y = [2.0, 3.3, 1.9, 2.8, 3.9, 2.5, 1.1, 3.0];
    const exact = permutationTest(x, y);
    const first = permutationTest(x, y, { exactLimit: 10, resamples: 20_000, seed: 9 });
    const again = permutationTest(x, y, { exactLimit: 10, resamples: 20_000, seed: 9 });
    expect(first).toEqual(again);
    expect(first.exact).toBe(false);
    expect(first.method).toBe("Monte Carlo permutation, 20,000 resamples, seed 9 (difference in means)");
    expect(Math.abs(first.pValue - exact.pValue)).toBeLessThan(0.01);
    expect(first.minimumPValue).toBeCloseTo(2 / 20_001, 15);
  });

  it("a 1-vs-9 split can never go below 0.2 two-sided, a 4/6 split never below 0.0095", () => {
    expect(permutationTest([10], [1, 2, 3, 4, 5, 6, 7, 8, 9]).minimumPValue).toBeCloseTo(0.2, 12);
    expect(permutationTest([9, 10, 11, 12], [1, 2, 3, 4, 5, 6]).minimumPValue).toBeCloseTo(2 / 210, 12);
  });

  it("the studentised statistic and the absolute two-sided convention match brute force", () => {
    const x = [1.2, 3.4, 0.5, 2.2];
    const y = [0.1, -0.3, 0.8, 0.0, 1.1];
    const all = [...x, ...y];
    const stats: number[] = [];
    const welchT = (a: number[], b: number[]) => welchTTest(a, b).statistic;
    const visit = (start: number, chosen: number[]) => {
      if (chosen.length === 4) {
        const a = chosen.map((i) => all[i] as number);
        const b = all.filter((_, i) => !chosen.includes(i));
        stats.push(welchT(a, b));
        return;
      }
      for (let i = start; i < all.length; i++) visit(i + 1, [...chosen, i]);
    };
    visit(0, []);
    const observed = welchT(x, y);
    const absolute = stats.filter((s) => Math.abs(s) >= Math.abs(observed) - 1e-12).length / stats.length;
    expect(permutationTest(x, y, { statistic: "welch-t", twoSided: "absolute" }).pValue).toBeCloseTo(absolute, 14);
  });
});

describe("bootstrapCI", () => {
  const x = [12.1, 9.8, 14.3, 11.0, 10.2, 13.7, 12.9, 8.8, 11.5, 10.9, 12.2, 13.1];
  const y = [9.1, 10.4, 8.2, 9.9, 11.3, 7.5, 8.8, 9.6, 10.1, 8.0, 9.4, 10.8, 7.9, 9.0, 8.5, 10.0, 9.7, 8.3];

  it("is reproducible from its seed, differs with another seed, and names its method", () => {
    const a = bootstrapCI([x, y], meanDifference, { seed: 7, resamples: 2000 });
    expect(bootstrapCI([x, y], meanDifference, { seed: 7, resamples: 2000 })).toEqual(a);
    expect(bootstrapCI([x, y], meanDifference, { seed: 8, resamples: 2000 }).ci).not.toEqual(a.ci);
    expect(a.method).toBe("BCa, 2,000 resamples, seed 7");
    expect(a.ci[0]).toBeLessThan(a.estimate);
    expect(a.ci[1]).toBeGreaterThan(a.estimate);
  });

  it("percentile and basic intervals mirror each other around the estimate", () => {
    const percentile = bootstrapCI([x, y], meanDifference, { method: "percentile", seed: 1, resamples: 4000 });
    const basic = bootstrapCI([x, y], meanDifference, { method: "basic", seed: 1, resamples: 4000 });
    expect(basic.ci[0]).toBeCloseTo(2 * percentile.estimate - percentile.ci[1], 12);
    expect(basic.ci[1]).toBeCloseTo(2 * percentile.estimate - percentile.ci[0], 12);
  });

  it("does not mutate the samples", () => {
    const copy = [...x];
    bootstrapCI([x, y], meanDifference, { resamples: 200 });
    expect(x).toEqual(copy);
  });
});

describe("compareChanges", () => {
  const treated = { before: [60, 55, 62, 58, 51], after: [70, 63, 71, 66, 60] };
  const control = { before: [61, 66, 59, 64, 70, 57], after: [64, 68, 62, 66, 74, 60] };

  it("reports the difference in mean change with Welch's interval, equal to Welch on the changes", () => {
    const estimate = compareChanges({ treated, control }, { unit: "%" });
    const changes = (g: { before: number[]; after: number[] }) => g.after.map((a, i) => a - (g.before[i] as number));
    const welch = welchTTest(changes(treated), changes(control));
    expect(estimate.estimate).toBeCloseTo(welch.estimate, 12);
    expect(estimate.ci).toEqual(welch.ci);
    expect(estimate.unit).toBe("pp");
    expect(estimate.n).toEqual({ treated: 5, control: 6 });
    expect(estimate.baseline.gap).toBeCloseTo(57.2 - 62.833333333, 6);
    expect(estimate.hedgesG.standardizer).toBe("pooled SD of changes");
    expect(estimated<StandardizedResult>(estimate.glassDelta).standardizer).toBe("control group's SD of changes");
    expect(estimate.permutation.exact).toBe(true);
    expect(estimated<RegressionEstimate>(estimate.ancova).covariance).toBe("HC2");
  });

  it("flips signs for a lower-is-better indicator so improvement is positive", () => {
    const up = compareChanges({ treated, control });
    const mirrored = (g: { before: number[]; after: number[] }) => ({ before: g.before.map((v) => -v), after: g.after.map((v) => -v) });
    const down = compareChanges({ treated: mirrored(treated), control: mirrored(control) }, { higherIsBetter: false });
    expect(down.estimate).toBeCloseTo(up.estimate, 12);
    expect(estimated<RegressionEstimate>(down.ancova).estimate).toBeCloseTo(estimated<RegressionEstimate>(up.ancova).estimate, 10);
    expect(down.direction).toMatch(/lower is better/);
  });

  it("warns about tiny groups, unreachable significance and baseline imbalance", () => {
    const estimate = compareChanges({ treated: { before: [40, 42, 41], after: [50, 49, 53] }, control: { before: [60, 62, 65], after: [61, 62, 66] } });
    expect(estimate.warnings.join("\n")).toMatch(/tiny group/);
    expect(estimate.warnings.join("\n")).toMatch(/unreachable significance: .* smallest possible permutation p is 0.1, above alpha = 0.05$/m);
    expect(estimate.warnings.join("\n")).toMatch(/baseline imbalance/);
  });

  it("writes an APA line with p to three decimals and no leading zero", () => {
    expect(compareChanges({ treated, control }, { unit: "%" }).toString()).toMatch(/^DiD = \d+\.\d{2} pp, 95% CI \[-?\d+\.\d{2}, \d+\.\d{2}\], t\(\d+\.\d\) = \d+\.\d{2}, p (=|<) \.\d{3}; g = \d+\.\d{2}, 95% CI \[/);
    expect(formatP(0.0213)).toBe("p = .021");
    expect(formatP(0.0004)).toBe("p < .001");
  });

  it("gives the relative version only on request, labelled", () => {
    expect(compareChanges({ treated, control }).relative).toBeUndefined();
    const relative = compareChanges({ treated, control }, { relative: true }).relative;
    expect(relative?.unit).toBe("% of the treated group's baseline mean");
  });
});

describe("selectionEffect on the Rwanda example", async () => {
  const network = await loadNetwork(EXAMPLE_FOLDER);

  it("recovers the built-in differences within their intervals: accreditation 5.6 points, CBHI 4.8 pp", () => {
    const accreditation = selectionEffect(network, { topic: "accreditation", baseline: "baseline", endline: "endline" });
    expect(accreditation.n).toEqual({ treated: 4, control: 6 });
    expect(accreditation.unit).toBe("score points");
    expect(accreditation.ci[0]).toBeLessThan(5.6);
    expect(accreditation.ci[1]).toBeGreaterThan(5.6);
    expect(accreditation.estimate).toBeCloseTo(5.6, 1);
    const cbhi = selectionEffect(network, { topic: "cbhi", baseline: "baseline", endline: "endline", permutation: { exactLimit: 1e6, seed: 3 } });
    expect(cbhi.n).toEqual({ treated: 12, control: 18 });
    expect(cbhi.unit).toBe("pp");
    expect(cbhi.ci[0]).toBeLessThan(4.8);
    expect(cbhi.ci[1]).toBeGreaterThan(4.8);
    expect(cbhi.members?.treated).toHaveLength(12);
  });

  it("clusters by province with CR1 and G - 1 degrees of freedom", () => {
    const estimate = selectionEffect(network, { topic: "accreditation", baseline: "baseline", endline: "endline", clusterBy: "group" });
    expect(estimated<RegressionEstimate>(estimate.clusterRobust).clusters).toBe(5);
    expect(estimated<RegressionEstimate>(estimate.clusterRobust).df).toBe(4);
    expect(estimated<RegressionEstimate>(estimate.clusterRobust).estimate).toBeCloseTo(estimate.estimate, 10);
  });

  it("runs every topic with Holm-adjusted p-values", () => {
    const result = selectionEffects(network, { baseline: "baseline", endline: "endline", permutation: { exactLimit: 1e5 } });
    expect(result.estimates).toHaveLength(12);
    expect(result.skipped).toEqual([]);
    const raw = result.estimates.map((e) => e.pValue);
    expect(result.estimates.map((e) => e.adjustedPValue)).toEqual(adjustPValues(raw, "holm"));
  });

  it("warns when the groups mix kinds (a topic without kinds): hospitals' and districts' changes differed and the estimate's sign came from the mix (new-user trial)", () => {
    const ids = ["h1", "h2", "h3", "h4", "d1", "d2", "d3"];
    const kindOf = (id: string) => (id.startsWith("h") ? "hospital" : "district");
    const build = (kinds?: string[]) =>
      TwinningNetwork.from({
        institutions: ids.map((id) => ({ id, kind: kindOf(id) })),
        topics: [{ id: "same", unit: "%", min: 0, max: 100, ...(kinds !== undefined ? { kinds } : {}) }],
        interests: ["h1", "h2", "d1"].filter((id) => kinds === undefined || kinds.includes(kindOf(id))).map((institution) => ({ institution, topic: "same" })),
        scores: ids.flatMap((id, i) => (kinds !== undefined && !kinds.includes(kindOf(id)) ? [] : [
          { institution: id, topic: "same", period: "p1", value: kindOf(id) === "hospital" ? 50 : 90 },
          { institution: id, topic: "same", period: "p2", value: kindOf(id) === "hospital" ? 60 + i : 90 + (i % 2) },
        ])),
      });
    const mixed = selectionEffect(build(), { topic: "same", baseline: "p1", endline: "p2" });
    expect(mixed.warnings).toContain("the groups mix 2 kinds (chose it: 2 hospital, 1 district; others: 2 hospital, 2 district); give the topic one kind to compare within it");
    const hospitals = selectionEffect(build(["hospital"]), { topic: "same", baseline: "p1", endline: "p2" });
    expect(hospitals.warnings.some((warning) => warning.includes("mix kinds"))).toBe(false);
    // Many kinds: the first five counted.
    const many = TwinningNetwork.from({
      institutions: Array.from({ length: 40 }, (_, i) => ({ id: `i${i}`, kind: `k${String(i % 20).padStart(2, "0")}` })),
      topics: [{ id: "same", unit: "%", min: 0, max: 100 }],
      interests: Array.from({ length: 20 }, (_, i) => ({ institution: `i${i}`, topic: "same" })),
      scores: Array.from({ length: 40 }, (_, i) => [
        { institution: `i${i}`, topic: "same", period: "p1", value: 50 },
        { institution: `i${i}`, topic: "same", period: "p2", value: 50 + (i % 7) },
      ]).flat(),
    });
    // The most common kinds first: six institutions of kind "zz" are named before five kinds of two (review: alphabetical order named five kinds and not the largest).
    const crowded = TwinningNetwork.from({
      institutions: [...Array.from({ length: 10 }, (_, i) => ({ id: `a${i}`, kind: `k${i % 5}` })), ...Array.from({ length: 6 }, (_, i) => ({ id: `z${i}`, kind: "zz" }))],
      topics: [{ id: "same", unit: "%", min: 0, max: 100 }],
      interests: Array.from({ length: 6 }, (_, i) => ({ institution: `z${i}`, topic: "same" })),
      scores: [...Array.from({ length: 10 }, (_, i) => `a${i}`), ...Array.from({ length: 6 }, (_, i) => `z${i}`)].flatMap((id, i) => [
        { institution: id, topic: "same", period: "p1", value: 50 },
        { institution: id, topic: "same", period: "p2", value: 50 + (i % 7) },
      ]),
    });
    expect(selectionEffect(crowded, { topic: "same", baseline: "p1", endline: "p2" }).warnings.find((warning) => warning.includes("mix"))).toBe("the groups mix 6 kinds (chose it: 6 zz, 0 k0, 0 k1, 0 k2, 0 k3, ...; others: 0 zz, 2 k0, 2 k1, 2 k2, 2 k3, ...); give the topic one kind to compare within it");
    expect(selectionEffect(many, { topic: "same", baseline: "p1", endline: "p2" }).warnings).toContain(
      "the groups mix 20 kinds (chose it: 1 k00, 1 k01, 1 k02, 1 k03, 1 k04, ...; others: 1 k00, 1 k01, 1 k02, 1 k03, 1 k04, ...); give the topic one kind to compare within it",
    );
  });

  it("rejects unknown topics and periods, naming the function", () => {
    expect(() => selectionEffect(network, { topic: "nope", baseline: "baseline", endline: "endline" })).toThrow(/^selectionEffect: unknown topic "nope"/);
    expect(() => selectionEffect(network, { topic: "cbhi", baseline: "midline", endline: "endline" })).toThrow(/^selectionEffect: unknown period "midline"/);
    // A topic written in another case is named (review of stop 19: "ANC4" for "anc4" got no hint).
    expect(() => selectionEffect(network, { topic: "CBHI", baseline: "baseline", endline: "endline" })).toThrow('selectionEffect: unknown topic "CBHI"; did you mean cbhi?');
    expect(() => selectionEffects(network, { topics: ["cbhi", "Cbhi"], baseline: "baseline", endline: "endline" })).toThrow('selectionEffects: unknown topic "Cbhi"; did you mean cbhi?');
    expect(() => highPerformers(network, "CBHI")).toThrow('highPerformers: unknown topic "CBHI"; did you mean cbhi?');
    expect(() => highPerformers(network, "cbhi", { period: "Baseline" })).toThrow('highPerformers: unknown period "Baseline"; expected one of baseline, endline; did you mean baseline?');
    expect(() => selectionEffect(network, { topic: "cbhi", baseline: "BASELINE", endline: "endline" })).toThrow('selectionEffect: unknown period "BASELINE"; expected one of baseline, endline; did you mean baseline?');
  });
});
