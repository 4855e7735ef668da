/** Review of b2ea0cc..8daf8e7: regressions found by trying to break the changes. */
import { describe, expect, it } from "vitest";
import { type AssignPartnersOptions, TwinningNetwork, assignPartners, loadNetwork } from "../../src/index.js";
import { EXAMPLE_FOLDER, smallNetwork } from "../helpers.js";

describe("review of the lookups that refuse unknown ids (51d748e)", () => {
  it("a pin on a topic nobody has a score on names assignPartners, not TwinningNetwork.score and a period \"\"", () => {
    const data = smallNetwork();
    const network = TwinningNetwork.from({
      ...data,
      topics: [...data.topics, { id: "noscore", kinds: ["hospital"] }],
      interests: [...(data.interests ?? []), { institution: "H1", topic: "noscore" }],
    });
    expect(() => assignPartners(network, { pin: [{ mentor: "H2", mentee: "H1", topic: "noscore" }] })).toThrow(/^assignPartners: pinned mentor H2 has no noscore score in any period$/);
  });
});

describe("review of relaxations listed where they help (b679739)", () => {
  it("a backup shortfall lists no relaxation that costs a primary (maxPartners re-solves: 'raise kabgayi-hospital's capacity from 3 to 3', one need fewer met)", async () => {
    const network = await loadNetwork(EXAMPLE_FOLDER);
    const plan = assignPartners(network, { backups: 1, capacity: 3, maxPartners: 2 });
    const listed = plan.shortfalls.flatMap((shortfall) => shortfall.relaxations.map((relaxation) => ({ level: shortfall.level, ...relaxation })));
    expect(listed.filter((relaxation) => (relaxation.primaryGain ?? 0) < 0 || (relaxation.kind === "capacity" && (relaxation.by ?? 0) < 1))).toEqual([]);
  });
});

