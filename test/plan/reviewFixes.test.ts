/** Review of b2ea0cc..8daf8e7: regressions found by trying to break the changes. */
import { describe, expect, it } from "vitest";
import { TwinningNetwork, assignPartners, loadNetwork } from "../../src/index.js";
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
