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

/**
 * -1, 0 or 1 as x is below, equal to or above y (0 when either is NaN, as x - y || ... treats it);
 * strings by UTF-16 code units, the same in every locale. For sort comparators over doubles: a
 * comparator returning x - y hands V8 a fresh heap number per comparison (a million-element sort
 * made 130 MB of garbage); small integers are not objects.
 */
export function ascending<T extends number | string>(x: T, y: T): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
