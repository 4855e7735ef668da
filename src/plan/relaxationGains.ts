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
 * graph. A path in the changed graph must use a changed arc, whose tail the plan's residual graph
 * already reaches from a need short of units: relaxations whose changes lie outside that region
 * gain nothing and cost no search.
 *
 * Candidate lists are built lazily, only for needs a search reaches: the plan's lists where they
 * are complete, context.evaluate otherwise (pruned lists, and every need of a topic whose rules a
 * relaxation changes).
 *
 * Cost per relaxation: a few passes over the regions it touches (each pass O(E_R), E_R their arcs;
 * at most gain + 1 passes), plus building the candidate lists of the needs reached, once.
 */
import { DisjointSets } from "../core/disjointSets.js";
import type { TwinningNetwork } from "../model/network.js";
import type { Topic } from "../model/types.js";
import type { CoreResult } from "./solvePlan.js";
import type { EligibilityContext, EligibilityRules } from "./eligibility.js";
import { type ResolvedOptions, capacityOf, rulesFor, withoutWithdrawn } from "./planOptions.js";

/** A relaxation as a change of the flow graph. */
export type GraphChange =
  | { kind: "capacity"; mentor: string; by: number }
  /** New eligibility rules for one topic; `highPerformerRule` when the bar changed (needs may leave). */
  | { kind: "rules"; topic: string; options: ResolvedOptions; highPerformerRule: boolean };

export interface Gains {
  /** Change in needs met: needs with a primary mentor plus self-sufficient needs. */
  primaryGain: number;
  /** Change in units met: primary and backup pairs, plus 1 + backups per self-sufficient need. */
  coverageGain: number;
}


/** Needs, mentors and pools shared by the two levels; candidate lists built on demand. */
class PlanGraph {
  readonly mentorIndex = new Map<string, number>();
  readonly capacity: number[] = [];
  readonly mentorPools: number[][] = [];
  readonly poolMentor: number[] = [];
  readonly poolLimit: number[] = [];
  private readonly poolsByTopic = new Map<string, Map<number, number>>();
  private readonly baseLists: (number[] | undefined)[];
  readonly needsByTopic = new Map<string, number[]>();
  private readonly effective: ResolvedOptions;

  constructor(
    private readonly network: TwinningNetwork,
    private readonly options: ResolvedOptions,
    readonly core: CoreResult,
    private readonly context: EligibilityContext,
  ) {
    for (const [mentor, capacity] of core.capacity) this.mentorOf(mentor, capacity);
    this.baseLists = new Array<number[] | undefined>(core.needs.length);
    core.needs.forEach((need, i) => {
      const list = this.needsByTopic.get(need.topic) ?? [];
      list.push(i);
      this.needsByTopic.set(need.topic, list);
    });
    this.effective = withoutWithdrawn(network, options);
  }

  mentorOf(mentor: string, capacity = 0): number {
    let index = this.mentorIndex.get(mentor);
    if (index === undefined) {
      index = this.capacity.length;
      this.mentorIndex.set(mentor, index);
      this.capacity.push(capacity);
      this.mentorPools.push([]);
    }
    return index;
  }

  /** The pool of a mentor on a topic (the mentor's per-topic limit; no limit without topicCapacity). */
  poolOf(mentor: number, topic: string): number {
    let byMentor = this.poolsByTopic.get(topic);
    if (byMentor === undefined) {
      byMentor = new Map();
      this.poolsByTopic.set(topic, byMentor);
    }
    let pool = byMentor.get(mentor);
    if (pool === undefined) {
      pool = this.poolMentor.length;
      byMentor.set(mentor, pool);
      this.poolMentor.push(mentor);
      const limit = this.options.topicCapacity;
      this.poolLimit.push(limit === undefined ? Number.POSITIVE_INFINITY : capacityOf(limit, topic, Number.MAX_SAFE_INTEGER, "topicCapacity", "assignPartners"));
      (this.mentorPools[mentor] as number[]).push(pool);
    }
    return pool;
  }

