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
import { strongComponents, weakComponents } from "./components.js";
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
  const largest = Math.max(...sizes);
  const connected = adjacency.directed ? Math.max(...strongComponents(adjacency)) === 0 : Math.max(...weak) === 0;
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

/**
 * Betweenness estimates with NetworkX's normalisation (see the file comment), seeded.
 * @example sampledBetweenness(adjacency, true, { epsilon: 0.01, delta: 0.1, seed: 0 }).values
 */
export function sampledBetweenness(adjacency: DistanceAdjacency, weighted: boolean, options: SamplingOptions): SampledBetweenness {
  const n = adjacency.keys.length;
  const values = new Float64Array(n);
  const vd = vertexDiameterBound(adjacency, weighted);
  const samples = sampleSize(n, vd, options.epsilon, options.delta);
  if (samples === 0) return { values, samples, vertexDiameterBound: vd };
  const { start, target, distance } = adjacency;
  const random = new SeededRandom(options.seed);
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const sigma = new Float64Array(n);
  const settled = new Uint8Array(n);
  const touched = new Int32Array(n);
  const predHead = new Int32Array(n).fill(-1);
  const predNext = new Int32Array(target.length + 1);
  const predNode = new Int32Array(target.length + 1);
  const heap = new IndexedMinHeap(n);
  const queue = new Int32Array(n);
  const step = Math.max(1, Math.floor(samples / 100));
  const share = (1 / samples) * (n / (n - 2));
  for (let sample = 0; sample < samples; sample++) {
    if (options.onProgress !== undefined && sample % step === 0) options.onProgress(sample / samples);
    const s = random.nextInt(n);
    let t = random.nextInt(n - 1);
    if (t >= s) t++;
    let count = 0;
    let predCount = 0;
    dist[s] = 0;
    sigma[s] = 1;
    touched[count++] = s;
    let found = false;
    if (weighted) {
      heap.update(s, 0);
      while (heap.size > 0) {
        const v = heap.pop();
        settled[v] = 1;
        if (v === t) {
          found = true;
          break;
        }
        const d = dist[v] as number;
        for (let e = start[v] as number; e < (start[v + 1] as number); e++) {
          const w = target[e] as number;
          const candidate = d + (distance[e] as number);
          const current = dist[w] as number;
          if (current === Number.POSITIVE_INFINITY) {
            touched[count++] = w;
            dist[w] = candidate;
            sigma[w] = sigma[v] as number;
            predNode[predCount] = v;
            predNext[predCount] = -1;
            predHead[w] = predCount++;
            heap.update(w, candidate);
          } else if (candidate < current - TIE * current) {
            dist[w] = candidate;
            sigma[w] = sigma[v] as number;
            predNode[predCount] = v;
            predNext[predCount] = -1;
            predHead[w] = predCount++;
            heap.update(w, candidate);
          } else if (!settled[w] && candidate <= current + TIE * current) {
            sigma[w] = (sigma[w] as number) + (sigma[v] as number);
            predNode[predCount] = v;
            predNext[predCount] = predHead[w] as number;
            predHead[w] = predCount++;
          }
        }
      }
      while (heap.size > 0) heap.pop();
    } else {
      let head = 0;
      let tail = 0;
      queue[tail++] = s;
      // Every predecessor of t sits one level above it, so the level of t is finished before t is read.
      while (head < tail && !found) {
        const v = queue[head++] as number;
        const next = (dist[v] as number) + 1;
        if (dist[t] !== Number.POSITIVE_INFINITY && next > (dist[t] as number)) break;
        for (let e = start[v] as number; e < (start[v + 1] as number); e++) {
          const w = target[e] as number;
          if (dist[w] === Number.POSITIVE_INFINITY) {
            dist[w] = next;
            touched[count++] = w;
            queue[tail++] = w;
          }
          if (dist[w] === next) {
            sigma[w] = (sigma[w] as number) + (sigma[v] as number);
            predNode[predCount] = v;
            predNext[predCount] = predHead[w] as number;
            predHead[w] = predCount++;
          }
        }
      }
      found = dist[t] !== Number.POSITIVE_INFINITY;
    }
    if (found) {
      // Walk one shortest path back from t, uniformly among all of them.
      let w = t;
      for (;;) {
        let pick = random.next() * (sigma[w] as number);
        let chosen = -1;
        for (let p = predHead[w] as number; p !== -1; p = predNext[p] as number) {
          chosen = predNode[p] as number;
          pick -= sigma[chosen] as number;
          if (pick < 0) break;
        }
        if (chosen === s || chosen === -1) break;
        values[chosen] = (values[chosen] as number) + share;
        w = chosen;
      }
    }
    for (let k = 0; k < count; k++) {
      const v = touched[k] as number;
      dist[v] = Number.POSITIVE_INFINITY;
      sigma[v] = 0;
      settled[v] = 0;
      predHead[v] = -1;
    }
  }
  options.onProgress?.(1);
  return { values, samples, vertexDiameterBound: vd };
}
