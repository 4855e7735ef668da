/**
 * Runs the Brandes all-sources pass on every core while keeping the API synchronous.
 *
 * Why: the pass is O(V E) and embarrassingly parallel over sources. Worker threads read the graph
 * from SharedArrayBuffers and claim chunks of sources; the calling thread claims chunks too and
 * then blocks (Atomics.wait) until the chunks the workers took are done. If the runtime has no
 * `node:worker_threads` (a browser) or a worker cannot start, the calling thread simply takes
 * every chunk, so the answer never depends on threads: chunks are fixed by n and are added in
 * chunk order (see brandesKernel.ts). Rejected: an async API (every caller of knowledgeFlow would
 * have to await) and a separate worker file (bundlers, Deno and notebooks would each need to find
 * it); the kernel's own source text is the worker.
 */

import { builtinNow } from "../core/nodeBuiltins.js";
import { brandesKernel } from "./brandesKernel.js";
import type { DistanceAdjacency, DistanceSums } from "./distanceAdjacency.js";

/** Fixed number of source chunks for n nodes: enough to balance a few cores, memory O(n). */
const MAX_CHUNKS = 16;
/** Below this much work (sources x (nodes + edges)) starting threads costs more than it saves. */
const PARALLEL_WORK = 20_000_000;

export interface BrandesOptions {
  /** Threads to use, the calling one included; default: every core for large graphs, else 1. */
  threads?: number;
  /**
   * How long (ms) the caller waits without any progress from the workers before it computes their
   * unfinished chunks itself (default 10,000). A worker that dies or hangs costs at most this long.
   */
  stallMs?: number;
  /** Test hook: starts a worker (default: a Node worker thread running the kernel). */
  startWorker?: (source: string, workerData: unknown) => WorkerHandle;
  /** Test hook: the worker's source text (default: the kernel). */
  workerSource?: string;

  /**
   * Test hook: the queue of the weighted searches. Default "auto": buckets when bucketWidthOf
   * allows them, else the heap. The values agree to rounding either way.
   */
  queue?: "auto" | "buckets" | "heap";
}

/** Longest / shortest edge above which the searches use the heap: beyond it, buckets are many and mostly empty. */
const MAX_EDGE_RATIO = 1000;
/** Largest n x (longest / shortest edge) for buckets, so path-length ties cannot span two buckets (below). */
const MAX_SPAN = 1e8;

/**
 * Width h of the buckets of the weighted searches, or 0 for the heap. h is half the shortest edge,
 * so every edge spans at least two buckets: a node of the lowest non-empty bucket cannot gain a
 * shorter path or a tie from another node of that bucket (Dinitz 1978), and the bucket is final.
 * Half, not the whole shortest edge, leaves room for the tie tolerance: a tie (relative 1e-10)
 * shortens the gap between a predecessor and its successor by at most 1e-10 x (longest path)
 * <= 1e-10 x n x (longest edge) <= 1e-10 x MAX_SPAN x (shortest edge) = h / 50, so they never
 * share a bucket. Buckets are used when longest / shortest edge <= MAX_EDGE_RATIO (the circular
 * array of buckets stays short and the scan over empty ones cheap), else the heap.
 */
export function bucketWidthOf(distance: Float64Array<ArrayBufferLike>, n: number, queue: "auto" | "buckets" | "heap" = "auto"): number {
  if (queue === "heap" || distance.length === 0) return 0;
  let shortest = Number.POSITIVE_INFINITY;
  let longest = 0;
  for (let e = 0; e < distance.length; e++) {
    const length = distance[e] as number;
    if (length < shortest) shortest = length;
    if (length > longest) longest = length;
  }
  if (!(shortest > 0)) return 0;
  const ratio = longest / shortest;
  if (queue === "auto" && (ratio > MAX_EDGE_RATIO || n * ratio > MAX_SPAN)) return 0;
  return shortest / 2;
}

