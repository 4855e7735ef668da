import { describe, expect, it } from "vitest";
import { TwinningArgumentError, TwinningNetwork, TwinningPlan, assignPartners, auditStability, highPerformers, loadNetwork, solveAssignment, withdrawalImpact } from "../../src/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";
import { resolveOptions } from "../../src/plan/planOptions.js";
import { solveCore } from "../../src/plan/solvePlan.js";
import { syntheticNetwork } from "./synthetic.js";

const rwanda = await loadNetwork(EXAMPLE_FOLDER);

describe("TwinningPlan follows the result contract", () => {
  it("round-trips through JSON into withdrawalImpact and auditStability (same answers as the original plan)", () => {
    const plan = assignPartners(rwanda, { capacity: 2, backups: 1 });
    const restored = TwinningPlan.fromJSON(JSON.parse(JSON.stringify(plan)));
    expect(restored.toJSON()).toEqual(plan.toJSON());
    const again = TwinningPlan.fromJSON(JSON.stringify(plan));
    expect(again.pairs).toEqual(plan.pairs);
    const mentor = plan.pairs[0]?.mentor as string;
    const fromOriginal = withdrawalImpact(rwanda, plan, mentor);
    const fromRestored = withdrawalImpact(rwanda, restored, mentor);
    expect(fromRestored.added).toEqual(fromOriginal.added);
    expect(fromRestored.repaired.pairs).toEqual(fromOriginal.repaired.pairs);
    const stable = assignPartners(rwanda, { mode: "stable" });
    expect(auditStability(rwanda, TwinningPlan.fromJSON(JSON.stringify(stable)))).toEqual(auditStability(rwanda, stable));
  });

  it("is frozen, has warnings, and keeps notes as a deprecated alias", () => {
    const plan = assignPartners(rwanda, { preferMutual: 1 });
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.pairs)).toBe(true);
    expect(Object.isFrozen(plan.pairs[0])).toBe(true);
    expect(plan.warnings.length).toBeGreaterThan(0);
    expect(plan.notes).toBe(plan.warnings);
    expect(Object.keys(plan.toJSON())).toContain("warnings");
    expect(Object.keys(plan.toJSON())).not.toContain("notes");
    // Older JSON with `notes` still restores.
    const old = { ...plan.toJSON(), notes: ["old"], warnings: undefined };
    expect(TwinningPlan.fromJSON(old as never).warnings).toEqual(["old"]);
  });

  it("records the options it was made with as plain JSON (defaults filled in)", () => {
    const plan = assignPartners(rwanda, { capacity: 2 });
    expect(plan.options?.capacity).toBe(2);
    expect(plan.options?.backups).toBe(0);
    expect(JSON.parse(JSON.stringify(plan.options))).toEqual(plan.options);
  });
});

describe("plan functions check their options (the shared options contract)", () => {
  it("a misspelled option is an error with a suggestion, naming the function", () => {
    expect(() => assignPartners(rwanda, { capcity: 2 } as never)).toThrow(/capcity: unknown option of assignPartners; did you mean capacity\?/);
    const plan = assignPartners(rwanda);
    expect(() => withdrawalImpact(rwanda, plan, plan.pairs[0]?.mentor as string, { capcity: 2 } as never)).toThrow(/unknown option of withdrawalImpact; did you mean capacity/);
    expect(() => auditStability(rwanda, plan, { backup: 1 } as never)).toThrow(/unknown option of auditStability; did you mean backups/);
    expect(() => highPerformers(rwanda, "accreditation", { perod: "2022" } as never)).toThrow(/perod: unknown option of highPerformers; did you mean period/);
    expect(() => assignPartners(rwanda, { weights: { gapp: 1 } } as never)).toThrow(/did you mean gap/);
  });

  it('capacity: "1" is an error, not 3', () => {
    expect(() => assignPartners(rwanda, { capacity: "1" } as never)).toThrow(TwinningArgumentError);
    expect(() => assignPartners(rwanda, { capacity: { x: "1" } } as never)).toThrow(/capacity of "x" must be a whole number/);
    expect(() => assignPartners(rwanda, { topicCapacity: 1.5 })).toThrow(TwinningArgumentError);
  });
});

describe("user keys", () => {
  it("an institution called constructor (or __proto__) works, as mentor and as capacity key", () => {
    const data = {
      institutions: ["constructor", "__proto__", "toString", "h"].map((id) => ({ id, kind: "hospital" })),
      topics: [{ id: "acc", min: 0, max: 100 }],
      scores: [
        { institution: "constructor", topic: "acc", period: "2024", value: 90 },
        { institution: "__proto__", topic: "acc", period: "2024", value: 80 },
        { institution: "toString", topic: "acc", period: "2024", value: 20 },
        { institution: "h", topic: "acc", period: "2024", value: 10 },
      ],
      interests: [
        { institution: "toString", topic: "acc" },
        { institution: "h", topic: "acc" },
      ],
    };
    const network = TwinningNetwork.from(data);
    const capacity = Object.fromEntries([["constructor", 1], ["__proto__", 1]]);
    const plan = assignPartners(network, { capacity, rule: { type: "top-k", k: 2 } });
    expect(plan.covered).toBe(2);
    expect(new Set(plan.pairs.map((pair) => pair.mentor))).toEqual(new Set(["constructor", "__proto__"]));
    const backups = assignPartners(network, { capacity, rule: { type: "top-k", k: 2 }, backups: 1 });
    expect(backups.covered).toBe(2);
    expect(withdrawalImpact(network, TwinningPlan.fromJSON(JSON.stringify(plan)), "constructor").lostPrimary).toHaveLength(1);
  });
});

