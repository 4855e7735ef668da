/**
 * Primal network simplex for min-cost flow with a lexicographic cost: every arc costs a triple
 * (primary tier, backup tier, cost), compared tier by tier, as in lexicographicFlow.ts. Used by the
 * plan's flow model (flowModel.ts) when double sums of its costs are exact (exactCosts.ts).
 *
 * Method (Ahuja, Magnanti & Orlin 1993, ch. 11): a spanning tree of basic arcs with node
 * potentials that give every tree arc a zero reduced cost (arc triple + potential(tail) -
 * potential(head)). Each pivot brings in a non-tree arc that violates optimality (at its lower
 * bound with a negative reduced cost, or at its upper bound with a positive one), pushes flow
 * round the cycle it closes and drops the arc that blocks first.
 * - Start: an artificial root; every node hangs from it by an artificial arc (a node with supply
 *   sends it to the root at cost 0; a node with demand receives it from the root at a primary
 *   cost M larger than any simple path's primary sum, "big M"). When the real problem is feasible
 *   the optimum carries nothing on them; an artificial arc that leaves the tree is never priced
 *   again (it carries 0 then). Or, better when the caller has one: a feasible starting flow and
 *   a strongly feasible tree for it (setStartingFlow, setStartingParent; checked), the rest of
 *   the nodes hanging from the root at flow 0. The plan model gives a greedy one, or the least-cost
 *   assignment with the shortest-path tree of its potentials (flowModel.ts).
 * - Entering arc: block search (the candidate list idea of Kelly & O'Neill 1991; block size of
 *   the order of sqrt(arcs), as in Kovacs 2015; here half of it, measured): scan blocks of arcs
 *   cyclically from where the last scan stopped, take the most violating arc of the first block
 *   that has one. When violating arcs are rare (a search passes more than SPARSE_BLOCKS blocks)
 *   the scan finishes its pass keeping the violating arcs it meets in a list, and the next pivots
 *   choose from the list (multiple partial pricing, Grigoriadis 1986) until it runs dry.
 * - Leaving arc: the last blocking arc met going round the cycle from its apex (Cunningham 1976),
 *   which keeps the tree strongly feasible (every node can send flow to the root along its tree
 *   path), so degenerate pivots cannot cycle; assignment-like problems are mostly degenerate.
 * - Tree: parent, parent arc and its direction, preorder thread with its reverse, subtree sizes
 *   and the last node of each subtree (no depths: the apex is found by climbing from the endpoint
 *   with the smaller subtree, and the same climb finds the leaving arc). A pivot re-hangs one
 *   subtree; potentials of that subtree move by the entering arc's reduced cost.
 * - Warm start: arcs and supply-free nodes added after a solve enter at flow 0 (a node as a new
 *   leaf of the root), and the next solve pivots on from the current tree.
 *
 * Exactness: tiers hold integers, costs doubles; every potential is a sum along a tree path (at
 * most nodeCount arcs) and every reduced cost a sum of at most 2 nodeCount + 1 arc costs, so with
 * costs for which doublesAreExact(costs, 4 * nodeCount) holds every sum and comparison is exact.
 * Deterministic: no randomness, arcs scanned in index order.
 *
 * Why: successive shortest paths (the previous engine) does one search per unit, and at national
 * size most searches fail after exploring the whole deficient region (docs/decisions.md, "network simplex replaces successive shortest paths").
 */

import { grownTo } from "../core/typedArrays.js";

const FIRST_SOLVE = " is set before the first solve";

const LOWER = 1;
const UPPER = -1;
/** In the tree, or an artificial arc that left it (never priced again). */
const NOT_PRICED = 0;
/** A search that needed more blocks than this keeps the rest of its pass's violating arcs (findEntering). */
const SPARSE_BLOCKS = 4;
/** The list holds at most this many blocks' worth of arcs. */
const LIST_BLOCKS = 16;

export class NetworkSimplexError extends Error {
  constructor(message: string) {
    super(`networkSimplex: ${message}`);
    this.name = "NetworkSimplexError";
  }
}

