/**
 * Root finding: an expanding bracket, then Brent's method (Brent 1973, ch. 4), for inverting
 * distribution functions (noncentral-t confidence intervals).
 */
import { TwinningConvergenceError } from "../core/errors.js";

/** A root of f in [a, b], where f(a) and f(b) have opposite signs. */
export function brent(f: (x: number) => number, a: number, b: number, tolerance = 1e-13): number {
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa * fb > 0) throw new TwinningConvergenceError(`brent: f(${a}) and f(${b}) have the same sign`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iteration = 0; iteration < 200; iteration++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + tolerance / 2;
    const m = (c - b) / 2;
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const r = fb / fc;
        const t = fa / fc;
        p = s * (2 * m * t * (t - r) - (b - a) * (r - 1));
        q = (t - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  throw new TwinningConvergenceError("brent: no convergence in 200 iterations");
}

/**
 * A root of an increasing or decreasing f near `start`: the bracket grows by doubling steps until
 * the sign changes, then Brent.
 */
export function findRoot(f: (x: number) => number, start: number, step = 1): number {
  const f0 = f(start);
  if (f0 === 0) return start;
  let width = step;
  for (let i = 0; i < 60; i++) {
    const left = start - width;
    const right = start + width;
    if (f(left) * f0 <= 0) return brent(f, left, start);
    if (f(right) * f0 <= 0) return brent(f, start, right);
    width *= 2;
  }
  throw new TwinningConvergenceError(`findRoot: no sign change within ${width} of ${start}`);
}
