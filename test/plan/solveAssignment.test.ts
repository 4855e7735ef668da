import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AssignmentProblem, type AssignmentSolution, TwinningArgumentError, solveAssignment } from "../../src/index.js";
import { seededRandom } from "../helpers.js";

/** Every assignment, exhaustively: the largest coverage, then the least cost. */
function bruteForce(problem: AssignmentProblem): { covered: number; cost: number } {
  const load: Record<string, number> = {};
  let best = { covered: -1, cost: Number.POSITIVE_INFINITY };
  const visit = (index: number, covered: number, cost: number) => {
    if (index === problem.needs.length) {
      if (covered > best.covered || (covered === best.covered && cost < best.cost - 1e-12)) best = { covered, cost };
      return;
    }
    visit(index + 1, covered, cost);
    for (const candidate of problem.needs[index]?.candidates ?? []) {
      const used = load[candidate.mentor] ?? 0;
      if (used >= (problem.capacity[candidate.mentor] ?? 0)) continue;
      load[candidate.mentor] = used + 1;
      visit(index + 1, covered + 1, cost + candidate.cost);
      load[candidate.mentor] = used;
    }
  };
  visit(0, 0, 0);
  return best;
}

function randomProblem(random: () => number, integerCosts: boolean): AssignmentProblem {
  const mentors = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, j) => `m${j}`);
  const needs = Array.from({ length: Math.floor(random() * 8) }, (_, i) => ({
    id: `n${i}`,
    candidates: mentors
      .filter(() => random() < 0.6)
      .map((mentor) => ({ mentor, cost: integerCosts ? Math.floor(random() * 5) - 1 : Math.round((random() * 20 - 5) * 1e6) / 1e6 })),
  }));
  const capacity = Object.fromEntries(mentors.map((mentor) => [mentor, Math.floor(random() * 3)]));
  return { needs, capacity };
}

/** Checks a solution is feasible, consistent and its certificate valid. */
function checkSolution(problem: AssignmentProblem, solution: AssignmentSolution): void {
  const load: Record<string, number> = {};
  let cost = 0;
  for (const need of problem.needs) {
    const mentor = solution.assignment[need.id];
    if (mentor === undefined) continue;
    const candidate = need.candidates.find((c) => c.mentor === mentor);
    expect(candidate, `${need.id} got an ineligible mentor ${mentor}`).toBeDefined();
    cost += candidate?.cost ?? 0;
    load[mentor] = (load[mentor] ?? 0) + 1;
  }
  for (const [mentor, used] of Object.entries(load)) expect(used).toBeLessThanOrEqual(problem.capacity[mentor] ?? 0);
  expect(solution.cost).toBeCloseTo(cost, 9);
  expect(solution.covered).toBe(Object.keys(solution.assignment).length);
  expect(solution.covered + solution.uncovered.length).toBe(problem.needs.length);
  // The certificate: each group's needs have no candidate outside its mentors, whose slots are
  // fewer than the needs; the deficits add up to the uncovered needs, all of which are in a group.
  expect(solution.shortfalls.reduce((sum, s) => sum + s.deficit, 0)).toBe(solution.uncovered.length);
  const inGroups = new Set(solution.shortfalls.flatMap((s) => s.needs));
  for (const id of solution.uncovered) expect(inGroups.has(id)).toBe(true);
  for (const shortfall of solution.shortfalls) {
    const mentors = new Set(shortfall.mentors);
    for (const id of shortfall.needs) {
      const need = problem.needs.find((n) => n.id === id);
      for (const candidate of need?.candidates ?? []) expect(mentors.has(candidate.mentor)).toBe(true);
    }
    expect(shortfall.capacity).toBe(shortfall.mentors.reduce((sum, m) => sum + (problem.capacity[m] ?? 0), 0));
    expect(shortfall.deficit).toBe(shortfall.needs.length - shortfall.capacity);
    expect(shortfall.deficit).toBeGreaterThan(0);
  }
}

