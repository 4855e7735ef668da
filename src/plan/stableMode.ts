/**
 * Stable mode: mentee-proposing deferred acceptance (Gale & Shapley 1962; Roth 1984 for
 * capacities), both sides ranking partners by the pair cost.
 */
import { ascending } from "../core/typedArrays.js";
import { type ResolvedOptions, topicLimitOf } from "./planOptions.js";
import type { PreparedNeed } from "./needs.js";

/**
 * Mentee-proposing deferred acceptance with capacities per mentor and per mentor-topic. Both sides
 * rank by the pair cost (ties by id); a mentor over a capacity rejects its costliest held need.
 * A pinned need ranks first with its mentor, so it is never rejected (pins fit the capacities,
 * solveCore checks): a mentor that preferred another mentee dropped its pin without a word
 * (adversarial review).
 */
/**
 * How stable mode ranks a pair (lower is better), for both sides and for auditStability: the
 * unrounded cost, less keepThreshold for a pair of the previous plan, a pinned pair first. A kept
 * pair also wins an exact tie, as in optimal mode: it takes off 2^-40 of (|cost| + keepThreshold
 * + 1) as well, more than the roundings of cost - keepThreshold and of the cost's own terms, which
 * can be larger than the cost where they cancel (a gap term of 4 and a distance term of 3.5). Ties
 * within that (about 1e-12 at the default weights) go to the kept pair; optimal mode's grid is
 * coarser (2^-20). Without it a kept pair's (X + 0.5) - 0.5 came out an ulp above X and lost to a
 * change gaining exactly keepThreshold, on the mentee's side and on the mentor's (adversarial
 * reviews of stops 27 and 28; 2^-50 of the cost alone still lost where terms cancelled).
 */
export const stableRank = (option: PreparedNeed["options"][number], keepThreshold: number): number =>
  option.pinned ? -Number.POSITIVE_INFINITY : option.kept ? option.baseCost - keepThreshold - 2 ** -40 * (Math.abs(option.baseCost) + keepThreshold + 1) : option.baseCost;

export function deferredAcceptance(needs: readonly PreparedNeed[], capacity: Map<string, number>, options: ResolvedOptions, functionName: string): Map<string, string[]> {
  // The unrounded cost (the options' `cost` is on the solver's grid, where near ties would be broken by id and auditStability would see blocking pairs).
  const rank = (option: PreparedNeed["options"][number]) => stableRank(option, options.keepThreshold);
  // A kept pair ranks below an equal pair already (stableRank's margin).
  const order = needs.map((need) => [...need.options].sort((a, b) => rank(a) - rank(b) || ascending(a.mentor, b.mentor)));
  const next = new Array<number>(needs.length).fill(0);
  const held = new Map<string, number[]>();
  const costOf = (index: number, mentor: string) => {
    const option = order[index]?.find((entry) => entry.mentor === mentor);
    return option === undefined ? Number.POSITIVE_INFINITY : rank(option);
  };
  const worse = (mentor: string) => (a: number, b: number) => costOf(b, mentor) - costOf(a, mentor) || ascending(needs[b]?.key ?? "", needs[a]?.key ?? "");
  const free = needs.map((_, index) => index);
  while (free.length > 0) {
    const index = free.shift() as number;
    const option = order[index]?.[next[index] as number];
    if (option === undefined) continue;
    next[index] = (next[index] as number) + 1;
    const mentor = option.candidate.mentor;
    const list = [...(held.get(mentor) ?? []), index];
    const topic = needs[index]?.topic ?? "";
    const topicLimit = topicLimitOf(options.topicCapacity, topic, functionName);
    const sameTopic = list.filter((i) => needs[i]?.topic === topic).sort(worse(mentor));
    let rejected: number | undefined;
    if (sameTopic.length > topicLimit) rejected = sameTopic[0];
    else if (list.length > (capacity.get(mentor) ?? 0)) rejected = [...list].sort(worse(mentor))[0];
    held.set(mentor, list.filter((i) => i !== rejected));
    if (rejected !== undefined) free.push(rejected);
  }
  const chosen = new Map<string, string[]>();
  for (const [mentor, list] of held) for (const index of list) chosen.set(needs[index]?.key ?? "", [mentor]);
  return chosen;
}

