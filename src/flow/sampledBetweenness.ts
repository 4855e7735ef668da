/**
 * Betweenness by sampling shortest paths, with a stated guarantee (Riondato and Kornaropoulos,
 * "Fast approximation of betweenness centrality through sampling", Data Mining and Knowledge
 * Discovery 30, 2016): with r = ceil((c / e^2) (floor(log2(VD - 2)) + 1 + ln(1 / delta))) sampled
 * paths (c = 0.5, VD an upper bound on the number of nodes on any shortest path), every node's
 * estimate is within e of its betweenness (normalised by n (n - 1)) with probability at least
 * 1 - delta, simultaneously for all nodes. Each sample draws an ordered pair (s, t) of distinct
 * nodes uniformly, runs Dijkstra (or breadth-first search) from s until t is settled, and walks
 * one shortest path back from t, choosing each predecessor v of w with probability
 * sigma(v) / sigma(w); every inner node of that path gains 1 / r.
 *
 * Units: the values are returned with NetworkX's normalisation, 1 / ((n - 1)(n - 2)), which is
 * n / (n - 2) times Riondato-Kornaropoulos' 1 / (n (n - 1)); the sampling uses
 * e = epsilon (n - 2) / n so that the guarantee holds for the returned values with `epsilon`.
 *
 * VD bound (must never be below the truth): see vertexDiameterBound (per strongly connected
 * component from eccentricities, then the heaviest path of the condensation). Ties within the kernel's relative tolerance (1e-10)
 * count as equal lengths, as in the exact pass.
 */
import { IndexedMinHeap } from "../core/indexedHeap.js";
import { SeededRandom } from "../core/random.js";
import { reversed } from "./closeness.js";
import { largestOf, strongComponents } from "./components.js";
import type { DistanceAdjacency } from "./distanceAdjacency.js";

const TIE = 1e-10;
/** Riondato-Kornaropoulos' constant c (their experiments and proofs use about 0.5). */
const C = 0.5;

/** What sampledBetweenness needs. */
export interface SamplingOptions {
  epsilon: number;
  delta: number;
  seed: number;
  /** Called with the share of samples done (0 to 1), at most about a hundred times. */
  onProgress?: (done: number) => void;
}

/** Estimated betweenness (NetworkX normalisation) and what the guarantee rests on. */
export interface SampledBetweenness {
  values: Float64Array;
  samples: number;
  vertexDiameterBound: number;
}

/** The number of samples Riondato-Kornaropoulos need for (epsilon, delta) on n nodes with vertex-diameter bound vd. */
export function sampleSize(n: number, vd: number, epsilon: number, delta: number): number {
  if (n < 3 || vd < 3) return 0;
  const e = (epsilon * (n - 2)) / n;
  return Math.ceil((C / (e * e)) * (Math.floor(Math.log2(vd - 2)) + 1 + Math.log(1 / delta)));
}

/** Components up to this size are bounded by their size; larger ones by their eccentricities. */
const SMALL_COMPONENT = 64;

/**
 * An upper bound on the number of nodes of any shortest path. A shortest path crosses the strongly
 * connected components in the order of the condensation (it never re-enters one), and its part
 * inside a component C is a shortest path of C, so it has at most VD(C) nodes, where
 * VD(C) <= min(|C|, floor((ecc_out(u) + ecc_in(u)) / shortest edge of C) + 1) for any u in C
 * (d(a, b) <= d(a, u) + d(u, b) inside C). The bound is the heaviest path of the condensation,
 * each component weighing its VD(C).
 */