  private isPinned(i: number): boolean {
    return (this.core.needs[i]?.options ?? []).some((option) => option.pinned);
  }

  /** The pools need i may use under the plan's rules: its complete candidate list. */
  baseList(i: number): number[] {
    let list = this.baseLists[i];
    if (list === undefined) {
      const need = this.core.needs[i] as CoreResult["needs"][number];
      // The plan's list is complete unless the solver pruned it (or cannot say it did not).
      const complete = this.isPinned(i) || (this.core.pruned !== undefined && !this.core.pruned.has(i));
      list = complete ? need.options.map((option) => this.poolOf(this.mentorOf(option.candidate.mentor), need.topic)) : this.evaluate(i, rulesFor(need.topic, this.effective));
      this.baseLists[i] = list;
    }
    return list;
  }

  /** The pools need i may use under other rules for its topic (pinned needs keep their pin). */
  listUnder(i: number, rules: EligibilityRules): number[] {
    if (this.isPinned(i)) return this.baseList(i);
    return this.evaluate(i, rules);
  }

  /** Mentor indices by network index (-1: not asked yet). */
  private mentorByNetworkIndex: Int32Array | undefined;

  /**
   * The pools of need i's eligible mentors under these rules, in network order (evaluate's order),
   * from the typed-array scan; mentors and pools found by network index, not by id.
   */
  private evaluate(i: number, rules: EligibilityRules): number[] {
    const need = this.core.needs[i] as CoreResult["needs"][number];
    const found: number[] = [];
    // An infinite limit: the scan visits every eligible mentor (the same set as evaluate).
    this.context.scanner.scan(need.institution, this.network.topic(need.topic) as Topic, rules, this.options.weights, (_mentor, _cost, _score, _gap, _gapInSD, _distance, _sameGroup, index) => {
      found.push(index);
      return Number.POSITIVE_INFINITY;
    });
    const institutions = this.network.institutions;
    this.mentorByNetworkIndex ??= new Int32Array(institutions.length).fill(-1);
    const byIndex = this.mentorByNetworkIndex;
    const pools = this.topicPools(need.topic);
    const sorted = Int32Array.from(found).sort();
    const list = new Array<number>(sorted.length);
    for (let k = 0; k < sorted.length; k++) {
      const index = sorted[k] as number;
      let mentor = byIndex[index] as number;
      if (mentor < 0) {
        mentor = this.mentorOf((institutions[index] as (typeof institutions)[number]).id);
        byIndex[index] = mentor;
      }
      list[k] = pools.get(mentor) ?? this.poolOf(mentor, need.topic);
    }
    return list;
  }

  /** The pools of a topic by mentor (see poolOf). */
  private topicPools(topic: string): Map<number, number> {
    let byMentor = this.poolsByTopic.get(topic);
    if (byMentor === undefined) {
      byMentor = new Map();
      this.poolsByTopic.set(topic, byMentor);
    }
    return byMentor;
  }
}

/** Marks, in the undo log, a need taken out of the plan (no pool is ever this negative). */
const TAKEN_OUT = Number.MIN_SAFE_INTEGER;

