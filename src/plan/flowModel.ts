/**
 * The plan as a min-cost flow when it is more than a plain assignment: backups (several distinct
 * mentors per need) and per-topic limits of a mentor. The objective is lexicographic and proven
 * (docs/decisions.md):
 *   1. the most needs with at least one mentor (equal to the plan without backups),
 *   2. then the most backup mentors,
 *   3. then the least total cost.
 *
 * Graph: need --(1 per candidate, cost)--> pool (mentor and topic, capacity topicCapacity; the
 * mentor itself when there is no topic limit) --> mentor --(capacity)--> sink. Every need has a
 * supply of 1 + backups units and two ways to leave units unplaced, straight to the sink:
 * `backups` units at tier cost (0, 1) and one unit at (1, 0). A need with k >= 1 placed units drops
 * 1 + backups - k units through the cheaper arc; an uncovered need also uses the (1, 0) arc. So the
 * flow's first tier counts uncovered needs and, with it fixed, its second tier falls by one for
 * every placed backup: the minimum of (tier 1, tier 2, cost) is the lexicographic optimum.
 */
import { DisjointSets } from "../core/disjointSets.js";
import { MinHeap } from "../core/heap.js";
import { innerMap } from "../core/maps.js";
import { ascending, grownTo } from "../core/typedArrays.js";
import { type AssignmentArrays, assignmentArrays, leastCostAssignment } from "./assignmentPaths.js";
import { slotAuction } from "./slotAuction.js";
import { doublesAreExact, exactIntegers, lowestBitExponent } from "./exactCosts.js";
import { BIGINT_ARITHMETIC, type CostArithmetic, LexicographicFlow } from "./lexicographicFlow.js";
import { NetworkSimplex } from "./networkSimplex.js";

/** What the model needs of a flow solver: network simplex (numbers) or the generic class (BigInt costs). */
interface FlowSolver<T> {
  readonly nodeCount: number;
  addNode(): number;
  addArc(from: number, to: number, capacity: number, primary: number, backup: number, cost: T): number;
  flow(arc: number): number;
  residualOf(arc: number): number;
}

/** Solves the built graph: every need node sends `units` to the sink. */
type RunFlow = (needNodes: readonly number[], sink: number, units: number, order: readonly number[]) => void;

const NUMBER_ZERO: Pick<CostArithmetic<number>, "zero"> = { zero: 0 };

export interface FlowModelNeed {
  readonly key: string;
  readonly topic: string;
  readonly options: readonly { readonly mentor: string; readonly cost: number }[];
}

/** A certificate: needs that can use only `mentors`, who are full with needs of the group. */
export interface FlowShortfall {
  /** `primary`: needs left without any mentor; `backup`: covered needs short of backups. */
  level: "primary" | "backup";
  needs: string[];
  mentors: string[];
  /** Units these mentors give the group (the slots open to it). */
  capacity: number;
  /** Units the group lacks: uncovered needs (primary) or missing backups (backup). */
  deficit: number;
}

export interface FlowModelResult {
  /** Per need key: mentors chosen, cheapest first (the first is the primary). */
  chosen: Map<string, string[]>;
  shortfalls: FlowShortfall[];
  /** Whether the cost tier ran in BigInt (costs whose double sums would not be exact). */
  exactIntegers: boolean;
  /** The final node potentials, for the duality check of pairs left out (number path only). */
  duals?: FlowDuals;
}

/** A lexicographic potential: (primary tier, backup tier, cost). */
export type Triple = readonly [number, number, number];

/**
 * Potentials of the solved flow. Every residual arc has a reduced cost (arc triple + potential of
 * its tail - potential of its head) >= 0, which is what proves the flow optimal; a pair left out
 * (need i, mentor m) with cost c is an arc of zero flow, and it keeps the proof when
 * (0, 0, c) + need(i) - pool(m, topic) >= 0 lexicographically.
 */
export interface FlowDuals {
  need(index: number): Triple;
  /**
   * The potential a new arc into the pool of (mentor, topic) must be priced against, or undefined
   * when no such arc can carry a unit (a topic limit of 0, a mentor with no slot). A pool or mentor
   * with no arc yet gets the smallest potential its own arcs allow: the mentor's (a new pool's
   * only arc goes to the mentor at cost 0), or the sink's (a new mentor's only arc goes there).
   */
  pool(mentor: string, topic: string): Triple | undefined;
}

/**
 * Lists the mentors of the pairs a need's list left out, for certificates over the full lists:
 * a fresh lister per certificate pass (primary, backup). Within a pass a lister may leave out a
 * mentor that an earlier need of the pass joined, provided it joins this need to that earlier
 * need through another listed mentor: the groups (connected pieces) are the same.
 */
export type LeftOut = () => (index: number, visit: (mentor: string) => void) => void;

export function solveFlowModel(needs: readonly FlowModelNeed[], capacity: ReadonlyMap<string, number>, backups: number, topicLimit: ((topic: string, mentor: string) => number) | undefined, leftOut?: LeftOut): FlowModelResult {
  return startFlowModel(needs, capacity, backups, topicLimit).result(leftOut);
}

/** A solved flow model that can take more pairs (warm start) before its result is read. */
export interface FlowModelHandle {
  /**
   * Adds the pair (need `index`, `mentor`) at `cost` and restores the optimum from the current
   * flow and potentials (number path only). Returns false when it cannot (BigInt costs, or a cost
   * that would make double sums inexact): the caller solves again from scratch.
   */
  addOption(index: number, mentor: string, cost: number): boolean;
  result(leftOut?: LeftOut): FlowModelResult;
  /** The current potentials (number path only). */
  duals(): FlowDuals | undefined;
}

export function startFlowModel(needs: readonly FlowModelNeed[], capacity: ReadonlyMap<string, number>, backups: number, topicLimit: ((topic: string, mentor: string) => number) | undefined): FlowModelHandle {
  const costs: number[] = [];
  const mentors = new Set<string>();
  for (const need of needs) {
    for (const option of need.options) {
      costs.push(option.cost);
      mentors.add(option.mentor);
    }
  }
  const poolCount = topicLimit === undefined ? 0 : costs.length;
  // Nodes: needs, mentors, pools, the sink and network simplex's root; a potential sums at most
  // that many costs, a reduced cost at most twice as many plus one.
  const bound = 4 * (needs.length + mentors.size + poolCount + 4);
  // The common case runs on network simplex (typed arrays); BigInt costs on the generic class.
  if (doublesAreExact(costs, bound)) {
    const simplex = new NetworkSimplex();
    const run: RunFlow = (needNodes, sink, units) => {
      for (const node of needNodes) simplex.setSupply(node, units);
      simplex.setSupply(sink, -units * needNodes.length);
      simplex.solve();
    };
    return solveWith(NUMBER_ZERO, simplex, run, costs, needs, capacity, backups, topicLimit, false);
  }
  const generic = new LexicographicFlow(BIGINT_ARITHMETIC);
  const run: RunFlow = (needNodes, sink, units, order) => {
    generic.start(order);
    for (const node of needNodes) generic.route(node, sink, units);
  };
  return solveWith(BIGINT_ARITHMETIC, generic, run, exactIntegers(costs), needs, capacity, backups, topicLimit, true);
}

