/**
 * NetworkX 2.8 reads back the GEXF and GraphML of networks whose names hold the text that breaks
 * XML writers (quotes, "]]>", markup, tabs and line breaks inside a name, right-to-left text,
 * combining marks, emoji, formula-like text): every node id and every name as the loader kept it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TwinningNetwork, graphPositions, knowledgeFlow, toGEXF, toGraphML } from "../../src/index.js";

const NAMES = [
  'The "Quoted" Hospital',
  "District ]]> of <b>Markup</b> & Co",
  "Tabbed\tname with\nline break inside",
  "مستشفى الملك",
  "Cafe\u0301 combining",
  "Clinic 🏥 emoji",
  "=HYPERLINK(\"http://example.org\")",
  "  inner  spaces  kept  ",
  "\u202eright-to-left override",
];

const folder = join(import.meta.dirname, "..", "..", ".tmp", "e2e-awkward-names");

describe("NetworkX reads awkward names back from GEXF and GraphML", () => {
  it("every id and name survives, whitespace inside names included", () => {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const ids = NAMES.map((_, i) => `inst ${i} "${["<", "&", "'", "]]>", "\t", "é", "x", "y", "z"][i]}"`);
    const network = TwinningNetwork.from({
      institutions: NAMES.map((name, i) => ({ id: ids[i] as string, name, kind: "hospital", group: NAMES[(i + 1) % NAMES.length] as string })),
      topics: [{ id: "acc" }],
      scores: ids.map((institution, i) => ({ institution, topic: "acc", period: "2021", value: i * 10 })),
      activities: ids.slice(1).map((to, i) => ({ type: "coaching", from: ids[i] as string, to, count: 1 })),
    });
    const flow = knowledgeFlow(network);
    const positions = graphPositions(network);
    writeFileSync(join(folder, "network.gexf"), toGEXF(network, { flow, positions }));
    writeFileSync(join(folder, "network.graphml"), toGraphML(network, { flow, positions }));
    const read = JSON.parse(execFileSync("/usr/bin/python3", [join(import.meta.dirname, "..", "..", "scripts", "e2e", "read_graphs.py"), folder], { encoding: "utf8" })) as Record<string, Record<string, string>>;
    const expected = Object.fromEntries(network.institutions.map((institution) => [institution.id, institution.name]));
    expect(read["network.graphml"]).toEqual(expected);
    expect(read["network.gexf"]).toEqual(expected);
    expect(network.institution(ids[2] as string)?.name).toBe("Tabbed\tname with\nline break inside");
  });
});
