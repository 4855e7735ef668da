/**
 * "The previous round's pairs stay unless a change gains more than keepThreshold": a change that
 * gains exactly the threshold keeps the pair, whichever mentor sorts first by id (adversarial
 * review: on an exact tie the plan took the first mentor by id and said "replaced").
 */
import { describe, expect, it } from "vitest";
import { type AssignPartnersOptions, TwinningNetwork, assignPartners, auditStability, withdrawalImpact } from "../../src/index.js";

/** Scores on topic t in period p, by institution. */
const scoresOf = (values: Record<string, number>) => Object.entries(values).map(([institution, value]) => ({ institution, topic: "t", period: "p", value }));

/** Mentee m (score 10) and three mentors of score 90 that cost the same to it (same kind, group and resources). */
const identical = TwinningNetwork.from({
  institutions: ["m", "a", "b", "c", "q", "r", "s"].map((id) => ({ id, kind: "h", group: "N", beds: 100 })),
  topics: [{ id: "t" }],
  scores: scoresOf({ m: 10, a: 90, b: 90, c: 90, q: 10, r: 10, s: 10 }),
  interests: [{ institution: "m", topic: "t" }],
});

/** Previous mentor `previous` of another group (group term 0.5) against `other` of m's group (0): the change gains exactly 0.5. */
function groupTie(previous: string, other: string): TwinningNetwork {
  return TwinningNetwork.from({
    institutions: [
      { id: "m", kind: "h", group: "N" },
      { id: previous, kind: "h", group: "S" },
      { id: other, kind: "h", group: "N" },
      ...["q", "r", "s"].map((id) => ({ id, kind: "h", group: "N" })),
    ],
    topics: [{ id: "t" }],
    scores: scoresOf({ m: 10, [previous]: 90, [other]: 90, q: 10, r: 10, s: 10 }),
    interests: [{ institution: "m", topic: "t" }],
  });
}

const MODES: [string, AssignPartnersOptions][] = [
  ["optimal", {}],
  ["optimal with preferMutual (re-solved)", { preferMutual: 0.1 }],
  ["optimal with maxPartners (re-solved)", { maxPartners: 2 }],
  ["stable", { mode: "stable" }],
];

describe("a previous pair is kept unless a change gains more than keepThreshold", () => {
  it.each(MODES)("%s: among three mentors of equal cost, the previous one is kept, whichever it is, with keepThreshold 0 or 0.25", (_mode, options) => {
    for (const previous of ["a", "b", "c"]) {
      for (const keepThreshold of [0, 0.25]) {
        const plan = assignPartners(identical, { ...options, previous: [{ mentor: previous, mentee: "m", topic: "t" }], keepThreshold });
        expect(plan.pairs.map((pair) => [pair.mentor, pair.kept])).toEqual([[previous, true]]);
      }
    }
  });

  it("a change that gains exactly keepThreshold keeps the pair, one that gains more replaces it (group weight 0.5 against thresholds 0.5, 0.75 and 0.25), whichever mentor sorts first", () => {
    for (const [previous, other] of [
      ["a", "z"],
      ["z", "a"],
    ] as const) {
      const network = groupTie(previous, other);
      for (const [keepThreshold, expected] of [
        [0.5, previous],
        [0.75, previous],
        [0.25, other],
      ] as const) {
        const plan = assignPartners(network, { weights: { gap: 0, similarity: 0, group: 0.5 }, previous: [{ mentor: previous, mentee: "m", topic: "t" }], keepThreshold });
        const [pair] = plan.pairs;
        expect([pair?.mentor, pair?.kept]).toEqual([expected, expected === previous]);
        if (expected === previous) expect(pair?.reason).toContain(`${other} would cost 0.5 less, within the keep threshold`);
      }
    }
  });

  it("the plan's note counts the kept pair as kept, not as replaced by a cheaper plan", () => {
    const plan = assignPartners(identical, { previous: [{ mentor: "c", mentee: "m", topic: "t" }], keepThreshold: 0 });
    expect(plan.notes.join("\n")).toContain("1 of 1 previous pair(s) kept, 0 replaced");
  });
});

