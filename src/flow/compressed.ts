/**
 * Compressed sparse rows: per-node lists of (neighbour, value) packed into three typed arrays, so
 * node i's entries sit at start[i] .. start[i + 1] - 1. Every flow metric reads graphs this way.
 */
export interface CompressedRows {
  start: Int32Array;
  target: Int32Array;
  value: Float64Array;
}

export function compressRows(lists: readonly Iterable<readonly [number, number]>[]): CompressedRows {
  const rows = lists.map((list) => [...list]);
  const start = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => {
    start[i + 1] = (start[i] as number) + row.length;
  });
  const target = new Int32Array(start[rows.length] as number);
  const value = new Float64Array(start[rows.length] as number);
  rows.forEach((row, i) => {
    let at = start[i] as number;
    for (const [to, amount] of row) {
      target[at] = to;
      value[at++] = amount;
    }
  });
  return { start, target, value };
}