describe("capacities and costs at the limits", () => {
  it("three capacities of 2^30 (sum above 2^31) work", () => {
    const capacity = { X: 2 ** 30, Y: 2 ** 30, Z: 2 ** 30 };
    const solution = solveAssignment({ needs: [{ id: "a", candidates: [{ mentor: "X", cost: 1 }, { mentor: "Y", cost: 2 }] }, { id: "b", candidates: [{ mentor: "X", cost: 1 }] }], capacity });
    expect(solution.assignment).toEqual({ a: "X", b: "X" });
    const plan = assignPartners(rwanda, { capacity: 2 ** 30 });
    expect(plan.uncovered.filter((need) => need.eligibleMentors.length > 0)).toEqual([]);
  });

  it("is exact beside a cost of -1e16 (issue 11): b->Z, c->Y, total -1e16 + 4", () => {
    const solution = solveAssignment({
      needs: [
        { id: "a", candidates: [{ mentor: "X", cost: -1e16 }] },
        { id: "b", candidates: [{ mentor: "Y", cost: 1 }, { mentor: "Z", cost: 2 }] },
        { id: "c", candidates: [{ mentor: "Y", cost: 2 }, { mentor: "Z", cost: 5 }] },
      ],
      capacity: { X: 1, Y: 1, Z: 1 },
    });
    expect(solution.assignment).toEqual({ a: "X", b: "Z", c: "Y" });
    expect(solution.cost).toBe(-1e16 + 4);
  });
});

describe("backups never cost a primary partner (issue 11)", () => {
  it("100 institutions (hospitals and districts, 6 topics, half chosen, two periods): backups: 1 covers exactly the needs the plan without backups covers", () => {
    const network = syntheticNetwork(100, 100);
    const without = assignPartners(network, { explainShortfalls: 0 });
    const withBackups = assignPartners(network, { backups: 1, explainShortfalls: 0 });
    expect(withBackups.covered).toBe(without.covered);
    expect(withBackups.uncovered.length).toBe(without.uncovered.length);
    expect(withBackups.pairs.filter((pair) => pair.role === "backup").length).toBeGreaterThan(0);
    const limited = assignPartners(network, { topicCapacity: 1, explainShortfalls: 0 });
    const limitedBackups = assignPartners(network, { topicCapacity: 1, backups: 1, explainShortfalls: 0 });
    expect(limitedBackups.covered).toBe(limited.covered);
  });
});

describe("candidate pruning (each need holds its 16 cheapest candidates; pairs left out are checked by duality; small plans take the full lists)", () => {
  it.each([
    [600, 3, 1],
    [550, 1, 2],
    [500, 2, 3],
  ])("%i institutions, capacity %i: the pruned plan has the unpruned plan's coverage, cost and shortfalls (seed %i)", (size, capacity, seed) => {
    const network = syntheticNetwork(seed, size, 6, ["hospital"]);
    // Large enough for assignPartners to prune (full lists above FULL_LISTS_UP_TO pairs).
    expect(solveCore(network, resolveOptions({ capacity }, "test"), "test").pruned?.size).toBeGreaterThan(0);
    const pruned = assignPartners(network, { capacity, explainShortfalls: 0 });
    // maxPartners far above any count turns pruning off and changes nothing else.
    const full = assignPartners(network, { capacity, explainShortfalls: 0, maxPartners: 10_000 });
    expect(pruned.covered).toBe(full.covered);
    expect(pruned.objective).toBeCloseTo(full.objective, 4);
    const deficits = (plan: TwinningPlan) => plan.shortfalls.map((s) => [s.needs.length, s.deficit, s.capacity]).sort();
    expect(deficits(pruned)).toEqual(deficits(full));
    expect(pruned.uncovered.map((need) => need.eligibleMentors.length)).toEqual(full.uncovered.map((need) => need.eligibleMentors.length));
  });
});

describe("assignPartners refuses what is not a network", () => {
  it.each([null, undefined, 42, {}, { interests: [] }])("%s gives a TwinningArgumentError naming the function, not a TypeError from inside", (value) => {
    expect(() => assignPartners(value as never)).toThrowError(/^assignPartners: expected a TwinningNetwork/);
    expect(() => assignPartners(value as never)).toThrow(TwinningArgumentError);
  });
});