describe("exact ties in rounded arithmetic and on the mentor's side (second adversarial review)", () => {
  it.each(MODES)("%s: default weights, mentors equal but for the group, keepThreshold = the group weight 0.5: the previous mentor is kept ((X + 0.5) - 0.5 is an ulp above X), and auditStability finds the plan stable", (_mode, options) => {
    const network = TwinningNetwork.from({
      institutions: [
        { id: "e", kind: "h", group: "A", beds: 388 },
        { id: "a", kind: "h", group: "B", beds: 69 },
        { id: "m", kind: "h", group: "A", beds: 69 },
        ...[235, 120, 56, 89].map((beds, k) => ({ id: `o${k}`, kind: "h", group: k % 2 === 0 ? "A" : "B", beds })),
      ],
      topics: [{ id: "t" }],
      scores: scoresOf({ e: 48, a: 80, m: 80, o0: 7, o1: 31, o2: 32, o3: 2 }),
      interests: [{ institution: "e", topic: "t" }],
    });
    const costs = assignPartners(network, { rule: { type: "threshold", value: 60 }, backups: 1 }).pairs.map((pair) => pair.cost);
    // The premise: the two costs differ by the group weight, and subtracting it back is not exact.
    expect((costs[1] as number) - 0.5).not.toBe(costs[0]);
    const plan = assignPartners(network, { ...options, previous: [{ mentor: "a", mentee: "e", topic: "t" }], keepThreshold: 0.5, rule: { type: "threshold", value: 60 } });
    expect(plan.pairs.map((pair) => [pair.mentor, pair.kept])).toEqual([["a", true]]);
    expect(plan.notes.join("\n")).toContain("1 of 1 previous pair(s) kept, 0 replaced");
    expect(auditStability(network, plan).blockingPairs).toEqual([]);
  });

  it.each(MODES)("%s: default weights and keepThreshold, a gap term of about 4 SD cancelled by the distance term (costs -0.09 and -0.34, rounded on their terms' scale): the previous mentor is kept and auditStability finds the plan stable (third review: 2^-50 of the cost alone lost)", (_mode, options) => {
    const others = ["f0", "f1", "f2", "f3"];
    const far = Array.from({ length: 30 }, (_, k) => `z${k}`);
    const network = TwinningNetwork.from({
      institutions: [
        { id: "e", kind: "h", group: "A", beds: 100 },
        ...others.map((id, k) => ({ id, kind: "h", group: "A", beds: 100 + 10 * k })),
        { id: "k", kind: "d", group: "B", beds: 133 },
        { id: "o", kind: "d", group: "A", beds: 133 },
        ...far.map((id) => ({ id, kind: "d", group: "A", beds: 100 })),
      ],
      topics: [{ id: "t" }],
      // The mentee's kind scores with an SD of exactly 3; k's gap is exactly 0.75 (0.25 SD) above o's.
      scores: scoresOf({ e: 47, f0: 47, f1: 50, f2: 53, f3: 53, k: 59.36459744139563, o: 58.61459744139563, ...Object.fromEntries(far.map((id) => [id, 0])) }),
      interests: [{ institution: "e", topic: "t" }],
    });
    const rules = { rule: { type: "threshold", value: 58 }, sameKind: false } as const;
    const costs = new Map(assignPartners(network, { ...rules, backups: 1 }).pairs.map((pair) => [pair.mentor, pair.cost]));
    // The premise: the tie is exact on the stored numbers, and the computed costs miss it.
    expect((costs.get("k") as number) - 0.25 - (costs.get("o") as number)).not.toBe(0);
    const plan = assignPartners(network, { ...rules, ...options, previous: [{ mentor: "k", mentee: "e", topic: "t" }] });
    expect(plan.pairs.map((pair) => [pair.mentor, pair.kept])).toEqual([["k", true]]);
    expect(auditStability(network, plan).blockingPairs).toEqual([]);
  });

  it.each(MODES)("%s: a mentor with one slot keeps its previous mentee against a new one gaining exactly keepThreshold (0.5, and 0 at equal costs), and auditStability finds the plan stable", (_mode, options) => {
    for (const [zGroup, keepThreshold] of [
      ["B", 0.5],
      ["A", 0],
    ] as const) {
      // z sorts after b: a tie broken by need key dropped the kept pair.
      const network = TwinningNetwork.from({
        institutions: [
          { id: "M", kind: "h", group: "A" },
          { id: "b", kind: "h", group: "A" },
          { id: "z", kind: "h", group: zGroup },
          ...["q", "r"].map((id) => ({ id, kind: "h", group: "A" })),
        ],
        topics: [{ id: "t" }],
        scores: scoresOf({ M: 90, b: 10, z: 10, q: 10, r: 10 }),
        interests: [{ institution: "b", topic: "t" }, { institution: "z", topic: "t" }],
      });
      const plan = assignPartners(network, { ...options, capacity: 1, previous: [{ mentor: "M", mentee: "z", topic: "t" }], keepThreshold, weights: { gap: 0, similarity: 0, group: 0.5 }, rule: { type: "threshold", value: 50 } });
      expect(plan.pairs.map((pair) => [pair.mentor, pair.mentee, pair.kept])).toEqual([["M", "z", true]]);
      expect(auditStability(network, plan).blockingPairs).toEqual([]);
    }
  });
});

