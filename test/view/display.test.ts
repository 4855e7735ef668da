/**
 * Display of every result: the MIME bundle Deno's kernel shows, the text Node's REPL and tslab
 * print, HTML, SVG rendered by vega without a browser, and Vega-Lite specifications.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  JUPYTER_DISPLAY,
  TwinningNetwork,
  assignPartners,
  knowledgeFlow,
  loadNetwork,
  parseNetwork,
  selectionEffect,
  selectionEffects,
} from "../../src/index.js";
import { Chart, beforeAfterChart, flowChart, forestPlot, mentorLoadChart, networkChart } from "../../src/view/index.js";
import { MAX_FLOW_LINKS } from "../../src/view/pictures.js";
import { renderSVG, vegaView } from "../../src/view/vega.js";
import { EXAMPLE_FOLDER, exampleFiles } from "../helpers.js";

const network = await loadNetwork(EXAMPLE_FOLDER);
const plan = assignPartners(network);
const flow = knowledgeFlow(network);
const [baseline, endline] = [network.periodIds[0] as string, network.periodIds.at(-1) as string];
const effects = selectionEffects(network, { baseline, endline, topics: ["anc4", "cbhi", "stockout-days"] });
const one = selectionEffect(network, { topic: "anc4", baseline, endline });

/** The elements of one vega mark group (layer_k) of an SVG. */
function marksOfLayer(svg: string, layer: number, element: string): number {
  const start = svg.indexOf(`layer_${layer}_marks"`);
  if (start === -1) return 0;
  // Mark items are direct children of their group, so the group ends at the first closing tag.
  return svg.slice(start, svg.indexOf("</g>", start)).split(`<${element} `).length - 1;
}

describe("the synchronous SVG renderer", () => {
  it("writes exactly what vega's own asynchronous view.toSVG() writes", async () => {
    for (const chart of [networkChart(network), forestPlot(effects.estimates), mentorLoadChart(plan)]) {
      const spec = chart.toVegaLite();
      expect(renderSVG(spec)).toBe(await vegaView(spec).toSVG());
    }
  });
});

describe.each([
  ["network", network, /^TwinningNetwork: 40 institutions/],
  ["plan", plan, /^TwinningPlan: \d+ of \d+ needs covered/],
  ["flow report", flow, /^FlowReport: 40 institutions/],
  ["effect estimate", one, /^EffectEstimate anc4: DiD = /],
  ["effect estimates", effects, /^EffectEstimates: 3 topic\(s\)/],
] as const)("%s", (_name, result, text) => {
  it("returns a MIME bundle with text, HTML and an SVG picture for Deno's kernel", () => {
    const bundle = result[JUPYTER_DISPLAY]();
    expect(Object.keys(bundle).sort()).toEqual(["image/svg+xml", "text/html", "text/plain"]);
    expect(bundle["image/svg+xml"]).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(bundle["text/html"]).toContain("<svg");
    expect(bundle["text/html"]).toContain("<table");
    expect(bundle["text/plain"].length).toBeGreaterThan(20);
  });

  it("prints a compact text view through util.inspect (what tslab and the Node REPL show)", () => {
    const printed = inspect(result);
    expect(printed).toMatch(text);
    expect(printed).not.toContain("<svg");
    expect(printed.split("\n").length).toBeLessThan(25);
  });

  it("gives the same SVG twice, a Vega-Lite copy the caller may change, and leaves the result unchanged", () => {
    const before = JSON.stringify(result);
    const spec = result.toVegaLite();
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
    (spec as { title?: string }).title = "changed";
    expect(result.toVegaLite().title).not.toBe("changed");
    expect(result.toSVG()).toBe(result.toSVG());
    expect(JSON.stringify(result)).toBe(before);
  });
});

