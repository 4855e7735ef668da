/**
 * Rounding noise is no effect. A change is judged zero on the scale of the scores it is computed
 * from, not on its own scale: `n / 997 * 100` and `100 * n / 997` are the same rational number
 * (exact arithmetic gives every change 0), yet as doubles they differ by up to 1.4e-14 on scores
 * near 70, and divided by a spread of the same size that printed p = .009, g = 1.73 and Cliff's
 * delta 1 (new-user trial). Expected values here are exact: the changes are 0 in rational arithmetic.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { settle } from "../../src/effects/compareChanges.js";
import type { NotEstimable } from "../../src/effects/EffectEstimate.js";
import { compareChanges, NotEstimableError, robustOLS, selectionEffects, TwinningNetwork } from "../../src/index.js";

const percentFirst = (n: number) => (n / 997) * 100;
const hundredFirst = (n: number) => (100 * n) / 997;

/** The trial's 12 districts: 6 whose second value rounds up, 6 down (as /tmp/w/mknoise.ts picks them). */
function trialDistricts(): { treated: number[]; control: number[] } {
  const treated: number[] = [];
  const control: number[] = [];
  let [treatedLow, treatedHigh, controlLow, controlHigh] = [0, 0, 0, 0];
  for (let n = 1; n < 990; n++) {
    const [a, b] = [percentFirst(n), hundredFirst(n)];
    if (a === b) continue;
    const high = a > 64;
    if (b > a && (high ? treatedHigh < 3 : treatedLow < 3)) {
      treated.push(n);
      if (high) treatedHigh++;
      else treatedLow++;
    } else if (b < a && (high ? controlHigh < 3 : controlLow < 3)) {
      control.push(n);
      if (high) controlHigh++;
      else controlLow++;
    }
  }
  return { treated, control };
}

const noisy = (ns: readonly number[]) => ({ before: ns.map(percentFirst), after: ns.map(hundredFirst) });

