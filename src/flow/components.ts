/**
 * Network-level structure: weak and strong components (Tarjan 1972, iteratively), density and
 * reciprocity with NetworkX's definitions (`density`, `overall_reciprocity`).
 */
import { DisjointSets } from "../core/disjointSets.js";
import type { DistanceAdjacency } from "./distanceAdjacency.js";

/** Component label per node, ignoring edge direction; labels count from 0 in node order. */
export function weakComponents(adjacency: DistanceAdjacency): Int32Array {
  const n = adjacency.keys.length;
  const sets = new DisjointSets(n);
  for (let v = 0; v < n; v++) {
    for (let e = adjacency.start[v] as number; e < (adjacency.start[v + 1] as number); e++) sets.union(v, adjacency.target[e] as number);
  }
  return relabel(Int32Array.from({ length: n }, (_, v) => sets.find(v)));
}

/** Strongly connected component label per node (Tarjan's algorithm without recursion). */
export function strongComponents(adjacency: DistanceAdjacency): Int32Array {
  const n = adjacency.keys.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const label = new Int32Array(n).fill(-1);
  let counter = 0;
  let components = 0;
  const callNode: number[] = [];
  const callEdge: number[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    callNode.push(root);
    callEdge.push(adjacency.start[root] as number);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callNode.length > 0) {
      const v = callNode[callNode.length - 1] as number;
      const e = callEdge[callEdge.length - 1] as number;
      if (e < (adjacency.start[v + 1] as number)) {
        callEdge[callEdge.length - 1] = e + 1;
        const w = adjacency.target[e] as number;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callNode.push(w);
          callEdge.push(adjacency.start[w] as number);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] as number, index[w] as number);
        }
        continue;
      }
      callNode.pop();
      callEdge.pop();
      const parent = callNode[callNode.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent] as number, low[v] as number);
      if (low[v] === index[v]) {
        for (;;) {
          const w = stack.pop() as number;
          onStack[w] = 0;
          label[w] = components;
          if (w === v) break;
        }
        components++;
      }
    }
  }
  return relabel(label);
}

/** Relabels components 0, 1, 2... in order of their first node. */
function relabel(raw: Int32Array): Int32Array {
  const names = new Map<number, number>();
  return raw.map((value) => {
    let name = names.get(value);
    if (name === undefined) {
      name = names.size;
      names.set(value, name);
    }
    return name;
  });
}

/** Edges over possible edges: E / (n (n - 1)) directed, 2E / (n (n - 1)) undirected. */
export function density(adjacency: DistanceAdjacency): number {
  const n = adjacency.keys.length;
  if (n < 2) return 0;
  const edges = adjacency.directed ? adjacency.target.length : adjacency.target.length / 2;
  return (adjacency.directed ? 1 : 2) * edges / (n * (n - 1));
}

/** Share of directed edges whose reverse edge exists too (1 for undirected graphs). */
export function reciprocity(adjacency: DistanceAdjacency): number {
  if (!adjacency.directed) return 1;
  const edges = adjacency.target.length;
  if (edges === 0) return 0;
  const has = new Set<number>();
  const n = adjacency.keys.length;
  for (let v = 0; v < n; v++) for (let e = adjacency.start[v] as number; e < (adjacency.start[v + 1] as number); e++) has.add(v * n + (adjacency.target[e] as number));
  let mutual = 0;
  for (let v = 0; v < n; v++) for (let e = adjacency.start[v] as number; e < (adjacency.start[v + 1] as number); e++) if (has.has((adjacency.target[e] as number) * n + v)) mutual++;
  return mutual / edges;
}

/** The largest value of an array (0 when empty), without spreading it into arguments (which overflows the stack on large arrays). */
export function largestOf(values: ArrayLike<number>): number {
  let best = values.length === 0 ? 0 : -Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > best) best = values[i] as number;
  return best;
}
