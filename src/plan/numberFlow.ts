/**
 * The number-only specialisation of LexicographicFlow (lexicographicFlow.ts) for the common case
 * where double sums of the problem's costs are exact (exactCosts.ts `doublesAreExact`): the same
 * successive shortest paths on the (primary tier, backup tier, cost) triple, with every arc and
 * node array typed (Int32Array targets, residuals and tiers; Float64Array costs and potentials)
 * and a typed-array binary heap, so the inner loop makes no call through an arithmetic object and
 * no boxed value.
 *
 * Same optimum as the generic class, and deterministic: the heap orders by the triple then the
 * node index, and every sum is exact. A search visits a node's forward arcs (the same linked
 * lists as the generic class), then its reverse arcs that have residual capacity (kept apart, see
 * `active`), so among paths of exactly equal triple the one taken may differ from the generic
 * class's; a test checks equal flows on every arc on random plan graphs.
 */
export class NumberLexicographicFlow {
  private arcCount = 0;
  private nodes = 0;
  private head: Int32Array = new Int32Array(16).fill(-1);
  private nextArc: Int32Array = new Int32Array(16);
  private target: Int32Array = new Int32Array(16);
  private residual: Int32Array = new Int32Array(16);
  private initial: Int32Array = new Int32Array(16);
  private primary: Int32Array = new Int32Array(16);
  private backup: Int32Array = new Int32Array(16);
  private cost: Float64Array = new Float64Array(16);
  /**
   * Reverse (odd) arcs are not in the linked lists: a mentor's list would hold one per candidate
   * pair, almost all without residual. Each node keeps the reverse arcs that have residual
   * capacity (a flow on their twin) in `active`; `slot` is an arc's place there, or -1.
   */
  private active: number[][] = [];
  private slot: Int32Array = new Int32Array(16).fill(-1);
  private potentialPrimary: Float64Array = new Float64Array(0);
  private potentialBackup: Float64Array = new Float64Array(0);
  private potentialCost: Float64Array = new Float64Array(0);
  private distancePrimary: Float64Array = new Float64Array(0);
  private distanceBackup: Float64Array = new Float64Array(0);
  private distanceCost: Float64Array = new Float64Array(0);
  private via: Int32Array = new Int32Array(0);
  private reached: Int32Array = new Int32Array(0);
  private settled: Int32Array = new Int32Array(0);
  private settledList: Int32Array = new Int32Array(0);
  private stamp = 0;
  private heapSize = 0;
  private heapNode: Int32Array = new Int32Array(16);
  private heapPrimary: Float64Array = new Float64Array(16);
  private heapBackup: Float64Array = new Float64Array(16);
  private heapCost: Float64Array = new Float64Array(16);

  get nodeCount(): number {
    return this.nodes;
  }

  addNode(): number {
    if (this.nodes === this.head.length) {
      const grown = new Int32Array(this.head.length * 2).fill(-1);
      grown.set(this.head);
      this.head = grown;
    }
    // After start (a warm start adds pools and mentors): grow the per-node arrays too.
    if (this.potentialPrimary.length > 0 && this.nodes === this.potentialPrimary.length) {
      const size = this.nodes * 2;
      const float = (array: Float64Array) => {
        const grown = new Float64Array(size);
        grown.set(array);
        return grown;
      };
      const int = (array: Int32Array) => {
        const grown = new Int32Array(size);
        grown.set(array);
        return grown;
      };
      this.potentialPrimary = float(this.potentialPrimary);
      this.potentialBackup = float(this.potentialBackup);
      this.potentialCost = float(this.potentialCost);
      this.distancePrimary = float(this.distancePrimary);
      this.distanceBackup = float(this.distanceBackup);
      this.distanceCost = float(this.distanceCost);
      this.via = int(this.via);
      this.reached = int(this.reached);
      this.settled = int(this.settled);
      this.settledList = int(this.settledList);
    }
    this.active.push([]);
    return this.nodes++;
  }

  /** Sets a node's potential (a node added after start: the caller keeps reduced costs >= 0). */
  setPotential(node: number, potential: readonly [number, number, number]): void {
    this.potentialPrimary[node] = potential[0];
    this.potentialBackup[node] = potential[1];
    this.potentialCost[node] = potential[2];
  }