describe("changes within rounding of the scores are zero", () => {
  it("the trial's 12 districts: the topic is not estimable (every change is 0), with no p-value or effect size", () => {
    const { treated, control } = trialDistricts();
    expect(treated.length + control.length).toBe(12);
    // The premise: the doubles differ, by less than 1e-13 of the largest score.
    const differences = [...treated, ...control].map((n) => hundredFirst(n) - percentFirst(n));
    expect(differences.every((d) => d !== 0 && Math.abs(d) <= 1.5e-14)).toBe(true);

    const groups = { treated: noisy(treated), control: noisy(control) };
    expect(() => compareChanges(groups, { unit: "%" })).toThrow(NotEstimableError);
    expect(() => compareChanges(groups, { unit: "%" })).toThrow(/zero variance in both groups \(to within rounding of the scores; every change is 0\)/);

    const ids = [...treated, ...control].map((_, i) => `d${i}`);
    const network = TwinningNetwork.from({
      institutions: ids.map((id) => ({ id, kind: "district" })),
      topics: [{ id: "cov", unit: "%", min: 0, max: 100 }],
      interests: ids.slice(0, treated.length).map((institution) => ({ institution, topic: "cov" })),
      scores: [...treated, ...control].flatMap((n, i) => [
        { institution: ids[i] as string, topic: "cov", period: "2022", value: percentFirst(n) },
        { institution: ids[i] as string, topic: "cov", period: "2023", value: hundredFirst(n) },
      ]),
    });
    const effects = selectionEffects(network, { baseline: "2022", endline: "2023" });
    expect(effects.estimates).toEqual([]);
    expect(effects.skipped).toHaveLength(1);
    expect(effects.skipped[0]?.reason).toMatch(/every change is 0/);
  });

  it("small groups (5 against 5, several denominators) are not estimable either (the trial saw g = 0.57, 1.01 with intervals)", () => {
    for (const denominator of [997, 991, 983, 977, 971]) {
      const make = (ns: number[]) => ({ before: ns.map((n) => (n / denominator) * 100), after: ns.map((n) => (100 * n) / denominator) });
      expect(() => compareChanges({ treated: make([3, 7, 11, 29, 31]), control: make([13, 17, 19, 23, 37]) })).toThrow(NotEstimableError);
    }
  });

  it("a constant change of 0.01 on scores near 2e6 (noise 2e-10 from the scores' rounding) is a constant change: t was -1.5e8", () => {
    const before = [1234567.891, 2345678.123, 3456789.017, 1987654.321];
    const other = [1111111.137, 2222222.913, 3333333.719];
    // The premise: the computed changes are not all equal.
    expect(new Set(before.map((b) => b + 0.01 - b)).size).toBeGreaterThan(1);
    expect(() => compareChanges({ treated: { before, after: before.map((b) => b + 0.01) }, control: { before: other, after: other.map((b) => b + 0.02) } })).toThrow(
      /zero variance in both groups \(to within rounding of the scores\)/,
    );
  });

  it("a group whose changes are noise gives every estimator the same result as exact zeros (Cliff's delta 0, not 0.1)", () => {
    const ns = [3, 7, 11, 29, 31];
    const control = { before: [10, 20, 30, 40], after: [10, 20, 31, 38] };
    const fromNoise = compareChanges({ treated: noisy(ns), control });
    const fromZeros = compareChanges({ treated: { before: ns.map(percentFirst), after: ns.map(percentFirst) }, control });
    // Exact: each treated change 0 ties two control changes of 0, is below +1 and above -2.
    expect(fromNoise.cliffsDelta.estimate).toBe(0);
    for (const read of [
      (e: typeof fromNoise) => e.estimate,
      (e: typeof fromNoise) => e.pValue,
      (e: typeof fromNoise) => e.hedgesG.estimate,
      (e: typeof fromNoise) => e.hedgesG.ci[1],
      (e: typeof fromNoise) => e.cliffsDelta.estimate,
      (e: typeof fromNoise) => e.permutation.pValue,
    ]) {
      expect(read(fromNoise)).toBe(read(fromZeros));
    }
  });

  it("a real change of 1e-9 on scores of 100 (1e-11 of their size, 100 times the rounding limit) is kept", () => {
    const estimate = compareChanges({
      treated: { before: [100, 90, 80], after: [100 + 1e-9, 90 + 3e-9, 80 + 2e-9] },
      control: { before: [100, 90, 80], after: [100, 90, 80] },
    });
    expect(estimate.estimate).toBeCloseTo(2e-9, 12);
    expect(estimate.hedgesG.estimate).toBeGreaterThan(1);
  });
});

