/**
 * A k-d tree over the resource vectors of a walk's mentors (the pool a need's scan walks), for the
 * pruning check: it finds the pairs whose cost can beat a bound without reading the whole pool.
 *
 * A pair's cost is (gap line) - slope * score + similarity * distance + group term, and the check
 * looks for mentors whose `key` (a per-position value: cost potential + slope * score) minus
 * similarity * distance passes a threshold. Ordering by key alone (the check before this tree)
 * ignores the distance, which at national size is what separates a near mentor from a far one:
 * the key-ordered read went through most of a pool per need. Here each node holds the box of its
 * mentors' vectors, so similarity * (distance from the mentee to the box) bounds the distance term
 * of every mentor under it, and a node whose largest key minus that bound cannot pass is skipped
 * whole (best first: Friedman, Bentley & Finkel 1977, "An algorithm for finding best matches in
 * logarithmic expected time", extended with a per-node maximum of an additive key).
 *
 * The bound is exact in floating point, not only in the reals: a box gap max(0, lower - q, q -
 * upper) is at most |mentor - q| after rounding (rounding is monotone), and so are the squares,
 * their sum, the division by the count and the square root. Only mentors whose vector has every
 * attribute (of the pool's common length, all finite) are in the boxes; the others are in one "loose" leaf whose
 * box is unbounded (distance bound 0), which keeps the bound valid for them too.
 */

import { ascending } from "../core/typedArrays.js";

/** Mentors per leaf: small leaves prune finely, larger ones keep the node arrays short. */
const LEAF_SIZE = 8;

export interface ResourceTree {
  /** Attributes per vector (the pool's common length). */
  dimensions: number;
  /** Walk positions in tree order: node n covers order[start[n] .. end[n]). */
  order: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Children (-1 for a leaf). */
  left: Int32Array;
  right: Int32Array;
  /** Node boxes, dimensions values per node (the loose leaf: -Infinity and +Infinity). */
  lower: Float64Array;
  upper: Float64Array;
  /** The smallest walk position under each node (the gap rule keeps a leading run of positions). */
  firstPosition: Int32Array;
  /** The group every mentor under a node is in (-1: none), or -2 when they are in several. */
  group: Int32Array;
  /** Nodes (the arrays may be longer) and the root's index. */
  size: number;
  root: number;
  /** The tree of the same walk over some of its positions only (see buildResourceTree). */
  subset: (positions: ArrayLike<number>) => ResourceTree;
}

/**
 * Builds the tree over walk positions 0 .. count - 1 (or over `subset`, positions below count, in
 * increasing order: see below), `vectorAt(position)` giving each position's
 * vector (undefined, a different length, a missing or infinite attribute: loose), `groupAt` its
 * group (-1: none). Each group has a subtree of its own (the group term of a pair's cost is then
 * known for a whole subtree), joined pairwise into one tree with the loose leaf. A subtree splits
 * at the median of the widest attribute, or of `splitScore` (the mentor's score in the units of the
 * attributes) where that spreads wider; ties by position, so the tree depends on the data only.
 * A tree over a subset (the pools of one tier, when they are few in the walk) has boxes of those
 * mentors only: the bounds are tighter and the search does not descend through the others.
 */
