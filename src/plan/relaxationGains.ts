/**
 * What one relaxation of the rules would gain, measured from the solved plan without solving it
 * again: augmenting paths (Ford & Fulkerson 1956; Ahuja, Magnanti & Orlin 1993, sec. 6.4) from the
 * plan's own flow, in the graph the relaxation changes.
 *
 * Why this is exact (docs/decisions/issue-11-explain.md): in the lexicographic optimum the number
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
 * Runs in O((gain + 1) * E_R) per relaxation, E_R the arcs of the region searched.
 */
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

/** The unit operations of an augmentation, kept so a relaxation can be undone. */
type Operation = { add: boolean; need: number; pool: number };

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
      const mentors = complete ? need.options.map((option) => option.candidate.mentor) : this.evaluate(i, rulesFor(need.topic, this.effective));
      list = mentors.map((mentor) => this.poolOf(this.mentorOf(mentor), need.topic));
      this.baseLists[i] = list;
    }
    return list;
  }

  /** The pools need i may use under other rules for its topic (pinned needs keep their pin). */
  listUnder(i: number, rules: EligibilityRules): number[] {
    if (this.isPinned(i)) return this.baseList(i);
    const need = this.core.needs[i] as CoreResult["needs"][number];
    return this.evaluate(i, rules).map((mentor) => this.poolOf(this.mentorOf(mentor), need.topic));
  }

  private evaluate(i: number, rules: EligibilityRules): string[] {
    const need = this.core.needs[i] as CoreResult["needs"][number];
    return this.context.evaluate(need.institution, this.network.topic(need.topic) as Topic, rules).candidates.map((candidate) => candidate.mentor);
  }
}

/** One level: the matching (supply 1, the plan's primaries) or the flow (supply 1 + backups, all pairs). */
class Level {
  readonly units: number[][];
  readonly holders: number[][] = [];
  readonly mentorLoad: number[] = [];
  readonly removed: Uint8Array;
  private readonly log: Operation[] = [];
  /** Needs short of units in the plan: the only places an augmenting path can start. */
  private readonly short: number[];
  /** What the plan's residual graph reaches from the short needs. */
  readonly reachedMentor = new Set<number>();
  readonly reachedTopic = new Set<string>();
  /** False when a path exists in the plan's own graph (the plan is not maximal: heuristic modes). */
  readonly maximal: boolean;
  // Search state (stamps avoid clearing).
  private stamp = 0;
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
    this.log.length = 0;
    this.maximal = this.search(() => undefined, () => 0) === undefined;
    for (let j = 0; j < this.mentorSeen.length; j++) if (this.mentorSeen[j] === this.stamp) this.reachedMentor.add(j);
    for (let i = 0; i < this.needSeen.length; i++) if (this.needSeen[i] === this.stamp) this.reachedTopic.add(graph.core.needs[i]?.topic as string);
  }

  private add(need: number, pool: number, logged = true): void {
    (this.units[need] as number[]).push(pool);
    while (this.holders.length <= pool) this.holders.push([]);
    (this.holders[pool] as number[]).push(need);
    const mentor = this.graph.poolMentor[pool] as number;
    while (this.mentorLoad.length <= mentor) this.mentorLoad.push(0);
    this.mentorLoad[mentor] = (this.mentorLoad[mentor] as number) + 1;
    if (logged) this.log.push({ add: true, need, pool });
  }

  private remove(need: number, pool: number, logged = true): void {
    const units = this.units[need] as number[];
    units.splice(units.indexOf(pool), 1);
    const holders = this.holders[pool] as number[];
    holders.splice(holders.indexOf(need), 1);
    const mentor = this.graph.poolMentor[pool] as number;
    this.mentorLoad[mentor] = (this.mentorLoad[mentor] as number) - 1;
    if (logged) this.log.push({ add: false, need, pool });
  }

  /** Takes a need out of the plan (it became self-sufficient); returns the units it held. */
  takeOut(need: number): number {
    const held = [...(this.units[need] as number[])];
    for (const pool of held) this.remove(need, pool);
    this.removed[need] = 1;
    this.log.push({ add: false, need, pool: -1 });
    return held.length;
  }

  /** Undoes everything since the plan's state. */
  reset(): void {
    for (let k = this.log.length - 1; k >= 0; k--) {
      const { add, need, pool } = this.log[k] as Operation;
      if (pool === -1) this.removed[need] = 0;
      else if (add) this.remove(need, pool, false);
      else this.add(need, pool, false);
    }
    this.log.length = 0;
  }

  /**
   * One breadth-first search for an augmenting path from the short needs; applies it and returns
   * true when one exists. `list` gives a need's pools, `extra` a mentor's added capacity.
   */
  augment(list: (need: number) => number[] | undefined, extra: (mentor: number) => number): boolean {
    const end = this.search(list, extra);
    if (end === undefined) return false;
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
    return true;
  }

  /** The mentor with free capacity an augmenting path ends at, or undefined. */
  private search(list: (need: number) => number[] | undefined, extra: (mentor: number) => number): number | undefined {
    const graph = this.graph;
    this.stamp++;
    const stamp = this.stamp;
    const queue: number[] = [];
    for (const i of this.short) {
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
      const extra = (j: number) => (j === mentor ? change.by : 0);
      const run = (level: Level): number => {
        if (!level.reachedMentor.has(mentor)) return 0;
        let gained = 0;
        // Only this mentor has room: at most `by` paths end there.
        while (gained < change.by && level.augment(() => undefined, extra)) gained++;
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
      if (leaving.length === 0 && !level.reachedTopic.has(topic)) return 0;
      let gained = 0;
      for (const i of leaving) gained += perLeaving - level.takeOut(i);
      while (level.augment(list, none)) gained++;
      level.reset();
      return gained;
    };
    const primaryGain = run(this.matching, 1);
    return { primaryGain, coverageGain: this.flow === this.matching ? primaryGain : run(this.flow, 1 + this.backups) };
  }
}