export function vertexDiameterBound(adjacency: DistanceAdjacency, weighted: boolean): number {
  const n = adjacency.keys.length;
  if (n === 0) return 0;
  const { start, target, distance } = adjacency;
  const component = strongComponents(adjacency);
  const count = largestOf(component) + 1;
  const size = new Int32Array(count);
  for (let v = 0; v < n; v++) size[component[v] as number] = (size[component[v] as number] as number) + 1;
  const bound = Float64Array.from(size);
  const backward = adjacency.directed ? reversed(adjacency) : adjacency;
  for (let c = 0; c < count; c++) {
    if ((size[c] as number) <= SMALL_COMPONENT) continue;
    let hub = -1;
    let shortest = Number.POSITIVE_INFINITY;
    for (let v = 0; v < n; v++) {
      if (component[v] !== c) continue;
      if (hub === -1 || (start[v + 1] as number) - (start[v] as number) > (start[hub + 1] as number) - (start[hub] as number)) hub = v;
      for (let e = start[v] as number; e < (start[v + 1] as number); e++) if (component[target[e] as number] === c) shortest = Math.min(shortest, weighted ? (distance[e] as number) : 1);
    }
    const reach = eccentricity(adjacency, hub, weighted, component, c) + eccentricity(backward, hub, weighted, component, c);
    // Slack of 1e-9 covers rounding in the sums of distances.
    bound[c] = Math.min(size[c] as number, Math.floor((reach / shortest) * (1 + 1e-9)) + 1);
  }
  // Heaviest path of the condensation (Kahn's order).
  const indegree = new Int32Array(count);
  for (let v = 0; v < n; v++) {
    for (let e = start[v] as number; e < (start[v + 1] as number); e++) {
      const to = component[target[e] as number] as number;
      if (to !== component[v]) indegree[to] = (indegree[to] as number) + 1;
    }
  }
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let v = 0; v < n; v++) (members[component[v] as number] as number[]).push(v);
  const best = Float64Array.from(bound);
  const queue: number[] = [];
  for (let c = 0; c < count; c++) if (indegree[c] === 0) queue.push(c);
  let result = 0;
  for (let head = 0; head < queue.length; head++) {
    const c = queue[head] as number;
    result = Math.max(result, best[c] as number);
    for (const v of members[c] as number[]) {
      for (let e = start[v] as number; e < (start[v + 1] as number); e++) {
        const to = component[target[e] as number] as number;
        if (to === c) continue;
        best[to] = Math.max(best[to] as number, (best[c] as number) + (bound[to] as number));
        indegree[to] = (indegree[to] as number) - 1;
        if (indegree[to] === 0) queue.push(to);
      }
    }
  }
  return result;
}

/** The largest distance from `source` to a node of its component `label` (moving inside it only). */
function eccentricity(adjacency: DistanceAdjacency, source: number, weighted: boolean, component: Int32Array, label: number): number {
  const n = adjacency.keys.length;
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const heap = new IndexedMinHeap(n);
  dist[source] = 0;
  heap.update(source, 0);
  let farthest = 0;
  while (heap.size > 0) {
    const v = heap.pop();
    const d = dist[v] as number;
    farthest = Math.max(farthest, d);
    for (let e = adjacency.start[v] as number; e < (adjacency.start[v + 1] as number); e++) {
      const w = adjacency.target[e] as number;
      if (component[w] !== label) continue;
      const candidate = d + (weighted ? (adjacency.distance[e] as number) : 1);
      if (candidate < (dist[w] as number)) {
        dist[w] = candidate;
        heap.update(w, candidate);
      }
    }
  }
  return farthest;
}

/** One direction of the balanced bidirectional search: labels, path counts and shortest-path DAG. */
class Side {
  readonly dist: Float64Array;
  readonly sigma: Float64Array;
  readonly settled: Uint8Array;
  readonly predHead: Int32Array;
  readonly predNext: Int32Array;
  readonly predNode: Int32Array;
  readonly heap: IndexedMinHeap;
  readonly touched: Int32Array;
  readonly order: Int32Array;
  count = 0;
  settledCount = 0;
  predCount = 0;

