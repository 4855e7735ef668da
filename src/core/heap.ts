/**
 * A binary min-heap of (key, node) pairs in typed arrays, with lazy deletion left to the caller.
 * Ties on the key are broken by the smaller node index, so searches are deterministic.
 */
export class MinHeap {
  #keys: Float64Array;
  #nodes: Int32Array;
  size = 0;

  constructor(capacity = 64) {
    this.#keys = new Float64Array(capacity);
    this.#nodes = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  #less(a: number, b: number): boolean {
    const ka = this.#keys[a] as number;
    const kb = this.#keys[b] as number;
    return ka < kb || (ka === kb && (this.#nodes[a] as number) < (this.#nodes[b] as number));
  }

  #swap(a: number, b: number): void {
    const k = this.#keys[a] as number;
    this.#keys[a] = this.#keys[b] as number;
    this.#keys[b] = k;
    const n = this.#nodes[a] as number;
    this.#nodes[a] = this.#nodes[b] as number;
    this.#nodes[b] = n;
  }

  push(key: number, node: number): void {
    if (this.size === this.#keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.#keys);
      this.#keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.#nodes);
      this.#nodes = nodes;
    }
    let i = this.size++;
    this.#keys[i] = key;
    this.#nodes[i] = node;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(i, parent)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  /** The smallest key; call only when size > 0. */
  topKey(): number {
    return this.#keys[0] as number;
  }

  /** Removes the smallest pair and returns its node; call only when size > 0. */
  pop(): number {
    const node = this.#nodes[0] as number;
    this.size--;
    if (this.size > 0) {
      this.#keys[0] = this.#keys[this.size] as number;
      this.#nodes[0] = this.#nodes[this.size] as number;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= this.size) break;
        const right = left + 1;
        const child = right < this.size && this.#less(right, left) ? right : left;
        if (!this.#less(child, i)) break;
        this.#swap(i, child);
        i = child;
      }
    }
    return node;
  }
}
