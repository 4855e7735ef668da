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
import { doublesAreExact, exactIntegers, lowestBitExponent } from "./exactCosts.js";
import { BIGINT_ARITHMETIC, type CostArithmetic, LexicographicFlow } from "./lexicographicFlow.js";
import { NetworkSimplex } from "./networkSimplex.js";

/** What the model needs of a flow solver: network simplex (numbers) or the generic class (BigInt costs). */
interface FlowSolver<T> {
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

/** Mentors of the pairs a need's list left out, for certificates over the full lists. */
export type LeftOut = (index: number, visit: (mentor: string) => void) => void;

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
  const poolNode = new Map<string, number>();
  /** For a pool node: its arc to the mentor (topic limits only). */
  const poolArc = new Map<number, number>();
  const poolMentor = new Map<number, string>();
  const mentorNodes: number[] = [];
  const poolNodes: number[] = [];
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
  const poolOf = (mentor: string, topic: string): number => {
    if (topicLimit === undefined) return mentorOf(mentor);
    const key = JSON.stringify([mentor, topic]);
    let node = poolNode.get(key);
    if (node === undefined) {
      node = flow.addNode();
      poolNode.set(key, node);
      poolMentor.set(node, mentor);
      poolNodes.push(node);
      poolArc.set(node, -1);
    }
    return node;
  };
  const optionArcs: { arc: number; mentor: string; pool: number }[][] = [];
  let k = 0;
  needs.forEach((need, i) => {
    const arcs: { arc: number; mentor: string; pool: number }[] = [];
    for (const option of need.options) {
      const pool = poolOf(option.mentor, need.topic);
      arcs.push({ arc: flow.addArc(needNodes[i] as number, pool, 1, 0, 0, costs[k] as T), mentor: option.mentor, pool });
      k++;
    }
    optionArcs.push(arcs);
  });
  const poolLimit = new Map<number, number>();
  for (const [key, pool] of poolNode) {
    const [mentor, topic] = JSON.parse(key) as [string, string];
    const limit = Math.min(topicLimit?.(topic, mentor) ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    poolLimit.set(pool, limit);
    poolArc.set(pool, flow.addArc(pool, mentorOf(mentor), limit, 0, 0, arithmetic.zero));
  }
  const sink = flow.addNode();
  for (const [mentor, node] of mentorNode) sinkArcs.set(mentor, flow.addArc(node, sink, capacity.get(mentor) ?? 0, 0, 0, arithmetic.zero));
  const dropArcs = needNodes.map((node) => ({
    backup: backups > 0 ? flow.addArc(node, sink, backups, 0, 1, arithmetic.zero) : -1,
    primary: flow.addArc(node, sink, 1, 1, 0, arithmetic.zero),
  }));
  if (flow instanceof NetworkSimplex) {
    greedyStart(flow, needs.length, backups, (i) => optionArcs[i] ?? [], (i) => (needs[i] as FlowModelNeed).options.map((option) => option.cost), dropArcs, sink, sinkArcs, poolArc, (mentor) => capacity.get(mentor) ?? 0, (pool) => poolLimit.get(pool) as number, needNodes, mentorNode, poolNodes);
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
  const addedCosts = needs.map(() => new Map<string, number>());
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
    let mentorAt = mentorNode.get(mentor);
    if (mentorAt === undefined) {
      mentorAt = mentorOf(mentor);
      sinkArcs.set(mentor, flow.addArc(mentorAt, sink, capacity.get(mentor) ?? 0, 0, 0, 0));
    }
    let pool = mentorAt;
    if (topicLimit !== undefined) {
      const key = JSON.stringify([mentor, topic]);
      const known = poolNode.get(key);
      if (known !== undefined) pool = known;
      else {
        pool = poolOf(mentor, topic);
        poolArc.set(pool, flow.addArc(pool, mentorAt, Math.min(topicLimit(topic, mentor), Number.MAX_SAFE_INTEGER), 0, 0, 0));
      }
    }
    const need = needNodes[index] as number;
    const arc = flow.addArc(need, pool, 1, 0, 0, cost);
    (optionArcs[index] as { arc: number; mentor: string; pool: number }[]).push({ arc, mentor, pool });
    (addedCosts[index] as Map<string, number>).set(mentor, cost);
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
          const pool = poolNode.get(JSON.stringify([mentor, topic]));
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

  const costOf = new Map<string, number>();
  const chosen = new Map<string, string[]>();
  const placed: number[] = [];
  needs.forEach((need, i) => {
    const used = (optionArcs[i] ?? []).filter(({ arc }) => flow.flow(arc) > 0);
    const options = new Map([...need.options.map((option) => [option.mentor, option.cost] as const), ...(addedCosts[i] as Map<string, number>)]);
    used.sort((a, b) => (options.get(a.mentor) as number) - (options.get(b.mentor) as number) || (a.mentor < b.mentor ? -1 : 1));
    if (used.length > 0) chosen.set(need.key, used.map(({ mentor }) => mentor));
    placed.push(used.length);
    for (const { mentor } of used) costOf.set(JSON.stringify([need.key, mentor]), options.get(mentor) as number);
  });

  // Who holds units at each pool and mentor, for the certificates.
  const primaryAt = new Map<number, number[]>();
  const unitsAt = new Map<number, number[]>();
  needs.forEach((need, i) => {
    const mentors = chosen.get(need.key) ?? [];
    for (const { arc, mentor, pool } of optionArcs[i] ?? []) {
      if (flow.flow(arc) <= 0) continue;
      for (const node of new Set([pool, mentorNode.get(mentor) as number])) {
        pushTo(unitsAt, node, i);
        if (mentors[0] === mentor) pushTo(primaryAt, node, i);
      }
    }
  });
  const isFullPool = (pool: number): boolean => topicLimit !== undefined && flow.residualOf(poolArc.get(pool) as number) <= 0;
  // A certificate is a connected piece of the alternating structure: needs short at this level,
  // the pools and mentors they could use (kept or left-out pairs alike), and every need holding a
  // unit there (it could move on, so it joins). Needs that share a pool or a mentor, even one
  // without a free unit (capacity 0), are one group, as in solveAssignment's certificates: the
  // group's needs exceed what its mentors can give it, and groups never share a mentor.
  /** Pool nodes of one topic by mentor (the certificates look up every left-out pair's pool). */
  const poolsByTopic = new Map<string, Map<string, number>>();
  const poolsOfTopic = (topic: string): Map<string, number> => {
    if (poolsByTopic.size === 0) {
      for (const [key, node] of poolNode) {
        const [mentor, poolTopic] = JSON.parse(key) as [string, string];
        const pools = poolsByTopic.get(poolTopic) ?? new Map<string, number>();
        poolsByTopic.set(poolTopic, pools);
        pools.set(mentor, node);
      }
    }
    return poolsByTopic.get(topic) ?? new Map();
  };
  const certificates = (level: FlowShortfall["level"], short: (i: number) => boolean, holders: Map<number, number[]>, delivered: (i: number) => number, missing: (i: number) => number): FlowShortfall[] => {
    const sets = new DisjointSets(needs.length);
    /** Union-find elements of pool and mentor nodes, and of mentors without a node (by id). */
    const elementOfNode = new Map<number, number>();
    const elementOfMentor = new Map<string, number>();
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
    const queue: number[] = [];
    for (let root = 0; root < needs.length; root++) {
      if (!short(root) || ((needs[root]?.options.length ?? 0) === 0 && level === "backup")) continue;
      inGroup[root] = 1;
      queue.push(root);
    }
    /** Joins need i to a node; the node's holders join (and are searched) the first time only. */
    const reach = (i: number, node: number, mentor: string): void => {
      const known = elementOfNode.has(node);
      const element = elementOf(elementOfNode, node, mentor);
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
        const node = mentorNode.get(mentor);
        if (node !== undefined) reach(i, node, mentor);
        // A mentor without a node has no slot (else the flow would use it): it holds no one.
        else sets.union(i, elementOf(elementOfMentor, mentor, mentor));
      };
      for (const { mentor, pool } of optionArcs[i] ?? []) visit(mentor, pool);
      // Pairs the solver's lists left out (pruned candidates): their pool or mentor may hold units too.
      const pools = topicLimit === undefined ? undefined : poolsOfTopic(topic);
      leftOut?.(i, (mentor) => {
        // A topic limit of 0: the mentor can take no unit of this topic; it is listed (and joins
        // the needs that list it, like any mentor without a slot).
        if (topicLimit !== undefined && topicLimit(topic, mentor) <= 0) sets.union(i, elementOf(elementOfMentor, mentor, mentor));
        else visit(mentor, pools?.get(mentor));
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
    const byKey = (a: number, b: number): number => compareKeys(needs[a]?.key as string, needs[b]?.key as string);
    return [...groups]
      .map(([root, members]) => ({ root, members: [...new Set(members)].sort(byKey) }))
      .sort((a, b) => byKey(a.members[0] as number, b.members[0] as number))
      .map(({ root, members }) => ({
        level,
        needs: members.map((i) => needs[i]?.key as string),
        mentors: [...(mentorsOfGroup.get(root) ?? [])].sort(compareKeys),
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

const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * A starting flow and tree for network simplex (instead of its artificial start, which spends most
 * pivots moving units off artificial arcs): each need in turn takes its cheapest candidate with
 * room for its primary, then the needs take backups the same way; units left over go to the drop
 * arcs. The tree: a mentor hangs from the sink by its arc when that has room, a pool from its
 * mentor likewise, a need from the sink by a drop arc with room; the rest hang from the root.
 * Every arc off the tree is then at a bound and every tree arc has room upwards (strongly feasible).
 */
function greedyStart(
  simplex: NetworkSimplex,
  needCount: number,
  backups: number,
  arcsOf: (i: number) => readonly { arc: number; mentor: string; pool: number }[],
  costsOf: (i: number) => readonly number[],
  dropArcs: readonly { backup: number; primary: number }[],
  sink: number,
  sinkArcs: ReadonlyMap<string, number>,
  poolArc: ReadonlyMap<number, number>,
  capacityOf: (mentor: string) => number,
  limitOf: (pool: number) => number,
  needNodes: readonly number[],
  mentorNode: ReadonlyMap<string, number>,
  poolNodes: readonly number[],
): void {
  const mentorLeft = new Map<string, number>();
  for (const mentor of sinkArcs.keys()) mentorLeft.set(mentor, capacityOf(mentor));
  const poolLeft = new Map<number, number>();
  for (const pool of poolNodes) poolLeft.set(pool, limitOf(pool));
  const placed = new Int32Array(needCount);
  // Every pair (need, option), cheapest first; pairs are numbered need by need, option by
  // option, so ties go by that number.
  const pairNeed: number[] = [];
  const pairOption: number[] = [];
  const costList: number[] = [];
  for (let i = 0; i < needCount; i++) {
    costsOf(i).forEach((cost, j) => {
      pairNeed.push(i);
      pairOption.push(j);
      costList.push(cost);
    });
  }
  const pairCost = Float64Array.from(costList);
  const order = Int32Array.from(pairNeed, (_, k) => k).sort((a, b) => (pairCost[a] as number) - (pairCost[b] as number) || a - b);
  const used = new Uint8Array(pairNeed.length);
  const pass = (wanted: (units: number) => boolean): void => {
    for (const k of order) {
      const i = pairNeed[k] as number;
      if (used[k] || !wanted(placed[i] as number)) continue;
      const option = arcsOf(i)[pairOption[k] as number] as { arc: number; mentor: string; pool: number };
      if ((mentorLeft.get(option.mentor) ?? 0) <= 0) continue;
      const poolRoom = poolLeft.get(option.pool);
      if (poolRoom !== undefined && poolRoom <= 0) continue;
      used[k] = 1;
      mentorLeft.set(option.mentor, (mentorLeft.get(option.mentor) as number) - 1);
      if (poolRoom !== undefined) poolLeft.set(option.pool, poolRoom - 1);
      placed[i] = (placed[i] as number) + 1;
      simplex.setStartingFlow(option.arc, 1);
    }
  };
  pass((units) => units === 0);
  pass((units) => units >= 1 && units < 1 + backups);
  for (const [mentor, arc] of sinkArcs) simplex.setStartingFlow(arc, capacityOf(mentor) - (mentorLeft.get(mentor) as number));
  for (const [pool, left] of poolLeft) simplex.setStartingFlow(poolArc.get(pool) as number, limitOf(pool) - left);
  for (let i = 0; i < needCount; i++) {
    const drops = dropArcs[i] as { backup: number; primary: number };
    const units = placed[i] as number;
    simplex.setStartingFlow(drops.primary, units === 0 ? 1 : 0);
    if (drops.backup >= 0) simplex.setStartingFlow(drops.backup, backups - (units === 0 ? 0 : units - 1));
  }
  startingTree(simplex, needCount, backups, arcsOf, costsOf, dropArcs, sink, sinkArcs, poolArc, needNodes, mentorNode, poolNodes);
}

/**
 * The starting tree for the greedy flow: every node hangs by a residual arc towards the sink (so
 * the tree is strongly feasible), chosen, among the arcs to nodes already placed, to give the node
 * the largest potential (a shortest path to the sink, lexicographic, in one pass over the model's
 * layers: a Bellman-Ford step per node in an order where its candidates come first). Potentials
 * close to the optimal duals leave few arcs violating, so the first solve makes far fewer
 * (mostly degenerate) pivots than from a tree of drop arcs (docs/decisions/issue-11-simplex.md).
 * Order: mentors with room (from the sink); pools with room of those mentors; covered needs (a
 * drop arc with room or an unused pair to a placed pool); full pools and full mentors (down from
 * a need that uses them); pools with room of full mentors; uncovered needs (an unused pair).
 * Arcs strictly between their bounds (a mentor's or pool's partial load, a partial backup drop)
 * are tree arcs, as a basis needs. Nodes with no such arc (a mentor without slots) hang from the root.
 */
function startingTree(
  simplex: NetworkSimplex,
  needCount: number,
  backups: number,
  arcsOf: (i: number) => readonly { arc: number; mentor: string; pool: number }[],
  costsOf: (i: number) => readonly number[],
  dropArcs: readonly { backup: number; primary: number }[],
  sink: number,
  sinkArcs: ReadonlyMap<string, number>,
  poolArc: ReadonlyMap<number, number>,
  needNodes: readonly number[],
  mentorNode: ReadonlyMap<string, number>,
  poolNodes: readonly number[],
): void {
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
  const mentorOfPool = new Map<number, number>();
  const poolsOfMentor = new Map<number, number[]>();
  // Mentors with room hang from the sink (potential 0, the sink's).
  const fullMentors: number[] = [];
  for (const [mentor, arc] of sinkArcs) {
    const node = mentorNode.get(mentor) as number;
    if (room(arc)) hang(node, arc, 0, 0, 0);
    else if (carries(arc)) fullMentors.push(node);
  }
  // Who uses each pool (the mentor itself without topic limits), and each pool's mentor.
  const users = new Map<number, { need: number; arc: number; cost: number }[]>();
  for (let i = 0; i < needCount; i++) {
    const arcs = arcsOf(i);
    const costs = costsOf(i);
    arcs.forEach(({ arc, mentor, pool }, j) => {
      if (poolArc.size > 0 && !mentorOfPool.has(pool)) {
        const mentorAt = mentorNode.get(mentor) as number;
        mentorOfPool.set(pool, mentorAt);
        const pools = poolsOfMentor.get(mentorAt);
        if (pools === undefined) poolsOfMentor.set(mentorAt, [pool]);
        else pools.push(pool);
      }
      if (!carries(arc)) return;
      const list = users.get(pool);
      const entry = { need: needNodes[i] as number, arc, cost: costs[j] as number };
      if (list === undefined) users.set(pool, [entry]);
      else list.push(entry);
    });
  }
  // Pools with room of mentors with room hang from their mentor.
  for (const [pool, mentorAt] of mentorOfPool) {
    const arc = poolArc.get(pool) as number;
    if (placedNode[mentorAt] && room(arc)) hang(pool, arc, primary[mentorAt] as number, backup[mentorAt] as number, cost[mentorAt] as number);
  }
  // Covered needs: the drop arc with room or the unused pair to a placed pool giving the largest potential.
  for (let i = 0; i < needCount; i++) {
    const node = needNodes[i] as number;
    const drops = dropArcs[i] as { backup: number; primary: number };
    const backupFlow = drops.backup >= 0 ? simplex.flow(drops.backup) : 0;
    if (simplex.flow(drops.primary) > 0) continue;
    if (drops.backup >= 0 && backupFlow > 0 && backupFlow < backups) {
      hang(node, drops.backup, 0, -1, 0);
      continue;
    }
    let best = drops.primary;
    let bp = -1;
    let bb = 0;
    let bc = 0;
    if (drops.backup >= 0 && backupFlow < backups) {
      best = drops.backup;
      bp = 0;
      bb = -1;
    }
    const arcs = arcsOf(i);
    const costs = costsOf(i);
    for (let j = 0; j < arcs.length; j++) {
      const { arc, pool } = arcs[j] as { arc: number; pool: number };
      if (carries(arc) || !placedNode[pool]) continue;
      const p = primary[pool] as number;
      const b = backup[pool] as number;
      const c = (cost[pool] as number) - (costs[j] as number);
      if (p > bp || (p === bp && (b > bb || (b === bb && c > bc)))) {
        best = arc;
        bp = p;
        bb = b;
        bc = c;
      }
    }
    hang(node, best, bp, bb, bc);
  }
  const isAbove = (need: number, c: number, than: { need: number; cost: number }): boolean => {
    const p = primary[need] as number;
    const b = backup[need] as number;
    const tp = primary[than.need] as number;
    const tb = backup[than.need] as number;
    return p > tp || (p === tp && (b > tb || (b === tb && c > (cost[than.need] as number) + than.cost)));
  };
  if (poolArc.size === 0) {
    for (const mentorAt of fullMentors) hangFromUserNode(mentorAt);
  } else {
    // Full pools (any mentor) hang from a user; a full mentor from the pool into it whose user gives the largest potential.
    for (const [pool] of mentorOfPool) if (!placedNode[pool] && !room(poolArc.get(pool) as number)) hangFromUserNode(pool);
    for (const mentorAt of fullMentors) {
      let bestPool = -1;
      let bestUser: { need: number; arc: number; cost: number } | undefined;
      for (const pool of poolsOfMentor.get(mentorAt) ?? []) {
        if (!carries(poolArc.get(pool) as number)) continue;
        const user = bestUserOf(pool);
        if (user === undefined) continue;
        if (bestUser === undefined || isAbove(user.need, (cost[user.need] as number) + user.cost, bestUser)) {
          bestUser = user;
          bestPool = pool;
        }
      }
      if (bestUser === undefined) continue;
      const p = primary[bestUser.need] as number;
      const b = backup[bestUser.need] as number;
      const c = (cost[bestUser.need] as number) + bestUser.cost;
      if (!placedNode[bestPool]) hang(bestPool, bestUser.arc, p, b, c);
      hang(mentorAt, poolArc.get(bestPool) as number, primary[bestPool] as number, backup[bestPool] as number, cost[bestPool] as number);
      // The mentor's other pools with room hang from it.
      for (const pool of poolsOfMentor.get(mentorAt) ?? []) {
        const arc = poolArc.get(pool) as number;
        if (!placedNode[pool] && room(arc)) hang(pool, arc, primary[mentorAt] as number, backup[mentorAt] as number, cost[mentorAt] as number);
      }
    }
    for (const [pool] of mentorOfPool) if (!placedNode[pool]) hangFromUserNode(pool);
  }
  function bestUserOf(node: number): { need: number; arc: number; cost: number } | undefined {
    let best: { need: number; arc: number; cost: number } | undefined;
    for (const user of users.get(node) ?? []) {
      if (!placedNode[user.need]) continue;
      if (best === undefined || isAbove(user.need, (cost[user.need] as number) + user.cost, best)) best = user;
    }
    return best;
  }
  function hangFromUserNode(node: number): void {
    const user = bestUserOf(node);
    if (user === undefined) return;
    hang(node, user.arc, primary[user.need] as number, backup[user.need] as number, (cost[user.need] as number) + user.cost);
  }
  // Uncovered needs: the unused pair to a placed pool giving the largest potential.
  for (let i = 0; i < needCount; i++) {
    const node = needNodes[i] as number;
    if (placedNode[node]) continue;
    const arcs = arcsOf(i);
    const costs = costsOf(i);
    let best = -1;
    let bp = 0;
    let bb = 0;
    let bc = 0;
    for (let j = 0; j < arcs.length; j++) {
      const { arc, pool } = arcs[j] as { arc: number; pool: number };
      if (!placedNode[pool] || !room(arc)) continue;
      const p = primary[pool] as number;
      const b = backup[pool] as number;
      const c = (cost[pool] as number) - (costs[j] as number);
      if (best < 0 || p > bp || (p === bp && (b > bb || (b === bb && c > bc)))) {
        best = arc;
        bp = p;
        bb = b;
        bc = c;
      }
    }
    if (best >= 0) hang(node, best, bp, bb, bc);
  }
}
