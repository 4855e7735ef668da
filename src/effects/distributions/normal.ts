/** The standard normal distribution: CDF from erfc, quantile by Halley refinement of a rational start. */
import { erfc } from "./special.js";

const SQRT2 = Math.SQRT2;
const SQRT_2PI = Math.sqrt(2 * Math.PI);

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/**
 * P(Z <= z).
 * @example
 * normalCdf(1.96) // 0.9750...
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

/**
 * P(Z > z), without cancellation in the upper tail.
 * @example
 * normalSurvival(1.96) // 0.0249...
 */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z / SQRT2);
}

/**
 * The z with P(Z <= z) = p. Start: the tail formula t - (2.515517 + 0.802853 t + 0.010328 t^2) /
 * (1 + 1.432788 t + 0.189269 t^2 + 0.001308 t^3), t = sqrt(-2 ln q) (A&S 26.2.23, error < 4.5e-4);
 * then Halley steps on the exact CDF to full precision.
 * @example
 * normalQuantile(0.975) // 1.95996...
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return -Number.POSITIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  // Symmetry: 1 - p is exact for p >= 0.5 (Sterbenz), so the upper tail loses nothing.
  if (p > 0.5) return -normalQuantile(1 - p);
  const t = Math.sqrt(-2 * Math.log(p));
  let z = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  for (let i = 0; i < 4; i++) {
    const density = normalPdf(z);
    if (density === 0) break;
    const step = (normalCdf(z) - p) / density;
    z -= step / (1 + (z * step) / 2);
  }
  return z;
}
