/** Types of plans: what a plan is made of and what explains it. */
import type { HighPerformerRule } from "../model/highPerformers.js";
import type { RemovalReason } from "./eligibility.js";

/** "This institution needs a partner on this topic": one of its chosen topics where it is not a high performer. */
export interface Need {
  institution: string;
  topic: string;
  priority?: number;
}

/** A planned mentor -> mentee pair on a topic, with its cost and reason. */
export interface Pair {
  mentee: string;
  mentor: string;
  topic: string;
  /** The pair's cost in the plan's objective (lower is better; see docs/guides/plan.md). */
  cost: number;
  menteeScore: number | null;
  mentorScore: number;
  /** mentorScore - menteeScore in the topic's better direction, in the topic's unit (pp for %). */
  gap: number | null;
  /** Resource distance (root mean square of attribute differences, in SDs of the kind). */
  distance: number | null;
  role: "primary" | "backup";
  /** One line: why this mentor (score gap, similarity, group, the next-best alternative). */
  reason: string;
  pinned: boolean;
  /** The pair was in the previous plan and was kept. */
  kept: boolean;
}

export interface UncoveredNeed extends Need {
  /** One line: why no mentor could be given. */
  reason: string;
  /** Eligible mentors it had (all taken by others when > 0). */
  eligibleMentors: string[];
  /** How many candidates each rule removed. */
  removedBy: Partial<Record<RemovalReason, number>>;
  /** Removed candidates with the rule that removed them: the first 50 (removedBy counts all). */
  removed: { mentor: string; reason: RemovalReason; detail: string }[];
}

/** Which rule a relaxation changes. */
export type RelaxationKind = "capacity" | "topic-capacity" | "groups" | "high-performer-rule" | "minimum-gap" | "similarity";

/**
 * A change of the rules that would meet more needs, with what it gains alone (every other rule as
 * in the plan). Gains are about coverage only (costs play no part) and are exact: they equal the
 * gains of solving the changed plan again, measured from the plan itself by augmenting paths
 * (docs/decisions.md, "Relaxation gains are measured from the plan").
 *
 * What the gains count: a need is met when it has a primary mentor or when its institution is a
 * high performer on the topic itself (self-sufficient: the programme's promise holds without a
 * mentor). A self-sufficient need counts as 1 + backups units met. Only the high-performer rule
 * can make needs self-sufficient: lowering the bar turns some mentees into high performers (their
 * needs leave the plan, met) and adds mentors; both count.
 */
export interface Relaxation {
  kind: RelaxationKind;
  /** What to change, in words. */
  description: string;
  mentor?: string;
  topic?: string;
  /** For capacity (the mentor's) and topic-capacity (every mentor's on the topic): slots to add. */
  by?: number;
  /** For high-performer-rule: the lowered rule, to give as `topicRules: { [topic]: { rule } }`. */
  rule?: HighPerformerRule;
  /**
   * Change in units met with this change alone: primary and backup pairs, plus 1 + backups per
   * self-sufficient need. Never negative.
   */
  coverageGain: number;
  /** Change in needs met with this change alone: needs with a primary mentor plus self-sufficient needs. Never negative. */
  primaryGain?: number;
}

/** The certificate: needs whose eligible mentors together have fewer free slots than needs. */
export interface Shortfall {
  /** `primary`: needs that cannot all get a mentor; `backup`: covered needs that cannot all get their backups. */
  level: "primary" | "backup";
  needs: Need[];
  /** Every mentor eligible for any of these needs. */
  mentors: string[];
  /** Their slots available to these needs. */
  capacity: number;
  /** Units missing: needs left uncovered (primary level) or backups missing (backup level). */
  deficit: number;
  /** Changes that would restore coverage, best first, each with the coverage it buys. */
  relaxations: Relaxation[];
}
