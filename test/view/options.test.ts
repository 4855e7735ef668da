/** The options contract holds for the pictures, the report, the graph writers and the layout too. */
import { describe, expect, it } from "vitest";
import { TwinningArgumentError, assignPartners, graphPositions, loadNetwork, toGEXF, toGraphML } from "../../src/index.js";
import { beforeAfterChart, flowChart, forestPlot, mentorLoadChart, networkChart, planChart, reportHTML } from "../../src/view/index.js";
import { EXAMPLE_FOLDER } from "../helpers.js";

const network = await loadNetwork(EXAMPLE_FOLDER);
const plan = assignPartners(network);

describe("misspelled and wrong options of the view, the writers and the layout", () => {
  it.each([
    ["networkChart", () => networkChart(network, { sed: 1 } as never), "sed: unknown option of networkChart; did you mean seed?"],
    ["planChart", () => planChart(plan, { seed: 1.5 }), "seed: expected an integer seed"],
    ["flowChart", () => flowChart({} as never, { colorBy: "province" } as never), 'colorBy: expected "group", "community", got "province"'],
    ["forestPlot", () => forestPlot([], { scale: "log" } as never), 'scale: expected "raw", "hedgesG", got "log"'],
    ["beforeAfterChart", () => beforeAfterChart(network, { topic: "cbhi", baseline: "baseline", endline: "endline", titel: "x" } as never), "titel: unknown option of beforeAfterChart; did you mean title?"],
    ["mentorLoadChart", () => mentorLoadChart(plan, { titel: "x" } as never), "titel: unknown option of mentorLoadChart; did you mean title?"],
    ["reportHTML", () => reportHTML({ network, plnn: plan } as never), "plnn: unknown option of reportHTML; did you mean plan?"],
    // A Map or an invalid Date failed later with a raw TypeError or RangeError (review).
    ["reportHTML", () => reportHTML({ network, date: new Map() } as never), "date: expected a valid Date, got a Map of 0"],
    ["reportHTML", () => reportHTML({ network, date: new Date(Number.NaN) }), "date: expected a valid Date, got a Date"],
    ["toGEXF", () => toGEXF(network, { flw: null } as never), "flw: unknown option of toGEXF; did you mean flow?"],
    ["toGraphML", () => toGraphML(network, { positions: {} } as never), "positions: expected a Map of positions"],
    ["graphPositions", () => graphPositions(network, -1), "seed: expected an integer seed in [0, 2^32), got -1"],
  ])("%s names itself, the option and what was wrong", (name, call, message) => {
    expect(call).toThrow(TwinningArgumentError);
    expect(call).toThrow(`${name}: ${message}`);
  });
});
