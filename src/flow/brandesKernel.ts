/**
 * The all-sources pass of Brandes' algorithm (Brandes 2001; weighted: Brandes 2008), written as
 * ONE self-contained function: it uses no imports and no outer variables, because the parallel
 * runner (parallelBrandes.ts) ships its source text to worker threads. Keep it that way.
 *
 * Sources are split into `chunkCount` fixed chunks (a function of n only). Whoever runs the
 * kernel claims chunks through `control[0]` until none is left, writes each chunk's partial sums
 * into its own slice of `partials`, and counts finished chunks in `control[1]`. The caller adds
 * the chunks in chunk order, so the result is bit-identical whatever the number of threads.
 * Returns how many chunks this call took.
 *
 * Liveness (so a dead or stuck worker never hangs the caller): `control[2 + c]` counts the
 * sources of chunk c done so far, and `control[2 + chunkCount + c]` is the chunk's state: 0 free,
 * 1 being computed, 2 done, 3 taken over by the caller. A chunk is taken with a compare-and-swap
 * 0 -> 1 and finished with 1 -> 2; when the caller has taken it over (3), a late finisher's work
 * is ignored. With `only >= 0` the kernel computes just that chunk into `partials` at offset 0
 * (the caller's private buffer) and touches no shared state.
 *
 * Ties: two path lengths whose relative difference is at most 1e-10 are equal (as igraph does
 * since 0.10), because strengths are sums of shares like weight / (k - 1) and equal routes often
 * differ in the last bits of 1 / strength. The first distance found is kept.
 *
 * Speed (issue 15): each weighted search takes nodes from a bucket queue when `bucketWidth > 0`
 * (Dinitz 1978: buckets narrower than the shortest edge, each emptied in any order, no O(log n)
 * pops), else from an indexed 4-ary heap; the stack of Brandes is the settle order (no sort);
 * all buffers are allocated once per call and reset node by node as the dependencies are added;
 * a node's first predecessor has its own array (most nodes have one), ties go to linked lists.
 * Everything is in typed arrays, with no closures, Maps or boxed numbers in the loops.
 * docs/decisions.md (knowledge flow) has the measurements.
 *
 * `partials` layout: chunk c, field f (0 betweenness, 1 distance total, 2 reach, 3 harmonic), node v
 * at ((c * fields) + f) * n + v, with fields = 4 when `withSums`, else 1.
 */