export function buildResourceTree(count: number, dimensions: number, vectorAt: (position: number) => ArrayLike<number> | undefined, groupAt: (position: number) => number, splitScore?: (position: number) => number, subset?: ArrayLike<number>): ResourceTree {
  const size = subset === undefined ? count : subset.length;
  const coordinates = new Float64Array(count * dimensions);
  const byGroup = new Map<number, number[]>();
  const loose: number[] = [];
  for (let k = 0; k < size; k++) {
    const position = subset === undefined ? k : (subset[k] as number);
    const vector = vectorAt(position);
    let whole = vector !== undefined && vector.length === dimensions && dimensions > 0;
    if (whole) {
      for (let d = 0; d < dimensions; d++) {
        const value = (vector as ArrayLike<number>)[d] as number;
        if (!Number.isFinite(value)) whole = false;
        coordinates[position * dimensions + d] = value;
      }
    }
    if (whole) {
      const group = groupAt(position);
      let members = byGroup.get(group);
      if (members === undefined) {
        members = [];
        byGroup.set(group, members);
      }
      members.push(position);
    } else loose.push(position);
  }
  const groups = [...byGroup.keys()].sort((a, b) => a - b);
  const order = new Int32Array(size);
  let filled = 0;
  for (const group of groups) {
    const members = byGroup.get(group) as number[];
    order.set(members, filled);
    filled += members.length;
  }
  order.set(loose, filled);
  // A split node has more than LEAF_SIZE positions and halves them, so leaves hold at least
  // LEAF_SIZE / 2 and a subtree of n positions has fewer than n / 2 nodes (at least one); plus
  // the loose leaf and the joins.
  const capacity = size + 2 * groups.length + 4;
  const tree: ResourceTree = {
    dimensions,
    order,
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    left: new Int32Array(capacity).fill(-1),
    right: new Int32Array(capacity).fill(-1),
    lower: new Float64Array(capacity * dimensions),
    upper: new Float64Array(capacity * dimensions),
    firstPosition: new Int32Array(capacity),
    group: new Int32Array(capacity),
    size: 0,
    root: 0,
    subset: (positions) => buildResourceTree(count, dimensions, vectorAt, groupAt, splitScore, positions),
  };
  let nodes = 0;
  const leafOrSplit = (from: number, to: number, group: number): number => {
    const node = nodes++;
    tree.start[node] = from;
    tree.end[node] = to;
    tree.group[node] = group;
    let first = count;
    for (let d = 0; d < dimensions; d++) {
      tree.lower[node * dimensions + d] = Number.POSITIVE_INFINITY;
      tree.upper[node * dimensions + d] = -Number.POSITIVE_INFINITY;
    }
    for (let k = from; k < to; k++) {
      const position = order[k] as number;
      if (position < first) first = position;
      for (let d = 0; d < dimensions; d++) {
        const value = coordinates[position * dimensions + d] as number;
        if (value < (tree.lower[node * dimensions + d] as number)) tree.lower[node * dimensions + d] = value;
        if (value > (tree.upper[node * dimensions + d] as number)) tree.upper[node * dimensions + d] = value;
      }
    }
    tree.firstPosition[node] = first;
    if (to - from <= LEAF_SIZE) return node;
    let widest = 0;
    let spread = -1;
    for (let d = 0; d < dimensions; d++) {
      const width = (tree.upper[node * dimensions + d] as number) - (tree.lower[node * dimensions + d] as number);
      if (width > spread) {
        spread = width;
        widest = d;
      }
    }
    // The score splits too where its spread weighs more (in cost): nodes then hold mentors of like
    // scores as well as like resources, and a node's largest key (which grows with the score) is
    // near all of its keys. Only the split uses it; boxes and bounds are the vectors' alone.
    let byScore = false;
    if (splitScore !== undefined) {
      let low = Number.POSITIVE_INFINITY;
      let high = -Number.POSITIVE_INFINITY;
      for (let k = from; k < to; k++) {
        const value = splitScore(order[k] as number);
        if (value < low) low = value;
        if (value > high) high = value;
      }
      byScore = high - low > spread;
    }
    const coordinate = (position: number): number => (byScore ? (splitScore as (position: number) => number)(position) : (coordinates[position * dimensions + widest] as number));
    const part = Array.from(order.subarray(from, to)).sort((a, b) => ascending(coordinate(a), coordinate(b)) || a - b);
    order.set(part, from);
    const middle = (from + to) >>> 1;
    tree.left[node] = leafOrSplit(from, middle, group);
    tree.right[node] = leafOrSplit(middle, to, group);
    return node;
  };
  /** A node over two adjacent ones: their ranges, the union of their boxes. */
  const join = (a: number, b: number): number => {
    const node = nodes++;
    tree.left[node] = a;
    tree.right[node] = b;
    tree.start[node] = tree.start[a] as number;
    tree.end[node] = tree.end[b] as number;
    tree.group[node] = tree.group[a] === tree.group[b] ? (tree.group[a] as number) : -2;
    tree.firstPosition[node] = Math.min(tree.firstPosition[a] as number, tree.firstPosition[b] as number);
    for (let d = 0; d < dimensions; d++) {
      tree.lower[node * dimensions + d] = Math.min(tree.lower[a * dimensions + d] as number, tree.lower[b * dimensions + d] as number);
      tree.upper[node * dimensions + d] = Math.max(tree.upper[a * dimensions + d] as number, tree.upper[b * dimensions + d] as number);
    }
    return node;
  };
  let parts: number[] = [];
  filled = 0;
  for (const group of groups) {
    const length = (byGroup.get(group) as number[]).length;
    parts.push(leafOrSplit(filled, filled + length, group));
    filled += length;
  }
  if (loose.length > 0) {
    // The loose leaf: no box (a distance bound of 0 for every mentor in it).
    const node = nodes++;
    tree.start[node] = filled;
    tree.end[node] = size;
    tree.firstPosition[node] = loose[0] as number;
    tree.group[node] = loose.every((position) => groupAt(position) === groupAt(loose[0] as number)) ? groupAt(loose[0] as number) : -2;
    for (let d = 0; d < dimensions; d++) {
      tree.lower[node * dimensions + d] = -Number.POSITIVE_INFINITY;
      tree.upper[node * dimensions + d] = Number.POSITIVE_INFINITY;
    }
    parts.push(node);
  }
  if (parts.length === 0) {
    // An empty walk: one empty leaf.
    const node = nodes++;
    tree.firstPosition[node] = count;
    tree.group[node] = -2;
    parts.push(node);
  }
  while (parts.length > 1) {
    const joined: number[] = [];
    for (let k = 0; k + 1 < parts.length; k += 2) joined.push(join(parts[k] as number, parts[k + 1] as number));
    if (parts.length % 2 === 1) joined.push(parts[parts.length - 1] as number);
    parts = joined;
  }
  tree.root = parts[0] as number;
  tree.size = nodes;
  return tree;
}

