import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DetectableEffect,
  EvaluationPower,
  TwinningArgumentError,
  TwinningNetwork,
  designFromNetwork,
  detectableEffectNote,
  evaluationPower,
  minimumDetectableEffect,
  pooledTTestPower,
  selectionEffect,
} from "../../../src/index.js";
import { loadNetwork } from "../../../src/io/read/loadNetwork.js";
import { EXAMPLE_FOLDER } from "../../helpers.js";

interface PowerRow {
  n1: number;
  n2: number;
  d: number;
  alpha: number;
  alternative: "two-sided" | "larger";
  power: number;
}
interface SolveRow {
  n1: number;
  n2: number;
  alpha: number;
  power: number;
  d: number;
}
const oracle = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "power", "ttestindpower.json"), "utf8")) as { power: PowerRow[]; solve_power: SolveRow[] };

describe("power by formula", () => {
  it(`matches statsmodels 0.13.5 TTestIndPower().power to 1e-6 on ${oracle.power.length} pooled t designs (n 2 to 130, d 0 to 3, three alphas, both alternatives)`, () => {
    for (const row of oracle.power) {
      const alternative = row.alternative === "larger" ? "greater" : "two-sided";
      const viaDesign = evaluationPower({ treated: row.n1, control: row.n2, sdChange: 1, test: "pooled", alpha: row.alpha, alternative }, { standardizedEffect: row.d });
      expect(viaDesign.byFormula).toBe(true);
      expect(Math.abs(viaDesign.power - row.power)).toBeLessThan(1e-6);
      expect(Math.abs(pooledTTestPower(row.d, row.n1, row.n2, row.alpha, alternative) - row.power)).toBeLessThan(1e-6);
    }
  });

  it("matches statsmodels 0.13.5 TTestIndPower().solve_power for the effect size to 1e-5 (statsmodels' own solver tolerance), and our MDE inverts our power to 1e-9", () => {
    for (const row of oracle.solve_power) {
      const mde = minimumDetectableEffect({ treated: row.n1, control: row.n2, sdChange: 1, test: "pooled", alpha: row.alpha }, { power: row.power });
      expect(Math.abs(mde.standardizedEffect - row.d)).toBeLessThan(1e-5);
      expect(Math.abs(pooledTTestPower(mde.standardizedEffect, row.n1, row.n2, row.alpha) - row.power)).toBeLessThan(1e-9);
      expect(mde.tolerance).toBe(1e-10);
    }
  });

  it("scales with the indicator's unit: the MDE in points is the standardised MDE times the SD of the change, sd sqrt(2 (1 - r))", () => {
    const standard = minimumDetectableEffect({ treated: 12, control: 18, sdChange: 1, test: "pooled" });
    const points = minimumDetectableEffect({ treated: 12, control: 18, sd: 10, correlation: 0.6, test: "pooled", unit: "score" });
    const sdChange = 10 * Math.sqrt(2 * 0.4);
    expect(points.effect).toBeCloseTo(standard.standardizedEffect * sdChange, 8);
    expect(points.standardizedEffect).toBeCloseTo(standard.standardizedEffect, 10);
    expect(points.effectPerSD).toBeCloseTo(points.effect / 10, 10);
    expect(points.unit).toBe("score points");
  });

  it("power rises with the effect and with the group sizes, and falls with the number of topics (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 2, max: 40 }), fc.double({ min: 0.05, max: 2, noNaN: true }), fc.integer({ min: 1, max: 10 }), (n1, n2, d, topics) => {
        const p = (extra: number, dd: number, m: number) => evaluationPower({ treated: n1 + extra, control: n2, sdChange: 1, test: "pooled", topics: m }, { standardizedEffect: dd }).power;
        const base = p(0, d, topics);
        expect(p(0, d * 1.2, topics)).toBeGreaterThanOrEqual(base - 1e-12);
        expect(p(3, d, topics)).toBeGreaterThanOrEqual(base - 1e-12);
        expect(p(0, d, topics + 1)).toBeLessThanOrEqual(base + 1e-12);
      }),
      { numRuns: 40, seed: 17 },
    );
  });

  it("divides alpha by the number of topics (Bonferroni, Holm's first step) and says so", () => {
    const one = evaluationPower({ treated: 10, control: 20, sdChange: 1 }, { standardizedEffect: 1 });
    const six = evaluationPower({ treated: 10, control: 20, sdChange: 1, topics: 6 }, { standardizedEffect: 1 });
    expect(six.design.adjustedAlpha).toBeCloseTo(0.05 / 6, 15);
    expect(six.adjustment).toMatch(/^Bonferroni: alpha 0.05 \/ 6 topics = 0.00833; Holm's first step/);
    expect(six.power).toBeLessThan(one.power);
    expect(one.adjustment).toBe("none (one topic)");
  });
});

