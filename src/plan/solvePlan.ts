/**
 * Solving a plan, everything but the explanations: the needs and their candidates with costs,
 * then the exact solve (solveAssignment for plain plans, the lexicographic flow model with backups
 * or per-topic limits), stable mode, and the two heuristic options (preferMutual, maxPartners).
 *
 * The cost of a pair (lower is better), with weights the caller can set:
 *   cost = - gap * (mentor - mentee score, in SDs of the topic among the kind)
 *          + similarity * (resource distance, RMS of attribute differences in SDs)
 *          + group * (1 when mentor and mentee are in different groups)
 *          - keepThreshold (when the pair was in the previous plan)
 *          - preferMutual (when the mentee mentors the mentor on another topic)
 * Coverage always comes first, then backups, then cost (docs/decisions/issue-11.md).
 */
import { TwinningArgumentError, TwinningInfeasibleError } from "../core/errors.js";
import type { TwinningNetwork } from "../model/network.js";
import type { Topic } from "../model/types.js";
import { type Candidate, EligibilityContext } from "./eligibility.js";
import { solveFlowModel } from "./flowModel.js";
import { type PairRef, type ResolvedOptions, capacityOf, rulesFor, withoutWithdrawn } from "./planOptions.js";
import { solveAssignment } from "./solveAssignment.js";
import { deferredAcceptance } from "./stableMode.js";
import { type PreparedNeed, needKey } from "./needs.js";
import type { Need } from "./types.js";

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

