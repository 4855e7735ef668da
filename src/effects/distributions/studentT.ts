/**
 * Student's t distribution with any real degrees of freedom df > 0 (Welch's df are not whole).
 * CDF through the incomplete beta function: P(T <= t) = I_{df/(df+t^2)}(df/2, 1/2) / 2 for t < 0.
 * Quantile: a normal-based start (Cornish-Fisher, A&S 26.7.5) refined by safeguarded Newton steps.
 */
import { normalQuantile } from "./normal.js";
import { incompleteBeta, logBeta } from "./special.js";

export function tPdf(t: number, df: number): number {
  return Math.exp(-logBeta(0.5, df / 2) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * P(T <= t) for df degrees of freedom.
 * @example
 * tCdf(2.228, 10) // 0.975...
 */
export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === -Number.POSITIVE_INFINITY) return 0;
  // The tail P(T <= -|t|) = I_x(df/2, 1/2) / 2 with x = df / (df + t^2); incompleteBeta picks the
  // side of its continued fraction that converges, so small tails keep their relative precision.
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t < 0 ? tail : 1 - tail;
}

/**
 * P(T > t).
 * @example
 * tSurvival(2.228, 10) // 0.025...
 */
export function tSurvival(t: number, df: number): number {
  return tCdf(-t, df);
}

/**
 * The t with P(T <= t) = p.
 * @example
 * tQuantile(0.975, 10) // 2.2281...
 */
export function tQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return Number.NaN;
  if (p === 0) return -Number.POSITIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (p > 0.5) return -tQuantile(1 - p, df);
  const z = normalQuantile(p);
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  let t = df > 2 ? z + g1 / df + g2 / (df * df) : z * Math.exp(-Math.log(p) / df); // heavy tails need a wider start
  let lo = -Number.POSITIVE_INFINITY;
  let hi = 0;
  for (let i = 0; i < 100; i++) {
    const error = tCdf(t, df) - p;
    if (error > 0) hi = Math.min(hi, t);
    else lo = Math.max(lo, t);
    const density = tPdf(t, df);
    let next = t - error / density;
    if (!Number.isFinite(next) || next <= lo || next >= hi) next = Number.isFinite(lo) ? (lo + hi) / 2 : hi - 2 * Math.max(1, Math.abs(hi - t)) - Math.abs(t);
    if (Math.abs(next - t) <= 1e-15 * Math.abs(next)) return next;
    t = next;
  }
  return t;
}