function solveWith<T>(arithmetic: Pick<CostArithmetic<T>, "zero">, flow: FlowSolver<T>, run: RunFlow, costs: readonly T[], needs: readonly FlowModelNeed[], capacity: ReadonlyMap<string, number>, backups: number, topicLimit: ((topic: string, mentor: string) => number) | undefined, usedIntegers: boolean): FlowModelHandle {
  const needNodes = needs.map(() => flow.addNode());
  const mentorNode = new Map<string, number>();
  /** Pool nodes by topic, then mentor (topic limits only). */
  const poolByTopic = new Map<string, Map<string, number>>();
  /** Per pool node: its arc to the mentor and its mentor's node (topic limits only). */
  const poolArc = new Map<number, number>();
  const poolMentorNode = new Map<number, number>();
  const mentorNodes: number[] = [];
  /** Pools in the order made, with their mentor and topic. */
  const poolNodes: number[] = [];
  const poolOwner: string[] = [];
  const poolTopic: string[] = [];
  const sinkArcs = new Map<string, number>();
  const mentorOf = (mentor: string): number => {
    let node = mentorNode.get(mentor);
    if (node === undefined) {
      node = flow.addNode();
      mentorNode.set(mentor, node);
      mentorNodes.push(node);
    }
    return node;
  };
  const knownPool = (mentor: string, topic: string): number | undefined => poolByTopic.get(topic)?.get(mentor);
  const poolOf = (mentor: string, topic: string): number => {
    if (topicLimit === undefined) return mentorOf(mentor);
    const pools = innerMap(poolByTopic, topic);
    let node = pools.get(mentor);
    if (node === undefined) {
      node = flow.addNode();
      pools.set(mentor, node);
      poolNodes.push(node);
      poolOwner.push(mentor);
      poolTopic.push(topic);
      poolArc.set(node, -1);
    }
    return node;
  };
  const pairs = new PairTable(needs.length);
  let k = 0;
  needs.forEach((need, i) => {
    for (const option of need.options) {
      const pool = poolOf(option.mentor, need.topic);
      pairs.add(i, flow.addArc(needNodes[i] as number, pool, 1, 0, 0, costs[k] as T), pool, option.mentor, option.cost);
      k++;
    }
  });
  const poolLimit = new Map<number, number>();
  poolNodes.forEach((pool, j) => {
    const mentor = poolOwner[j] as string;
    const limit = Math.min(topicLimit?.(poolTopic[j] as string, mentor) ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    poolLimit.set(pool, limit);
    const owner = mentorOf(mentor);
    poolMentorNode.set(pool, owner);
    poolArc.set(pool, flow.addArc(pool, owner, limit, 0, 0, arithmetic.zero));
  });
  const sink = flow.addNode();
  for (const [mentor, node] of mentorNode) sinkArcs.set(mentor, flow.addArc(node, sink, capacity.get(mentor) ?? 0, 0, 0, arithmetic.zero));
  const dropArcs = needNodes.map((node) => ({
    backup: backups > 0 ? flow.addArc(node, sink, backups, 0, 1, arithmetic.zero) : -1,
    primary: flow.addArc(node, sink, 1, 1, 0, arithmetic.zero),
  }));
  if (flow instanceof NetworkSimplex) {
    greedyStart(flow, { needCount: needs.length, backups, pairs, dropArcs, sink, sinkArcs, poolArc, poolMentorNode, needNodes, mentorNode, capacityOf: (mentor) => capacity.get(mentor) ?? 0, limitOf: (pool) => poolLimit.get(pool) as number });
  }
  run(needNodes, sink, 1 + backups, [...needNodes, ...poolNodes, ...mentorNodes, sink]);

  // Warm start (number path): what keeps double sums exact, and the costs of added pairs.
  let largest = 0;
  let finest = 0;
  for (const cost of costs as readonly unknown[]) {
    if (typeof cost !== "number" || cost === 0) continue;
    if (Math.abs(cost) > largest) largest = Math.abs(cost);
    if (finest === 0 || lowestBitExponent(cost) < lowestBitExponent(finest)) finest = cost;
  }
  /** Pairs added since the last solve (warm start): the next read pivots from the current tree. */
  let stale = false;
  const addOption = (index: number, mentor: string, cost: number): boolean => {
    if (!(flow instanceof NetworkSimplex)) return false;
    const topic = needs[index]?.topic as string;
    // At most a new pool and a new mentor.
    const nodesAfter = flow.nodeCount + 2;
    if (!doublesAreExact([largest, finest, cost], 4 * (nodesAfter + 4))) return false;
    if (Math.abs(cost) > largest) largest = Math.abs(cost);
    if (cost !== 0 && (finest === 0 || lowestBitExponent(cost) < lowestBitExponent(finest))) finest = cost;
    // A new mentor and its arc to the sink; a new pool and its arc to the mentor. New nodes join
    // the tree as leaves of the root at the next solve.
    let owner = mentorNode.get(mentor);
    if (owner === undefined) {
      owner = mentorOf(mentor);
      sinkArcs.set(mentor, flow.addArc(owner, sink, capacity.get(mentor) ?? 0, 0, 0, 0));
    }
    let pool = owner;
    if (topicLimit !== undefined) {
      const known = knownPool(mentor, topic);
      if (known !== undefined) pool = known;
      else {
        pool = poolOf(mentor, topic);
        poolMentorNode.set(pool, owner);
        poolArc.set(pool, flow.addArc(pool, owner, Math.min(topicLimit(topic, mentor), Number.MAX_SAFE_INTEGER), 0, 0, 0));
      }
    }
    const need = needNodes[index] as number;
    pairs.add(index, flow.addArc(need, pool, 1, 0, 0, cost), pool, mentor, cost);
    stale = true;
    return true;
  };
  const resolve = (): void => {
    if (stale && flow instanceof NetworkSimplex) flow.solve();
    stale = false;
  };

  const dualsOf = (): FlowDuals | undefined => {
  if (!(flow instanceof NetworkSimplex)) return undefined;
  resolve();
  {
    const sinkPotential = flow.potential(sink);
    return {
      need: (index) => flow.potential(needNodes[index] as number),
      pool: (mentor, topic) => {
        if (topicLimit !== undefined) {
          if (topicLimit(topic, mentor) <= 0) return undefined;
          const pool = knownPool(mentor, topic);
          if (pool !== undefined) return flow.potential(pool);
        }
        const node = mentorNode.get(mentor);
        if (node !== undefined) return flow.potential(node);
        return (capacity.get(mentor) ?? 0) > 0 ? sinkPotential : undefined;
      },
    };
  }
  };

  const result = (leftOut?: LeftOut): FlowModelResult => {
  resolve();

  const chosen = new Map<string, string[]>();
  const placed = new Int32Array(needs.length);
  // Who holds units at each pool and mentor, for the certificates.
  const primaryAt = new Map<number, number[]>();
  const unitsAt = new Map<number, number[]>();
  const used: number[] = [];
  needs.forEach((need, i) => {
    used.length = 0;
    for (let pair = pairs.first[i] as number; pair >= 0; pair = pairs.next[pair] as number) if (flow.flow(pairs.arc[pair] as number) > 0) used.push(pair);
    if (used.length === 0) return;
    // Cheapest first (the first is the primary), ties by mentor id.
    used.sort((a, b) => (pairs.cost[a] as number) - (pairs.cost[b] as number) || ((pairs.mentor[a] as string) < (pairs.mentor[b] as string) ? -1 : 1));
    chosen.set(need.key, used.map((pair) => pairs.mentor[pair] as string));
    placed[i] = used.length;
    used.forEach((pair, rank) => {
      const pool = pairs.pool[pair] as number;
      const owner = mentorNode.get(pairs.mentor[pair] as string) as number;
      pushTo(unitsAt, pool, i);
      if (rank === 0) pushTo(primaryAt, pool, i);
      if (owner !== pool) {
        pushTo(unitsAt, owner, i);
        if (rank === 0) pushTo(primaryAt, owner, i);
      }
    });
  });

  const isFullPool = (pool: number): boolean => topicLimit !== undefined && flow.residualOf(poolArc.get(pool) as number) <= 0;
  // A certificate is a connected piece of the alternating structure: needs short at this level,
  // the pools and mentors they could use (kept or left-out pairs alike), and every need holding a
  // unit there (it could move on, so it joins). Needs that share a pool or a mentor, even one
  // without a free unit (capacity 0), are one group, as in solveAssignment's certificates: the
  // group's needs exceed what its mentors can give it. Groups of a level share no pool; they can
  // share a mentor through full pools of different topics (topic limits), and pinned needs have
  // backup certificates of their own (solvePlan).
  /** Pool nodes of one topic by mentor (the certificates look up every left-out pair's pool). */
  const poolsOfTopic = (topic: string): Map<string, number> => {
    return poolByTopic.get(topic) ?? new Map();
  };
  const certificates = (level: FlowShortfall["level"], short: (i: number) => boolean, holders: Map<number, number[]>, delivered: (i: number) => number, missing: (i: number) => number): FlowShortfall[] => {
    const sets = new DisjointSets(needs.length);
    /** Union-find elements of pool and mentor nodes by node (-1: none yet), and of mentors without a node (by id). */
    const elementOfNode = new Int32Array(flow.nodeCount).fill(-1);
    const elementOfMentor = new Map<string, number>();
    /** Pools a topic limit of 0 closes and no kept pair created, by [mentor, topic]. */
    const elementOfClosedPool = new Map<string, number>();
    /** The mentor each element stands for (indexed by element - needs.length): a group lists the mentors of its elements. */
    const mentorOfElement: string[] = [];
    const elementOf = <K>(map: Map<K, number>, key: K, mentor: string): number => {
      let at = map.get(key);
      if (at === undefined) {
        at = sets.add();
        map.set(key, at);
        mentorOfElement.push(mentor);
      }
      return at;
    };
    const expanded = new Uint8Array(needs.length);
    const inGroup = new Uint8Array(needs.length);
    const listLeftOut = leftOut?.();
    const queue: number[] = [];
    for (let root = 0; root < needs.length; root++) {
      if (!short(root) || ((needs[root]?.options.length ?? 0) === 0 && level === "backup")) continue;
      inGroup[root] = 1;
      queue.push(root);
    }
    /** Joins need i to a node; the node's holders join (and are searched) the first time only. */
    const reach = (i: number, node: number, mentor: string): void => {
      let element = elementOfNode[node] as number;
      const known = element >= 0;
      if (!known) {
        element = sets.add();
        elementOfNode[node] = element;
        mentorOfElement.push(mentor);
      }
      sets.union(i, element);
      if (known) return;
      for (const other of holders.get(node) ?? []) {
        sets.union(element, other);
        if (!inGroup[other]) {
          inGroup[other] = 1;
          queue.push(other);
        }
      }
    };
    for (let head = 0; head < queue.length; head++) {
      const i = queue[head] as number;
      if (expanded[i]) continue;
      expanded[i] = 1;
      const topic = needs[i]?.topic as string;
      const visit = (mentor: string, pool: number | undefined): void => {
        // Alternating step: a need that holds a unit where this need could go could move on; a
        // full pool stops at the pool (its mentor's other pools are out of this need's reach).
        if (pool !== undefined && topicLimit !== undefined) {
          reach(i, pool, mentor);
          if (isFullPool(pool)) return;
        }
        // Without topic limits a pair's pool is its mentor's node.
        const node = topicLimit === undefined && pool !== undefined ? pool : mentorNode.get(mentor);
        if (node !== undefined) reach(i, node, mentor);
        // A mentor without a node has no slot (else the flow would use it): it holds no one.
        else sets.union(i, elementOf(elementOfMentor, mentor, mentor));
      };
      for (let pair = pairs.first[i] as number; pair >= 0; pair = pairs.next[pair] as number) visit(pairs.mentor[pair] as string, pairs.pool[pair] as number);
      // Pairs the solver's lists left out (pruned candidates): their pool or mentor may hold units too.
      const pools = topicLimit === undefined ? undefined : poolsOfTopic(topic);
      listLeftOut?.(i, (mentor) => {
        // A topic limit of 0: the mentor can take no unit of this topic; it is listed and joins
        // the needs of this topic that list it, as a kept pair's full pool would (not the needs
        // of its other topics: the unpruned solve keeps such a pair and stops at its pool).
        const pool = pools?.get(mentor);
        if (topicLimit !== undefined && pool === undefined && topicLimit(topic, mentor) <= 0) sets.union(i, elementOf(elementOfClosedPool, JSON.stringify([mentor, topic]), mentor));
        else visit(mentor, pool);
      });
    }
    const groups = new Map<number, number[]>();
    for (const i of queue) {
      const root = sets.find(i);
      const members = groups.get(root);
      if (members === undefined) groups.set(root, [i]);
      else if (members[members.length - 1] !== i) members.push(i);
    }
    const mentorsOfGroup = new Map<number, Set<string>>();
    mentorOfElement.forEach((mentor, k) => {
      const root = sets.find(needs.length + k);
      if (!groups.has(root)) return;
      const mentors = mentorsOfGroup.get(root) ?? new Set<string>();
      mentorsOfGroup.set(root, mentors);
      mentors.add(mentor);
    });
    const byKey = (a: number, b: number): number => ascending(needs[a]?.key as string, needs[b]?.key as string);
    return [...groups]
      .map(([root, members]) => ({ root, members: [...new Set(members)].sort(byKey) }))
      .sort((a, b) => byKey(a.members[0] as number, b.members[0] as number))
      .map(({ root, members }) => ({
        level,
        needs: members.map((i) => needs[i]?.key as string),
        mentors: [...(mentorsOfGroup.get(root) ?? [])].sort(ascending),
        capacity: members.reduce((sum, i) => sum + delivered(i), 0),
        deficit: members.reduce((sum, i) => sum + missing(i), 0),
      }));
  };
  const primary = certificates("primary", (i) => placed[i] === 0, primaryAt, (i) => ((placed[i] as number) > 0 ? 1 : 0), (i) => (placed[i] === 0 ? 1 : 0));
  const backup =
    backups === 0
      ? []
      : certificates("backup", (i) => (placed[i] as number) > 0 && (placed[i] as number) < 1 + backups, unitsAt, (i) => placed[i] as number, (i) => ((placed[i] as number) > 0 ? 1 + backups - (placed[i] as number) : 0));
  const duals = dualsOf();
  return { chosen, shortfalls: [...primary, ...backup], exactIntegers: usedIntegers, ...(duals !== undefined ? { duals } : {}) };
  };
  return { addOption, result, duals: dualsOf };
}


function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * The model's pairs (need, mentor), by pair number in the order added: arc, pool node (the mentor's
 * node without topic limits), mentor id and cost, in flat arrays (a national model has about a
 * million pairs: objects per pair cost time and memory); each need's pairs are linked in order.
 */