  /** Reduced cost of an arc, (primary, backup, cost) + potential(tail) - potential(head), compared with 0: < 0, 0 or > 0. */
  reducedSign(arc: number): number {
    const from = this.target[arc ^ 1] as number;
    const to = this.target[arc] as number;
    const p = (this.primary[arc] as number) + (this.potentialPrimary[from] as number) - (this.potentialPrimary[to] as number);
    if (p !== 0) return Math.sign(p);
    const b = (this.backup[arc] as number) + (this.potentialBackup[from] as number) - (this.potentialBackup[to] as number);
    if (b !== 0) return Math.sign(b);
    // cost < p(head) - p(tail), compared without rounding the sum.
    const room = (this.potentialCost[to] as number) - (this.potentialCost[from] as number);
    const cost = this.cost[arc] as number;
    return cost < room ? -1 : cost > room ? 1 : 0;
  }

  /** Puts every unit an arc can carry on it (the caller then repairs the balance with route). */
  saturate(arc: number): number {
    const units = this.residual[arc] as number;
    this.setResidual(arc, 0);
    this.setResidual(arc ^ 1, (this.residual[arc ^ 1] as number) + units);
    return units;
  }

  /** Adds an arc and returns its index (its residual twin is index ^ 1). */
  addArc(from: number, to: number, capacity: number, primary: number, backup: number, cost: number): number {
    const index = this.arcCount;
    if (index + 2 > this.target.length) this.growArcs();
    this.push(from, to, capacity, primary, backup, cost);
    this.push(to, from, 0, -primary, -backup, 0 - cost);
    return index;
  }

  private growArcs(): void {
    const size = this.target.length * 2;
    const grow = <A extends Int32Array | Float64Array>(array: A, make: (n: number) => A): A => {
      const grown = make(size);
      grown.set(array);
      return grown;
    };
    const int = (n: number) => new Int32Array(n);
    this.nextArc = grow(this.nextArc, int);
    const slot = new Int32Array(size).fill(-1);
    slot.set(this.slot);
    this.slot = slot;
    this.target = grow(this.target, int);
    this.residual = grow(this.residual, int);
    this.initial = grow(this.initial, int);
    this.primary = grow(this.primary, int);
    this.backup = grow(this.backup, int);
    this.cost = grow(this.cost, (n) => new Float64Array(n));
  }

  private push(from: number, to: number, capacity: number, primary: number, backup: number, cost: number): void {
    const arc = this.arcCount++;
    // Capacities beyond an Int32 are never reached: no node has more than 2^31 units to send.
    const clamped = Math.min(capacity, 0x7fffffff);
    this.target[arc] = to;
    this.residual[arc] = clamped;
    this.initial[arc] = clamped;
    this.primary[arc] = primary;
    this.backup[arc] = backup;
    this.cost[arc] = cost;
    if ((arc & 1) === 0) {
      this.nextArc[arc] = this.head[from] as number;
      this.head[from] = arc;
    } else if (clamped > 0) this.activate(arc);
  }

  private activate(arc: number): void {
    const list = this.active[this.target[arc ^ 1] as number] as number[];
    this.slot[arc] = list.length;
    list.push(arc);
  }

  private deactivate(arc: number): void {
    const list = this.active[this.target[arc ^ 1] as number] as number[];
    const at = this.slot[arc] as number;
    const last = list.pop() as number;
    if (last !== arc) {
      list[at] = last;
      this.slot[last] = at;
    }
    this.slot[arc] = -1;
  }

  /** Changes a residual, keeping reverse arcs with residual in their node's active list. */
  private setResidual(arc: number, value: number): void {
    const before = this.residual[arc] as number;
    this.residual[arc] = value;
    if ((arc & 1) === 1) {
      if (before <= 0 && value > 0) this.activate(arc);
      else if (before > 0 && value <= 0) this.deactivate(arc);
    }
  }

  flow(arc: number): number {
    return (this.initial[arc] as number) - (this.residual[arc] as number);
  }

  residualOf(arc: number): number {
    return this.residual[arc] as number;
  }

  targetOf(arc: number): number {
    return this.target[arc] as number;
  }

