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
import type { DistanceAdjacency, DistanceSums } from "./distanceAdjacency.js";
import { brandesKernel } from "./brandesKernel.js";

/** Fixed number of source chunks for n nodes: enough to balance a few cores, memory O(n). */
const MAX_CHUNKS = 16;
/** Below this much work (sources x (nodes + edges)) starting threads costs more than it saves. */
const PARALLEL_WORK = 20_000_000;

export interface BrandesOptions {
  /** Threads to use, the calling one included; default: every core for large graphs, else 1. */
  threads?: number;
}

interface WorkerThreads {
  Worker: new (code: string, options: { eval: true; workerData: unknown }) => { unref(): void; on(event: string, listener: () => void): unknown };
}

/** A Node built-in module when the runtime has one (Node 20.16+, Deno), without a static import. */
function builtin<T>(name: string): T | undefined {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  try {
    return runtime?.getBuiltinModule?.(name) as T | undefined;
  } catch {
    return undefined;
  }
}

function defaultThreads(work: number): number {
  if (work < PARALLEL_WORK) return 1;
  return Math.max(1, builtin<{ availableParallelism?: () => number }>("node:os")?.availableParallelism?.() ?? 1);
}

// The worker is the kernel's own source text; `__name` covers transpilers that wrap functions
// with a naming helper (esbuild's keepNames) when the text is shipped without its module.
const WORKER_SOURCE = `"use strict";
const __name = (f) => f;
const { workerData } = (globalThis.process && process.getBuiltinModule ? process.getBuiltinModule("node:worker_threads") : require("node:worker_threads"));
const brandesKernel = ${brandesKernel.toString()};
const d = workerData;
brandesKernel(d.start, d.target, d.distance, d.weighted, d.withSums, d.chunkCount, d.control, d.partials);
`;

function sharedCopy<T extends Int32Array<ArrayBufferLike> | Float64Array<ArrayBufferLike>>(array: T, make: (buffer: SharedArrayBuffer) => T): T {
  const copy = make(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/**
 * Raw betweenness (both directions counted, unnormalised) and, if asked, incoming-distance sums;
 * `chunksElsewhere` counts the chunks worker threads computed (for tests and diagnostics).
 */
export function runBrandes(
  adjacency: DistanceAdjacency,
  weighted: boolean,
  sums: DistanceSums | undefined,
  options: BrandesOptions = {},
): { values: Float64Array; chunksElsewhere: number } {
  const n = adjacency.keys.length;
  const result = new Float64Array(n);
  if (n === 0) return { values: result, chunksElsewhere: 0 };
  const chunkCount = Math.min(MAX_CHUNKS, n);
  const fields = sums === undefined ? 1 : 4;
  const threads = Math.min(chunkCount, Math.max(1, Math.floor(options.threads ?? defaultThreads(n * (n + adjacency.target.length)))));
  const threadModule = threads > 1 ? builtin<WorkerThreads>("node:worker_threads") : undefined;

  let start: Int32Array<ArrayBufferLike> = adjacency.start;
  let target: Int32Array<ArrayBufferLike> = adjacency.target;
  let distance: Float64Array<ArrayBufferLike> = adjacency.distance;
  let control: Int32Array<ArrayBufferLike> = new Int32Array(2);
  let partials: Float64Array<ArrayBufferLike> = new Float64Array(chunkCount * fields * n);
  if (threadModule !== undefined) {
    start = sharedCopy(start, (b) => new Int32Array(b));
    target = sharedCopy(target, (b) => new Int32Array(b));
    distance = sharedCopy(distance, (b) => new Float64Array(b));
    control = new Int32Array(new SharedArrayBuffer(8));
    partials = new Float64Array(new SharedArrayBuffer(partials.byteLength));
    const workerData = { start, target, distance, weighted, withSums: sums !== undefined, chunkCount, control, partials };
    for (let t = 1; t < threads; t++) {
      try {
        const worker = new threadModule.Worker(WORKER_SOURCE, { eval: true, workerData });
        worker.unref(); // never keeps the process alive; a late starter finds no chunk and ends
        worker.on("error", () => {}); // a worker that fails before claiming a chunk changes nothing
      } catch {
        break; // this thread takes the remaining chunks
      }
    }
  }
  const chunksHere = brandesKernel(start, target, distance, weighted, sums !== undefined, chunkCount, control, partials);
  // Every chunk is claimed now; wait for those still running elsewhere.
  for (let done = Atomics.load(control, 1); done < chunkCount; done = Atomics.load(control, 1)) Atomics.wait(control, 1, done, 1000);

  for (let c = 0; c < chunkCount; c++) {
    const base = c * fields * n;
    for (let v = 0; v < n; v++) result[v] = (result[v] as number) + (partials[base + v] as number);
    if (sums !== undefined) {
      for (let v = 0; v < n; v++) {
        sums.total[v] = (sums.total[v] as number) + (partials[base + n + v] as number);
        sums.reach[v] = (sums.reach[v] as number) + (partials[base + 2 * n + v] as number);
        sums.harmonic[v] = (sums.harmonic[v] as number) + (partials[base + 3 * n + v] as number);
      }
    }
  }
  return { values: result, chunksElsewhere: chunkCount - chunksHere };
}
