/**
 * Welch's t test for two independent samples (Welch 1947) with Satterthwaite's degrees of freedom
 * (Satterthwaite 1946). Used always, without a pre-test of variances (Delacre, Lakens & Leys 2017).
 */
import { TwinningArgumentError } from "../core/errors.js";
import { type Alternative, checkOptions, checkSample, magnitude, mean, type TestOptions, unitScale, variance } from "./checks.js";
import { tCdf, tQuantile } from "./distributions/studentT.js";

/** Welch's t: statistic, degrees of freedom, p-value, interval and the difference in means. */
export interface WelchResult {
  /** mean(x) - mean(y). */
  estimate: number;
  standardError: number;
  statistic: number;
  df: number;
  pValue: number;
  /** Confidence interval of the difference; one-sided tests give an infinite bound. */
  ci: [number, number];
  confidence: number;
  alternative: Alternative;
  method: "Welch";
}

/** p-value and interval of a t statistic with a given se and df. */
export function tInference(estimate: number, standardError: number, df: number, options: Required<TestOptions>): { statistic: number; pValue: number; ci: [number, number] } {
  const statistic = estimate / standardError;
  const alpha = 1 - options.confidence;
  let pValue: number;
  let ci: [number, number];
  if (options.alternative === "two-sided") {
    pValue = Math.min(1, 2 * tCdf(-Math.abs(statistic), df));
    const q = tQuantile(1 - alpha / 2, df);
    ci = [estimate - q * standardError, estimate + q * standardError];
  } else if (options.alternative === "greater") {
    pValue = tCdf(-statistic, df);
    ci = [estimate - tQuantile(1 - alpha, df) * standardError, Number.POSITIVE_INFINITY];
  } else {
    pValue = tCdf(statistic, df);
    ci = [-Number.POSITIVE_INFINITY, estimate + tQuantile(1 - alpha, df) * standardError];
  }
  return { statistic, pValue, ci };
}

/**
 * Welch's test of mean(x) - mean(y).
 * @throws {TwinningArgumentError} when a sample has fewer than 2 values or a non-finite value, when
 *   both samples have zero variance, or when confidence is outside (0, 1).
 * @example
 * welchTTest([20.3, 22.1, 21.9], [18.9, 20.3, 19.0]);
 * // { estimate: 2.0333, statistic: 2.7989, df: 3.7999, pValue: 0.0518, ci: [-0.0263, 4.0930], ... }
 */
export function welchTTest(x: readonly number[], y: readonly number[], options?: TestOptions): WelchResult {
  const name = "welchTTest";
  x = checkSample(name, "x", x);
  y = checkSample(name, "y", y);
  const resolved = checkOptions(name, options);
  const n1 = x.length;
  const n2 = y.length;
  // Computed on values scaled by one power of two (exact), so 1e200 neither overflows nor loses
  // the interval; variances are judged zero relative to the data's scale (checks.ts).
  const scale = unitScale(Math.max(magnitude(x), magnitude(y)));
  const xs = x.map((value) => value * scale);
  const ys = y.map((value) => value * scale);
  const v1 = variance(xs) / n1;
  const v2 = variance(ys) / n2;
  const scaledSE = Math.sqrt(v1 + v2);
  if (scaledSE === 0) throw new TwinningArgumentError(name, "both samples have zero variance (relative to the size of the values); the t statistic is undefined");
  const share = v1 / (v1 + v2);
  const df = 1 / (share ** 2 / (n1 - 1) + (1 - share) ** 2 / (n2 - 1));
  const scaledEstimate = mean(xs) - mean(ys);
  const inference = tInference(scaledEstimate, scaledSE, df, resolved);
  const estimate = scaledEstimate / scale;
  // The difference of two values near the largest double can itself exceed it: say so rather than
  // report an infinite estimate beside a finite p-value.
  if (!Number.isFinite(estimate) || !Number.isFinite(scaledSE / scale)) {
    throw new TwinningArgumentError(name, "the difference in means (or its standard error) exceeds the largest double (about 1.8e308); rescale the data (for example to thousands) and run again");
  }
  const ciLow = inference.ci[0] / scale;
  const ciHigh = inference.ci[1] / scale;
  return {
    estimate,
    standardError: scaledSE / scale,
    df,
    statistic: inference.statistic,
    pValue: inference.pValue,
    ci: [ciLow, ciHigh],
    confidence: resolved.confidence,
    alternative: resolved.alternative,
    method: "Welch",
  };
}
