/**
 * Cliff's delta (Cliff 1993): the mean over all pairs of sign(x_i - y_j), the probability that an x
 * exceeds a y minus the reverse. It equals the rank-biserial correlation. Interval by Fisher's z:
 * tanh(atanh(delta) +- z sqrt((n1 + n2 + 1) / (3 n1 n2))). Runs in O((n1 + n2) log(n1 + n2)).
 */
import { CONFIDENCE_SCHEMA, checkOptions, checkSample, type TestOptions } from "./checks.js";
import { normalQuantile } from "./distributions/normal.js";

/** Cliff's delta with its interval and the counts behind it. */
export interface CliffsDeltaResult {
  estimate: number;
  ci: [number, number];
  confidence: number;
  method: "Fisher z";
}

/** Counts of pairs x > y and x < y, by sorting y and binary search. */
export function dominance(x: readonly number[], y: readonly number[]): { greater: number; less: number } {
  const sorted = [...y].sort((a, b) => a - b);
  const below = (value: number, strict: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = sorted[mid] as number;
      if (strict ? v < value : v <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let greater = 0;
  let less = 0;
  for (const value of x) {
    greater += below(value, true);
    less += sorted.length - below(value, false);
  }
  return { greater, less };
}

/**
 * @example cliffsDelta([48, 48, 77, 86, 85, 85, 16], [14, 34, 34, 77]).estimate // 0.6071429
 */
export function cliffsDelta(x: readonly number[], y: readonly number[], options?: Pick<TestOptions, "confidence">): CliffsDeltaResult {
  const name = "cliffsDelta";
  x = checkSample(name, "x", x, 1);
  y = checkSample(name, "y", y, 1);
  const { confidence } = checkOptions(name, options, CONFIDENCE_SCHEMA);
  const { greater, less } = dominance(x, y);
  const n1 = x.length;
  const n2 = y.length;
  const estimate = (greater - less) / (n1 * n2);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const se = Math.sqrt((n1 + n2 + 1) / (3 * n1 * n2));
  // At |delta| = 1 atanh is infinite: the interval keeps the observed bound.
  const centre = Math.atanh(Math.max(-1 + 1e-15, Math.min(1 - 1e-15, estimate)));
  return { estimate, ci: [Math.tanh(centre - z * se), Math.tanh(centre + z * se)], confidence, method: "Fisher z" };
}