  constructor(
    n: number,
    edges: number,
    readonly adjacency: DistanceAdjacency,
    readonly weighted: boolean,
  ) {
    this.dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.sigma = new Float64Array(n);
    this.settled = new Uint8Array(n);
    this.predHead = new Int32Array(n).fill(-1);
    this.predNext = new Int32Array(edges + 1);
    this.predNode = new Int32Array(edges + 1);
    this.heap = new IndexedMinHeap(n);
    this.touched = new Int32Array(n);
    this.order = new Int32Array(n);
  }

  start(source: number): void {
    this.dist[source] = 0;
    this.sigma[source] = 1;
    this.touched[this.count++] = source;
    this.heap.update(source, 0);
  }

  /** The smallest tentative distance not yet settled (infinity when the search is over). */
  top(): number {
    return this.heap.peekKey();
  }

  /** Settles the nearest node and relaxes its edges; returns it. */
  step(): number {
    const v = this.heap.pop();
    this.settled[v] = 1;
    this.order[this.settledCount++] = v;
    const { start, target, distance } = this.adjacency;
    const d = this.dist[v] as number;
    for (let e = start[v] as number; e < (start[v + 1] as number); e++) {
      const w = target[e] as number;
      const candidate = d + (this.weighted ? (distance[e] as number) : 1);
      const current = this.dist[w] as number;
      if (current === Number.POSITIVE_INFINITY || candidate < current - TIE * current) {
        if (current === Number.POSITIVE_INFINITY) this.touched[this.count++] = w;
        this.dist[w] = candidate;
        this.sigma[w] = this.sigma[v] as number;
        this.predNode[this.predCount] = v;
        this.predNext[this.predCount] = -1;
        this.predHead[w] = this.predCount++;
        this.heap.update(w, candidate);
      } else if (!this.settled[w] && candidate <= current + TIE * current) {
        this.sigma[w] = (this.sigma[w] as number) + (this.sigma[v] as number);
        this.predNode[this.predCount] = v;
        this.predNext[this.predCount] = this.predHead[w] as number;
        this.predHead[w] = this.predCount++;
      }
    }
    return v;
  }

  /** Walks the DAG from `from` towards this side's source, choosing each predecessor with probability sigma(p) / sigma(w); calls `visit` on every node passed, `from` included, the source excluded. */
  walk(from: number, random: SeededRandom, visit: (node: number) => void): void {
    let w = from;
    while (this.dist[w] !== 0) {
      visit(w);
      let pick = random.next() * (this.sigma[w] as number);
      let chosen = -1;
      for (let p = this.predHead[w] as number; p !== -1; p = this.predNext[p] as number) {
        chosen = this.predNode[p] as number;
        pick -= this.sigma[chosen] as number;
        if (pick < 0) break;
      }
      w = chosen;
    }
  }

  reset(): void {
    this.heap.clear();
    for (let k = 0; k < this.count; k++) {
      const v = this.touched[k] as number;
      this.dist[v] = Number.POSITIVE_INFINITY;
      this.sigma[v] = 0;
      this.settled[v] = 0;
      this.predHead[v] = -1;
    }
    this.count = 0;
    this.settledCount = 0;
    this.predCount = 0;
  }
}

/**
 * Betweenness estimates with NetworkX's normalisation (see the file comment), seeded.
 *
 * Each sample runs a balanced bidirectional search (as KADABRA does: the side with the smaller
 * frontier moves), forward from s and backward from t, until the two frontiers' distances add up
 * to more than the best s-t distance mu found. Every shortest path then leaves the forward-settled
 * ball exactly once, over an edge (u, v) with v settled backward; the number of shortest paths is
 * the sum over such edges of sigma_f(u) sigma_b(v), and a path is drawn uniformly by choosing the
 * edge with probability proportional to that product and walking both DAGs from it.
 * @example sampledBetweenness(adjacency, true, { epsilon: 0.01, delta: 0.1, seed: 0 }).values
 */
