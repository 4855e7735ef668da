/**
 * Disjoint sets (union-find) over the integers 0 .. size - 1, with path compression. Joining two
 * sets makes the smaller root the root, so every set's root is its smallest member: roots name the
 * sets the same way whatever the order of the joins.
 */
import { grownTo } from "./typedArrays.js";

export class DisjointSets {
  #parent: Int32Array;
  #count = 0;

  /** `size` singletons 0 .. size - 1; more can be added. */
  constructor(size = 0) {
    this.#parent = new Int32Array(Math.max(size, 8));
    for (let i = 0; i < size; i++) this.add();
  }

  get size(): number {
    return this.#count;
  }

  /** Adds a singleton and returns it. */
  add(): number {
    if (this.#count === this.#parent.length) this.#parent = grownTo(this.#parent, this.#parent.length * 2);
    this.#parent[this.#count] = this.#count;
    return this.#count++;
  }

  /** The root (smallest member) of x's set. */
  find(x: number): number {
    const parent = this.#parent;
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[x] !== root) {
      const next = parent[x] as number;
      parent[x] = root;
      x = next;
    }
    return root;
  }

  /** Joins the sets of a and b; returns the root of the joined set. */
  union(a: number, b: number): number {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return ra;
    const root = Math.min(ra, rb);
    this.#parent[Math.max(ra, rb)] = root;
    return root;
  }
}