class PairTable {
  count = 0;
  arc = new Int32Array(1024);
  pool = new Int32Array(1024);
  need = new Int32Array(1024);
  cost = new Float64Array(1024);
  next = new Int32Array(1024);
  mentor: string[] = [];
  /** Per need: its first and last pair, or -1. */
  readonly first: Int32Array;
  readonly #last: Int32Array;

  constructor(needs: number) {
    this.first = new Int32Array(needs).fill(-1);
    this.#last = new Int32Array(needs).fill(-1);
  }

  add(need: number, arc: number, pool: number, mentor: string, cost: number): void {
    if (this.count === this.arc.length) {
      const size = 2 * this.count;
      this.arc = grownTo(this.arc, size);
      this.pool = grownTo(this.pool, size);
      this.need = grownTo(this.need, size);
      this.cost = grownTo(this.cost, size);
      this.next = grownTo(this.next, size);
    }
    const pair = this.count++;
    this.arc[pair] = arc;
    this.pool[pair] = pool;
    this.need[pair] = need;
    this.cost[pair] = cost;
    this.next[pair] = -1;
    this.mentor.push(mentor);
    const last = this.#last[need] as number;
    if (last < 0) this.first[need] = pair;
    else this.next[last] = pair;
    this.#last[need] = pair;
  }
}

