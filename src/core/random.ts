/**
 * A seeded pseudo-random generator for everything reported: xoshiro128** (Blackman & Vigna 2018),
 * seeded through splitmix32 so that nearby seeds give unrelated streams; the platform generator,
 * which takes no seed, is never used.
 * @example
 * const random = new SeededRandom(42);
 * random.next(); // the same number for seed 42 on every machine
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = Math.floor(seed) >>> 0;
    const next = () => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next() | 0;
    this.b = next() | 0;
    this.c = next() | 0;
    this.d = next() | 0;
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A uniform 32-bit unsigned integer. The state stays in int32 arithmetic (fast in V8). */
  nextUint32(): number {
    const a = this.a;
    const b = this.b;
    let c = this.c;
    let d = this.d;
    const x = Math.imul(b, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    this.b = b ^ c;
    this.a = a ^ d;
    c ^= t;
    this.c = c;
    this.d = (d << 11) | (d >>> 21);
    return result;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  next(): number {
    return ((this.nextUint32() >>> 5) * 67108864 + (this.nextUint32() >>> 6)) / 9007199254740992;
  }

  /**
   * A uniform integer in [0, n) for n < 2^21, without bias: Lemire's multiply-and-reject
   * (Lemire 2019), in float64 arithmetic where u * n is exact.
   */
  nextInt(n: number): number {
    if (n <= 1) return 0;
    const inverse = 2.3283064365386963e-10; // 2^-32, exact
    let product = this.nextUint32() * n;
    let high = Math.floor(product * inverse);
    let low = product - high * 4294967296;
    if (low < n) {
      const threshold = (4294967296 - n) % n;
      while (low < threshold) {
        product = this.nextUint32() * n;
        high = Math.floor(product * inverse);
        low = product - high * 4294967296;
      }
    }
    return high;
  }
}
