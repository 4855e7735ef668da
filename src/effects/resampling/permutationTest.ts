/**
 * Two-sample permutation test of mean(x) - mean(y), or of Welch's t (the studentised statistic,
 * which stays valid when variances differ; Chung & Romano 2013).
 *
 * Exact when the number of splits C(n1 + n2, n1) is at most `exactLimit`: every split is visited
 * in revolving-door order (Knuth, TAOCP 7.2.1.3, Algorithm R), where neighbouring splits differ by
 * one member in and one out, so the group sums update in O(1). Data with at most 6 decimals are
 * scaled to integers so the sums are exact; other data use compensated sums. Above the limit,
 * seeded Monte Carlo with p = (1 + #{T* >= T}) / (1 + B) (Phipson & Smyth 2010).
 * Two-sided p: 2 min(p_less, p_greater), clipped to 1 (SciPy's convention), or #{|T*| >= |T|}.
 * Null values within a relative 1e-12 of the observed one count as ties.
 */
import { TwinningArgumentError } from "../../core/errors.js";
import { type Alternative, checkSample, mean, variance } from "../checks.js";
import { SeededRandom } from "../../core/random.js";

/** Options of permutationTest: exact limit, Monte Carlo resamples, seed and direction. */
export interface PermutationOptions {
  alternative?: Alternative;
  /** `mean-difference` (default) or `welch-t`. */
  statistic?: "mean-difference" | "welch-t";
  /** Two-sided convention: `double` (default, 2 min(p_less, p_greater)) or `absolute` (|T*| >= |T|). */
  twoSided?: "double" | "absolute";
  /** Enumerate every split when there are at most this many (default 1e8). */
  exactLimit?: number;
  /** Monte Carlo permutations above the limit (default 100,000). */
  resamples?: number;
  /** Seed of the Monte Carlo permutations (default 0). */
  seed?: number;
}

/**
 * Defaults of PermutationOptions.
 * @example
 * permutationTest(x, y, { ...DEFAULT_PERMUTATION_OPTIONS, seed: 3 })
 */
export const DEFAULT_PERMUTATION_OPTIONS = Object.freeze({
  alternative: "two-sided" as Alternative,
  statistic: "mean-difference" as "mean-difference" | "welch-t",
  twoSided: "double" as "double" | "absolute",
  exactLimit: 1e8,
  resamples: 100_000,
  seed: 0,
});

/** The statistic, its p-value, whether every split was enumerated, and the smallest p-value the design allows. */
export interface PermutationResult {
  statistic: number;
  pValue: number;
  exact: boolean;
  /** Splits enumerated (exact) or permutations drawn (Monte Carlo). */
  partitions: number;
  /** The smallest p-value this design can give: 2 / C(n1 + n2, n1) two-sided (1 / ... one-sided). */
  minimumPValue: number;
  alternative: Alternative;
  method: string;
}

/** C(n, k) as a double (exact below 2^53). */
export function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}

/** A scale 10^k (k <= 6) that makes every value an integer with exact sums, or 0 when none does. */
function integerScale(values: readonly number[], squares: boolean): number {
  for (let k = 0; k <= 6; k++) {
    const scale = 10 ** k;
    let ok = true;
    let total = 0;
    for (const value of values) {
      const scaled = value * scale;
      if (Math.abs(scaled - Math.round(scaled)) > 1e-9 * Math.abs(scaled)) {
        ok = false;
        break;
      }
      total += squares ? scaled * scaled : Math.abs(scaled);
    }
    if (ok && total < 2 ** 52) return scale;
  }
  return 0;
}

interface Counter {
  greater: number;
  less: number;
  absolute: number;
}

/**
 * Two-sample permutation test of the difference in means: exact when the splits are few enough, else Monte Carlo with a seed.
 * @example permutationTest([5, 7, 9], [1, 2, 3, 4]).pValue
 */