interface GreedyModel {
  needCount: number;
  backups: number;
  pairs: PairTable;
  dropArcs: readonly { backup: number; primary: number }[];
  sink: number;
  sinkArcs: ReadonlyMap<string, number>;
  /** Per pool node (topic limits only; empty otherwise): its arc to its mentor, and the mentor's node. */
  poolArc: ReadonlyMap<number, number>;
  poolMentorNode: ReadonlyMap<number, number>;
  needNodes: readonly number[];
  mentorNode: ReadonlyMap<string, number>;
  capacityOf: (mentor: string) => number;
  limitOf: (pool: number) => number;
}

/**
 * A starting flow and tree for network simplex (instead of its artificial start, which spends most
 * pivots moving units off artificial arcs): the least-cost assignment where nearly every need can
 * be covered (leastCostStart, without backups), else the slots' auction where many must stay
 * uncovered (auctionStart; with backups it places the primaries), both without topic limits;
 * otherwise, or where the auction stopped on its budget, each need in turn takes its cheapest
 * candidate with room for its primary; then the needs take backups the same way; units left over
 * go to the drop arcs. The tree: tightTree on the potentials of the least-cost start or of the
 * auction without backups, else startingTree (the auction's potentials do not price the backup
 * tier). With backups the auction's primaries cut the first solve at 5,000 x 12 from about 2.0 s
 * to 1.2 s (docs/decisions.md, "The slots' auction starts plans with backups too").
 */