describe("solveAssignment", () => {
  it("matches brute force on 3,000 small random problems (coverage, then optimal cost)", () => {
    const random = seededRandom(11);
    for (let round = 0; round < 3000; round++) {
      const problem = randomProblem(random, round % 2 === 0);
      const solution = solveAssignment(problem);
      const best = bruteForce(problem);
      expect(solution.covered, `round ${round}`).toBe(best.covered);
      expect(solution.cost, `round ${round}`).toBeCloseTo(best.cost, 9);
      checkSolution(problem, solution);
    }
  });

  it("keeps the cheap need when only one can be covered (lexicographic, not greedy)", () => {
    const solution = solveAssignment({
      needs: [
        { id: "A", candidates: [{ mentor: "X", cost: 10 }] },
        { id: "B", candidates: [{ mentor: "X", cost: 1 }] },
      ],
      capacity: { X: 1 },
    });
    expect(solution).toEqual({
      assignment: { B: "X" },
      covered: 1,
      uncovered: ["A"],
      cost: 1,
      shortfalls: [{ needs: ["A", "B"], mentors: ["X"], capacity: 1, deficit: 1 }],
    });
  });

  it("covers more needs even at a higher cost", () => {
    const solution = solveAssignment({
      needs: [
        { id: "A", candidates: [{ mentor: "X", cost: 0 }, { mentor: "Y", cost: 100 }] },
        { id: "B", candidates: [{ mentor: "X", cost: 50 }] },
      ],
      capacity: { X: 1, Y: 1 },
    });
    expect(solution.assignment).toEqual({ A: "Y", B: "X" });
    expect(solution.cost).toBe(150);
  });

  it("reports a need without candidates as its own shortfall of capacity 0", () => {
    const solution = solveAssignment({ needs: [{ id: "lonely", candidates: [] }], capacity: {} });
    expect(solution.shortfalls).toEqual([{ needs: ["lonely"], mentors: [], capacity: 0, deficit: 1 }]);
  });

  it("gives the same assignment for the same problem in any input order (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const random = seededRandom(seed);
        const problem = randomProblem(random, true);
        const shuffled: AssignmentProblem = {
          needs: [...problem.needs].reverse().map((need) => ({ ...need, candidates: [...need.candidates].reverse() })),
          capacity: Object.fromEntries(Object.entries(problem.capacity).reverse()),
        };
        expect(solveAssignment(shuffled)).toEqual(solveAssignment(problem));
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it("never exceeds capacities, covers the maximum and certifies the rest (property, larger problems)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const random = seededRandom(seed);
        const mentors = Array.from({ length: 30 }, (_, j) => `m${j}`);
        const needs = Array.from({ length: 80 }, (_, i) => ({
          id: `n${i}`,
          candidates: mentors.filter(() => random() < 0.08).map((mentor) => ({ mentor, cost: Math.floor(random() * 100) })),
        }));
        const capacity = Object.fromEntries(mentors.map((mentor) => [mentor, Math.floor(random() * 4)]));
        const problem = { needs, capacity };
        const solution = solveAssignment(problem);
        checkSolution(problem, solution);
        // Coverage equals the maximum: capacity of the certificates proves no assignment covers more.
        const bound = problem.needs.length - solution.shortfalls.reduce((sum, s) => sum + s.deficit, 0);
        expect(solution.covered).toBe(bound);
      }),
      { numRuns: 200, seed: 9 },
    );
  });

  it("does not mutate the problem", () => {
    const problem = { needs: [{ id: "A", candidates: [{ mentor: "Y", cost: 2 }, { mentor: "X", cost: 1 }] }], capacity: { X: 1, Y: 1 } };
    const copy = structuredClone(problem);
    solveAssignment(problem);
    expect(problem).toEqual(copy);
  });

  it.each([
    [{ needs: [{ id: "A", candidates: [{ mentor: "X", cost: Number.NaN }] }], capacity: { X: 1 } }, /cost NaN/],
    [{ needs: [{ id: "A", candidates: [{ mentor: "X", cost: 1 }] }], capacity: {} }, /mentor "X" has no capacity/],
    [{ needs: [{ id: "A", candidates: [] }, { id: "A", candidates: [] }], capacity: {} }, /appears twice/],
    [{ needs: [{ id: "A", candidates: [{ mentor: "X", cost: 1 }] }], capacity: { X: 1.5 } }, /whole number/],
    [{ needs: [{ id: "A", candidates: [{ mentor: "X", cost: 1 }, { mentor: "X", cost: 2 }] }], capacity: { X: 1 } }, /twice/],
  ])("rejects bad input with a TwinningArgumentError naming the function (%#)", (problem, message) => {
    expect(() => solveAssignment(problem)).toThrow(TwinningArgumentError);
    expect(() => solveAssignment(problem)).toThrow(/^solveAssignment: /);
    expect(() => solveAssignment(problem)).toThrow(message);
  });
});

describe("solveAssignment's reported cost on the exact (BigInt) path", () => {
  it("is the sum, not a running sum that overflowed: 1e308 + 1e308 - 1e308 reports 1e308 (review: Infinity)", () => {
    const result = solveAssignment({
      needs: [{ id: "a", candidates: [{ mentor: "X", cost: 1e308 }] }, { id: "b", candidates: [{ mentor: "Y", cost: 1e308 }] }, { id: "c", candidates: [{ mentor: "Z", cost: -1e308 }] }],
      capacity: { X: 1, Y: 1, Z: 1 },
    });
    expect(result.covered).toBe(3);
    expect(result.cost).toBe(1e308);
  });

  it("is the exact sum rounded once, whatever the need ids' order (second review: 2^53, 1, 1, -2^53 reported 0 or 2 by the ids)", () => {
    const problem = (ids: string[]) => ({
      needs: [
        { id: ids[0] as string, candidates: [{ mentor: "X", cost: 2 ** 53 }] },
        { id: ids[1] as string, candidates: [{ mentor: "Y", cost: 1 }] },
        { id: ids[2] as string, candidates: [{ mentor: "Y2", cost: 1 }] },
        { id: ids[3] as string, candidates: [{ mentor: "Z", cost: -(2 ** 53) }] },
      ],
      capacity: { X: 1, Y: 1, Y2: 1, Z: 1 },
    });
    expect(solveAssignment(problem(["a", "b", "c", "d"])).cost).toBe(2);
    expect(solveAssignment(problem(["c", "a", "b", "d"])).cost).toBe(2);
    // A total beyond the largest double is -Infinity, as IEEE rounding of the exact sum says.
    expect(solveAssignment({ needs: [{ id: "a", candidates: [{ mentor: "X", cost: -1.7e308 }] }, { id: "b", candidates: [{ mentor: "Y", cost: -1.7e308 }] }, { id: "c", candidates: [{ mentor: "Z", cost: 1 }] }], capacity: { X: 1, Y: 1, Z: 1 } }).cost).toBe(Number.NEGATIVE_INFINITY);
  });
});
