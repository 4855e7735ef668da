/**
 * assignPartners: a high-performing partner for every topic an institution chose, within mentor
 * capacities, at the least total cost, with a reason for every pair and a certificate for every
 * need left without one.
 *
 * The cost of a pair (lower is better), with weights the caller can set:
 *   cost = - gap * (mentor - mentee score, in SDs of the topic among the kind)
 *          + similarity * (resource distance, RMS of attribute differences in SDs)
 *          + group * (1 when mentor and mentee are in different groups)
 *          - keepThreshold (when the pair was in the previous plan)
 *          - preferMutual (when the mentee mentors the mentor on another topic)
 * Coverage always comes first: the solver covers as many needs as possible, then minimises cost.
 */
import { TwinningArgumentError, TwinningInfeasibleError } from "../core/errors.js";
import type { TwinningNetwork } from "../model/network.js";
import type { Topic } from "../model/types.js";
import { type Candidate, EligibilityContext, type EligibilityRules, type GroupRule, type NeedEligibility, type RemovalReason, type SimilarityOptions, round } from "./eligibility.js";
import { DEFAULT_HIGH_PERFORMER_RULE, type HighPerformerRule } from "../model/highPerformers.js";
import { solveFlowModel } from "./flowModel.js";
import { solveAssignment } from "./solveAssignment.js";
import type { Need } from "./types.js";

/** Weights of the cost of a pair: score gap, resource distance, group, priority. */
export interface PlanWeights {
  /** Weight of the performance gap (per SD): larger gaps preferred. Default 1. */
  gap?: number;
  /** Weight of the resource distance (per SD): more similar preferred. Default 1. */
  similarity?: number;
  /** Cost of pairing across groups (provinces). Default 0.5. */
  group?: number;
}

/** A pair named by mentor, mentee and topic. */
export interface PairRef {
  mentor: string;
  mentee: string;
  topic: string;
}

/** Options of assignPartners. */
export interface AssignPartnersOptions {
  /** Period whose scores decide high performers and gaps (default: the latest with scores, per topic). */
  period?: string;
  /** Who counts as a high performer (default: the top third of the kind). */
  rule?: HighPerformerRule;
  /** A mentor must beat the mentee by more than 0 and at least this much, in the topic's unit. Default 0. */
  minimumGap?: number;
  /** Pair only institutions of the same kind (default true). */
  sameKind?: boolean;
  /** Group (province) rule: `any` (default), `same` or `different`. */
  groups?: GroupRule;
  /** Resource similarity: which numeric attributes, and an optional maximum distance. */
  similarity?: SimilarityOptions;
  /** Needs (institution-topic pairs) a mentor takes in total: one number for all or per mentor. Default 3. */
  capacity?: number | Readonly<Record<string, number>>;
  /** Needs per topic a mentor takes: one number or per topic id. Default: no limit beyond `capacity`. */
  topicCapacity?: number | Readonly<Record<string, number>>;
  weights?: PlanWeights;
  /** Distinct backup mentors per need besides the primary (default 0), so a withdrawal leaves a partner. */
  backups?: number;
  /** Pairs never to form (topic optional: all topics). */
  exclude?: readonly { mentor: string; mentee: string; topic?: string }[];
  /** Pairs that must be in the plan (they bypass eligibility but count against capacity). */
  pin?: readonly PairRef[];
  /** The previous round's pairs: kept unless a change gains more than `keepThreshold`. */
  previous?: readonly PairRef[] | { readonly pairs: readonly PairRef[] };
  /** Cost units a change must gain before a previous pair is replaced. Default 0.25. */
  keepThreshold?: number;
  /** Cost bonus for mutual pairs (A helps B on one topic, B helps A on another). Default 0 (off). */
  preferMutual?: number;
  /** Most distinct mentors one mentee may have across its topics. Default: no limit. */
  maxPartners?: number;
  /**
   * `optimal` (default): maximum coverage, then least cost. `stable`: mentee-proposing deferred
   * acceptance (Gale & Shapley 1962; Roth 1984 for capacities), both sides ranking partners by the
   * pair cost: no mentee and mentor would both rather be together, possibly at lower coverage.
   */
  mode?: "optimal" | "stable";
  /** Shortfalls analysed for relaxations (each relaxation re-solves the plan). Default 20. */
  explainShortfalls?: number;
  /** Institutions that have left: they neither mentor nor need partners (used by withdrawalImpact). */
  withdrawn?: readonly string[];
  /** Per-topic overrides of the eligibility rules (used by relaxations; also open to callers). */
  topicRules?: Readonly<Record<string, Partial<Pick<AssignPartnersOptions, "rule" | "minimumGap" | "groups" | "similarity">>>>;
}

