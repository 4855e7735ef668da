import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EnteredSet } from "../../src/plan/enteredSet.js";

/** The same set as a plain array of booleans, searched one position at a time. */
function naiveNext(entered: boolean[], size: number, k: number): number {
  for (let position = k; position < size; position++) if (!entered[position]) return position;
  return size;
}

describe("EnteredSet (the relaxation gains' unentered positions)", () => {
  it("answers next(k) as a linear scan of a boolean array does, through enters, leaves and resets (random operation sequences)", () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant("enter" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("leave" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("next" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("reset" as const), at: fc.nat({ max: 2200 }) }),
    );
    fc.assert(
      fc.property(fc.nat({ max: 2200 }), fc.array(operation, { maxLength: 400 }), fc.boolean(), (initial, operations, dense) => {
        let size = initial;
        const set = new EnteredSet(size);
        let entered: boolean[] = new Array<boolean>(size).fill(false);
        // Dense runs fill whole words and summary words, which is where the two levels meet.
        if (dense && size > 0) {
          for (let position = 0; position < size; position++) {
            if (position % 97 === 13) continue;
            set.enter(position);
            entered[position] = true;
          }
        }
        for (const { kind, at } of operations) {
          if (kind === "reset") {
            size = at;
            set.reset(size);
            entered = new Array<boolean>(size).fill(false);
            continue;
          }
          if (size === 0) {
            expect(set.next(0)).toBe(0);
            continue;
          }
          const position = at % (size + (kind === "next" ? 1 : 0));
          if (kind === "enter") {
            set.enter(position);
            entered[position] = true;
          } else if (kind === "leave") {
            set.leave(position);
            entered[position] = false;
          } else {
            expect(set.next(position)).toBe(naiveNext(entered, size, position));
          }
        }
        for (let k = 0; k <= size; k += 1 + Math.floor(size / 50)) expect(set.next(k)).toBe(naiveNext(entered, size, k));
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it("finds nothing past a full set of 32 * 32 * 2 + 5 positions, and the one position left", () => {
    const size = 32 * 32 * 2 + 5;
    const set = new EnteredSet(size);
    for (let position = 0; position < size; position++) set.enter(position);
    expect(set.next(0)).toBe(size);
    set.leave(size - 1);
    expect(set.next(0)).toBe(size - 1);
    set.leave(1024);
    expect(set.next(3)).toBe(1024);
    expect(set.next(1025)).toBe(size - 1);
  });
});
