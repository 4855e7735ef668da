/**
 * The resource tree of the pruning check (src/plan/resourceTree.ts): every position in exactly one
 * leaf, each node's box distance at most the distance (as the scanner computes it) to every mentor
 * under it, and each node's group, first position and maxima what its positions say; checked
 * against brute force over the positions on random walks with missing, infinite and short vectors.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boxDistance, buildResourceTree, nodeMaxima, type ResourceTree } from "../../src/plan/resourceTree.js";
import { seededRandom } from "../helpers.js";

/** The scanner's distance (storedDistance): RMS over the attributes both vectors have. */
function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  let compared = 0;
  for (let d = 0; d < a.length; d++) {
    const difference = (a[d] as number) - (b[d] as number);
    if (Number.isNaN(difference)) continue;
    sum += difference * difference;
    compared++;
  }
  return compared > 0 ? Math.sqrt(sum / compared) : 0;
}

/** Positions under a node, by walking its children. */
function positionsUnder(tree: ResourceTree, node: number): number[] {
  if (tree.left[node] === -1) return Array.from(tree.order.subarray(tree.start[node] as number, tree.end[node] as number));
  return [...positionsUnder(tree, tree.left[node] as number), ...positionsUnder(tree, tree.right[node] as number)];
}

function allNodes(tree: ResourceTree): number[] {
  const nodes: number[] = [];
  const stack = [tree.root];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    nodes.push(node);
    if (tree.left[node] !== -1) stack.push(tree.left[node] as number, tree.right[node] as number);
  }
  return nodes;
}

describe("resource tree", () => {
  it("covers every position once (and a tree over a subset of them, only those); box distances bound the distance to every complete mentor below (brute force); groups, first positions and maxima match the positions", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 90 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), (seed, count, dimensions, groupCount, byScore) => {
        const random = seededRandom(seed);
        const vectors = Array.from({ length: count }, () => {
          const roll = random();
          if (roll < 0.05) return undefined;
          if (roll < 0.1) return new Float64Array(dimensions + 1).fill(1);
          // Ties (coarse values), a few missing and infinite attributes.
          return Float64Array.from({ length: dimensions }, () => {
            const value = random();
            return value < 0.03 ? Number.NaN : value < 0.05 ? Number.POSITIVE_INFINITY : Math.round(random() * 8) / 2 - 2;
          });
        });
        const groups = Array.from({ length: count }, () => Math.floor(random() * (groupCount + 1)) - 1);
        const scores = Array.from({ length: count }, () => random() * 100);
        const tree = buildResourceTree(count, dimensions, (position) => vectors[position], (position) => groups[position] as number, byScore ? (position) => scores[position] as number : undefined);
        const keys = Array.from({ length: count }, () => (random() < 0.2 ? Number.NEGATIVE_INFINITY : random() * 10 - 5));
        const query = Float64Array.from({ length: dimensions }, () => random() * 6 - 3);
        /** The tree holds exactly these positions, and its nodes' boxes, maxima, groups and first positions are theirs. */
        const check = (checked: ResourceTree, positions: number[]): void => {
          const seen = positionsUnder(checked, checked.root).sort((a, b) => a - b);
          expect(seen).toEqual(positions);
          const maxima = nodeMaxima(checked, (position) => keys[position] as number);
          for (const node of allNodes(checked)) {
            const under = positionsUnder(checked, node);
            expect(maxima[node]).toBe(Math.max(Number.NEGATIVE_INFINITY, ...under.map((position) => keys[position] as number)));
            expect(checked.firstPosition[node]).toBe(under.length === 0 ? count : Math.min(...under));
            const nodeGroup = checked.group[node] as number;
            if (nodeGroup !== -2) for (const position of under) expect(groups[position]).toBe(nodeGroup);
            if (checked.left[node] === -1 && under.length > 0 && under.every((position) => groups[position] === groups[under[0] as number])) expect(nodeGroup).toBe(groups[under[0] as number]);
            const bound = boxDistance(checked, node, query);
            for (const position of under) {
              const vector = vectors[position];
              // Mentors whose distance the scanner would take over fewer attributes, or as null, are
              // under no finite box (the loose leaf): the bound is 0 for them.
              const complete = vector !== undefined && vector.length === dimensions && vector.every(Number.isFinite);
              if (complete) expect(bound).toBeLessThanOrEqual(distance(vector, query));
              else expect(bound).toBe(0);
            }
          }
        };
        check(tree, Array.from({ length: count }, (_, position) => position));
        // The tree of a tier's pools (the pruning check): some of the positions, in increasing order.
        const share = random();
        const subset = Array.from({ length: count }, (_, position) => position).filter(() => random() < share);
        check(tree.subset(subset), subset);
      }),
      { numRuns: 300 },
    );
  });
});
