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
 * `partials` layout: chunk c, field f (0 betweenness, 1 distance total, 2 reach, 3 harmonic), node v
 * at ((c * fields) + f) * n + v, with fields = 4 when `withSums`, else 1.
 */
export function brandesKernel(
  start: Int32Array<ArrayBufferLike>,
  target: Int32Array<ArrayBufferLike>,
  distance: Float64Array<ArrayBufferLike>,
  weighted: boolean,
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
  const order = new Int32Array(n); // nodes in the order they were settled
  // Predecessors as linked lists in flat arrays: at most one entry per edge per source.
  const predHead = new Int32Array(n).fill(-1);
  const predNext = new Int32Array(target.length + 1);
  const predNode = new Int32Array(target.length + 1);
  const queue = new Int32Array(n);
  const settled = new Uint8Array(n);
  // Indexed binary min-heap with decrease-key (ties go to the smaller node index, so every
  // search is deterministic), inlined because this function must stand alone.
  const heapNodes = new Int32Array(n);
  const heapKeys = new Float64Array(n);
  const heapPosition = new Int32Array(n).fill(-1);
  let heapSize = 0;

  const heapUpdate = (node: number, key: number): void => {
    const found = heapPosition[node] as number;
    let at = found === -1 ? heapSize++ : found;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const parentKey = heapKeys[parent] as number;
      if (parentKey < key || (parentKey === key && (heapNodes[parent] as number) < node)) break;
      const moved = heapNodes[parent] as number;
      heapNodes[at] = moved;
      heapKeys[at] = parentKey;
      heapPosition[moved] = at;
      at = parent;
    }
    heapNodes[at] = node;
    heapKeys[at] = key;
    heapPosition[node] = at;
  };

  const heapPop = (): number => {
    const top = heapNodes[0] as number;
    heapPosition[top] = -1;
    heapSize--;
    if (heapSize > 0) {
      const node = heapNodes[heapSize] as number;
      const key = heapKeys[heapSize] as number;
      let at = 0;
      for (;;) {
        let child = 2 * at + 1;
        if (child >= heapSize) break;
        const right = child + 1;
        if (right < heapSize) {
          const rightKey = heapKeys[right] as number;
          const leftKey = heapKeys[child] as number;
          if (rightKey < leftKey || (rightKey === leftKey && (heapNodes[right] as number) < (heapNodes[child] as number))) child = right;
        }
        const childKey = heapKeys[child] as number;
        if (key < childKey || (key === childKey && node < (heapNodes[child] as number))) break;
        const moved = heapNodes[child] as number;
        heapNodes[at] = moved;
        heapKeys[at] = childKey;
        heapPosition[moved] = at;
        at = child;
      }
      heapNodes[at] = node;
      heapKeys[at] = key;
      heapPosition[node] = at;
    }
    return top;
  };

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
      if (weighted) {
        heapUpdate(s, 0);
        while (heapSize > 0) {
          const v = heapPop();
          settled[v] = 1;
          order[count++] = v;
          const d = dist[v] as number;
          const sigmaV = sigma[v] as number;
          const end = start[v + 1] as number;
          for (let e = start[v] as number; e < end; e++) {
            const w = target[e] as number;
            // A settled w has dist[w] <= d <= candidate, so it never improves; ties check it below.
            const candidate = d + (distance[e] as number);
            const current = dist[w] as number;
            if (current === Number.POSITIVE_INFINITY || candidate < current - TIE * current) {
              dist[w] = candidate;
              sigma[w] = sigmaV;
              predNode[predCount] = v;
              predNext[predCount] = -1;
              predHead[w] = predCount++;
              heapUpdate(w, candidate);
            } else if (!settled[w] && candidate <= current + TIE * current) {
              sigma[w] = (sigma[w] as number) + sigmaV;
              predNode[predCount] = v;
              predNext[predCount] = predHead[w] as number;
              predHead[w] = predCount++;
            }
          }
        }
      } else {
        let head = 0;
        let tail = 0;
        queue[tail++] = s;
        while (head < tail) {
          const v = queue[head++] as number;
          order[count++] = v;
          const next = (dist[v] as number) + 1;
          const end = start[v + 1] as number;
          for (let e = start[v] as number; e < end; e++) {
            const w = target[e] as number;
            if (dist[w] === Number.POSITIVE_INFINITY) {
              dist[w] = next;
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
      }
      // Dependencies, in reverse order of distance.
      for (let k = count - 1; k >= 0; k--) {
        const w = order[k] as number;
        const coefficient = (1 + (delta[w] as number)) / (sigma[w] as number);
        for (let p = predHead[w] as number; p !== -1; p = predNext[p] as number) {
          const v = predNode[p] as number;
          delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
        }
        if (w !== s) partials[base + w] = (partials[base + w] as number) + (delta[w] as number);
      }
      if (withSums) {
        for (let k = 1; k < count; k++) {
          const w = order[k] as number;
          const d = dist[w] as number;
          partials[base + n + w] = (partials[base + n + w] as number) + d;
          partials[base + 2 * n + w] = (partials[base + 2 * n + w] as number) + 1;
          partials[base + 3 * n + w] = (partials[base + 3 * n + w] as number) + 1 / d;
        }
      }
      // Reset only what this source touched.
      for (let k = 0; k < count; k++) {
        const w = order[k] as number;
        sigma[w] = 0;
        delta[w] = 0;
        dist[w] = Number.POSITIVE_INFINITY;
        predHead[w] = -1;
        settled[w] = 0;
      }
      if (only < 0) Atomics.add(control, 2 + chunk, 1);
    }
    if (only < 0 && Atomics.compareExchange(control, 2 + chunkCount + chunk, 1, 2) === 1) {
      Atomics.add(control, 1, 1);
      Atomics.notify(control, 1);
    }
  }
}