/**
 * Defaults of AssignPartnersOptions.
 * @example
 * assignPartners(network, { ...DEFAULT_ASSIGN_PARTNERS_OPTIONS, capacity: 2 })
 */
export const DEFAULT_ASSIGN_PARTNERS_OPTIONS = Object.freeze({
  rule: DEFAULT_HIGH_PERFORMER_RULE,
  minimumGap: 0,
  sameKind: true,
  groups: "any" as GroupRule,
  similarity: Object.freeze({}) as SimilarityOptions,
  capacity: 3,
  weights: Object.freeze({ gap: 1, similarity: 1, group: 0.5 }),
  backups: 0,
  keepThreshold: 0.25,
  preferMutual: 0,
  mode: "optimal" as "optimal" | "stable",
  explainShortfalls: 20,
});

/** A need with everything the solver and the explanations need. */
export interface PreparedNeed extends Need {
  key: string;
  eligibility: NeedEligibility;
  /**
   * Candidate mentors (only the pinned mentor for a pinned need): `cost` is what the solver uses,
   * `baseCost` the pair's cost without the keep and mutual bonuses (what plans report).
   */
  options: { candidate: Candidate; cost: number; baseCost: number; kept: boolean; pinned: boolean }[];
}

export interface CoreResult {
  needs: PreparedNeed[];
  selfSufficient: Need[];
  /** Per need key: the mentors chosen, cheapest first (the first is the primary). */
  chosen: Map<string, string[]>;
  shortfalls: { level: "primary" | "backup"; needs: string[]; mentors: string[]; capacity: number; deficit: number }[];
  capacity: Map<string, number>;
  optimal: boolean;
  notes: string[];
}

const needKey = (institution: string, topic: string): string => JSON.stringify([institution, topic]);

/** Options merged with the defaults, checked. */
export function resolveOptions(options: AssignPartnersOptions, functionName: string) {
  const merged = { ...DEFAULT_ASSIGN_PARTNERS_OPTIONS, ...options, weights: { ...DEFAULT_ASSIGN_PARTNERS_OPTIONS.weights, ...options.weights } };
  const bad = (message: string) => new TwinningArgumentError(functionName, message);
  for (const [name, value] of Object.entries({ minimumGap: merged.minimumGap, keepThreshold: merged.keepThreshold, preferMutual: merged.preferMutual })) {
    if (!Number.isFinite(value) || value < 0) throw bad(`${name} must be a finite number >= 0, got ${value}`);
  }
  if (!Number.isInteger(merged.backups) || merged.backups < 0) throw bad(`backups must be a whole number >= 0, got ${merged.backups}`);
  if (merged.maxPartners !== undefined && (!Number.isInteger(merged.maxPartners) || merged.maxPartners < 1)) throw bad(`maxPartners must be a whole number >= 1, got ${merged.maxPartners}`);
  for (const [name, value] of Object.entries(merged.weights)) {
    if (!Number.isFinite(value)) throw bad(`weights.${name} must be a finite number, got ${value}`);
  }
  if (!["any", "same", "different"].includes(merged.groups)) throw bad(`groups must be "any", "same" or "different", got ${JSON.stringify(merged.groups)}`);
  if (!["optimal", "stable"].includes(merged.mode)) throw bad(`mode must be "optimal" or "stable", got ${JSON.stringify(merged.mode)}`);
  if (merged.mode === "stable" && (merged.backups > 0 || merged.preferMutual > 0 || merged.maxPartners !== undefined)) {
    throw bad("mode \"stable\" does not combine with backups, preferMutual or maxPartners");
  }
  return merged;
}

export type ResolvedOptions = ReturnType<typeof resolveOptions>;

function capacityOf(value: number | Readonly<Record<string, number>> | undefined, key: string, fallback: number, what: string, functionName: string): number {
  const raw = value === undefined ? fallback : typeof value === "number" ? value : Object.hasOwn(value, key) ? value[key] : fallback;
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 0) throw new TwinningArgumentError(functionName, `${what} of ${JSON.stringify(key)} must be a whole number >= 0, got ${String(raw)}`);
  return raw;
}

