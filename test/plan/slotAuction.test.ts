import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COVER_SHARE, EPSILON_SHARE, type SlotAuctionProblem, slotAuction, WORK_FLOOR, WORK_PER_PAIR } from "../../src/plan/slotAuction.js";
import { seededRandom } from "../helpers.js";

/** A problem from per-mentor lists of [need, cost] (one pair per need and mentor). */
function problemOf(needCount: number, lists: [number, number][][], slots: number[]): SlotAuctionProblem {
  const pairStart = new Int32Array(lists.length + 1);
  lists.forEach((list, m) => {
    pairStart[m + 1] = (pairStart[m] as number) + list.length;
  });
  return {
    needCount,
    mentorCount: lists.length,
    slots: Int32Array.from(slots),
    pairStart,
    pairNeed: Int32Array.from(lists.flat(), ([need]) => need),
    pairCost: Float64Array.from(lists.flat(), ([, cost]) => cost),
  };
}

function randomProblem(random: () => number, maxNeeds: number, maxMentors: number): SlotAuctionProblem {
  const pick = (n: number) => Math.floor(random() * n);
  const needCount = 1 + pick(maxNeeds);
  const mentorCount = 1 + pick(maxMentors);
  const density = 0.2 + 0.7 * random();
  // Ties (few distinct costs) or spread ones, of any sign.
  const cost = random() < 0.5 ? () => pick(4) - 1 : () => Math.round((random() - 0.5) * 2000) / 64;
  const lists = Array.from({ length: mentorCount }, () => Array.from({ length: needCount }, (_, need) => need).filter(() => random() < density).map((need): [number, number] => [need, cost()]));
  return problemOf(needCount, lists, Array.from({ length: mentorCount }, () => pick(4)));
}

/** Mentor of each pair, and per mentor the needs it holds, checking the assignment is one. */
function checkAssignment(problem: SlotAuctionProblem, pairOfNeed: Int32Array): number[] {
  const owner: number[] = [];
  for (let m = 0; m < problem.mentorCount; m++) for (let k = problem.pairStart[m] as number; k < (problem.pairStart[m + 1] as number); k++) owner[k] = m;
  const held = new Array<number>(problem.mentorCount).fill(0);
  pairOfNeed.forEach((pair, need) => {
    if (pair < 0) return;
    expect(problem.pairNeed[pair]).toBe(need);
    held[owner[pair] as number] = (held[owner[pair] as number] as number) + 1;
  });
  held.forEach((count, m) => {
    expect(count).toBeLessThanOrEqual(problem.slots[m] as number);
  });
  return held;
}

/** The auction's objective: each pair used is worth COVER_SHARE cost ranges less its cost above the cheapest. */
function worthOf(problem: SlotAuctionProblem): (pair: number) => number {
  const costs = [...problem.pairCost];
  const lowest = Math.min(...costs);
  const highest = Math.max(...costs);
  const scale = highest > lowest ? highest - lowest : 1;
  return (pair) => COVER_SHARE * scale - ((problem.pairCost[pair] as number) - lowest);
}

/** The largest total worth of any assignment (each need at most one pair, each mentor at most its slots), exhaustively. */
function bestWorth(problem: SlotAuctionProblem): number {
  const worth = worthOf(problem);
  const pairsOfNeed: { pair: number; mentor: number }[][] = Array.from({ length: problem.needCount }, () => []);
  for (let m = 0; m < problem.mentorCount; m++) for (let k = problem.pairStart[m] as number; k < (problem.pairStart[m + 1] as number); k++) pairsOfNeed[problem.pairNeed[k] as number]?.push({ pair: k, mentor: m });
  const left = [...problem.slots];
  let best = 0;
  const visit = (need: number, total: number) => {
    if (need === problem.needCount) {
      best = Math.max(best, total);
      return;
    }
    visit(need + 1, total);
    for (const { pair, mentor } of pairsOfNeed[need] as { pair: number; mentor: number }[]) {
      if ((left[mentor] as number) <= 0) continue;
      left[mentor] = (left[mentor] as number) - 1;
      visit(need + 1, total + worth(pair));
      left[mentor] = (left[mentor] as number) + 1;
    }
  };
  visit(0, 0);
  return best;
}