function greedyStart(simplex: NetworkSimplex, model: GreedyModel): void {
  const { needCount, backups, pairs, dropArcs, sinkArcs, poolArc, mentorNode, capacityOf, limitOf } = model;
  const nodes = simplex.nodeCount;
  // Slots left by node: a mentor's (capacity), a pool's (topic limit).
  const mentorLeft = new Float64Array(nodes);
  for (const [mentor, node] of mentorNode) mentorLeft[node] = capacityOf(mentor);
  const poolLeft = new Float64Array(nodes);
  const pools = poolArc.size > 0;
  for (const pool of poolArc.keys()) poolLeft[pool] = limitOf(pool);
  const mentorNodeOf = (pair: number): number => (pools ? (model.poolMentorNode.get(pairs.pool[pair] as number) as number) : (pairs.pool[pair] as number));
  const placed = new Int32Array(needCount);
  const count = pairs.count;
  const used = new Uint8Array(count);
  // Plans without topic limits: the least-cost start (without backups) where nearly every need can be covered.
  const arrays = !pools ? assignmentOf(model) : undefined;
  const leastCost = arrays && backups === 0 ? leastCostStart(model, arrays, used, placed, mentorLeft, nodes) : undefined;
  // Otherwise the slots' auction; then, if neither ran to the end, the greedy: every pair,
  // cheapest first, ties by pair number (need by need, option by option), for slots left free.
  const auction = arrays && !leastCost ? auctionStart(model, arrays, used, placed, mentorLeft, nodes) : undefined;
  const auctioned = auction !== undefined;
  const cost = pairs.cost;
  const order = new Int32Array(leastCost === undefined && (!auctioned || backups > 0) ? count : 0);
  for (let pair = 0; pair < order.length; pair++) order[pair] = pair;
  order.sort((a, b) => ascending(cost[a] as number, cost[b] as number) || a - b);
  const pass = (wanted: (units: number) => boolean): void => {
    for (const pair of order) {
      const i = pairs.need[pair] as number;
      if (used[pair] || !wanted(placed[i] as number)) continue;
      const mentor = mentorNodeOf(pair);
      if ((mentorLeft[mentor] as number) <= 0) continue;
      const pool = pairs.pool[pair] as number;
      if (pools && (poolLeft[pool] as number) <= 0) continue;
      used[pair] = 1;
      mentorLeft[mentor] = (mentorLeft[mentor] as number) - 1;
      if (pools) poolLeft[pool] = (poolLeft[pool] as number) - 1;
      placed[i] = (placed[i] as number) + 1;
    }
  };
  pass((units) => units === 0);
  pass((units) => units >= 1 && units < 1 + backups);
  for (let pair = 0; pair < count; pair++) if (used[pair]) simplex.setStartingFlow(pairs.arc[pair] as number, 1);
  for (const [mentor, arc] of sinkArcs) simplex.setStartingFlow(arc, capacityOf(mentor) - (mentorLeft[mentorNode.get(mentor) as number] as number));
  for (const [pool, arc] of poolArc) simplex.setStartingFlow(arc, limitOf(pool) - (poolLeft[pool] as number));
  for (let i = 0; i < needCount; i++) {
    const drops = dropArcs[i] as { backup: number; primary: number };
    const units = placed[i] as number;
    simplex.setStartingFlow(drops.primary, units === 0 ? 1 : 0);
    if (drops.backup >= 0) simplex.setStartingFlow(drops.backup, backups - (units === 0 ? 0 : units - 1));
  }
  const potentials = backups > 0 ? undefined : (leastCost?.potentials ?? auction);
  if (potentials !== undefined) tightTree(simplex, model, used, mentorLeft, potentials);
  else startingTree(simplex, model);
}

/**
 * Where the least-cost start declines because many needs stay uncovered, without backups or topic
 * limits: the slots' auction (slotAuction.ts) as the starting flow, in `used`, `placed` and
 * `mentorLeft`, and potentials by simplex node for tightTree (a need's price; a mentor's cover +
 * lowest less the least profit of its slots, 0 with one free), so that a used pair's reduced cost
 * is <= 0 and an unused one's >= -epsilon. Undefined when the slots outnumber the needs (nothing
 * done) or the auction stopped on its budget (the greedy then fills what it left free). A complete
 * auction leaves no slot free that a free need lists, so the greedy has nothing to add. At 5,000 x
 * 12 the first solve made 200,909 pivots from the greedy start and its tree, 45,498 from the
 * auction's flow and the greedy's tree, and 12,844 from the auction's flow and tightTree's tree on
 * these potentials (docs/decisions.md, "The slots' auction starts the simplex where many needs
 * stay uncovered").
 */
function auctionStart(model: GreedyModel, { problem, edgePair, nodeOfMentor, slotCount, listed }: ModelArrays, used: Uint8Array, placed: Int32Array, mentorLeft: Float64Array, nodes: number): Float64Array | undefined {
  const { needCount, pairs } = model;
  // More slots (capped at each mentor's pairs) than needs: the slots would bid prices up against
  // each other (seen with backups: at 500 x 6, 1,377 slots for 1,019 needs ran past the work
  // budget); the greedy starts it.
  if (slotCount > listed) return undefined;
  const { needEdge, complete, price, cover, lowest } = slotAuction(problem);
  // Each mentor's least slot profit (0 while a slot is free: every unused pair is worth less than its price then).
  const profit = new Float64Array(problem.mentorCount).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < needCount; i++) {
    const edge = needEdge[i] as number;
    if (edge < 0) continue;
    const pair = edgePair[edge] as number;
    used[pair] = 1;
    placed[i] = 1;
    mentorLeft[pairs.pool[pair] as number] = (mentorLeft[pairs.pool[pair] as number] as number) - 1;
    const m = problem.edgeMentor[edge] as number;
    profit[m] = Math.min(profit[m] as number, cover - ((problem.edgeCost[edge] as number) - lowest) - (price[i] as number));
  }
  if (!complete) return undefined;
  const potential = new Float64Array(nodes);
  for (let i = 0; i < needCount; i++) potential[model.needNodes[i] as number] = price[i] as number;
  nodeOfMentor.forEach((node, m) => {
    const least = profit[m] as number;
    potential[node] = cover + lowest - ((mentorLeft[node] as number) > 0 || !Number.isFinite(least) ? 0 : least);
  });
  return potential;
}

/**
 * The share of the needs the deficient region may hold for leastCostStart to use the least-cost
 * assignment (at 20,000 of one kind, where every need can be covered, none; at 5,000 x 12, where
 * the optimum leaves 25% of the needs uncovered, 99%).
 */
const REGION_SHARE = 0.02;

/**
 * How many arc relaxations per arc (pairs and needs) leastCostStart's searches may make before it
 * gives up for the greedy start. Measured: 12.5 to 52 on synthetic networks of 500 to 20,000
 * institutions of one kind (the least-cost start faster than the greedy one at 20,000); 695 to
 * 1,378 where needs tie on a few shared mentors (costs by mentor alone), whose searches then cross
 * every placed need: 1.8 to 5.7 s against 0.2 to 0.3 s from the greedy start (adversarial review:
 * 34 s against 0.5 s for 10,000 needs on the same 50 mentors). Giving up at 100 costs those cases
 * about a seventh of their searches' time.
 */
const WORK_PER_ARC = 100;