describe("institutions without a group (new-user trial, adversarial review)", () => {
  it("a kind none of whose institutions has a group, on a topic only it chooses, with groups 'same': an error naming the topic (review: every need uncovered with a note only)", async () => {
    const data = (await loadNetwork(EXAMPLE_FOLDER)).toJSON();
    const network = TwinningNetwork.from({ ...data, institutions: data.institutions.map((institution) => ({ ...institution, group: institution.kind === "district" ? undefined : institution.group })) });
    expect(() => assignPartners(network, { groups: "same" })).toThrow(/groups "same" on (anc4|cbhi|facility-delivery|hmis-timeliness|modern-fp|stunting) compares institutions' groups, but none of those that chose it has one/);
  });

  it("some without a group: a note names them and says their pairs count as across groups (before: silent, 'other group (none vs Southern)')", async () => {
    const network = await loadNetwork(EXAMPLE_FOLDER);
    const data = network.toJSON();
    const nyanza = TwinningNetwork.from({ ...data, institutions: data.institutions.map((institution) => ({ ...institution, group: institution.id === "nyanza" ? undefined : institution.group })) });
    expect(assignPartners(nyanza, { groups: "different" }).warnings).toContain("1 institution(s) have no group, e.g. nyanza: their pairs count as across groups (the groups rule and the group weight 0.5 apply).");
    expect(assignPartners(nyanza).warnings).toContain("1 institution(s) have no group, e.g. nyanza: their pairs count as across groups (the group weight 0.5 applies).");
    expect(assignPartners(nyanza, { weights: { group: 0 } }).warnings.filter((warning) => warning.includes("no group"))).toEqual([]);
  });

  it("none with a group: groups 'same' or 'different' (also per topic) is an error (before: 'same' met no need, 'different' every one, without a word); 'any' plans as before", async () => {
    const data = (await loadNetwork(EXAMPLE_FOLDER)).toJSON();
    const network = TwinningNetwork.from({ ...data, institutions: data.institutions.map((institution) => ({ ...institution, group: undefined })) });
    const message = /^assignPartners: groups "same" on \S+ compares institutions' groups, but none of those that chose it has one; give one \(a group column, such as province\) or use groups "any" \(command line: --groups any\)$/;
    expect(() => assignPartners(network, { groups: "same" })).toThrow(message);
    const [topic] = [...new Set(network.interests.map((interest) => interest.topic))].sort();
    expect(() => assignPartners(network, { topicRules: { [topic ?? ""]: { groups: "same" } } })).toThrow(`groups "same" on ${topic} compares`);
    expect(() => assignPartners(network, { groups: "different" })).toThrow(/groups "different" on \S+ compares/);
    // A global rule every planned topic overrides compares nothing (review: it threw).
    const every = Object.fromEntries([...new Set(network.interests.map((interest) => interest.topic))].map((id) => [id, { groups: "any" as const }]));
    expect(assignPartners(network, { groups: "same", topicRules: every }).covered).toBe(assignPartners(network).covered);
    const plan = assignPartners(network);
    expect(plan.covered).toBeGreaterThan(0);
    expect(plan.warnings.filter((warning) => warning.includes("no group"))).toEqual([]);
  });
});

describe("resources compared across kinds (sameKind: false; adversarial review)", () => {
  const crossKind = (hospitals: Record<string, number>[], districts: Record<string, number>[]) => {
    const institutions = [
      ...hospitals.map((attributes, index) => ({ id: `H${index + 1}`, kind: "hospital", group: "N", ...attributes })),
      ...districts.map((attributes, index) => ({ id: `D${index + 1}`, kind: "district", group: "N", ...attributes })),
    ];
    const values: Record<string, number> = { H1: 90, H2: 50, H3: 40, D1: 10, D2: 30, D3: 20 };
    return TwinningNetwork.from({
      institutions,
      topics: [{ id: "q", min: 0, max: 100 }],
      scores: institutions.map((institution) => ({ institution: institution.id, topic: "q", period: "2024", value: values[institution.id] as number })),
      interests: [{ institution: "D1", topic: "q" }],
    });
  };

  it("kinds that measure different attributes are not compared: H1 -> D1 is 'no resource attributes to compare' (before: beds against health centres by position, distance 0, and D1 paired under maxDistance 0.1)", () => {
    const network = crossKind(
      [{ beds: 100, staff: 200 }, { beds: 300, staff: 600 }, { beds: 500, staff: 1000 }],
      [{ population: 100000, health_centres: 10 }, { population: 300000, health_centres: 30 }, { population: 500000, health_centres: 50 }],
    );
    const limited = assignPartners(network, { sameKind: false, rule: { type: "top-k", k: 1 }, similarity: { maxDistance: 0.1 } });
    expect(limited.pairs).toEqual([]);
    expect(limited.uncovered[0]?.removed).toContainEqual({ mentor: "H1", reason: "resources-too-different", detail: "no resource attributes to compare" });
    const plan = assignPartners(network, { sameKind: false, rule: { type: "top-k", k: 1 } });
    expect(plan.pairs.map((pair) => [pair.mentor, pair.distance])).toEqual([["H1", null]]);
    expect(plan.warnings).toContain("sameKind false: districts and hospitals share no resource attribute; their pairs are not compared on resources (no distance term; maxDistance removes them)");
    expect(assignPartners(network, { rule: { type: "top-k", k: 1 } }).warnings.filter((warning) => warning.startsWith("sameKind"))).toEqual([]);
    // Also said where the similarity weight is 0 but maxDistance removes them, where the names are
    // listed but one kind has no number for any, and for a topic's own similarity (review).
    const said = (options: AssignPartnersOptions) => assignPartners(network, { sameKind: false, rule: { type: "top-k", k: 1 }, ...options }).warnings.filter((warning) => warning.startsWith("sameKind")).length;
    expect(said({ weights: { similarity: 0 }, similarity: { maxDistance: 1 } })).toBe(1);
    expect(said({ weights: { similarity: 0 } })).toBe(0);
    expect(said({ similarity: { attributes: ["beds", "population"] } })).toBe(1);
    expect(said({ similarity: { attributes: ["beds", "population"] }, topicRules: { q: { similarity: { attributes: ["beds"] } } } })).toBe(1);
  });

  it("attributes of the same name are compared by name, in SDs among every institution whose kind measures them (checked by hand: |100 - 10| / sd(100, 300, 500, 10, 30, 50))", () => {
    // staff and population come first in a sorted list: by position the hospitals' staff met the districts' population.
    const network = crossKind(
      [{ beds: 100, staff: 200 }, { beds: 300, staff: 600 }, { beds: 500, staff: 1000 }],
      [{ beds: 10, population: 100000 }, { beds: 30, population: 300000 }, { beds: 50, population: 500000 }],
    );
    const beds = [100, 300, 500, 10, 30, 50];
    const mean = beds.reduce((a, b) => a + b, 0) / beds.length;
    const sd = Math.sqrt(beds.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (beds.length - 1));
    const plan = assignPartners(network, { sameKind: false, rule: { type: "top-k", k: 1 } });
    expect(plan.pairs.map((pair) => pair.mentor)).toEqual(["H1"]);
    // Plans report distances to 6 decimals.
    expect(plan.pairs[0]?.distance).toBeCloseTo(Math.abs(100 - 10) / sd, 6);
    // Same values of the same attribute are 0 apart across kinds (each kind's own SDs made them differ).
    const same = crossKind([{ beds: 10 }, { beds: 300 }, { beds: 500 }], [{ beds: 10 }, { beds: 30 }, { beds: 50 }]);
    expect(assignPartners(same, { sameKind: false, rule: { type: "top-k", k: 1 } }).pairs[0]?.distance).toBe(0);
  });

  it("similarity.attributes naming an attribute twice is an error (it weighed twice within a kind, once across kinds; review)", () => {
    const network = crossKind([{ beds: 100 }, { beds: 300 }, { beds: 500 }], [{ beds: 10 }, { beds: 30 }, { beds: 50 }]);
    expect(() => assignPartners(network, { similarity: { attributes: ["beds", "beds"] } })).toThrow('assignPartners: similarity: attributes: expected distinct attribute names, got "beds" at index 1');
  });

  it("pairs of one kind keep their own kind's SDs", () => {
    const network = crossKind([{ beds: 100 }, { beds: 300 }, { beds: 500 }], [{ beds: 10 }, { beds: 30 }, { beds: 50 }]);
    // D2 (30) is D1's best district: 20 beds apart, the districts' SD is 20.
    const plan = assignPartners(network, { rule: { type: "top-k", k: 1 } });
    expect(plan.pairs.map((pair) => [pair.mentor, pair.distance])).toEqual([["D2", 1]]);
  });
});