/**
 * The largest of a per-position value under each node (-Infinity where no position has one), for
 * keys and for the rises of the pools' potentials. `valueAt` is called once per position.
 */
export function nodeMaxima(tree: ResourceTree, valueAt: (position: number) => number): Float64Array {
  const maxima = new Float64Array(tree.size).fill(-Number.POSITIVE_INFINITY);
  const fill = (node: number): number => {
    let largest = -Number.POSITIVE_INFINITY;
    if (tree.left[node] === -1) {
      for (let k = tree.start[node] as number; k < (tree.end[node] as number); k++) {
        const value = valueAt(tree.order[k] as number);
        if (value > largest) largest = value;
      }
    } else largest = Math.max(fill(tree.left[node] as number), fill(tree.right[node] as number));
    maxima[node] = largest;
    return largest;
  };
  fill(tree.root);
  return maxima;
}

/**
 * The resource distance from a query vector to a node's box, computed as the distance itself is
 * (RMS over the attributes): at most the distance to every mentor under the node (see above).
 */
export function boxDistance(tree: ResourceTree, node: number, query: ArrayLike<number>): number {
  const dimensions = tree.dimensions;
  let sum = 0;
  for (let d = 0; d < dimensions; d++) {
    const q = query[d] as number;
    const below = (tree.lower[node * dimensions + d] as number) - q;
    const above = q - (tree.upper[node * dimensions + d] as number);
    const gap = below > 0 ? below : above > 0 ? above : 0;
    sum += gap * gap;
  }
  return Math.sqrt(sum / dimensions);
}

/**
 * One step of a best-first search: from `node` down to a leaf through the child with the smaller
 * bound, handing the other to `queue` when `keep` takes its bound (half the queue's work of
 * queueing both). A bound of Infinity (nothing under the node to look at) is never kept or
 * entered. Stops where `enters` refuses the nearer child, which is then queued if `keep` takes
 * it, and returns -1; otherwise returns the leaf.
 */
export function descendNearest(tree: ResourceTree, node: number, boundOf: (node: number) => number, keep: (bound: number) => boolean, enters: (bound: number) => boolean, queue: (bound: number, node: number) => void): number {
  let at = node;
  while (tree.left[at] !== -1) {
    const left = tree.left[at] as number;
    const right = tree.right[at] as number;
    const leftBound = boundOf(left);
    const rightBound = boundOf(right);
    const leftNearer = !(rightBound < leftBound);
    const near = leftNearer ? left : right;
    const nearBound = leftNearer ? leftBound : rightBound;
    const far = leftNearer ? right : left;
    const farBound = leftNearer ? rightBound : leftBound;
    if (farBound !== Number.POSITIVE_INFINITY && keep(farBound)) queue(farBound, far);
    if (nearBound === Number.POSITIVE_INFINITY) return -1;
    if (!enters(nearBound)) {
      if (keep(nearBound)) queue(nearBound, near);
      return -1;
    }
    at = near;
  }
  return at;
}