describe("the slots' auction (the simplex's start where many needs stay uncovered)", () => {
  it("is within (slots x epsilon) of the best total worth, by brute force on 2,000 small random problems (epsilon-complementary slackness)", () => {
    const random = seededRandom(5);
    for (let round = 0; round < 2000; round++) {
      const problem = randomProblem(random, 6, 3);
      const { pairOfNeed, complete } = slotAuction(problem);
      expect(complete).toBe(true);
      checkAssignment(problem, pairOfNeed);
      const worth = worthOf(problem);
      const total = [...pairOfNeed].reduce((sum, pair) => sum + (pair >= 0 ? worth(pair) : 0), 0);
      const costs = [...problem.pairCost];
      const scale = costs.length > 0 && Math.max(...costs) > Math.min(...costs) ? Math.max(...costs) - Math.min(...costs) : 1;
      const slots = [...problem.slots].reduce((sum, s) => sum + s, 0);
      const best = bestWorth(problem);
      expect(total).toBeLessThanOrEqual(best + 1e-9 * (1 + best));
      expect({ round, short: best - total <= slots * EPSILON_SHARE * scale + 1e-9 * (1 + best) }).toEqual({ round, short: true });
    }
  });

  it("leaves no free slot that a free need lists when it completes, and holds each need at most once (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const problem = randomProblem(seededRandom(seed), 60, 15);
        const { pairOfNeed, complete } = slotAuction(problem);
        const held = checkAssignment(problem, pairOfNeed);
        if (!complete) return;
        for (let m = 0; m < problem.mentorCount; m++) {
          if ((held[m] as number) >= (problem.slots[m] as number)) continue;
          for (let k = problem.pairStart[m] as number; k < (problem.pairStart[m + 1] as number); k++) expect(pairOfNeed[problem.pairNeed[k] as number]).not.toBe(-1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("stops on its work budget where many slots fight over few needs at equal costs, with a valid partial assignment", () => {
    // 200 mentors of one slot each want the same 100 needs, all at cost 0: each bid raises a price
    // by epsilon only, so settling it would take about 100 x COVER_SHARE / EPSILON_SHARE bids of
    // 100 list entries each, past the budget.
    const lists = Array.from({ length: 200 }, () => Array.from({ length: 100 }, (_, need): [number, number] => [need, 0]));
    const problem = problemOf(100, lists, new Array(200).fill(1));
    const { pairOfNeed, complete, work } = slotAuction(problem);
    const budget = WORK_FLOOR + WORK_PER_PAIR * 20_000;
    expect(complete).toBe(false);
    expect(work).toBeGreaterThan(budget);
    expect(work).toBeLessThanOrEqual(budget + 100);
    checkAssignment(problem, pairOfNeed);
  });

  it("handles the edges: no pairs, mentors without slots, one need, equal costs, costs of -1e16 beside 1", () => {
    expect(slotAuction(problemOf(3, [[], []], [2, 2]))).toMatchObject({ pairOfNeed: Int32Array.from([-1, -1, -1]), complete: true, work: 0 });
    expect([...slotAuction(problemOf(2, [[[0, 1], [1, 2]]], [0])).pairOfNeed]).toEqual([-1, -1]);
    expect([...slotAuction(problemOf(1, [[[0, 5]], [[0, 3]]], [1, 1])).pairOfNeed]).toEqual([1]);
    const ties = slotAuction(problemOf(2, [[[0, 7], [1, 7]], [[0, 7], [1, 7]]], [1, 1])).pairOfNeed;
    expect(new Set(ties).size).toBe(2);
    expect([...ties].every((pair) => pair >= 0)).toBe(true);
    // The cheapest pair wins by far; the others still fill the slots.
    const huge = slotAuction(problemOf(3, [[[0, -1e16], [1, 1]], [[1, 2], [2, 5]]], [1, 2]));
    expect([...huge.pairOfNeed]).toEqual([0, 2, 3]);
  });
});