/** One level: the matching (supply 1, the plan's primaries) or the flow (supply 1 + backups, all pairs). */
class Level {
  readonly units: number[][];
  readonly holders: number[][] = [];
  readonly mentorLoad: number[] = [];
  readonly removed: Uint8Array;
  /**
   * The unit operations since the plan's state, so a relaxation can be undone: need and pool per
   * operation, the pool stored as ~pool for a removal and TAKEN_OUT for a need taken out.
   */
  private readonly logNeed: number[] = [];
  private readonly logPool: number[] = [];
  // The depth-first stack, reused between searches (nodes and their next arc's position).
  private readonly stackNode: number[] = [];
  private readonly stackPosition: number[] = [];
  /** Needs short of units in the plan: the only places an augmenting path can start. */
  private readonly short: number[];
  /**
   * Regions: what the plan's residual graph reaches from the short needs, split into parts that no
   * arc joins (union-find over search labels). A path that starts in one region stays in it until
   * it uses a changed arc, so a change is searched from the short needs of the regions it touches.
   */
  private readonly regionOfNeed: number[] = [];
  private readonly regionOfMentor = new Map<number, number>();
  private regionOfPool: number[] = [];
  /** For each pool of the regions, the needs of the regions that list it (the arcs into it). */
  private readonly listers: number[][] = [];
  // Backward search state: the next node towards the target.
  private readonly nextOfNeed: number[] = [];
  private readonly nextOfPool: number[] = [];
  private readonly nextOfMentor: number[] = [];
  private readonly regionsOfTopic = new Map<string, Set<number>>();
  private readonly sourcesOfRegion = new Map<number, number[]>();
  /** False when a path exists in the plan's own graph (the plan is not maximal: heuristic modes). */
  readonly maximal: boolean;
  // Search state (stamps avoid clearing).
  private stamp = 0;
  private pass = 0;
  private readonly dead = { need: [] as number[], pool: [] as number[], mentor: [] as number[] };
  private needSeen: number[] = [];
  private needFrom: number[] = [];
  private poolSeen: number[] = [];
  private poolFromNeed: number[] = [];
  private poolFromMentor: number[] = [];
  private mentorSeen: number[] = [];
  private mentorFrom: number[] = [];

  constructor(private readonly graph: PlanGraph, readonly supply: number, primaryOnly: boolean) {
    const { core } = graph;
    this.units = core.needs.map(() => []);
    this.removed = new Uint8Array(core.needs.length);
    core.needs.forEach((need, i) => {
      const mentors = core.chosen.get(need.key) ?? [];
      for (const mentor of primaryOnly ? mentors.slice(0, 1) : mentors) this.add(i, graph.poolOf(graph.mentorOf(mentor), need.topic));
    });
    this.short = [];
    for (let i = 0; i < this.units.length; i++) if ((this.units[i] as number[]).length < supply) this.short.push(i);
    this.logNeed.length = 0;
    this.logPool.length = 0;
    this.maximal = this.search(this.short, () => undefined, () => 0) === undefined;
    if (this.maximal) this.label();
  }

  /** Labels the regions (see above). */
  private label(): void {
    const graph = this.graph;
    const sets = new DisjointSets();
    const needLabel: number[] = [];
    const poolLabel: number[] = [];
    const mentorLabel: number[] = [];
    for (const source of this.short) {
      if (needLabel[source] !== undefined) continue;
      const label = sets.add();
      // Each node is entered once; meeting another label joins the two.
      const visit = (labels: number[], node: number): boolean => {
        const seen = labels[node];
        if (seen === undefined) {
          labels[node] = label;
          return true;
        }
        sets.union(seen, label);
        return false;
      };
      const needs: number[] = [source];
      needLabel[source] = label;
      const pools: number[] = [];
      const enterPool = (pool: number) => {
        if (!visit(poolLabel, pool)) return;
        pools.push(pool);
      };
      for (let n = 0, p = 0; n < needs.length || p < pools.length; ) {
        if (n < needs.length) {
          const need = needs[n++] as number;
          const held = this.units[need] as number[];
          for (const pool of graph.baseList(need)) if (!held.includes(pool)) enterPool(pool);
          continue;
        }
        const pool = pools[p++] as number;
        for (const other of (this.holders[pool] as number[] | undefined) ?? []) if (visit(needLabel, other)) needs.push(other);
        const mentor = graph.poolMentor[pool] as number;
        if (((this.holders[pool] as number[] | undefined)?.length ?? 0) < (graph.poolLimit[pool] as number) && visit(mentorLabel, mentor)) {
          for (const next of graph.mentorPools[mentor] as number[]) if (((this.holders[next] as number[] | undefined)?.length ?? 0) > 0) enterPool(next);
        }
      }
    }
    needLabel.forEach((label, need) => {
      for (const pool of graph.baseList(need)) {
        while (this.listers.length <= pool) this.listers.push([]);
        (this.listers[pool] as number[]).push(need);
      }
      const region = sets.find(label);
      this.regionOfNeed[need] = region;
      const topic = graph.core.needs[need]?.topic as string;
      this.regionsOfTopic.set(topic, (this.regionsOfTopic.get(topic) ?? new Set()).add(region));
    });
    this.regionOfPool = poolLabel;
    mentorLabel.forEach((label, mentor) => {
      this.regionOfMentor.set(mentor, sets.find(label));
    });
    for (const source of this.short) {
      const region = this.regionOfNeed[source] as number;
      this.sourcesOfRegion.set(region, [...(this.sourcesOfRegion.get(region) ?? []), source]);
    }
  }

