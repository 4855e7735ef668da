/**
 * A small general min-cost flow (successive shortest paths with Dijkstra and node potentials;
 * Ahuja, Magnanti & Orlin 1993, sec. 9.7). Used by plans whose constraints are not a plain
 * bipartite assignment: capacities per mentor and per topic at once, or several distinct mentors
 * per need (backups). Augments one shortest path at a time, so it runs in
 * O(F (E + V log V)) for a total flow F: fine for programme-sized plans; the bipartite
 * `solveAssignment` is the one built for national scale.
 */
import { MinHeap } from "../core/heap.js";

export class FlowNetwork {
  private readonly head: number[] = [];
  private readonly next: number[] = [];
  private readonly to: number[] = [];
  private readonly capacity: number[] = [];
  private readonly cost: number[] = [];
  private readonly initial: number[] = [];
  private reachable: Uint8Array = new Uint8Array(0);

  get nodeCount(): number {
    return this.head.length;
  }

  addNode(): number {
    this.head.push(-1);
    return this.head.length - 1;
  }

  /** Adds an arc with a cost >= 0 and returns its index (its residual twin is index + 1). */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    if (!(cost >= 0)) throw new Error("FlowNetwork.addArc: costs must be >= 0 (shift them first)");
    const index = this.to.length;
    for (const [a, b, c, w] of [
      [from, to, capacity, cost],
      [to, from, 0, -cost],
    ] as const) {
      this.to.push(b);
      this.capacity.push(c);
      this.initial.push(c);
      this.cost.push(w);
      this.next.push(this.head[a] as number);
      this.head[a] = this.to.length - 1;
    }
    return index;
  }

  /** Flow on an arc after `solve`. */
  flow(arc: number): number {
    return (this.initial[arc] as number) - (this.capacity[arc] as number);
  }

  /** Whether a node is on the source side of the minimum cut found by `solve`. */
  onSourceSide(node: number): boolean {
    return this.reachable[node] === 1;
  }

  /** Maximum flow from source to sink and, among maximum flows, the least cost. */
  solve(source: number, sink: number): { flow: number; cost: number } {
    const n = this.nodeCount;
    const potential = new Float64Array(n);
    const distance = new Float64Array(n);
    const via = new Int32Array(n);
    const done = new Uint8Array(n);
    const heap = new MinHeap(64);
    let total = 0;
    let totalCost = 0;
    for (;;) {
      distance.fill(Number.POSITIVE_INFINITY);
      done.fill(0);
      via.fill(-1);
      distance[source] = 0;
      heap.clear();
      heap.push(0, source);
      while (heap.size > 0) {
        const d = heap.topKey();
        const node = heap.pop();
        if (done[node] || d > (distance[node] as number)) continue;
        done[node] = 1;
        if (node === sink) break;
        for (let arc = this.head[node] as number; arc !== -1; arc = this.next[arc] as number) {
          if ((this.capacity[arc] as number) <= 0) continue;
          const target = this.to[arc] as number;
          if (done[target]) continue; // settled nodes keep their path (see solveAssignment)
          const reduced = (this.cost[arc] as number) + (potential[node] as number) - (potential[target] as number);
          const candidate = d + Math.max(0, reduced);
          if (candidate < (distance[target] as number)) {
            distance[target] = candidate;
            via[target] = arc;
            heap.push(candidate, target);
          }
        }
      }
      if (!done[sink]) break;
      const end = distance[sink] as number;
      for (let node = 0; node < n; node++) potential[node] = (potential[node] as number) + Math.min(distance[node] as number, end);
      let bottleneck = Number.POSITIVE_INFINITY;
      for (let node = sink; node !== source; node = this.to[(via[node] as number) ^ 1] as number) {
        bottleneck = Math.min(bottleneck, this.capacity[via[node] as number] as number);
      }
      for (let node = sink; node !== source; node = this.to[(via[node] as number) ^ 1] as number) {
        const arc = via[node] as number;
        this.capacity[arc] = (this.capacity[arc] as number) - bottleneck;
        this.capacity[arc ^ 1] = (this.capacity[arc ^ 1] as number) + bottleneck;
        totalCost += bottleneck * (this.cost[arc] as number);
      }
      total += bottleneck;
    }
    // The source side of a minimum cut: nodes still reachable in the residual network.
    this.reachable = new Uint8Array(n);
    const queue = [source];
    this.reachable[source] = 1;
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i] as number;
      for (let arc = this.head[node] as number; arc !== -1; arc = this.next[arc] as number) {
        const target = this.to[arc] as number;
        if ((this.capacity[arc] as number) > 0 && !this.reachable[target]) {
          this.reachable[target] = 1;
          queue.push(target);
        }
      }
    }
    return { flow: total, cost: totalCost };
  }
}
