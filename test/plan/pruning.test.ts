/**
 * Candidate pruning (issue 11): the typed-array scan lists the same candidates as the per-object
 * evaluate, and a plan whose needs hold only their cheapest few candidates (the rest checked by LP
 * duality) is the plan of the full lists: same coverage, same cost, same shortfall certificates.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TwinningNetwork } from "../../src/index.js";
import type { HighPerformerRule } from "../../src/model/highPerformers.js";
import { EligibilityContext, type SimilarityOptions, pairCost } from "../../src/plan/eligibility.js";
import { type AssignPartnersOptions, resolveOptions, rulesFor } from "../../src/plan/planOptions.js";
import { type CoreResult, solveCore } from "../../src/plan/solvePlan.js";
import { syntheticNetwork } from "./synthetic.js";

const optionsArbitrary: fc.Arbitrary<AssignPartnersOptions> = fc.record(
  {
    capacity: fc.integer({ min: 0, max: 3 }),
    groups: fc.constantFrom("any" as const, "same" as const, "different" as const),
    minimumGap: fc.constantFrom(0, 2, 10),
    similarity: fc.constantFrom<SimilarityOptions>({}, { maxDistance: 1.5 }),
    weights: fc.record({ gap: fc.constantFrom(0, 1, 2), similarity: fc.constantFrom(0, 1, 0.25), group: fc.constantFrom(0, 0.5) }),
    rule: fc.constantFrom<HighPerformerRule>({ type: "top-share", share: 1 / 3 }, { type: "top-share", share: 0.5 }, { type: "threshold", value: 60 }, { type: "margin", margin: 5, relativeTo: "i0" }),
    sameKind: fc.boolean(),
  },
  { requiredKeys: ["capacity"] },
);

/** Coverage, total cost and the shortfall certificates of a solved core. */
function summary(core: CoreResult) {
  const costs = new Map(core.needs.flatMap((need) => need.options.map((option) => [JSON.stringify([need.key, option.candidate.mentor]), option.cost] as const)));
  let cost = 0;
  let covered = 0;
  for (const [key, mentors] of core.chosen) {
    if (mentors.length === 0) continue;
    covered++;
    cost += costs.get(JSON.stringify([key, mentors[0]])) as number;
  }
  const shortfalls = core.shortfalls.map((shortfall) => JSON.stringify([shortfall.needs, shortfall.mentors, shortfall.capacity, shortfall.deficit])).sort();
  return { covered, cost, shortfalls };
}

function both(network: TwinningNetwork, options: AssignPartnersOptions, limit: number) {
  const resolved = resolveOptions({ ...options, explainShortfalls: 0 }, "test");
  const pruned = solveCore(network, resolved, "test", new EligibilityContext(network), undefined, limit, 0);
  const full = solveCore(network, resolved, "test", new EligibilityContext(network), undefined, Number.POSITIVE_INFINITY);
  return { pruned: summary(pruned), full: summary(full), prunedNeeds: pruned.pruned?.size ?? 0 };
}

/** A random network for the scan tests, with the resolved options and an eligibility context. */
function scanSetup(seed: number, size: number, options: AssignPartnersOptions) {
  const network = syntheticNetwork(seed, size, 4);
  return { network, resolved: resolveOptions(options, "test"), context: new EligibilityContext(network) };
}

/** Every interest of the network whose topic exists, with its topic and rules. */
function interestsOf(network: TwinningNetwork, resolved: ReturnType<typeof resolveOptions>) {
  return network.interests.flatMap((interest) => {
    const topic = network.topic(interest.topic);
    return topic === undefined ? [] : [{ interest, topic, rules: rulesFor(topic.id, resolved) }];
  });
}

