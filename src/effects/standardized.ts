/**
 * Standardised mean differences. Each result names its standardiser, so readers know which SD
 * the difference is measured in.
 * - Cohen's d: pooled SD; CI by inverting the noncentral t (Steiger & Fouladi 1997).
 * - Hedges' g: d times the exact J(m) = Gamma(m/2) / (sqrt(m/2) Gamma((m-1)/2)), m = n1 + n2 - 2
 *   (Hedges 1981), with the CI bounds of d times J.
 * - Glass's delta: SD of y (the control); normal-approximation CI (Hedges & Olkin 1985, eq. 5.14).
 * - Un-pooled d: SD sqrt((s1^2 + s2^2)/2); CI from the noncentral t with Welch's t and df.
 */
import { TwinningArgumentError } from "../core/errors.js";
import { findRoot } from "./brent.js";
import { CONFIDENCE_SCHEMA, checkOptions, checkSample, magnitude, mean, type TestOptions, unitScale, variance } from "./checks.js";

/** Both samples scaled by one power of two (exact; standardised effects do not depend on it), so 1e200 does not overflow. */
function scaledPair(x: readonly number[], y: readonly number[]): [number[], number[]] {
  const scale = unitScale(Math.max(magnitude(x), magnitude(y)));
  return [x.map((value) => value * scale), y.map((value) => value * scale)];
}

import { noncentralTCdf } from "./distributions/noncentralT.js";
import { normalQuantile } from "./distributions/normal.js";
import { logGamma } from "./distributions/special.js";

/** A standardized effect size with its interval, the method and the standardiser. */
export interface StandardizedResult {
  estimate: number;
  ci: [number, number];
  confidence: number;
  /** What the difference is divided by, in words. */
  standardizer: string;
  /** How the interval was computed. */
  method: string;
}

/**
 * Hedges' exact small-sample correction J(m), through log-gamma.
 * @example
 * hedgesJ(10) // 0.9227..., the exact small-sample correction for 10 degrees of freedom
 */
export function hedgesJ(m: number): number {
  return Math.exp(logGamma(m / 2) - 0.5 * Math.log(m / 2) - logGamma((m - 1) / 2));
}

/**
 * The interval of the noncentrality lambda given an observed t with df degrees of freedom:
 * lambda_L with P(T <= t; lambda_L) = 1 - alpha/2 and lambda_U with P(T <= t; lambda_U) = alpha/2.
 * P(T <= t; lambda) falls as lambda rises, so each bound is the root of a monotone function.
 * @example
 * noncentralityInterval(2.5, 18, 0.95) // interval of the noncentrality parameter
 */
export function noncentralityInterval(t: number, df: number, confidence: number): [number, number] {
  const alpha = 1 - confidence;
  const lower = findRoot((lambda) => noncentralTCdf(t, df, lambda) - (1 - alpha / 2), t, 1);
  const upper = findRoot((lambda) => noncentralTCdf(t, df, lambda) - alpha / 2, t, 1);
  return [lower, upper];
}

function pooledSD(x: readonly number[], y: readonly number[]): number {
  const n1 = x.length;
  const n2 = y.length;
  return Math.sqrt(((n1 - 1) * variance(x) + (n2 - 1) * variance(y)) / (n1 + n2 - 2));
}

function requirePositive(name: string, sd: number, what: string): void {
  if (!(sd > 0)) throw new TwinningArgumentError(name, `${what} is 0: the standardised difference is undefined`);
}

/**
 * Cohen's d with the pooled SD, and its noncentral-t interval.
 * @example cohensD(sleepX, sleepY).estimate // -0.832181 on Student's sleep data
 */
export function cohensD(x: readonly number[], y: readonly number[], options?: Pick<TestOptions, "confidence">): StandardizedResult {
  const name = "cohensD";
  x = checkSample(name, "x", x);
  y = checkSample(name, "y", y);
  const { confidence } = checkOptions(name, options, CONFIDENCE_SCHEMA);
  [x, y] = scaledPair(x, y);
  const sd = pooledSD(x, y);
  requirePositive(name, sd, "the pooled SD");
  const d = (mean(x) - mean(y)) / sd;
  const scale = Math.sqrt(1 / x.length + 1 / y.length);
  const [lo, hi] = noncentralityInterval(d / scale, x.length + y.length - 2, confidence);
  return { estimate: d, ci: [lo * scale, hi * scale], confidence, standardizer: "pooled SD", method: "noncentral t" };
}

/**
 * Hedges' g: Cohen's d times the exact J; the interval is d's times J.
 * @example
 * hedgesG([5, 7, 9], [1, 2, 3, 4]) // { estimate, ci: [lo, hi], ... }
 */
export function hedgesG(x: readonly number[], y: readonly number[], options?: Pick<TestOptions, "confidence">): StandardizedResult {
  checkOptions("hedgesG", options, CONFIDENCE_SCHEMA);
  const d = cohensD(x, y, options);
  const j = hedgesJ(x.length + y.length - 2);
  return { ...d, estimate: j * d.estimate, ci: [j * d.ci[0], j * d.ci[1]], method: "noncentral t, times exact J" };
}

/**
 * Glass's delta: the difference in SDs of y, the control group (df n2 - 1).
 * @example
 * glassDelta([5, 7, 9], [1, 2, 3, 4]).estimate // difference over the SD of y
 */
export function glassDelta(x: readonly number[], y: readonly number[], options?: Pick<TestOptions, "confidence">): StandardizedResult {
  const name = "glassDelta";
  x = checkSample(name, "x", x);
  y = checkSample(name, "y", y);
  const { confidence } = checkOptions(name, options, CONFIDENCE_SCHEMA);
  [x, y] = scaledPair(x, y);
  const sd = Math.sqrt(variance(y));
  requirePositive(name, sd, "the control group's SD");
  const delta = (mean(x) - mean(y)) / sd;
  const n1 = x.length;
  const n2 = y.length;
  const se = Math.sqrt((n1 + n2) / (n1 * n2) + (delta * delta) / (2 * (n2 - 1)));
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return { estimate: delta, ci: [delta - z * se, delta + z * se], confidence, standardizer: "control group's SD", method: "normal approximation (Hedges & Olkin 1985)" };
}

/**
 * d with the un-pooled SD sqrt((s1^2 + s2^2)/2), interval from the noncentral t with Welch's t and df.
 * @example
 * unpooledD([5, 7, 9], [1, 2, 3, 4]).estimate // difference over the root mean of the two variances
 */
export function unpooledD(x: readonly number[], y: readonly number[], options?: Pick<TestOptions, "confidence">): StandardizedResult {
  const name = "unpooledD";
  x = checkSample(name, "x", x);
  y = checkSample(name, "y", y);
  const { confidence } = checkOptions(name, options, CONFIDENCE_SCHEMA);
  [x, y] = scaledPair(x, y);
  const v1 = variance(x);
  const v2 = variance(y);
  const sd = Math.sqrt((v1 + v2) / 2);
  requirePositive(name, sd, "the average SD");
  const difference = mean(x) - mean(y);
  const se = Math.sqrt(v1 / x.length + v2 / y.length);
  const df = (v1 / x.length + v2 / y.length) ** 2 / ((v1 / x.length) ** 2 / (x.length - 1) + (v2 / y.length) ** 2 / (y.length - 1));
  const [lo, hi] = noncentralityInterval(difference / se, df, confidence);
  return { estimate: difference / sd, ci: [(lo * se) / sd, (hi * se) / sd], confidence, standardizer: "average of the two SDs (un-pooled)", method: "noncentral t with Welch's t and df" };
}