export function sampledBetweenness(adjacency: DistanceAdjacency, weighted: boolean, options: SamplingOptions): SampledBetweenness {
  const n = adjacency.keys.length;
  const values = new Float64Array(n);
  const vd = vertexDiameterBound(adjacency, weighted);
  const samples = sampleSize(n, vd, options.epsilon, options.delta);
  if (samples === 0) return { values, samples, vertexDiameterBound: vd };
  const backwardAdjacency = adjacency.directed ? reversed(adjacency) : adjacency;
  const edges = adjacency.target.length;
  const forward = new Side(n, edges, adjacency, weighted);
  const backward = new Side(n, edges, backwardAdjacency, weighted);
  const random = new SeededRandom(options.seed);
  const step = Math.max(1, Math.floor(samples / 100));
  const share = (1 / samples) * (n / (n - 2));
  const add = (node: number) => {
    values[node] = (values[node] as number) + share;
  };
  const cutU: number[] = [];
  const cutV: number[] = [];
  const cutWeight: number[] = [];
  const { start, target, distance } = adjacency;
  for (let sample = 0; sample < samples; sample++) {
    if (options.onProgress !== undefined && sample % step === 0) options.onProgress(sample / samples);
    const s = random.nextInt(n);
    let t = random.nextInt(n - 1);
    if (t >= s) t++;
    forward.start(s);
    backward.start(t);
    let mu = Number.POSITIVE_INFINITY;
    for (;;) {
      const topF = forward.top();
      const topB = backward.top();
      if (topF === Number.POSITIVE_INFINITY || topB === Number.POSITIVE_INFINITY || topF + topB > mu + TIE * mu) break;
      const useForward = forward.heap.size <= backward.heap.size;
      const side = useForward ? forward : backward;
      const other = useForward ? backward : forward;
      const v = side.step();
      if (v === (useForward ? t : s)) {
        mu = Math.min(mu, side.dist[v] as number);
        continue;
      }
      // Meeting points: edges from v to nodes the other side has reached (a tentative label is a real path, so mu stays an upper bound; at the stop it is the distance).
      const a = side.adjacency;
      for (let e = a.start[v] as number; e < (a.start[v + 1] as number); e++) {
        const w = a.target[e] as number;
        if (other.dist[w] !== Number.POSITIVE_INFINITY) mu = Math.min(mu, (side.dist[v] as number) + (weighted ? (a.distance[e] as number) : 1) + (other.dist[w] as number));
      }
    }
    if (mu !== Number.POSITIVE_INFINITY) {
      if (forward.settled[t]) {
        forward.walk(t, random, (node) => {
          if (node !== t) add(node);
        });
      } else {
        // Edges leaving the forward ball onto shortest paths.
        cutU.length = 0;
        cutV.length = 0;
        cutWeight.length = 0;
        let total = 0;
        for (let k = 0; k < forward.settledCount; k++) {
          const u = forward.order[k] as number;
          for (let e = start[u] as number; e < (start[u + 1] as number); e++) {
            const v = target[e] as number;
            if (forward.settled[v] || !backward.settled[v]) continue;
            const length = (forward.dist[u] as number) + (weighted ? (distance[e] as number) : 1) + (backward.dist[v] as number);
            if (Math.abs(length - mu) > TIE * mu) continue;
            const weight = (forward.sigma[u] as number) * (backward.sigma[v] as number);
            cutU.push(u);
            cutV.push(v);
            cutWeight.push(weight);
            total += weight;
          }
        }
        let pick = random.next() * total;
        let chosen = cutWeight.length - 1;
        for (let k = 0; k < cutWeight.length; k++) {
          pick -= cutWeight[k] as number;
          if (pick < 0) {
            chosen = k;
            break;
          }
        }
        if (chosen >= 0) {
          forward.walk(cutU[chosen] as number, random, add);
          backward.walk(cutV[chosen] as number, random, (node) => {
            if (node !== t) add(node);
          });
        }
      }
    }
    forward.reset();
    backward.reset();
  }
  options.onProgress?.(1);
  return { values, samples, vertexDiameterBound: vd };
}