describe("the typed-array candidate scan", () => {
  it("lists exactly the candidates of EligibilityContext.evaluate, with and without explaining (same objects, same order), on random networks and rules", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 5, max: 40 }), optionsArbitrary, (seed, size, options) => {
        const { network, resolved, context } = scanSetup(seed, size, options);
        for (const { interest, topic, rules } of interestsOf(network, resolved)) {
          const expected = context.evaluate(interest.institution, topic, rules);
          const scanned = context.scanner.cheapest(interest.institution, topic, rules, resolved.weights, Number.POSITIVE_INFINITY);
          expect(scanned.cut).toBeUndefined();
          expect(scanned.eligibility.candidates).toEqual(expected.candidates);
          expect(scanned.eligibility.period).toBe(expected.period);
          expect(scanned.eligibility.menteeScore).toBe(expected.menteeScore);
          // Explaining (every institution, arrays by position) finds the same candidates and
          // gives every other institution one reason.
          const explained = context.evaluate(interest.institution, topic, rules, true);
          expect(explained.candidates).toEqual(expected.candidates);
          const removed = Object.values(explained.removedCounts ?? {}).reduce((sum, count) => sum + (count ?? 0), 0);
          expect(removed + explained.candidates.length).toBe(network.institutions.length - 1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("reach: every mentor the scan visits is among the leading `passing` members, and the member right after them fails the gap rule (checked against the scan and evaluate)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 5, max: 40 }), optionsArbitrary, (seed, size, options) => {
        const { network, resolved, context } = scanSetup(seed, size, options);
        for (const { interest, topic, rules } of interestsOf(network, resolved)) {
          const { members, passing } = context.scanner.reach(interest.institution, topic, rules);
          const leading = new Set(members.subarray(0, passing));
          context.scanner.scan(interest.institution, topic, rules, resolved.weights, (_m, _pair, j) => {
            expect(leading.has(j)).toBe(true);
            return Number.POSITIVE_INFINITY;
          });
          // The first member after them is never eligible (the gap rule already fails there).
          const next = members[passing];
          if (next !== undefined) {
            const id = network.institutions[next]?.id;
            expect(context.evaluate(interest.institution, topic, rules).candidates.some((candidate) => candidate.mentor === id)).toBe(false);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("with a reduced-cost filter visits every pair whose exact reduced cost on the 2^-20 grid is negative (checked against the unfiltered scan), and skips only pairs that cannot be", () => {
    const step = 2 ** -20;
    const onGrid = (cost: number) => Math.round(cost / step) * step;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 10, max: 40 }), optionsArbitrary, fc.integer({ min: 1, max: 10_000 }), (seed, size, options, potentialSeed) => {
        const { network, resolved, context } = scanSetup(seed, size, options);
        const count = network.institutions.length;
        // Pool potentials with tiers in {-1, 0, 1} (some NaN: no pool) and grid costs near the pair costs.
        let state = potentialSeed;
        const next = () => {
          state = (state * 1103515245 + 12345) % 2 ** 31;
          return state / 2 ** 31;
        };
        const primary = Float64Array.from({ length: count }, () => (next() < 0.1 ? Number.NaN : Math.floor(next() * 3) - 1));
        const backup = Float64Array.from({ length: count }, () => Math.floor(next() * 3) - 1);
        // Half of them on a coarse grid of 0.5, so that exact ties with pair costs occur (weights 0 and 0.5).
        const cost = Float64Array.from({ length: count }, () => (next() < 0.5 ? Math.round((next() * 6 - 4) * 2) / 2 : onGrid(next() * 6 - 4)));
        for (const { interest, topic, rules } of interestsOf(network, resolved)) {
          const need: [number, number, number] = [Math.floor(next() * 3) - 1, Math.floor(next() * 3) - 1, onGrid(next() * 2 - 1)];
          const negative = (j: number, c: number) => {
            const rp = need[0] - (primary[j] as number);
            const rb = need[1] - (backup[j] as number);
            return !Number.isNaN(rp) && (rp < 0 || (rp === 0 && (rb < 0 || (rb === 0 && onGrid(c) < (cost[j] as number) - need[2]))));
          };
          const expected: number[] = [];
          context.scanner.scan(interest.institution, topic, rules, resolved.weights, (_m, pair, j) => {
            if (negative(j, pair.cost)) expected.push(j);
            return Number.POSITIVE_INFINITY;
          });
          const visited: number[] = [];
          context.scanner.scan(interest.institution, topic, rules, resolved.weights, (_m, pair, j) => {
            if (negative(j, pair.cost)) visited.push(j);
            return Number.POSITIVE_INFINITY;
          }, { primary, backup, cost, need, limit: Number.POSITIVE_INFINITY, step });
          expect(visited).toEqual(expected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("visitAt at every position, in any order, visits exactly the scan's pairs with the same costs; eligibleMentors the same mentors in the same order (and the walk's leading run where eligibleIsPrefix); gapLine bounds every cost from below (checked against the scan)", () => {
    let prefixes = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 5, max: 40 }), optionsArbitrary, fc.boolean(), (seed, size, options, reversed) => {
        const { network, resolved, context } = scanSetup(seed, size, options);
        const scanner = context.scanner;
        for (const { interest, topic, rules } of interestsOf(network, resolved)) {
          const scanned = new Map<number, number>();
          scanner.scan(interest.institution, topic, rules, resolved.weights, (_m, pair, j) => {
            scanned.set(j, pair.cost);
            return Number.POSITIVE_INFINITY;
          });
          // Every position of the walk (also those failing the gap rule), forwards or backwards.
          const { members } = scanner.reach(interest.institution, topic, rules);
          const positions = Array.from(members, (_, position) => position);
          if (reversed) positions.reverse();
          const visited = new Map<number, number>();
          scanner.visitAt(interest.institution, topic, rules, resolved.weights, positions, (_m, pair, j) => {
            visited.set(j, pair.cost);
            return Number.POSITIVE_INFINITY;
          });
          expect(new Map([...visited].sort((a, b) => a[0] - b[0]))).toEqual(new Map([...scanned].sort((a, b) => a[0] - b[0])));
          const eligible: number[] = [];
          scanner.eligibleMentors(interest.institution, topic, rules, (_mentor, j) => eligible.push(j));
          expect(eligible).toEqual([...scanned.keys()]);
          // Where the rules say so, the eligible mentors are exactly the walk's leading run.
          if (scanner.eligibleIsPrefix(topic, rules)) {
            const { passing } = scanner.reach(interest.institution, topic, rules);
            expect(eligible).toEqual(Array.from(members.subarray(0, passing)));
            prefixes++;
          }
          const line = scanner.gapLine(interest.institution, topic, rules, resolved.weights);
          expect(line).toBeDefined();
          const position = new Map(Array.from(members, (j, p) => [j, p]));
          for (const [j, cost] of scanned) {
            const bound = (line?.intercept ?? 0) - (line?.slope ?? 0) * (line?.scores[position.get(j) as number] as number);
            expect(cost).toBeGreaterThanOrEqual(bound - 1e-9 * (1 + Math.abs(bound)));
          }
        }
      }),
      { numRuns: 60 },
    );
    expect(prefixes).toBeGreaterThan(100);
  });

  it("gapLine gives no bound when the similarity or group weight is negative", () => {
    const { network, resolved, context } = scanSetup(3, 20, { capacity: 1 });
    const { interest, topic, rules } = interestsOf(network, resolved)[0] as ReturnType<typeof interestsOf>[number];
    expect(context.scanner.gapLine(interest.institution, topic, rules, { gap: 1, similarity: -1, group: 0 })).toBeUndefined();
    expect(context.scanner.gapLine(interest.institution, topic, rules, { gap: 1, similarity: 1, group: -0.5 })).toBeUndefined();
    expect(context.scanner.gapLine(interest.institution, topic, rules, { gap: -1, similarity: 1, group: 0.5 })).toBeDefined();
  });

  it("keeps the k cheapest (by cost, ties by mentor id) of evaluate's candidates, and every one left out costs at least the cut", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 10, max: 50 }), optionsArbitrary, fc.integer({ min: 1, max: 6 }), (seed, size, options, k) => {
        const { network, resolved, context } = scanSetup(seed, size, options);
        for (const { interest, topic, rules } of interestsOf(network, resolved)) {
          const all = context.evaluate(interest.institution, topic, rules).candidates.map((candidate) => ({ candidate, cost: pairCost(resolved.weights, candidate.gapInSD, candidate.distance, candidate.sameGroup) }));
          all.sort((a, b) => a.cost - b.cost || (a.candidate.mentor < b.candidate.mentor ? -1 : 1));
          const { eligibility, cut } = context.scanner.cheapest(interest.institution, topic, rules, resolved.weights, k);
          if (all.length <= k && cut === undefined) {
            expect(new Set(eligibility.candidates.map((c) => c.mentor))).toEqual(new Set(all.map((entry) => entry.candidate.mentor)));
            continue;
          }
          expect(eligibility.candidates).toEqual(all.slice(0, k).map((entry) => entry.candidate));
          expect(cut).toBe(all[Math.min(k, all.length) - 1]?.cost);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("pruned candidate lists give the plan of the full lists", () => {
  it("same coverage, cost and shortfall certificates as the unpruned solve on random small networks (limits 1 to 4, deficient regions, group and distance rules, ties)", () => {
    let prunedSomewhere = 0;
    let deficient = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 8, max: 60 }), fc.constantFrom(["hospital"], ["hospital", "district"]), optionsArbitrary, fc.integer({ min: 1, max: 4 }), (seed, size, kinds, options, limit) => {
        const network = syntheticNetwork(seed, size, 4, kinds);
        const { pruned, full, prunedNeeds } = both(network, options, limit);
        if (prunedNeeds > 0) prunedSomewhere++;
        if (full.shortfalls.length > 0) deficient++;
        expect(pruned.covered).toBe(full.covered);
        expect(pruned.cost).toBeCloseTo(full.cost, 6);
        expect(pruned.shortfalls).toEqual(full.shortfalls);
      }),
      { numRuns: 300 },
    );
    // The property exercised what it claims to.
    expect(prunedSomewhere).toBeGreaterThan(100);
    expect(deficient).toBeGreaterThan(50);
  });

  it("long eligible lists cut to one candidate (many improving pairs per need and round, rounds ended early by the key bound): same coverage and cost as the unpruned solve", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 80, max: 300 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, 1), fc.integer({ min: 1, max: 2 }), (seed, size, capacity, backups, topics) => {
        const network = syntheticNetwork(seed, size, topics, ["hospital"]);
        const options: AssignPartnersOptions = { capacity, backups, rule: { type: "top-share", share: 0.5 }, explainShortfalls: 0 };
        const resolved = resolveOptions(options, "test");
        const pruned = solveCore(network, resolved, "test", new EligibilityContext(network), undefined, 1, 0);
        const full = solveCore(network, resolved, "test", new EligibilityContext(network), undefined, Number.POSITIVE_INFINITY);
        const a = flowSummary(pruned);
        const b = flowSummary(full);
        expect(a).toEqual({ ...b, cost: a.cost });
        expect(a.cost).toBeCloseTo(b.cost, 6);
      }),
      { numRuns: 40 },
    );
  });

  it("missing resource attributes (mentors in the resource tree's loose leaf, mentees it cannot bound) and heavy distance and group weights: same coverage, backups, cost and certificate deficits as the unpruned solve", () => {
    let holes = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 30, max: 120 }),
        fc.constantFrom(["hospital"], ["hospital", "district"]),
        fc.constantFrom(0.1, 0.4),
        fc.record({ gap: fc.constantFrom(0.2, 1), similarity: fc.constantFrom(1, 4), group: fc.constantFrom(0, 0.5, 2) }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(0, 1),
        (seed, size, kinds, share, weights, limit, backups) => {
          const network = syntheticNetwork(seed, size, 3, kinds, share);
          if (network.institutions.some((institution) => !Object.hasOwn(institution.attributes, "staff") || !Object.hasOwn(institution.attributes, "budget"))) holes++;
          const options: AssignPartnersOptions = { capacity: 2, backups, weights, similarity: { attributes: ["staff", "budget"] }, rule: { type: "top-share", share: 0.5 }, explainShortfalls: 0 };
          const resolved = resolveOptions(options, "test");
          // Totals over every pair (with backups, tied plans can split them differently between primaries and backups).
          const pruned = flowSummary(solveCore(network, resolved, "test", new EligibilityContext(network), undefined, limit, 0));
          const full = flowSummary(solveCore(network, resolved, "test", new EligibilityContext(network), undefined, Number.POSITIVE_INFINITY));
          expect(pruned).toEqual({ ...full, cost: pruned.cost });
          expect(pruned.cost).toBeCloseTo(full.cost, 6);
        },
      ),
      { numRuns: 120 },
    );
    expect(holes).toBeGreaterThan(100);
  });

  it("integer-valued costs (many ties): same coverage and cost as the unpruned solve", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 10, max: 60 }), fc.integer({ min: 1, max: 3 }), (seed, size, limit) => {
        const network = syntheticNetwork(seed, size, 4, ["hospital"]);
        // Group term only: every cost is 0 or 1.
        const { pruned, full } = both(network, { capacity: 1, weights: { gap: 0, similarity: 0, group: 1 } }, limit);
        expect(pruned.covered).toBe(full.covered);
        expect(pruned.cost).toBe(full.cost);
        expect(pruned.shortfalls).toEqual(full.shortfalls);
      }),
      { numRuns: 150 },
    );
  });

  it("negative weights (no cost bound for the scan): same coverage and cost as the unpruned solve", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 10, max: 50 }), (seed, size) => {
        const network = syntheticNetwork(seed, size, 4, ["hospital"]);
        const { pruned, full } = both(network, { capacity: 2, weights: { gap: -1, similarity: 1, group: -0.5 } }, 2);
        expect(pruned.covered).toBe(full.covered);
        expect(pruned.cost).toBeCloseTo(full.cost, 6);
        expect(pruned.shortfalls).toEqual(full.shortfalls);
      }),
      { numRuns: 80 },
    );
  });
});

