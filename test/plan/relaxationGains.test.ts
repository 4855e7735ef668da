import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AssignPartnersOptions, TwinningNetwork, assignPartners, loadNetwork } from "../../src/index.js";
import { EligibilityContext } from "../../src/plan/eligibility.js";
import { shortfallsOf } from "../../src/plan/explanations.js";
import { resolveOptions } from "../../src/plan/planOptions.js";
import { RelaxationGains } from "../../src/plan/relaxationGains.js";
import { FULL_LISTS_UP_TO, PRUNED_CANDIDATES, solveCore } from "../../src/plan/solvePlan.js";
import { EXAMPLE_FOLDER, seededRandom } from "../helpers.js";
import { syntheticNetwork } from "./synthetic.js";

/**
 * A random small network: one or two kinds, two or three topics, scores on a coarse grid (ties),
 * groups, one resource attribute, about 70% of topics chosen.
 */
function randomNetwork(seed: number, size: number, kinds: number): TwinningNetwork {
  const random = seededRandom(seed);
  const institutions = Array.from({ length: size }, (_, i) => ({
    id: `i${i}`,
    kind: kinds === 1 || random() < 0.6 ? "hospital" : "district",
    group: ["North", "South", "East"][Math.floor(random() * 3)] as string,
    beds: 50 + Math.floor(random() * 400),
  }));
  const topics = [
    { id: "t1", min: 0, max: 100 },
    { id: "t2", min: 0, max: 100, higherIsBetter: false },
    { id: "t3", min: 0, max: 100 },
  ].slice(0, 2 + Math.floor(random() * 2));
  const scores = institutions.flatMap((institution) => topics.map((topic) => ({ institution: institution.id, topic: topic.id, period: "2022", value: 10 * Math.floor(random() * 10) })));
  const interests = institutions.flatMap((institution) => topics.filter(() => random() < 0.7).map((topic) => ({ institution: institution.id, topic: topic.id })));
  return TwinningNetwork.from({ institutions, topics, scores, interests });
}

/** The shortfalls with gains measured both ways: by augmenting paths and by re-solving. */
function bothWays(network: TwinningNetwork, options: AssignPartnersOptions, fullListsUpTo = FULL_LISTS_UP_TO) {
  const resolved = resolveOptions({ explainShortfalls: 1000, ...options }, "assignPartners");
  const context = new EligibilityContext(network);
  const core = solveCore(network, resolved, "assignPartners", context, undefined, PRUNED_CANDIDATES, fullListsUpTo);
  // The plan is maximal at both levels, so the augmenting method measures (no silent re-solve).
  expect(new RelaxationGains(network, resolved, core, context).exact).toBe(true);
  return {
    core,
    augmented: shortfallsOf(network, resolved, core, context, "assignPartners", "augment"),
    resolved: shortfallsOf(network, resolved, core, context, "assignPartners", "resolve"),
  };
}

const RULES: AssignPartnersOptions["rule"][] = [
  { type: "top-share", share: 0.4 },
  { type: "top-k", k: 2 },
  { type: "threshold", value: 60 },
  { type: "margin", margin: 20, relativeTo: "i0" },
];

