/**
 * When sums of costs are exact in doubles, and exact integer costs when they are not.
 *
 * Every finite double is an integer multiple of 2^E for E its lowest set bit's exponent. If every
 * cost of a problem is a multiple of 2^E and `bound` times the largest |cost| is at most 2^53 *
 * 2^E, then every sum and difference of at most `bound` costs (distances, node potentials,
 * reduced costs of a shortest-path solver) is a multiple of 2^E below 2^53 * 2^E in magnitude:
 * representable, so each addition is exact and comparisons decide exactly, provided the sums stay
 * below the largest double (2^1024): costs near it, say 2^1023 beside -2^1023, span one bit yet
 * their sums overflow, so `bound` times the largest |cost| must stay below 2^1023 too. Otherwise the solvers
 * switch to BigInt arithmetic on the costs scaled to integers (cost / 2^E), exact for any finite
 * costs. See docs/decisions.md.
 */

const view = new DataView(new ArrayBuffer(8));

/** Mantissa (integer) and exponent with value = mantissa * 2^exponent exactly, mantissa odd (or 0). */
export function decompose(value: number): { mantissa: bigint; exponent: number } {
  if (value === 0) return { mantissa: 0n, exponent: 0 };
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const sign = high >>> 31 ? -1n : 1n;
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let exponent: number;
  if (biased === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  while ((mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exponent++;
  }
  return { mantissa: sign * mantissa, exponent };
}

function trailingZeros(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** The exponent of the lowest set bit of a finite nonzero double (value = odd * 2^result), in plain number arithmetic. */
export function lowestBitExponent(value: number): number {
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  const base = biased === 0 ? -1074 : biased - 1075;
  const top = (high & 0xfffff) | (biased === 0 ? 0 : 0x100000);
  return low !== 0 ? base + trailingZeros(low) : base + 32 + trailingZeros(top);
}

/** Whether double arithmetic on these costs is exact for sums of up to `bound` terms. */
export function doublesAreExact(costs: ArrayLike<number>, bound: number): boolean {
  let largest = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < costs.length; i++) {
    const cost = costs[i] as number;
    if (cost === 0) continue;
    const magnitude = Math.abs(cost);
    if (magnitude > largest) largest = magnitude;
    // Fast path: integers (and halves, quarters ...) are common; test bits only when needed.
    if (lowest <= 0 && Number.isInteger(cost)) continue;
    const exponent = lowestBitExponent(cost);
    if (exponent < lowest) lowest = exponent;
  }
  if (largest === 0) return true;
  if (lowest === Number.POSITIVE_INFINITY) lowest = 0;
  // largest / 2^lowest * bound <= 2^53 and largest * bound < 2^1024, in logs with a margin of one bit.
  const sumBits = Math.log2(largest) + Math.log2(Math.max(1, bound));
  return sumBits - lowest <= 52 && sumBits <= 1023;
}

/**
 * A running double sum that overflows only where the sum itself does: when a partial sum of costs
 * near the largest double overflowed (review: +1.2e308 twice, then -1.42e308), the costs are
 * summed again at 2^-64 scale (exact for every cost above 2^-1010). Rounded as a running sum is.
 */
export function sumOf(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  if (Number.isFinite(sum)) return sum;
  sum = 0;
  for (const value of values) sum += value * 2 ** -64;
  return sum * 2 ** 64;
}

/**
 * The exact sum of finite doubles, rounded once to the nearest double (ties to even; +-Infinity
 * when it is beyond the largest double). A running sum is neither: 2^53 + 1 + 1 - 2^53 gives 0 or
 * 2 by the order of the terms (second review, on solveAssignment's cost).
 */
export function exactSum(values: readonly number[]): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (const value of values) if (value !== 0) lowest = Math.min(lowest, lowestBitExponent(value));
  // Only zeros: -0 when every one is -0, as a running sum gives (third review).
  if (lowest === Number.POSITIVE_INFINITY) return values.length > 0 && values.every((value) => Object.is(value, -0)) ? -0 : 0;
  const total = exactIntegers(values).reduce((sum, integer) => sum + integer, 0n);
  // total x 2^lowest: keep 53 bits, or down to 2^-1074 for a subnormal result, rounding the rest.
  const magnitude = total < 0n ? -total : total;
  const bits = magnitude.toString(2).length;
  const top = bits - 1 + lowest;
  const shift = bits - Math.min(53, top + 1075);
  let kept = magnitude;
  if (shift > 0) {
    kept = magnitude >> BigInt(shift);
    const rest = magnitude - (kept << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    if (rest > half || (rest === half && (kept & 1n) === 1n)) kept += 1n;
  }
  // kept x 2^exponent is exact (or overflows to Infinity); two steps so no power of two underflows on the way.
  const exponent = lowest + Math.max(0, shift);
  const value = Number(kept) * 2 ** Math.max(exponent, -1022) * 2 ** Math.min(0, exponent + 1022);
  return total < 0n ? -value : value;
}

/** The costs as exact integers: cost = result * 2^E for the smallest exponent E among them. */
export function exactIntegers(costs: ArrayLike<number>): bigint[] {
  const parts = Array.from({ length: costs.length }, (_, i) => decompose(costs[i] as number));
  let lowest = Number.POSITIVE_INFINITY;
  for (const part of parts) if (part.mantissa !== 0n && part.exponent < lowest) lowest = part.exponent;
  return parts.map((part) => (part.mantissa === 0n ? 0n : part.mantissa << BigInt(part.exponent - lowest)));
}
