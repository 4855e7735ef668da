/**
 * Names that are also members of Object.prototype (constructor, toString, __proto__...) used as
 * every kind of key a user writes: institution ids and names, kinds, provinces, topic ids, units,
 * periods, activity types, attribute columns. A property test runs every job, every export and
 * every picture on networks whose every name is drawn from such words: nothing may crash, and
 * what comes out names the same institutions and topics that went in.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CONTACT_WEIGHTS,
  EffectEstimates,
  FlowReport,
  TwinningNetwork,
  TwinningPlan,
  assignPartners,
  auditStability,
  graphPositions,
  knowledgeFlow,
  selectionEffects,
  toGEXF,
  toGraphML,
  withdrawalImpact,
} from "../../src/index.js";
import { reportHTML } from "../../src/view/index.js";

const WORDS = [
  "constructor", "toString", "valueOf", "hasOwnProperty", "__proto__", "isPrototypeOf", "propertyIsEnumerable",
  "toLocaleString", "__defineGetter__", "__lookupSetter__", "prototype", "length", "name", "then",
] as const;

/** A small network: 8 institutions of two kinds, 3 topics, 2 periods, interests, partnerships and activities. */
function networkOf(words: readonly string[]): TwinningNetwork {
  const w = (i: number) => words[i % words.length] as string;
  const ids = Array.from({ length: 8 }, (_, i) => `${w(i)}${i < words.length ? "" : `-${i}`}`);
  const kinds = [w(1), `${w(2)}-kind`];
  const topics = [w(3), `${w(4)}-t`, `${w(5)}-u`];
  const periods = [w(6), `${w(7)}-end`];
  return TwinningNetwork.from({
    institutions: ids.map((id, i) => ({ id, name: w(i + 3), kind: kinds[i % 2] as string, group: w(i % 3), [w(8)]: i * 10 + 5 })),
    topics: topics.map((id, i) => ({ id, name: w(i), unit: i === 0 ? "%" : w(9), min: 0, max: 100 })),
    periods: periods.map((id, i) => ({ id, date: `202${i + 1}-01-01` })),
    scores: ids.flatMap((institution, i) =>
      topics.flatMap((topic, t) => periods.map((period, p) => ({ institution, topic, period, value: 20 + ((i * 7 + t * 13 + p * 11) % 60) + p * (i % 3) }))),
    ),
    interests: ids.flatMap((institution, i) => topics.filter((_, t) => (i + t) % 2 === 0).map((topic) => ({ institution, topic }))),
    partnerships: [{ mentor: ids[0] as string, mentee: ids[2] as string, topic: topics[0] as string }],
    activities: [
      { type: w(10), from: ids[1] as string, to: ids[3] as string, count: 2 },
      { type: "coaching", from: ids[4] as string, to: ids[5] as string, topic: topics[1] as string, count: 1 },
      { type: w(11), participants: ids.slice(0, 5), count: 1 },
    ],
  });
}

function everything(network: TwinningNetwork): void {
  const plan = assignPartners(network, { capacity: 2 });
  const restored = TwinningPlan.fromJSON(JSON.parse(JSON.stringify(plan)));
  for (const result of [plan, restored]) {
    result.toCSV();
    result.toSVG();
    result.toHTML();
    auditStability(network, result);
    const mentor = result.pairs[0]?.mentor;
    if (mentor !== undefined) withdrawalImpact(network, result, mentor);
  }
  const flow = knowledgeFlow(network, { weights: { ...DEFAULT_CONTACT_WEIGHTS } });
  FlowReport.fromJSON(JSON.parse(JSON.stringify(flow))).toCSV();
  flow.toSVG();
  const [baseline, endline] = network.periodIds as [string, string];
  const effects = selectionEffects(network, { baseline, endline });
  EffectEstimates.fromJSON(JSON.parse(JSON.stringify(effects))).toCSV();
  if (effects.estimates.length > 0) effects.toSVG();
  const positions = graphPositions(network);
  toGEXF(network, { flow, positions });
  toGraphML(network, { flow, positions });
  network.toSVG();
  const html = reportHTML({ network, plan, flow, effects, baseline, endline });
  expect(html).toContain("<!DOCTYPE html>");
  expect(TwinningNetwork.fromJSON(JSON.parse(JSON.stringify(network))).equals(network)).toBe(true);
  for (const row of flow.nodes) expect(network.institution(row.id)).toBeDefined();
}

describe("names like Object.prototype members, everywhere", () => {
  it("every job, export and picture runs on the words in their natural order", () => {
    everything(networkOf(WORDS));
  });

  it("and on any arrangement of them (property)", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...WORDS], { minLength: 12, maxLength: WORDS.length }), (words) => {
        everything(networkOf(words));
      }),
      { numRuns: 15 },
    );
  });
});