describe("relaxation gains by augmenting paths from the plan", () => {
  it("equal the gains of re-solving the plan with each relaxation (random small networks, with and without backups, topic limits, pins and exclusions)", () => {
    let measured = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 5, max: 11 }),
        fc.integer({ min: 1, max: 2 }),
        fc.record({
          capacity: fc.integer({ min: 0, max: 2 }),
          backups: fc.integer({ min: 0, max: 2 }),
          topicCapacity: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
          groups: fc.constantFrom("any", "same", "different"),
          minimumGap: fc.constantFrom(0, 0, 15),
          maxDistance: fc.option(fc.constantFrom(0.3, 0.8), { nil: undefined }),
          rule: fc.constantFrom(...RULES),
          pin: fc.option(fc.nat(), { nil: undefined }),
          exclude: fc.option(fc.nat(), { nil: undefined }),
        }),
        (seed, size, kinds, drawn) => {
          const network = randomNetwork(seed, size, kinds);
          // A pin (a chosen topic and any other institution as mentor) and an excluded pair, drawn by index.
          const interest = drawn.pin === undefined || drawn.capacity === 0 ? undefined : network.interests[drawn.pin % network.interests.length];
          const pinMentor = interest === undefined ? undefined : network.institutions.find((institution) => institution.id !== interest.institution && institution.kind === network.institution(interest.institution)?.kind);
          // Not the pinned pair itself (pinning an excluded pair is an error).
          const drawnExcluded = drawn.exclude === undefined ? undefined : network.interests[drawn.exclude % network.interests.length];
          const excluded = drawnExcluded !== undefined && pinMentor?.id === "i0" && drawnExcluded.institution === interest?.institution ? undefined : drawnExcluded;
          const options: AssignPartnersOptions = {
            ...(interest !== undefined && pinMentor !== undefined ? { pin: [{ mentor: pinMentor.id, mentee: interest.institution, topic: interest.topic }] } : {}),
            ...(excluded !== undefined ? { exclude: [{ mentor: "i0", mentee: excluded.institution }] } : {}),
            capacity: drawn.capacity,
            backups: drawn.backups,
            groups: drawn.groups as "any" | "same" | "different",
            minimumGap: drawn.minimumGap,
            rule: drawn.rule,
            ...(drawn.topicCapacity !== undefined ? { topicCapacity: drawn.topicCapacity } : {}),
            ...(drawn.maxDistance !== undefined ? { similarity: { maxDistance: drawn.maxDistance } } : {}),
          };
          const { augmented, resolved } = bothWays(network, options);
          measured += resolved.reduce((sum, shortfall) => sum + shortfall.relaxations.length, 0);
          expect(augmented).toEqual(resolved);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
    // The property must have met relaxations that gain something.
    expect(measured).toBeGreaterThan(100);
  });

  it("equal re-solving on a mid-size synthetic network whose candidate lists the solver pruned (issue 11 networks, capacity 1)", () => {
    const network = syntheticNetwork(3, 240, 4, ["hospital"]);
    // Pruned although small (its full lists hold fewer pairs than FULL_LISTS_UP_TO).
    const { augmented, resolved, core } = bothWays(network, { capacity: 1, explainShortfalls: 3 }, 0);
    expect(core.pruned?.size).toBeGreaterThan(0);
    expect(resolved.some((shortfall) => shortfall.relaxations.length > 0)).toBe(true);
    expect(augmented).toEqual(resolved);
  });

  it("are listed where they help: under a primary shortfall only when they cover more needs, under a backup shortfall only when they add backups (a raise whose +1 was another shortfall's primary read as a backup's fix; new-user trial; synthetic networks)", () => {
    let listed = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const network = syntheticNetwork(seed, 12 + (seed % 30), 3);
      for (const options of [{ backups: 1, capacity: 1 }, { backups: 1, capacity: 2, topicCapacity: 1 }, { backups: 2, capacity: 1 }]) {
        for (const shortfall of assignPartners(network, options).shortfalls) {
          for (const relaxation of shortfall.relaxations) {
            listed++;
            const primary = relaxation.primaryGain ?? 0;
            expect(shortfall.level === "backup" ? relaxation.coverageGain - primary : primary, `${seed} ${shortfall.level} ${relaxation.description}`).toBeGreaterThan(0);
          }
        }
      }
    }
    // The networks meet relaxations of both levels (seeds 1 and 3 listed primary-only raises under backup shortfalls before).
    expect(listed).toBeGreaterThan(100);
  });

  it("under a backup shortfall, every mentor's +1 that adds backups in a fresh solve is listed (review: with 3 mentors tried, such raises were found only under primary shortfalls, and lost once listed where they help; the example)", async () => {
    const rwanda = await loadNetwork(EXAMPLE_FOLDER);
    const options = { backups: 1, capacity: 3, topicCapacity: 1 };
    const plan = assignPartners(rwanda, options);
    const units = (p: typeof plan) => ({ primary: p.covered + p.selfSufficient.length, all: p.pairs.length + 2 * p.selfSufficient.length });
    const before = units(plan);
    let checked = 0;
    for (const shortfall of plan.shortfalls.filter((s) => s.level === "backup")) {
      const listed = new Set(shortfall.relaxations.filter((r) => r.kind === "capacity").map((r) => r.mentor));
      for (const mentor of shortfall.mentors) {
        const after = units(assignPartners(rwanda, { ...options, capacity: { ...Object.fromEntries(rwanda.institutions.map((i) => [i.id, 3])), [mentor]: 4 } }));
        const addsBackups = after.all - after.primary > before.all - before.primary && after.primary >= before.primary;
        expect(listed.has(mentor), `${mentor} adds backups: ${addsBackups}`).toBe(addsBackups);
        if (addsBackups) checked++;
      }
    }
    expect(checked).toBeGreaterThan(4);
  });

  it("count a need that a lower high-performer bar makes self-sufficient as met", () => {
    // a and b score 90 and 80, c 10; top-k 1: only a mentors; b and c need it, capacity 1.
    const network = TwinningNetwork.from({
      institutions: ["a", "b", "c"].map((id) => ({ id, kind: "hospital" })),
      topics: [{ id: "t" }],
      scores: [
        { institution: "a", topic: "t", period: "2022", value: 90 },
        { institution: "b", topic: "t", period: "2022", value: 80 },
        { institution: "c", topic: "t", period: "2022", value: 10 },
      ],
      interests: ["b", "c"].map((id) => ({ institution: id, topic: "t" })),
    });
    const plan = assignPartners(network, { capacity: 1, rule: { type: "top-k", k: 1 } });
    expect(plan.covered).toBe(1);
    const rule = plan.shortfalls[0]?.relaxations.find((relaxation) => relaxation.kind === "high-performer-rule");
    // top 2: b is a high performer (met by itself) and mentors c or a does: both needs met.
    expect(rule).toMatchObject({ primaryGain: 1, coverageGain: 1 });
  });
});