  /** The node potentials (primary, backup, cost) after the last route, for duality checks. */
  potential(node: number): [number, number, number] {
    return [this.potentialPrimary[node] as number, this.potentialBackup[node] as number, this.potentialCost[node] as number];
  }

  /** As LexicographicFlow.start: initial potentials from a topological order of the DAG. */
  start(order: readonly number[]): void {
    const n = this.nodes;
    this.potentialPrimary = new Float64Array(n);
    this.potentialBackup = new Float64Array(n);
    this.potentialCost = new Float64Array(n);
    this.distancePrimary = new Float64Array(n);
    this.distanceBackup = new Float64Array(n);
    this.distanceCost = new Float64Array(n);
    this.via = new Int32Array(n).fill(-1);
    this.reached = new Int32Array(n);
    this.settled = new Int32Array(n);
    this.settledList = new Int32Array(n);
    const known = new Uint8Array(n);
    const hasIncoming = new Uint8Array(n);
    const { residual, target, head, nextArc, primary, backup, cost, potentialPrimary, potentialBackup, potentialCost } = this;
    for (let arc = 0; arc < this.arcCount; arc++) if ((residual[arc] as number) > 0) hasIncoming[target[arc] as number] = 1;
    for (const node of order) {
      if (!hasIncoming[node]) known[node] = 1;
      if (!known[node]) continue;
      for (let arc = head[node] as number; arc !== -1; arc = nextArc[arc] as number) {
        if ((residual[arc] as number) <= 0) continue;
        const to = target[arc] as number;
        const p = (potentialPrimary[node] as number) + (primary[arc] as number);
        const b = (potentialBackup[node] as number) + (backup[arc] as number);
        const c = (potentialCost[node] as number) + (cost[arc] as number);
        const pt = potentialPrimary[to] as number;
        const bt = potentialBackup[to] as number;
        if (!known[to] || p < pt || (p === pt && (b < bt || (b === bt && c < (potentialCost[to] as number))))) {
          known[to] = 1;
          potentialPrimary[to] = p;
          potentialBackup[to] = b;
          potentialCost[to] = c;
        }
      }
    }
  }

  private heapLess(i: number, j: number): boolean {
    const p1 = this.heapPrimary[i] as number;
    const p2 = this.heapPrimary[j] as number;
    if (p1 !== p2) return p1 < p2;
    const b1 = this.heapBackup[i] as number;
    const b2 = this.heapBackup[j] as number;
    if (b1 !== b2) return b1 < b2;
    const c1 = this.heapCost[i] as number;
    const c2 = this.heapCost[j] as number;
    if (c1 !== c2) return c1 < c2;
    return (this.heapNode[i] as number) < (this.heapNode[j] as number);
  }

  private heapSwap(i: number, j: number): void {
    const { heapNode, heapPrimary, heapBackup, heapCost } = this;
    const n = heapNode[i] as number;
    heapNode[i] = heapNode[j] as number;
    heapNode[j] = n;
    const p = heapPrimary[i] as number;
    heapPrimary[i] = heapPrimary[j] as number;
    heapPrimary[j] = p;
    const b = heapBackup[i] as number;
    heapBackup[i] = heapBackup[j] as number;
    heapBackup[j] = b;
    const c = heapCost[i] as number;
    heapCost[i] = heapCost[j] as number;
    heapCost[j] = c;
  }

