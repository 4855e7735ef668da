/** A need (an institution and a topic it chose, where it is not a high performer) as the solver sees it. */
import type { Candidate, NeedEligibility } from "./eligibility.js";
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
 * Solver costs are rounded to multiples of 2^-20 (about 1e-6), so double sums of costs stay exact
 * (docs/decisions.md) and the solver is exactly optimal for the rounded costs; plans report the
 * unrounded costs. From 2^32 on a double's spacing is at least 2^-20: already on the grid (and
 * cost * 2^20 may overflow).
 */
export const onGrid = (cost: number): number => (Math.abs(cost) >= 2 ** 32 ? cost : Math.round(cost * 2 ** 20) / 2 ** 20);

/** The key of a need: JSON of [institution, topic], safe for any ids. */
export const needKey = (institution: string, topic: string): string => JSON.stringify([institution, topic]);
