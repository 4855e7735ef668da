/** A need (an institution and a topic it chose, where it is not a high performer) as the solver sees it. */
import type { Candidate, NeedEligibility } from "./eligibility.js";
import { type ResolvedOptions, weightsOverflow } from "./planOptions.js";
import type { Need } from "./types.js";

/** A need with everything the solver and the explanations need. */
export interface PreparedNeed extends Need {
  key: string;
  eligibility: NeedEligibility;
  /**
   * Candidate mentors (only the pinned mentor for a pinned need): `cost` is what the solver uses
   * (on the grid), `baseCost` the pair's cost without the keep and mutual bonuses (what plans report).
   */
  options: { candidate: Candidate; mentor: string; cost: number; baseCost: number; kept: boolean; pinned: boolean }[];
}

/**
 * The solver's cost grid: 2^-20 (about 1e-6), or, when every nonzero weight is 512 or more in
 * magnitude, 2^-28 times the smallest rounded down to a power of two, so each term keeps at least
 * the precision it has at weight 1. Costs on it keep double sums exact (docs/decisions.md, "Exact
 * for any finite costs"). A fixed 2^-20 sent the costs of uniformly large weights to the BigInt
 * path, which solves the full lists: 35 s against 0.9 s at 800 institutions with weights x 1e6
 * (review). The smallest weight, not the largest: with the largest, `group: 1e9` beside gap and
 * similarity weights of 1 rounded their terms away (second review); such mixed scales keep the
 * fine grid and take the exact BigInt path where doubles cannot hold them. The bonuses do not
 * coarsen it either: withdrawalImpact's keep bonus is a tier in disguise.
 */
export const gridStep = ({ weights }: ResolvedOptions): number => {
  const nonzero = [weights.gap, weights.similarity, weights.group].filter((weight) => weight !== 0).map(Math.abs);
  // No nonzero weight: every cost is 0 (Math.min of nothing would be Infinity).
  return 2 ** (Math.max(0, Math.floor(Math.log2(nonzero.length > 0 ? Math.min(...nonzero) : 1)) - 8) - 20);
};

/**
 * A cost rounded to the grid (the solver is exactly optimal for the rounded costs; plans report the
 * unrounded ones). From 2^52 steps on a double is already on the grid (and dividing may overflow).
 */
export const onGrid = (cost: number, step: number): number => (Math.abs(cost) >= 2 ** 52 * step ? cost : Math.round(cost / step) * step);

/**
 * A pair's solver cost: its cost less the bonuses it gets, on the grid. One that is not finite
 * (weights or bonuses near 1e308) is the caller's error, naming the pair and the options.
 */
export function solverCost(cost: number, step: number, options: ResolvedOptions, functionName: string, mentor: string, mentee: string, topic: string): number {
  const rounded = onGrid(cost, step);
  if (!Number.isFinite(rounded)) throw weightsOverflow(functionName, `the cost of ${mentor} -> ${mentee} on ${topic} is ${rounded}`, options);
  return rounded;
}

/**
 * A pair's solver cost less its bonuses (`bonus`: the mutual one), on the grid. A kept pair takes
 * keepThreshold off and one grid step more, so it wins an exact tie: "kept unless a change gains
 * more than keepThreshold" (a change gaining exactly that replaced it, the mentor first by id;
 * adversarial review). A whole step keeps costs on the grid: half a step took withdrawalImpact's
 * repair off the double path (docs/decisions.md).
 */
export const pairSolverCost = (baseCost: number, kept: boolean, bonus: number, step: number, options: ResolvedOptions, functionName: string, mentor: string, mentee: string, topic: string): number =>
  solverCost(baseCost - bonus - (kept ? options.keepThreshold : 0), step, options, functionName, mentor, mentee, topic) - (kept ? step : 0);

/** The key of a need: JSON of [institution, topic], safe for any ids. */
export const needKey = (institution: string, topic: string): string => JSON.stringify([institution, topic]);

/** Whether a need is pinned: its one option is the pinned mentor. */
export const isPinnedNeed = (need: PreparedNeed): boolean => need.options.length === 1 && need.options[0]?.pinned === true;
