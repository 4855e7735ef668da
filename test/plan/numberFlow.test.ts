import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LexicographicFlow, NUMBER_ARITHMETIC } from "../../src/plan/lexicographicFlow.js";
import { NumberLexicographicFlow } from "../../src/plan/numberFlow.js";
import { seededRandom } from "../helpers.js";

/** The plan's layered graph (needs -> pools -> mentors -> sink, drop arcs), built the same way on any flow class. */
function build(flow: { addNode(): number; addArc(from: number, to: number, capacity: number, primary: number, backup: number, cost: number): number; start(order: readonly number[]): void }, seed: number) {
  const random = seededRandom(seed);
  const needs = Array.from({ length: 1 + Math.floor(random() * 12) }, () => flow.addNode());
  const mentors = Array.from({ length: 1 + Math.floor(random() * 5) }, () => flow.addNode());
  const sink = flow.addNode();
  const backups = Math.floor(random() * 3);
  const arcs: number[] = [];
  for (const need of needs) for (const mentor of mentors) if (random() < 0.6) arcs.push(flow.addArc(need, mentor, 1, 0, 0, random() < 0.5 ? Math.floor(random() * 7) - 3 : Math.round((random() - 0.5) * 1024) / 64));
  for (const mentor of mentors) arcs.push(flow.addArc(mentor, sink, Math.floor(random() * 4), 0, 0, 0));
  for (const need of needs) {
    if (backups > 0) arcs.push(flow.addArc(need, sink, backups, 0, 1, 0));
    arcs.push(flow.addArc(need, sink, 1, 1, 0, 0));
  }
  flow.start([...needs, ...mentors, sink]);
  return { needs, sink, backups, arcs };
}

describe("the number specialisation of the lexicographic flow", () => {
  it("sends the same units on every arc as the generic class with number arithmetic (same optimum), on random plan graphs (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const generic = new LexicographicFlow(NUMBER_ARITHMETIC);
        const typed = new NumberLexicographicFlow();
        const a = build(generic, seed);
        const b = build(typed, seed);
        const sentA = a.needs.map((need) => generic.route(need, a.sink, 1 + a.backups));
        const sentB = b.needs.map((need) => typed.route(need, b.sink, 1 + b.backups));
        expect(sentB).toEqual(sentA);
        expect(b.arcs.map((arc) => typed.flow(arc))).toEqual(a.arcs.map((arc) => generic.flow(arc)));
      }),
      { numRuns: 500 },
    );
  });
});
