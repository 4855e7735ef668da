/**
 * What one relaxation of the rules would gain, measured from the solved plan without solving it
 * again: augmenting paths (Ford & Fulkerson 1956; Ahuja, Magnanti & Orlin 1993, sec. 6.4) from the
 * plan's own flow, in the graph the relaxation changes.
 *
 * Why this is exact (docs/decisions.md, "Relaxation gains are measured from the plan"): in the lexicographic optimum the number
 * of needs with a primary mentor is the maximum b-matching of needs to mentors (each need at most
 * one unit, mentor capacities, per-topic pool limits), and the units delivered (primaries plus
 * backups) are the maximum flow of the same graph with a supply of 1 + backups per need and at
 * most one unit per need-mentor pair. (From a maximum matching, augmenting paths reach a maximum
 * flow; along such a path every need but the first keeps its inflow and the first gains a unit, so
 * no covered need loses its mentor: the two maxima are reached together.) Coverage gains ignore
 * costs, so each gain is the increase of a maximum matching and of a maximum flow, and both are
 * found by augmenting the plan's primaries (matching) and the plan's pairs (flow) in the changed
 * graph. A path in the changed graph must use a changed arc whose tail the plan's residual graph
 * already reaches from a need short of units, or end at a mentor a leaving need frees that it
 * reaches: relaxations whose changes lie outside that reach gain nothing and cost no search.
 *
 * The search (Level) is built for national networks, where a need lists over a thousand mentors and
 * almost every need lies in one deficient region: Kuhn-style passes with marks kept for a pass, a
 * "next unentered mentor" set per scan order instead of walking lists (EnteredSet), and each need's
 * list built (by the typed-array scan) only when its scan's bound shows it could reach a pool not
 * yet entered or an open one. Cost per relaxation: a few passes (a pass that finds nothing ends
 * it), each about O(needs + pools) plus the lists it has to build; a capacity raise stops at the
 * room of the raised mentor's reached pools. docs/decisions.md, "Relaxation gains at national
 * scale" and "Relaxation gains, second round".
 */
import type { TwinningNetwork } from "../model/network.js";
import type { Topic } from "../model/types.js";
import type { CoreResult } from "./solvePlan.js";
import type { EligibilityContext, EligibilityRules } from "./eligibility.js";
import { EnteredSet } from "./enteredSet.js";
import { isPinnedNeed } from "./needs.js";
import { type ResolvedOptions, rulesFor, topicLimitOf, withoutWithdrawn } from "./planOptions.js";

/** The broken invariant of a list outside its walk (an internal error). */
const NOT_WALKED = " is not among the mentors its scan walks";

/** A relaxation as a change of the flow graph. */
export type GraphChange =
  | { kind: "capacity"; mentor: string; by: number }
  /** Every pool of one topic takes `by` more units (a per-topic limit raised; topicCapacity). */
  | { kind: "topic-capacity"; topic: string; by: number }
  /** New eligibility rules for one topic; `highPerformerRule` when the bar changed (needs may leave). */
  | { kind: "rules"; topic: string; options: ResolvedOptions; highPerformerRule: boolean };

export interface Gains {
  /** Change in needs met: needs with a primary mentor plus self-sufficient needs. */
  primaryGain: number;
  /** Change in units met: primary and backup pairs, plus 1 + backups per self-sufficient need. */
  coverageGain: number;
}


/**
 * The mentors a need's scan walks (network indices, best score first) and how many leading ones
 * pass the gap rule (CandidateScanner.reach): every eligible mentor is among members[0, passing).
 */
type Reach = { members: Int32Array; passing: number; order: number };

/**
 * A need's candidate list: the positions in its reach's members of its eligible mentors, ascending
 * (for a pinned need, which has no reach, the pools it may use). Typed and flat: at national scale
 * a need has over a thousand eligible mentors.
 */
type PoolList = Int32Array;

/** Where a search takes needs' lists from: the plan's rules, or changed rules for one topic. */
interface ListSource {
  list(need: number): PoolList;
  reach(need: number): Reach | null;
}

/** Needs, mentors and pools shared by the two levels; candidate lists built on demand. */
class PlanGraph {
  readonly mentorIndex = new Map<string, number>();
  readonly capacity: number[] = [];
  /** Per mentor: its position in network.institutions. */
  readonly mentorNetwork: number[] = [];
  readonly mentorPools: number[][] = [];
  readonly poolMentor: number[] = [];
  readonly poolLimit: number[] = [];
  /** Per pool: its topic (by number). */
  readonly poolTopic: number[] = [];
  /** Per topic number: its pools, and its pools by the mentor's network index (-1: none). */
  readonly topicPools: number[][] = [];
  readonly poolByNetwork: Int32Array[] = [];
  readonly #topicNumbers = new Map<string, number>();
  /** Per topic number: its pools by mentor. */
  readonly #poolsOfTopic: Map<number, number>[] = [];
  /** Per need: its topic's number. */
  readonly needTopic: Int32Array;
  readonly #baseLists: (PoolList | undefined)[];
  readonly needsByTopic = new Map<string, number[]>();
  readonly #effective: ResolvedOptions;

  readonly #network: TwinningNetwork;
  readonly #options: ResolvedOptions;
  readonly #context: EligibilityContext;