export function rulesFor(topic: string, options: ResolvedOptions): EligibilityRules {
  const override = options.topicRules !== undefined && Object.hasOwn(options.topicRules, topic) ? (options.topicRules[topic] ?? {}) : {};
  return {
    ...(options.period !== undefined ? { period: options.period } : {}),
    rule: override.rule ?? options.rule,
    minimumGap: override.minimumGap ?? options.minimumGap,
    sameKind: options.sameKind,
    groups: override.groups ?? options.groups,
    similarity: override.similarity ?? options.similarity,
    exclude: options.exclude ?? [],
  };
}

/** The options with every pair mentored by a withdrawn institution excluded. */
export function withoutWithdrawn(network: TwinningNetwork, options: ResolvedOptions): ResolvedOptions {
  const withdrawn = options.withdrawn ?? [];
  if (withdrawn.length === 0) return options;
  return { ...options, exclude: [...(options.exclude ?? []), ...withdrawn.flatMap((id) => network.institutions.map((mentee) => ({ mentor: id, mentee: mentee.id })))] };
}

/** Solves a plan; everything but the explanations and relaxations. */
export function solveCore(network: TwinningNetwork, options: ResolvedOptions, functionName: string, context = new EligibilityContext(network)): CoreResult {
  if (options.period !== undefined && !network.periodIds.includes(options.period)) {
    throw new TwinningArgumentError(functionName, `unknown period ${JSON.stringify(options.period)}; expected one of ${network.periodIds.join(", ")}`);
  }
  const previous = new Set(((Array.isArray(options.previous) ? options.previous : (options.previous as { pairs?: readonly PairRef[] } | undefined)?.pairs) ?? []).map((pair) => JSON.stringify([pair.mentor, pair.mentee, pair.topic])));
  const pins = new Map<string, string>();
  for (const pin of options.pin ?? []) {
    if (!network.hasChosen(pin.mentee, pin.topic)) throw new TwinningArgumentError(functionName, `pinned pair ${pin.mentor} -> ${pin.mentee} on ${pin.topic}: ${pin.mentee} did not choose ${pin.topic}`);
    if (network.institution(pin.mentor) === undefined) throw new TwinningArgumentError(functionName, `pinned mentor ${JSON.stringify(pin.mentor)} is not an institution of the network`);
    if (pin.mentor === pin.mentee) throw new TwinningArgumentError(functionName, `pinned pair pairs ${pin.mentee} with itself`);
    pins.set(needKey(pin.mentee, pin.topic), pin.mentor);
  }
  const weights = options.weights;
  const needs: PreparedNeed[] = [];
  const selfSufficient: Need[] = [];
  const withdrawn = new Set(options.withdrawn ?? []);
  const stillIn = withoutWithdrawn(network, options);
  for (const interest of network.interests) {
    if (withdrawn.has(interest.institution)) continue;
    const topic = network.topic(interest.topic) as Topic;
    const rules = rulesFor(topic.id, stillIn);
    const key = needKey(interest.institution, interest.topic);
    const need: Need = { institution: interest.institution, topic: interest.topic, ...(interest.priority !== undefined ? { priority: interest.priority } : {}) };
    const pinned = pins.get(key);
    if (pinned === undefined && context.isHighPerformer(interest.institution, interest.topic, rules)) {
      selfSufficient.push(need);
      continue;
    }
    const eligibility = context.evaluate(interest.institution, topic, rules);
    const costOf = (candidate: Candidate) => -weights.gap * (candidate.gapInSD ?? 0) + weights.similarity * (candidate.distance ?? 0) + weights.group * (candidate.sameGroup ? 0 : 1);
    let prepared: PreparedNeed["options"];
    if (pinned !== undefined) {
      let candidate = eligibility.candidates.find((c) => c.mentor === pinned);
      if (candidate === undefined) {
        const mentor = network.institution(pinned);
        const mentee = network.institution(interest.institution);
        const mentorScore = network.score(pinned, topic.id, eligibility.period);
        if (mentor === undefined || mentee === undefined || mentorScore === undefined) {
          throw new TwinningArgumentError(functionName, `pinned mentor ${pinned} has no ${topic.id} score in ${eligibility.period}`);
        }
        const gap = eligibility.menteeScore === null ? null : (topic.higherIsBetter ? 1 : -1) * (mentorScore - eligibility.menteeScore);
        candidate = { mentor: pinned, mentorScore, gap, gapInSD: null, distance: context.distance(mentor, mentee, rules.similarity), sameGroup: mentor.group !== undefined && mentor.group === mentee.group };
      }
      prepared = [{ candidate, cost: costOf(candidate), baseCost: costOf(candidate), kept: false, pinned: true }];
    } else {
      prepared = eligibility.candidates.map((candidate) => {
        const kept = previous.size > 0 && previous.has(JSON.stringify([candidate.mentor, interest.institution, interest.topic]));
        const baseCost = costOf(candidate);
        return { candidate, cost: baseCost - (kept ? options.keepThreshold : 0), baseCost, kept, pinned: false };
      });
    }
    needs.push({ ...need, key, eligibility, options: prepared });
  }

  const capacity = new Map<string, number>();
  for (const institution of network.institutions) {
    capacity.set(institution.id, withdrawn.has(institution.id) ? 0 : capacityOf(options.capacity, institution.id, 3, "capacity", functionName));
  }
  const notes: string[] = [];
  let optimal = true;

  // Pins must fit: they bypass the solver's choice but not the capacities.
  const pinLoad = new Map<string, number>();
  for (const mentor of pins.values()) pinLoad.set(mentor, (pinLoad.get(mentor) ?? 0) + 1);
  for (const [mentor, load] of pinLoad) {
    if (load > (capacity.get(mentor) ?? 0)) throw new TwinningInfeasibleError(`${functionName}: ${load} pinned pairs for ${mentor} exceed its capacity ${capacity.get(mentor)}`);
  }

  let adjusted = needs;
  if (options.mode === "stable") {
    const stable = deferredAcceptance(needs, capacity, options, functionName);
    notes.push("stable mode: mentee-proposing deferred acceptance; no mentee and mentor both prefer each other to their partners, but coverage and cost are not optimised.");
    return { needs, selfSufficient, chosen: stable, shortfalls: [], capacity, optimal: false, notes };
  }
  let result = solveOnce(adjusted, capacity, options, functionName);
  if (options.preferMutual > 0) {
    // Mutual pairs make the objective quadratic; apply the bonus to reciprocal options and
    // re-solve until the plan stops changing (a few rounds), then say it is a heuristic.
    for (let round = 0; round < 5; round++) {
      const mentorsOf = new Map<string, Set<string>>();
      for (const need of adjusted) for (const mentor of result.chosen.get(need.key) ?? []) mentorsOf.set(need.institution, (mentorsOf.get(need.institution) ?? new Set()).add(mentor));
      const next = adjusted.map((need) => ({
        ...need,
        options: need.options.map((option) => {
          const mutual = mentorsOf.get(option.candidate.mentor)?.has(need.institution) ?? false;
          return { ...option, cost: option.baseCost - (option.kept ? options.keepThreshold : 0) - (mutual ? options.preferMutual : 0) };
        }),
      }));
      const again = solveOnce(next, capacity, options, functionName);
      const same = [...again.chosen].every(([key, mentors]) => JSON.stringify(mentors) === JSON.stringify(result.chosen.get(key)));
      adjusted = next;
      result = again;
      if (same) break;
    }
    optimal = false;
    notes.push("preferMutual makes the objective depend on pairs of pairs; the plan applies the mutual bonus by re-solving until stable, a heuristic (the coverage is still the maximum).");
  }
  if (options.maxPartners !== undefined) {
    const limit = options.maxPartners;
    for (let round = 0; round < 5; round++) {
      const byMentee = new Map<string, Map<string, number>>();
      for (const need of adjusted) for (const mentor of result.chosen.get(need.key) ?? []) {
        const counts = byMentee.get(need.institution) ?? new Map<string, number>();
        counts.set(mentor, (counts.get(mentor) ?? 0) + 1);
        byMentee.set(need.institution, counts);
      }
      const over = [...byMentee].filter(([, counts]) => counts.size > limit);
      if (over.length === 0) break;
      const allowed = new Map<string, Set<string>>();
      for (const [mentee, counts] of over) {
        const kept = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit).map(([mentor]) => mentor);
        allowed.set(mentee, new Set(kept));
      }
      adjusted = adjusted.map((need) => {
        const keep = allowed.get(need.institution);
        return keep === undefined ? need : { ...need, options: need.options.filter((option) => option.pinned || keep.has(option.candidate.mentor)) };
      });
      result = solveOnce(adjusted, capacity, options, functionName);
    }
    optimal = false;
    notes.push(`maxPartners (${limit}) is not a flow constraint; the plan keeps each mentee's most-used mentors and re-solves, a heuristic that can leave needs uncovered.`);
  }
  return { needs: adjusted, selfSufficient, chosen: result.chosen, shortfalls: result.shortfalls, capacity, optimal, notes };
}

