/**
 * The two plan options that are not flow constraints, applied by re-solving (heuristics; the plan
 * says so and is marked not optimal):
 * - preferMutual: a bonus when the mentee also mentors its mentor on another topic. The objective
 *   then depends on pairs of pairs (quadratic); the bonus is applied to the reciprocal options of
 *   the current plan and the plan re-solved until it stops changing (at most 5 rounds).
 * - maxPartners: at most this many distinct mentors per mentee. Not a flow constraint; each mentee
 *   over the limit keeps its most-used mentors and the plan is re-solved (at most 5 rounds).
 */
import { ascending } from "../core/typedArrays.js";
import type { ResolvedOptions } from "./planOptions.js";
import { gridStep, pairSolverCost, type PreparedNeed } from "./needs.js";

/** One solve's chosen mentors and certificates. */
export interface SolvedRound {
  chosen: Map<string, string[]>;
  shortfalls: { level: "primary" | "backup"; needs: string[]; mentors: string[]; capacity: number; deficit: number }[];
}

/** Solves the plan for changed needs (same capacities and options). */
export type SolveOnce = (needs: readonly PreparedNeed[]) => SolvedRound;

/** Applies the mutual bonus and re-solves until the plan stops changing. */
export function preferMutualPairs(needs: PreparedNeed[], result: SolvedRound, options: ResolvedOptions, solve: SolveOnce): { needs: PreparedNeed[]; result: SolvedRound } {
  let adjusted = needs;
  let current = result;
  const step = gridStep(options);
  for (let round = 0; round < 5; round++) {
    const mentorsOf = new Map<string, Set<string>>();
    for (const need of adjusted) for (const mentor of current.chosen.get(need.key) ?? []) mentorsOf.set(need.institution, (mentorsOf.get(need.institution) ?? new Set()).add(mentor));
    const next = adjusted.map((need) => ({
      ...need,
      options: need.options.map((option) => {
        const mutual = mentorsOf.get(option.candidate.mentor)?.has(need.institution) ?? false;
        return { ...option, cost: pairSolverCost(option.baseCost, option.kept, mutual ? options.preferMutual : 0, step, options, "assignPartners", option.mentor, need.institution, need.topic) };
      }),
    }));
    const again = solve(next);
    const same = [...again.chosen].every(([key, mentors]) => JSON.stringify(mentors) === JSON.stringify(current.chosen.get(key)));
    adjusted = next;
    current = again;
    if (same) break;
  }
  return { needs: adjusted, result: current };
}

/** Keeps each mentee's `limit` most-used mentors and re-solves, until no mentee is over the limit. */
export function limitPartners(needs: PreparedNeed[], result: SolvedRound, limit: number, solve: SolveOnce): { needs: PreparedNeed[]; result: SolvedRound } {
  let adjusted = needs;
  let current = result;
  for (let round = 0; round < 5; round++) {
    const byMentee = new Map<string, Map<string, number>>();
    for (const need of adjusted) for (const mentor of current.chosen.get(need.key) ?? []) {
      const counts = byMentee.get(need.institution) ?? new Map<string, number>();
      counts.set(mentor, (counts.get(mentor) ?? 0) + 1);
      byMentee.set(need.institution, counts);
    }
    const over = [...byMentee].filter(([, counts]) => counts.size > limit);
    if (over.length === 0) break;
    const allowed = new Map<string, Set<string>>();
    for (const [mentee, counts] of over) {
      const kept = [...counts].sort((a, b) => b[1] - a[1] || ascending(a[0], b[0])).slice(0, limit).map(([mentor]) => mentor);
      allowed.set(mentee, new Set(kept));
    }
    adjusted = adjusted.map((need) => {
      const keep = allowed.get(need.institution);
      return keep === undefined ? need : { ...need, options: need.options.filter((option) => option.pinned || keep.has(option.candidate.mentor)) };
    });
    current = solve(adjusted);
  }
  return { needs: adjusted, result: current };
}