/**
 * Plans without backups or topic limits that can cover nearly every need: a maximum assignment
 * of near least cost (assignmentPaths.ts: the needs outside the deficient region by the needs'
 * auction, its slots by shortest paths) as the starting flow, in `used`, `placed` and
 * `mentorLeft`, and, when every listed need is covered, its potentials by simplex node for
 * tightTree (epsilon-optimal); undefined, with nothing changed, when the deficient region is larger
 * than REGION_SHARE (found by a maximum assignment, or before it when the mentors' slots are too
 * few). From the greedy flow, at 20,000 institutions of one kind, the first simplex solve made
 * 531,216 pivots, most of them degenerate moves that fixed the greedy's 4% excess cost; from the
 * exact least-cost assignment and tightTree's tree none, but its searches took 3.4 s; from the
 * auction's 29,368 (docs/decisions.md, "The simplex starts from shortest paths when nearly every
 * need can be covered" and "The needs' auction assigns the least-cost start's needs outside the
 * deficient region"). Where many needs stay uncovered the deficient region is most of the problem
 * and filling its slots one search each is slower than the simplex.
 */
function leastCostStart(model: GreedyModel, { problem, edgePair, nodeOfMentor, slotCount, listed }: ModelArrays, used: Uint8Array, placed: Int32Array, mentorLeft: Float64Array, nodes: number): { potentials: Float64Array | undefined } | undefined {
  const { needCount, pairs, needNodes } = model;
  // Fewer slots (each capped at the mentor's pairs) than needs with pairs leave at least the
  // difference in the region.
  if (listed - slotCount > REGION_SHARE * listed) return undefined;
  const solved = leastCostAssignment(problem, REGION_SHARE, WORK_PER_ARC, true);
  if (solved === undefined) return undefined;
  const { needEdge, potential } = solved;
  for (let i = 0; i < needCount; i++) {
    const edge = needEdge[i] as number;
    if (edge < 0) continue;
    const pair = edgePair[edge] as number;
    const node = pairs.pool[pair] as number;
    used[pair] = 1;
    placed[i] = 1;
    mentorLeft[node] = (mentorLeft[node] as number) - 1;
  }
  // The potentials by simplex node, when every listed need is covered (tightTree).
  for (let i = 0; i < needCount; i++) if ((pairs.first[i] as number) >= 0 && placed[i] === 0) return { potentials: undefined };
  const byNode = new Float64Array(nodes);
  for (let i = 0; i < needCount; i++) byNode[needNodes[i] as number] = potential[i] as number;
  nodeOfMentor.forEach((node, mentor) => {
    byNode[node] = potential[needCount + mentor] as number;
  });
  return { potentials: byNode };
}

/** The model's pairs as assignment arrays, each edge's pair, each mentor's node; the slots (capped at each mentor's pairs) and the needs with pairs. */
interface ModelArrays {
  problem: AssignmentArrays;
  edgePair: Int32Array;
  nodeOfMentor: number[];
  slotCount: number;
  listed: number;
}

/**
 * The model's pairs as assignment arrays (assignmentPaths.ts; no topic limits): edges need by need
 * in list order, mentors numbered as first met with their capacities as slots.
 */
function assignmentOf(model: GreedyModel): ModelArrays {
  const { needCount, pairs, capacityOf } = model;
  // By node, -1 before its mentor is met: a Map lookup per pair was 50 ms of a million pairs
  // (20,000 institutions of one kind). The start sees the first build only, whose nodes are below the sink.
  const mentorOfNode = new Int32Array(model.sink).fill(-1);
  const nodeOfMentor: number[] = [];
  const slots: number[] = [];
  const needStart = new Int32Array(needCount + 1);
  const edgePair = new Int32Array(pairs.count);
  const edgeMentor = new Int32Array(pairs.count);
  const edgeCost = new Float64Array(pairs.count);
  let edges = 0;
  let listed = 0;
  for (let i = 0; i < needCount; i++) {
    needStart[i] = edges;
    if ((pairs.first[i] as number) >= 0) listed++;
    for (let pair = pairs.first[i] as number; pair >= 0; pair = pairs.next[pair] as number) {
      const node = pairs.pool[pair] as number;
      let mentor = mentorOfNode[node] as number;
      if (mentor < 0) {
        mentor = slots.length;
        mentorOfNode[node] = mentor;
        nodeOfMentor.push(node);
        slots.push(capacityOf(pairs.mentor[pair] as string));
      }
      edgePair[edges] = pair;
      edgeMentor[edges] = mentor;
      edgeCost[edges] = pairs.cost[pair] as number;
      edges++;
    }
  }
  needStart[needCount] = edges;
  const problem = assignmentArrays(needStart, edgeMentor, edgeCost, slots);
  let slotCount = 0;
  for (const count of problem.capacity) slotCount += count;
  return { problem, edgePair, nodeOfMentor, slotCount, listed };
}

/**
 * The starting tree for a least-cost or auction start: a shortest-path tree to
 * the sink in the residual graph, by Dijkstra from the sink on the reduced costs of the start's
 * potentials (>= 0 up to the auctions' epsilon, clamped there). Every tree arc is a residual arc
 * towards the sink (strongly feasible) and the tree's potentials are the shortest distances, so
 * no arc violates optimality and the first solve has nothing to do but confirm it (Ahuja,
 * Magnanti & Orlin 1993, sec. 9.4: a flow is optimal when shortest-path distances in its residual
 * graph exist; their tree is an optimal basis). Residual arcs: a mentor with room to the sink
 * (cost 0), a need to the mentor of an unused pair (its cost), a full mentor back to a need that
 * uses it (minus the cost), and a covered need to the sink by its drop arc (primary tier 1, so
 * taken only by what the others do not reach: a second search from those needs). After the slots'
 * auction the region of uncovered needs is large: the second search reaches it. The auctions'
 * potentials are epsilon-optimal, so the arcs the clamping hid violate by at most epsilon and the
 * simplex pivots on those (12,844 pivots at 5,000 x 12, 29,368 at 20,000 of one kind). Nodes with no residual arc (a mentor without slots, a need without pairs) hang
 * from the root.
 */