  /**
   * Whether new arcs from these needs lead anywhere the regions do not already reach. The regions
   * are closed under the plan's residual arcs and hold no room, so if every new arc from a need in
   * them ends in them, no augmenting path exists and the gain is 0 with no search.
   */
  opensRegions(needs: readonly number[], list: (need: number) => number[] | undefined): boolean {
    const graph = this.graph;
    for (const need of needs) {
      if (this.regionOfNeed[need] === undefined) continue;
      const held = this.units[need] as number[];
      for (const pool of list(need) ?? graph.baseList(need)) {
        if (held.includes(pool) || this.regionOfPool[pool] !== undefined) continue;
        const holders = (this.holders[pool] as number[] | undefined) ?? [];
        if (holders.some((other) => this.regionOfNeed[other] === undefined)) return true;
        if (holders.length < (graph.poolLimit[pool] as number) && !this.regionOfMentor.has(graph.poolMentor[pool] as number)) return true;
      }
    }
    return false;
  }

  /** The short needs of the regions a change touches: its mentors' regions and its topic's. */
  sourcesFor(mentors: readonly number[], topic?: string): number[] {
    const regions = new Set<number>(topic === undefined ? [] : (this.regionsOfTopic.get(topic) ?? []));
    for (const mentor of mentors) {
      const region = this.regionOfMentor.get(mentor);
      if (region !== undefined) regions.add(region);
    }
    return [...regions].sort((a, b) => a - b).flatMap((region) => this.sourcesOfRegion.get(region) ?? []);
  }

  private add(need: number, pool: number, logged = true): void {
    (this.units[need] as number[]).push(pool);
    while (this.holders.length <= pool) this.holders.push([]);
    (this.holders[pool] as number[]).push(need);
    const mentor = this.graph.poolMentor[pool] as number;
    while (this.mentorLoad.length <= mentor) this.mentorLoad.push(0);
    this.mentorLoad[mentor] = (this.mentorLoad[mentor] as number) + 1;
    if (logged) {
      this.logNeed.push(need);
      this.logPool.push(pool);
    }
  }

  private remove(need: number, pool: number, logged = true): void {
    const units = this.units[need] as number[];
    units.splice(units.indexOf(pool), 1);
    const holders = this.holders[pool] as number[];
    holders.splice(holders.indexOf(need), 1);
    const mentor = this.graph.poolMentor[pool] as number;
    this.mentorLoad[mentor] = (this.mentorLoad[mentor] as number) - 1;
    if (logged) {
      this.logNeed.push(need);
      this.logPool.push(~pool);
    }
  }

  /** Takes a need out of the plan (it became self-sufficient); returns the units it held. */
  takeOut(need: number): number {
    const held = [...(this.units[need] as number[])];
    for (const pool of held) this.remove(need, pool);
    this.removed[need] = 1;
    this.logNeed.push(need);
    this.logPool.push(TAKEN_OUT);
    return held.length;
  }

  /** Undoes everything since the plan's state. */
  reset(): void {
    for (let k = this.logNeed.length - 1; k >= 0; k--) {
      const need = this.logNeed[k] as number;
      const pool = this.logPool[k] as number;
      if (pool === TAKEN_OUT) this.removed[need] = 0;
      else if (pool >= 0) this.remove(need, pool, false);
      else this.add(need, ~pool, false);
    }
    this.logNeed.length = 0;
    this.logPool.length = 0;
  }

