/** The shared options contract (core/options.ts): unknown keys with a suggestion, types, ranges, seeds. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkOptions, editDistance, nearestName, type OptionSchema } from "../../src/core/options.js";
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
    expect(nearestName("sed", ["seed", "weights"])).toBe("seed");
  });
});