describe("pictures", () => {
  it("the network: one arrow per partnership, one node per institution, legends for topic, province and size", () => {
    const svg = networkChart(network).toSVG();
    expect(marksOfLayer(svg, 0, "line")).toBe(network.partnerships.length);
    expect(marksOfLayer(svg, 1, "path")).toBe(network.partnerships.length); // arrowheads
    expect(marksOfLayer(svg, 2, "path")).toBe(network.institutions.length);
    for (const legend of ["Topic (arrow colour)", "Group", "links (count)"]) expect(svg).toContain(legend);
    for (const province of network.groups) expect(svg).toContain(province);
  });

  it("the network: the same picture for the same data in any input order, another for another seed", () => {
    const files = exampleFiles();
    const reversed = Object.fromEntries(
      Object.entries(files).map(([name, text]) => {
        const [header, ...rows] = text.trimEnd().split("\n");
        return [name, `${[header, ...rows.reverse()].join("\n")}\n`];
      }),
    );
    const shuffled = parseNetwork(reversed);
    expect(networkChart(shuffled).toSVG()).toBe(networkChart(network).toSVG());
    expect(networkChart(network, { seed: 1 }).toSVG()).not.toBe(networkChart(network).toSVG());
  });

  it("the plan: one arrow per pair, nodes sized by mentor load; flow: sized by the chosen metric", () => {
    const svg = plan.toSVG();
    expect(marksOfLayer(svg, 0, "line")).toBe(plan.pairs.length);
    expect(svg).toContain("mentor load (needs)");
    const bySize = networkChart(network, { flow, sizeBy: "betweenness" }).toSVG();
    expect(bySize).toContain("betweenness");
    // knowledgeFlow's backbone (disparity filter) is what the flow picture draws, with the full graph's figures beside.
    const backboneLinks = flow.backbone?.links.length as number;
    expect(backboneLinks).toBeGreaterThan(0);
    expect(backboneLinks).toBeLessThan(flow.links.length);
    expect(marksOfLayer(flow.toSVG(), 0, "line")).toBe(backboneLinks);
    expect(flowChart(flow).description).toContain(`Backbone: the ${backboneLinks} contacts significant at alpha = 0.050`);
    // 1,560 contacts and no backbone: the strongest MAX_FLOW_LINKS are drawn, and the caption says so.
    const withoutBackbone = knowledgeFlow(network, { backbone: false });
    expect(withoutBackbone.links.length).toBeGreaterThan(MAX_FLOW_LINKS);
    expect(marksOfLayer(withoutBackbone.toSVG(), 0, "line")).toBe(MAX_FLOW_LINKS);
    expect(flowChart(withoutBackbone).description).toContain(`Only the ${MAX_FLOW_LINKS} strongest of 1,560 contacts are drawn`);
  });

  it("the forest plot: one interval per topic, on Hedges' g when units differ, in the unit when they agree", () => {
    const mixed = forestPlot(effects.estimates).toSVG();
    expect(marksOfLayer(mixed, 1, "line")).toBe(3);
    expect(marksOfLayer(mixed, 2, "path")).toBe(3);
    expect(mixed).toContain("Hedges' g");
    const single = forestPlot([one]).toSVG();
    expect(single).toContain(`(${one.unit})`);
    expect(() => forestPlot([])).toThrow(/^forestPlot: expected at least one estimate/);
  });

  it("before/after: a faint line per institution and a bold mean per group, with the unit on the axis", () => {
    const chart = beforeAfterChart(network, { topic: "anc4", baseline, endline });
    const svg = chart.toSVG();
    const institutions = network.institutionsForTopic("anc4").filter((i) => network.score(i.id, "anc4", baseline) !== undefined && network.score(i.id, "anc4", endline) !== undefined);
    // Lines are drawn one group per series: one per institution, then one mean per group.
    expect(svg.split('class="mark-line role-mark layer_0_marks"').length - 1).toBe(institutions.length);
    expect(svg.split('class="mark-line role-mark layer_1_layer_0_marks"').length - 1).toBe(2);
    expect(svg.split('role-mark layer_1_layer_1_marks').length - 1).toBe(1); // the means' points
    expect(svg).toContain("chose the topic");
    expect(svg).toContain(`${network.topic("anc4")?.unit} (higher is better)`);
    // The topic's name is in the title, not in a long rotated axis title (which left blank space).
    expect(chart.toVegaLite().title).toBe("Four or more antenatal care visits: choosers and the others");
    expect(() => beforeAfterChart(network, { topic: "nope", baseline, endline })).toThrow(/^beforeAfterChart: unknown topic "nope"/);
  });

  it("mentor load: a bar segment per mentor and topic, a capacity tick per mentor, counts on the axis", () => {
    const svg = mentorLoadChart(plan).toSVG();
    const mentors = Object.keys(plan.load).filter((m) => (plan.load[m] ?? 0) > 0);
    const segments = new Set(plan.pairs.map((p) => `${p.mentor}\u0000${p.topic}`)).size;
    expect(marksOfLayer(svg, 0, "path")).toBe(segments);
    expect(marksOfLayer(svg, 1, "path")).toBe(mentors.length);
    expect(svg).toContain("Needs assigned (count)");
  });

  it("a Chart is displayable on its own", () => {
    const chart = new Chart({ data: { values: [{ a: 1 }] }, mark: "point", encoding: { x: { field: "a", type: "quantitative" } } }, "one point");
    expect(chart[JUPYTER_DISPLAY]()["text/plain"]).toBe("one point");
    expect(inspect(chart)).toBe("Chart: one point");
    expect(chart.toHTML()).toContain("<figcaption>one point</figcaption>");
  });

  it("the network round-trips through JSON after being displayed", () => {
    network[JUPYTER_DISPLAY]();
    expect(TwinningNetwork.fromJSON(JSON.stringify(network)).equals(network)).toBe(true);
  });
});
