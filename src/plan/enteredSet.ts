/**
 * A set of positions 0..size-1 ("entered") that answers "the first position at or after k not in
 * the set" in a few word reads and lets positions leave again: the relaxation gains' search
 * (relaxationGains.ts) keeps one per scan order of mentors, so a need walks only the mentors its
 * pass has not entered yet, and a sweep takes a successful search's marks back in O(1) each.
 *
 * Two levels of 32-bit words, as in a bitmap allocator (the idea of van Emde Boas 1975 with a
 * fixed fan-out of 32): a word per 32 positions, a summary bit per word that is full.
 */
/** The lowest set bit's index (x not 0). */
const lowestBit = (x: number): number => 31 - Math.clz32(x & -x);

/**
 * The positions of one scan order not yet entered in a pass: a bitset (bit set: entered) with a
 * summary word per 32 words (bit set: that word is full), so "the first unentered position at or
 * after k" takes a few word reads (van Emde Boas-style two levels, as in a bitmap allocator), and
 * a position can be left again (a sweep takes a successful search's marks back) in O(1), which a
 * union-find with path compression cannot do without a rebuild.
 */
export class EnteredSet {
  #words: Int32Array;
  #full: Int32Array;
  #size = 0;

  constructor(size: number) {
    this.#words = new Int32Array(0);
    this.#full = new Int32Array(0);
    this.reset(size);
  }

  /** Everything unentered, for `size` positions (the bits past the end are set: never found). */
  reset(size: number): void {
    const count = (size >>> 5) + 1;
    if (this.#words.length < count) {
      this.#words = new Int32Array(count);
      this.#full = new Int32Array((count >>> 5) + 1);
    } else {
      this.#words.fill(0, 0, count);
      this.#full.fill(0);
    }
    this.#size = size;
    // Positions >= size (in the last word and every word after it) count as entered.
    for (let word = size >>> 5; word < this.#words.length; word++) {
      const from = word === size >>> 5 ? size & 31 : 0;
      this.#words[word] = from === 0 ? -1 : -1 << from;
      // The last partial word is full only once its positions below size are all entered.
      if (from === 0) this.#full[word >>> 5] = (this.#full[word >>> 5] as number) | (1 << (word & 31));
    }
    for (let word = this.#words.length; word < this.#full.length << 5; word++) this.#full[word >>> 5] = (this.#full[word >>> 5] as number) | (1 << (word & 31));
  }

  enter(position: number): void {
    const word = position >>> 5;
    const value = (this.#words[word] as number) | (1 << (position & 31));
    this.#words[word] = value;
    if (value === -1) this.#full[word >>> 5] = (this.#full[word >>> 5] as number) | (1 << (word & 31));
  }

  leave(position: number): void {
    const word = position >>> 5;
    this.#words[word] = (this.#words[word] as number) & ~(1 << (position & 31));
    this.#full[word >>> 5] = (this.#full[word >>> 5] as number) & ~(1 << (word & 31));
  }

  /** The first unentered position >= k (`size` when none). */
  next(k: number): number {
    if (k >= this.#size) return this.#size;
    let word = k >>> 5;
    const free = ~(this.#words[word] as number) & (-1 << (k & 31));
    if (free !== 0) return (word << 5) + lowestBit(free);
    word++;
    let summary = word >>> 5;
    let open = summary < this.#full.length ? ~(this.#full[summary] as number) & ((word & 31) === 0 ? -1 : -1 << (word & 31)) : 0;
    while (open === 0) {
      summary++;
      if (summary >= this.#full.length) return this.#size;
      open = ~(this.#full[summary] as number);
    }
    word = (summary << 5) + lowestBit(open);
    if (word >= this.#words.length) return this.#size;
    return (word << 5) + lowestBit(~(this.#words[word] as number));
  }
}
