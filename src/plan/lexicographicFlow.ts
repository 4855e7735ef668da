/**
 * Min-cost flow with a lexicographic cost: every arc costs a triple (primary, backup, cost) and
 * paths are compared on the primary tier first, then the backup tier, then the cost. The tiers
 * are small integers (exact in doubles); the cost is a number when double sums of the problem's
 * costs are exact (see exactCosts.ts) and a BigInt otherwise, so no tier is ever folded into the
 * cost with a large constant and no cost is shifted by a global minimum.
 *
 * Method: successive shortest paths with node potentials (Edmonds & Karp 1972; Ahuja, Magnanti &
 * Orlin 1993, sec. 9.7), each search a Dijkstra from one node with excess that stops when the
 * sink is settled; the path carries as many units as its bottleneck and the excess allow. The
 * ordered group Z x Z x R (lexicographic) satisfies everything the method's proof uses (a totally
 * ordered abelian group: reduced costs stay >= 0 after each potential update, so each path is
 * shortest and the final flow has no negative residual cycle), so the flow is optimal for the
 * triple, i.e. for the three levels in order.
 */

/** The arithmetic of the cost tier: numbers (exact in range) or BigInts (always exact). */
export interface CostArithmetic<T> {
  zero: T;
  add(a: T, b: T): T;
  subtract(a: T, b: T): T;
  less(a: T, b: T): boolean;
}

export const NUMBER_ARITHMETIC: CostArithmetic<number> = {
  zero: 0,
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  less: (a, b) => a < b,
};

export const BIGINT_ARITHMETIC: CostArithmetic<bigint> = {
  zero: 0n,
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  less: (a, b) => a < b,
};

export class LexicographicFlow<T> {
  readonly #head: number[] = [];
  readonly #nextArc: number[] = [];
  readonly #target: number[] = [];
  readonly #residual: number[] = [];
  readonly #initial: number[] = [];
  readonly #primary: number[] = [];
  readonly #backup: number[] = [];
  readonly #cost: T[] = [];
  // Potentials and search state, per node.
  #potentialPrimary: Float64Array = new Float64Array(0);
  #potentialBackup: Float64Array = new Float64Array(0);
  #potentialCost: T[] = [];
  #distancePrimary: Float64Array = new Float64Array(0);
  #distanceBackup: Float64Array = new Float64Array(0);
  #distanceCost: T[] = [];
  #via: Int32Array = new Int32Array(0);
  #reached: Int32Array = new Int32Array(0);
  #settled: Int32Array = new Int32Array(0);
  #stamp = 0;
  readonly #settledList: number[] = [];
  // Binary heap of (node, key triple) with lazy deletion.
  #heapNode: number[] = [];
  #heapPrimary: number[] = [];
  #heapBackup: number[] = [];
  #heapCost: T[] = [];

  readonly #arithmetic: CostArithmetic<T>;

  constructor(arithmetic: CostArithmetic<T>) {
    this.#arithmetic = arithmetic;}

  get nodeCount(): number {
    return this.#head.length;
  }

  addNode(): number {
    this.#head.push(-1);
    return this.#head.length - 1;
  }

  /** Adds an arc and returns its index (its residual twin is index ^ 1). */
  addArc(from: number, to: number, capacity: number, primary: number, backup: number, cost: T): number {
    const index = this.#target.length;
    this.#push(from, to, capacity, primary, backup, cost);
    this.#push(to, from, 0, -primary, -backup, this.#arithmetic.subtract(this.#arithmetic.zero, cost));
    return index;
  }

  #push(from: number, to: number, capacity: number, primary: number, backup: number, cost: T): void {
    this.#target.push(to);
    this.#residual.push(capacity);
    this.#initial.push(capacity);
    this.#primary.push(primary);
    this.#backup.push(backup);
    this.#cost.push(cost);
    this.#nextArc.push(this.#head[from] as number);
    this.#head[from] = this.#target.length - 1;
  }

