/**
 * Two-sample permutation test of mean(x) - mean(y), or of Welch's t (the studentised statistic,
 * which stays valid when variances differ; Chung & Romano 2013).
 *
 * Exact when the number of splits C(n1 + n2, n1) is at most `exactLimit`. The difference in means
 * is monotone in the first group's sum, so with at most 40 values it is counted by meet in the
 * middle (Horowitz & Sahni 1974): the subset sums of each half, grouped by size and sorted, are
 * paired by a two-pointer sweep, O(2^(n/2) n) instead of C(n, n1): 20 + 20 values
 * (137,846,528,820 splits) in well under 2 s. Otherwise (Welch's t, which has no such order, or
 * more than 40 values) every split is visited in revolving-door order (Knuth, TAOCP 7.2.1.3,
 * Algorithm R), where neighbouring splits differ by one member in and one out, so the group sums
 * update in O(1); enumeration stops at 1e8 splits unless `exactLimit` is given explicitly. Data
 * with at most 6 decimals are scaled to integers so the sums are exact; other data use
 * compensated sums. Values are first scaled by one power of two (exact), so 1e300 does not
 * overflow a mean. Above the limit, seeded Monte Carlo with p = (1 + #{T* >= T}) / (1 + B)
 * (Phipson & Smyth 2010).
 * Two-sided p: 2 min(p_less, p_greater), clipped to 1 (SciPy's convention), or #{|T*| >= |T|}.
 * Null values within a relative 1e-12 of the observed one count as ties.
 */
import { grouped } from "../../core/display.js";
import { TwinningArgumentError } from "../../core/errors.js";
import { checkOptions, OPTION_RULES, type OptionSchema } from "../../core/options.js";
import { SeededRandom } from "../../core/random.js";
import { type Alternative, checkSample, magnitude, mean, NotEstimableError, unitScale, variance } from "../checks.js";

/** Options of permutationTest: exact limit, Monte Carlo resamples, seed and direction. */
export interface PermutationOptions {
  alternative?: Alternative;
  /** `mean-difference` (default) or `welch-t`. */
  statistic?: "mean-difference" | "welch-t";
  /** Two-sided convention: `double` (default, 2 min(p_less, p_greater)) or `absolute` (|T*| >= |T|). */
  twoSided?: "double" | "absolute";
  /**
   * Exact when there are at most this many splits (default 1e12): by meet in the middle for the
   * difference in means of at most 40 values, else by enumeration, which stops at 1e8 splits
   * unless this is given explicitly. 0 forces Monte Carlo.
   */
  exactLimit?: number;
  /** Monte Carlo permutations above the limit (default 100,000). */
  resamples?: number;
  /** Seed of the Monte Carlo permutations (default 0). */
  seed?: number;
  /** Called with the share of the work done (0 to 1), about every 1e6 splits. */
  onProgress?: (done: number) => void;
}

/** The options schema of permutationTest (shared options contract). */
export const PERMUTATION_SCHEMA: OptionSchema<PermutationOptions> = Object.freeze({
  alternative: OPTION_RULES.alternative,
  statistic: { type: "enum", values: ["mean-difference", "welch-t"] },
  twoSided: { type: "enum", values: ["double", "absolute"] },
  exactLimit: { type: "number", min: 0, max: Number.POSITIVE_INFINITY },
  resamples: OPTION_RULES.positiveInteger,
  seed: OPTION_RULES.seed,
  onProgress: { type: "function" },
});

/** Enumeration visits at most this many splits unless exactLimit is given explicitly. */
const ENUMERATION_LIMIT = 1e8;
/** Meet in the middle handles at most this many values (2^20 subset sums per half). */
const MEET_IN_THE_MIDDLE_MAX = 40;

/**
 * Defaults of PermutationOptions.
 * @example
 * permutationTest(x, y, { ...DEFAULT_PERMUTATION_OPTIONS, seed: 3 })
 */