describe("power by simulation with the library's own tests", () => {
  it("pooled t: simulated power lies within 3 Monte Carlo SEs of the exact noncentral t (2,000 data sets each)", () => {
    for (const [n1, n2, d] of [
      [3, 7, 1.5],
      [4, 6, 2],
      [10, 20, 0.8],
      [12, 18, 1],
    ] as const) {
      const design = { treated: n1, control: n2, sdChange: 1, test: "pooled" as const };
      const exact = evaluationPower(design, { standardizedEffect: d });
      const simulated = evaluationPower(design, { standardizedEffect: d, method: "simulation", seed: 11 });
      expect(simulated.byFormula).toBe(false);
      expect(simulated.monteCarloSE).toBeCloseTo(Math.sqrt((simulated.power * (1 - simulated.power)) / 2000), 12);
      expect(Math.abs(simulated.power - exact.power)).toBeLessThan(3 * (simulated.monteCarloSE as number));
    }
  });

  it("Welch from 10 per group: welchTTest's simulated power lies within 3 Monte Carlo SEs of the Satterthwaite noncentral t, equal and 2 : 1 SDs", () => {
    for (const [n1, n2, ratio] of [
      [10, 20, 1],
      [10, 20, 2],
      [12, 18, 1],
      [12, 18, 2],
    ] as const) {
      const design = { treated: n1, control: n2, sdChange: 1, sdRatio: ratio };
      const formula = evaluationPower(design, { standardizedEffect: 1 });
      expect(formula.byFormula).toBe(true);
      const simulated = evaluationPower(design, { standardizedEffect: 1, method: "simulation", seed: 3 });
      expect(Math.abs(simulated.power - formula.power)).toBeLessThan(3 * (simulated.monteCarloSE as number));
    }
  });

  it("Welch below 10 per group is simulated by default (the noncentral t approximation is off by several points there)", () => {
    const small = evaluationPower({ treated: 4, control: 6, sdChange: 1 }, { standardizedEffect: 1.5 });
    expect(small.byFormula).toBe(false);
    expect(small.method).toBe("simulation: welchTTest on 2,000 simulated data sets, seed 0");
    const forced = evaluationPower({ treated: 4, control: 6, sdChange: 1 }, { standardizedEffect: 1.5, method: "formula" });
    expect(forced.byFormula).toBe(true);
    expect(forced.warnings.join(" ")).toMatch(/off by several points/);
  });

  it("keeps the level: at effect 0 every test rejects at most at alpha plus 3 Monte Carlo SEs", () => {
    const base = { treated: 5, control: 7, sd: 10, correlation: 0.5 };
    for (const design of [
      { ...base, test: "welch" as const },
      { ...base, test: "permutation" as const },
      { ...base, test: "ancova" as const },
      { ...base, test: "cluster" as const, clusters: 12, icc: 0.2 },
    ]) {
      const result = evaluationPower(design, { effect: 0, simulations: 1000, seed: 5, method: "simulation" });
      expect(result.power).toBeLessThan(0.05 + 3 * Math.sqrt((0.05 * 0.95) / 1000));
    }
  });

  it("is reproducible: the same seed gives the same power, another seed a different one", () => {
    const design = { treated: 4, control: 6, sd: 10, correlation: 0.6, test: "ancova" as const };
    const a = evaluationPower(design, { effect: 12, seed: 1, simulations: 500 });
    const b = evaluationPower(design, { effect: 12, seed: 1, simulations: 500 });
    const c = evaluationPower(design, { effect: 12, seed: 2, simulations: 500 });
    expect(a.power).toBe(b.power);
    expect(c.power).not.toBe(a.power);
  });

  it("ANCOVA on a baseline correlated 0.6 beats the change score (residual variance 1 - r^2 = 0.64 against 2 (1 - r) = 0.8 baseline variances)", () => {
    const base = { treated: 10, control: 20, sd: 10, correlation: 0.6 };
    const ancova = evaluationPower({ ...base, test: "ancova" }, { effect: 7, simulations: 2000, seed: 4 });
    const welch = evaluationPower({ ...base, test: "welch" }, { effect: 7, simulations: 2000, seed: 4, method: "simulation" });
    expect(ancova.power).toBeGreaterThan(welch.power + 3 * (welch.monteCarloSE as number));
  });

  it("the exact permutation test: power 0 and no detectable effect when no split reaches alpha (1 against 9; 4 against 6 at alpha 0.05 / 6)", () => {
    const one = evaluationPower({ treated: 1, control: 9, sdChange: 1, test: "permutation" }, { standardizedEffect: 10 });
    expect(one.power).toBe(0);
    expect(one.warnings.join(" ")).toMatch(/smallest possible permutation p is 0.2 \(over 10 splits\)/);
    const mde = minimumDetectableEffect({ treated: 4, control: 6, sdChange: 1, test: "permutation", topics: 6 });
    expect(mde.effect).toBe(Number.POSITIVE_INFINITY);
    expect(mde.toString()).toMatch(/no effect is detectable/);
    expect(mde.warnings.join(" ")).toMatch(/0.00952 \(over 210 splits\), above alpha 0.00833/);
  });
});

