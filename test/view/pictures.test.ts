/**
 * What a programme manager needs from the pictures (issue 16): distinct colour-blind-safe topic
 * colours (Paul Tol's schemes), provinces as shapes, whole-number count legends, labels without
 * overlap, empty states in words, and the flow backbone drawn with the full graph's figures.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FlowReport, type FlowLink, knowledgeFlow, loadNetwork, parseNetwork } from "../../src/index.js";
import { placeLabels, textWidth } from "../../src/view/labels.js";
import { TOL_DISCRETE_RAINBOW, TOL_MUTED, topicColours } from "../../src/view/palette.js";
import { type FlowBackbone, flowChart, mentorLoadChart, networkChart } from "../../src/view/pictures.js";
import { countLegendValues, topicScale } from "../../src/view/specs.js";
import { EXAMPLE_FOLDER, exampleFiles } from "../helpers.js";

const network = await loadNetwork(EXAMPLE_FOLDER);

type Layer = { name?: string; data: { values: Record<string, unknown>[] }; encoding: Record<string, Record<string, unknown>> };
const layers = (spec: Record<string, unknown>): Layer[] => spec.layer as Layer[];

describe("topic colours", () => {
  it("are Paul Tol's muted scheme up to 9 topics (his published hex values)", () => {
    expect(topicColours(9)).toEqual(["#332288", "#88ccee", "#44aa99", "#117733", "#999933", "#ddcc77", "#cc6677", "#882255", "#aa4499"]);
    expect(TOL_MUTED).toHaveLength(9);
  });

  it("stay distinct for every count from 1 to 23, drawn from Tol's 23-colour discrete rainbow above 9", () => {
    for (let n = 1; n <= 23; n++) {
      const colours = topicColours(n);
      expect(new Set(colours).size, `${n} topics`).toBe(n);
      if (n > 9) for (const colour of colours) expect(TOL_DISCRETE_RAINBOW).toContain(colour);
    }
    expect(topicColours(20)).not.toContain("#e8ecfb"); // the palest rainbow colour vanishes on white
  });

  it("give the example's 12 topics 12 different colours, and '(no topic)' grey", () => {
    const scale = topicScale([...network.topics.map((t) => t.id), "(no topic)"]);
    expect(new Set(scale.range).size).toBe(13);
    expect(scale.range[scale.domain.indexOf("(no topic)")]).toBe("#bbbbbb");
  });
});

describe("the network picture", () => {
  const spec = networkChart(network).toVegaLite();
  const [links, , nodes, labels] = layers(spec) as [Layer, Layer, Layer, Layer];

  it("colours arrows by topic and shapes nodes by province, never colouring provinces", () => {
    expect(links.encoding.color?.field).toBe("topic");
    expect(nodes.encoding.shape?.field).toBe("group");
    expect(nodes.encoding.fill).toBeUndefined();
    expect(nodes.encoding.color).toBeUndefined();
  });

  it("shows whole numbers only in a count legend (no 0.5 links or 1.5 needs)", () => {
    const legend = nodes.encoding.size?.legend as { values: number[]; format: string };
    expect(legend.format).toBe("d");
    for (const value of legend.values) expect(Number.isInteger(value)).toBe(true);
  });

  it("never cuts legend labels or titles (vega's default cuts at 160 px)", () => {
    const config = spec.config as { legend: { labelLimit: number; titleLimit: number } };
    expect(config.legend).toMatchObject({ labelLimit: 0, titleLimit: 0 });
  });

  it("puts each name on hover with its id, and labels only where they fit", () => {
    const tooltip = nodes.encoding.tooltip as unknown as { field: string }[];
    expect(tooltip.map((t) => t.field)).toEqual(expect.arrayContaining(["name", "id"]));
    expect(labels.name).toBe("node_labels");
    expect(labels.data.values.length).toBeGreaterThan(0);
    expect(labels.data.values.length).toBeLessThanOrEqual(network.institutions.length);
  });
});

describe("hover in the static SVG", () => {
  it("gives every node a <title> with its name, id, province and size (browsers show it on hover)", () => {
    const svg = networkChart(network).toSVG();
    expect((svg.match(/<title>/g) ?? []).length).toBe(network.institutions.length);
    expect(svg).toContain("<title>Kabgayi Hospital (id kabgayi-hospital); group: Southern; links (count): ");
  });
});

describe("placeLabels", () => {
  const box = (label: { label: string; px: number; py: number }) => {
    const width = textWidth(label.label, 9) + 2;
    return { left: label.px - width / 2, right: label.px + width / 2, top: label.py - 5.625, bottom: label.py + 5.625 };
  };

  it("never places two labels that overlap, and keeps them inside the picture (property)", () => {
    const node = fc.record({ label: fc.string({ minLength: 1, maxLength: 24 }), size: fc.double({ min: 0, max: 10, noNaN: true }), px: fc.double({ min: 0, max: 560, noNaN: true }), py: fc.double({ min: 0, max: 560, noNaN: true }), radius: fc.double({ min: 2, max: 15, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(node, { maxLength: 60 }), (nodes) => {
        const placed = placeLabels(nodes, { fontSize: 9, width: 560, height: 560 }).map(box);
        for (const [i, a] of placed.entries()) {
          expect(a.left).toBeGreaterThanOrEqual(0);
          expect(a.bottom).toBeLessThanOrEqual(560);
          for (const b of placed.slice(i + 1)) expect(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).toBe(false);
        }
      }),
    );
  });

  it("labels the bigger of two nodes at the same place first and moves the other's label aside", () => {
    const placed = placeLabels(
      [
        { label: "Nyanza Hospital", size: 1, px: 200, py: 200, radius: 5 },
        { label: "Kabgayi Hospital", size: 5, px: 200, py: 200, radius: 5 },
      ],
      { fontSize: 9, width: 560, height: 560 },
    );
    expect(placed.map((p) => p.label)).toEqual(["Kabgayi Hospital", "Nyanza Hospital"]);
    expect(placed[0]?.py).toBeLessThan(200); // above
    expect(placed[1]?.py).toBeGreaterThan(200); // below
  });
});

describe("countLegendValues", () => {
  it("lists whole numbers from the smallest positive count to the largest", () => {
    expect(countLegendValues([0, 1, 2, 3])).toEqual([1, 2, 3]);
    expect(countLegendValues([0, 2, 16])).toEqual([2, 6, 9, 13, 16]);
    expect(countLegendValues([0, 0])).toEqual([0]);
  });
});

describe("empty states", () => {
  const files = exampleFiles();
  const header = (text: string) => `${text.split("\n")[0]}\n`;
  const bare = parseNetwork({ ...files, "partnerships.csv": header(files["partnerships.csv"] as string), "activities.csv": header(files["activities.csv"] as string) });

  it("say 'no partnerships or contacts recorded' in words instead of an empty network with a '0.000000' legend", () => {
    const chart = networkChart(bare);
    expect(chart.description).toContain("no partnerships or contacts recorded");
    const svg = chart.toSVG();
    expect(svg).toContain("no partnerships or contacts recorded");
    expect(svg).not.toContain("links (count)");
    expect(svg).not.toMatch(/0\.0000/);
  });

  it("say 'no contacts recorded' for a flow report without contacts", () => {
    const flow = knowledgeFlow(bare);
    expect(flow.links).toHaveLength(0);
    expect(flowChart(flow).toSVG()).toContain("no contacts recorded");
  });
});

describe("the flow picture with a backbone (the shape the flow job adds)", () => {
  const flow = knowledgeFlow(network);
  const strongest = [...flow.links].sort((a, b) => b.weight - a.weight).slice(0, 45);
  const backbone: FlowBackbone = {
    alpha: 0.05,
    links: strongest.map((link: FlowLink) => ({ ...link, alpha: 0.01 })),
    graph: { edges: 45, density: 0.0288, isolates: ["gicumbi", "rulindo"], communities: 5, modularity: 0.4321 },
  };
  // A FlowReport of this branch does not declare `backbone`: the view reads it defensively.
  const withBackbone = Object.assign(Object.create(FlowReport.prototype) as FlowReport, flow, { backbone });

  it("draws the backbone's links, not the full graph's", () => {
    const [links] = layers(flowChart(withBackbone).toVegaLite()) as [Layer];
    expect(links.data.values).toHaveLength(45);
  });

  it("gives the full graph's figures beside it, and the backbone's", () => {
    const chart = flowChart(withBackbone);
    expect(chart.description).toContain("Backbone: the 45 contacts significant at alpha = 0.050 (disparity filter) of 1,560");
    expect(chart.description).toContain("2 institution(s) left without a backbone contact");
    expect(chart.description).toContain(`Full graph: 40 institutions, 1,560 contacts, density ${"1"}, ${flow.graph.communities} communities`);
    expect(chart.toVegaLite().title).toBe("Knowledge-flow backbone");
  });

  it("an empty backbone says that no contact is significant, not that none was recorded (new-user trial: 15 equal contacts)", () => {
    const empty = Object.assign(Object.create(FlowReport.prototype) as FlowReport, flow, { backbone: { ...backbone, links: [] } });
    const chart = flowChart(empty);
    expect(chart.description).toContain("none of the 1,560 contacts is significant at alpha = 0.050 (disparity filter)");
    expect(chart.description).not.toContain("no contacts recorded");
  });
});

describe("mentor load", () => {
  it("says in words that no pairs were planned instead of drawing empty bars", async () => {
    const { assignPartners } = await import("../../src/index.js");
    const plan = assignPartners(network);
    const none = Object.assign(Object.create(Object.getPrototypeOf(plan)), plan, { pairs: [] });
    expect(mentorLoadChart(none).toSVG()).toContain("no pairs planned");
  });
});
