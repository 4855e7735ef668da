/** A need (an institution and a topic it chose, where it is not a high performer) as the solver sees it. */
import type { Candidate, NeedEligibility } from "./eligibility.js";
import type { Need } from "./types.js";

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

/** The key of a need: JSON of [institution, topic], safe for any ids. */
export const needKey = (institution: string, topic: string): string => JSON.stringify([institution, topic]);