function tightTree(simplex: NetworkSimplex, model: GreedyModel, used: Uint8Array, mentorLeft: Float64Array, potential: Float64Array): void {
  const { needCount, pairs, dropArcs, sinkArcs, needNodes, mentorNode } = model;
  const n = simplex.nodeCount;
  const needOfNode = new Int32Array(n).fill(-1);
  for (let i = 0; i < needCount; i++) needOfNode[needNodes[i] as number] = i;
  // Pairs into each mentor node, and each need's used pair.
  const firstInto = new Int32Array(n).fill(-1);
  const nextInto = new Int32Array(pairs.count).fill(-1);
  const usedPair = new Int32Array(needCount).fill(-1);
  for (let pair = pairs.count - 1; pair >= 0; pair--) {
    const node = pairs.pool[pair] as number;
    nextInto[pair] = firstInto[node] as number;
    firstInto[node] = pair;
    if (used[pair]) usedPair[pairs.need[pair] as number] = pair;
  }
  const distance = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const parentArc = new Int32Array(n).fill(-1);
  const settled = new Uint8Array(n);
  const heap = new MinHeap(1024);
  const reach = (node: number, d: number, arc: number): void => {
    if (settled[node] || !(d < (distance[node] as number))) return;
    distance[node] = d;
    parentArc[node] = arc;
    heap.push(d, node);
  };
  for (const [mentor, node] of mentorNode) {
    if ((mentorLeft[node] as number) > 0) reach(node, Math.max(0, potential[node] as number), sinkArcs.get(mentor) as number);
  }
  search();
  // Second level (primary tier one more): covered needs the first did not reach go to the sink by
  // their drop arc (which has room), and the search goes on from them, to the full mentors they use
  // and the uncovered needs that list those (the deficient region; none after a least-cost start,
  // which covers every listed need).
  for (let i = 0; i < needCount; i++) {
    const node = needNodes[i] as number;
    if (!settled[node] && (usedPair[i] as number) >= 0) reach(node, potential[node] as number, (dropArcs[i] as { primary: number }).primary);
  }
  search();
  function search(): void {
    while (heap.size > 0) {
      const d = heap.topKey();
      const node = heap.pop();
      if (settled[node] || d > (distance[node] as number)) continue;
      settled[node] = 1;
      const i = needOfNode[node] as number;
      if (i >= 0) {
        // A need reached: the mentor it uses, if full, can hang below it.
        const pair = usedPair[i] as number;
        if (pair < 0) continue;
        const mentor = pairs.pool[pair] as number;
        if ((mentorLeft[mentor] as number) > 0) continue;
        const reduced = -(pairs.cost[pair] as number) + (potential[mentor] as number) - (potential[node] as number);
        reach(mentor, d + Math.max(0, reduced), pairs.arc[pair] as number);
      } else {
        // A mentor reached: needs with an unused pair to it can hang from it.
        for (let pair = firstInto[node] as number; pair >= 0; pair = nextInto[pair] as number) {
          if (used[pair]) continue;
          const need = needNodes[pairs.need[pair] as number] as number;
          const reduced = (pairs.cost[pair] as number) + (potential[need] as number) - (potential[node] as number);
          reach(need, d + Math.max(0, reduced), pairs.arc[pair] as number);
        }
      }
    }
  }
  for (let i = 0; i < needCount; i++) {
    const node = needNodes[i] as number;
    if ((parentArc[node] as number) < 0 && (usedPair[i] as number) >= 0) parentArc[node] = (dropArcs[i] as { primary: number }).primary;
  }
  // A full mentor none of whose users was reached hangs below one of them (by its drop arc now).
  for (const node of mentorNode.values()) {
    if ((parentArc[node] as number) >= 0 || (mentorLeft[node] as number) > 0) continue;
    for (let pair = firstInto[node] as number; pair >= 0; pair = nextInto[pair] as number) {
      if (!used[pair]) continue;
      parentArc[node] = pairs.arc[pair] as number;
      break;
    }
  }
  for (let node = 0; node < n; node++) if ((parentArc[node] as number) >= 0) simplex.setStartingParent(node, parentArc[node] as number);
}

/**
 * The starting tree for the greedy flow: every node hangs by a residual arc towards the sink (so
 * the tree is strongly feasible), chosen, among the arcs to nodes already placed, to give the node
 * the largest potential: a shortest path to the sink (lexicographic), in one pass over the model's
 * layers, a Bellman-Ford step per node in an order where its candidates come first (Ahuja,
 * Magnanti & Orlin 1993, sec. 5.3, for the step; sec. 11.3 for why a tree's potentials are the
 * sums along its paths). Potentials closer to the optimal duals leave fewer arcs violating: at
 * 5,000 x 12 the first solve made 12% fewer pivots than from a tree of drop arcs
 * (docs/decisions.md, "Network simplex at national size"). Order: mentors with room (from the sink); pools with room
 * of those mentors; covered needs (a drop arc with room, or an unused pair to a placed pool);
 * full pools and full mentors (down from a need that uses them); the other pools of full mentors;
 * uncovered needs (an unused pair). Arcs strictly between their bounds (a mentor's or pool's
 * partial load, a partial backup drop) are tree arcs, as a basis needs. Nodes with none of these
 * (a mentor without slots) hang from the root.
 */