/**
 * Mentee-proposing deferred acceptance with capacities per mentor and per mentor-topic. Both sides
 * rank by the pair cost (ties by id); a mentor over a capacity rejects its costliest held need.
 */
function deferredAcceptance(needs: readonly PreparedNeed[], capacity: Map<string, number>, options: ResolvedOptions, functionName: string): Map<string, string[]> {
  const order = needs.map((need) => [...need.options].sort((a, b) => a.cost - b.cost || (a.candidate.mentor < b.candidate.mentor ? -1 : 1)));
  const next = new Array<number>(needs.length).fill(0);
  const held = new Map<string, number[]>();
  const costOf = (index: number, mentor: string) => order[index]?.find((option) => option.candidate.mentor === mentor)?.cost ?? Number.POSITIVE_INFINITY;
  const worse = (mentor: string) => (a: number, b: number) => costOf(b, mentor) - costOf(a, mentor) || ((needs[b]?.key ?? "") < (needs[a]?.key ?? "") ? -1 : 1);
  const free = needs.map((_, index) => index);
  while (free.length > 0) {
    const index = free.shift() as number;
    const option = order[index]?.[next[index] as number];
    if (option === undefined) continue;
    next[index] = (next[index] as number) + 1;
    const mentor = option.candidate.mentor;
    const list = [...(held.get(mentor) ?? []), index];
    const topic = needs[index]?.topic ?? "";
    const topicLimit = capacityOf(options.topicCapacity, topic, Number.MAX_SAFE_INTEGER, "topicCapacity", functionName);
    const sameTopic = list.filter((i) => needs[i]?.topic === topic).sort(worse(mentor));
    let rejected: number | undefined;
    if (sameTopic.length > topicLimit) rejected = sameTopic[0];
    else if (list.length > (capacity.get(mentor) ?? 0)) rejected = [...list].sort(worse(mentor))[0];
    held.set(mentor, list.filter((i) => i !== rejected));
    if (rejected !== undefined) free.push(rejected);
  }
  const chosen = new Map<string, string[]>();
  for (const [mentor, list] of held) for (const index of list) chosen.set(needs[index]?.key ?? "", [mentor]);
  return chosen;
}

