/**
 * Shortfall certificates of the flow model (backups, per-topic limits and pruned plain plans):
 * each is a connected group whose needs lack mentors because every mentor they could use is full
 * with needs of the same group. An earlier version started one group per short need and let the
 * first group claim every shared mentor, so later groups came out as single needs "with capacity
 * 0" beside a hundred mentors that had slots (found when pruned plain plans moved to the flow model).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TwinningNetwork, assignPartners } from "../../src/index.js";
import { syntheticNetwork } from "./synthetic.js";

describe("flow-model shortfall certificates are connected groups that never share a mentor", () => {
  it("on random networks with backups and topic limits: no mentor in two groups of a level and every mentor of a group full (without topic limits) (checked against the plan's loads), deficits add up to the needs short", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 20, max: 60 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.boolean(), (seed, size, capacity, backups, limited) => {
        const network = syntheticNetwork(seed, size, 4, ["hospital"]);
        const plan = assignPartners(network, { capacity, backups, ...(limited ? { topicCapacity: 1 } : {}), explainShortfalls: 0 });
        const load = new Map<string, number>();
        for (const pair of plan.pairs) load.set(pair.mentor, (load.get(pair.mentor) ?? 0) + 1);
        for (const level of ["primary", "backup"] as const) {
          const groups = plan.shortfalls.filter((shortfall) => shortfall.level === level);
          const owner = new Map<string, number>();
          groups.forEach((group, g) => {
            // With topic limits the resource is a mentor's pool on one topic, and one mentor can be
            // full on two topics in two groups; without them the mentor is the resource.
            if (limited) return;
            for (const mentor of group.mentors) {
              expect(owner.get(mentor) ?? g, `${level} mentor ${mentor} in groups ${owner.get(mentor)} and ${g}`).toBe(g);
              owner.set(mentor, g);
              // A mentor of a group has no slot left.
              expect(load.get(mentor) ?? 0).toBe(capacity);
            }
          });
        }
        const primaryDeficit = plan.shortfalls.filter((s) => s.level === "primary").reduce((sum, s) => sum + s.deficit, 0);
        expect(primaryDeficit).toBe(plan.uncovered.length);
      }),
      { numRuns: 120, seed: 11 },
    );
  });
});

describe("certificates under a topic limit of 0 do not depend on pruning", () => {
  it("one need per topic, every mentor closed on both topics: one group per topic whether the lists were cut (40 mentors) or not (30) (adversarial review: the pruned solve merged them)", () => {
    for (const mentors of [30, 40]) {
      const ids = ["m", ...Array.from({ length: mentors }, (_, i) => `h${i}`)];
      const network = TwinningNetwork.from({
        institutions: ids.map((id) => ({ id, kind: "hospital" })),
        topics: [{ id: "t0" }, { id: "t1" }],
        scores: ids.flatMap((id, i) => ["t0", "t1"].map((topic) => ({ institution: id, topic, period: "2024", value: i === 0 ? 10 : 50 + i }))),
        interests: [
          { institution: "m", topic: "t0" },
          { institution: "m", topic: "t1" },
        ],
      });
      const plan = assignPartners(network, { rule: { type: "threshold", value: 20 }, topicCapacity: 0, explainShortfalls: 0 });
      expect(plan.shortfalls.map((shortfall) => [shortfall.needs.map((need) => need.topic), shortfall.mentors.length, shortfall.deficit])).toEqual([
        [["t0"], mentors, 1],
        [["t1"], mentors, 1],
      ]);
    }
  });
});