  /**
   * Raises `target`'s capacity by `extra` and augments: returns the units added. Every path must
   * end at the target, so each is found by a breadth-first search backwards from it, which stops
   * at the first short need (usually a few steps away); a search that finds none proves the
   * maximum. Only the regions' nodes are searched: no path leaves them (see sourcesFor).
   */
  augmentTo(target: number, extra: number): number {
    let total = 0;
    while (total < extra) {
      // One search finds the nearest short needs; each tree path is applied if it still exists (an
      // earlier path of the round may have used one of its arcs), then the search runs again. The
      // first path of a round always exists, so every round adds a unit.
      const sources = this.backward(target, extra - total);
      if (sources.length === 0) break;
      for (const source of sources) {
        if (!this.walk(source, target, false)) continue;
        this.walk(source, target, true);
        total++;
      }
    }
    return total;
  }

  /** Checks (apply false) or applies the tree path from a short need to the target. */
  private walk(source: number, target: number, apply: boolean): boolean {
    const graph = this.graph;
    if (this.removed[source] || (this.units[source] as number[]).length >= this.supply) return false;
    let need = source;
    for (;;) {
      const pool = this.nextOfNeed[need] as number;
      if (!apply && (this.units[need] as number[]).includes(pool)) return false;
      let next = this.nextOfPool[pool] as number;
      // The pool a holder gives its unit up at: this one, or another pool of its mentor.
      let from = pool;
      if (next < 0) {
        const mentor = -1 - next;
        if (!apply && ((this.holders[pool] as number[] | undefined)?.length ?? 0) >= (graph.poolLimit[pool] as number)) return false;
        if (apply) this.add(need, pool);
        if (mentor === target) return true;
        from = this.nextOfMentor[mentor] as number;
        next = this.nextOfPool[from] as number;
        // In the search tree a pool entered from its mentor leads on to one of its holders.
        if (next < 0) return false;
      } else if (apply) {
        this.add(need, pool);
      }
      if (!apply && !(this.units[next] as number[]).includes(from)) return false;
      if (apply) this.remove(next, from);
      need = next;
    }
  }

  /** The `want` short needs nearest to `target` backwards in the residual graph (fewer if there are not), with next-pointers set. */
  private backward(target: number, want: number): number[] {
    const graph = this.graph;
    const stamp = ++this.stamp;
    const queue: number[] = [-1 - target];
    const found: number[] = [];
    this.mentorSeen[target] = stamp;
    const N = this.units.length;
    for (let head = 0; head < queue.length; head++) {
      const item = queue[head] as number;
      if (item < 0) {
        // Into a mentor: from its pools with room.
        const mentor = -1 - item;
        for (const pool of graph.mentorPools[mentor] as number[]) {
          if (this.poolSeen[pool] === stamp || this.regionOfPool[pool] === undefined) continue;
          if (((this.holders[pool] as number[] | undefined)?.length ?? 0) >= (graph.poolLimit[pool] as number)) continue;
          this.poolSeen[pool] = stamp;
          this.nextOfPool[pool] = item;
          queue.push(N + pool);
        }
      } else if (item >= N) {
        // Into a pool: from the needs that list it and do not hold it, and from its mentor when it holds units.
        const pool = item - N;
        for (const need of this.listers[pool] ?? []) {
          if (this.needSeen[need] === stamp || this.removed[need]) continue;
          const units = this.units[need] as number[];
          if (units.includes(pool)) continue;
          this.needSeen[need] = stamp;
          this.nextOfNeed[need] = pool;
          if (units.length < this.supply) {
            // A short need ends a path: it is not searched through.
            found.push(need);
            if (found.length >= want) return found;
            continue;
          }
          queue.push(need);
        }
        const mentor = graph.poolMentor[pool] as number;
        if (((this.holders[pool] as number[] | undefined)?.length ?? 0) > 0 && this.mentorSeen[mentor] !== stamp && this.regionOfMentor.has(mentor)) {
          this.mentorSeen[mentor] = stamp;
          this.nextOfMentor[mentor] = pool;
          queue.push(-1 - mentor);
        }
      } else {
        // Into a need: from the pools it holds (giving a unit up).
        for (const pool of this.units[item] as number[]) {
          if (this.poolSeen[pool] === stamp) continue;
          this.poolSeen[pool] = stamp;
          this.nextOfPool[pool] = item;
          queue.push(N + pool);
        }
      }
    }
    return found;
  }

