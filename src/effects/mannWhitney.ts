/**
 * The Mann-Whitney U test (Mann & Whitney 1947). U counts pairs with x above y (ties count 1/2).
 * Exact null distribution (by counting, O(n1 n2 (n1 + n2))) when a sample has at most 8 values
 * and there are no ties, as SciPy's `auto`; otherwise the normal approximation with the tie
 * correction and a continuity correction of 0.5.
 */

import { TwinningArgumentError } from "../core/errors.js";
import { checkOptions, OPTION_RULES, type OptionSchema } from "../core/options.js";
import { type Alternative, checkSample } from "./checks.js";
import { normalSurvival } from "./distributions/normal.js";

/** Options of mannWhitney: direction and continuity correction. */
export interface MannWhitneyOptions {
  alternative?: Alternative;
  method?: "auto" | "exact" | "asymptotic";
}

/** The options schema of mannWhitney (shared options contract). */
export const MANN_WHITNEY_SCHEMA: OptionSchema<MannWhitneyOptions> = Object.freeze({ alternative: OPTION_RULES.alternative, method: { type: "enum", values: ["auto", "exact", "asymptotic"] } });

/** U statistic of x and its p-value (exact without ties, else normal with tie correction). */
export interface MannWhitneyResult {
  /** U of x: pairs with x_i > y_j, plus half the ties. */
  statistic: number;
  pValue: number;
  method: "exact" | "asymptotic";
  alternative: Alternative;
}

function ranks(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const result = new Array<number>(values.length);
  let tieTerm = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.value === order[i]?.value) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) result[order[k]?.index as number] = rank;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    i = j + 1;
  }
  return { ranks: result, tieTerm };
}

/**
 * The null distribution of U without ties, as P(U <= u) for every u: the counts are the
 * coefficients of the Gaussian binomial [n1 + n2 choose m]_q = prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i),
 * m the smaller group, n the larger, computed as power series truncated at degree m n (exact):
 * dividing by (1 - q^i) is a running sum with stride i, multiplying by (1 - q^(n+i)) a shifted
 * difference. O(m^2 n) operations: 8 against 3,000 is 200,000 steps. Counts are scaled by the
 * number of splits as they go (probabilities), and the lower half is read from the low
 * coefficients, which the multiplications never reduce, so small tails keep their precision.
 */
function exactDistribution(n1: number, n2: number): Float64Array {
  const m = Math.min(n1, n2);
  const n = Math.max(n1, n2);
  const degree = m * n;
  const counts = new Float64Array(degree + 1);
  counts[0] = 1;
  for (let i = 1; i <= m; i++) {
    // Multiply by (1 - q^(n+i)) / (1 - q^i), then by i / (n + i) so the total stays 1.
    for (let k = i; k <= degree; k++) counts[k] = (counts[k] as number) + (counts[k - i] as number);
    for (let k = degree; k >= n + i; k--) counts[k] = (counts[k] as number) - (counts[k - n - i] as number);
    const factor = i / (n + i);
    for (let k = 0; k <= degree; k++) counts[k] = Math.max(0, (counts[k] as number) * factor);
  }
  // Cumulative, from the symmetric lower half for each side.
  const cdf = new Float64Array(degree + 1);
  let running = 0;
  for (let k = 0; k <= degree; k++) {
    running += counts[k] as number;
    cdf[k] = running;
  }
  for (let k = Math.ceil(degree / 2); k <= degree; k++) cdf[k] = 1 - (degree - k - 1 >= 0 ? (cdf[degree - k - 1] as number) : 0);
  return cdf;
}

function exactCdf(u: number, cdf: Float64Array): number {
  if (u < 0) return 0;
  return cdf[Math.min(cdf.length - 1, Math.floor(u))] as number;
}

/**
 * Mann-Whitney U test of x against y; agrees with SciPy's mannwhitneyu.
 * @example mannWhitney([3, 5, 8], [1, 2, 4]).pValue
 */
export function mannWhitney(x: readonly number[], y: readonly number[], options: MannWhitneyOptions = {}): MannWhitneyResult {
  const name = "mannWhitney";
  x = checkSample(name, "x", x, 1);
  y = checkSample(name, "y", y, 1);
  const checked = checkOptions<MannWhitneyOptions>(name, options, MANN_WHITNEY_SCHEMA);
  const alternative = checked.alternative ?? "two-sided";
  const requested = checked.method ?? "auto";
  const n1 = x.length;
  const n2 = y.length;
  const { ranks: r, tieTerm } = ranks([...x, ...y]);
  let rankSum = 0;
  for (let i = 0; i < n1; i++) rankSum += r[i] as number;
  const u1 = rankSum - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const method = requested === "auto" ? ((n1 <= 8 || n2 <= 8) && tieTerm === 0 ? "exact" : "asymptotic") : requested;
  let pValue: number;
  if (method === "exact") {
    // The exact distribution costs O(m^2 n) for groups of m <= n: refuse what would take minutes.
    const small = Math.min(n1, n2);
    if (small * small * Math.max(n1, n2) > 2e9) {
      throw new TwinningArgumentError(name, `method "exact" with groups of ${n1} and ${n2} would take minutes (its cost grows as m^2 n); use method "asymptotic" (normal approximation), which is accurate at these sizes`);
    }
    const cdf = exactDistribution(n1, n2);
    const greater = exactCdf(u2, cdf); // P(U >= u1) = P(U <= n1 n2 - u1) by symmetry
    const less = exactCdf(u1, cdf); // P(U <= u1)
    pValue = alternative === "greater" ? greater : alternative === "less" ? less : Math.min(1, 2 * Math.min(greater, less));
  } else {
    const n = n1 + n2;
    const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    // Every value tied: U sits at its mean in every split, so nothing is more extreme (SciPy: p = 1).
    if (!(sigma > 1e-12 * n1 * n2)) return { statistic: u1, pValue: 1, method, alternative };
    const u = alternative === "greater" ? u1 : alternative === "less" ? u2 : Math.max(u1, u2);
    const z = (u - (n1 * n2) / 2 - 0.5) / sigma;
    pValue = Math.min(1, (alternative === "two-sided" ? 2 : 1) * normalSurvival(z));
  }
  return { statistic: u1, pValue, method, alternative };
}