describe("pruned candidate lists with weights near the largest double", () => {
  it("where the scan's cost bounds overflow (review: a TypeError, nothing kept yet the scan stopped): the unpruned solve's coverage and certificates, or the same weights error", () => {
    const outcome = (network: TwinningNetwork, options: AssignPartnersOptions, limit: number, fullListsUpTo?: number) => {
      try {
        const core = solveCore(network, resolveOptions({ ...options, explainShortfalls: 0 }, "test"), "test", new EligibilityContext(network), undefined, limit, fullListsUpTo);
        const { covered, shortfalls } = summary(core);
        return { covered, shortfalls };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    let compared = 0;
    for (const seed of [2, 3, 5, 8]) {
      const network = syntheticNetwork(seed, 22, 3, ["hospital"]);
      for (const weights of [{ gap: -5e307, similarity: 1e307, group: 0 }, { gap: -5e307, similarity: 1e308, group: 2 ** 1000 }, { gap: 1e307, similarity: 1e307, group: 1e307 }]) {
        for (const capacity of [0, 2]) {
          const full = outcome(network, { capacity, weights }, Number.POSITIVE_INFINITY);
          expect(outcome(network, { capacity, weights }, 4, 0)).toEqual(full);
          if (!("error" in full)) compared++;
        }
      }
    }
    // Not every case is an error: some plans are compared.
    expect(compared).toBeGreaterThan(0);
  });
});

/** Seed, size (8 to 50 institutions) and kinds of a small random network. */
const smallNetworks = [fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 8, max: 50 }), fc.constantFrom(["hospital"], ["hospital", "district"])] as const;

