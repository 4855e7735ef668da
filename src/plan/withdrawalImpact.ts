/**
 * What happens when an institution leaves: which needs lose their partner, and the repaired plan
 * that changes the fewest pairs. The repair covers as many needs as possible (coverage first),
 * then keeps as many existing pairs as possible, then has the least cost: every kept pair earns a
 * bonus larger than any possible difference in total cost.
 */
import { TwinningArgumentError } from "../core/errors.js";
import { unknownName } from "../core/options.js";
import type { TwinningNetwork } from "../model/network.js";
import { EligibilityContext } from "./eligibility.js";
import { explainPlan } from "./explanations.js";
import { type AssignPartnersOptions, optionsOfPlan } from "./planOptions.js";
import { solveCore } from "./solvePlan.js";
import type { TwinningPlan } from "./TwinningPlan.js";
import type { Need, Pair } from "./types.js";

/** What a withdrawal costs: needs losing a mentor and the repaired plan. */
export interface WithdrawalImpact {
  institution: string;
  /** Needs whose primary mentor was the institution. */
  lostPrimary: Need[];
  /** Needs that lost a backup mentor (their primary stays). */
  lostBackup: Need[];
  /** The institution's own needs, which leave with it. */
  leavingNeeds: Need[];
  /** The repaired plan without the institution. */
  repaired: TwinningPlan;
  /** Pairs of the repaired plan that were not in the plan. */
  added: Pair[];
  /** Pairs of the plan that are not in the repaired plan (including the institution's). */
  removed: Pair[];
}

const pairKey = (pair: Pair): string => JSON.stringify([pair.mentor, pair.mentee, pair.topic, pair.role]);

/**
 * @param options the options the plan was made with; by default those the plan records (`plan.options`, kept in its JSON).
 * @example
 * const impact = withdrawalImpact(network, plan, "kabgayi-hospital");
 * impact.lostPrimary; // needs that lost their partner
 * impact.added;       // the fewest new pairs that repair them
 */
export function withdrawalImpact(network: TwinningNetwork, plan: TwinningPlan, institution: string, options?: AssignPartnersOptions): WithdrawalImpact {
  const name = "withdrawalImpact";
  if (network.institution(institution) === undefined) throw new TwinningArgumentError(name, unknownName("institution", institution, network.institutions.map((known) => known.id)));
  const base = optionsOfPlan(name, plan, options, "fourth");
  const range = plan.pairs.length + network.interests.length;
  const spread = plan.pairs.reduce((largest, pair) => Math.max(largest, Math.abs(pair.cost)), 1) * 4 * range;
  const previous = plan.pairs.filter((pair) => pair.mentor !== institution && pair.mentee !== institution).map(({ mentor, mentee, topic }) => ({ mentor, mentee, topic }));
  const resolved = { ...base, previous, keepThreshold: spread, withdrawn: [...(base.withdrawn ?? []), institution] };
  const context = new EligibilityContext(network);
  const repaired = explainPlan(network, resolved, solveCore(network, resolved, name, context), name, context);
  const before = new Set(plan.pairs.map(pairKey));
  const after = new Set(repaired.pairs.map(pairKey));
  const need = (pair: Pair): Need => ({ institution: pair.mentee, topic: pair.topic });
  return {
    institution,
    lostPrimary: plan.pairs.filter((pair) => pair.mentor === institution && pair.role === "primary").map(need),
    lostBackup: plan.pairs.filter((pair) => pair.mentor === institution && pair.role === "backup").map(need),
    leavingNeeds: network.interests.filter((interest) => interest.institution === institution).map((interest) => ({ institution, topic: interest.topic })),
    repaired,
    added: repaired.pairs.filter((pair) => !before.has(pairKey(pair))),
    removed: plan.pairs.filter((pair) => !after.has(pairKey(pair))),
  };
}
