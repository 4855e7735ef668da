/**
 * Blocking pairs of a plan: a mentee (on a topic) and an eligible mentor who would both rather be
 * paired with each other than with their partners in the plan. Both sides rank partners by the
 * pair cost (lower is better), less keepThreshold for a pair of the previous plan, a pinned pair
 * first (as stable mode ranks): the mentee compares with its current mentor on that topic (or with
 * having none); the mentor accepts when it has a free slot for the topic or holds a need it ranks
 * lower. A plan with no blocking pair is stable (Gale & Shapley 1962; Roth 1984).
 */
import type { TwinningNetwork } from "../model/network.js";
import { EligibilityContext } from "./eligibility.js";
import { type AssignPartnersOptions, optionsOfPlan } from "./planOptions.js";
import { solveCore } from "./solvePlan.js";
import { stableRank } from "./stableMode.js";
import type { TwinningPlan } from "./TwinningPlan.js";

/** A mentee and a mentor who would both rather be paired together than as planned. */
export interface BlockingPair {
  mentee: string;
  topic: string;
  mentor: string;
  /** The mentee's current primary mentor on the topic, or null when it has none. */
  currentMentor: string | null;
  /** How much lower the pair's cost (less keepThreshold for a previous pair) is than the mentee's current pair's: Infinity when it has none (which JSON.stringify writes as null; currentMentor null says the same). */
  menteeGain: number;
  /** The need the mentor would give up, or null when it has a free slot. */
  displaces: { mentee: string; topic: string } | null;
}

/** The blocking pairs of a plan (none: the plan is stable). */
export interface StabilityAudit {
  stable: boolean;
  blockingPairs: BlockingPair[];
}

/**
 * @param options the options the plan was made with; by default those the plan records (`plan.options`).
 * @example
 * auditStability(network, plan).blockingPairs.length; // 0 for a stable plan
 */
export function auditStability(network: TwinningNetwork, plan: TwinningPlan, options?: AssignPartnersOptions): StabilityAudit {
  const name = "auditStability";
  const resolved = optionsOfPlan(name, plan, options, "third");
  const context = new EligibilityContext(network);
  const { needs } = solveCore(network, { ...resolved, mode: "stable", backups: 0, preferMutual: 0, maxPartners: undefined }, name, context);
  // Ranked as stable mode ranks: a previous plan's pair less keepThreshold, a pinned pair first
  // (the audit ranked by cost alone and called stable mode's plans with a previous plan unstable;
  // adversarial review).
  const rankOf = (option: (typeof needs)[number]["options"][number]): number => stableRank(option, resolved.keepThreshold);
  const costOf = new Map<string, number>();
  for (const need of needs) for (const option of need.options) costOf.set(JSON.stringify([option.candidate.mentor, need.institution, need.topic]), rankOf(option));
  const cost = (mentor: string, mentee: string, topic: string) => costOf.get(JSON.stringify([mentor, mentee, topic])) ?? Number.POSITIVE_INFINITY;
  const primaries = plan.pairs.filter((pair) => pair.role === "primary");
  const held = new Map<string, typeof primaries>();
  for (const pair of plan.pairs) held.set(pair.mentor, [...(held.get(pair.mentor) ?? []), pair]);
  const topicLimit = (topic: string) => (resolved.topicCapacity === undefined ? Number.POSITIVE_INFINITY : typeof resolved.topicCapacity === "number" ? resolved.topicCapacity : (Object.hasOwn(resolved.topicCapacity, topic) ? (resolved.topicCapacity[topic] as number) : Number.POSITIVE_INFINITY));
  const blockingPairs: BlockingPair[] = [];
  for (const need of needs) {
    const current = primaries.find((pair) => pair.mentee === need.institution && pair.topic === need.topic);
    const currentCost = current === undefined ? Number.POSITIVE_INFINITY : cost(current.mentor, need.institution, need.topic);
    for (const option of need.options) {
      const mentor = option.candidate.mentor;
      const rank = rankOf(option);
      if (mentor === current?.mentor || rank >= currentCost) continue;
      const list = held.get(mentor) ?? [];
      if (list.some((pair) => pair.mentee === need.institution && pair.topic === need.topic)) continue;
      const sameTopic = list.filter((pair) => pair.topic === need.topic);
      const topicFull = sameTopic.length >= topicLimit(need.topic);
      const totalFull = list.length >= (Object.hasOwn(plan.capacity, mentor) ? (plan.capacity[mentor] as number) : 0);
      let displaces: BlockingPair["displaces"] = null;
      if (topicFull || totalFull) {
        const pool = topicFull ? sameTopic : list;
        const worst = [...pool].sort((a, b) => cost(mentor, b.mentee, b.topic) - cost(mentor, a.mentee, a.topic))[0];
        if (worst === undefined || cost(mentor, worst.mentee, worst.topic) <= rank) continue;
        displaces = { mentee: worst.mentee, topic: worst.topic };
      }
      blockingPairs.push({ mentee: need.institution, topic: need.topic, mentor, currentMentor: current?.mentor ?? null, menteeGain: currentCost - rank, displaces });
    }
  }
  return { stable: blockingPairs.length === 0, blockingPairs };
}