  private heapPush(node: number, p: number, b: number, c: number): void {
    if (this.heapSize === this.heapNode.length) {
      const size = this.heapNode.length * 2;
      const node32 = new Int32Array(size);
      node32.set(this.heapNode);
      this.heapNode = node32;
      for (const key of ["heapPrimary", "heapBackup", "heapCost"] as const) {
        const grown = new Float64Array(size);
        grown.set(this[key]);
        this[key] = grown;
      }
    }
    let i = this.heapSize++;
    this.heapNode[i] = node;
    this.heapPrimary[i] = p;
    this.heapBackup[i] = b;
    this.heapCost[i] = c;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.heapLess(i, parent)) break;
      this.heapSwap(i, parent);
      i = parent;
    }
  }

  private heapPop(): void {
    const last = --this.heapSize;
    this.heapSwap(0, last);
    let i = 0;
    const size = this.heapSize;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && this.heapLess(right, left) ? right : left;
      if (!this.heapLess(child, i)) break;
      this.heapSwap(child, i);
      i = child;
    }
  }

  /**
   * Sends `amount` units from `source` to `sink` along successive shortest paths; returns the
   * units sent (less than `amount` only when the sink is unreachable).
   */
  route(source: number, sink: number, amount: number): number {
    const { head, nextArc, target, residual, primary, backup, cost, potentialPrimary, potentialBackup, potentialCost, distancePrimary, distanceBackup, distanceCost, via, reached, settled, settledList, active } = this;
    let sent = 0;
    while (sent < amount) {
      const stamp = ++this.stamp;
      this.heapSize = 0;
      let settledCount = 0;
      reached[source] = stamp;
      distancePrimary[source] = 0;
      distanceBackup[source] = 0;
      distanceCost[source] = 0;
      via[source] = -1;
      this.heapPush(source, 0, 0, 0);
      let found = false;
      while (this.heapSize > 0) {
        const node = this.heapNode[0] as number;
        const p = this.heapPrimary[0] as number;
        const b = this.heapBackup[0] as number;
        const c = this.heapCost[0] as number;
        this.heapPop();
        if (settled[node] === stamp) continue;
        if (p !== distancePrimary[node] || b !== distanceBackup[node] || (distanceCost[node] as number) < c) continue;
        settled[node] = stamp;
        settledList[settledCount++] = node;
        if (node === sink) {
          found = true;
          break;
        }
        const pp = potentialPrimary[node] as number;
        const pb = potentialBackup[node] as number;
        const pc = potentialCost[node] as number;
        // Forward arcs from the linked list, then the reverse arcs with residual.
        const reverse = active[node] as number[];
        let next = head[node] as number;
        let k = 0;
        for (;;) {
          let arc: number;
          if (next !== -1) {
            arc = next;
            next = nextArc[arc] as number;
          } else if (k < reverse.length) arc = reverse[k++] as number;
          else break;
          if ((residual[arc] as number) <= 0) continue;
          const to = target[arc] as number;
          if (settled[to] === stamp) continue;
          const np = p + (primary[arc] as number) + pp - (potentialPrimary[to] as number);
          const nb = b + (backup[arc] as number) + pb - (potentialBackup[to] as number);
          // The same association as the generic class: c + ((cost + pc) - potential(to)).
          const nc = c + ((cost[arc] as number) + pc - (potentialCost[to] as number));
          if (reached[to] === stamp) {
            const dp = distancePrimary[to] as number;
            const db = distanceBackup[to] as number;
            if (!(np < dp || (np === dp && (nb < db || (nb === db && nc < (distanceCost[to] as number)))))) continue;
          }
          reached[to] = stamp;
          distancePrimary[to] = np;
          distanceBackup[to] = nb;
          distanceCost[to] = nc;
          via[to] = arc;
          this.heapPush(to, np, nb, nc);
        }
      }
      if (!found) return sent;
      const endP = distancePrimary[sink] as number;
      const endB = distanceBackup[sink] as number;
      const endC = distanceCost[sink] as number;
      for (let k = 0; k < settledCount; k++) {
        const node = settledList[k] as number;
        potentialPrimary[node] = (potentialPrimary[node] as number) + (distancePrimary[node] as number) - endP;
        potentialBackup[node] = (potentialBackup[node] as number) + (distanceBackup[node] as number) - endB;
        potentialCost[node] = (potentialCost[node] as number) + (distanceCost[node] as number) - endC;
      }
      let bottleneck = amount - sent;
      for (let node = sink; node !== source; node = target[(via[node] as number) ^ 1] as number) {
        bottleneck = Math.min(bottleneck, residual[via[node] as number] as number);
      }
      for (let node = sink; node !== source; node = target[(via[node] as number) ^ 1] as number) {
        const arc = via[node] as number;
        this.setResidual(arc, (residual[arc] as number) - bottleneck);
        this.setResidual(arc ^ 1, (residual[arc ^ 1] as number) + bottleneck);
      }
      sent += bottleneck;
    }
    return sent;
  }
}