describe("the note on previous pairs says what became of each (second adversarial review)", () => {
  const network = TwinningNetwork.from({
    institutions: ["a", "b", "c"].map((id) => ({ id, kind: "h", group: "A" })),
    topics: [{ id: "t" }],
    scores: scoresOf({ a: 90, b: 80, c: 10 }),
    interests: [
      { institution: "b", topic: "t" },
      { institution: "c", topic: "t" },
    ],
  });
  const rule = { type: "threshold", value: 50 } as const;

  it("a pair whose mentee is now a high performer ended, and is not counted replaced", () => {
    const plan = assignPartners(network, { previous: [{ mentor: "a", mentee: "b", topic: "t" }, { mentor: "a", mentee: "c", topic: "t" }], rule });
    expect(plan.selfSufficient).toEqual([{ institution: "b", topic: "t" }]);
    expect(plan.notes.join("\n")).toContain("1 of 2 previous pair(s) kept, 0 replaced (a plan cheaper by more than keepThreshold 0.25, a mentor no longer eligible or withdrawn, or more mentors than a need now takes); 1 ended: the mentee is now a high performer.");
  });

  it("a pair given twice counts once in both notes, so kept + replaced + ended + unknown add up to the pairs given (an unknown pair twice was counted twice by one note)", () => {
    const ghost = { mentor: "ghost", mentee: "b", topic: "t" };
    const plan = assignPartners(network, { previous: [ghost, ghost, { mentor: "a", mentee: "c", topic: "t" }, { mentor: "a", mentee: "c", topic: "t" }], rule, capacity: 0 });
    const notes = plan.notes.join("\n");
    expect(notes).toContain("1 previous pair(s) name an institution or topic the network does not have");
    expect(notes).toContain("0 of 2 previous pair(s) kept, 1 replaced");
  });

  it("a pinned pair that was in the previous plan is kept, in the pair as in the note", () => {
    const plan = assignPartners(network, { previous: [{ mentor: "a", mentee: "c", topic: "t" }], pin: [{ mentor: "a", mentee: "c", topic: "t" }], rule });
    expect(plan.pairs.map((pair) => [pair.mentor, pair.mentee, pair.kept, pair.pinned])).toEqual([["a", "c", true, true]]);
    expect(plan.notes.join("\n")).toContain("1 of 1 previous pair(s) kept, 0 replaced");
    // A pin the previous plan did not have is not kept.
    expect(assignPartners(network, { pin: [{ mentor: "a", mentee: "c", topic: "t" }], rule }).pairs[0]?.kept).toBe(false);
  });
});

describe("withdrawalImpact keeps a need's roles where it keeps its pairs", () => {
  it("a primary that won its tie stays primary when an institution in no pair withdraws: roleChanged is empty (review: the repair put the mentors back in id order)", () => {
    const network = TwinningNetwork.from({
      institutions: ["b", "d", "x", "n"].map((id) => ({ id, kind: "h", group: "N", beds: 100 })),
      topics: [{ id: "t" }],
      scores: scoresOf({ b: 90, d: 90, x: 90, n: 10 }),
      interests: [{ institution: "n", topic: "t" }],
    });
    const plan = assignPartners(network, { previous: [{ mentor: "d", mentee: "n", topic: "t" }], keepThreshold: 0, backups: 1, rule: { type: "threshold", value: 50 } });
    expect(plan.pairs.map((pair) => [pair.mentor, pair.role])).toEqual([
      ["d", "primary"],
      ["b", "backup"],
    ]);
    const impact = withdrawalImpact(network, plan, "x");
    expect(impact.roleChanged).toEqual([]);
    expect(impact.repaired.pairs.map((pair) => [pair.mentor, pair.role])).toEqual([
      ["d", "primary"],
      ["b", "backup"],
    ]);
    // Its primary withdrawing, the backup takes over, and says so.
    expect(withdrawalImpact(network, plan, "d").roleChanged.map((pair) => [pair.mentor, pair.role])).toEqual([["b", "primary"]]);
  });
});
