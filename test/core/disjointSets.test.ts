import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DisjointSets } from "../../src/core/disjointSets.js";

describe("DisjointSets", () => {
  it("partitions like a brute-force labelling (merge labels on each join), and every root is its set's smallest member (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.tuple(fc.nat(39), fc.nat(39)), { maxLength: 60 }), (size, joins) => {
        const sets = new DisjointSets(size);
        const label = Array.from({ length: size }, (_, i) => i);
        for (const [x, y] of joins) {
          const a = x % size;
          const b = y % size;
          sets.union(a, b);
          const from = label[b] as number;
          const to = label[a] as number;
          for (let i = 0; i < size; i++) if (label[i] === from) label[i] = to;
        }
        for (let i = 0; i < size; i++) {
          for (let j = 0; j < size; j++) expect(sets.find(i) === sets.find(j)).toBe(label[i] === label[j]);
          const smallest = label.findIndex((value) => value === label[i]);
          expect(sets.find(i)).toBe(smallest);
        }
      }),
    );
  });

  it("grows past its first capacity with add()", () => {
    const sets = new DisjointSets();
    for (let i = 0; i < 100; i++) expect(sets.add()).toBe(i);
    expect(sets.union(99, 3)).toBe(3);
    expect(sets.find(99)).toBe(3);
    expect(sets.size).toBe(100);
  });
});