  /**
   * Augments until no path is left or `limit` units were added; returns the units added. Searches
   * are depth-first and run in passes (as in Kuhn's matching algorithm): within a pass a node whose
   * search found nothing stays dead, so a pass costs about one sweep of the region however many
   * paths it finds; a pass that adds nothing, with fresh marks, proves the flow maximum. `list`
   * gives a need's pools (undefined: the plan's), `extra` a mentor's added capacity.
   */
  augmentAll(sources: readonly number[], list: (need: number) => number[] | undefined, extra: (mentor: number) => number, limit = Number.POSITIVE_INFINITY): number {
    let total = 0;
    for (;;) {
      this.pass++;
      let found = 0;
      for (const source of sources) {
        while (total < limit && !this.removed[source] && (this.units[source] as number[]).length < this.supply) {
          const end = this.depthFirst(source, list, extra);
          if (end === undefined) break;
          this.apply(end);
          found++;
          total++;
        }
        if (total >= limit) return total;
      }
      if (found === 0) return total;
    }
  }

  /** One depth-first search from a short need (iterative: paths can be thousands of nodes long). */
  private depthFirst(source: number, list: (need: number) => number[] | undefined, extra: (mentor: number) => number): number | undefined {
    const graph = this.graph;
    const stamp = ++this.stamp;
    const pass = this.pass;
    const dead = this.dead;
    // Nodes: needs i, pools as N + p, mentors as -1 - j; each with the position of its next arc.
    const N = this.units.length;
    if (dead.need[source] === pass) return undefined;
    const nodes = this.stackNode;
    const positions = this.stackPosition;
    nodes.length = 0;
    positions.length = 0;
    nodes.push(source);
    positions.push(0);
    this.needSeen[source] = stamp;
    this.needFrom[source] = -1;
    while (nodes.length > 0) {
      const top = nodes.length - 1;
      const node = nodes[top] as number;
      let position = positions[top] as number;
      let child: number | undefined;
      if (node >= 0 && node < N) {
        const pools = list(node) ?? graph.baseList(node);
        const held = this.units[node] as number[];
        while (position < pools.length) {
          const pool = pools[position++] as number;
          if (this.poolSeen[pool] === stamp || dead.pool[pool] === pass || held.includes(pool)) continue;
          this.poolSeen[pool] = stamp;
          this.poolFromNeed[pool] = node;
          child = N + pool;
          break;
        }
      } else if (node >= N) {
        const pool = node - N;
        const holders = (this.holders[pool] as number[] | undefined) ?? [];
        if (position === 0) {
          position = 1;
          const mentor = graph.poolMentor[pool] as number;
          if (holders.length < (graph.poolLimit[pool] as number) && this.mentorSeen[mentor] !== stamp && dead.mentor[mentor] !== pass) {
            this.mentorSeen[mentor] = stamp;
            this.mentorFrom[mentor] = pool;
            if ((this.mentorLoad[mentor] ?? 0) < (graph.capacity[mentor] as number) + extra(mentor)) return mentor;
            child = -1 - mentor;
          }
        }
        while (child === undefined && position - 1 < holders.length) {
          const other = holders[position - 1] as number;
          position++;
          if (this.needSeen[other] === stamp || dead.need[other] === pass) continue;
          this.needSeen[other] = stamp;
          this.needFrom[other] = pool;
          child = other;
        }
      } else {
        const mentor = -1 - node;
        const pools = graph.mentorPools[mentor] as number[];
        while (position < pools.length) {
          const pool = pools[position++] as number;
          if (this.poolSeen[pool] === stamp || dead.pool[pool] === pass || ((this.holders[pool] as number[] | undefined)?.length ?? 0) === 0) continue;
          this.poolSeen[pool] = stamp;
          this.poolFromNeed[pool] = -1;
          this.poolFromMentor[pool] = mentor;
          child = N + pool;
          break;
        }
      }
      positions[top] = position;
      if (child !== undefined) {
        nodes.push(child);
        positions.push(0);
      } else {
        // Explored without reaching room: dead for the rest of the pass.
        if (node >= 0 && node < N) dead.need[node] = pass;
        else if (node >= N) dead.pool[node - N] = pass;
        else dead.mentor[-1 - node] = pass;
        nodes.pop();
        positions.pop();
      }
    }
    return undefined;
  }

