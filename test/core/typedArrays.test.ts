import { describe, expect, it } from "vitest";
import { grownTo } from "../../src/core/typedArrays.js";

describe("grownTo", () => {
  it("keeps the type and the entries, and fills the new ones (0 or the given value)", () => {
    const ints = grownTo(Int32Array.of(3, -4), 4, -1);
    expect(ints).toBeInstanceOf(Int32Array);
    expect([...ints]).toEqual([3, -4, -1, -1]);
    const floats = grownTo(Float64Array.of(0.5), 3);
    expect(floats).toBeInstanceOf(Float64Array);
    expect([...floats]).toEqual([0.5, 0, 0]);
    expect([...grownTo(Int8Array.of(-1), 2)]).toEqual([-1, 0]);
    expect([...grownTo(Uint8Array.of(7), 2, 1)]).toEqual([7, 1]);
  });
});
