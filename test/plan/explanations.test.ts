/**
 * Explanations at scale (issue 11): the typed-array explanation of a need gives what the per-object
 * EligibilityContext.evaluate(..., true) gives, and an uncovered need's reason names at most
 * UNCOVERED_NAMED mentors (the count and the best-scoring few beyond), the full list staying in
 * eligibleMentors.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AssignPartnersOptions, TwinningNetwork, TwinningPlan, type TwinningPlanData, assignPartners, loadNetwork } from "../../src/index.js";
import { latestPeriod } from "../../src/model/highPerformers.js";
import type { HighPerformerRule } from "../../src/model/highPerformers.js";
import { EligibilityContext, type SimilarityOptions } from "../../src/plan/eligibility.js";
import { CAPACITY_RAISE_LIMIT, TOPIC_CAPACITY_RESOLVE_UP_TO, UNCOVERED_NAMED } from "../../src/plan/explanations.js";
import { resolveOptions, rulesFor, withoutWithdrawn } from "../../src/plan/planOptions.js";
import { EXAMPLE_FOLDER } from "../helpers.js";
import { syntheticNetwork } from "./synthetic.js";

const rwanda = await loadNetwork(EXAMPLE_FOLDER);

const optionsArbitrary: fc.Arbitrary<AssignPartnersOptions> = fc.record({
  groups: fc.constantFrom("any" as const, "same" as const, "different" as const),
  minimumGap: fc.constantFrom(0, 2, 10),
  similarity: fc.constantFrom<SimilarityOptions>({}, { maxDistance: 1.5 }, { maxDistance: 0.5 }),
  rule: fc.constantFrom<HighPerformerRule>({ type: "top-share", share: 1 / 3 }, { type: "top-share", share: 0.5 }, { type: "threshold", value: 60 }, { type: "margin", margin: 5, relativeTo: "i0" }),
  sameKind: fc.boolean(),
});

/** Every need's explanation both ways, compared field by field (counts with their key order). */
function expectSameExplanations(network: TwinningNetwork, options: AssignPartnersOptions): void {
  const resolved = resolveOptions(options, "test");
  const context = new EligibilityContext(network);
  for (const interest of network.interests) {
    const topic = network.topic(interest.topic);
    if (topic === undefined) continue;
    const rules = rulesFor(topic.id, resolved);
    const expected = context.evaluate(interest.institution, topic, rules, true);
    const explained = context.scanner.explainNeed(interest.institution, topic, rules);
    expect(explained.period).toBe(expected.period);
    expect(Array.from(explained.eligible, (index) => network.institutions[index]?.id)).toEqual(expected.candidates.map((candidate) => candidate.mentor));
    expect(Object.entries(explained.removedCounts)).toEqual(Object.entries(expected.removedCounts ?? {}));
    expect(explained.removed).toEqual(expected.removed);
  }
}

/** Ids that break plain-object lookups, and ordinary ones. */
const ODD_IDS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o"];

/**
 * Small networks where every rule matters: two or three kinds, groups (some missing, one called
 * `__proto__`), resource attributes with missing values (NaN in the vectors), scores from a few
 * values (ties) in two periods with some missing (mentees without scores), topics for some kinds
 * only or with lower values better.
 */