export class NetworkSimplex {
  // Arcs (real and artificial share the arrays; addArc returns the index).
  #arcCount = 0;
  #source = new Int32Array(16);
  #target = new Int32Array(16);
  #capacity = new Float64Array(16);
  #flows = new Float64Array(16);
  #costPrimary = new Float64Array(16);
  #costBackup = new Float64Array(16);
  #cost = new Float64Array(16);
  #state = new Int8Array(16);
  #artificial = new Uint8Array(16);
  // Nodes; node 0 is the artificial root.
  #nodes = 1;
  #supply = new Float64Array(16);
  #potentialPrimary = new Float64Array(16);
  #potentialBackup = new Float64Array(16);
  #potentialCost = new Float64Array(16);
  #parent = new Int32Array(16).fill(-1);
  #predArc = new Int32Array(16).fill(-1);
  /** 1 when the parent arc points from the node up to its parent. */
  #predUp = new Uint8Array(16);
  #thread = new Int32Array(16);
  #revThread = new Int32Array(16);
  #subtreeSize = new Int32Array(16);
  #lastInSubtree = new Int32Array(16);
  /** A starting tree given before the first solve (startingParent): per node its parent arc, or -1. */
  #startParent: Int32Array | undefined;
  /** Nodes below this index are in the tree. */
  #treeNodes = 0;
  #bigM = 0;
  #nextSearch = 0;
  /** Violating arcs kept by a sparse search (findEntering), the first listLength; listNext: where the next look starts. */
  #list = new Int32Array(0);
  #listLength = 0;
  #listNext = 0;
  /** Arcs present at the end of the last solve. */
  #solvedArcs = 0;
  #pivotCount = 0;
  #degenerateCount = 0;
  #scannedArcs = 0;
  #listPivotCount = 0;
  // Scratch for the stem of a pivot.
  #stem = new Int32Array(16);
  #stemPrev = new Int32Array(16);
  #stemLast = new Int32Array(16);
  #stemNext = new Int32Array(16);
  #stemSize = new Int32Array(16);

  /** Nodes, the artificial root included. */
  get nodeCount(): number {
    return this.#nodes;
  }

  /** Pivots made so far (bound flips included). */
  get pivots(): number {
    return this.#pivotCount;
  }

  /** Pivots so far that moved no flow (the cycle had an arc with no room). */
  get degeneratePivots(): number {
    return this.#degenerateCount;
  }

  /** Pivots so far whose entering arc came from the list of a sparse search (findEntering). */
  get pivotsFromList(): number {
    return this.#listPivotCount;
  }

  /** Reduced costs computed so far by the pricing (arcs of the blocks and of the list). */
  get arcsPriced(): number {
    return this.#scannedArcs;
  }

