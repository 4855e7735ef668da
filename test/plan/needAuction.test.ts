import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AssignmentState, assignmentArrays, maximumAssignment } from "../../src/plan/assignmentPaths.js";
import { EPSILON_SHARE, needAuction } from "../../src/plan/needAuction.js";
import { seededRandom } from "../helpers.js";

/** Random needs over a few mentors: each need's candidates as [mentor, cost], and each mentor's slots. */
function randomProblem(random: () => number, maxNeeds: number, maxMentors: number) {
  const pick = (n: number) => Math.floor(random() * n);
  const mentorCount = 1 + pick(maxMentors);
  const density = 0.3 + 0.6 * random();
  const cost = random() < 0.5 ? () => pick(4) - 1 : () => Math.round((random() - 0.5) * 2000) / 64;
  const lists = Array.from({ length: 1 + pick(maxNeeds) }, () => Array.from({ length: mentorCount }, (_, j) => j).filter(() => random() < density).map((j) => [j, cost()] as const));
  const needStart = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => {
    needStart[i + 1] = (needStart[i] as number) + list.length;
  });
  const slots = Array.from({ length: mentorCount }, () => pick(4));
  return assignmentArrays(needStart, Int32Array.from(lists.flat(), ([j]) => j), Float64Array.from(lists.flat(), ([, c]) => c), slots);
}

/** The least total cost of an assignment covering every need, exhaustively (Infinity if none). */
function leastCost(problem: ReturnType<typeof assignmentArrays>): number {
  const left = [...problem.capacity];
  let best = Number.POSITIVE_INFINITY;
  const visit = (i: number, total: number) => {
    if (i === problem.needCount) {
      best = Math.min(best, total);
      return;
    }
    for (let e = problem.needStart[i] as number; e < (problem.needStart[i + 1] as number); e++) {
      const j = problem.edgeMentor[e] as number;
      if ((left[j] as number) <= 0) continue;
      left[j] = (left[j] as number) - 1;
      visit(i + 1, total + (problem.edgeCost[e] as number));
      left[j] = (left[j] as number) + 1;
    }
  };
  visit(0, 0);
  return best;
}

/** Problems whose needs all have candidates and can all be covered (the auction's precondition). */
function coverable(random: () => number, maxNeeds: number, maxMentors: number) {
  for (;;) {
    const problem = randomProblem(random, maxNeeds, maxMentors);
    const listed = Array.from({ length: problem.needCount }, (_, i) => i).every((i) => (problem.needStart[i + 1] as number) > (problem.needStart[i] as number));
    if (!listed) continue;
    const maximum = maximumAssignment(problem);
    if ([...maximum.needMentor].every((j) => j >= 0)) return problem;
  }
}

const everyNeed = (problem: ReturnType<typeof assignmentArrays>) => Array.from({ length: problem.needCount }, (_, i) => i);

describe("the needs' auction (the least-cost start's needs outside the deficient region)", () => {
  it("covers every need within capacities at a cost within (needs x epsilon) of the brute-force least cost, with potentials that price used pairs <= 0 and unused ones >= -epsilon, on 2,000 small problems", () => {
    const random = seededRandom(8);
    for (let round = 0; round < 2000; round++) {
      const problem = coverable(random, 6, 4);
      const state = new AssignmentState(problem);
      const potential = new Float64Array(problem.needCount + problem.mentorCount);
      const allowed = new Uint8Array(problem.mentorCount).fill(1);
      expect(needAuction(problem, state, potential, everyNeed(problem), allowed, Number.POSITIVE_INFINITY)).toBe(true);
      let total = 0;
      for (let i = 0; i < problem.needCount; i++) {
        const e = state.needEdge[i] as number;
        expect(e).toBeGreaterThanOrEqual(problem.needStart[i] as number);
        expect(e).toBeLessThan(problem.needStart[i + 1] as number);
        total += problem.edgeCost[e] as number;
      }
      for (let j = 0; j < problem.mentorCount; j++) expect(state.count[j]).toBeLessThanOrEqual(problem.capacity[j] as number);
      const costs = [...problem.edgeCost];
      const epsilon = EPSILON_SHARE * (Math.max(...costs) > Math.min(...costs) ? Math.max(...costs) - Math.min(...costs) : 1);
      const best = leastCost(problem);
      expect({ round, within: total >= best - 1e-9 && total <= best + problem.needCount * epsilon + 1e-9 }).toEqual({ round, within: true });
      const n = problem.needCount;
      for (let i = 0; i < n; i++) {
        for (let e = problem.needStart[i] as number; e < (problem.needStart[i + 1] as number); e++) {
          const j = problem.edgeMentor[e] as number;
          // A mentor without slots takes no pair: its potential is not a price.
          if ((problem.capacity[j] as number) === 0) continue;
          const reduced = (problem.edgeCost[e] as number) + (potential[i] as number) - (potential[n + j] as number);
          if (state.needEdge[i] === e) expect(reduced).toBeLessThanOrEqual(1e-9);
          else expect(reduced).toBeGreaterThanOrEqual(-epsilon - 1e-9);
        }
      }
      for (let j = 0; j < problem.mentorCount; j++) if ((state.count[j] as number) < (problem.capacity[j] as number)) expect(potential[n + j]).toBe(0);
    }
  });

  it("finishes on costs so small that range / 300 rounds to 0 (subnormal), each need with a slot", () => {
    // Two needs, two one-slot mentors, each need 0 to the first and 5e-324 to the second: with an
    // epsilon of 0 the second need ties the two, takes the first at no extra price, and the two
    // needs displace each other there until the budget runs out.
    const problem = assignmentArrays(Int32Array.from([0, 2, 4]), Int32Array.from([0, 1, 0, 1]), Float64Array.from([0, 5e-324, 0, 5e-324]), [1, 1]);
    const state = new AssignmentState(problem);
    const potential = new Float64Array(4);
    expect(needAuction(problem, state, potential, [0, 1], new Uint8Array([1, 1]), 10_000)).toBe(true);
    expect([...state.needMentor].sort()).toEqual([0, 1]);
  });

  it("leaves a valid partial assignment when it stops on its budget, and a restricted set of mentors is respected (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 30 }), (seed, budget) => {
        const random = seededRandom(seed);
        const problem = coverable(random, 30, 8);
        const state = new AssignmentState(problem);
        const potential = new Float64Array(problem.needCount + problem.mentorCount);
        const allowed = new Uint8Array(problem.mentorCount).fill(1);
        const done = needAuction(problem, state, potential, everyNeed(problem), allowed, budget);
        for (let i = 0; i < problem.needCount; i++) {
          const j = state.needMentor[i] as number;
          if (done) expect(j).toBeGreaterThanOrEqual(0);
          if (j >= 0) expect(problem.edgeMentor[state.needEdge[i] as number]).toBe(j);
        }
        for (let j = 0; j < problem.mentorCount; j++) expect(state.count[j]).toBeLessThanOrEqual(problem.capacity[j] as number);
      }),
      { numRuns: 300 },
    );
  });
});