describe("rounding is judged per institution, in no particular row order (review of stop 19)", () => {
  it("one institution at 1e9 leaves changes of 1e-5 on scores near 0.5 as they are: the estimate is the exact mean difference (it was 'every change is 0')", () => {
    const near = [0.5, 0.4, 0.6, 0.55];
    const rises = [1e-5, 2e-5, 1.5e-5, 3e-5];
    const estimate = compareChanges({
      treated: { before: near, after: near.map((score, i) => score + (rises[i] as number)) },
      control: { before: [0.5, 0.45, 1e9], after: [0.5, 0.45 + 1e-6, 1e9] },
    });
    // Exact: treated changes average 1.875e-5, control 1e-6 / 3; the doubles' own rounding is 1e-17 here.
    expect(estimate.estimate).toBeCloseTo(1.875e-5 - 1e-6 / 3, 14);
    expect(estimate.cliffsDelta.estimate).toBe(1);
  });

  it("a change of 0.01 from 0 and one from 99.99 to 100 (5e-15 apart, the rounding of 99.99) are the same change: not estimable, not p < .001 (review)", () => {
    const groups = {
      treated: { before: [...Array(10).fill(0), 99.99], after: [...Array(10).fill(0.01), 100] },
      control: { before: Array(10).fill(99.99), after: Array(10).fill(100) },
    };
    // The premise: the doubles differ.
    expect(100 - 99.99).not.toBe(0.01);
    expect(() => compareChanges(groups)).toThrow(/zero variance in both groups \(to within rounding of the scores\)/);
  });

  it("any order of the rows gives the same result to the last bit, clusters included (reversed rows at baselines of 1e8 gave 2.75e-5 against 3.25e-5)", () => {
    const unit = fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), fc.constantFrom("north", "south", "east"));
    const group = fc.array(unit, { minLength: 3, maxLength: 8 });
    fc.assert(
      fc.property(group, group, fc.integer({ min: 0, max: 6 }), fc.integer(), (treatedUnits, controlUnits, power, seed) => {
        const offset = 10 ** power;
        const build = (units: typeof treatedUnits) => ({ before: units.map(([b]) => offset + b), after: units.map(([b, d]) => offset + b + d), clusters: units.map(([, , c]) => c) });
        // A seeded shuffle of each group's rows.
        const shuffled = <T>(values: readonly T[]): T[] => {
          const copy = [...values];
          let state = seed >>> 0;
          for (let i = copy.length - 1; i > 0; i--) {
            state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
            const j = state % (i + 1);
            [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
          }
          return copy;
        };
        const run = (t: typeof treatedUnits, c: typeof controlUnits) => {
          try {
            return JSON.stringify(compareChanges({ treated: build(t), control: build(c) }, { permutation: { resamples: 200 } }).toJSON());
          } catch (error) {
            return String(error);
          }
        };
        expect(run(shuffled(treatedUnits), shuffled(controlUnits))).toBe(run(treatedUnits, controlUnits));
        // The direction flips every sign exactly: the noise merged does not depend on it.
        try {
          const up = compareChanges({ treated: build(treatedUnits), control: build(controlUnits) }, { permutation: { resamples: 200 } });
          const down = compareChanges({ treated: build(treatedUnits), control: build(controlUnits) }, { permutation: { resamples: 200 }, higherIsBetter: false });
          // (+ 0 makes -0 and 0 one value.)
          expect([down.estimate, down.ci[1], down.hedgesG.estimate, down.cliffsDelta.estimate].map((x) => x + 0)).toEqual([-up.estimate, -up.ci[0], -up.hedgesG.estimate, -up.cliffsDelta.estimate].map((x) => x + 0));
          expect(down.pValue).toBe(up.pValue);
        } catch (error) {
          if (!(error instanceof NotEstimableError)) throw error;
        }
      }),
      { seed: 7, numRuns: 60 },
    );
  });
});

describe("an exact fit has standard error 0, not rounding noise", () => {
  it("robustOLS: after = 2 x before exactly gives standard errors of exactly 0 (they were about 4e-14)", () => {
    const before = [1.1, 2.3, 3.7, 4.1, 5.3, 6.9];
    const fit = robustOLS(before.map((b, i) => [1, b, i < 3 ? 1 : 0]), before.map((b) => 2 * b), "HC2");
    expect(fit.standardErrors).toEqual([0, 0, 0]);
    expect(fit.coefficients[1]).toBeCloseTo(2, 12);
  });

  it("compareChanges: the ANCOVA of an exact fit is not estimable and says its coefficient; the Welch estimate stands", () => {
    // after = 20 + 0.5 before + 15 group exactly; the change scores are equal (0 pp).
    const exact = { treated: { before: [60, 70, 80, 72], after: [65, 70, 75, 71] }, control: { before: [30, 40, 50, 42], after: [35, 40, 45, 41] } };
    const estimate = compareChanges(exact, { unit: "%" });
    expect((estimate.ancova as NotEstimable).reason).toBe("exact fit (residuals 0 to within rounding): 15 pp, no standard error");
    expect(estimate.warnings).toContain("ANCOVA not estimable: exact fit (residuals 0 to within rounding): 15 pp, no standard error");
    expect(estimate.estimate).toBe(0);
    // A coefficient of rounding size is 0, and no disagreement in significance comes of noise.
    const tripled = compareChanges({ treated: { before: [0.1, 0.2, 0.3], after: [0.1 * 3, 0.2 * 3, 0.3 * 3] }, control: { before: [0.7, 0.9, 1.3], after: [0.7 * 3, 0.9 * 3, 1.3 * 3] } });
    expect((tripled.ancova as NotEstimable).reason).toMatch(/: 0 score points, no standard error/);
    expect(tripled.warnings.join("\n")).not.toMatch(/disagree/);
    expect(tripled.estimate).toBeCloseTo(-1.5333333333333, 12);
  });
});