describe("minimumDetectableEffect", () => {
  it("is the same in SDs of the change at any scale, by formula and by simulation (before: at an SD of 1e80 the formula's Satterthwaite df overflowed, 5.8e-11 SDs for 1.325; at 1e-80 it gave 1.316)", () => {
    for (const [design, options] of [
      [{ treated: 10, control: 10, correlation: 0.5 }, {}],
      [{ treated: 12, control: 15, correlation: 0.5, test: "pooled" as const }, {}],
      [{ treated: 4, control: 6, correlation: 0.6, test: "ancova" as const }, { simulations: 300 }],
    ] as const) {
      const at = (sd: number) => minimumDetectableEffect({ ...design, sd }, options);
      const reference = at(1).standardizedEffect;
      expect(Number.isFinite(reference) && reference > 1).toBe(true);
      // 5e-324 carries one bit: only where sd * sqrt(2 (1 - r)) is exact (r = 0.5).
      for (const sd of [...(design.correlation === 0.5 ? [5e-324] : []), 1e-310, 1e-80, 1e-10, 1e10, 1e80]) {
        expect(at(sd).standardizedEffect).toBeCloseTo(reference, 12);
        if (sd > 1e-300) expect(at(sd).effect / sd).toBeCloseTo(at(1).effect, 12);
      }
    }
    expect(evaluationPower({ treated: 10, control: 10, sd: 1e80, correlation: 0.5 }, { effect: 1e80 }).power).toBeCloseTo(evaluationPower({ treated: 10, control: 10, sd: 1, correlation: 0.5 }, { effect: 1 }).power, 12);
    expect(evaluationPower({ treated: 4, control: 6, sdChange: 5e-324 }, { standardizedEffect: 1.5, simulations: 300 }).power).toBe(evaluationPower({ treated: 4, control: 6, sdChange: 1 }, { standardizedEffect: 1.5, simulations: 300 }).power);
    // A huge sdRatio: Welch's error is the larger group's, power at alpha (was NaN, and an MDE of 5.8e-11 SDs; review).
    expect(evaluationPower({ treated: 20, control: 30, sdChange: 1, sdRatio: 1e80 }, { standardizedEffect: 1, method: "formula" }).power).toBeCloseTo(0.05, 12);
    // The search reaches as far as the treated group's SD: at sdRatio 100 the effect is 66 SDs of
    // the control group's change, beyond a fixed limit of 64 (it said nothing was detectable; review).
    for (const sdRatio of [100, 1e80]) {
      const mde = minimumDetectableEffect({ treated: 20, control: 30, sdChange: 1, sdRatio }, { method: "formula" });
      expect(Number.isFinite(mde.standardizedEffect)).toBe(true);
      expect(evaluationPower({ treated: 20, control: 30, sdChange: 1, sdRatio }, { standardizedEffect: mde.standardizedEffect, method: "formula" }).power).toBeCloseTo(0.8, 9);
    }
    // The simulated search ends where the doubles between its ends run out: past 9e12 SDs, or with a
    // tolerance below their spacing, the midpoint stayed put and the search never ended (review).
    const far = minimumDetectableEffect({ treated: 12, control: 18, sdChange: 2, sdRatio: 1e13 }, { method: "simulation", simulations: 200 });
    expect(far.standardizedEffect / 1e13).toBeCloseTo(minimumDetectableEffect({ treated: 12, control: 18, sdChange: 2, sdRatio: 1e12 }, { method: "simulation", simulations: 200 }).standardizedEffect / 1e12, 3);
    expect(Number.isFinite(minimumDetectableEffect({ treated: 12, control: 18, sdChange: 2, sdRatio: 1e4 }, { method: "simulation", simulations: 200, tolerance: 1e-13 }).standardizedEffect)).toBe(true);
    // An SD of the change beyond the double range is refused, not taken as Infinity.
    expect(() => minimumDetectableEffect({ treated: 10, control: 10, sd: 1e308, correlation: -0.9 })).toThrow("design: sd 1e+308 with correlation -0.9 gives an SD of the change beyond the double range");
  });

  it("inverts the simulated power curve: power at the MDE reaches the target, one tolerance below it does not (same seed)", () => {
    for (const design of [
      { treated: 4, control: 6, sd: 10, correlation: 0.6, test: "ancova" as const },
      { treated: 6, control: 9, sdChange: 5, test: "cluster" as const, clusters: 6, icc: 0.1 },
      { treated: 4, control: 6, sdChange: 5 },
    ]) {
      const mde = minimumDetectableEffect(design, { simulations: 1000, seed: 9 });
      expect(mde.byFormula).toBe(false);
      expect(mde.tolerance).toBe(0.001);
      const at = evaluationPower(design, { effect: mde.effect, simulations: 1000, seed: 9 });
      const below = evaluationPower(design, { effect: mde.effect - mde.toleranceInUnit, simulations: 1000, seed: 9 });
      expect(at.power).toBe(mde.achievedPower);
      expect(at.power).toBeGreaterThanOrEqual(0.8);
      expect(below.power).toBeLessThan(0.8);
    }
  });

  it("inverts the formula's power curve for any design: power at the MDE equals the target to 1e-8 (property; pooled and Welch, one or more topics)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 2, max: 60 }),
        fc.double({ min: 0.2, max: 0.95, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom("pooled" as const, "welch" as const),
        fc.constantFrom("two-sided" as const, "greater" as const),
        (n1, n2, target, topics, test, alternative) => {
          const design = { treated: n1, control: n2, sd: 7, correlation: 0.5, topics, test, alternative };
          if (target <= 0.05 / topics) return;
          const mde = minimumDetectableEffect(design, { power: target, method: "formula" });
          expect(Math.abs(evaluationPower(design, { effect: mde.effect, method: "formula" }).power - target)).toBeLessThan(1e-8);
        },
      ),
      { numRuns: 60, seed: 4 },
    );
  });

  it("calibration: at the pooled MDE for 80% power, power simulated on fresh data (4,000 sets) is within 2 points of 80%", () => {
    for (const [n1, n2] of [
      [4, 6],
      [12, 18],
    ] as const) {
      const design = { treated: n1, control: n2, sdChange: 1, test: "pooled" as const };
      const mde = minimumDetectableEffect(design);
      const check = evaluationPower(design, { standardizedEffect: mde.standardizedEffect, method: "simulation", simulations: 4000, seed: 123 });
      expect(Math.abs(check.power - 0.8)).toBeLessThan(0.02);
    }
  });

  it("calibration: at the simulated Welch MDE for 4 against 6, power on other data sets (seed 77, 4,000 sets) is within 2 points of 80%", () => {
    const design = { treated: 4, control: 6, sdChange: 1 };
    const mde = minimumDetectableEffect(design, { simulations: 4000, seed: 1 });
    const check = evaluationPower(design, { standardizedEffect: mde.standardizedEffect, simulations: 4000, seed: 77 });
    expect(Math.abs(check.power - 0.8)).toBeLessThan(0.02);
  });

  it("the permutation test's MDE at 4 against 6 is near Welch's (both about 2.1 SD of the change) and carries a 0.002 SD tolerance", () => {
    const permutation = minimumDetectableEffect({ treated: 4, control: 6, sdChange: 1, test: "permutation" }, { simulations: 500, seed: 2 });
    expect(permutation.tolerance).toBe(0.002);
    expect(permutation.method).toMatch(/^simulation: permutationTest \(exact, 210 splits\) on 500 simulated data sets, seed 2$/);
    expect(permutation.standardizedEffect).toBeGreaterThan(1.8);
    expect(permutation.standardizedEffect).toBeLessThan(2.5);
  });

  it("reads as a sentence with the tolerance, and survives toJSON and fromJSON (Infinity included)", () => {
    const mde = minimumDetectableEffect({ treated: 12, control: 18, sd: 10, correlation: 0.5, unit: "%" });
    expect(mde.toString()).toMatch(/^with 12 against 18 institutions, only differences in change above 10\.\d pp \(1\.0\d SD of the change\) are detectable at 80.0% power/);
    expect(mde.toString()).toMatch(/search tolerance 1e-9 pp$/);
    expect(Object.isFrozen(mde)).toBe(true);
    expect(Object.isFrozen(mde.design)).toBe(true);
    expect(DetectableEffect.fromJSON(JSON.stringify(mde)).toJSON()).toEqual(mde.toJSON());
    const none = minimumDetectableEffect({ treated: 1, control: 9, sdChange: 1, test: "permutation" });
    expect(DetectableEffect.fromJSON(JSON.stringify(none)).effect).toBe(Number.POSITIVE_INFINITY);
    const power = evaluationPower({ treated: 12, control: 18, sdChange: 1 }, { standardizedEffect: 1 });
    expect(EvaluationPower.fromJSON(JSON.stringify(power)).toJSON()).toEqual(power.toJSON());
    expect(power.toString()).toMatch(/^power \d+\.\d% to detect 1 score points \(1 SD of the change\) with 12 against 18 institutions, Welch t test/);
  });
});