  /** Applies the path that ends at mentor `end` (read back through the search's parents). */
  private apply(end: number): void {
    // Walk back: a pool entered from a need gains that need's unit; a need entered from a pool
    // gives up its unit there; a pool entered from its mentor passes on to the mentor's parent.
    let pool = this.mentorFrom[end] as number;
    for (;;) {
      const need = this.poolFromNeed[pool] as number;
      if (need >= 0) {
        this.add(need, pool);
        const from = this.needFrom[need] as number;
        if (from < 0) break;
        this.remove(need, from);
        pool = from;
      } else {
        pool = this.mentorFrom[this.poolFromMentor[pool] as number] as number;
      }
    }
  }

  /**
   * One breadth-first search from `sources` in the residual graph: the mentor with free capacity
   * an augmenting path ends at, or undefined (used once per level, on the plan's own graph, to
   * check that it is maximal).
   */
  private search(sources: readonly number[], list: (need: number) => number[] | undefined, extra: (mentor: number) => number): number | undefined {
    const graph = this.graph;
    this.stamp++;
    const stamp = this.stamp;
    const queue: number[] = [];
    for (const i of sources) {
      if (this.removed[i] || (this.units[i] as number[]).length >= this.supply) continue;
      this.needSeen[i] = stamp;
      this.needFrom[i] = -1;
      queue.push(i);
    }
    // Queue entries: needs as i >= 0, mentors as -1 - j.
    for (let head = 0; head < queue.length; head++) {
      const item = queue[head] as number;
      if (item >= 0) {
        const held = this.units[item] as number[];
        for (const pool of list(item) ?? graph.baseList(item)) {
          if (this.poolSeen[pool] === stamp || held.includes(pool)) continue;
          this.poolSeen[pool] = stamp;
          this.poolFromNeed[pool] = item;
          const end = this.enterPool(pool, queue, extra);
          if (end !== undefined) return end;
        }
      } else {
        const mentor = -1 - item;
        for (const pool of graph.mentorPools[mentor] as number[]) {
          if (this.poolSeen[pool] === stamp || ((this.holders[pool] as number[] | undefined)?.length ?? 0) === 0) continue;
          this.poolSeen[pool] = stamp;
          this.poolFromNeed[pool] = -1;
          this.poolFromMentor[pool] = mentor;
          this.holdersOf(pool, queue);
        }
      }
    }
    return undefined;
  }

  /** A pool just reached from a need: on to its mentor (if the pool has room) and its holders. */
  private enterPool(pool: number, queue: number[], extra: (mentor: number) => number): number | undefined {
    const graph = this.graph;
    const holders = (this.holders[pool] as number[] | undefined) ?? [];
    if (holders.length < (graph.poolLimit[pool] as number)) {
      const mentor = graph.poolMentor[pool] as number;
      if (this.mentorSeen[mentor] !== this.stamp) {
        this.mentorSeen[mentor] = this.stamp;
        this.mentorFrom[mentor] = pool;
        if ((this.mentorLoad[mentor] ?? 0) < (graph.capacity[mentor] as number) + extra(mentor)) return mentor;
        queue.push(-1 - mentor);
      }
    }
    this.holdersOf(pool, queue);
    return undefined;
  }

