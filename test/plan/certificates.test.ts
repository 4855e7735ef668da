/**
 * Shortfall certificates of the flow model (backups, per-topic limits and pruned plain plans):
 * each is a connected group whose needs lack mentors because every mentor they could use is full
 * with needs of the same group. An earlier version started one group per short need and let the
 * first group claim every shared mentor, so later groups came out as single needs "with capacity
 * 0" beside a hundred mentors that had slots (found when pruned plain plans moved to the flow model).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignPartners } from "../../src/index.js";
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
