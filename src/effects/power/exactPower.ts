/**
 * Power by formula: the t statistic of a difference in mean change follows a noncentral t.
 *
 * - Pooled t (equal SDs): exactly noncentral t with n1 + n2 - 2 df and noncentrality
 *   lambda = delta / (sigma sqrt(1/n1 + 1/n2)); this is what statsmodels' TTestIndPower and R's pwr compute.
 * - Welch: the statistic is not exactly noncentral t; the standard approximation (as in G*Power)
 *   takes the noncentral t with lambda = delta / sqrt(s1^2/n1 + s2^2/n2) and Satterthwaite's df
 *   computed from the design's SDs. Simulation with welchTTest checks it (test/effects/power).
 *
 * Two-sided power counts both tails: P(T > c) + P(T < -c), c = t(1 - alpha/2, df), as statsmodels does.
 * The noncentral t CDF is used for |lambda| <= 38 (its accurate and fast range); beyond, where the
 * power is 1 to double precision for any usual critical value, the normal approximation
 * P(T <= t) ~ Phi((t (1 - 1/(4 df)) - lambda) / sqrt(1 + t^2 / (2 df))) (Johnson & Welch 1940) is used.
 */
import { noncentralTCdf } from "../distributions/noncentralT.js";
import { normalCdf } from "../distributions/normal.js";
import { tQuantile } from "../distributions/studentT.js";

/** |lambda| above which the normal approximation replaces the noncentral t series. */
export const NONCENTRAL_LIMIT = 38;

/** P(T <= t) for a noncentral t; the normal approximation beyond NONCENTRAL_LIMIT. */
export function noncentralCdf(t: number, df: number, lambda: number): number {
  if (Math.abs(lambda) <= NONCENTRAL_LIMIT) return noncentralTCdf(t, df, lambda);
  return normalCdf((t * (1 - 1 / (4 * df)) - lambda) / Math.sqrt(1 + (t * t) / (2 * df)));
}

/** Rejection probability of a t test with `df` df at level alpha when the noncentrality is lambda. */
export function tTestPower(lambda: number, df: number, alpha: number, alternative: "two-sided" | "greater"): number {
  if (alternative === "greater") {
    const c = tQuantile(1 - alpha, df);
    return 1 - noncentralCdf(c, df, lambda);
  }
  const c = tQuantile(1 - alpha / 2, df);
  return Math.min(1, 1 - noncentralCdf(c, df, lambda) + noncentralCdf(-c, df, lambda));
}

/** Standard error (per unit of effect) and df of the test of a difference in mean change. */
export interface TestScale {
  /** Standard error of the difference in mean change. */
  standardError: number;
  df: number;
}

/** Pooled t: se = sigma sqrt(1/n1 + 1/n2), df = n1 + n2 - 2. */
export function pooledScale(n1: number, n2: number, sigma: number): TestScale {
  return { standardError: sigma * Math.sqrt(1 / n1 + 1 / n2), df: n1 + n2 - 2 };
}

/** Welch: se = sqrt(s1^2/n1 + s2^2/n2), Satterthwaite df from the design's SDs. */
export function welchScale(n1: number, n2: number, sigma1: number, sigma2: number): TestScale {
  const v1 = (sigma1 * sigma1) / n1;
  const v2 = (sigma2 * sigma2) / n2;
  return { standardError: Math.sqrt(v1 + v2), df: (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1)) };
}

/**
 * Power of the two-sample pooled t test for a standardised effect d (Cohen's d), as statsmodels'
 * TTestIndPower().power(d, nobs1, alpha, ratio = n2 / n1, alternative).
 * @example pooledTTestPower(0.5, 20, 20, 0.05) // 0.337939...
 */
export function pooledTTestPower(d: number, n1: number, n2: number, alpha: number, alternative: "two-sided" | "greater" = "two-sided"): number {
  const { standardError, df } = pooledScale(n1, n2, 1);
  return tTestPower(d / standardError, df, alpha, alternative);
}
