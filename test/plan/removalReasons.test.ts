/**
 * The mentee-independent removal reasons (issue 11): the table's walk is the same whether it is
 * sorted here or taken from a best-first order (also one that misses institutions), and the gap
 * rule's passing run found by bisection is the one a linear scan finds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NONE, gapPassingPrefix, menteeIndependentReasons } from "../../src/plan/removalReasons.js";

const inputArbitrary = fc.integer({ min: 1, max: 60 }).chain((count) =>
  fc.record({
    kindOf: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: count, maxLength: count }),
    scores: fc.array(fc.option(fc.constantFrom(1, 2, 2, 3, 5, 8, 8, 13), { nil: undefined }), { minLength: count, maxLength: count }),
    performer: fc.option(fc.array(fc.boolean(), { minLength: count, maxLength: count }), { nil: undefined }),
    menteeKind: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    topicKinds: fc.option(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), { nil: undefined }),
    sign: fc.constantFrom(1 as const, -1 as const),
    drop: fc.integer({ min: 0, max: count }),
  }),
);

describe("menteeIndependentReasons", () => {
  it("gives the same table from its own sort, from the pool's best-first order, and from an order missing an institution (checked against a direct reading of evaluate's first four rules)", () => {
    fc.assert(
      fc.property(inputArbitrary, ({ kindOf, scores, performer, menteeKind, topicKinds, sign, drop }) => {
        const input = {
          kindOf: Int32Array.from(kindOf),
          menteeKind,
          topicKinds: topicKinds === undefined ? undefined : Uint8Array.from(topicKinds, (flag) => (flag ? 1 : 0)),
          score: Float64Array.from(scores, (value) => value ?? 0),
          hasScore: Uint8Array.from(scores, (value) => (value === undefined ? 0 : 1)),
          performer: performer === undefined ? undefined : Uint8Array.from(performer, (flag) => (flag ? 1 : 0)),
          sign,
          bestFirst: undefined,
        };
        // Every scored (high-performing) institution best first, ties in network order: the pool.
        const pool = scores.flatMap((value, j) => (value === undefined || (performer !== undefined && !performer[j]) ? [] : [j])).sort((a, b) => sign * ((scores[b] as number) - (scores[a] as number)));
        const sorted = menteeIndependentReasons(input);
        expect(menteeIndependentReasons({ ...input, bestFirst: Int32Array.from(pool) })).toEqual(sorted);
        expect(menteeIndependentReasons({ ...input, bestFirst: Int32Array.from(pool.filter((_, p) => p !== drop)) })).toEqual(sorted);
        // Reasons by a direct reading of the rules, in evaluate's order.
        const expected = kindOf.map((kind, j) => {
          if (menteeKind !== undefined && kind !== menteeKind) return 1;
          if (topicKinds !== undefined && !topicKinds[kind]) return 2;
          if (scores[j] === undefined) return 3;
          if (performer !== undefined && !performer[j]) return 4;
          return -1;
        });
        expect(Array.from(sorted.reason)).toEqual(expected);
        for (let reason = 1; reason <= 4; reason++) {
          const holders = expected.flatMap((value, j) => (value === reason ? [j] : []));
          expect(sorted.count[reason]).toBe(holders.length);
          expect(sorted.first[reason]).toBe(holders[0] ?? NONE);
          expect(sorted.second[reason]).toBe(holders[1] ?? NONE);
        }
        const passing = pool.filter((j) => expected[j] === -1);
        expect(Array.from(sorted.walk)).toEqual(passing);
        expect(Array.from(sorted.members)).toEqual([...passing].sort((a, b) => a - b));
        expect(Array.from(sorted.members, (_, m) => sorted.walk[sorted.rank[m] as number])).toEqual(Array.from(sorted.members));
        for (let p = 0; p <= passing.length; p++) {
          const rest = passing.slice(p).sort((a, b) => a - b);
          expect([sorted.suffixFirst[p], sorted.suffixSecond[p]]).toEqual([rest[0] ?? NONE, rest[1] ?? NONE]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("gapPassingPrefix", () => {
  it("finds the run of a best-first walk that passes evaluate's gap test, as a linear scan finds it", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true })), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(1 as const, -1 as const), fc.constantFrom(0, 0.5, 3, 1e5), (values, mentee, sign, required) => {
        const walk = Float64Array.from([...values].sort((a, b) => sign * (b - a)));
        const passes = (value: number) => {
          const gap = sign * (value - mentee);
          return !(gap <= 0 || gap < required);
        };
        let run = 0;
        while (run < walk.length && passes(walk[run] as number)) run++;
        expect(gapPassingPrefix(walk, mentee, sign, required)).toBe(run);
        // The run is all that passes: nothing after it does.
        for (let p = run; p < walk.length; p++) expect(passes(walk[p] as number)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
