/**
 * The Mann-Whitney U test (Mann & Whitney 1947). U counts pairs with x above y (ties count 1/2).
 * Exact null distribution (by counting, O(n1 n2 (n1 + n2))) when a sample has at most 8 values
 * and there are no ties, as SciPy's `auto`; otherwise the normal approximation with the tie
 * correction and a continuity correction of 0.5.
 */
import { type Alternative, checkSample } from "./checks.js";
import { normalSurvival } from "./distributions/normal.js";
import { TwinningArgumentError } from "../core/errors.js";

/** Options of mannWhitney: direction and continuity correction. */
export interface MannWhitneyOptions {
  alternative?: Alternative;
  method?: "auto" | "exact" | "asymptotic";
}

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

/** Counts of rank-sum arrangements: P(U <= u) under the null, no ties. */
function exactCdf(u: number, n1: number, n2: number): number {
  // f[k][s]: ways to choose k of the first i items with U-sum s, built up item by item.
  const maxU = n1 * n2;
  let table: number[][] = Array.from({ length: n1 + 1 }, () => new Array<number>(maxU + 1).fill(0));
  (table[0] as number[])[0] = 1;
  for (let i = 0; i < n1 + n2; i++) {
    const next = table.map((row) => [...row]);
    for (let k = 0; k < n1; k++) {
      // Choosing item i as an x: it sits above the (i - k) y's placed before it.
      const above = i - k;
      if (above < 0 || above > n2) continue;
      const row = table[k] as number[];
      for (let s = 0; s + above <= maxU; s++) {
        if (row[s] === 0) continue;
        (next[k + 1] as number[])[s + above] = ((next[k + 1] as number[])[s + above] as number) + (row[s] as number);
      }
    }
    table = next;
  }
  const counts = table[n1] as number[];
  const total = counts.reduce((a, b) => a + b, 0);
  let below = 0;
  for (let s = 0; s <= Math.min(maxU, Math.floor(u)); s++) below += counts[s] as number;
  return below / total;
}

/**
 * Mann-Whitney U test of x against y; agrees with SciPy's mannwhitneyu.
 * @example mannWhitney([3, 5, 8], [1, 2, 4]).pValue
 */
export function mannWhitney(x: readonly number[], y: readonly number[], options: MannWhitneyOptions = {}): MannWhitneyResult {
  const name = "mannWhitney";
  checkSample(name, "x", x, 1);
  checkSample(name, "y", y, 1);
  const alternative = options.alternative ?? "two-sided";
  const requested = options.method ?? "auto";
  if (!["auto", "exact", "asymptotic"].includes(requested)) throw new TwinningArgumentError(name, `method must be "auto", "exact" or "asymptotic", got ${JSON.stringify(requested)}`);
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
    const greater = 1 - exactCdf(u1 - 1, n1, n2); // P(U >= u1)
    const less = exactCdf(u1, n1, n2); // P(U <= u1)
    pValue = alternative === "greater" ? greater : alternative === "less" ? less : Math.min(1, 2 * Math.min(greater, less));
  } else {
    const n = n1 + n2;
    const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const u = alternative === "greater" ? u1 : alternative === "less" ? u2 : Math.max(u1, u2);
    const z = (u - (n1 * n2) / 2 - 0.5) / sigma;
    pValue = Math.min(1, (alternative === "two-sided" ? 2 : 1) * normalSurvival(z));
  }
  return { statistic: u1, pValue, method, alternative };
}