export const DEFAULT_PERMUTATION_OPTIONS = Object.freeze({
  alternative: "two-sided" as Alternative,
  statistic: "mean-difference" as "mean-difference" | "welch-t",
  twoSided: "double" as "double" | "absolute",
  exactLimit: 1e12,
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
/** Why a Welch-t permutation test has no observed statistic. */
const WELCH_UNDEFINED = "the observed Welch t is undefined (zero variance in both samples, relative to the size of the values)";

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
  x = checkSample(name, "x", x, 1);
  y = checkSample(name, "y", y, 1);
  // Sorted copies: both statistics ignore order, and so then do the Monte Carlo permutations drawn
  // from one seed (the same data listed in another order give the same p-value).
  x = [...x].sort((a, b) => a - b);
  y = [...y].sort((a, b) => a - b);
  const given = checkOptions<PermutationOptions>(name, options, PERMUTATION_SCHEMA);
  const o = { ...DEFAULT_PERMUTATION_OPTIONS, ...given };
  const welch = o.statistic === "welch-t";
  if (welch && (x.length < 2 || y.length < 2)) throw new TwinningArgumentError(name, "the welch-t statistic needs at least 2 values in each sample");
  if (welch && variance(x) === 0 && variance(y) === 0) throw new NotEstimableError(name, WELCH_UNDEFINED);
  const n1 = x.length;
  const n2 = y.length;
  const n = n1 + n2;
  // One power of two for all values (exact); Welch's t is also shift-invariant, so it is
  // computed on values centred at the pooled mean (less cancellation in sums of squares).
  const scale = unitScale(Math.max(magnitude(x), magnitude(y)));
  let pooled = [...x, ...y].map((value) => value * scale);
  if (welch) {
    const centre = mean(pooled);
    pooled = pooled.map((value) => value - centre);
  }
  const total = binomial(n, n1);
  const meetInMiddle = !welch && n <= MEET_IN_THE_MIDDLE_MAX;
  const enumerationCap = given.exactLimit !== undefined ? given.exactLimit : ENUMERATION_LIMIT;
  const exact = total <= o.exactLimit && (meetInMiddle || total <= enumerationCap);
  const magnitudeOfData = welch ? 1 : mean(pooled.map(Math.abs));
  const counter: Counter = { greater: 0, less: 0, absolute: 0 };
  const report = o.onProgress;
  let observed: number;
  if (exact && meetInMiddle) {
    observed = countByHalves(pooled, n1, magnitudeOfData, counter, report);
  } else if (exact) {
    observed = enumerateSplits(pooled, n1, welch, counter, magnitudeOfData, total, report);
  } else {
    observed = sampleSplits(pooled, n1, welch, o.resamples, o.seed, counter, magnitudeOfData, report);
  }
  if (Number.isNaN(observed)) throw new NotEstimableError(name, WELCH_UNDEFINED);
  report?.(1);
  const denominator = exact ? total : o.resamples + 1;
  const plus = exact ? 0 : 1;
  const pGreater = (counter.greater + plus) / denominator;
  const pLess = (counter.less + plus) / denominator;
  const pValue =
    o.alternative === "greater" ? pGreater : o.alternative === "less" ? pLess : o.twoSided === "absolute" ? (counter.absolute + plus) / denominator : Math.min(1, 2 * Math.min(pGreater, pLess));
  const minimumPValue = Math.min(1, (o.alternative === "two-sided" ? 2 : 1) / (exact ? total : o.resamples + 1));
  const what = welch ? "Welch t" : "difference in means";
  const method = exact
    ? `exact permutation over ${grouped(total)} splits (${what}${meetInMiddle ? ", counted by meet in the middle" : ""})`
    : `Monte Carlo permutation, ${grouped(o.resamples)} resamples, seed ${o.seed} (${what})`;
  return { statistic: welch ? observed : observed / scale, pValue, exact, partitions: exact ? total : o.resamples, minimumPValue, alternative: o.alternative, method };
}

/**
 * Welch's t from a group's sum and sum of squares, with variances judged zero relative to the
 * values' size (as checks.ts does): a zero standard error gives +-Infinity (0 for no difference).
 */
function welchFromSums(s: number, q: number, k: number, rest: number, restSquares: number, m: number): number {
  let varT = (q - (s * s) / k) / (k - 1);
  let varC = (restSquares - (rest * rest) / m) / (m - 1);
  // Sums of squares carry rounding of about 1e-16 of q: below 1e-12 of the mean square (on values
  // centred at the pooled mean) a variance is noise.
  if (!(varT > 1e-12 * (q / k))) varT = 0;
  if (!(varC > 1e-12 * (restSquares / m))) varC = 0;
  const difference = s / k - rest / m;
  const se = Math.sqrt(varT / k + varC / m);
  if (se === 0) return difference === 0 ? Number.NaN : difference > 0 ? Number.POSITIVE_INFINITY : -Number.POSITIVE_INFINITY;
  return difference / se;
}

/** Counts splits at or beyond the observed one (the first k values) when statistic(split) is counted with a tolerance. */
function tally(statistic: number, observed: number, tolerance: number, counter: Counter): void {
  if (statistic >= observed - tolerance) counter.greater++;
  if (statistic <= observed + tolerance) counter.less++;
  if (Math.abs(statistic) >= Math.abs(observed) - tolerance) counter.absolute++;
}

/** Subset sums of `values` grouped by size, each group sorted: sums[size] (ascending). */
function sortedSubsetSums(values: readonly number[]): Float64Array[] {
  const h = values.length;
  const count = 1 << h;
  const sums = new Float64Array(count);
  const sizes = new Uint8Array(count);
  const bySize = new Array<number>(h + 1).fill(0);
  bySize[0] = 1;
  for (let mask = 1; mask < count; mask++) {
    const low = mask & -mask;
    const bit = 31 - Math.clz32(low);
    const rest = mask ^ low;
    sums[mask] = (sums[rest] as number) + (values[bit] as number);
    const size = (sizes[rest] as number) + 1;
    sizes[mask] = size;
    bySize[size] = (bySize[size] as number) + 1;
  }
  const groups = bySize.map((size) => new Float64Array(size));
  const filled = new Array<number>(h + 1).fill(0);
  for (let mask = 0; mask < count; mask++) {
    const size = sizes[mask] as number;
    (groups[size] as Float64Array)[filled[size] as number] = sums[mask] as number;
    filled[size] = (filled[size] as number) + 1;
  }
  for (const group of groups) group.sort();
  return groups;
}

/** Pairs (a from A, b from B), both ascending, with a + b >= bound. */
function pairsAtLeast(a: Float64Array, b: Float64Array, bound: number): number {
  let count = 0;
  let j = b.length; // b[j..] are >= bound - a[i]; bound - a[i] falls as i rises
  for (let i = 0; i < a.length; i++) {
    const need = bound - (a[i] as number);
    while (j > 0 && (b[j - 1] as number) >= need) j--;
    count += b.length - j;
  }
  return count;
}

/** Pairs with a + b <= bound. */
function pairsAtMost(a: Float64Array, b: Float64Array, bound: number): number {
  let count = 0;
  let j = b.length; // b[..j) are <= bound - a[i]
  for (let i = 0; i < a.length; i++) {
    const limit = bound - (a[i] as number);
    while (j > 0 && (b[j - 1] as number) > limit) j--;
    count += j;
  }
  return count;
}

/**
 * The exact permutation counts of the difference in means by meet in the middle. The statistic
 * of a split is c S - d (S the first group's sum, c = 1/k + 1/m, d = total / m), increasing in
 * S, so "at least the observed statistic minus the tolerance" is "S at least S_obs - tolerance / c".
 */
function countByHalves(values: readonly number[], k: number, magnitudeOfData: number, counter: Counter, report?: (done: number) => void): number {
  const n = values.length;
  const m = n - k;
  let total = 0;
  for (const value of values) total += value;
  let observedSum = 0;
  for (let i = 0; i < k; i++) observedSum += values[i] as number;
  const observed = observedSum / k - (total - observedSum) / m;
  const tolerance = 1e-12 * Math.max(Math.abs(observed), magnitudeOfData);
  const slope = 1 / k + 1 / m;
  const intercept = total / m;
  const toSum = (statistic: number) => (statistic + intercept) / slope;
  const h = Math.floor(n / 2);
  const left = sortedSubsetSums(values.slice(0, h));
  const right = sortedSubsetSums(values.slice(h));
  const atLeast = observedSum - tolerance / slope;
  const atMost = observedSum + tolerance / slope;
  const absolute = Math.abs(observed) - tolerance;
  const low = Math.max(0, k - (n - h));
  const high = Math.min(k, h);
  for (let a = low; a <= high; a++) {
    const A = left[a] as Float64Array;
    const B = right[k - a] as Float64Array;
    counter.greater += pairsAtLeast(A, B, atLeast);
    counter.less += pairsAtMost(A, B, atMost);
    if (absolute <= 0) counter.absolute += A.length * B.length;
    else counter.absolute += pairsAtLeast(A, B, toSum(absolute)) + pairsAtMost(A, B, toSum(-absolute));
    report?.((a - low + 1) / (high - low + 2));
  }
  return observed;
}

/**
 * Visits every split of `values` into the first group (size k) and the rest, counting extremes.
 * The first split visited is the observed one (the first k values), so the observed statistic is
 * computed in exactly the arithmetic of the others and ties are exact.
 */
function enumerateSplits(values: readonly number[], k: number, welch: boolean, counter: Counter, magnitude: number, total: number, report?: (done: number) => void): number {
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
  let tolerance = 0;
  let visited = 0;
  let first = true;
  const visit = () => {
    const s = sum + sumCompensation;
    const statistic = welch ? welchFromSums(s, squares, k, totalSum - s, totalSquares - squares, m) : (s / k - (totalSum - s) / m) / unscale;
    if (first) {
      first = false;
      observed = statistic;
      tolerance = Number.isFinite(statistic) ? 1e-12 * Math.max(Math.abs(statistic), magnitude) : 0;
    }
    tally(statistic, observed, tolerance, counter);
    visited++;
    if (report !== undefined && (visited & 0xfffff) === 0) report(visited / total);
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
  if (Number.isNaN(observed)) return observed;
  if (k === 0 || k === n) return observed;
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
    if (!moved) return observed;
    visit();
  }
}

/** Monte Carlo: B random splits by a partial Fisher-Yates shuffle; the observed statistic in the same arithmetic. */
function sampleSplits(values: readonly number[], k: number, welch: boolean, resamples: number, seed: number, counter: Counter, magnitude: number, report?: (done: number) => void): number {
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
  const statisticOf = (sum: number, squares: number) => (welch ? welchFromSums(sum, squares, k, totalSum - sum, totalSquares - squares, m) : sum / k - (totalSum - sum) / m);
  let observedSum = 0;
  let observedSquares = 0;
  for (let i = 0; i < k; i++) {
    observedSum += pool[i] as number;
    observedSquares += (pool[i] as number) ** 2;
  }
  const observed = statisticOf(observedSum, observedSquares);
  if (Number.isNaN(observed)) return observed;
  const tolerance = Number.isFinite(observed) ? 1e-12 * Math.max(Math.abs(observed), magnitude) : 0;
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
    tally(statisticOf(sum, squares), observed, tolerance, counter);
    if (report !== undefined && (b & 0xffff) === 0xffff) report(b / resamples);
  }
  return observed;
}