  constructor(
    network: TwinningNetwork,
    options: ResolvedOptions,
    readonly core: CoreResult,
    context: EligibilityContext,
  ) {
    this.#network = network;
    this.#options = options;
    this.#context = context;
    for (const [mentor, capacity] of core.capacity) this.mentorOf(mentor, capacity);
    this.#baseLists = new Array<PoolList | undefined>(core.needs.length);
    this.needTopic = new Int32Array(core.needs.length);
    core.needs.forEach((need, i) => {
      const list = this.needsByTopic.get(need.topic) ?? [];
      list.push(i);
      this.needsByTopic.set(need.topic, list);
      this.needTopic[i] = this.topicNumber(need.topic);
    });
    this.#effective = withoutWithdrawn(network, options);
    for (const topic of this.needsByTopic.keys()) {
      for (const [i, reach] of this.ensurePools(topic, rulesFor(topic, this.#effective))) this.#baseReaches[i] = reach;
    }
  }

  topicNumber(topic: string): number {
    let number = this.#topicNumbers.get(topic);
    if (number === undefined) {
      number = this.topicPools.length;
      this.#topicNumbers.set(topic, number);
      this.topicPools.push([]);
      this.poolByNetwork.push(new Int32Array(this.#network.institutions.length).fill(-1));
      this.#poolsOfTopic.push(new Map());
    }
    return number;
  }

  mentorOf(mentor: string, capacity = 0): number {
    let index = this.mentorIndex.get(mentor);
    if (index === undefined) {
      index = this.capacity.length;
      this.mentorIndex.set(mentor, index);
      this.capacity.push(capacity);
      this.mentorNetwork.push(this.#context.scanner.indexOf(mentor));
      this.mentorPools.push([]);
    }
    return index;
  }

  /** The pool of a mentor on a topic (the mentor's per-topic limit; no limit without topicCapacity). */
  poolOf(mentor: number, topic: string): number {
    const number = this.topicNumber(topic);
    const byMentor = this.#poolsOfTopic[number] as Map<number, number>;
    let pool = byMentor.get(mentor);
    if (pool === undefined) {
      pool = this.poolMentor.length;
      byMentor.set(mentor, pool);
      this.poolMentor.push(mentor);
      const limit = this.#options.topicCapacity;
      this.poolLimit.push(limit === undefined ? Number.POSITIVE_INFINITY : topicLimitOf(limit, topic));
      this.poolTopic.push(number);
      (this.topicPools[number] as number[]).push(pool);
      const index = this.mentorNetwork[mentor] as number;
      if (index >= 0) (this.poolByNetwork[number] as Int32Array)[index] = pool;
      (this.mentorPools[mentor] as number[]).push(pool);
    }
    return pool;
  }

  /** Per need: 1 if pinned (its list is the pin). */
  #pinned: Uint8Array | undefined;

  isPinned(i: number): boolean {
    // A pinned need's options are its pin alone (solveCore), so the first option tells.
    this.#pinned ??= Uint8Array.from(this.core.needs, (need) => (isPinnedNeed(need) ? 1 : 0));
    return this.#pinned[i] === 1;
  }

  /** Need i's list under the plan's rules (see PoolList): the plan's if complete, else a scan. */
  baseList(i: number): PoolList {
    let list = this.#baseLists[i];
    if (list === undefined) {
      const need = this.core.needs[i] as CoreResult["needs"][number];
      const reach = this.baseReach(i);
      // The plan's list is complete unless the solver pruned it (or cannot say it did not).
      const complete = reach === null || (this.core.pruned !== undefined && !this.core.pruned.has(i));
      if (reach === null) {
        list = Int32Array.from(need.options, (option) => this.poolOf(this.mentorOf(option.candidate.mentor), need.topic));
      } else if (complete) {
        const positions = this.positionsIn(reach.members);
        const scanner = this.#context.scanner;
        list = Int32Array.from(need.options, (option) => positions[scanner.indexOf(option.candidate.mentor)] as number).sort();
        // Every eligible mentor is a member (see Reach): a candidate outside would be a broken invariant, not a smaller list.
        if (list.length > 0 && (list[0] as number) < 0) throw new Error(`relaxation gains: a candidate of the plan${NOT_WALKED}`);
      } else {
        list = this.#evaluate(i, rulesFor(need.topic, this.#effective), reach);
      }
      this.#baseLists[i] = list;
    }
    return list;
  }

  readonly #baseReaches: (Reach | null | undefined)[] = [];

  /** The bound on need i's plan list (see ListSource). */
  baseReach(i: number): Reach | null {
    let reach = this.#baseReaches[i];
    if (reach === undefined) {
      const need = this.core.needs[i] as CoreResult["needs"][number];
      reach = this.reachUnder(i, rulesFor(need.topic, this.#effective));
      this.#baseReaches[i] = reach;
    }
    return reach;
  }

  /** The bound on need i's list under these rules for its topic (none for a pinned need). */
  reachUnder(i: number, rules: EligibilityRules): Reach | null {
    if (this.isPinned(i)) return null;
    const need = this.core.needs[i] as CoreResult["needs"][number];
    const { members, passing } = this.#context.scanner.reach(need.institution, this.#network.topic(need.topic) as Topic, rules);
    return { members, passing, order: this.orderOf(members) };
  }

  /** The plan's lists. */
  readonly base: ListSource = { list: (i) => this.baseList(i), reach: (i) => this.baseReach(i) };

  /** The scan orders met (members arrays, see Reach), numbered: each order's positions by network index (-1: not a member). */
  readonly #orders = new Map<Int32Array, number>();
  readonly orderPositions: Int32Array[] = [];

  /** The number of a scan order (made on first sight). */
  orderOf(members: Int32Array): number {
    let order = this.#orders.get(members);
    if (order === undefined) {
      order = this.orderPositions.length;
      const positions = new Int32Array(this.#network.institutions.length).fill(-1);
      for (let p = 0; p < members.length; p++) positions[members[p] as number] = p;
      this.#orders.set(members, order);
      this.orderPositions.push(positions);
    }
    return order;
  }

  /** Positions in `members` by network index (-1: not a member). */
  positionsIn(members: Int32Array): Int32Array {
    return this.orderPositions[this.orderOf(members)] as Int32Array;
  }

  /** Need i's list under other rules for its topic, given its reach under them (pinned needs keep their pin). */
  listUnder(i: number, rules: EligibilityRules, reach: Reach | null): PoolList {
    if (reach === null) return this.baseList(i);
    return this.#evaluate(i, rules, reach);
  }

  /** Mentor indices by network index (-1: not asked yet). */
  #mentorByNetworkIndex: Int32Array | undefined;

  #mentorAt(index: number): number {
    const institutions = this.#network.institutions;
    this.#mentorByNetworkIndex ??= new Int32Array(institutions.length).fill(-1);
    let mentor = this.#mentorByNetworkIndex[index] as number;
    if (mentor < 0) {
      mentor = this.mentorOf((institutions[index] as (typeof institutions)[number]).id);
      this.#mentorByNetworkIndex[index] = mentor;
    }
    return mentor;
  }

  /** The mentor pools the scans walked for (see ensurePools), per topic: each walk's members once. */
  readonly #walked = new Map<string, Set<Int32Array>>();

  /**
   * Creates the pool of every mentor a list of this topic's needs could hold under these rules:
   * every mentor their scans walk (CandidateScanner.reach: a superset of the eligible ones), and
   * pinned mentors. The search relies on it: a need whose topic has no pool left to enter in a
   * pass has no arc to follow, and its list need not be built (see Level).
   */
  ensurePools(topic: string, rules: EligibilityRules): Map<number, Reach | null> {
    const reaches = new Map<number, Reach | null>();
    let walked = this.#walked.get(topic);
    if (walked === undefined) {
      walked = new Set();
      this.#walked.set(topic, walked);
    }
    const spec = this.#network.topic(topic) as Topic;
    for (const i of this.needsByTopic.get(topic) ?? []) {
      const need = this.core.needs[i] as CoreResult["needs"][number];
      if (this.isPinned(i)) {
        for (const option of need.options) this.poolOf(this.mentorOf(option.candidate.mentor), topic);
        reaches.set(i, null);
        continue;
      }
      const { members, passing } = this.#context.scanner.reach(need.institution, spec, rules);
      const reach = { members, passing, order: this.orderOf(members) };
      reaches.set(i, reach);
      if (walked.has(reach.members)) continue;
      walked.add(reach.members);
      for (const index of reach.members) this.poolOf(this.#mentorAt(index), topic);
    }
    return reaches;
  }

  /**
   * The positions in reach.members of need i's eligible mentors under these rules, from the
   * typed-array scan (the same set as evaluate), by network index.
   */
  #evaluate(i: number, rules: EligibilityRules, reach: Reach): PoolList {
    const need = this.core.needs[i] as CoreResult["needs"][number];
    const positions = this.positionsIn(reach.members);
    // At most `passing` mentors are eligible (see Reach).
    let list = new Int32Array(reach.passing);
    let length = 0;
    // An infinite limit: the scan visits every eligible mentor (the same set as evaluate).
    this.#context.scanner.scan(need.institution, this.#network.topic(need.topic) as Topic, rules, this.#options.weights, (_mentor, _pair, index) => {
      if (length === list.length) list = roomFor(list, length + 1);
      list[length++] = positions[index] as number;
      return Number.POSITIVE_INFINITY;
    });
    list = list.slice(0, length).sort();
    if (length > 0 && (list[0] as number) < 0) throw new Error(`relaxation gains: an eligible mentor${NOT_WALKED}`);
    return list;
  }
}

/** A raise searched for: a mentor's capacity, or the limit of every pool of a topic (topic number; -1 for none), and the slots added. */
type Raise = { mentor: number; topic: number; by: number };

/** Marks, in the undo log, a need taken out of the plan (no pool is ever this negative). */
const TAKEN_OUT = Number.MIN_SAFE_INTEGER;

/** A copy of `array` with room for `size` entries (doubling), new entries 0. */
function roomFor<A extends Int32Array>(array: A, size: number): A {
  if (array.length >= size) return array;
  const grown = new Int32Array(Math.max(size, 2 * array.length)) as A;
  grown.set(array);
  return grown;
}

/** The first position in `list` at or after `from` whose value is >= `value` (binary search). */
function lowerBound(list: Int32Array, value: number, from: number): number {
  let low = from;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * One level: the matching (supply 1, the plan's primaries) or the flow (supply 1 + backups, all
 * pairs), with the augmenting-path search.
 *
 * The search first runs a pass, as in Kuhn's matching algorithm with marks kept for a whole pass
 * (like a phase of Hopcroft & Karp 1973, without their layering): depth-first searches from each
 * short need, every node entered at most once, each path found applied at once. A path found is a
 * path of the current graph, so the flow stays feasible; a pass that finds nothing has entered
 * every node the short needs reach and met no room: the labelling proof that the flow is maximum
 * (Ahuja, Magnanti & Orlin 1993, sec. 6.5). If it found paths, one sweep follows in which failed
 * searches keep their marks for good and successful ones take theirs back (see dead and
 * forgetSearch): it ends with the same proof. Open pools (room in the pool and in its mentor) are
 * never entered, so one search can end many paths at the same mentor.
 *
 * Candidate lists are dense at national scale (a need lists over a thousand mentors, and every
 * arc walked in every pass of every relaxation was the whole cost), so a need does not walk its
 * list. A need's list is a set of positions in the order its scan walks mentors (CandidateScanner
 * .reach: best first, one order per kind and rule set), all of them below the scan's bound
 * `passing`. A pass keeps, per scan order, the set of positions whose pool is entered (EnteredSet:
 * "next unentered" in a few word reads; the usual way to search a dense or complement graph
 * without walking its arcs, and a position can leave it again when a sweep takes a search's marks
 * back); a need walks the unentered positions below its
 * bound and intersects them with its sorted list by binary search, entering all its unentered
 * pools at once (children are marked when found, not when explored, so one need with a long list
 * uses up its order's pools). Open pools are marked entered and checked apart, by their positions:
 * only those below the need's bound that it does not hold can end a path there. So a need whose
 * order has no unentered position and no open pool below its bound costs O(1) and needs no list, and
 * lists (scans) are built only for the needs that can still move something: a pass costs about
 * O(needs + pools) instead of O(arcs).
 */
class Level {
  readonly units: number[][];
  readonly holders: number[][] = [];
  readonly mentorLoad: number[] = [];
  readonly removed: Uint8Array;
  /**
   * The unit operations since the plan's state, so a relaxation can be undone: need and pool per
   * operation, the pool stored as ~pool for a removal and TAKEN_OUT for a need taken out.
   */
  readonly #logNeed: number[] = [];
  readonly #logPool: number[] = [];
  // The depth-first stack, reused between searches: node, next position (for a need: its next
  // pending child, -1 before it is expanded), and for a need the start of its pending range.
  #stackNode = new Int32Array(64);
  #stackPosition = new Int32Array(64);
  #stackListPosition = new Int32Array(64);
  /** Pools entered from needs on the stack, not yet explored (each need's range starts at its stackListPosition). */
  #pending = new Int32Array(64);
  #pendingTop = 0;
  /** Needs short of units in the plan: the only places an augmenting path can start. */
  readonly #short: number[];
  /**
   * What the plan's residual graph reaches from the short needs (the nodes the proving pass of the
   * constructor entered). A path starts in it and stays in it until it uses a changed arc, so a
   * change none of whose arcs or freed mentors lie in it gains nothing and costs no search.
   */
  readonly #reachedNeed: Uint8Array;
  #reachedMentor = new Uint8Array(0);
  #reachedPool = new Uint8Array(0);
  /** False when a path exists in the plan's own graph (the plan is not maximal: heuristic modes). */
  readonly maximal: boolean;
  // Pass marks (the pass number when entered: no clearing between passes).
  #pass = 0;
  /**
   * The marks of the searches that failed before the first path of a search's first pass: what
   * they entered reaches no room, and never will in this search (a closed set of the residual
   * graph without room stays so when a path outside it is augmented; a path cannot enter it, or
   * it would not leave), so later passes skip it. -1: none.
   */
  #dead = -1;
  /** Bumped when a pass starts: the unentered sets are rebuilt when next met. */
  #generation = 0;
  /** The mentor whose capacity, or the topic whose pools' limits, the current search raises (-1: none), and by how much. */
  #raisedMentor = -1;
  #raisedTopic = -1;
  #raisedBy = 0;
  /** The pass whose start decided the open pools (see openIn). */
  #openStamp = 0;
  /** Whether the current search logs what it enters (until the first path of a first pass). */
  #logging = false;
  #entered = new Int32Array(64);
  #enteredTop = 0;
  #needSeen: Int32Array;
  #poolSeen = new Int32Array(0);
  #mentorSeen = new Int32Array(0);
  // The search tree: how each node was entered.
  #needFrom: Int32Array;
  #poolFromNeed = new Int32Array(0);
  #poolFromMentor = new Int32Array(0);
  #mentorFrom = new Int32Array(0);
  /**
   * Per members array (see Reach) met in this pass: the positions whose pool is entered (or open),
   * for "the next member whose pool is not entered" (see the class comment); and per topic the
   * arrays met, which entering a pool (or taking a search's marks back) updates.
   */
  #unentered: (EnteredSet | undefined)[] = [];
  #unenteredPass: number[] = [];
  #ordersOfTopic: number[][] = [];
  /** The pass in which a pool was open when the pass began (see openPools). */
  #openIn = new Int32Array(0);
  /**
   * Per topic: the open pools (room in the pool and in its mentor) when the pass began. A path ends
   * at the first one a need lists, so they are never entered: they are marked entered in the
   * unentered sets, which then run out once the other pools are entered, and each need checks them
   * apart, skipping its list when its scan's bound shows it lists none (see expand).
   */
  #openPools: number[][] = [];
  /** Per members array (see Reach): the positions of open pools' mentors in it, ascending, this pass. */
  #openPositions: (Int32Array | undefined)[] = [];
  /** Per order: a union-find over its open positions skipping those whose pool has closed since the pass began. */
  #openSkip: (Int32Array | undefined)[] = [];
  #openPass: number[] = [];

  readonly #graph: PlanGraph;

  constructor(graph: PlanGraph, readonly supply: number, primaryOnly: boolean) {
    this.#graph = graph;
    const { core } = graph;
    const N = core.needs.length;
    this.units = core.needs.map(() => []);
    this.removed = new Uint8Array(N);
    this.#needSeen = new Int32Array(N);
    this.#needFrom = new Int32Array(N);
    core.needs.forEach((need, i) => {
      const mentors = core.chosen.get(need.key) ?? [];
      for (const mentor of primaryOnly ? mentors.slice(0, 1) : mentors) this.#add(i, graph.poolOf(graph.mentorOf(mentor), need.topic));
    });
    this.#short = [];
    for (let i = 0; i < N; i++) if ((this.units[i] as number[]).length < supply) this.#short.push(i);
    this.#logNeed.length = 0;
    this.#logPool.length = 0;
    // One pass from every short need: none found proves the plan maximal, and what it entered is
    // what the plan's residual graph reaches.
    this.maximal = this.#augmentAll(this.#short, graph.base, null, 1) === 0;
    this.reset();
    const pass = this.#pass;
    this.#reachedNeed = new Uint8Array(N);
    for (let i = 0; i < N; i++) {
      if (this.#needSeen[i] !== pass) continue;
      this.#reachedNeed[i] = 1;
    }
    this.#reachedMentor = new Uint8Array(graph.capacity.length);
    for (let mentor = 0; mentor < graph.capacity.length; mentor++) if (this.#mentorSeen[mentor] === pass) this.#reachedMentor[mentor] = 1;
    this.#reachedPool = new Uint8Array(graph.poolMentor.length);
    for (let pool = 0; pool < graph.poolMentor.length; pool++) if (this.#poolSeen[pool] === pass) this.#reachedPool[pool] = 1;
  }

  /** Augments from the plan's short needs (see augmentAll). */
  augment(search: ListSource, raised: Raise | null, limit = Number.POSITIVE_INFINITY): number {
    return this.#augmentAll(this.#short, search, raised, limit);
  }

  /**
   * The units a full mentor's pools that the plan's residual graph reaches can still take (their
   * per-topic limits less their holders; infinite without topicCapacity): a raise of this
   * mentor's capacity gains at most this much. Cut argument (Ahuja, Magnanti & Orlin 1993, sec.
   * 6.5): the plan's minimum cut is what its residual graph reaches; taking the mentor out of it
   * leaves a cut of the raised graph whose capacity is the plan's flow, less the mentor's load
   * (its capacity: it is reached and full), plus the limits of its reached pools.
   */
  poolRoom(mentor: number): number {
    let room = 0;
    for (const pool of this.#graph.mentorPools[mentor] as number[]) {
      if (this.#reachedPool[pool] !== 1) continue;
      const holders = this.holders[pool];
      room += Math.max(0, (this.#graph.poolLimit[pool] as number) - (holders === undefined ? 0 : holders.length));
    }
    return room;
  }

  /** Whether the plan's residual graph reaches this mentor from a short need (see reachedNeed). */
  reachesMentor(mentor: number): boolean {
    return this.#reachedMentor[mentor] === 1;
  }

  /** Whether any need of this list is reached (see reachedNeed). */
  reachesAny(needs: readonly number[]): boolean {
    return needs.some((need) => this.#reachedNeed[need] === 1);
  }

  #add(need: number, pool: number, logged = true): void {
    (this.units[need] as number[]).push(pool);
    while (this.holders.length <= pool) this.holders.push([]);
    (this.holders[pool] as number[]).push(need);
    const mentor = this.#graph.poolMentor[pool] as number;
    while (this.mentorLoad.length <= mentor) this.mentorLoad.push(0);
    this.mentorLoad[mentor] = (this.mentorLoad[mentor] as number) + 1;
    if (logged) {
      this.#logNeed.push(need);
      this.#logPool.push(pool);
    }
  }

  #remove(need: number, pool: number, logged = true): void {
    const units = this.units[need] as number[];
    units.splice(units.indexOf(pool), 1);
    const holders = this.holders[pool] as number[];
    holders.splice(holders.indexOf(need), 1);
    const mentor = this.#graph.poolMentor[pool] as number;
    this.mentorLoad[mentor] = (this.mentorLoad[mentor] as number) - 1;
    if (logged) {
      this.#logNeed.push(need);
      this.#logPool.push(~pool);
    }
  }

  /** Takes a need out of the plan (it became self-sufficient); returns the units it held. */
  takeOut(need: number): number {
    const held = [...(this.units[need] as number[])];
    for (const pool of held) this.#remove(need, pool);
    this.removed[need] = 1;
    this.#logNeed.push(need);
    this.#logPool.push(TAKEN_OUT);
    return held.length;
  }

  /** Undoes everything since the plan's state. */
  reset(): void {
    for (let k = this.#logNeed.length - 1; k >= 0; k--) {
      const need = this.#logNeed[k] as number;
      const pool = this.#logPool[k] as number;
      if (pool === TAKEN_OUT) this.removed[need] = 0;
      else if (pool >= 0) this.#remove(need, pool, false);
      else this.#add(need, ~pool, false);
    }
    this.#logNeed.length = 0;
    this.#logPool.length = 0;
  }

  /** Starts a pass: fresh marks, every pool unentered. */
  #newPass(): void {
    this.#pass++;
    this.#generation++;
    const graph = this.#graph;
    this.#growPools();
    this.#growMentors();
    this.#ordersOfTopic = graph.topicPools.map(() => []);
    this.#openPools = graph.topicPools.map(() => []);
    this.#openStamp = this.#pass;
    // A pool is open only if its mentor has room: most mentors are full, so walk mentors first
    // (the open lists are sorted by position where they are used: their order does not matter).
    const mentors = graph.capacity.length;
    for (let mentor = 0; mentor < mentors; mentor++) {
      if (!this.#mentorHasRoom(mentor)) continue;
      for (const pool of graph.mentorPools[mentor] as number[]) {
        if (!this.#isOpen(pool)) continue;
        (this.#openPools[graph.poolTopic[pool] as number] as number[]).push(pool);
        this.#openIn[pool] = this.#pass;
      }
    }
  }

  #growPools(): void {
    const pools = this.#graph.poolMentor.length;
    if (this.#poolSeen.length < pools) {
      this.#poolSeen = roomFor(this.#poolSeen, pools);
      this.#poolFromNeed = roomFor(this.#poolFromNeed, pools);
      this.#poolFromMentor = roomFor(this.#poolFromMentor, pools);
      this.#openIn = roomFor(this.#openIn, pools);
    }
  }

  /** Whether a pool has room, and its mentor too: a path that reaches it ends there. */
  #isOpen(pool: number): boolean {
    const holders = this.holders[pool];
    if ((holders === undefined ? 0 : holders.length) >= this.#poolLimit(pool)) return false;
    return this.#mentorHasRoom(this.#graph.poolMentor[pool] as number);
  }

  /** A pool's per-topic limit (raised in a topic-capacity relaxation's search). */
  #poolLimit(pool: number): number {
    const graph = this.#graph;
    return (graph.poolLimit[pool] as number) + (graph.poolTopic[pool] === this.#raisedTopic ? this.#raisedBy : 0);
  }

  /** Whether a mentor takes another unit (its capacity, raised in a capacity relaxation's search). */
  #mentorHasRoom(mentor: number): boolean {
    return (this.mentorLoad[mentor] ?? 0) < (this.#graph.capacity[mentor] as number) + (mentor === this.#raisedMentor ? this.#raisedBy : 0);
  }

  /** The positions in `members` of open pools' mentors, ascending (see openPools). */
  #openPositionsIn(topic: number, order: number): Int32Array {
    let open = this.#openPositions[order];
    if (open === undefined || this.#openPass[order] !== this.#pass) {
      const graph = this.#graph;
      const positions = graph.orderPositions[order] as Int32Array;
      const found: number[] = [];
      for (const pool of this.#openPools[topic] as number[]) {
        const position = positions[graph.mentorNetwork[graph.poolMentor[pool] as number] as number] as number;
        if (position >= 0) found.push(position);
      }
      open = Int32Array.from(found).sort();
      this.#openPositions[order] = open;
      this.#openPass[order] = this.#pass;
      const skip = new Int32Array(open.length + 1);
      for (let k = 0; k <= open.length; k++) skip[k] = k;
      this.#openSkip[order] = skip;
    }
    return open;
  }

  #growMentors(): void {
    const mentors = this.#graph.capacity.length;
    if (this.#mentorSeen.length < mentors) {
      this.#mentorSeen = roomFor(this.#mentorSeen, mentors);
      this.#mentorFrom = roomFor(this.#mentorFrom, mentors);
    }
    while (this.mentorLoad.length < mentors) this.mentorLoad.push(0);
  }

  /**
   * The unentered set of a members array of a topic (see unentered), made when a pass first meets
   * it: the pools entered so far and the open ones are marked entered.
   */
  #unenteredIn(topic: number, order: number, size: number): EnteredSet {
    let next = this.#unentered[order];
    if (next === undefined || this.#unenteredPass[order] !== this.#generation) {
      const graph = this.#graph;
      if (next === undefined) next = new EnteredSet(size);
      else next.reset(size);
      const positions = graph.orderPositions[order] as Int32Array;
      const pass = this.#pass;
      for (const pool of graph.topicPools[topic] as number[]) {
        const seen = this.#poolSeen[pool];
        // Open pools are marked entered while they are open (one that closed is an ordinary pool).
        if (seen !== pass && seen !== this.#dead && !(this.#openIn[pool] === this.#openStamp && this.#isOpen(pool))) continue;
        const position = positions[graph.mentorNetwork[graph.poolMentor[pool] as number] as number] as number;
        if (position >= 0) next.enter(position);
      }
      this.#unentered[order] = next;
      this.#unenteredPass[order] = this.#generation;
      (this.#ordersOfTopic[topic] as number[]).push(order);
    }
    return next;
  }

  /** The first root >= k of a "next" union-find (path halving: Tarjan & van Leeuwen 1984); see openSkip. */
  static #find(next: Int32Array, k: number): number {
    let node = k;
    let parent = next[node] as number;
    while (parent !== node) {
      const grand = next[parent] as number;
      next[node] = grand;
      node = grand;
      parent = next[node] as number;
    }
    return node;
  }

  /** Enters a pool in this pass (in every unentered set of its topic met so far). */
  #enter(pool: number): void {
    if (pool >= this.#poolSeen.length) this.#growPools();
    this.#poolSeen[pool] = this.#pass;
    if (this.#logging) this.#logEntered(pool);
    const graph = this.#graph;
    const topic = graph.poolTopic[pool] as number;
    const index = graph.mentorNetwork[graph.poolMentor[pool] as number] as number;
    for (const order of this.#ordersOfTopic[topic] ?? []) {
      const position = (graph.orderPositions[order] as Int32Array)[index] as number;
      if (position >= 0) (this.#unentered[order] as EnteredSet).enter(position);
    }
  }

  /**
   * Augments until no path is left or `limit` units were added; returns the units added (see the
   * class comment). `search` gives the needs' lists, `raised` a mentor's added capacity.
   */
  #augmentAll(sources: readonly number[], search: ListSource, raised: Raise | null, limit = Number.POSITIVE_INFINITY): number {
    this.#raisedMentor = raised === null ? -1 : raised.mentor;
    this.#raisedTopic = raised === null ? -1 : raised.topic;
    this.#raisedBy = raised === null ? 0 : raised.by;
    let total = 0;
    this.#dead = -1;
    const exhaustive = !Number.isFinite(limit);
    // An exhaustive search keeps the marks of its first pass's failures before the first path (see dead).
    this.#logging = exhaustive;
    for (let round = 0; ; round++) {
      // After a first pass that found paths, an exhaustive search ends in one sweep (see sweep).
      const sweep = exhaustive && round > 0;
      this.#newPass();
      if (sweep) this.#logging = true;
      let found = 0;
      for (const source of raised !== null ? this.#nearFirst(sources, search) : sources) {
        // A source an earlier search of this pass entered was expanded then, with every arc out of
        // it followed: searching from it again finds no path this pass can find (the pass's marks
        // stand, and no pool opens during a pass), so it is skipped; a pass that finds nothing
        // still ends with its marks closed and holding every source (the labelling proof).
        if (this.#needSeen[source] === this.#pass || this.#needSeen[source] === this.#dead) continue;
        while (total < limit && !this.removed[source] && (this.units[source] as number[]).length < this.supply) {
          if (this.#needSeen[source] === this.#dead || (sweep && this.#needSeen[source] === this.#pass)) break;
          const end = this.#depthFirst(source, search);
          if (end < 0) break;
          this.#apply(end);
          this.#releaseClosed(end);
          if (sweep) this.#forgetSearch();
          else if (this.#logging) this.#keepFailures();
          found++;
          total++;
        }
        if (total >= limit) return total;
      }
      if (found === 0 || sweep) return total;
    }
  }

  /**
   * In a sweep, a search that found a path takes its marks back (what it entered may reach room
   * now); the marks of failed searches stay: by the argument of `dead`, they never reach room in
   * this search. So the sweep tries each source until it fails, and when it ends every source has
   * failed on a closed set without room: the flow is maximum, however many paths it found. A
   * sweep pays a search per path, where passes pay a pass per round of disjoint paths: at 20,000
   * institutions of one kind with capacity 2 a high-performer relaxation took ~1,000 passes.
   */
  #forgetSearch(): void {
    const N = this.units.length;
    const graph = this.#graph;
    for (let k = 0; k < this.#enteredTop; k++) {
      const node = this.#entered[k] as number;
      if (node >= 0) {
        this.#poolSeen[node] = 0;
        // Left again in the unentered sets met (a pool entered is never open: no open mark to keep).
        const index = graph.mentorNetwork[graph.poolMentor[node] as number] as number;
        for (const order of this.#ordersOfTopic[graph.poolTopic[node] as number] ?? []) {
          const position = (graph.orderPositions[order] as Int32Array)[index] as number;
          if (position >= 0) (this.#unentered[order] as EnteredSet).leave(position);
        }
      } else if (node >= -N) this.#needSeen[-1 - node] = 0;
      else this.#mentorSeen[-1 - N - node] = 0;
    }
    this.#enteredTop = 0;
  }

  /**
   * After a path ended at this mentor: its pools that were open when the pass began and are now
   * closed become ordinary pools, unentered in the sets met (as a rebuild would make them), so
   * later searches of the pass can enter them. Only the path's last mentor gains a unit.
   */
  #releaseClosed(mentor: number): void {
    const graph = this.#graph;
    const index = graph.mentorNetwork[mentor] as number;
    for (const pool of graph.mentorPools[mentor] as number[]) {
      if (this.#openIn[pool] !== this.#openStamp || this.#isOpen(pool)) continue;
      const seen = this.#poolSeen[pool];
      if (seen === this.#pass || seen === this.#dead) continue;
      for (const order of this.#ordersOfTopic[graph.poolTopic[pool] as number] ?? []) {
        const position = (graph.orderPositions[order] as Int32Array)[index] as number;
        if (position >= 0) (this.#unentered[order] as EnteredSet).leave(position);
      }
    }
  }

  #logEntered(node: number): void {
    if (this.#enteredTop >= this.#entered.length) this.#entered = roomFor(this.#entered, this.#enteredTop + 1);
    this.#entered[this.#enteredTop++] = node;
  }

  /**
   * At the first path of a first pass: the marks so far are failures' (see dead) but for the
   * path's own search, whose nodes move on to a fresh pass number (still entered: the unentered
   * sets do not change).
   */
  #keepFailures(): void {
    const N = this.units.length;
    this.#dead = this.#pass;
    this.#pass++;
    for (let k = 0; k < this.#enteredTop; k++) {
      const node = this.#entered[k] as number;
      if (node >= 0) this.#poolSeen[node] = this.#pass;
      else if (node >= -N) this.#needSeen[-1 - node] = this.#pass;
      else this.#mentorSeen[-1 - N - node] = this.#pass;
    }
    this.#enteredTop = 0;
    this.#logging = false;
  }

  /**
   * The sources, those whose scan's bound covers an open pool first: a raise's search (a mentor's
   * pools, or a topic's, are the open ones) finds the direct paths before it wanders the reach,
   * and one that stops after `limit` paths stops sooner (a topic raise at 8,000 institutions of one
   * kind: about a fifth faster). The order changes which paths are found, not how many.
   */
  #nearFirst(sources: readonly number[], search: ListSource): number[] {
    const near: number[] = [];
    const far: number[] = [];
    for (const source of sources) {
      const reach = search.reach(source);
      const open = reach === null ? undefined : this.#openPositionsIn(this.#graph.needTopic[source] as number, reach.order);
      if (reach !== null && open !== undefined && open.length > 0 && (open[0] as number) < reach.passing) near.push(source);
      else far.push(source);
    }
    return near.concat(far);
  }

  #push(depth: number, node: number): void {
    if (depth >= this.#stackNode.length) {
      this.#stackNode = roomFor(this.#stackNode, depth + 1);
      this.#stackPosition = roomFor(this.#stackPosition, depth + 1);
      this.#stackListPosition = roomFor(this.#stackListPosition, depth + 1);
    }
    this.#stackNode[depth] = node;
    // A need starts unexpanded (-1); its pending children begin at the stack's top.
    this.#stackPosition[depth] = node >= 0 && node < this.units.length ? -1 : 0;
    this.#stackListPosition[depth] = this.#pendingTop;
  }

  /**
   * Enters the pools of a need's list not yet entered in this pass (pushing them on the pending
   * stack, with the need as their parent), or returns the mentor with room one of them reaches
   * (-1 if none). The topic's unentered pools are walked with the unentered set, intersected with the
   * sorted list by binary search; the list is built only if the topic has a pool left.
   */
  #expand(need: number, search: ListSource): number {
    const graph = this.#graph;
    const topic = graph.needTopic[need] as number;
    const held = this.units[need] as number[];
    const reach = search.reach(need);
    if (reach === null) {
      // A pinned need: its one pool.
      for (const pool of search.list(need)) {
        if (held.includes(pool) || this.#poolSeen[pool] === this.#pass || this.#poolSeen[pool] === this.#dead) continue;
        if (this.#isOpen(pool)) return this.#endAt(need, pool);
        this.#enterFrom(need, pool);
      }
      return -1;
    }
    const { members, passing } = reach;
    const poolByNetwork = graph.poolByNetwork[topic] as Int32Array;
    let listed: PoolList | undefined;
    // Open pools within the scan's bound, but for those the need holds: the list is needed only then.
    const open = this.#openPositionsIn(topic, reach.order);
    const skip = this.#openSkip[reach.order] as Int32Array;
    // Pools that closed in this pass (their mentor filled) are skipped for good: without that, a
    // pass that fills many mentors walks them again at every need (seen at 20,000 institutions).
    for (let k = Level.#find(skip, 0); k < open.length; k = Level.#find(skip, k + 1)) {
      const position = open[k] as number;
      if (position >= passing) break;
      const pool = poolByNetwork[members[position] as number] as number;
      if (!this.#isOpen(pool)) {
        skip[k] = k + 1;
        continue;
      }
      if (held.includes(pool)) continue;
      listed ??= search.list(need);
      const at = lowerBound(listed, position, 0);
      if (at < listed.length && listed[at] === position) return this.#endAt(need, pool);
    }
    const next = this.#unenteredIn(topic, reach.order, members.length);
    let candidate = next.next(0);
    if (candidate >= passing) return -1;
    listed ??= search.list(need);
    let at = 0;
    for (;;) {
      at = lowerBound(listed, candidate, at);
      if (at >= listed.length) return -1;
      const position = listed[at] as number;
      if (position !== candidate) {
        candidate = next.next(position);
        if (candidate >= passing) return -1;
        continue;
      }
      at++;
      const pool = poolByNetwork[members[position] as number] as number;
      candidate = next.next(position + 1);
      if (!held.includes(pool)) {
        // Open pools are marked entered; one that opened in this pass (none do) would end a path.
        if (this.#isOpen(pool)) return this.#endAt(need, pool);
        this.#enterFrom(need, pool);
      }
      if (candidate >= passing) return -1;
    }
  }

  /** Ends the search's path at an open pool (it stays unentered: later paths may end there too). */
  #endAt(need: number, pool: number): number {
    const mentor = this.#graph.poolMentor[pool] as number;
    this.#poolFromNeed[pool] = need;
    this.#mentorFrom[mentor] = pool;
    return mentor;
  }

  /** Enters a pool from a need and leaves it on the pending stack. */
  #enterFrom(need: number, pool: number): void {
    this.#enter(pool);
    this.#poolFromNeed[pool] = need;
    if (this.#pendingTop >= this.#pending.length) this.#pending = roomFor(this.#pending, this.#pendingTop + 1);
    this.#pending[this.#pendingTop++] = this.units.length + pool;
  }

  /**
   * One depth-first search from a short need (iterative: paths can be thousands of nodes long):
   * the mentor with room the path found ends at, or -1. Nodes: needs i, pools N + p, mentors -1 - j.
   */
  #depthFirst(source: number, search: ListSource): number {
    const graph = this.#graph;
    const pass = this.#pass;
    const dead = this.#dead;
    const N = this.units.length;
    this.#needSeen[source] = pass;
    this.#needFrom[source] = -1;
    this.#enteredTop = 0;
    if (this.#logging) this.#logEntered(-1 - source);
    this.#pendingTop = 0;
    this.#push(0, source);
    let depth = 1;
    while (depth > 0) {
      const top = depth - 1;
      const node = this.#stackNode[top] as number;
      let child = 0;
      let entered = false;
      if (node >= 0 && node < N) {
        let position = this.#stackPosition[top] as number;
        if (position < 0) {
          // First time on top: enter every pool of its list not yet entered in this pass at once
          // (marking children when found, not when explored, so one need with a long list uses up
          // its topic's pools and the needs met later skip theirs), or end the path at one with room.
          const end = this.#expand(node, search);
          if (end >= 0) return end;
          position = this.#stackListPosition[top] as number;
        }
        if (position < this.#pendingTop) {
          this.#stackPosition[top] = position + 1;
          child = this.#pending[position] as number;
          entered = true;
        } else {
          // Every child explored: its range of the pending stack is free again.
          this.#pendingTop = this.#stackListPosition[top] as number;
        }
      } else if (node >= N) {
        const pool = node - N;
        const holders = (this.holders[pool] as number[] | undefined) ?? [];
        let position = this.#stackPosition[top] as number;
        if (position === 0) {
          position = 1;
          const mentor = graph.poolMentor[pool] as number;
          // Entered from a need, the pool passes the need on to its (full) mentor if it has room itself.
          if (holders.length < this.#poolLimit(pool) && this.#mentorSeen[mentor] !== pass && this.#mentorSeen[mentor] !== dead) {
            this.#mentorSeen[mentor] = pass;
            if (this.#logging) this.#logEntered(-1 - N - mentor);
            this.#mentorFrom[mentor] = pool;
            child = -1 - mentor;
            entered = true;
          }
        }
        while (!entered && position - 1 < holders.length) {
          const other = holders[position - 1] as number;
          position++;
          if (this.#needSeen[other] === pass || this.#needSeen[other] === dead) continue;
          this.#needSeen[other] = pass;
          if (this.#logging) this.#logEntered(-1 - other);
          this.#needFrom[other] = pool;
          child = other;
          entered = true;
        }
        this.#stackPosition[top] = position;
      } else {
        // A full mentor: a holder of any of its pools may give its unit up.
        const mentor = -1 - node;
        const pools = graph.mentorPools[mentor] as number[];
        let position = this.#stackPosition[top] as number;
        while (position < pools.length) {
          const pool = pools[position++] as number;
          if (this.#poolSeen[pool] === pass || this.#poolSeen[pool] === dead || ((this.holders[pool] as number[] | undefined)?.length ?? 0) === 0) continue;
          this.#enter(pool);
          this.#poolFromNeed[pool] = -1;
          this.#poolFromMentor[pool] = mentor;
          child = N + pool;
          entered = true;
          break;
        }
        this.#stackPosition[top] = position;
      }
      if (entered) {
        this.#push(depth, child);
        depth++;
      } else {
        depth--;
      }
    }
    return -1;
  }

  /** Applies the path that ends at mentor `end` (read back through the search's parents). */
  #apply(end: number): void {
    // Walk back: a pool entered from a need gains that need's unit; a need entered from a pool
    // gives up its unit there; a pool entered from its mentor passes on to the mentor's parent.
    let pool = this.#mentorFrom[end] as number;
    for (;;) {
      const need = this.#poolFromNeed[pool] as number;
      if (need >= 0) {
        this.#add(need, pool);
        const from = this.#needFrom[need] as number;
        if (from < 0) break;
        this.#remove(need, from);
        pool = from;
      } else {
        pool = this.#mentorFrom[this.#poolFromMentor[pool] as number] as number;
      }
    }
  }
}

/** Gains of relaxations of one solved plan; build once, ask for each relaxation. */
export class RelaxationGains {
  readonly #graph: PlanGraph;
  readonly #matching: Level;
  readonly #flow: Level;
  readonly #backups: number;

  readonly #network: TwinningNetwork;
  readonly #context: EligibilityContext;

  constructor(network: TwinningNetwork, options: ResolvedOptions, core: CoreResult, context: EligibilityContext) {
    this.#network = network;
    this.#context = context;
    this.#graph = new PlanGraph(network, options, core, context);
    this.#backups = options.backups;
    this.#matching = new Level(this.#graph, 1, true);
    this.#flow = options.backups === 0 ? this.#matching : new Level(this.#graph, 1 + options.backups, false);
  }

  /** Whether the plan is maximal at both levels (false in the heuristic modes): gains need a re-solve then. */
  get exact(): boolean {
    return this.#matching.maximal && this.#flow.maximal;
  }

  /** The gains of one change, or undefined when this method cannot measure it (then re-solve). */
  gains(change: GraphChange): Gains | undefined {
    const graph = this.#graph;
    if (change.kind === "capacity") {
      const mentor = graph.mentorIndex.get(change.mentor);
      if (mentor === undefined) return { primaryGain: 0, coverageGain: 0 };
      const run = (level: Level): number => {
        // Every path ends at this mentor (no other has room the short needs reach), through arcs
        // of the plan's graph: none if the plan's residual graph does not reach it.
        if (!level.reachesMentor(mentor)) return 0;
        // At most `by` paths end there, and at most the room its pools have (topicCapacity): the
        // search stops there (see poolRoom), and proves the maximum by a pass only below it.
        const limit = Math.min(change.by, level.poolRoom(mentor));
        if (limit === 0) return 0;
        const gained = level.augment(graph.base, { mentor, topic: -1, by: change.by }, limit);
        level.reset();
        return gained;
      };
      const primaryGain = run(this.#matching);
      return { primaryGain, coverageGain: this.#flow === this.#matching ? primaryGain : run(this.#flow) };
    }
    if (change.kind === "topic-capacity") {
      const topic = graph.topicNumber(change.topic);
      const topicNeeds = graph.needsByTopic.get(change.topic) ?? [];
      const run = (level: Level): number => {
        // Only the topic's needs have arcs into its pools, so a path uses a raised pool after one
        // of them, which the plan's residual graph must reach: otherwise no path exists.
        if (!level.reachesAny(topicNeeds)) return 0;
        const gained = level.augment(graph.base, { mentor: -1, topic, by: change.by });
        level.reset();
        return gained;
      };
      const primaryGain = run(this.#matching);
      return { primaryGain, coverageGain: this.#flow === this.#matching ? primaryGain : run(this.#flow) };
    }
    const { topic } = change;
    const rules = rulesFor(topic, withoutWithdrawn(this.#network, change.options));
    const topicNeeds = graph.needsByTopic.get(topic) ?? [];
    const leaving: number[] = [];
    if (change.highPerformerRule) {
      // EligibilityContext.isHighPerformer, with the topic's set looked up once.
      const period = this.#context.periodFor(topic, rules);
      const performers = period === undefined ? undefined : this.#context.performersIn(topic, period, rules.rule);
      const isHighPerformer = (institution: string): boolean => performers?.has(institution) === true;
      // A lower bar must keep every high performer (relaxRule's changes do); otherwise re-solve.
      for (const need of graph.core.selfSufficient) {
        if (need.topic === topic && !isHighPerformer(need.institution)) return undefined;
      }
      for (const i of topicNeeds) {
        if (graph.isPinned(i)) continue;
        if (isHighPerformer((graph.core.needs[i] as CoreResult["needs"][number]).institution)) leaving.push(i);
      }
    }
    // The topic's lists under the new rules, built when a search first needs one, shared by the levels.
    const reaches = graph.ensurePools(topic, rules);
    const topicNumber = graph.topicNumber(topic);
    const lists = new Map<number, PoolList>();
    const reachOf = (i: number): Reach | null => {
      let reach = reaches.get(i);
      if (reach === undefined) {
        reach = graph.reachUnder(i, rules);
        reaches.set(i, reach);
      }
      return reach;
    };
    const changed: ListSource = {
      list: (i) => {
        if (graph.needTopic[i] !== topicNumber) return graph.baseList(i);
        let pools = lists.get(i);
        if (pools === undefined) {
          pools = graph.listUnder(i, rules, reachOf(i));
          lists.set(i, pools);
        }
        return pools;
      },
      reach: (i) => (graph.needTopic[i] === topicNumber ? reachOf(i) : graph.baseReach(i)),
    };
    const run = (level: Level, perLeaving: number): number => {
      // A path uses a changed arc (its tail a need of the topic) or ends at a mentor a leaving need
      // frees: either lies in what the plan's residual graph reaches, or no path exists.
      const freed = leaving.flatMap((i) => (level.units[i] as number[]).map((pool) => graph.poolMentor[pool] as number));
      const touched = level.reachesAny(topicNeeds) || freed.some((mentor) => level.reachesMentor(mentor));
      let gained = 0;
      for (const i of leaving) gained += perLeaving - level.takeOut(i);
      if (touched) gained += level.augment(changed, null);
      level.reset();
      return gained;
    };
    const primaryGain = run(this.#matching, 1);
    return { primaryGain, coverageGain: this.#flow === this.#matching ? primaryGain : run(this.#flow, 1 + this.#backups) };
  }
}