  /** Flow on an arc. */
  flow(arc: number): number {
    return (this.#initial[arc] as number) - (this.#residual[arc] as number);
  }

  /** Residual capacity of an arc. */
  residualOf(arc: number): number {
    return this.#residual[arc] as number;
  }

  /** The arcs leaving a node (forward and residual twins). */
  *arcsOf(node: number): Generator<number> {
    for (let arc = this.#head[node] as number; arc !== -1; arc = this.#nextArc[arc] as number) yield arc;
  }

  targetOf(arc: number): number {
    return this.#target[arc] as number;
  }

  /**
   * Starts the potentials: `order` lists every node so that each arc with capacity goes from an
   * earlier node to a later one (the plan's graph is a DAG before any flow); nodes without an
   * incoming arc get 0, the others the shortest distance from those, so reduced costs are >= 0.
   */
  start(order: readonly number[]): void {
    const n = this.nodeCount;
    const arithmetic = this.#arithmetic;
    this.#potentialPrimary = new Float64Array(n);
    this.#potentialBackup = new Float64Array(n);
    this.#potentialCost = new Array<T>(n).fill(arithmetic.zero);
    this.#distancePrimary = new Float64Array(n);
    this.#distanceBackup = new Float64Array(n);
    this.#distanceCost = new Array<T>(n).fill(arithmetic.zero);
    this.#via = new Int32Array(n).fill(-1);
    this.#reached = new Int32Array(n);
    this.#settled = new Int32Array(n);
    const known = new Uint8Array(n);
    const hasIncoming = new Uint8Array(n);
    for (let arc = 0; arc < this.#target.length; arc++) if ((this.#residual[arc] as number) > 0) hasIncoming[this.#target[arc] as number] = 1;
    for (const node of order) {
      if (!hasIncoming[node]) known[node] = 1;
      if (!known[node]) continue;
      for (let arc = this.#head[node] as number; arc !== -1; arc = this.#nextArc[arc] as number) {
        if ((this.#residual[arc] as number) <= 0) continue;
        const to = this.#target[arc] as number;
        const p = (this.#potentialPrimary[node] as number) + (this.#primary[arc] as number);
        const b = (this.#potentialBackup[node] as number) + (this.#backup[arc] as number);
        const c = arithmetic.add(this.#potentialCost[node] as T, this.#cost[arc] as T);
        if (!known[to] || this.#lessTriple(p, b, c, this.#potentialPrimary[to] as number, this.#potentialBackup[to] as number, this.#potentialCost[to] as T)) {
          known[to] = 1;
          this.#potentialPrimary[to] = p;
          this.#potentialBackup[to] = b;
          this.#potentialCost[to] = c;
        }
      }
    }
  }

  #lessTriple(p1: number, b1: number, c1: T, p2: number, b2: number, c2: T): boolean {
    return p1 < p2 || (p1 === p2 && (b1 < b2 || (b1 === b2 && this.#arithmetic.less(c1, c2))));
  }

  #heapLess(i: number, j: number): boolean {
    const p1 = this.#heapPrimary[i] as number;
    const p2 = this.#heapPrimary[j] as number;
    if (p1 !== p2) return p1 < p2;
    const b1 = this.#heapBackup[i] as number;
    const b2 = this.#heapBackup[j] as number;
    if (b1 !== b2) return b1 < b2;
    const c1 = this.#heapCost[i] as T;
    const c2 = this.#heapCost[j] as T;
    if (this.#arithmetic.less(c1, c2)) return true;
    if (this.#arithmetic.less(c2, c1)) return false;
    return (this.#heapNode[i] as number) < (this.#heapNode[j] as number);
  }

  #heapSwap(i: number, j: number): void {
    const n = this.#heapNode[i] as number;
    this.#heapNode[i] = this.#heapNode[j] as number;
    this.#heapNode[j] = n;
    const p = this.#heapPrimary[i] as number;
    this.#heapPrimary[i] = this.#heapPrimary[j] as number;
    this.#heapPrimary[j] = p;
    const b = this.#heapBackup[i] as number;
    this.#heapBackup[i] = this.#heapBackup[j] as number;
    this.#heapBackup[j] = b;
    const c = this.#heapCost[i] as T;
    this.#heapCost[i] = this.#heapCost[j] as T;
    this.#heapCost[j] = c;
  }

  #heapPush(node: number, p: number, b: number, c: T): void {
    let i = this.#heapNode.length;
    this.#heapNode.push(node);
    this.#heapPrimary.push(p);
    this.#heapBackup.push(b);
    this.#heapCost.push(c);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#heapLess(i, parent)) break;
      this.#heapSwap(i, parent);
      i = parent;
    }
  }

  /** Removes the top entry (read it from index 0 first). */
  #heapPop(): void {
    const last = this.#heapNode.length - 1;
    this.#heapSwap(0, last);
    this.#heapNode.pop();
    this.#heapPrimary.pop();
    this.#heapBackup.pop();
    this.#heapCost.pop();
    let i = 0;
    const size = this.#heapNode.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && this.#heapLess(right, left) ? right : left;
      if (!this.#heapLess(child, i)) break;
      this.#heapSwap(child, i);
      i = child;
    }
  }

  #relax(node: number, p: number, b: number, c: T, via: number): void {
    if (this.#settled[node] === this.#stamp) return;
    if (this.#reached[node] !== this.#stamp || this.#lessTriple(p, b, c, this.#distancePrimary[node] as number, this.#distanceBackup[node] as number, this.#distanceCost[node] as T)) {
      this.#reached[node] = this.#stamp;
      this.#distancePrimary[node] = p;
      this.#distanceBackup[node] = b;
      this.#distanceCost[node] = c;
      this.#via[node] = via;
      this.#heapPush(node, p, b, c);
    }
  }

  /**
   * Sends `amount` units from `source` to `sink` along successive shortest paths; returns the
   * units sent (less than `amount` only when the sink is unreachable).
   */
  route(source: number, sink: number, amount: number): number {
    const arithmetic = this.#arithmetic;
    let sent = 0;
    while (sent < amount) {
      this.#stamp++;
      this.#heapNode.length = 0;
      this.#heapPrimary.length = 0;
      this.#heapBackup.length = 0;
      this.#heapCost.length = 0;
      this.#settledList.length = 0;
      this.#relax(source, 0, 0, arithmetic.zero, -1);
      let found = false;
      while (this.#heapNode.length > 0) {
        const node = this.#heapNode[0] as number;
        const p = this.#heapPrimary[0] as number;
        const b = this.#heapBackup[0] as number;
        const c = this.#heapCost[0] as T;
        this.#heapPop();
        if (this.#settled[node] === this.#stamp) continue;
        if (p !== this.#distancePrimary[node] || b !== this.#distanceBackup[node] || arithmetic.less(this.#distanceCost[node] as T, c)) continue;
        this.#settled[node] = this.#stamp;
        this.#settledList.push(node);
        if (node === sink) {
          found = true;
          break;
        }
        const pp = this.#potentialPrimary[node] as number;
        const pb = this.#potentialBackup[node] as number;
        const pc = this.#potentialCost[node] as T;
        for (let arc = this.#head[node] as number; arc !== -1; arc = this.#nextArc[arc] as number) {
          if ((this.#residual[arc] as number) <= 0) continue;
          const to = this.#target[arc] as number;
          if (this.#settled[to] === this.#stamp) continue;
          this.#relax(
            to,
            p + (this.#primary[arc] as number) + pp - (this.#potentialPrimary[to] as number),
            b + (this.#backup[arc] as number) + pb - (this.#potentialBackup[to] as number),
            arithmetic.add(c, arithmetic.subtract(arithmetic.add(this.#cost[arc] as T, pc), this.#potentialCost[to] as T)),
            arc,
          );
        }
      }
      if (!found) return sent;
      // Potentials: settled nodes move by (distance - sink distance); the rest keep theirs.
      const endP = this.#distancePrimary[sink] as number;
      const endB = this.#distanceBackup[sink] as number;
      const endC = this.#distanceCost[sink] as T;
      for (const node of this.#settledList) {
        this.#potentialPrimary[node] = (this.#potentialPrimary[node] as number) + (this.#distancePrimary[node] as number) - endP;
        this.#potentialBackup[node] = (this.#potentialBackup[node] as number) + (this.#distanceBackup[node] as number) - endB;
        this.#potentialCost[node] = arithmetic.subtract(arithmetic.add(this.#potentialCost[node] as T, this.#distanceCost[node] as T), endC);
      }
      let bottleneck = amount - sent;
      for (let node = sink; node !== source; node = this.#target[(this.#via[node] as number) ^ 1] as number) {
        bottleneck = Math.min(bottleneck, this.#residual[this.#via[node] as number] as number);
      }
      for (let node = sink; node !== source; node = this.#target[(this.#via[node] as number) ^ 1] as number) {
        const arc = this.#via[node] as number;
        this.#residual[arc] = (this.#residual[arc] as number) - bottleneck;
        this.#residual[arc ^ 1] = (this.#residual[arc ^ 1] as number) + bottleneck;
      }
      sent += bottleneck;
    }
    return sent;
  }
}