describe("relaxation gains on dense candidate lists (the union-find search and the open-pool bound)", () => {
  // Two kinds (one union-find per kind's scan order), capacity 1 and 2, with and without backups:
  // every need lists most of its kind's high performers, so the search skips entered pools and
  // most needs never build a list; the gains must still be those of re-solving.
  const cases: [string, AssignPartnersOptions][] = [
    ["capacity 1", { capacity: 1, explainShortfalls: 2 }],
    ["capacity 2, one backup", { capacity: 2, backups: 1, explainShortfalls: 2 }],
    ["capacity 2, topic capacity 1, groups same", { capacity: 2, topicCapacity: 1, groups: "same", explainShortfalls: 2 }],
  ];
  it.each(cases)("equal re-solving on a synthetic network of two kinds (%s)", (_name, options) => {
    const network = syntheticNetwork(5, 160, 4);
    const { augmented, resolved } = bothWays(network, options);
    expect(resolved.some((shortfall) => shortfall.relaxations.length > 0)).toBe(true);
    expect(augmented).toEqual(resolved);
  });

  it("equal re-solving when mentors of any kind may mentor (one scan order for both kinds; random small networks)", () => {
    let measured = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 6, max: 12 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 }), (seed, size, capacity, backups) => {
        const { augmented, resolved } = bothWays(randomNetwork(seed, size, 2), { capacity, backups, sameKind: false, rule: { type: "top-share", share: 0.3 } });
        measured += resolved.reduce((sum, shortfall) => sum + shortfall.relaxations.length, 0);
        expect(augmented).toEqual(resolved);
      }),
      { numRuns: 150, seed: 111 },
    );
    expect(measured).toBeGreaterThan(50);
  });
});

