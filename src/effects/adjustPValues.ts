/**
 * Adjusted p-values for many comparisons at once: Holm's step-down (family-wise error; Holm 1979)
 * and Benjamini-Hochberg's step-up (false discovery rate; Benjamini & Hochberg 1995). Returned in
 * the input order. Runs in O(m log m).
 */
import { TwinningArgumentError } from "../core/errors.js";

/**
 * Holm (family-wise) or Benjamini-Hochberg (false discovery rate) adjusted p-values, in input order; equal to statsmodels multipletests.
 * @example adjustPValues([0.01, 0.04, 0.03], "holm") // [0.03, 0.06, 0.06]
 */
export function adjustPValues(pValues: readonly number[], method: "holm" | "bh"): number[] {
  const name = "adjustPValues";
  pValues.forEach((p, i) => {
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw new TwinningArgumentError(name, `pValues[${i}] is ${String(p)}; expected a number in [0, 1]`);
  });
  if (method !== "holm" && method !== "bh") throw new TwinningArgumentError(name, `method must be "holm" or "bh", got ${JSON.stringify(method)}`);
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m);
  if (method === "holm") {
    let running = 0;
    order.forEach(({ p, i }, rank) => {
      running = Math.max(running, Math.min(1, (m - rank) * p));
      adjusted[i] = running;
    });
  } else {
    let running = 1;
    for (let rank = m - 1; rank >= 0; rank--) {
      const { p, i } = order[rank] as { p: number; i: number };
      running = Math.min(running, (p * m) / (rank + 1));
      adjusted[i] = Math.min(1, running);
    }
  }
  return adjusted;
}