  addNode(): number {
    if (this.#nodes === this.#supply.length) this.#growNodes(this.#nodes * 2);
    return this.#nodes++;
  }

  /** Supply (> 0) or demand (< 0) of a node not yet solved; supplies must add up to 0. */
  setSupply(node: number, amount: number): void {
    if (node <= 0 || node >= this.#nodes) throw new NetworkSimplexError(`no node ${node}`);
    if (node < this.#treeNodes) throw new NetworkSimplexError(`node ${node} was solved already; only new nodes take a supply`);
    if (!Number.isSafeInteger(amount)) throw new NetworkSimplexError(`supply ${amount} is not a safe integer`);
    if (this.#treeNodes > 0 && amount !== 0) throw new NetworkSimplexError("nodes added after a solve take no supply");
    this.#supply[node] = amount;
  }

  /**
   * Adds an arc at flow 0 and returns its index. Tiers are integers; capacity a whole number or
   * Infinity. May be called after a solve (warm start).
   */
  addArc(from: number, to: number, capacity: number, primary: number, backup: number, cost: number): number {
    if (from < 1 || from >= this.#nodes || to < 1 || to >= this.#nodes || from === to) throw new NetworkSimplexError(`arc ${from} -> ${to}: no such node, or a loop`);
    if (!(capacity >= 0) || (capacity !== Number.POSITIVE_INFINITY && !Number.isSafeInteger(capacity))) throw new NetworkSimplexError(`arc capacity ${capacity} is not a whole number >= 0`);
    if (!Number.isSafeInteger(primary) || !Number.isSafeInteger(backup) || !Number.isFinite(cost)) throw new NetworkSimplexError("arc tiers must be safe integers and the cost finite");
    return this.#pushArc(from, to, capacity, primary, backup, cost, false);
  }

  /**
   * Before the first solve: a feasible starting flow (instead of the artificial start), given as
   * the units on an arc. With `startingParent` it makes the first tree; see there.
   */
  setStartingFlow(arc: number, units: number): void {
    if (this.#treeNodes > 0) throw new NetworkSimplexError(`a starting flow${FIRST_SOLVE}`);
    this.#flows[arc] = units;
    this.#startParent ??= new Int32Array(this.#nodes).fill(-1);
  }

  /**
   * Before the first solve: the arc from `node` to its parent in the starting tree (the other
   * nodes hang from the root by artificial arcs at flow 0). The first solve checks that the
   * starting flow is feasible, that these arcs form a tree with every arc off it at a bound, and
   * that the tree is strongly feasible (an arc up to the parent has room, an arc down from it has
   * flow); it throws otherwise.
   */
  setStartingParent(node: number, arc: number): void {
    if (this.#treeNodes > 0) throw new NetworkSimplexError(`a starting tree${FIRST_SOLVE}`);
    if (this.#startParent === undefined || this.#startParent.length < this.#nodes) {
      const grown = new Int32Array(this.#nodes).fill(-1);
      if (this.#startParent !== undefined) grown.set(this.#startParent);
      this.#startParent = grown;
    }
    this.#startParent[node] = arc;
  }

  flow(arc: number): number {
    return this.#flows[arc] as number;
  }

  residualOf(arc: number): number {
    return (this.#capacity[arc] as number) - (this.#flows[arc] as number);
  }

  /** A node's potential (primary, backup, cost) in the last solve; reduced cost = arc + p(tail) - p(head). */
  potential(node: number): [number, number, number] {
    return [this.#potentialPrimary[node] as number, this.#potentialBackup[node] as number, this.#potentialCost[node] as number];
  }

  /**
   * Pivots to an optimum from the current tree (the artificial start on the first call). Throws
   * when the problem is infeasible (flow left on an artificial arc) or unbounded.
   */
  solve(): void {
    // A warm start prices the arcs added since the last solve first: only they can violate yet.
    if (this.#treeNodes > 0 && this.#solvedArcs < this.#arcCount) this.#nextSearch = this.#solvedArcs;
    this.#attachNewNodes();
    this.#raiseBigM();
    const arcs = this.#arcCount;
    // Half of sqrt(arcs): at 5,000 x 12 the solves took 20% less time than with sqrt(arcs) (before
    // the list; with it, the five solves of the default run made 274,000 pivots pricing 125 M arcs,
    // against 290,000 and 208 M with sqrt(arcs): docs/decisions.md, "Network simplex at national size").
    const block = Math.max(10, Math.ceil(Math.sqrt(arcs) / 2));
    // Strongly feasible trees make the pivots finite; the cap only turns a defect into an error
    // instead of a loop (national solves take under one pivot per arc).
    const cap = 100 * (arcs + this.#nodes) + 1_000_000;
    for (let pivots = 0; ; pivots++) {
      const entering = this.#findEntering(block);
      if (entering < 0) break;
      if (pivots >= cap) throw new NetworkSimplexError(`no optimum after ${pivots} pivots on ${arcs} arcs (internal error)`);
      this.#pivot(entering);
    }
    this.#solvedArcs = this.#arcCount;
    for (let node = 1; node < this.#nodes; node++) {
      const arc = this.#predArc[node] as number;
      if (this.#artificial[arc] && (this.#flows[arc] as number) !== 0) throw new NetworkSimplexError(`infeasible: ${this.#flows[arc]} units of node ${node} found no arc`);
    }
  }

  #growNodes(size: number): void {
    this.#supply = grownTo(this.#supply, size);
    this.#potentialPrimary = grownTo(this.#potentialPrimary, size);
    this.#potentialBackup = grownTo(this.#potentialBackup, size);
    this.#potentialCost = grownTo(this.#potentialCost, size);
    this.#parent = grownTo(this.#parent, size, -1);
    this.#predArc = grownTo(this.#predArc, size, -1);
    this.#predUp = grownTo(this.#predUp, size);
    this.#thread = grownTo(this.#thread, size);
    this.#revThread = grownTo(this.#revThread, size);
    this.#subtreeSize = grownTo(this.#subtreeSize, size);
    this.#lastInSubtree = grownTo(this.#lastInSubtree, size);
    this.#stem = grownTo(this.#stem, size);
    this.#stemPrev = grownTo(this.#stemPrev, size);
    this.#stemLast = grownTo(this.#stemLast, size);
    this.#stemNext = grownTo(this.#stemNext, size);
    this.#stemSize = grownTo(this.#stemSize, size);
  }

  #growArcs(size: number): void {
    this.#source = grownTo(this.#source, size);
    this.#target = grownTo(this.#target, size);
    this.#capacity = grownTo(this.#capacity, size);
    this.#flows = grownTo(this.#flows, size);
    this.#costPrimary = grownTo(this.#costPrimary, size);
    this.#costBackup = grownTo(this.#costBackup, size);
    this.#cost = grownTo(this.#cost, size);
    this.#state = grownTo(this.#state, size);
    this.#artificial = grownTo(this.#artificial, size);
  }

  #pushArc(from: number, to: number, capacity: number, primary: number, backup: number, cost: number, artificial: boolean): number {
    if (this.#arcCount === this.#source.length) this.#growArcs(this.#arcCount * 2);
    const arc = this.#arcCount++;
    this.#source[arc] = from;
    this.#target[arc] = to;
    this.#capacity[arc] = capacity;
    this.#flows[arc] = 0;
    this.#costPrimary[arc] = primary;
    this.#costBackup[arc] = backup;
    this.#cost[arc] = cost;
    this.#state[arc] = artificial ? NOT_PRICED : LOWER;
    this.#artificial[arc] = artificial ? 1 : 0;
    return arc;
  }

  /** Hangs every node added since the last solve from the root by its artificial arc. */
  #attachNewNodes(): void {
    const root = 0;
    if (this.#treeNodes === 0 && this.#startParent !== undefined) {
      this.#startingTree();
      return;
    }
    if (this.#treeNodes === 0) {
      let total = 0;
      for (let node = 1; node < this.#nodes; node++) total += this.#supply[node] as number;
      if (total !== 0) throw new NetworkSimplexError(`supplies add up to ${total}, not 0`);
      this.#parent[root] = -1;
      this.#predArc[root] = -1;
      this.#subtreeSize[root] = 1;
      this.#thread[root] = root;
      this.#revThread[root] = root;
      this.#lastInSubtree[root] = root;
      this.#treeNodes = 1;
    }
    for (let node = this.#treeNodes; node < this.#nodes; node++) {
      const amount = this.#supply[node] as number;
      let arc: number;
      if (amount >= 0) {
        arc = this.#pushArc(node, root, Number.POSITIVE_INFINITY, 0, 0, 0, true);
        this.#flows[arc] = amount;
        this.#predUp[node] = 1;
        this.#potentialPrimary[node] = this.#potentialPrimary[root] as number;
      } else {
        arc = this.#pushArc(root, node, Number.POSITIVE_INFINITY, this.#bigM, 0, 0, true);
        this.#flows[arc] = -amount;
        this.#predUp[node] = 0;
        this.#potentialPrimary[node] = (this.#potentialPrimary[root] as number) + this.#bigM;
      }
      this.#potentialBackup[node] = this.#potentialBackup[root] as number;
      this.#potentialCost[node] = this.#potentialCost[root] as number;
      this.#parent[node] = root;
      this.#predArc[node] = arc;
      this.#subtreeSize[node] = 1;
      this.#lastInSubtree[node] = node;
      // Append at the end of the preorder (after the root's last node).
      const last = this.#lastInSubtree[root] as number;
      this.#link(node, this.#thread[last] as number);
      this.#link(last, node);
      this.#lastInSubtree[root] = node;
      this.#subtreeSize[root] = (this.#subtreeSize[root] as number) + 1;
    }
    this.#treeNodes = this.#nodes;
  }

  /** The first tree from setStartingFlow and setStartingParent, checked (see there). */
  #startingTree(): void {
    const root = 0;
    const n = this.#nodes;
    const parentArc = new Int32Array(n).fill(-1);
    parentArc.set((this.#startParent as Int32Array).subarray(0, Math.min(n, (this.#startParent as Int32Array).length)));
    parentArc[root] = -1;
    const balance = new Float64Array(n);
    for (let arc = 0; arc < this.#arcCount; arc++) {
      const units = this.#flows[arc] as number;
      if (!(units >= 0 && units <= (this.#capacity[arc] as number)) || !Number.isSafeInteger(units)) throw new NetworkSimplexError(`starting flow ${units} on arc ${arc} is outside [0, capacity]`);
      balance[this.#source[arc] as number] = (balance[this.#source[arc] as number] as number) + units;
      balance[this.#target[arc] as number] = (balance[this.#target[arc] as number] as number) - units;
    }
    for (let node = 1; node < n; node++) if (balance[node] !== this.#supply[node]) throw new NetworkSimplexError(`starting flow does not balance node ${node}`);
    // Parents, their arcs (artificial for nodes without one) and the children lists.
    const firstChild = new Int32Array(n).fill(-1);
    const nextSibling = new Int32Array(n).fill(-1);
    const inTree = new Uint8Array(this.#arcCount);
    for (let node = n - 1; node >= 1; node--) {
      let arc = parentArc[node] as number;
      let up: number;
      if (arc < 0) {
        arc = this.#pushArc(node, root, Number.POSITIVE_INFINITY, 0, 0, 0, true);
        up = root;
        this.#predUp[node] = 1;
      } else {
        const tail = this.#source[arc] as number;
        const head = this.#target[arc] as number;
        if (tail === node) {
          up = head;
          this.#predUp[node] = 1;
          if (!((this.#flows[arc] as number) < (this.#capacity[arc] as number))) throw new NetworkSimplexError(`starting tree: arc ${arc} up from node ${node} is full`);
        } else if (head === node) {
          up = tail;
          this.#predUp[node] = 0;
          if (!((this.#flows[arc] as number) > 0)) throw new NetworkSimplexError(`starting tree: arc ${arc} down to node ${node} carries nothing`);
        } else throw new NetworkSimplexError(`starting tree: arc ${arc} does not touch node ${node}`);
        inTree[arc] = 1;
      }
      this.#parent[node] = up;
      this.#predArc[node] = arc;
      nextSibling[node] = firstChild[up] as number;
      firstChild[up] = node;
    }
    this.#parent[root] = -1;
    this.#predArc[root] = -1;
    for (let arc = 0; arc < this.#arcCount; arc++) {
      if (this.#artificial[arc]) continue;
      if (inTree[arc]) this.#state[arc] = NOT_PRICED;
      else if ((this.#flows[arc] as number) === 0) this.#state[arc] = LOWER;
      else if (this.#flows[arc] === this.#capacity[arc]) this.#state[arc] = UPPER;
      else throw new NetworkSimplexError(`starting tree: arc ${arc} off the tree is strictly between its bounds`);
    }
    // Preorder from the root (depth first, iterative); a node not reached sits on a cycle of parents.
    const stack = new Int32Array(n);
    let top = 0;
    stack[top++] = root;
    let previous = -1;
    let visited = 0;
    while (top > 0) {
      const node = stack[--top] as number;
      if (previous >= 0) this.#link(previous, node);
      previous = node;
      visited++;
      this.#subtreeSize[node] = 1;
      for (let child = firstChild[node] as number; child !== -1; child = nextSibling[child] as number) stack[top++] = child;
    }
    if (visited !== n) throw new NetworkSimplexError("starting tree: the parent arcs form a cycle");
    this.#link(previous, root);
    // Sizes and last nodes, children before parents (reverse preorder).
    for (let node = this.#revThread[root] as number; node !== root; node = this.#revThread[node] as number) {
      const up = this.#parent[node] as number;
      this.#subtreeSize[up] = (this.#subtreeSize[up] as number) + (this.#subtreeSize[node] as number);
    }
    // The stack visits a node's first child last: its subtree ends the node's.
    for (let node = this.#revThread[root] as number; ; node = this.#revThread[node] as number) {
      const child = firstChild[node] as number;
      this.#lastInSubtree[node] = child === -1 ? node : (this.#lastInSubtree[child] as number);
      if (node === root) break;
    }
    this.#treeNodes = n;
    this.#startParent = undefined;
    this.#recomputePotentials();
  }

  /** Potentials from the root down the preorder (a parent comes before its children). */
  #recomputePotentials(): void {
    for (let node = this.#thread[0] as number; node !== 0; node = this.#thread[node] as number) {
      const arc = this.#predArc[node] as number;
      const up = this.#parent[node] as number;
      if (this.#predUp[node]) {
        // node -> parent: p(node) = p(parent) - arc.
        this.#potentialPrimary[node] = (this.#potentialPrimary[up] as number) - (this.#costPrimary[arc] as number);
        this.#potentialBackup[node] = (this.#potentialBackup[up] as number) - (this.#costBackup[arc] as number);
        this.#potentialCost[node] = (this.#potentialCost[up] as number) - (this.#cost[arc] as number);
      } else {
        this.#potentialPrimary[node] = (this.#potentialPrimary[up] as number) + (this.#costPrimary[arc] as number);
        this.#potentialBackup[node] = (this.#potentialBackup[up] as number) + (this.#costBackup[arc] as number);
        this.#potentialCost[node] = (this.#potentialCost[up] as number) + (this.#cost[arc] as number);
      }
    }
  }

  /**
   * Big M: larger than the primary sum of any simple path of real arcs (nodeCount times the
   * largest |primary| tier), so no optimum of a feasible problem sends a unit through the root.
   * Raised (and the potentials recomputed from the tree) when arcs or nodes were added.
   */
  #raiseBigM(): void {
    let largest = 1;
    for (let arc = 0; arc < this.#arcCount; arc++) {
      if (this.#artificial[arc]) continue;
      const magnitude = Math.abs(this.#costPrimary[arc] as number);
      if (magnitude > largest) largest = magnitude;
    }
    const needed = this.#nodes * largest + 1;
    if (4 * needed * this.#nodes > Number.MAX_SAFE_INTEGER) throw new NetworkSimplexError("primary tiers too large for exact sums");
    if (needed <= this.#bigM) return;
    this.#bigM = needed;
    for (let arc = 0; arc < this.#arcCount; arc++) if (this.#artificial[arc] && (this.#source[arc] as number) === 0) this.#costPrimary[arc] = needed;
    this.#recomputePotentials();
  }

  #link(before: number, after: number): void {
    this.#thread[before] = after;
    this.#revThread[after] = before;
  }

  /**
   * Block search with a list for sparse violations: the most violating arc (lexicographically
   * most negative signed reduced cost) of the first block that has one, scanning cyclically from
   * where the last search stopped; -1 when no arc violates optimality. When violating arcs are
   * rare (the search went past SPARSE_BLOCKS blocks, as in the late rounds of a warm start), the
   * scan goes on to the end of its pass and keeps every violating arc it meets (at most
   * LIST_BLOCKS blocks' worth): the next pivots take theirs from that list, block by block and
   * re-priced, instead of scanning the arcs again, until it runs dry (Grigoriadis 1986's multiple
   * partial pricing; the candidate lists of Kelly & O'Neill 1991). Only a full pass that finds
   * nothing ends the solve, so the optimum is the same.
   */
  #findEntering(block: number): number {
    if (this.#listLength > 0) {
      const found = this.#bestInList(block);
      if (found >= 0) {
        this.#listPivotCount++;
        return found;
      }
    }
    const arcs = this.#arcCount;
    if (arcs === 0) return -1;
    let arc = this.#nextSearch < arcs ? this.#nextSearch : 0;
    let blocks = 0;
    // Blocks from where the last search stopped, wrapping round once; a block ends early at the
    // last arc (so every block is a plain range).
    for (let left = arcs; left > 0; ) {
      const end = Math.min(arc + block, arcs);
      const found = this.#bestInRange(arc, end);
      this.#scannedArcs += end - arc;
      left -= end - arc;
      arc = end === arcs ? 0 : end;
      blocks++;
      if (found >= 0) {
        if (blocks > SPARSE_BLOCKS && left > 0) arc = this.#collect(arc, left, LIST_BLOCKS * block, found);
        this.#nextSearch = arc;
        return found;
      }
    }
    return -1;
  }

  /**
   * Puts the violating arcs of the next `left` arcs from `from` (cyclically) into the list, but
   * `entering`, up to `room` of them; returns where the scan stopped.
   */
  #collect(from: number, left: number, room: number, entering: number): number {
    const source = this.#source, target = this.#target, state = this.#state, costPrimary = this.#costPrimary, costBackup = this.#costBackup, cost = this.#cost, potentialPrimary = this.#potentialPrimary, potentialBackup = this.#potentialBackup, potentialCost = this.#potentialCost;
    const arcs = this.#arcCount;
    if (this.#list.length < room) this.#list = new Int32Array(room);
    const list = this.#list;
    let length = 0;
    let arc = from;
    let scanned = 0;
    for (; left > 0 && length < room; left--) {
      const sign = state[arc] as number;
      if (sign !== 0 && arc !== entering) {
        const tail = source[arc] as number;
        const head = target[arc] as number;
        const primary = sign * ((costPrimary[arc] as number) + (potentialPrimary[tail] as number) - (potentialPrimary[head] as number));
        if (primary < 0) list[length++] = arc;
        else if (primary === 0) {
          const backup = sign * ((costBackup[arc] as number) + (potentialBackup[tail] as number) - (potentialBackup[head] as number));
          if (backup < 0 || (backup === 0 && sign * ((cost[arc] as number) + (potentialCost[tail] as number) - (potentialCost[head] as number)) < 0)) list[length++] = arc;
        }
      }
      arc = arc + 1 === arcs ? 0 : arc + 1;
      scanned++;
    }
    this.#scannedArcs += scanned;
    this.#listLength = length;
    this.#listNext = 0;
    return arc;
  }

  /**
   * The most violating arc of the first block of the list (from where the last look stopped,
   * cyclically) that has one; arcs that no longer violate leave the list. -1 when none is left.
   */
  #bestInList(block: number): number {
    // Every arc of the list violated when it was found: an eighth of a block of them chose as well
    // as a whole block (same pivots within 3% at 5,000 x 12) for an eighth of the pricing.
    const listBlock = Math.max(1, Math.ceil(block / 8));
    const source = this.#source, target = this.#target, state = this.#state, costPrimary = this.#costPrimary, costBackup = this.#costBackup, cost = this.#cost, potentialPrimary = this.#potentialPrimary, potentialBackup = this.#potentialBackup, potentialCost = this.#potentialCost, list = this.#list;
    let position = this.#listNext;
    while (this.#listLength > 0) {
      if (position >= this.#listLength) position = 0;
      const end = Math.min(position + listBlock, this.#listLength);
      let best = -1;
      let bestPrimary = 0;
      let bestBackup = 0;
      let bestCost = 0;
      // Keeps the violating arcs of [position, end) in place (in order), the others leave.
      let kept = position;
      for (let k = position; k < end; k++) {
        const arc = list[k] as number;
        const sign = state[arc] as number;
        this.#scannedArcs++;
        if (sign === 0) continue;
        const tail = source[arc] as number;
        const head = target[arc] as number;
        const primary = sign * ((costPrimary[arc] as number) + (potentialPrimary[tail] as number) - (potentialPrimary[head] as number));
        if (primary > 0) continue;
        const backup = sign * ((costBackup[arc] as number) + (potentialBackup[tail] as number) - (potentialBackup[head] as number));
        if (primary === 0 && backup > 0) continue;
        const reduced = sign * ((cost[arc] as number) + (potentialCost[tail] as number) - (potentialCost[head] as number));
        if (primary === 0 && backup === 0 && reduced >= 0) continue;
        list[kept] = arc;
        if (primary < bestPrimary || (primary === bestPrimary && (backup < bestBackup || (backup === bestBackup && reduced < bestCost)))) {
          best = arc;
          bestPrimary = primary;
          bestBackup = backup;
          bestCost = reduced;
        }
        kept++;
      }
      // Fill the gap the arcs that left made with arcs from the end of the list (the order changes,
      // deterministically; moving the whole tail each time cost more than the pricing).
      if (kept < end) {
        const gap = end - kept;
        const moved = Math.min(gap, this.#listLength - end);
        list.copyWithin(kept, this.#listLength - moved, this.#listLength);
        this.#listLength -= gap;
      }
      if (best >= 0) {
        // The entering arc stays in the list: it is in the tree or at its other bound after the
        // pivot, so the next look drops it.
        this.#listNext = kept;
        return best;
      }
      position = kept;
    }
    return -1;
  }

  /** The most violating arc of [from, to) (lexicographically most negative signed reduced cost), or -1. */
  #bestInRange(from: number, to: number): number {
    const source = this.#source, target = this.#target, state = this.#state, costPrimary = this.#costPrimary, costBackup = this.#costBackup, cost = this.#cost, potentialPrimary = this.#potentialPrimary, potentialBackup = this.#potentialBackup, potentialCost = this.#potentialCost;
    let best = -1;
    let bestPrimary = 0;
    let bestBackup = 0;
    let bestCost = 0;
    for (let arc = from; arc < to; arc++) {
      const sign = state[arc] as number;
      if (sign === 0) continue;
      const tail = source[arc] as number;
      const head = target[arc] as number;
      const primary = sign * ((costPrimary[arc] as number) + (potentialPrimary[tail] as number) - (potentialPrimary[head] as number));
      if (primary > bestPrimary) continue;
      const backup = sign * ((costBackup[arc] as number) + (potentialBackup[tail] as number) - (potentialBackup[head] as number));
      if (primary === bestPrimary && backup > bestBackup) continue;
      const reduced = sign * ((cost[arc] as number) + (potentialCost[tail] as number) - (potentialCost[head] as number));
      if (primary < bestPrimary || backup < bestBackup || reduced < bestCost) {
        best = arc;
        bestPrimary = primary;
        bestBackup = backup;
        bestCost = reduced;
      }
    }
    return best;
  }

  #pivot(entering: number): void {
    this.#pivotCount++;
    const parent = this.#parent, predArc = this.#predArc, predUp = this.#predUp, flows = this.#flows, capacity = this.#capacity, subtreeSize = this.#subtreeSize, state = this.#state;
    const enteringState = state[entering] as number;
    const tail = this.#source[entering] as number;
    const head = this.#target[entering] as number;
    // Flow goes round the cycle from `first` over the entering arc to `second`, then back up.
    const first = enteringState === LOWER ? tail : head;
    const second = enteringState === LOWER ? head : tail;
    // One climb finds the apex (from the endpoint with the smaller subtree, which cannot be an
    // ancestor of the other) and, on the way, each side's blocking arc: the room of each arc in
    // the direction the flow goes; on the `first` side the first smallest (nearest `first`), on
    // the `second` side the last smallest (nearest the apex).
    let a = first;
    let b = second;
    let firstRoom = Number.POSITIVE_INFINITY;
    let firstNode = -1;
    let secondRoom = Number.POSITIVE_INFINITY;
    let secondNode = -1;
    while (a !== b) {
      if ((subtreeSize[a] as number) < (subtreeSize[b] as number)) {
        const arc = predArc[a] as number;
        const room = predUp[a] ? (flows[arc] as number) : (capacity[arc] as number) - (flows[arc] as number);
        if (room < firstRoom) {
          firstRoom = room;
          firstNode = a;
        }
        a = parent[a] as number;
      } else {
        const arc = predArc[b] as number;
        const room = predUp[b] ? (capacity[arc] as number) - (flows[arc] as number) : (flows[arc] as number);
        if (room <= secondRoom) {
          secondRoom = room;
          secondNode = b;
        }
        b = parent[b] as number;
      }
    }
    const apex = a;
    // Leaving arc: the last blocking arc going round the cycle from the apex: down to `first`
    // (ties keep the one nearest `first`), the entering arc, up from `second` (ties: nearest the apex).
    let delta = capacity[entering] as number;
    let leavingNode = -1;
    let side = 0;
    if (firstRoom < delta) {
      delta = firstRoom;
      leavingNode = firstNode;
      side = 1;
    }
    if (secondNode >= 0 && secondRoom <= delta) {
      delta = secondRoom;
      leavingNode = secondNode;
      side = 2;
    }
    if (delta === Number.POSITIVE_INFINITY) throw new NetworkSimplexError("unbounded: a negative cycle of infinite capacity");
    if (delta === 0) this.#degenerateCount++;
    if (delta > 0) {
      flows[entering] = (flows[entering] as number) + enteringState * delta;
      for (let node = first; node !== apex; node = parent[node] as number) {
        const arc = predArc[node] as number;
        flows[arc] = (flows[arc] as number) + (predUp[node] ? -delta : delta);
      }
      for (let node = second; node !== apex; node = parent[node] as number) {
        const arc = predArc[node] as number;
        flows[arc] = (flows[arc] as number) + (predUp[node] ? delta : -delta);
      }
    }
    if (side === 0) {
      // The entering arc blocks itself: it moves to its other bound, the tree stays.
      state[entering] = -enteringState;
      return;
    }
    const leaving = predArc[leavingNode] as number;
    state[entering] = NOT_PRICED;
    state[leaving] = this.#artificial[leaving] ? NOT_PRICED : (flows[leaving] as number) === 0 ? LOWER : UPPER;
    const inner = side === 1 ? first : second;
    const outer = side === 1 ? second : first;
    // Reduced cost of the entering arc: the subtree that moves (hanging from `inner`) shifts by it.
    const shiftPrimary = (this.#costPrimary[entering] as number) + (this.#potentialPrimary[tail] as number) - (this.#potentialPrimary[head] as number);
    const shiftBackup = (this.#costBackup[entering] as number) + (this.#potentialBackup[tail] as number) - (this.#potentialBackup[head] as number);
    const shiftCost = (this.#cost[entering] as number) + (this.#potentialCost[tail] as number) - (this.#potentialCost[head] as number);
    this.#rehang(entering, inner, outer, leavingNode, apex);
    const sign = inner === head ? 1 : -1;
    const thread = this.#thread, potentialPrimary = this.#potentialPrimary, potentialBackup = this.#potentialBackup, potentialCost = this.#potentialCost;
    let node = inner;
    for (let count = subtreeSize[inner] as number; count > 0; count--) {
      potentialPrimary[node] = (potentialPrimary[node] as number) + sign * shiftPrimary;
      potentialBackup[node] = (potentialBackup[node] as number) + sign * shiftBackup;
      potentialCost[node] = (potentialCost[node] as number) + sign * shiftCost;
      node = thread[node] as number;
    }
  }

  /**
   * The tree update: the subtree of `leavingNode` (which holds `inner`) is cut off, re-rooted at
   * `inner` (the stem from `inner` up to `leavingNode` turns over) and hung below `outer` by the
   * entering arc. Preorder, sizes and last nodes change only on the stem, on the paths from both
   * ends up to the apex, and on the apex's ancestors that ended with its subtree.
   */
  #rehang(entering: number, inner: number, outer: number, leavingNode: number, apex: number): void {
    const parent = this.#parent, predArc = this.#predArc, predUp = this.#predUp, thread = this.#thread, revThread = this.#revThread, subtreeSize = this.#subtreeSize, lastInSubtree = this.#lastInSubtree, stem = this.#stem, stemPrev = this.#stemPrev, stemLast = this.#stemLast, stemNext = this.#stemNext, stemSize = this.#stemSize;
    let k = 0;
    stem[0] = inner;
    while (stem[k] !== leavingNode) {
      stem[k + 1] = parent[stem[k] as number] as number;
      k++;
    }
    for (let i = 0; i <= k; i++) {
      const node = stem[i] as number;
      stemPrev[i] = revThread[node] as number;
      stemLast[i] = lastInSubtree[node] as number;
      stemNext[i] = thread[stemLast[i] as number] as number;
      stemSize[i] = subtreeSize[node] as number;
    }
    const moved = stemSize[k] as number;
    const movedLast = stemLast[k] as number;
    const movedPrev = stemPrev[k] as number;
    const oldParent = parent[leavingNode] as number;
    const apexLast = lastInSubtree[apex] as number;
    // Cut the block of the leaving node's subtree out of the preorder.
    this.#link(movedPrev, stemNext[k] as number);
    // Re-order the block: inner's subtree, then each stem node with what it kept of its subtree.
    let tail = stemLast[0] as number;
    for (let i = 1; i <= k; i++) {
      this.#link(tail, stem[i] as number);
      tail = stemPrev[i - 1] as number;
      if (stemLast[i - 1] !== stemLast[i]) {
        this.#link(tail, stemNext[i - 1] as number);
        tail = stemLast[i] as number;
      }
    }
    const newLast = tail;
    // Turn the stem over: each stem node hangs from the one below it, by the same arc.
    let size = 0;
    for (let i = k; i >= 1; i--) {
      const node = stem[i] as number;
      const below = stem[i - 1] as number;
      size += (stemSize[i] as number) - (stemSize[i - 1] as number);
      subtreeSize[node] = size;
      lastInSubtree[node] = newLast;
      parent[node] = below;
      predArc[node] = predArc[below] as number;
      predUp[node] = predUp[below] ? 0 : 1;
    }
    subtreeSize[inner] = moved;
    lastInSubtree[inner] = newLast;
    parent[inner] = outer;
    predArc[inner] = entering;
    predUp[inner] = this.#source[entering] === inner ? 1 : 0;
    // Insert the block right after `outer`.
    const afterOuter = thread[outer] as number;
    this.#link(outer, inner);
    this.#link(newLast, afterOuter);
    // Sizes and last nodes below the apex: the old side loses the block, the new side gains it.
    for (let node = oldParent; node !== apex; node = parent[node] as number) {
      subtreeSize[node] = (subtreeSize[node] as number) - moved;
      if (lastInSubtree[node] === movedLast) lastInSubtree[node] = movedPrev;
    }
    for (let node = outer; node !== apex; node = parent[node] as number) {
      subtreeSize[node] = (subtreeSize[node] as number) + moved;
      if (lastInSubtree[node] === outer) lastInSubtree[node] = newLast;
    }
    // The apex keeps its nodes; its last node (and its ancestors' that ended with it) may change.
    if (lastInSubtree[apex] === movedLast) lastInSubtree[apex] = movedPrev;
    if (lastInSubtree[apex] === outer) lastInSubtree[apex] = newLast;
    const apexNewLast = lastInSubtree[apex] as number;
    if (apexNewLast !== apexLast) {
      for (let node = parent[apex] as number; node !== -1 && lastInSubtree[node] === apexLast; node = parent[node] as number) lastInSubtree[node] = apexNewLast;
    }
  }
}