export function permutationTest(x: readonly number[], y: readonly number[], options: PermutationOptions = {}): PermutationResult {
  const name = "permutationTest";
  checkSample(name, "x", x, 1);
  checkSample(name, "y", y, 1);
  const o = { ...DEFAULT_PERMUTATION_OPTIONS, ...options };
  if (!["two-sided", "greater", "less"].includes(o.alternative)) throw new TwinningArgumentError(name, `alternative must be "two-sided", "greater" or "less", got ${JSON.stringify(o.alternative)}`);
  if (!["mean-difference", "welch-t"].includes(o.statistic)) throw new TwinningArgumentError(name, `statistic must be "mean-difference" or "welch-t", got ${JSON.stringify(o.statistic)}`);
  if (!Number.isInteger(o.resamples) || o.resamples < 1) throw new TwinningArgumentError(name, `resamples must be a whole number >= 1, got ${o.resamples}`);
  const welch = o.statistic === "welch-t";
  if (welch && (x.length < 2 || y.length < 2)) throw new TwinningArgumentError(name, "the welch-t statistic needs at least 2 values in each sample");
  const n1 = x.length;
  const n2 = y.length;
  const observed = welch ? welchT(x, y) : mean(x) - mean(y);
  if (!Number.isFinite(observed)) throw new TwinningArgumentError(name, "the observed Welch t is undefined (zero variance in both samples)");
  const total = binomial(n1 + n2, n1);
  const exact = total <= o.exactLimit;
  const pooled = [...x, ...y];
  const tolerance = 1e-12 * Math.max(Math.abs(observed), welch ? 1 : mean(pooled.map(Math.abs)));
  const counter: Counter = { greater: 0, less: 0, absolute: 0 };
  let partitions: number;
  if (exact) {
    enumerateSplits(pooled, n1, welch, counter, welch ? 1 : mean(pooled.map(Math.abs)));
    partitions = total;
  } else {
    sampleSplits(pooled, n1, observed, tolerance, welch, o.resamples, o.seed, counter);
    partitions = o.resamples;
  }
  const denominator = exact ? total : o.resamples + 1;
  const plus = exact ? 0 : 1;
  const pGreater = (counter.greater + plus) / denominator;
  const pLess = (counter.less + plus) / denominator;
  const pValue =
    o.alternative === "greater" ? pGreater : o.alternative === "less" ? pLess : o.twoSided === "absolute" ? (counter.absolute + plus) / denominator : Math.min(1, 2 * Math.min(pGreater, pLess));
  const minimumPValue = Math.min(1, (o.alternative === "two-sided" ? 2 : 1) / (exact ? total : o.resamples + 1));
  const what = welch ? "Welch t" : "difference in means";
  const method = exact
    ? `exact permutation over ${total.toLocaleString("en-US")} splits (${what})`
    : `Monte Carlo permutation, ${o.resamples.toLocaleString("en-US")} resamples, seed ${o.seed} (${what})`;
  return { statistic: observed, pValue, exact, partitions, minimumPValue, alternative: o.alternative, method };
}

function welchT(x: readonly number[], y: readonly number[]): number {
  return (mean(x) - mean(y)) / Math.sqrt(variance(x) / x.length + variance(y) / y.length);
}

/**
 * Visits every split of `values` into the first group (size k) and the rest, counting extremes.
 * The first split visited is the observed one (the first k values), so the observed statistic is
 * computed in exactly the arithmetic of the others and ties are exact.
 */