const oddNetworkArbitrary = fc
  .record({
    size: fc.integer({ min: 2, max: ODD_IDS.length }),
    kinds: fc.constantFrom(["hospital"], ["hospital", "district"], ["hospital", "district", "__proto__"]),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    scoreShare: fc.constantFrom(0.5, 0.8, 1),
  })
  .map(({ size, kinds, seed, scoreShare }) => {
    const random = seededShuffleKey(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const institutions = ODD_IDS.slice(0, size).map((id) => {
      const group = pick(["North", "South", "__proto__", undefined]);
      const attributes: Record<string, number> = {};
      if (random() < 0.8) attributes.staff = Math.floor(random() * 5);
      if (random() < 0.7) attributes.beds = Math.floor(random() * 300);
      return { id, kind: pick(kinds), ...(group !== undefined ? { group } : {}), ...attributes };
    });
    const topics = [
      { id: "t0", min: 0, max: 100 },
      { id: "toString", min: 0, max: 100, higherIsBetter: false },
      { id: "t2", min: 0, max: 100, kinds: [kinds[0] as string] },
    ];
    const applies = (topic: { kinds?: string[] }, kind: string) => topic.kinds === undefined || topic.kinds.includes(kind);
    const scores: { institution: string; topic: string; period: string; value: number }[] = [];
    const interests: { institution: string; topic: string }[] = [];
    for (const institution of institutions) {
      for (const topic of topics) {
        if (!applies(topic, institution.kind)) continue;
        for (const period of ["2023", "2024"]) if (random() < scoreShare) scores.push({ institution: institution.id, topic: topic.id, period, value: pick([10, 20, 20, 35, 50, 50, 64.5, 80, 99]) });
        if (random() < 0.7) interests.push({ institution: institution.id, topic: topic.id });
      }
    }
    return { network: TwinningNetwork.from({ institutions, topics, scores, interests }) };
  });

const oddOptionsArbitrary: fc.Arbitrary<AssignPartnersOptions> = fc
  .record({
    groups: fc.constantFrom("any" as const, "same" as const, "different" as const),
    minimumGap: fc.constantFrom(0, 5, 30),
    similarity: fc.constantFrom<SimilarityOptions>({}, { maxDistance: 1 }, { maxDistance: 0.3 }, { attributes: ["beds"], maxDistance: 0.8 }),
    rule: fc.constantFrom<HighPerformerRule>({ type: "top-share", share: 1 / 3 }, { type: "top-share", share: 1 }, { type: "top-k", k: 2 }, { type: "threshold", value: 50 }, { type: "margin", margin: 0, relativeTo: "a" }, { type: "margin", margin: 15, relativeTo: "a" }),
    sameKind: fc.boolean(),
    period: fc.constantFrom(undefined, "2023", "2024"),
    exclude: fc.subarray([
      { mentor: "constructor", mentee: "__proto__" },
      { mentor: "a", mentee: "b", topic: "t0" },
      { mentor: "__proto__", mentee: "a" },
      { mentor: "b", mentee: "constructor", topic: "toString" },
      { mentor: "c", mentee: "a", topic: "t2" },
    ]),
    withdrawn: fc.subarray(["toString", "b", "valueOf"], { maxLength: 2 }),
  })
  .map(({ period, ...rest }) => ({ ...rest, ...(period !== undefined ? { period } : {}) }));

/** A seeded generator in [0, 1) (for shuffles and test networks). */
function seededShuffleKey(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

describe("CandidateScanner.explainNeed", () => {
  it("gives evaluate(..., true)'s eligible mentors, removal counts (same key order) and first removals with details, on random synthetic networks with exclusions", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 5, max: 120 }), fc.constantFrom(["hospital"], ["hospital", "district"]), optionsArbitrary, (seed, size, kinds, options) => {
        const network = syntheticNetwork(seed, size, 4, kinds);
        const exclude = [
          { mentor: "i1", mentee: "i0" },
          { mentor: "i2", mentee: "i3", topic: "t1" },
          { mentor: "i4", mentee: "i0", topic: "t0" },
        ];
        expectSameExplanations(network, { ...options, exclude });
      }),
      { numRuns: 40 },
    );
  });

  it("gives evaluate(..., true)'s explanation and bestScoring's best few on random small networks: odd ids, missing scores and attributes, ties, topics for some kinds or lower-is-better, every rule, withdrawn mentors, a period option; needs asked in random order and twice", () => {
    fc.assert(
      fc.property(oddNetworkArbitrary, oddOptionsArbitrary, fc.integer({ min: 0, max: 2 ** 31 - 1 }), ({ network }, options, orderSeed) => {
        // A period option names a period with scores (the high-performer rules reject others).
        fc.pre(options.period === undefined || network.scores.some((score) => score.period === options.period));
        const resolved = withoutWithdrawn(network, resolveOptions(options, "test"));
        const context = new EligibilityContext(network);
        // Tables are made on first use and shared: ask the needs in a shuffled order, each twice.
        const needs = network.interests.flatMap((interest) => [interest, interest]);
        const random = seededShuffleKey(orderSeed);
        const order = needs.map((need) => ({ need, key: random() })).sort((a, b) => a.key - b.key);
        for (const { need } of order) {
          const topic = network.topic(need.topic) as (typeof network.topics)[number];
          const rules = rulesFor(topic.id, resolved);
          // A margin rule relative to an institution without a score there has no high performers
          // to compare: both refuse it (assignPartners says so before eligibility).
          let expected: ReturnType<typeof context.evaluate>;
          try {
            expected = context.evaluate(need.institution, topic, rules, true);
          } catch (error) {
            expect(rules.rule.type).toBe("margin");
            expect(() => context.scanner.explainNeed(need.institution, topic, rules, 3)).toThrow((error as Error).message);
            continue;
          }
          const explained = context.scanner.explainNeed(need.institution, topic, rules, 3);
          expect(explained.period).toBe(expected.period);
          expect(Array.from(explained.eligible, (index) => network.institutions[index]?.id)).toEqual(expected.candidates.map((candidate) => candidate.mentor));
          expect(Object.entries(explained.removedCounts)).toEqual(Object.entries(expected.removedCounts ?? {}));
          expect(explained.removed).toEqual(expected.removed);
          expect(Array.from(explained.best)).toEqual(context.scanner.bestScoring(topic, rules, explained.eligible, 3));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives evaluate(..., true)'s explanation on the Rwanda example (topics that apply to one kind), with and without sameKind", () => {
    for (const sameKind of [true, false]) {
      for (const groups of ["any", "same", "different"] as const) expectSameExplanations(rwanda, { sameKind, groups, similarity: { maxDistance: 1 } });
    }
  });
});

describe("the reason of an uncovered need", () => {
  it(`names all eligible mentors in network order when there are at most ${UNCOVERED_NAMED} (the wording before issue 11)`, () => {
    const network = syntheticNetwork(3, 60, 4);
    const plan = assignPartners(network, { capacity: 0, rule: { type: "top-k", k: 4 } });
    const withMentors = plan.uncovered.filter((need) => need.eligibleMentors.length > 0);
    expect(withMentors.length).toBeGreaterThan(0);
    for (const need of withMentors) {
      expect(need.eligibleMentors.length).toBeLessThanOrEqual(UNCOVERED_NAMED);
      expect(need.reason).toBe(`all ${need.eligibleMentors.length} eligible mentors (${need.eligibleMentors.join(", ")}) have no mentoring slots (capacity 0)`);
    }
  });

  it("beyond that names the count and the best-scoring few (checked against sorting eligibleMentors by score), and eligibleMentors keeps every one in network order", () => {
    const network = syntheticNetwork(5, 400, 4);
    const plan = assignPartners(network, { capacity: 0, explainShortfalls: 0 });
    const context = new EligibilityContext(network);
    const resolved = resolveOptions({}, "test");
    let checked = 0;
    for (const need of plan.uncovered) {
      const topic = network.topic(need.topic);
      if (topic === undefined || need.eligibleMentors.length <= UNCOVERED_NAMED) continue;
      const expected = context.evaluate(need.institution, topic, rulesFor(topic.id, resolved));
      expect(need.eligibleMentors).toEqual(expected.candidates.map((candidate) => candidate.mentor));
      const period = latestPeriod(network, topic.id) as string;
      const score = (id: string) => network.score(id, topic.id, period) as number;
      // Array.prototype.sort is stable: ties stay in network order.
      const best = [...need.eligibleMentors].sort((a, b) => score(b) - score(a)).slice(0, UNCOVERED_NAMED);
      expect(need.reason).toBe(`all ${need.eligibleMentors.length} eligible mentors (the best-scoring ${best.join(", ")} and ${need.eligibleMentors.length - UNCOVERED_NAMED} more) have no mentoring slots (capacity 0)`);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe("the uncovered needs of a plan", () => {
  it("list evaluate(..., true)'s eligible mentors, removal counts (same key order) and first removals, under group, distance, exclusion, withdrawal, margin and one-kind rules", () => {
    const cases: [TwinningNetwork, AssignPartnersOptions][] = [
      [syntheticNetwork(21, 150, 4), { capacity: 0 }],
      [syntheticNetwork(22, 150, 4), { capacity: 1, groups: "same", similarity: { maxDistance: 1 }, exclude: [{ mentor: "i1", mentee: "i0" }, { mentor: "i2", mentee: "i3", topic: "t1" }] }],
      [syntheticNetwork(23, 150, 4), { capacity: 0, sameKind: false, groups: "different", withdrawn: ["i4", "i9"], topicRules: { t0: { minimumGap: 5 }, t2: { groups: "any" } } }],
      [syntheticNetwork(24, 150, 4, ["hospital"]), { capacity: 0, rule: { type: "margin", margin: 3, relativeTo: "i0" }, period: "2023" }],
    ];
    let checked = 0;
    for (const [network, options] of cases) {
      const plan = assignPartners(network, { ...options, explainShortfalls: 0 });
      const resolved = withoutWithdrawn(network, resolveOptions(options, "test"));
      const context = new EligibilityContext(network);
      expect(plan.uncovered.length).toBeGreaterThan(0);
      for (const need of plan.uncovered) {
        const topic = network.topic(need.topic) as (typeof network.topics)[number];
        const expected = context.evaluate(need.institution, topic, rulesFor(topic.id, resolved), true);
        expect(need.eligibleMentors).toEqual(expected.candidates.map((candidate) => candidate.mentor));
        expect(Object.entries(need.removedBy)).toEqual(Object.entries(expected.removedCounts ?? {}));
        expect(need.removed).toEqual(expected.removed);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe("a pair's reason (new-user trial)", () => {
  it("a kept pair whose cheaper alternative lies within the keep threshold says so (it blamed the alternative's slots, one of them free)", () => {
    const base = assignPartners(rwanda, { previous: [] });
    const pair = base.pairs.find((candidate) => /next best: (\S+)/.test(candidate.reason)) as (typeof base.pairs)[number];
    const other = (/next best: (\S+)/.exec(pair.reason) as RegExpExecArray)[1] as string;
    const plan = assignPartners(rwanda, { previous: [{ mentor: other, mentee: pair.mentee, topic: pair.topic }], keepThreshold: 5 });
    const kept = plan.pairs.find((candidate) => candidate.mentee === pair.mentee && candidate.topic === pair.topic);
    expect(kept?.mentor).toBe(other);
    expect(kept?.reason).toMatch(new RegExp(`kept from the previous plan; ${pair.mentor} would cost [0-9.]+ less, within the keep threshold$`));
  });

  it("a need whose eligible mentors are all chosen (primary and backups) says so, not 'no other eligible mentor' beside its backup", () => {
    const plan = assignPartners(rwanda, { backups: 1, groups: "same" });
    const all = plan.pairs.filter((pair) => pair.reason.endsWith("no eligible mentor besides the 2 chosen"));
    expect(all.length).toBeGreaterThan(0);
    for (const pair of all) expect(plan.pairs.filter((other) => other.mentee === pair.mentee && other.topic === pair.topic)).toHaveLength(2);
    // A need with one mentor and no other keeps the old words.
    for (const pair of plan.pairs.filter((candidate) => candidate.reason.endsWith("no other eligible mentor"))) {
      expect(plan.pairs.filter((other) => other.mentee === pair.mentee && other.topic === pair.topic)).toHaveLength(1);
    }
  });
});

describe("relaxations of a backup shortfall under per-topic limits (new-user trial)", () => {
  it("offer each topic's limit raised, and ask a mentor for no more slots than the units gained; every gain is a fresh solve's (before: 'no single relaxation tried helps', and 'from 3 to 12' for one backup)", async () => {
    const network = await loadNetwork(EXAMPLE_FOLDER);
    const options: AssignPartnersOptions = { topicCapacity: 1, backups: 1 };
    const plan = assignPartners(network, options);
    const units = (again: TwinningPlan) => again.pairs.length - plan.pairs.length;
    const backupLevel = plan.shortfalls.filter((shortfall) => shortfall.level === "backup");
    expect(backupLevel.length).toBeGreaterThan(0);
    let topicRaises = 0;
    let capacityRaises = 0;
    for (const shortfall of backupLevel) {
      expect(shortfall.relaxations.length).toBeGreaterThan(0);
      for (const relaxation of shortfall.relaxations) {
        if (relaxation.kind === "topic-capacity") {
          const topic = relaxation.topic as string;
          const raised = Object.fromEntries(network.topics.map(({ id }) => [id, id === topic ? 1 + (relaxation.by as number) : 1]));
          expect(units(assignPartners(network, { ...options, explainShortfalls: 0, topicCapacity: raised }))).toBe(relaxation.coverageGain);
          topicRaises++;
        } else if (relaxation.kind === "capacity") {
          const mentor = relaxation.mentor as string;
          const current = plan.capacity[mentor] as number;
          expect(relaxation.by).toBe(Math.max(relaxation.primaryGain ?? 0, relaxation.coverageGain));
          expect(relaxation.by).toBeLessThanOrEqual(Math.min(shortfall.deficit, CAPACITY_RAISE_LIMIT));
          expect(relaxation.description).toBe(`raise ${mentor}'s capacity from ${current} to ${current + (relaxation.by as number)}`);
          expect(units(assignPartners(network, { ...options, explainShortfalls: 0, capacity: { ...plan.capacity, [mentor]: current + (relaxation.by as number) } }))).toBe(relaxation.coverageGain);
          capacityRaises++;
        }
      }
    }
    expect(topicRaises).toBeGreaterThan(5);
    expect(capacityRaises).toBeGreaterThan(0);
  });
});

describe("capacity relaxations", () => {
  it(`raise a mentor by the shortfall's deficit up to ${CAPACITY_RAISE_LIMIT} slots, with the gain of re-solving with that capacity`, () => {
    const network = syntheticNetwork(11, 300, 4);
    const options: AssignPartnersOptions = { capacity: 1, explainShortfalls: 2 };
    const plan = assignPartners(network, options);
    const large = plan.shortfalls.find((shortfall) => shortfall.deficit > CAPACITY_RAISE_LIMIT);
    expect(large).toBeDefined();
    let checked = 0;
    for (const shortfall of plan.shortfalls.slice(0, 2)) {
      for (const relaxation of shortfall.relaxations.filter((r) => r.kind === "capacity").slice(0, 3)) {
        const mentor = relaxation.mentor as string;
        const current = plan.capacity[mentor] as number;
        expect(relaxation.by).toBe(Math.min(shortfall.deficit, CAPACITY_RAISE_LIMIT));
        expect(relaxation.description).toBe(`raise ${mentor}'s capacity from ${current} to ${current + (relaxation.by as number)}`);
        const again = assignPartners(network, { ...options, explainShortfalls: 0, capacity: { ...plan.capacity, [mentor]: current + (relaxation.by as number) } });
        expect(again.covered - plan.covered).toBe(relaxation.coverageGain);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("a per-topic limit's shortfall is offered a raise of the topic capacity, with the gain of solving afresh with it (before: never tried; topicCapacity 1 left only 'lower the bar')", () => {
    const network = syntheticNetwork(12, 160, 4);
    for (const topicCapacity of [1, { t0: 0, t1: 2 }] as const) {
      const options: AssignPartnersOptions = { topicCapacity, previous: [] };
      const plan = assignPartners(network, options);
      const raises = plan.shortfalls.flatMap((shortfall) => shortfall.relaxations.filter((relaxation) => relaxation.kind === "topic-capacity").map((relaxation) => ({ shortfall, relaxation })));
      expect(raises.length).toBeGreaterThan(0);
      for (const { shortfall, relaxation } of raises) {
        const topic = relaxation.topic as string;
        const current = typeof topicCapacity === "number" ? topicCapacity : (topicCapacity[topic as keyof typeof topicCapacity] ?? Number.MAX_SAFE_INTEGER);
        // Up to the mentors' own capacity (3 here): a topic limit beyond it binds no more.
        expect(relaxation.by).toBe(Math.min(shortfall.deficit, CAPACITY_RAISE_LIMIT, 3 - current));
        expect(relaxation.description).toBe(`raise the topic capacity of ${topic} from ${current} to ${current + (relaxation.by as number)}`);
        const raised = Object.fromEntries(network.topics.map(({ id }) => [id, id === topic ? current + (relaxation.by as number) : typeof topicCapacity === "number" ? topicCapacity : (topicCapacity[id as keyof typeof topicCapacity] ?? Number.MAX_SAFE_INTEGER)]));
        const again = assignPartners(network, { ...options, explainShortfalls: 0, topicCapacity: raised });
        expect(relaxation.coverageGain).toBe(again.covered - plan.covered);
        expect(relaxation.primaryGain).toBe(again.covered - plan.covered);
      }
    }
    // A raise stops at the mentors' capacity (review of stop 19: "from 1 to 5" beside capacity 2,
    // where 2 gains as much), and a limit already there is not offered a raise.
    const tight = { topicCapacity: 1, capacity: 2, previous: [] };
    const tightRaises = assignPartners(network, tight).shortfalls.flatMap((shortfall) => shortfall.relaxations.filter((relaxation) => relaxation.kind === "topic-capacity"));
    expect(tightRaises.length).toBeGreaterThan(0);
    expect(tightRaises.every((relaxation) => relaxation.by === 1 && relaxation.description.endsWith("from 1 to 2"))).toBe(true);
    // The cap is the shortfall's own mentors' capacity: one other institution with 8 slots changes nothing (review).
    const tightPlan = assignPartners(network, tight);
    const inShortfalls = new Set(tightPlan.shortfalls.flatMap((shortfall) => shortfall.mentors));
    const other = network.institutions.find((institution) => !inShortfalls.has(institution.id))?.id as string;
    expect(other).toBeDefined();
    const capacity = Object.fromEntries(network.institutions.map(({ id }) => [id, id === other ? 8 : 2]));
    const otherRaises = assignPartners(network, { ...tight, capacity }).shortfalls.flatMap((shortfall) => shortfall.relaxations.filter((relaxation) => relaxation.kind === "topic-capacity"));
    expect(otherRaises.length).toBeGreaterThan(0);
    expect(otherRaises.every((relaxation) => relaxation.description.endsWith("from 1 to 2"))).toBe(true);
    expect(assignPartners(network, { ...tight, topicCapacity: 2 }).shortfalls.some((shortfall) => shortfall.relaxations.some((relaxation) => relaxation.kind === "topic-capacity"))).toBe(false);
    // Without per-topic limits there is nothing to raise.
    expect(assignPartners(network, { capacity: 1, previous: [] }).shortfalls.some((shortfall) => shortfall.relaxations.some((relaxation) => relaxation.kind === "topic-capacity"))).toBe(false);
  });

  it("a plan of more needs than a re-solve per topic allows still gets topic-capacity raises, measured by augmenting paths, with a fresh solve's gain (before: not offered above 2,000 needs)", () => {
    const network = syntheticNetwork(5, 1100, 6);
    const options: AssignPartnersOptions = { topicCapacity: 1, explainShortfalls: 1, previous: [] };
    const plan = assignPartners(network, options);
    expect(plan.pairs.length + plan.uncovered.length).toBeGreaterThan(TOPIC_CAPACITY_RESOLVE_UP_TO);
    expect(plan.notes.some((note) => note.includes("raises of topicCapacity"))).toBe(false);
    const raise = plan.shortfalls[0]?.relaxations.find((relaxation) => relaxation.kind === "topic-capacity");
    expect(raise).toBeDefined();
    const { topic, by } = raise as { topic: string; by: number };
    const again = assignPartners(network, { ...options, explainShortfalls: 0, topicCapacity: Object.fromEntries(network.topics.map(({ id }) => [id, id === topic ? 1 + by : 1])) });
    expect(raise?.primaryGain).toBe(again.covered - plan.covered);
    expect(raise?.primaryGain).toBeGreaterThan(0);
  });
});

describe("capacity relaxations of heuristic plans", () => {
  it("under maxPartners each capacity raise advised gains exactly its primaryGain when applied (adversarial review: 'from 1 to 2' was advised where only 3 gained, the raise cut to the gain as for exact plans)", () => {
    const s = (institution: string, topic: string, value: number) => ({ institution, topic, period: "p", value });
    const network = TwinningNetwork.from({
      institutions: [["i0", "A"], ["i1", "B"], ["i2", "B"], ["i3", "A"], ["i4", "A"], ["i5", "B"]].map(([id, group]) => ({ id: id as string, kind: "h", group: group as string })),
      topics: [
        { id: "t0", min: 0, max: 100, higherIsBetter: false },
        { id: "t1", min: 0, max: 100 },
      ],
      scores: [s("i0", "t1", 10), s("i1", "t0", 20), s("i1", "t1", 50), s("i2", "t0", 20), s("i2", "t1", 20), s("i3", "t0", 50), s("i3", "t1", 10), s("i4", "t0", 30), s("i5", "t0", 50), s("i5", "t1", 0)],
      interests: [["i0", "t0"], ["i0", "t1"], ["i1", "t1"], ["i2", "t0"], ["i2", "t1"], ["i3", "t0"], ["i3", "t1"], ["i4", "t0"], ["i5", "t0"]].map(([institution, topic]) => ({ institution: institution as string, topic: topic as string })),
    });
    const capacity: Record<string, number> = { i0: 2, i1: 1, i2: 2, i3: 1, i4: 0, i5: 2 };
    const options: AssignPartnersOptions = { capacity, groups: "different", weights: { gap: 2, similarity: 0, group: 0 }, withdrawn: ["i4"], maxPartners: 1, minimumGap: 20 };
    const plan = assignPartners(network, options);
    const raises = plan.shortfalls.flatMap((shortfall) => shortfall.relaxations).filter((relaxation) => relaxation.kind === "capacity");
    expect(raises.length).toBeGreaterThan(0);
    for (const raise of raises) {
      const mentor = raise.mentor as string;
      const again = assignPartners(network, { ...options, capacity: { ...capacity, [mentor]: (capacity[mentor] ?? 0) + (raise.by as number) } });
      expect([raise.description, again.covered - plan.covered]).toEqual([raise.description, raise.primaryGain]);
    }
  });
});

describe("the reason of a need maxPartners leaves uncovered (new-user trial)", () => {
  it("names the limit and the partners the mentee has, where 'all eligible mentors are full' was said of mentors with free slots", async () => {
    const network = await loadNetwork(EXAMPLE_FOLDER);
    const plan = assignPartners(network, { previous: [], capacity: 2, maxPartners: 1 });
    const limited = plan.uncovered.filter((need) => plan.pairs.some((pair) => pair.mentee === need.institution));
    expect(limited.length).toBeGreaterThan(0);
    // The old reason was false for these: an eligible mentor had a free slot.
    expect(limited.some((need) => need.eligibleMentors.some((mentor) => (plan.load[mentor] ?? 0) < 2))).toBe(true);
    for (const need of limited) {
      const partners = [...new Set(plan.pairs.filter((pair) => pair.mentee === need.institution).map((pair) => pair.mentor))].sort();
      expect(need.reason).toMatch(new RegExp(`^maxPartners \\(1\\) reached: ${need.institution} already works with ${partners.join(", ")}, which cannot take it on .* \\(not eligible there, or full\\)$`));
    }
  });
});

describe("high-performer relaxations", () => {
  it("a lower top-share bar is a whole percent, rounded up, and gains what it says when applied (new-user trial: 0.25 + 1/6 printed top-share:0.41666666666666663)", async () => {
    const network = await loadNetwork(EXAMPLE_FOLDER);
    const options: AssignPartnersOptions = { rule: { type: "top-share", share: 0.25 }, capacity: 1, previous: [] };
    const plan = assignPartners(network, options);
    const lowered = plan.shortfalls.flatMap((shortfall) => shortfall.relaxations).filter((relaxation) => relaxation.kind === "high-performer-rule");
    expect(lowered.length).toBeGreaterThan(0);
    for (const relaxation of lowered) {
      expect(relaxation.rule).toEqual({ type: "top-share", share: 0.42 });
      expect(relaxation.description).toContain("top 25% -> top 42%");
      const topic = relaxation.topic as string;
      const again = assignPartners(network, { ...options, topicRules: { [topic]: { rule: { type: "top-share", share: 0.42 } } } });
      const met = (p: typeof plan) => p.covered + p.selfSufficient.length;
      expect([topic, met(again) - met(plan)]).toEqual([topic, relaxation.primaryGain]);
    }
  });

  it("carry the lowered rule, and that rule given as the topic's topicRules gains what the relaxation says, for each rule type (before: the rule was in the description only, so the command line could not apply it)", () => {
    const met = (plan: ReturnType<typeof assignPartners>) => plan.covered + plan.selfSufficient.length;
    const rules: HighPerformerRule[] = [{ type: "top-share", share: 1 / 3 }, { type: "top-k", k: 2 }, { type: "threshold", value: 80 }];
    let checked = 0;
    for (const rule of rules) {
      const options: AssignPartnersOptions = { capacity: 1, groups: "same", rule, previous: [] };
      const plan = assignPartners(rwanda, options);
      const seen = new Set<string>();
      for (const relaxation of plan.shortfalls.flatMap((shortfall) => shortfall.relaxations)) {
        if (relaxation.kind !== "high-performer-rule" || relaxation.topic === undefined || seen.has(relaxation.topic)) continue;
        seen.add(relaxation.topic);
        expect(relaxation.rule?.type).toBe(rule.type);
        const relaxed = assignPartners(rwanda, { ...options, topicRules: { [relaxation.topic]: { rule: relaxation.rule as HighPerformerRule } } });
        expect(met(relaxed) - met(plan), `${JSON.stringify(rule)} ${relaxation.description}`).toBe(relaxation.primaryGain);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe("a lower threshold", () => {
  it("is the next value down in the period planned on, not another period's (new-user trial: 80.2, a baseline score, changed nothing at endline and the fix was dropped; 78.8 meets the need)", () => {
    const plan = assignPartners(rwanda, { topicRules: { "patient-satisfaction": { rule: { type: "threshold", value: 83 } } }, capacity: { "nyagatare-hospital": 1 } });
    const lower = plan.shortfalls.flatMap((shortfall) => shortfall.relaxations).find((relaxation) => relaxation.kind === "high-performer-rule");
    const below = rwanda.scoresFor("patient-satisfaction", "endline").map((score) => score.value).filter((value) => value < 83).sort((a, b) => b - a)[0];
    expect(below).toBe(78.8);
    expect(lower?.rule).toEqual({ type: "threshold", value: below });
    expect(lower?.primaryGain).toBe(1);
  });
});

describe("plans handed over without a copy", () => {
  it("are frozen all the way down (uncovered needs, their mentor lists and removals, shortfalls, relaxations), from assignPartners and from JSON text; a caller's object is copied, not frozen", () => {
    const network = syntheticNetwork(11, 200, 4);
    const plan = assignPartners(network, { capacity: 1, groups: "same" });
    const need = plan.uncovered.find((entry) => entry.eligibleMentors.length > 0 && entry.removed.length > 0);
    const shortfall = plan.shortfalls.find((entry) => entry.relaxations.length > 0);
    expect(need).toBeDefined();
    expect(shortfall).toBeDefined();
    const parts = (p: typeof plan) => [p, p.pairs[0], p.uncovered, p.uncovered[0], p.uncovered[0]?.eligibleMentors, p.uncovered[0]?.removedBy, p.shortfalls[0]?.mentors, p.shortfalls[0]?.needs[0], p.selfSufficient, p.load, p.capacity, p.options, p.institutions?.[0]];
    for (const part of [...parts(plan), need?.eligibleMentors, need?.removed[0], shortfall?.relaxations[0]]) expect(Object.isFrozen(part)).toBe(true);
    const restored = TwinningPlan.fromJSON(JSON.stringify(plan));
    expect(restored.toJSON()).toEqual(plan.toJSON());
    for (const part of parts(restored)) expect(Object.isFrozen(part)).toBe(true);
    const data = JSON.parse(JSON.stringify(plan)) as TwinningPlanData;
    const fromObject = TwinningPlan.fromJSON(data);
    expect(Object.isFrozen(data.pairs)).toBe(false);
    expect(Object.isFrozen(fromObject.pairs)).toBe(true);
  });
});

describe("the groups relaxation says what it allows", () => {
  // m's only better peer h is in its own group N; x (group S) is worse. Under "different" the need
  // is uncovered, and switching the topic to "any" allows pairs within a group (adversarial review:
  // it read "allow pairs across groups", the only pairs already allowed).
  const institutions = [
    { id: "m", kind: "h", group: "N" },
    { id: "h", kind: "h", group: "N" },
    { id: "x", kind: "h", group: "S" },
  ];
  const rest = {
    topics: [{ id: "t" }],
    scores: [
      { institution: "m", topic: "t", period: "p", value: 10 },
      { institution: "h", topic: "t", period: "p", value: 90 },
      { institution: "x", topic: "t", period: "p", value: 5 },
    ],
    interests: [{ institution: "m", topic: "t" }],
  };
  const network = TwinningNetwork.from({ institutions, ...rest });
  const groupsFix = (groups: "same" | "different") => assignPartners(network, { groups }).shortfalls.flatMap((shortfall) => shortfall.relaxations).find((relaxation) => relaxation.kind === "groups");

  it('under groups "different": "allow pairs within groups for t", and it gains the need', () => {
    expect(groupsFix("different")).toMatchObject({ description: "allow pairs within groups for t", primaryGain: 1 });
  });

  it('under groups "same" with the peer in another group: "allow pairs across groups for t"', () => {
    const apart = TwinningNetwork.from({ institutions: institutions.map((institution) => (institution.id === "h" ? { ...institution, group: "S" } : institution)), ...rest });
    expect(assignPartners(apart, { groups: "same" }).shortfalls.flatMap((shortfall) => shortfall.relaxations).find((relaxation) => relaxation.kind === "groups")).toMatchObject({ description: "allow pairs across groups for t", primaryGain: 1 });
    expect(groupsFix("same")).toBeUndefined();
  });
});