describe("options and designs are checked", () => {
  it("names the function and the key, with did-you-mean", () => {
    expect(() => evaluationPower({ treated: 4, control: 6, sdChange: 1 }, { efect: 2 } as never)).toThrow(/^evaluationPower: efect: unknown option of evaluationPower; did you mean effect\?/);
    expect(() => minimumDetectableEffect({ treated: 4, control: 6, sdChnge: 1 } as never)).toThrow(/did you mean sdChange\?/);
    expect(() => evaluationPower({ treated: 4, control: 6, sdChange: 1 }, { effect: 1, standardizedEffect: 1 })).toThrow(TwinningArgumentError);
    expect(() => evaluationPower({ treated: 4, control: 6, sd: 1 }, { effect: 1 })).toThrow(/variability is missing/);
    expect(() => evaluationPower({ treated: 4, control: 6, sdChange: 1, test: "ancova" }, { effect: 1 })).toThrow(/ANCOVA needs sd and correlation/);
    expect(() => evaluationPower({ treated: 4, control: 6, sdChange: 1, test: "cluster" }, { effect: 1 })).toThrow(/needs clusters/);
    expect(() => evaluationPower({ treated: 4, control: 6, sdChange: 1, test: "ancova", sd: 1, correlation: 0.5 }, { effect: 1, method: "formula" })).toThrow(/no formula/);
    expect(() => minimumDetectableEffect({ treated: 4, control: 6, sdChange: 1 }, { seed: -1 })).toThrow(/seed/);
    expect(() => minimumDetectableEffect({ treated: 4, control: 6, sdChange: 1 }, { power: 1 })).toThrow(/power/);
  });

  it("accepts institutions with expected choosers in place of group sizes", () => {
    const a = minimumDetectableEffect({ institutions: 30, expectedChoosers: 12, sdChange: 1 });
    const b = minimumDetectableEffect({ treated: 12, control: 18, sdChange: 1 });
    expect(a.effect).toBe(b.effect);
    expect(() => minimumDetectableEffect({ institutions: 10, expectedChoosers: 10, sdChange: 1 })).toThrow(/fewer than institutions/);
  });
});

