/**
 * Deep freezing, for the immutable results (network, plan, flow report, estimates, power): a
 * result handed out can never be changed by its reader, nor through it the data it was made from.
 */

/**
 * Freezes a value and everything it holds (own enumerable properties), and returns it. Already
 * frozen objects are taken as frozen all the way down, which keeps shared parts cheap.
 * @example
 * deepFreeze({ pairs: [{ mentor: "a" }] }).pairs[0] // frozen too
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
