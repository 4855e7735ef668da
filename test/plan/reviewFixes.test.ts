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