describe("detectableEffectNote", () => {
  it("says what a non-significant estimate's design could detect, with the SD read off its Welch standard error", () => {
    const se = 4;
    const note = detectableEffectNote({ n: { treated: 4, control: 6 }, unit: "pp", standardError: se }, { noun: "hospitals" });
    const sdChange = se / Math.sqrt(1 / 4 + 1 / 6);
    const mde = minimumDetectableEffect({ treated: 4, control: 6, sdChange, unit: "pp" });
    expect(note).toBe(
      `with 4 hospitals against 6, only differences above ${Number(mde.effect.toPrecision(3))} pp were detectable at 80% power (Welch test, alpha 0.05; SD of the change ${Number(sdChange.toPrecision(3))} pp, as observed)`,
    );
    expect(detectableEffectNote({ n: { treated: 12, control: 18 }, unit: "pp", standardError: se }, { topics: 6 })).toMatch(/^with 12 institutions against 18, only differences above [\d.]+ pp were detectable at 80% power \(Welch test, alpha 0.05 \/ 6 topics;/);
    expect(() => detectableEffectNote({ n: { treated: 1, control: 6 }, unit: "pp", standardError: 1 })).toThrow(/at least 2/);
    expect(() => detectableEffectNote({ n: { treated: 4, control: 6 }, unit: "pp", standardError: 1 }, { nown: "x" } as never)).toThrow(/did you mean noun\?/);
  });

  it("takes an EffectEstimate of the Rwanda example as it is", async () => {
    const network = await loadNetwork(EXAMPLE_FOLDER);
    const estimate = selectionEffect(network, { topic: "accreditation", baseline: "baseline", endline: "endline" });
    expect(detectableEffectNote(estimate, { noun: "hospitals" })).toMatch(/^with 4 hospitals against 6, only differences above [\d.]+ score points were detectable at 80% power/);
  });
});

describe("designFromNetwork", () => {
  const network = TwinningNetwork.from({
    institutions: ["A", "B", "C", "D", "E", "F"].map((id) => ({ id, kind: "hospital" })),
    topics: [{ id: "acc", unit: "%", min: 0, max: 100 }],
    scores: [
      ["A", 50, 55],
      ["B", 60, 62],
      ["C", 70, 76],
      ["D", 40, 41],
      ["E", 55, 50],
      ["F", 65, 70],
    ].flatMap(([institution, y1, y2]) => [
      { institution: institution as string, topic: "acc", period: "2021", value: y1 as number },
      { institution: institution as string, topic: "acc", period: "2022", value: y2 as number },
    ]),
    interests: [
      { institution: "A", topic: "acc" },
      { institution: "B", topic: "acc" },
      { institution: "C", topic: "acc" },
    ],
  });

  it("estimates the SD and the baseline-endline correlation pooled within choosers and the others (checked by hand)", () => {
    const { design, basis, warnings } = designFromNetwork(network, { topic: "acc", from: "2021", to: "2022" });
    // Choosers A, B, C: 2021 mean 60, 2022 mean 64.333; others D, E, F: 2021 mean 53.333, 2022 mean 53.667.
    const dev = (values: number[]) => values.map((v) => v - values.reduce((s, x) => s + x, 0) / values.length);
    const x = [...dev([50, 60, 70]), ...dev([40, 55, 65])];
    const y = [...dev([55, 62, 76]), ...dev([41, 50, 70])];
    const sxx = x.reduce((s, v) => s + v * v, 0);
    const syy = y.reduce((s, v) => s + v * v, 0);
    const sxy = x.reduce((s, v, i) => s + v * (y[i] as number), 0);
    expect(design.treated).toBe(3);
    expect(design.control).toBe(3);
    expect(design.sd).toBeCloseTo(Math.sqrt((sxx / 4 + syy / 4) / 2), 12);
    expect(design.correlation).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 12);
    expect(design.unit).toBe("pp");
    expect(basis).toEqual({ treated: 3, control: 3, from: "2021", to: "2022", topic: "acc" });
    expect(warnings.join(" ")).toMatch(/rest on 6 institutions/);
    expect(minimumDetectableEffect(design).unit).toBe("pp");
    expect(() => designFromNetwork(network, { topic: "acc", from: "2021", to: "2030" })).toThrow(/unknown period "2030"/);
    expect(() => designFromNetwork(network, { topic: "acc", from: "2021", to: "2022", tset: "welch" } as never)).toThrow(/did you mean test\?/);
  });
});

