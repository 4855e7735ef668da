/** A need (an institution and a topic it chose, where it is not a high performer) as the solver sees it. */
import type { Candidate, NeedEligibility } from "./eligibility.js";
import type { ResolvedOptions } from "./planOptions.js";
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
 * The solver's cost grid: 2^-20 (about 1e-6) while every weight is at most 256 in magnitude, and
 * 2^-28 times the largest rounded up to a power of two beyond (so costs keep about the same
 * relative precision). Costs on it keep double sums exact (docs/decisions.md, "Exact for any
 * finite costs"). A fixed 2^-20 sent the costs of large weights to the BigInt path, which solves
 * the full lists: 35 s against 0.9 s at 800 institutions with a gap weight of 1e6 (review). The
 * bonuses do not coarsen it: withdrawalImpact's keep bonus is thousands of times the largest cost,
 * a tier in disguise, and the costs under it still need the fine grid.
 */
export const gridStep = ({ weights }: ResolvedOptions): number => 2 ** (Math.max(0, Math.ceil(Math.log2(Math.max(Math.abs(weights.gap), Math.abs(weights.similarity), Math.abs(weights.group)))) - 8) - 20);

/**
 * A cost rounded to the grid (the solver is exactly optimal for the rounded costs; plans report the
 * unrounded ones). From 2^52 steps on a double is already on the grid (and dividing may overflow).
 */
export const onGrid = (cost: number, step: number): number => (Math.abs(cost) >= 2 ** 52 * step ? cost : Math.round(cost / step) * step);

/** The key of a need: JSON of [institution, topic], safe for any ids. */
export const needKey = (institution: string, topic: string): string => JSON.stringify([institution, topic]);
