/** A Map or WeakMap, as far as innerMap needs one. */
interface Keyed<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/**
 * The map kept under `key` in `outer`, made empty and stored there the first time it is asked
 * for: the second level of the two-level caches of the planning code (by topic, then by mentor...).
 */
export function innerMap<K, J, V>(outer: Keyed<K, Map<J, V>>, key: K): Map<J, V> {
  let inner = outer.get(key);
  if (inner === undefined) {
    inner = new Map<J, V>();
    outer.set(key, inner);
  }
  return inner;
}
