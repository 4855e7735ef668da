/**
 * Core numbers (Seidman 1983; the peeling of Batagelj & Zaversnik 2003): the largest k such that a
 * node belongs to a subgraph where every node has degree at least k. On directed graphs the degree
 * is in + out and a pair linked both ways counts twice, as NetworkX 2.8's `core_number`. Self-loops
 * are ignored. Runs in O(V + E) with a bucket queue.
 */
import type { AbstractGraph, Attributes } from "graphology-types";

/**
 * Core number of every node (NetworkX core_number on the graph without direction).
 * @example coreness(graph) // { A: 2, B: 2, C: 1 }
 */
export function coreness(graph: AbstractGraph<Attributes, Attributes>): Record<string, number> {
  const keys = graph.nodes();
  const index = new Map(keys.map((key, i) => [key, i]));
  const n = keys.length;
  const lists: number[][] = keys.map(() => []);
  graph.forEachEdge((_edge, _attributes, source, target) => {
    const s = index.get(source) as number;
    const t = index.get(target) as number;
    if (s === t) return;
    (lists[s] as number[]).push(t);
    (lists[t] as number[]).push(s);
  });
  const degree = Int32Array.from(lists, (list) => list.length);
  const maxDegree = degree.reduce((a, b) => Math.max(a, b), 0);
  // Bucket queue: nodes ordered by current degree, with the start of each degree's block.
  const binStart = new Int32Array(maxDegree + 2);
  for (const d of degree) binStart[d + 1] = (binStart[d + 1] as number) + 1;
  for (let d = 0; d <= maxDegree; d++) binStart[d + 1] = (binStart[d + 1] as number) + (binStart[d] as number);
  const order = new Int32Array(n);
  const position = new Int32Array(n);
  const fill = binStart.slice();
  for (let v = 0; v < n; v++) {
    const at = fill[degree[v] as number] as number;
    order[at] = v;
    position[v] = at;
    fill[degree[v] as number] = at + 1;
  }
  const core = Int32Array.from(degree);
  for (let i = 0; i < n; i++) {
    const v = order[i] as number;
    for (const u of lists[v] as number[]) {
      if ((core[u] as number) > (core[v] as number)) {
        // Move u to the front of its degree block, then shrink its degree by one.
        const du = core[u] as number;
        const front = binStart[du] as number;
        const w = order[front] as number;
        if (w !== u) {
          const pu = position[u] as number;
          order[front] = u;
          order[pu] = w;
          position[u] = front;
          position[w] = pu;
        }
        binStart[du] = front + 1;
        core[u] = du - 1;
      }
    }
  }
  return Object.fromEntries(keys.map((key, i) => [key, core[i] as number]));
}
