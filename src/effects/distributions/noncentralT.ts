/**
 * The noncentral t distribution, P(T <= t) for df > 0 (any real) and noncentrality lambda.
 *
 * For t >= 0 (Lenth 1989, AS 243; Benton & Krishnamoorthy 2003):
 *   P(T <= t) = Phi(-lambda) + 1/2 sum_j [ p_j I_x(j + 1/2, df/2) + q_j I_x(j + 1, df/2) ],
 *   x = t^2 / (t^2 + df), p_j = e^(-d) d^j / j!, q_j = lambda e^(-d) d^j / (sqrt 2 Gamma(j + 3/2)),
 *   d = lambda^2 / 2;
 * and P(T <= t; lambda) = 1 - P(T <= -t; -lambda) for t < 0. The Poisson weights are computed in
 * logarithms and the sum runs outwards from the largest weight (j near d), so nothing underflows
 * for lambda up to 40 and beyond, where e^(-lambda^2/2) alone would be 0.
 */
import { normalCdf } from "./normal.js";
import { incompleteBeta, logGamma } from "./special.js";

const LN2_HALF = 0.5 * Math.LN2;

function seriesFromMode(t: number, df: number, lambda: number): number {
  const x = (t * t) / (t * t + df);
  const d = (lambda * lambda) / 2;
  if (x === 0) return 0;
  if (d === 0) return 0.5 * incompleteBeta(x, 0.5, df / 2); // lambda = 0: the central t
  const sign = lambda < 0 ? -1 : 1;
  const logD = Math.log(d);
  const logAbsLambda = Math.log(Math.abs(lambda));
  const term = (j: number): number => {
    const logP = -d + j * logD - logGamma(j + 1);
    const logQ = -d + j * logD + logAbsLambda - LN2_HALF - logGamma(j + 1.5);
    return Math.exp(logP) * incompleteBeta(x, j + 0.5, df / 2) + sign * Math.exp(logQ) * incompleteBeta(x, j + 1, df / 2);
  };
  const mode = Math.floor(d);
  let sum = term(mode);
  // Outwards from the mode until the Poisson weights left (bounding each term) no longer matter.
  for (let j = mode + 1; j < mode + 100_000; j++) {
    const value = term(j);
    sum += value;
    const weight = Math.exp(-d + j * logD - logGamma(j + 1)) + Math.exp(-d + j * logD + logAbsLambda - LN2_HALF - logGamma(j + 1.5));
    if (weight < 1e-17 * Math.abs(sum) || weight < 1e-300) break;
  }
  for (let j = mode - 1; j >= 0; j--) {
    const value = term(j);
    sum += value;
    const weight = Math.exp(-d + j * logD - logGamma(j + 1)) + Math.exp(-d + j * logD + logAbsLambda - LN2_HALF - logGamma(j + 1.5));
    if (weight < 1e-17 * Math.abs(sum) || weight < 1e-300) break;
  }
  return 0.5 * sum;
}

/**
 * P(T <= t) for the noncentral t with df degrees of freedom and noncentrality lambda.
 * @example
 * noncentralTCdf(2, 10, 1) // P(T <= 2) for 10 df, noncentrality 1
 */
export function noncentralTCdf(t: number, df: number, lambda: number): number {
  if (Number.isNaN(t) || !(df > 0) || !Number.isFinite(lambda)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  if (t < 0) return 1 - noncentralTCdfNonNegative(-t, df, -lambda);
  return noncentralTCdfNonNegative(t, df, lambda);
}

function noncentralTCdfNonNegative(t: number, df: number, lambda: number): number {
  const value = normalCdf(-lambda) + seriesFromMode(t, df, lambda);
  return Math.min(1, Math.max(0, value));
}