  private holdersOf(pool: number, queue: number[]): void {
    for (const other of (this.holders[pool] as number[] | undefined) ?? []) {
      if (this.needSeen[other] === this.stamp) continue;
      this.needSeen[other] = this.stamp;
      this.needFrom[other] = pool;
      queue.push(other);
    }
  }
}

/** Gains of relaxations of one solved plan; build once, ask for each relaxation. */
export class RelaxationGains {
  private readonly graph: PlanGraph;
  private readonly matching: Level;
  private readonly flow: Level;
  private readonly backups: number;

  constructor(private readonly network: TwinningNetwork, options: ResolvedOptions, core: CoreResult, private readonly context: EligibilityContext) {
    this.graph = new PlanGraph(network, options, core, context);
    this.backups = options.backups;
    this.matching = new Level(this.graph, 1, true);
    this.flow = options.backups === 0 ? this.matching : new Level(this.graph, 1 + options.backups, false);
  }

  /** Whether the plan is maximal at both levels (false in the heuristic modes): gains need a re-solve then. */
  get exact(): boolean {
    return this.matching.maximal && this.flow.maximal;
  }

  /** The gains of one change, or undefined when this method cannot measure it (then re-solve). */
  gains(change: GraphChange): Gains | undefined {
    const graph = this.graph;
    if (change.kind === "capacity") {
      const mentor = graph.mentorIndex.get(change.mentor);
      if (mentor === undefined) return { primaryGain: 0, coverageGain: 0 };
      const run = (level: Level): number => {
        const sources = level.sourcesFor([mentor]);
        if (sources.length === 0) return 0;
        // Only this mentor has room: at most `by` paths end there.
        const gained = level.augmentTo(mentor, change.by);
        level.reset();
        return gained;
      };
      const primaryGain = run(this.matching);
      return { primaryGain, coverageGain: this.flow === this.matching ? primaryGain : run(this.flow) };
    }
    const { topic } = change;
    const rules = rulesFor(topic, withoutWithdrawn(this.network, change.options));
    const topicNeeds = graph.needsByTopic.get(topic) ?? [];
    const leaving: number[] = [];
    if (change.highPerformerRule) {
      // A lower bar must keep every high performer (relaxRule's changes do); otherwise re-solve.
      for (const need of graph.core.selfSufficient) {
        if (need.topic === topic && !this.context.isHighPerformer(need.institution, topic, rules)) return undefined;
      }
      for (const i of topicNeeds) {
        const need = graph.core.needs[i] as CoreResult["needs"][number];
        if (need.options.some((option) => option.pinned)) continue;
        if (this.context.isHighPerformer(need.institution, topic, rules)) leaving.push(i);
      }
    }
    const lists = new Map<number, number[]>();
    const isTopic = new Set(topicNeeds);
    const list = (i: number): number[] | undefined => {
      if (!isTopic.has(i)) return undefined;
      let pools = lists.get(i);
      if (pools === undefined) {
        pools = graph.listUnder(i, rules);
        lists.set(i, pools);
      }
      return pools;
    };
    const none = () => 0;
    const run = (level: Level, perLeaving: number): number => {
      // Mentors of needs that leave get room; paths reach them from their regions or the topic's.
      const freed = leaving.flatMap((i) => (level.units[i] as number[]).map((pool) => graph.poolMentor[pool] as number));
      if (leaving.length === 0 && !level.opensRegions(topicNeeds, list)) return 0;
      const sources = level.sourcesFor(freed, topic);
      let gained = 0;
      for (const i of leaving) gained += perLeaving - level.takeOut(i);
      if (sources.length > 0) gained += level.augmentAll(sources, list, none);
      level.reset();
      return gained;
    };
    const primaryGain = run(this.matching, 1);
    return { primaryGain, coverageGain: this.flow === this.matching ? primaryGain : run(this.flow, 1 + this.backups) };
  }
}