/** What the runner needs of a worker. */
export interface WorkerHandle {
  unref(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  terminate(): unknown;
}

interface WorkerThreads {
  Worker: new (code: string, options: { eval: true; workerData: unknown }) => WorkerHandle;
}

function defaultThreads(work: number): number {
  if (work < PARALLEL_WORK) return 1;
  return Math.max(1, builtinNow<{ availableParallelism?: () => number }>("node:os")?.availableParallelism?.() ?? 1);
}

// The worker is the kernel's own source text; `__name` covers transpilers that wrap functions
// with a naming helper (esbuild's keepNames) when the text is shipped without its module.
const WORKER_SOURCE = `"use strict";
const __name = (f) => f;
const { workerData } = (globalThis.process && process.getBuiltinModule ? process.getBuiltinModule("node:worker_threads") : require("node:worker_threads"));
const brandesKernel = ${brandesKernel.toString()};
const d = workerData;
brandesKernel(d.start, d.target, d.distance, d.weighted, d.bucketWidth, d.withSums, d.chunkCount, d.control, d.partials, -1);
`;

function sharedCopy<T extends Int32Array<ArrayBufferLike> | Float64Array<ArrayBufferLike>>(array: T, make: (buffer: SharedArrayBuffer) => T): T {
  const copy = make(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/** Milliseconds since some fixed point (performance.now where present). */
function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}

/**
 * Raw betweenness (both directions counted, unnormalised) and, if asked, incoming-distance sums;
 * `chunksElsewhere` counts the chunks worker threads computed (for tests and diagnostics);
 * `warnings` says when workers could not start or stopped answering (the result is right anyway).
 */
export function runBrandes(
  adjacency: DistanceAdjacency,
  weighted: boolean,
  sums: DistanceSums | undefined,
  options: BrandesOptions = {},
): { values: Float64Array; chunksElsewhere: number; warnings: string[] } {
  const n = adjacency.keys.length;
  const result = new Float64Array(n);
  const warnings: string[] = [];
  if (n === 0) return { values: result, chunksElsewhere: 0, warnings };
  const chunkCount = Math.min(MAX_CHUNKS, n);
  const fields = sums === undefined ? 1 : 4;
  const threads = Math.min(chunkCount, Math.max(1, Math.floor(options.threads ?? defaultThreads(n * (n + adjacency.target.length)))));
  const threadModule = threads > 1 && options.startWorker === undefined ? builtinNow<WorkerThreads>("node:worker_threads") : undefined;
  const startWorker = options.startWorker ?? (threadModule === undefined ? undefined : (source: string, workerData: unknown) => new threadModule.Worker(source, { eval: true, workerData }));
  const stallMs = options.stallMs ?? 10_000;
  const bucketWidth = weighted ? bucketWidthOf(adjacency.distance, n, options.queue) : 0;

  let start: Int32Array<ArrayBufferLike> = adjacency.start;
  let target: Int32Array<ArrayBufferLike> = adjacency.target;
  let distance: Float64Array<ArrayBufferLike> = adjacency.distance;
  let control: Int32Array<ArrayBufferLike> = new Int32Array(2 + 2 * chunkCount);
  let partials: Float64Array<ArrayBufferLike> = new Float64Array(chunkCount * fields * n);
  const workers: WorkerHandle[] = [];
  if (threads > 1 && startWorker === undefined) {
    warnings.push(`worker threads are not available here: betweenness ran on the calling thread only (${threads} threads were asked for); the values are the same`);
  } else if (threads > 1 && startWorker !== undefined) {
    start = sharedCopy(start, (b) => new Int32Array(b));
    target = sharedCopy(target, (b) => new Int32Array(b));
    distance = sharedCopy(distance, (b) => new Float64Array(b));
    control = new Int32Array(new SharedArrayBuffer(4 * (2 + 2 * chunkCount)));
    partials = new Float64Array(new SharedArrayBuffer(partials.byteLength));
    const workerData = { start, target, distance, weighted, bucketWidth, withSums: sums !== undefined, chunkCount, control, partials };
    let failure: string | undefined;
    for (let t = 1; t < threads; t++) {
      try {
        const worker = startWorker(options.workerSource ?? WORKER_SOURCE, workerData);
        worker.unref(); // never keeps the process alive; a late starter finds no chunk and ends
        worker.on("error", () => {}); // a failed worker is noticed by its missing progress, below
        workers.push(worker);
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
        break; // this thread takes the remaining chunks
      }
    }
    if (failure !== undefined) {
      warnings.push(`${workers.length === 0 ? "worker threads could not start" : `only ${workers.length} of ${threads - 1} worker threads started`} (${failure}): betweenness ran on ${workers.length === 0 ? "the calling thread only" : "fewer threads"}; the values are the same`);
    }
  }
  const chunksHere = brandesKernel(start, target, distance, weighted, bucketWidth, sums !== undefined, chunkCount, control, partials, -1);
  // Every chunk is claimed now; wait for those still running elsewhere, watching their progress.
  // If none progresses for stallMs, the caller computes the unfinished chunks itself.
  const own = new Map<number, Float64Array>();
  const progress = () => {
    let total = 0;
    for (let c = 0; c < chunkCount; c++) total += Atomics.load(control, 2 + c);
    return total;
  };
  let seen = progress();
  let since = now();
  for (let done = Atomics.load(control, 1); done < chunkCount; done = Atomics.load(control, 1)) {
    Atomics.wait(control, 1, done, Math.min(250, stallMs));
    const current = progress();
    if (current !== seen) {
      seen = current;
      since = now();
      continue;
    }
    if (now() - since < stallMs) continue;
    let taken = 0;
    for (let c = 0; c < chunkCount; c++) {
      const state = 2 + chunkCount + c;
      // A chunk whose taker died between claiming it and marking it (state 0) is taken over too.
      if (Atomics.compareExchange(control, state, 1, 3) !== 1 && Atomics.compareExchange(control, state, 0, 3) !== 0) continue;
      const mine = new Float64Array(fields * n);
      brandesKernel(start, target, distance, weighted, bucketWidth, sums !== undefined, chunkCount, control, mine, c);
      own.set(c, mine);
      taken++;
      Atomics.add(control, 1, 1);
    }
    if (taken > 0) warnings.push(`a worker thread stopped answering for ${stallMs} ms: the calling thread computed its ${taken} unfinished chunk${taken === 1 ? "" : "s"} of sources itself; the values are the same`);
    since = now();
  }
  for (const worker of workers) void Promise.resolve(worker.terminate()).catch(() => {});

  for (let c = 0; c < chunkCount; c++) {
    const mine = own.get(c);
    const source = mine ?? partials;
    const base = mine === undefined ? c * fields * n : 0;
    for (let v = 0; v < n; v++) result[v] = (result[v] as number) + (source[base + v] as number);
    if (sums !== undefined) {
      for (let v = 0; v < n; v++) {
        sums.total[v] = (sums.total[v] as number) + (source[base + n + v] as number);
        sums.reach[v] = (sums.reach[v] as number) + (source[base + 2 * n + v] as number);
        sums.harmonic[v] = (sums.harmonic[v] as number) + (source[base + 3 * n + v] as number);
      }
    }
  }
  return { values: result, chunksElsewhere: chunkCount - chunksHere - own.size, warnings };
}
