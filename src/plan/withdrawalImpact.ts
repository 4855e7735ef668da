/**
 * What happens when an institution leaves: which needs lose their partner, and the repaired plan
 * that changes the fewest pairs. The repair covers as many needs as possible, then backup slots
 * (coverage first, as every plan), then keeps as many existing pairs as possible, then has the
 * least cost: every kept pair earns a bonus larger than any possible difference in total cost.
 */
import { TwinningArgumentError } from "../core/errors.js";
import { unknownName } from "../core/options.js";
import type { TwinningNetwork } from "../model/network.js";
import type { Topic } from "../model/types.js";
import { EligibilityContext } from "./eligibility.js";
import { needKey } from "./needs.js";
import { explainPlan } from "./explanations.js";
import { type AssignPartnersOptions, optionsOfPlan, rulesFor, withoutWithdrawn } from "./planOptions.js";
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
  /** Pairs (mentor, mentee and topic) of the repaired plan that were not in the plan: new partnerships. */
  added: Pair[];
  /** Pairs of the plan that are not in the repaired plan (including the institution's): partnerships ended. */
  removed: Pair[];
  /** Pairs in both plans in another role, as the repaired plan has them (a backup promoted to primary). */
  roleChanged: Pair[];
}

// A partnership is its mentor, mentee and topic: a backup promoted to primary is neither new nor
// ended (with the role in the key it counted as one of each, and the README's "4 new pairs" held
// one that was already there; adversarial review).
const pairKey = (pair: Pair): string => JSON.stringify([pair.mentor, pair.mentee, pair.topic]);

/**
 * @param options the options the plan was made with; by default those the plan records (`plan.options`, kept in its JSON).
 * @example
 * const impact = withdrawalImpact(network, plan, "kabgayi-hospital");
 * impact.lostPrimary; // needs that lost their partner
 * impact.added;       // the fewest new partnerships that repair them (roleChanged: backups promoted)
 */
export function withdrawalImpact(network: TwinningNetwork, plan: TwinningPlan, institution: string, options?: AssignPartnersOptions): WithdrawalImpact {
  const name = "withdrawalImpact";
  if (network.institution(institution) === undefined) throw new TwinningArgumentError(name, unknownName("institution", institution, network.institutions.map((known) => known.id)));
  const base = optionsOfPlan(name, plan, options, "fourth");
  const context = new EligibilityContext(network);
  const withdrawn = [...(base.withdrawn ?? []), institution];
  // The keep bonus must beat every difference in total cost between repairs of the same coverage:
  // more than twice the pairs a plan can hold times the largest cost of a pair it can use. Sized
  // from the candidates, not the plan's own pairs: a candidate far cheaper than them beat the bonus
  // and moved a pair the withdrawal did not touch (adversarial review).
  let largest = plan.pairs.reduce((most, pair) => Math.max(most, Math.abs(pair.cost)), 1);
  const effective = withoutWithdrawn(network, { ...base, withdrawn });
  // By the typed scan, which prices each pair without making it an object.
  const visit = (_mentor: unknown, pair: { cost: number }): number => {
    if (Number.isFinite(pair.cost)) largest = Math.max(largest, Math.abs(pair.cost));
    return Number.POSITIVE_INFINITY;
  };
  for (const interest of network.interests) {
    if (interest.institution === institution) continue;
    const topic = network.topic(interest.topic) as Topic;
    context.scanner.scan(interest.institution, topic, rulesFor(topic.id, effective), base.weights, visit);
  }
  // The mutual bonus lowers a pair's cost by up to preferMutual: counted in, so it cannot outweigh the bonus (review).
  const spread = (largest + base.preferMutual) * 4 * (1 + base.backups) * network.interests.length;
  const previous = plan.pairs.filter((pair) => pair.mentor !== institution && pair.mentee !== institution).map(({ mentor, mentee, topic }) => ({ mentor, mentee, topic }));
  // Pins naming the institution leave with it (its needs and slots are gone): its pinned mentees are among lostPrimary.
  const pin = base.pin?.filter((pair) => pair.mentor !== institution && pair.mentee !== institution);
  const resolved = { ...base, previous, keepThreshold: spread, withdrawn, ...(pin !== undefined ? { pin } : {}) };
  const core = solveCore(network, resolved, name, context);
  // A need keeps its primary when the repair keeps the pair: every pair has the same bonus here, so
  // a need's mentors came back in cost-then-id order and swapped a primary that had won a tie
  // (review). Which of a need's mentors is primary changes no level of the objective.
  // (A stable sort: a need without the pair keeps its order.)
  for (const { mentee, topic, mentor, role } of plan.pairs) if (role === "primary") core.chosen.get(needKey(mentee, topic))?.sort((a, b) => Number(b === mentor) - Number(a === mentor));
  const repaired = explainPlan(network, resolved, core, name, context);
  const before = new Map(plan.pairs.map((pair) => [pairKey(pair), pair.role]));
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
    roleChanged: repaired.pairs.filter((pair) => {
      const role = before.get(pairKey(pair));
      return role !== undefined && role !== pair.role;
    }),
  };
}