/** Needs with a mentor, mentors placed (primaries and backups), total cost of every pair, and the certificates of both levels. */
function flowSummary(core: CoreResult) {
  const costs = new Map(core.needs.flatMap((need) => need.options.map((option) => [JSON.stringify([need.key, option.candidate.mentor]), option.cost] as const)));
  let cost = 0;
  let covered = 0;
  let units = 0;
  for (const [key, mentors] of core.chosen) {
    if (mentors.length === 0) continue;
    covered++;
    units += mentors.length;
    for (const mentor of mentors) cost += costs.get(JSON.stringify([key, mentor])) as number;
  }
  const deficit = (level: string) => core.shortfalls.filter((shortfall) => shortfall.level === level).reduce((sum, shortfall) => sum + shortfall.deficit, 0);
  return { covered, units, cost, primaryDeficit: deficit("primary"), backupDeficit: deficit("backup") };
}

describe("pruned candidate lists give the plan of the full lists with backups and topic limits (the flow model's duality check)", () => {
  it("same coverage, backups, cost and certificate deficits of both levels as the unpruned flow solve on random small networks (backups 1-2, topic limits, limits 1 to 4); every certificate names all the full lists' mentors of its needs", () => {
    let prunedSomewhere = 0;
    let shortOfBackups = 0;
    fc.assert(
      fc.property(
        ...smallNetworks,
        optionsArbitrary,
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom(undefined, 0, 1, 2),
        fc.integer({ min: 1, max: 4 }),
        (seed, size, kinds, options, backups, topicCapacity, limit) => {
          const network = syntheticNetwork(seed, size, 4, kinds);
          // Backups or a topic limit (or both): the flow model's path.
          const flowOptions: AssignPartnersOptions = { ...options, backups: topicCapacity === undefined ? Math.max(1, backups) : backups, ...(topicCapacity !== undefined ? { topicCapacity } : {}), explainShortfalls: 0 };
          const resolved = resolveOptions(flowOptions, "test");
          const pruned = solveCore(network, resolved, "test", new EligibilityContext(network), undefined, limit, 0);
          const full = solveCore(network, resolved, "test", new EligibilityContext(network), undefined, Number.POSITIVE_INFINITY);
          if ((pruned.pruned?.size ?? 0) > 0) prunedSomewhere++;
          const a = flowSummary(pruned);
          const b = flowSummary(full);
          if (b.backupDeficit > 0) shortOfBackups++;
          expect(a).toEqual({ ...b, cost: a.cost });
          expect(a.cost).toBeCloseTo(b.cost, 6);
          // Ties between equally good plans may leave other needs short (the flow's certificates
          // follow the plan), but a certificate of the pruned solve is built over the full lists.
          const fullMentors = new Map(full.needs.map((need) => [need.key, need.options.map((option) => option.candidate.mentor)]));
          for (const shortfall of pruned.shortfalls) {
            const mentors = new Set(shortfall.mentors);
            for (const key of shortfall.needs) for (const mentor of fullMentors.get(key) ?? []) expect(mentors.has(mentor)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
    // The property exercised what it claims to.
    expect(prunedSomewhere).toBeGreaterThan(100);
    expect(shortOfBackups).toBeGreaterThan(50);
  });
});

describe("pruning when every cost ties (all weights 0)", () => {
  it("gives the unpruned solve's coverage, cost and certificates, also past the round limit where the lists are completed", () => {
    const network = syntheticNetwork(11, 160, 3, ["hospital"]);
    for (const limit of [1, 2, 4]) {
      const { pruned, full, prunedNeeds } = both(network, { weights: { gap: 0, similarity: 0, group: 0 }, capacity: 2 }, limit);
      expect(prunedNeeds).toBeGreaterThan(0);
      expect(pruned).toEqual(full);
    }
  });
});

describe("pruning with a previous plan (its pairs listed beside each need's cheapest)", () => {
  it("same coverage, backups, cost with the keep bonus and certificate deficits as the unpruned solve, with previous pairs of an earlier plan, pairs no longer eligible and unknown ones, any keepThreshold", () => {
    let prunedSomewhere = 0;
    let keptSomewhere = 0;
    fc.assert(
      fc.property(
        ...smallNetworks,
        optionsArbitrary,
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom(undefined, 1),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(0, 0.25, 1, 1e6),
        fc.integer({ min: 1, max: 10_000 }),
        (seed, size, kinds, options, backups, topicCapacity, limit, keepThreshold, previousSeed) => {
          const network = syntheticNetwork(seed, size, 4, kinds);
          // The earlier plan: other weights and rules (many of its pairs are not the cheapest now, some not eligible).
          const earlier = solveCore(network, resolveOptions({ capacity: 2, backups: 1, weights: { gap: 1, similarity: 0, group: 0 }, explainShortfalls: 0 }, "test"), "test");
          const pairs = [...earlier.chosen].flatMap(([key, mentors]) => {
            const [mentee, topic] = JSON.parse(key) as [string, string];
            return mentors.map((mentor) => ({ mentor, mentee, topic }));
          });
          // A random half of its pairs, a pair with the mentee as its own mentor and one naming nobody.
          const previous = [...pairs.filter((_, k) => (k * 7919 + previousSeed) % 2 === 0), { mentor: "i0", mentee: "i0", topic: "t0" }, { mentor: "nobody", mentee: "i1", topic: "t1" }];
          const planOptions: AssignPartnersOptions = { ...options, backups, ...(topicCapacity !== undefined ? { topicCapacity } : {}), previous, keepThreshold, explainShortfalls: 0 };
          const resolved = resolveOptions(planOptions, "test");
          const pruned = solveCore(network, resolved, "test", new EligibilityContext(network), undefined, limit, 0);
          const full = solveCore(network, resolved, "test", new EligibilityContext(network), undefined, Number.POSITIVE_INFINITY);
          if ((pruned.pruned?.size ?? 0) > 0) prunedSomewhere++;
          if (pruned.needs.some((need) => need.options.some((option) => option.kept && pruned.chosen.get(need.key)?.includes(option.mentor)))) keptSomewhere++;
          const a = flowSummary(pruned);
          const b = flowSummary(full);
          expect(a).toEqual({ ...b, cost: a.cost });
          expect(a.cost).toBeCloseTo(b.cost, 6);
          // Every previous pair still eligible is in the pruned list, with its bonus.
          for (const need of full.needs) {
            const listed = new Map((pruned.needs.find((other) => other.key === need.key)?.options ?? []).map((option) => [option.mentor, option]));
            for (const option of need.options.filter((candidate) => candidate.kept)) expect(listed.get(option.mentor)?.cost).toBe(option.cost);
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(prunedSomewhere).toBeGreaterThan(100);
    expect(keptSomewhere).toBeGreaterThan(100);
  });
});