export function brandesKernel(
  start: Int32Array<ArrayBufferLike>,
  target: Int32Array<ArrayBufferLike>,
  distance: Float64Array<ArrayBufferLike>,
  weighted: boolean,
  bucketWidth: number,
  withSums: boolean,
  chunkCount: number,
  control: Int32Array<ArrayBufferLike>,
  partials: Float64Array<ArrayBufferLike>,
  only: number,
): number {
  const TIE = 1e-10; // relative tolerance of equal path lengths (docs/guides/flow.md)
  const n = start.length - 1;
  const fields = withSums ? 4 : 1;
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const order = new Int32Array(n); // nodes in the order they were settled: the stack of Brandes
  // Predecessors: nearly every node has one (ties are rare on weighted graphs), kept in
  // firstPredecessor; further ones go to linked lists in flat arrays (at most one entry per edge).
  const firstPredecessor = new Int32Array(n).fill(-1);
  const moreHead = new Int32Array(n).fill(-1);
  const moreNext = new Int32Array(target.length + 1);
  const moreNode = new Int32Array(target.length + 1);
  // Search state of a node: its index in the heap (>= 0), UNSEEN or SETTLED.
  const UNSEEN = -1;
  const SETTLED = -2;
  const state = new Int32Array(n).fill(UNSEEN);
  // Indexed 4-ary min-heap with decrease-key, written inline (no closures: this function must
  // stand alone, and V8 keeps the heap size in a register only when no closure captures it).
  // A 4-ary heap is half as deep as a binary one, and a node's four children share a cache line.
  const heapNodes = new Int32Array(n);
  const heapKeys = new Float64Array(n);
  const queue = new Int32Array(n);
  // Buckets of distance width h = bucketWidth (see bucketWidthOf in parallelBrandes.ts: at most
  // half the shortest edge, so a node in the lowest non-empty bucket can gain no shorter path nor a
  // tie from another node of that bucket). A circular array of longest / h + 3 buckets holds every
  // queued node, since a queued node is at most one longest edge beyond the bucket being emptied.
  const useBuckets = weighted && bucketWidth > 0;
  let longestEdge = 0;
  for (let e = 0; useBuckets && e < distance.length; e++) if ((distance[e] as number) > longestEdge) longestEdge = distance[e] as number;
  const perWidth = useBuckets ? 1 / bucketWidth : 0;
  const bucketCount = useBuckets ? Math.ceil(longestEdge * perWidth) + 3 : 0;
  // Bucket contents are singly linked entries; a node that gets shorter leaves a stale entry
  // behind (skipped when met), so each search makes at most n + m entries.
  const bucketHead = new Int32Array(bucketCount).fill(-1);
  const entryNode = new Int32Array(useBuckets ? n + target.length : 0);
  const entryNext = new Int32Array(useBuckets ? n + target.length : 0);

  let claimed = 0;
  for (;;) {
    let chunk: number;
    let base: number;
    if (only >= 0) {
      if (claimed > 0) return claimed;
      chunk = only;
      base = 0;
    } else {
      chunk = Atomics.add(control, 0, 1);
      if (chunk >= chunkCount) return claimed;
      if (Atomics.compareExchange(control, 2 + chunkCount + chunk, 0, 1) !== 0) continue; // the caller has it
      base = chunk * fields * n;
    }
    claimed++;
    const first = Math.floor((chunk * n) / chunkCount);
    const last = Math.floor(((chunk + 1) * n) / chunkCount);
    for (let s = first; s < last; s++) {
      let predCount = 0;
      let count = 0;
      sigma[s] = 1;
      dist[s] = 0;
      if (useBuckets) {
        // state[w] >= 0 is the (absolute) bucket of a queued node; its slot is bucket % bucketCount.
        state[s] = 0;
        bucketHead[0] = 0;
        entryNode[0] = s;
        entryNext[0] = -1;
        let entries = 1;
        let queued = 1;
        let current = 0;
        let slot = 0;
        while (queued > 0) {
          const entry = bucketHead[slot] as number;
          if (entry === -1) {
            current++;
            slot = slot + 1 === bucketCount ? 0 : slot + 1;
            continue;
          }
          bucketHead[slot] = entryNext[entry] as number;
          const v = entryNode[entry] as number;
          if (state[v] !== current) continue; // a stale entry: v moved to a nearer bucket
          queued--;
          state[v] = SETTLED;
          order[count++] = v;
          const d = dist[v] as number;
          const sigmaV = sigma[v] as number;
          const end = start[v + 1] as number;
          for (let e = start[v] as number; e < end; e++) {
            const w = target[e] as number;
            const where = state[w] as number;
            if (where === SETTLED) continue; // settled earlier: dist[w] <= d < candidate
            const candidate = d + (distance[e] as number);
            if (where === UNSEEN) {
              queued++;
            } else {
              const current = dist[w] as number;
              if (candidate >= current - TIE * current) {
                // Not shorter; within the tolerance it is a tie (the first distance found is kept).
                if (candidate <= current + TIE * current) {
                  sigma[w] = (sigma[w] as number) + sigmaV;
                  moreNode[predCount] = v;
                  moreNext[predCount] = moreHead[w] as number;
                  moreHead[w] = predCount++;
                }
                continue;
              }
              moreHead[w] = -1;
            }
            dist[w] = candidate;
            sigma[w] = sigmaV;
            firstPredecessor[w] = v;
            const bucket = Math.floor(candidate * perWidth);
            if (bucket === where) continue; // still in the same bucket
            const into = bucket % bucketCount;
            entryNode[entries] = w;
            entryNext[entries] = bucketHead[into] as number;
            bucketHead[into] = entries++;
            state[w] = bucket;
          }
        }
        bucketHead.fill(-1); // stale entries may remain ahead: the next search starts empty
      } else if (weighted) {
        heapNodes[0] = s;
        heapKeys[0] = 0;
        state[s] = 0;
        let heapSize = 1;
        while (heapSize > 0) {
          // Pop the nearest node.
          const v = heapNodes[0] as number;
          heapSize--;
          if (heapSize > 0) {
            const node = heapNodes[heapSize] as number;
            const key = heapKeys[heapSize] as number;
            let at = 0;
            for (;;) {
              const child = 4 * at + 1;
              if (child >= heapSize) break;
              let best = child;
              let bestKey = heapKeys[child] as number;
              const end = Math.min(child + 4, heapSize);
              for (let c = child + 1; c < end; c++) {
                const k = heapKeys[c] as number;
                if (k < bestKey) {
                  bestKey = k;
                  best = c;
                }
              }
              if (key <= bestKey) break;
              const moved = heapNodes[best] as number;
              heapNodes[at] = moved;
              heapKeys[at] = bestKey;
              state[moved] = at;
              at = best;
            }
            heapNodes[at] = node;
            heapKeys[at] = key;
            state[node] = at;
          }
          state[v] = SETTLED;
          order[count++] = v;
          const d = dist[v] as number;
          const sigmaV = sigma[v] as number;
          const end = start[v + 1] as number;
          for (let e = start[v] as number; e < end; e++) {
            const w = target[e] as number;
            const where = state[w] as number;
            // A settled w has dist[w] <= d < candidate: it neither improves nor ties.
            if (where === SETTLED) continue;
            const candidate = d + (distance[e] as number);
            let at: number;
            if (where === UNSEEN) {
              at = heapSize++;
            } else {
              const current = dist[w] as number;
              if (candidate >= current - TIE * current) {
                // Not shorter; within the tolerance it is a tie (the first distance found is kept).
                if (candidate <= current + TIE * current) {
                  sigma[w] = (sigma[w] as number) + sigmaV;
                  moreNode[predCount] = v;
                  moreNext[predCount] = moreHead[w] as number;
                  moreHead[w] = predCount++;
                }
                continue;
              }
              at = where;
              moreHead[w] = -1;
            }
            dist[w] = candidate;
            sigma[w] = sigmaV;
            firstPredecessor[w] = v;
            // Sift up (insert or decrease-key).
            while (at > 0) {
              const parent = (at - 1) >> 2;
              const parentKey = heapKeys[parent] as number;
              if (parentKey <= candidate) break;
              const moved = heapNodes[parent] as number;
              heapNodes[at] = moved;
              heapKeys[at] = parentKey;
              state[moved] = at;
              at = parent;
            }
            heapNodes[at] = w;
            heapKeys[at] = candidate;
            state[w] = at;
          }
        }
      } else {
        let head = 0;
        let tail = 0;
        queue[tail++] = s;
        state[s] = SETTLED;
        while (head < tail) {
          const v = queue[head++] as number;
          order[count++] = v;
          const next = (dist[v] as number) + 1;
          const sigmaV = sigma[v] as number;
          const end = start[v + 1] as number;
          for (let e = start[v] as number; e < end; e++) {
            const w = target[e] as number;
            if (state[w] === UNSEEN) {
              state[w] = SETTLED;
              dist[w] = next;
              sigma[w] = sigmaV;
              firstPredecessor[w] = v;
              queue[tail++] = w;
            } else if (dist[w] === next) {
              sigma[w] = (sigma[w] as number) + sigmaV;
              moreNode[predCount] = v;
              moreNext[predCount] = moreHead[w] as number;
              moreHead[w] = predCount++;
            }
          }
        }
      }
      // Dependencies, in reverse order of distance (order[0] is s, which has no predecessor). Once
      // w is done nothing reads its entries again (its successors came before it), so it is reset
      // here for the next source.
      for (let k = count - 1; k > 0; k--) {
        const w = order[k] as number;
        const deltaW = delta[w] as number;
        const sigmaW = sigma[w] as number;
        const coefficient = (1 + deltaW) / sigmaW;
        const v = firstPredecessor[w] as number;
        delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
        for (let p = moreHead[w] as number; p !== -1; p = moreNext[p] as number) {
          const u = moreNode[p] as number;
          delta[u] = (delta[u] as number) + (sigma[u] as number) * coefficient;
        }
        partials[base + w] = (partials[base + w] as number) + deltaW;
        if (withSums) {
          const d = dist[w] as number;
          partials[base + n + w] = (partials[base + n + w] as number) + d;
          partials[base + 2 * n + w] = (partials[base + 2 * n + w] as number) + 1;
          partials[base + 3 * n + w] = (partials[base + 3 * n + w] as number) + 1 / d;
        }
        sigma[w] = 0;
        delta[w] = 0;
        dist[w] = Number.POSITIVE_INFINITY;
        firstPredecessor[w] = -1;
        moreHead[w] = -1;
        state[w] = UNSEEN;
      }
      sigma[s] = 0;
      delta[s] = 0;
      dist[s] = Number.POSITIVE_INFINITY;
      state[s] = UNSEEN;
      if (only < 0) Atomics.add(control, 2 + chunk, 1);
    }
    if (only < 0 && Atomics.compareExchange(control, 2 + chunkCount + chunk, 1, 2) === 1) {
      Atomics.add(control, 1, 1);
      Atomics.notify(control, 1);
    }
  }
}