function startingTree(simplex: NetworkSimplex, model: GreedyModel): void {
  const { needCount, backups, pairs, dropArcs, sink, sinkArcs, poolArc, poolMentorNode, needNodes, mentorNode } = model;
  const n = simplex.nodeCount;
  const primary = new Float64Array(n);
  const backup = new Float64Array(n);
  const cost = new Float64Array(n);
  const placedNode = new Uint8Array(n);
  placedNode[sink] = 1;
  const hang = (node: number, arc: number, p: number, b: number, c: number): void => {
    simplex.setStartingParent(node, arc);
    primary[node] = p;
    backup[node] = b;
    cost[node] = c;
    placedNode[node] = 1;
  };
  const room = (arc: number): boolean => simplex.residualOf(arc) > 0;
  const carries = (arc: number): boolean => simplex.flow(arc) > 0;
  // Mentors with room hang from the sink (potential 0, the sink's).
  const fullMentors: number[] = [];
  for (const [mentor, arc] of sinkArcs) {
    const node = mentorNode.get(mentor) as number;
    if (room(arc)) hang(node, arc, 0, 0, 0);
    else if (carries(arc)) fullMentors.push(node);
  }
  // The pairs that carry a unit, linked by pool (the mentor itself without topic limits).
  const firstUser = new Int32Array(n).fill(-1);
  const nextUser = new Int32Array(pairs.count).fill(-1);
  for (let pair = pairs.count - 1; pair >= 0; pair--) {
    if (!carries(pairs.arc[pair] as number)) continue;
    const pool = pairs.pool[pair] as number;
    nextUser[pair] = firstUser[pool] as number;
    firstUser[pool] = pair;
  }
  const poolsOfMentor = new Map<number, number[]>();
  for (const [pool, owner] of poolMentorNode) {
    const list = poolsOfMentor.get(owner);
    if (list === undefined) poolsOfMentor.set(owner, [pool]);
    else list.push(pool);
  }
  // Pools with room of mentors with room hang from their mentor.
  for (const [pool, owner] of poolMentorNode) {
    const arc = poolArc.get(pool) as number;
    if (placedNode[owner] && room(arc)) hang(pool, arc, primary[owner] as number, backup[owner] as number, cost[owner] as number);
  }
  /** Whether (p, b, c) is lexicographically above (bp, bb, bc). */
  const above = (p: number, b: number, c: number, bp: number, bb: number, bc: number): boolean => p > bp || (p === bp && (b > bb || (b === bb && c > bc)));
  /** The need's unused pair to a placed pool that gives it the largest potential, with that potential, or undefined. */
  const bestPair = (i: number): [number, number, number, number] | undefined => {
    let best: [number, number, number, number] | undefined;
    for (let pair = pairs.first[i] as number; pair >= 0; pair = pairs.next[pair] as number) {
      const arc = pairs.arc[pair] as number;
      const pool = pairs.pool[pair] as number;
      if (!placedNode[pool] || !room(arc)) continue;
      const p = primary[pool] as number;
      const b = backup[pool] as number;
      const c = (cost[pool] as number) - (pairs.cost[pair] as number);
      if (best === undefined || above(p, b, c, best[1], best[2], best[3])) best = [arc, p, b, c];
    }
    return best;
  };
  // Covered needs: the drop arc with room or the unused pair to a placed pool giving the largest potential.
  for (let i = 0; i < needCount; i++) {
    const node = needNodes[i] as number;
    const drops = dropArcs[i] as { backup: number; primary: number };
    if (carries(drops.primary)) continue;
    const backupFlow = drops.backup >= 0 ? simplex.flow(drops.backup) : 0;
    if (drops.backup >= 0 && backupFlow > 0 && backupFlow < backups) {
      hang(node, drops.backup, 0, -1, 0);
      continue;
    }
    let best: [number, number, number, number] = drops.backup >= 0 && backupFlow < backups ? [drops.backup, 0, -1, 0] : [drops.primary, -1, 0, 0];
    const pair = bestPair(i);
    if (pair !== undefined && above(pair[1], pair[2], pair[3], best[1], best[2], best[3])) best = pair;
    hang(node, ...best);
  }
  /** The pair into the node (a pool, or a mentor without topic limits) whose need gives it the largest potential, or -1. */
  const bestUserOf = (node: number): number => {
    let best = -1;
    for (let pair = firstUser[node] as number; pair >= 0; pair = nextUser[pair] as number) {
      const need = needNodes[pairs.need[pair] as number] as number;
      if (!placedNode[need]) continue;
      if (best < 0) best = pair;
      else {
        const other = needNodes[pairs.need[best] as number] as number;
        if (above(primary[need] as number, backup[need] as number, (cost[need] as number) + (pairs.cost[pair] as number), primary[other] as number, backup[other] as number, (cost[other] as number) + (pairs.cost[best] as number))) best = pair;
      }
    }
    return best;
  };
  /** Hangs the node down from the need of `pair` (its arc carries a unit). */
  const hangFromUser = (node: number, pair: number): void => {
    const need = needNodes[pairs.need[pair] as number] as number;
    hang(node, pairs.arc[pair] as number, primary[need] as number, backup[need] as number, (cost[need] as number) + (pairs.cost[pair] as number));
  };
  if (poolArc.size === 0) {
    for (const owner of fullMentors) {
      const pair = bestUserOf(owner);
      if (pair >= 0) hangFromUser(owner, pair);
    }
  } else {
    // Full pools (any mentor) hang from a user.
    for (const [pool, arc] of poolArc) {
      if (placedNode[pool] || room(arc)) continue;
      const pair = bestUserOf(pool);
      if (pair >= 0) hangFromUser(pool, pair);
    }
    // A full mentor hangs from the pool into it whose user gives the largest potential; its other pools with room hang from it.
    for (const owner of fullMentors) {
      let bestPool = -1;
      let bestPair = -1;
      for (const pool of poolsOfMentor.get(owner) ?? []) {
        if (!carries(poolArc.get(pool) as number)) continue;
        const pair = placedNode[pool] ? -1 : bestUserOf(pool);
        // A pool placed already (full, from its user) passes its own potential on.
        const [p, b, c] = pair >= 0 ? [primary[needNodes[pairs.need[pair] as number] as number] as number, backup[needNodes[pairs.need[pair] as number] as number] as number, (cost[needNodes[pairs.need[pair] as number] as number] as number) + (pairs.cost[pair] as number)] : [primary[pool] as number, backup[pool] as number, cost[pool] as number];
        if (pair < 0 && !placedNode[pool]) continue;
        if (bestPool < 0 || above(p, b, c, ...potentialVia(bestPool, bestPair))) {
          bestPool = pool;
          bestPair = pair;
        }
      }
      if (bestPool < 0) continue;
      if (bestPair >= 0) hangFromUser(bestPool, bestPair);
      hang(owner, poolArc.get(bestPool) as number, primary[bestPool] as number, backup[bestPool] as number, cost[bestPool] as number);
      for (const pool of poolsOfMentor.get(owner) ?? []) {
        const arc = poolArc.get(pool) as number;
        if (!placedNode[pool] && room(arc)) hang(pool, arc, primary[owner] as number, backup[owner] as number, cost[owner] as number);
      }
    }
    // Pools still out carry units (their mentor is out too: it has no slot): from a user.
    for (const pool of poolArc.keys()) {
      if (placedNode[pool]) continue;
      const pair = bestUserOf(pool);
      if (pair >= 0) hangFromUser(pool, pair);
    }
  }
  /** The potential a pool would pass on: from its best user's pair, or its own when placed. */
  function potentialVia(pool: number, pair: number): [number, number, number] {
    if (pair < 0) return [primary[pool] as number, backup[pool] as number, cost[pool] as number];
    const need = needNodes[pairs.need[pair] as number] as number;
    return [primary[need] as number, backup[need] as number, (cost[need] as number) + (pairs.cost[pair] as number)];
  }
  // Uncovered needs: the unused pair to a placed pool giving the largest potential.
  for (let i = 0; i < needCount; i++) {
    const node = needNodes[i] as number;
    if (placedNode[node]) continue;
    const pair = bestPair(i);
    if (pair !== undefined) hang(node, ...pair);
  }
}
