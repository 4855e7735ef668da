/**
 * An indexed binary min-heap over node indices 0..n-1 with decrease-key, so Dijkstra keeps at most
 * one entry per node. Keys sit beside the nodes so comparisons read contiguous memory; equal keys
 * go to the smaller node index, which makes every search deterministic.
 */
export class IndexedMinHeap {
  private readonly nodes: Int32Array;
  private readonly keys: Float64Array;
  private readonly position: Int32Array;
  size = 0;

  constructor(n: number) {
    this.nodes = new Int32Array(n);
    this.keys = new Float64Array(n);
    this.position = new Int32Array(n).fill(-1);
  }

  /** Empties the heap in O(size). */
  clear(): void {
    for (let at = 0; at < this.size; at++) this.position[this.nodes[at] as number] = -1;
    this.size = 0;
  }

  /** The smallest key (infinity when empty), without removing it. */
  peekKey(): number {
    return this.size === 0 ? Number.POSITIVE_INFINITY : (this.keys[0] as number);
  }

  /** Inserts `node` with `key`, or lowers its key if it is already in the heap. */
  update(node: number, key: number): void {
    const at = this.position[node] as number;
    this.siftUp(at === -1 ? this.size++ : at, node, key);
  }

  private siftUp(at: number, node: number, key: number): void {
    const { nodes, keys, position } = this;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const parentKey = keys[parent] as number;
      if (parentKey < key || (parentKey === key && (nodes[parent] as number) < node)) break;
      nodes[at] = nodes[parent] as number;
      keys[at] = parentKey;
      position[nodes[at] as number] = at;
      at = parent;
    }
    nodes[at] = node;
    keys[at] = key;
    position[node] = at;
  }

  /** Removes and returns the node with the smallest key; call only when size > 0. */
  pop(): number {
    const { nodes, keys, position } = this;
    const top = nodes[0] as number;
    position[top] = -1;
    this.size--;
    const size = this.size;
    if (size > 0) {
      const node = nodes[size] as number;
      const key = keys[size] as number;
      let at = 0;
      for (;;) {
        let child = 2 * at + 1;
        if (child >= size) break;
        const right = child + 1;
        if (right < size) {
          const rightKey = keys[right] as number;
          const leftKey = keys[child] as number;
          if (rightKey < leftKey || (rightKey === leftKey && (nodes[right] as number) < (nodes[child] as number))) child = right;
        }
        const childKey = keys[child] as number;
        if (key < childKey || (key === childKey && node < (nodes[child] as number))) break;
        nodes[at] = nodes[child] as number;
        keys[at] = childKey;
        position[nodes[at] as number] = at;
        at = child;
      }
      nodes[at] = node;
      keys[at] = key;
      position[node] = at;
    }
    return top;
  }
}