/**
 * Costs are rounded to multiples of 2^-20 (about 1e-6) before solving, so double sums of costs
 * stay exact (docs/decisions/issue-11.md) and the solver is exactly optimal for the rounded
 * costs; plans report the unrounded costs.
 */
const COST_GRID = 2 ** 20;
const onGrid = (cost: number): number => Math.round(cost * COST_GRID) / COST_GRID;

/** One exact solve: bipartite when possible, the lexicographic flow model otherwise. */
function solveOnce(needs: readonly PreparedNeed[], capacity: Map<string, number>, options: ResolvedOptions, functionName: string) {
  const chosen = new Map<string, string[]>();
  if (options.topicCapacity === undefined && options.backups === 0) {
    const solution = solveAssignment({
      needs: needs.map((need) => ({ id: need.key, candidates: need.options.map((option) => ({ mentor: option.candidate.mentor, cost: onGrid(option.cost) })) })),
      capacity: Object.fromEntries(capacity),
    });
    for (const [key, mentor] of Object.entries(solution.assignment)) chosen.set(key, [mentor]);
    return { chosen, shortfalls: solution.shortfalls.map((shortfall) => ({ ...shortfall, level: "primary" as const })) };
  }
  const topicCapacity = options.topicCapacity;
  const result = solveFlowModel(
    needs.map((need) => ({ key: need.key, topic: need.topic, options: need.options.map((option) => ({ mentor: option.candidate.mentor, cost: onGrid(option.cost) })) })),
    capacity,
    options.backups,
    topicCapacity === undefined ? undefined : (topic) => capacityOf(topicCapacity, topic, Number.MAX_SAFE_INTEGER, "topicCapacity", functionName),
  );
  return { chosen: result.chosen, shortfalls: result.shortfalls };
}

export { needKey, type RemovalReason, round };
