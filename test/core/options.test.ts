/** The shared options contract (core/options.ts): unknown keys with a suggestion, types, ranges, seeds. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkOptions, editDistance, nearest, type OptionSchema } from "../../src/core/options.js";
import { TwinningArgumentError } from "../../src/index.js";

interface Example {
  capacity?: number;
  alternative?: "two-sided" | "greater" | "less";
  clusterBy?: string;
  seed?: number;
  weights?: Record<string, number>;
}
const schema: OptionSchema<Example> = {
  capacity: { type: "number", integer: true, min: 0 },
  alternative: { type: "enum", values: ["two-sided", "greater", "less"] },
  clusterBy: { type: "string" },
  seed: { type: "seed" },
  weights: { type: "object" },
};

describe("checkOptions", () => {
  it.each([
    ["capcity", "capacity"],
    ["alternatve", "alternative"],
    ["clusterby", "clusterBy"],
  ])("a misspelled key %s names the function and suggests %s", (key, near) => {
    expect(() => checkOptions("assignPartners", { [key]: 1 }, schema)).toThrow(new TwinningArgumentError("assignPartners", `${key}: unknown option of assignPartners; did you mean ${near}?`));
  });

  it("a key near nothing lists the known options", () => {
    expect(() => checkOptions("f", { zzzzzzzz: 1 }, schema)).toThrow(/zzzzzzzz: unknown option of f; known options: capacity, alternative, clusterBy, seed, weights/);
  });

  it("wrong types and ranges are errors; a string is never read as a number", () => {
    expect(() => checkOptions("f", { capacity: "1" }, schema)).toThrow(/^f: capacity: expected a number, got "1"$/);
    expect(() => checkOptions("f", { capacity: -1 }, schema)).toThrow(/capacity: expected at least 0, got -1/);
    expect(() => checkOptions("f", { capacity: 1.5 }, schema)).toThrow(/capacity: expected an integer/);
    expect(() => checkOptions("f", { alternative: "bigger" }, schema)).toThrow(/alternative: expected "two-sided", "greater", "less", got "bigger"/);
    expect(() => checkOptions("f", "fast", schema)).toThrow(/options must be an object, got "fast"/);
  });

  it.each([Number.NaN, "abc", 2 ** 32, -1, 0.5, Number.POSITIVE_INFINITY])("seed %s is refused (integers in [0, 2^32) only)", (seed) => {
    expect(() => checkOptions("f", { seed }, schema)).toThrow(/seed: expected an integer seed in \[0, 2\^32\)/);
  });

  it("accepts valid options, drops undefined ones, and never changes the caller's object", () => {
    const given = Object.freeze({ capacity: 2, seed: 2 ** 32 - 1, clusterBy: undefined });
    expect(checkOptions("f", given, schema)).toEqual({ capacity: 2, seed: 2 ** 32 - 1 });
    expect(checkOptions("f", undefined, schema)).toEqual({});
  });

  it("keys named like Object.prototype members are unknown options, never inherited rules", () => {
    for (const key of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const options = JSON.parse(`{"${key}": 1}`);
      expect(() => checkOptions("f", options, schema)).toThrow(TwinningArgumentError);
    }
  });

  it("editDistance is a metric on random strings (symmetric, zero only for equal strings)", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
    expect(nearest("sed", ["seed", "weights"])).toBe("seed");
  });

  it("editDistance against a brute-force recursion of optimal string alignment, and with a bound it is min(distance, bound) (the early exit never undercounts)", () => {
    // The definition itself (Damerau 1964; Boytsov 2011 for the 'optimal alignment' restriction), memoised.
    const reference = (a: string, b: string): number => {
      const memo = new Map<string, number>();
      const d = (i: number, j: number): number => {
        if (i === 0) return j;
        if (j === 0) return i;
        const key = `${i},${j}`;
        const known = memo.get(key);
        if (known !== undefined) return known;
        let value = Math.min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d(i - 2, j - 2) + 1);
        memo.set(key, value);
        return value;
      };
      return d(a.length, b.length);
    };
    const letters = fc.string({ unit: fc.constantFrom("a", "b", "c"), maxLength: 9 });
    fc.assert(
      fc.property(letters, letters, fc.integer({ min: 0, max: 10 }), (a, b, bound) => {
        const exact = reference(a, b);
        expect(editDistance(a, b)).toBe(exact);
        expect(editDistance(a, b, bound)).toBe(Math.min(exact, bound));
      }),
      { numRuns: 2000 },
    );
    // A transposition is one edit; ties go to the first in sorted order; nothing near gives undefined.
    expect(editDistance("gorups", "groups")).toBe(1);
    expect(nearest("gorups", ["weights", "group", "groups"])).toBe("groups");
    expect(nearest("ab", ["ac", "aa"])).toBe("aa");
    expect(nearest("topci", ["topic", "topics"])).toBe("topic");
    expect(nearest("zzzzzz", ["groups", "weights"])).toBeUndefined();
  });

  it("suggests the only known name a cut-off name begins (before: 'Acc' got anc4, at edit distance 2, and 'kabgayi' nothing)", () => {
    const topics = ["accreditation", "anc4", "cbhi", "csection-ssi"];
    expect(nearest("Acc", topics)).toBe("accreditation");
    expect(nearest("kabgayi", ["kabgayi-hospital", "kibuye-hospital"])).toBe("kabgayi-hospital");
    // Two names begin with it: the edit distance decides, as before.
    expect(nearest("anc", ["anc4", "anc1", "cbhi"])).toBe("anc1");
    // Under 3 characters a prefix says too little.
    expect(nearest("ac", ["accreditation"])).toBeUndefined();
    // An iterator (a Map's keys) is read once, for both rules.
    expect(nearest("topci", new Map([["topic", 1], ["topics", 2]]).keys())).toBe("topic");
    expect(nearest("Acc", new Set(topics).values())).toBe("accreditation");
  });
});
