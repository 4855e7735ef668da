/** The typed arrays the solvers grow as they add nodes and arcs. */
export type GrowableArray = Float64Array | Int32Array | Int8Array | Uint8Array;

/**
 * A copy of `array` of length `size` (>= its length), of the same type; the new entries are
 * `fill` (0 by default).
 */
export function grownTo<A extends GrowableArray>(array: A, size: number, fill = 0): A {
  const grown = new (array.constructor as new (length: number) => A)(size);
  if (fill !== 0) (grown as GrowableArray).fill(fill);
  (grown as GrowableArray).set(array as ArrayLike<number>);
  return grown;
}