function enumerateSplits(values: readonly number[], k: number, welch: boolean, counter: Counter, magnitude: number): void {
  const n = values.length;
  const m = n - k;
  const scale = integerScale(values, welch);
  const v = new Float64Array(values.map((value) => (scale > 0 ? Math.round(value * scale) : value)));
  const unscale = scale > 0 ? scale : 1;
  let totalSum = 0;
  let totalSquares = 0;
  for (const value of v) {
    totalSum += value;
    totalSquares += value * value;
  }
  // Revolving door over k-subsets c[1..k] of {0..n-1}, with c[k+1] = n as a sentinel.
  const c = new Int32Array(k + 2);
  for (let j = 1; j <= k; j++) c[j] = j - 1;
  c[k + 1] = n;
  let sum = 0;
  let squares = 0;
  let sumCompensation = 0; // Neumaier compensation, used when the data are not integers
  for (let j = 1; j <= k; j++) {
    sum += v[j - 1] as number;
    squares += (v[j - 1] as number) ** 2;
  }
  const exactSums = scale > 0;
  let observed = Number.NaN;
  let absObserved = Number.NaN;
  let tolerance = 0;
  const visit = () => {
    const s = sum + sumCompensation;
    let statistic: number;
    if (welch) {
      const q = squares;
      const rest = totalSum - s;
      const restSquares = totalSquares - q;
      const varT = (q - (s * s) / k) / (k - 1);
      const varC = (restSquares - (rest * rest) / m) / (m - 1);
      statistic = (s / k - rest / m) / Math.sqrt(Math.max(0, varT) / k + Math.max(0, varC) / m);
    } else {
      statistic = (s / k - (totalSum - s) / m) / unscale;
    }
    if (Number.isNaN(observed)) {
      observed = statistic;
      absObserved = Math.abs(statistic);
      tolerance = 1e-12 * Math.max(absObserved, magnitude);
    }
    if (statistic >= observed - tolerance) counter.greater++;
    if (statistic <= observed + tolerance) counter.less++;
    if (Math.abs(statistic) >= absObserved - tolerance) counter.absolute++;
  };
  const swap = (out: number, into: number) => {
    const removed = v[out] as number;
    const added = v[into] as number;
    if (exactSums) {
      sum += added - removed;
    } else {
      for (const term of [added, -removed]) {
        const next = sum + term;
        sumCompensation += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
        sum = next;
      }
    }
    if (welch) squares += added * added - removed * removed;
  };
  visit();
  if (k === 0 || k === n) return;
  const odd = k % 2 === 1;
  for (;;) {
    // R3: the easy case, moving c[1].
    const c1 = c[1] as number;
    if (odd) {
      if (c1 + 1 < (c[2] as number)) {
        swap(c1, c1 + 1);
        c[1] = c1 + 1;
        visit();
        continue;
      }
    } else if (c1 > 0) {
      swap(c1, c1 - 1);
      c[1] = c1 - 1;
      visit();
      continue;
    }
    let j = 2;
    let moved = false;
    let tryDecrease = odd;
    while (j <= k) {
      if (tryDecrease) {
        // R4 (c[j] = c[j-1] + 1): try to decrease c[j].
        const cj = c[j] as number;
        if (cj >= j) {
          const previous = c[j - 1] as number;
          swap(cj, j - 2);
          c[j] = previous;
          c[j - 1] = j - 2;
          moved = true;
          break;
        }
        j++;
        tryDecrease = false;
      } else {
        // R5 (c[j-1] = j - 2): try to increase c[j].
        const cj = c[j] as number;
        if (cj + 1 < (c[j + 1] as number)) {
          swap(j - 2, cj + 1);
          c[j - 1] = cj;
          c[j] = cj + 1;
          moved = true;
          break;
        }
        j++;
        tryDecrease = true;
      }
    }
    if (!moved) return;
    visit();
  }
}

/** Monte Carlo: B random splits by a partial Fisher-Yates shuffle. */
function sampleSplits(values: readonly number[], k: number, observed: number, tolerance: number, welch: boolean, resamples: number, seed: number, counter: Counter): void {
  const random = new SeededRandom(seed);
  const n = values.length;
  const pool = Float64Array.from(values);
  let totalSum = 0;
  let totalSquares = 0;
  for (const value of pool) {
    totalSum += value;
    totalSquares += value * value;
  }
  const m = n - k;
  const absObserved = Math.abs(observed);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < k; i++) {
      const j = i + random.nextInt(n - i);
      const chosen = pool[j] as number;
      pool[j] = pool[i] as number;
      pool[i] = chosen;
      sum += chosen;
      squares += chosen * chosen;
    }
    let statistic: number;
    if (welch) {
      const rest = totalSum - sum;
      const varT = (squares - (sum * sum) / k) / (k - 1);
      const varC = (totalSquares - squares - (rest * rest) / m) / (m - 1);
      statistic = (sum / k - rest / m) / Math.sqrt(Math.max(0, varT) / k + Math.max(0, varC) / m);
    } else {
      statistic = sum / k - (totalSum - sum) / m;
    }
    if (statistic >= observed - tolerance) counter.greater++;
    if (statistic <= observed + tolerance) counter.less++;
    if (Math.abs(statistic) >= absObserved - tolerance) counter.absolute++;
  }
}
