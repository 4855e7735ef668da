/**
 * Pinned pairs are in the plan. An adversarial review found that a pin was only a restriction of
 * its need's list: a plan covering as many needs at a lower cost gave the pinned mentor's slot to
 * another need and left the pinned need uncovered, silently, on every solver path.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TwinningNetwork, assignPartners, withdrawalImpact } from "../../src/index.js";
import { syntheticNetwork } from "./synthetic.js";

const small = TwinningNetwork.from({
  institutions: [
    { id: "M", kind: "h" },
    { id: "A", kind: "h" },
    { id: "B", kind: "h" },
  ],
  topics: [{ id: "t", min: 0, max: 100 }],
  scores: [
    { institution: "M", topic: "t", period: "p", value: 90 },
    { institution: "A", topic: "t", period: "p", value: 80 },
    { institution: "B", topic: "t", period: "p", value: 10 },
  ],
  interests: [
    { institution: "A", topic: "t" },
    { institution: "B", topic: "t" },
  ],
});

describe("pinned pairs are kept", () => {
  it.each([{}, { backups: 1 }, { topicCapacity: 1 }])("the review's case with %j: M -> A stays (B, cheaper for M, is left uncovered)", (extra) => {
    const plan = assignPartners(small, { capacity: 1, rule: { type: "top-k", k: 1 }, pin: [{ mentor: "M", mentee: "A", topic: "t" }], ...extra });
    expect(plan.pairs.filter((pair) => pair.role === "primary").map((pair) => [pair.mentor, pair.mentee, pair.pinned])).toEqual([["M", "A", true]]);
    expect(plan.uncovered.map((need) => need.institution)).toEqual(["B"]);
    expect(plan.shortfalls.filter((shortfall) => shortfall.level === "primary").flatMap((shortfall) => shortfall.needs.map((need) => need.institution))).toEqual(["B"]);
  });

  it.each([{}, { topicCapacity: 1 }])("stable mode with %j keeps M -> A too (deferred acceptance let M reject its pinned A for B; adversarial review)", (extra) => {
    const plan = assignPartners(small, { capacity: 1, mode: "stable", pin: [{ mentor: "M", mentee: "A", topic: "t" }], ...extra });
    expect(plan.pairs.map((pair) => [pair.mentor, pair.mentee, pair.pinned])).toEqual([["M", "A", true]]);
    expect(plan.uncovered.map((need) => need.institution)).toEqual(["B"]);
  });

  it("stable mode on random networks with random pins: every pin is a pair, no mentor over its capacity or topic capacity", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 12, max: 30 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.integer({ min: 1, max: 6 }), (seed, size, capacity, limited, pinCount) => {
        const network = syntheticNetwork(seed, size, 4, ["hospital"]);
        const base = { capacity, mode: "stable", ...(limited ? { topicCapacity: 1 } : {}), explainShortfalls: 0 } as const;
        const plain = assignPartners(network, base);
        const pins: { mentor: string; mentee: string; topic: string }[] = [];
        const pinLoad = new Map<string, number>();
        // Each pin gives a need of the plan another mentor, with room for it (one per mentor under topic limits).
        for (const pair of plain.pairs.slice(0, pinCount)) {
          const mentor = network.institutions.map((i) => i.id).find((id) => id !== pair.mentor && id !== pair.mentee && (pinLoad.get(id) ?? 0) < (limited ? 1 : capacity));
          if (mentor === undefined) continue;
          pins.push({ mentor, mentee: pair.mentee, topic: pair.topic });
          pinLoad.set(mentor, (pinLoad.get(mentor) ?? 0) + 1);
        }
        const plan = assignPartners(network, { ...base, pin: pins });
        for (const pin of pins) expect(plan.pairs.some((pair) => pair.mentor === pin.mentor && pair.mentee === pin.mentee && pair.topic === pin.topic && pair.pinned)).toBe(true);
        const used = new Map<string, number>();
        const usedOnTopic = new Map<string, number>();
        for (const pair of plan.pairs) {
          used.set(pair.mentor, (used.get(pair.mentor) ?? 0) + 1);
          usedOnTopic.set(JSON.stringify([pair.mentor, pair.topic]), (usedOnTopic.get(JSON.stringify([pair.mentor, pair.topic])) ?? 0) + 1);
        }
        for (const count of used.values()) expect(count).toBeLessThanOrEqual(capacity);
        if (limited) for (const count of usedOnTopic.values()) expect(count).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100, seed: 9 },
    );
  });

  it("a pin naming a withdrawn institution is an error saying so (before: 'exceed its capacity 0' for a mentor, the pin dropped without a word for a mentee; adversarial review)", () => {
    const pin = [{ mentor: "M", mentee: "A", topic: "t" }];
    expect(() => assignPartners(small, { pin, withdrawn: ["M"] })).toThrow("assignPartners: pinned pair M -> A on t: M is withdrawn; drop the pin or the withdrawal");
    expect(() => assignPartners(small, { pin, withdrawn: ["A"] })).toThrow("assignPartners: pinned pair M -> A on t: A is withdrawn; drop the pin or the withdrawal");
  });

  it("withdrawalImpact of a pinned mentor: its pinned mentee lost its partner and the repair gives it another (before: a capacity error; adversarial review)", () => {
    const network = TwinningNetwork.from({
      institutions: ["m", "n", "a", "b", "c"].map((id) => ({ id, kind: "h" })),
      topics: [{ id: "t", min: 0, max: 100 }],
      scores: (
        [
          ["m", 90],
          ["n", 85],
          ["a", 10],
          ["b", 20],
          ["c", 30],
        ] as const
      ).map(([institution, value]) => ({ institution, topic: "t", period: "p", value })),
      interests: ["a", "b", "c"].map((institution) => ({ institution, topic: "t" })),
    });
    const plan = assignPartners(network, { pin: [{ mentor: "m", mentee: "a", topic: "t" }] });
    const impact = withdrawalImpact(network, plan, "m");
    expect(impact.lostPrimary).toContainEqual({ institution: "a", topic: "t" });
    expect(impact.repaired.pairs.map((pair) => `${pair.mentor}->${pair.mentee}`)).toContain("n->a");
    expect(impact.repaired.covered).toBe(assignPartners(network, { withdrawn: ["m"] }).covered);
  });

  it("with backups a pinned need is in no backup shortfall (it takes its pin alone by the rules, and the raises offered there gave the unit to other needs; new-user trial): a note says so", () => {
    const plan = assignPartners(small, { capacity: 3, backups: 1, rule: { type: "top-k", k: 1 }, pin: [{ mentor: "M", mentee: "A", topic: "t" }] });
    expect(plan.shortfalls.flatMap((shortfall) => shortfall.needs.map((need) => need.institution))).not.toContain("A");
    expect(plan.warnings).toContain("1 pinned need(s) take their pinned mentor alone, without backups, e.g. A on t.");
  });

  it("a pin the rules refuse is priced as any pair: the gap in SDs of the topic's scores among the kind (before: left out, '+10 better' at cost 0; adversarial review)", () => {
    const values: Record<string, number> = { m: 90, n: 85, a: 10, b: 20, c: 30 };
    const network = TwinningNetwork.from({
      institutions: Object.keys(values).map((id) => ({ id, kind: "h", group: "G" })),
      topics: [{ id: "t1", min: 0, max: 100 }],
      scores: Object.entries(values).map(([institution, value]) => ({ institution, topic: "t1", period: "p", value })),
      interests: [{ institution: "b", topic: "t1" }],
    });
    const plan = assignPartners(network, { pin: [{ mentor: "c", mentee: "b", topic: "t1" }] });
    const pair = plan.pairs.find((entry) => entry.pinned);
    // Sample SD of 90, 85, 10, 20, 30 (mean 47): sqrt(5,680 / 4).
    expect(pair?.gap).toBe(10);
    expect(pair?.cost).toBeCloseTo(-10 / Math.sqrt(5680 / 4), 12);
  });

  it("a pin beyond a mentor's topic capacity is an error naming the mentor and the topic", () => {
    expect(() =>
      assignPartners(small, { capacity: 2, topicCapacity: 1, rule: { type: "top-k", k: 1 }, pin: [{ mentor: "M", mentee: "A", topic: "t" }, { mentor: "M", mentee: "B", topic: "t" }] }),
    ).toThrow(/2 pinned pairs for M on t exceed its topic capacity 1/);
  });

  it("on random networks with random pins (plain, backups, topic limits): every pin is a primary pair, no mentor over capacity, primary deficits add up to the uncovered needs", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 12, max: 40 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, 1), fc.boolean(), fc.integer({ min: 1, max: 6 }), (seed, size, capacity, backups, limited, pinCount) => {
        const network = syntheticNetwork(seed, size, 4, ["hospital"]);
        const base = { capacity, backups, ...(limited ? { topicCapacity: 2 } : {}), explainShortfalls: 0 } as const;
        // Pins: the first needs of the unpinned plan's primary pairs, each given another institution.
        const plain = assignPartners(network, base);
        const pins: { mentor: string; mentee: string; topic: string }[] = [];
        const pinLoad = new Map<string, number>();
        for (const pair of plain.pairs.filter((p) => p.role === "primary").slice(0, pinCount)) {
          const mentor = network.institutions.map((i) => i.id).find((id) => id !== pair.mentee && (pinLoad.get(id) ?? 0) < Math.min(capacity, limited ? 1 : capacity) && !pins.some((pin) => pin.mentee === pair.mentee && pin.topic === pair.topic));
          if (mentor === undefined) continue;
          pins.push({ mentor, mentee: pair.mentee, topic: pair.topic });
          pinLoad.set(mentor, (pinLoad.get(mentor) ?? 0) + 1);
        }
        const plan = assignPartners(network, { ...base, pin: pins });
        for (const pin of pins) {
          expect(plan.pairs.some((pair) => pair.role === "primary" && pair.mentor === pin.mentor && pair.mentee === pin.mentee && pair.topic === pin.topic && pair.pinned)).toBe(true);
        }
        const used = new Map<string, number>();
        for (const pair of plan.pairs) used.set(pair.mentor, (used.get(pair.mentor) ?? 0) + 1);
        for (const count of used.values()) expect(count).toBeLessThanOrEqual(capacity);
        const primaryDeficit = plan.shortfalls.filter((s) => s.level === "primary").reduce((sum, s) => sum + s.deficit, 0);
        expect(primaryDeficit).toBe(plan.uncovered.length);
      }),
      { numRuns: 150, seed: 5 },
    );
  });
});

describe("pins and maxPartners", () => {
  it("pins that pass maxPartners are kept and said in a warning (adversarial review: silent)", () => {
    const values: Record<string, number> = { m: 90, n: 85, a: 10, b: 20 };
    const network = TwinningNetwork.from({
      institutions: Object.keys(values).map((id) => ({ id, kind: "h" })),
      topics: [
        { id: "t1", min: 0, max: 100 },
        { id: "t2", min: 0, max: 100 },
      ],
      scores: ["t1", "t2"].flatMap((topic) => Object.entries(values).map(([institution, value]) => ({ institution, topic, period: "p", value }))),
      interests: [
        { institution: "a", topic: "t1" },
        { institution: "a", topic: "t2" },
      ],
    });
    const plan = assignPartners(network, { maxPartners: 1, pin: [{ mentor: "m", mentee: "a", topic: "t1" }, { mentor: "n", mentee: "a", topic: "t2" }] });
    expect(plan.pairs.map((pair) => `${pair.mentor}->${pair.mentee} ${pair.topic}`)).toEqual(["m->a t1", "n->a t2"]);
    expect(plan.warnings).toContain("pins give 1 mentee(s) more partners than maxPartners (1), kept as pinned: a");
  });
});