/** The definition of settle, scanning every kept value (quadratic): the reference of the searched version. */
function settleByScan(changes: readonly number[], tolerances: readonly number[]): number[] {
  const at = (list: readonly number[], i: number) => list[i] as number;
  const order = changes.map((_, i) => i).sort((i, j) => at(tolerances, i) - at(tolerances, j) || Math.abs(at(changes, i)) - Math.abs(at(changes, j)) || at(changes, i) - at(changes, j));
  const kept: { value: number; tolerance: number; members: number[] }[] = [{ value: 0, tolerance: 0, members: [] }];
  for (const i of order) {
    let nearest: (typeof kept)[number] | undefined;
    for (const value of kept) {
      const gap = Math.abs(at(changes, i) - value.value);
      if (gap <= at(tolerances, i) + value.tolerance && (nearest === undefined || gap < Math.abs(at(changes, i) - nearest.value))) nearest = value;
    }
    if (nearest === undefined) kept.push({ value: at(changes, i), tolerance: at(tolerances, i), members: [i] });
    else nearest.members.push(i);
  }
  const settled = new Array<number>(changes.length);
  kept.forEach(({ members }, index) => {
    const precise = members.filter((i) => at(tolerances, i) === at(tolerances, members[0] as number)).map((i) => at(changes, i));
    const value = index === 0 ? 0 : (Math.min(...precise) + Math.max(...precise)) / 2;
    for (const i of members) settled[i] = value;
  });
  return settled;
}

describe("settle: rounding noise merged by search", () => {
  it("gives exactly what scanning every kept value gives (brute-force reference; fast-check: values and tolerances on several scales, many near ties and zeros)", () => {
    const scale = fc.constantFrom(0, 1e-300, 1e-13, 1e-12, 1, 1e9);
    const change = fc.tuple(fc.integer({ min: -40, max: 40 }), scale, fc.constantFrom(1, 1 + 1e-14, 1 - 1e-15)).map(([k, size, wobble]) => k * size * wobble);
    fc.assert(
      fc.property(fc.array(fc.tuple(change, fc.constantFrom(0, 1e-13, 2e-13, 1e-12, 3e-12, 1)), { maxLength: 60 }), (units) => {
        const changes = units.map(([value]) => value);
        const tolerances = units.map(([, tolerance]) => tolerance);
        expect(settle(changes, tolerances)).toEqual(settleByScan(changes, tolerances));
      }),
      { numRuns: 400, seed: 20261201 },
    );
  });

  it("tolerances whose sum overflows to Infinity settle as the scan does (the search read a nearest value it had not found yet; review)", () => {
    const changes = [1.7976931348623157e308, -1.7976931348623157e308];
    const tolerances = [1.7976931348623157e308, 1e308];
    expect(settle(changes, tolerances)).toEqual(settleByScan(changes, tolerances));
  });

  it("20,000 changes on a grid of 0.01, with their own tolerances, settle as the scan does", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const before = Array.from({ length: 20_000 }, () => Math.round(next() * 1e4) / 100);
    const after = before.map((value) => value + Math.round(next() * 1000 - 500) / 100);
    const changes = after.map((value, i) => value - (before[i] as number));
    const tolerances = after.map((value, i) => 1e-13 * Math.max(Math.abs(value), Math.abs(before[i] as number)));
    expect(settle(changes, tolerances)).toEqual(settleByScan(changes, tolerances));
  });
});
