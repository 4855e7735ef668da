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
 * VD bound (must never be below the truth): the size of the largest weakly connected component,
 * tightened when the whole graph is strongly connected (or undirected and connected) to
 * floor(D / shortest edge) + 1, where D <= ecc_out(u) + ecc_in(u) (twice the eccentricity when
 * undirected) for the node u of largest degree. Ties within the kernel's relative tolerance (1e-10)
 * count as equal lengths, as in the exact pass.
 */
import { IndexedMinHeap } from "../core/indexedHeap.js";
import { SeededRandom } from "../core/random.js";
import { reversed } from "./closeness.js";
import { largestOf, strongComponents, weakComponents } from "./components.js";
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

/** An upper bound on the number of nodes of any shortest path (see the file comment). */
export function vertexDiameterBound(adjacency: DistanceAdjacency, weighted: boolean): number {
  const n = adjacency.keys.length;
  if (n === 0) return 0;
  const weak = weakComponents(adjacency);
  const sizes = new Int32Array(n);
  for (const label of weak) sizes[label] = (sizes[label] as number) + 1;
  const largest = largestOf(sizes);
  const connected = adjacency.directed ? largestOf(strongComponents(adjacency)) === 0 : largestOf(weak) === 0;
  if (!connected || adjacency.target.length === 0) return largest;
  let hub = 0;
  for (let v = 1; v < n; v++) if ((adjacency.start[v + 1] as number) - (adjacency.start[v] as number) > (adjacency.start[hub + 1] as number) - (adjacency.start[hub] as number)) hub = v;
  const eccOut = eccentricity(adjacency, hub, weighted);
  const eccIn = adjacency.directed ? eccentricity(reversed(adjacency), hub, weighted) : eccOut;
  let shortest = Number.POSITIVE_INFINITY;
  for (let e = 0; e < adjacency.distance.length; e++) shortest = Math.min(shortest, weighted ? (adjacency.distance[e] as number) : 1);
  // Slack of 1e-9 covers rounding in the sums of distances.
  return Math.min(largest, Math.floor(((eccOut + eccIn) / shortest) * (1 + 1e-9)) + 1);
}

function eccentricity(adjacency: DistanceAdjacency, source: number, weighted: boolean): number {
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
    while (this.heap.size > 0) this.heap.pop();
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
      // Meeting points: edges from v into the other side's settled ball.
      const a = side.adjacency;
      for (let e = a.start[v] as number; e < (a.start[v + 1] as number); e++) {
        const w = a.target[e] as number;
        if (other.settled[w]) mu = Math.min(mu, (side.dist[v] as number) + (weighted ? (a.distance[e] as number) : 1) + (other.dist[w] as number));
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
