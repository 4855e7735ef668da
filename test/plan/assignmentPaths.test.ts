import { describe, expect, it } from "vitest";
import { assignmentArrays, leastCostAssignment } from "../../src/plan/assignmentPaths.js";
import { solveAssignment } from "../../src/plan/solveAssignment.js";
import { seededRandom } from "../helpers.js";

/** needs x mentors, each need listing `listed` mentors at a cost given by `cost(need, mentor)`. */
function problemOf(needs: number, mentors: number, listed: number, slots: number, cost: (need: number, mentor: number) => number) {
  const needStart = new Int32Array(needs + 1);
  const edgeMentor: number[] = [];
  const edgeCost: number[] = [];
  for (let i = 0; i < needs; i++) {
    needStart[i] = edgeMentor.length;
    for (let k = 0; k < listed; k++) {
      const j = (i * 7 + k) % mentors;
      edgeMentor.push(j);
      edgeCost.push(cost(i, j));
    }
  }
  needStart[needs] = edgeMentor.length;
  const arrays = assignmentArrays(needStart, Int32Array.from(edgeMentor), Float64Array.from(edgeCost), Array.from({ length: mentors }, () => slots));
  const reference = solveAssignment({
    needs: Array.from({ length: needs }, (_, i) => ({ id: `n${String(i).padStart(5, "0")}`, candidates: edgeMentor.slice(needStart[i], needStart[i + 1]).map((j, k) => ({ mentor: `m${j}`, cost: edgeCost[(needStart[i] as number) + k] as number })) })),
    capacity: Object.fromEntries(Array.from({ length: mentors }, (_, j) => [`m${j}`, slots])),
  });
  return { arrays, reference };
}

const assignmentValue = (arrays: ReturnType<typeof assignmentArrays>, needEdge: Int32Array) => {
  let covered = 0;
  let cost = 0;
  const load = new Int32Array(arrays.mentorCount);
  needEdge.forEach((edge) => {
    if (edge < 0) return;
    covered++;
    cost += arrays.edgeCost[edge] as number;
    const mentor = arrays.edgeMentor[edge] as number;
    load[mentor] = (load[mentor] as number) + 1;
  });
  for (let j = 0; j < arrays.mentorCount; j++) expect(load[j]).toBeLessThanOrEqual(arrays.capacity[j] as number);
  return { covered, cost };
};

describe("leastCostAssignment (the simplex's least-cost start)", () => {
  it("finds the least-cost maximum assignment with proving potentials on random problems (checked against solveAssignment and the potentials' reduced costs)", () => {
    const random = seededRandom(5);
    for (let round = 0; round < 200; round++) {
      const needs = 1 + Math.floor(random() * 60);
      const mentors = 1 + Math.floor(random() * 15);
      const { arrays, reference } = problemOf(needs, mentors, 1 + Math.floor(random() * Math.min(mentors, 6)), 1 + Math.floor(random() * 8), () => Math.floor(random() * 41) - 20);
      const solved = leastCostAssignment(arrays, 1, Number.POSITIVE_INFINITY);
      if (solved === undefined) throw new Error("no result without limits");
      expect({ round, ...assignmentValue(arrays, solved.needEdge) }).toEqual({ round, covered: reference.covered, cost: reference.cost });
      // Every edge's reduced cost is >= 0 and the used ones are 0 (integer costs: exact).
      for (let i = 0; i < needs; i++) {
        if (reference.uncovered.length > 0) break;
        for (let e = arrays.needStart[i] as number; e < (arrays.needStart[i + 1] as number); e++) {
          const reduced = (arrays.edgeCost[e] as number) + (solved.potential[i] as number) - (solved.potential[needs + (arrays.edgeMentor[e] as number)] as number);
          if (solved.needEdge[i] === e) expect(reduced).toBe(0);
          else expect(reduced).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it("gives up (undefined) when the searches pass their budget: needs tied on a few shared mentors, whose searches cross every placed need; with no budget it finishes with solveAssignment's optimum", () => {
    const { arrays, reference } = problemOf(1500, 30, 30, 50, (_, mentor) => mentor);
    expect(leastCostAssignment(arrays, 0.02, 100)).toBeUndefined();
    const solved = leastCostAssignment(arrays, 0.02, Number.POSITIVE_INFINITY);
    expect(solved).toBeDefined();
    expect(assignmentValue(arrays, solved?.needEdge ?? new Int32Array())).toEqual({ covered: reference.covered, cost: reference.cost });
  });

  it("gives up (undefined) when the deficient region holds more than its share of the needs", () => {
    // 40 needs on 2 mentors with 5 slots each: 30 stay uncovered, all 40 in the region.
    const { arrays } = problemOf(40, 2, 2, 5, (need) => need % 3);
    expect(leastCostAssignment(arrays, 0.02, Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(leastCostAssignment(arrays, 1, Number.POSITIVE_INFINITY)).toBeDefined();
  });
});
