import { describe, expect, it } from "vitest";
import { innerMap } from "../../src/core/maps.js";

describe("innerMap", () => {
  it("makes the inner map once and returns the same one after, for Map and WeakMap, keys like __proto__ included", () => {
    const outer = new Map<string, Map<string, number>>();
    const first = innerMap(outer, "__proto__");
    first.set("constructor", 1);
    expect(innerMap(outer, "__proto__")).toBe(first);
    expect(outer.get("__proto__")?.get("constructor")).toBe(1);
    expect(outer.size).toBe(1);
    const key = {};
    const weak = new WeakMap<object, Map<number, string>>();
    const inner = innerMap(weak, key);
    expect(innerMap(weak, key)).toBe(inner);
    expect(innerMap(weak, {})).not.toBe(inner);
  });
});
