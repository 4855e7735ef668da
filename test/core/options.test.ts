/** The shared options contract (core/options.ts): unknown keys with a suggestion, types, ranges, seeds. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runInNewContext } from "node:vm";
import { checkOptions, editDistance, nearest, type OptionSchema, showArgument } from "../../src/core/options.js";
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
    expect(() => checkOptions("f", { zzzzzzzz: 1 }, schema)).toThrow(/zzzzzzzz: unknown option of f; known: capacity, alternative, clusterBy, seed, weights/);
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

  it("suggests the only known name that continues a cut-off name after a separator, and nothing far for a name that begins another (before: 'kabgayi' got nothing, 'Acc' got anc4 for accreditation)", () => {
    expect(nearest("kabgayi", ["kabgayi-hospital", "kibuye-hospital"])).toBe("kabgayi-hospital");
    expect(nearest("Virtual", ["virtual-event", "visit"])).toBe("virtual-event");
    // Continued without a separator, it may be another thing: "ruli" (a hospital) is not rulindo (a district; review).
    expect(nearest("ruli", ["rulindo", "kibuye"])).toBeUndefined();
    // A name that begins a known one gets no far suggestion: "Acc" is accreditation cut off, not anc4 (two edits).
    const topics = ["accreditation", "anc4", "cbhi", "csection-ssi"];
    expect(nearest("Acc", topics)).toBeUndefined();
    // A name that continues a known one after a separator gets no far suggestion: "musanze-hospital" is not masaka-hospital (new-user trial).
    expect(nearest("musanze-hospital", ["masaka-hospital", "musanze"])).toBeUndefined();
    expect(nearest("musanze-hospital", ["masaka-hospital"])).toBe("masaka-hospital");
    expect(nearest("musanze-hospitl", ["musanze-hospital", "musanze"])).toBe("musanze-hospital");
    // One edit beats a prefix: "pne" is pnc mistyped sooner than pneumonia cut off (review).
    expect(nearest("pne", ["pnc", "pneumonia", "fp"])).toBe("pnc");
    expect(nearest("anc", ["anc4", "anc1", "cbhi"])).toBe("anc1");
    // Two continue it: no prefix suggestion.
    expect(nearest("kibuye", ["kibuye-hospital", "kibuye-district"])).toBeUndefined();
    // Under 3 characters a prefix says too little; an empty name is near nothing (it was near every short name).
    expect(nearest("ac", ["ac-unit"])).toBeUndefined();
    expect(nearest("", ["a", "b"])).toBeUndefined();
    // A name of hundreds of characters is no mistyped id: no suggestion, at once (it cost length squared per known name).
    expect(nearest("x".repeat(300), ["x".repeat(299)])).toBeUndefined();
    expect(nearest("x".repeat(200), ["x".repeat(199)])).toBe("x".repeat(199));
    expect(nearest("x", ["ab", "y"])).toBeUndefined();
    // Without prefixes (a missing column among headers), a header extending the name is not offered.
    expect(nearest("kind", ["kind_of_ownership", "name"], false)).toBeUndefined();
    expect(nearest("kind", ["knd", "name"], false)).toBe("knd");
    // An iterator (a Map's keys) is read once, for both rules.
    expect(nearest("topci", new Map([["topic", 1], ["topics", 2]]).keys())).toBe("topic");
    expect(nearest("kabgayi", new Set(["kabgayi-hospital"]).values())).toBe("kabgayi-hospital");
  });
});

describe("options that are not records", () => {
  it("a Map, Set or Date as the options themselves is refused, not read as no options (review: assignPartners(network, new Map([['capacity', 0]])) planned with the defaults)", () => {
    expect(() => checkOptions("f", new Map([["capacity", 0]]), schema)).toThrow("f: options must be an object, got a Map of 1");
    expect(() => checkOptions("f", new Date(0), schema)).toThrow("f: options must be an object, got a Date");
    // Records without Object.prototype, from another realm or behind a Proxy are records.
    expect(checkOptions("f", Object.assign(Object.create(null), { capacity: 2 }), schema)).toEqual({ capacity: 2 });
    expect(checkOptions("f", runInNewContext("({ capacity: 2 })"), schema)).toEqual({ capacity: 2 });
    expect(checkOptions("f", new Proxy({ capacity: 2 }, {}), schema)).toEqual({ capacity: 2 });
  });

  it("showArgument names a Map from another realm with its size, and a Proxy of a Map without throwing (review: a raw TypeError from the size getter)", () => {
    expect(showArgument(runInNewContext("new Map([[1, 2]])"))).toBe("a Map of 1");
    expect(showArgument(new Proxy(new Map(), {}))).toBe("a Map");
    expect(showArgument(new Set([1, 2]))).toBe("a Set of 2");
  });
});