describe("designFromNetwork with clusters", () => {
  it("counts the groups and estimates the ICC of the change by one-way ANOVA (balanced case checked by hand)", () => {
    // Changes: North 1, 3; South 6, 8; East 2, 2. Group means 2, 7, 2; grand mean 11/3.
    const changes: [string, string, number][] = [
      ["A", "North", 1],
      ["B", "North", 3],
      ["C", "South", 6],
      ["D", "South", 8],
      ["E", "East", 2],
      ["F", "East", 2],
    ];
    const network = TwinningNetwork.from({
      institutions: changes.map(([id, group]) => ({ id, kind: "hospital", group })),
      topics: [{ id: "acc", unit: "score" }],
      scores: changes.flatMap(([institution, , change], i) => [
        { institution, topic: "acc", period: "p1", value: 50 + 3 * i },
        { institution, topic: "acc", period: "p2", value: 50 + 3 * i + change },
      ]),
      interests: [
        { institution: "A", topic: "acc" },
        { institution: "C", topic: "acc" },
        { institution: "E", topic: "acc" },
      ],
    });
    const { design, iccEstimate } = designFromNetwork(network, { topic: "acc", from: "p1", to: "p2", clusterBy: "group", test: "cluster" });
    const grand = 11 / 3;
    const msb = (2 * ((2 - grand) ** 2 + (7 - grand) ** 2 + (2 - grand) ** 2)) / 2;
    const msw = (1 + 1 + 1 + 1 + 0 + 0) / 3;
    expect(design.clusters).toBe(3);
    expect(iccEstimate).toBeCloseTo((msb - msw) / (msb + msw), 12);
    expect(design.icc).toBeCloseTo((msb - msw) / (msb + msw), 12);
    expect(minimumDetectableEffect(design, { simulations: 200 }).design.clusters).toBe(3);
  });
});