describe("relaxation gains under per-topic limits (the room bound of a capacity raise, sweeps that take marks back)", () => {
  it("equal re-solving for capacity raises, topic-capacity raises and lower bars when every mentor takes one need per topic (random small networks)", () => {
    // With topicCapacity 1 a raised mentor can gain at most the room of its pools the plan's
    // residual graph reaches: the search stops there, or proves less; the gains must be re-solving's.
    let capacityRaises = 0;
    let belowTheRaise = 0;
    let topicRaises = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 8, max: 16 }),
        fc.integer({ min: 1, max: 2 }),
        fc.record({ capacity: fc.integer({ min: 1, max: 3 }), backups: fc.integer({ min: 0, max: 1 }), topicCapacity: fc.constantFrom(1, 1, 2), rule: fc.constantFrom<AssignPartnersOptions["rule"]>({ type: "top-share", share: 0.3 }, { type: "top-k", k: 2 }) }),
        (seed, size, kinds, options) => {
          const { augmented, resolved } = bothWays(randomNetwork(seed, size, kinds), options);
          for (const shortfall of resolved) {
            for (const relaxation of shortfall.relaxations) {
              if (relaxation.kind === "topic-capacity") topicRaises++;
              if (relaxation.kind !== "capacity") continue;
              capacityRaises++;
              if ((relaxation.primaryGain ?? 0) < (relaxation.by ?? 0)) belowTheRaise++;
            }
          }
          expect(augmented).toEqual(resolved);
        },
      ),
      { numRuns: 200, seed: 23 },
    );
    // Raises that gain something, some of them less than they add (the bound or a proof decided).
    expect(capacityRaises).toBeGreaterThan(30);
    expect(belowTheRaise).toBeGreaterThan(5);
    // Raises of a topic's limit, measured by augmenting every pool of the topic at once.
    expect(topicRaises).toBeGreaterThan(30);
  });

  it("equal the re-solved plan's coverage when a path of the sweep fills a mentor and a later one must pass through its pool, open when the sweep began (releaseClosed)", () => {
    // m0-m2 score 90, q0 and q1 60, the mentees e* 10; four pairs excluded. Lowering t2's bar to
    // let q0 and q1 mentor t2, the first pass finds two paths ending at q0; the sweep then finds one
    // from e6's t1 need that fills q0 (paths cross topics at full mentors of both), closing q0's t2
    // pool, and one from e7's t1 need that must pass through that pool to end at q1. Left marked
    // as an entered open pool in the t2 scan's unentered set, it is not entered, e7's search
    // fails, and the sweep ends: the gain would read 3 for 4.
    const mentors = { m0: 90, m1: 90, m2: 90, q0: 60, q1: 60 };
    const mentees = ["e0", "e1", "e3", "e4", "e5", "e6", "e7"];
    const network = TwinningNetwork.from({
      institutions: [...Object.keys(mentors), ...mentees].map((id) => ({ id, kind: "hospital" })),
      topics: [{ id: "t1" }, { id: "t2" }],
      scores: [...Object.entries(mentors), ...mentees.map((id) => [id, 10] as const)].flatMap(([institution, value]) =>
        ["t1", "t2"].map((topic) => ({ institution, topic, period: "2022", value })),
      ),
      interests: [
        ...["e0", "e1", "e3", "e5", "e6"].flatMap((institution) => ["t1", "t2"].map((topic) => ({ institution, topic }))),
        { institution: "e4", topic: "t2" },
        { institution: "e7", topic: "t1" },
      ],
    });
    const options: AssignPartnersOptions = {
      capacity: { m0: 2, m1: 3, m2: 3, q0: 3, q1: 1 },
      backups: 0,
      rule: { type: "threshold", value: 80 },
      exclude: [
        { mentor: "q0", mentee: "e5" },
        { mentor: "q1", mentee: "e3" },
        { mentor: "q1", mentee: "e4" },
        { mentor: "q1", mentee: "e5" },
      ],
    };
    const { augmented, resolved } = bothWays(network, options);
    const lowerBar = (shortfalls: typeof resolved) => shortfalls.flatMap((shortfall) => shortfall.relaxations).find((relaxation) => relaxation.kind === "high-performer-rule" && relaxation.topic === "t2");
    expect(lowerBar(resolved)).toMatchObject({ primaryGain: 4, coverageGain: 4 });
    expect(lowerBar(augmented)).toMatchObject({ primaryGain: 4, coverageGain: 4 });
    expect(augmented).toEqual(resolved);
  });

  it("equal re-solving on a synthetic network of two kinds with topic capacity 1 (sweeps that find many paths)", () => {
    const network = syntheticNetwork(9, 200, 4);
    const { augmented, resolved } = bothWays(network, { capacity: 2, topicCapacity: 1, explainShortfalls: 2 });
    expect(resolved.some((shortfall) => shortfall.relaxations.some((relaxation) => relaxation.kind === "high-performer-rule" && (relaxation.primaryGain ?? 0) > 5))).toBe(true);
    expect(augmented).toEqual(resolved);
  });
});