describe("display", () => {
  it("util.inspect shows the sentence and the warnings", async () => {
    const { inspect } = await import("node:util");
    const mde = minimumDetectableEffect({ treated: 1, control: 9, sdChange: 1, test: "permutation" });
    expect(inspect(mde)).toMatch(/^DetectableEffect: with 1 against 9 institutions no effect is detectable[^\n]*\n {2}warnings: .*unreachable significance/);
    expect(inspect(evaluationPower({ treated: 12, control: 18, sdChange: 1, test: "pooled" }, { standardizedEffect: 1 }))).toMatch(/^EvaluationPower: power \d+\.\d% to detect 1 score points/);
  });
});

describe("selectionEffect says what the design could detect beside an estimate that is not significant", () => {
  it("adds the detectableEffectNote sentence to the warnings of non-significant topics only, and not when turned off", async () => {
    const { selectionEffect, selectionEffects } = await import("../../../src/index.js");
    const network = await loadNetwork(EXAMPLE_FOLDER);
    const effects = selectionEffects(network, { baseline: "baseline", endline: "endline" });
    for (const estimate of effects.estimates) {
      const notes = estimate.warnings.filter((w) => w.startsWith("not significant: with "));
      expect(notes.length, estimate.label).toBe((estimate.adjustedPValue as number) >= 0.05 ? 1 : 0);
    }
    const accreditation = effects.estimates.find((e) => e.label === "accreditation");
    expect(accreditation?.warnings.join(" ")).toMatch(/with 4 hospitals against 6, only differences above [\d.]+ score points were detectable at 80% power \(Welch test, alpha 0\.05 \/ 12 topics/);
    const quiet = selectionEffect(network, { topic: "accreditation", baseline: "baseline", endline: "endline", detectableEffect: false });
    expect(quiet.warnings.some((w) => w.startsWith("not significant"))).toBe(false);
  });
});
