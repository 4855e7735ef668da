/**
 * twinning-network/view: the pictures (Vega-Lite specifications rendered to SVG by vega, in
 * process) and the HTML report. Loading this entry once registers the pictures with the display
 * protocol of the core (core/display.ts): from then on networks, plans, flow reports and effect
 * estimates show their pictures in notebooks, `toHTML()` and `toSVG()`. The core entry stays
 * free of vega (about 1.7 MB), so programs that never draw never load it.
 * @module twinning-network/view
 */
import { registerPictures, type PictureKind } from "../core/display.js";
import type { EffectEstimate } from "../effects/EffectEstimate.js";
import type { FlowReport } from "../flow/FlowReport.js";
import type { TwinningNetwork } from "../model/network.js";
import type { TwinningPlan } from "../plan/TwinningPlan.js";
import type { Chart } from "./Chart.js";
import { estimatesChart, flowChart, networkChart, planChart } from "./pictures.js";

function drawResult(kind: PictureKind, result: unknown): Chart {
  switch (kind) {
    case "network":
      return networkChart(result as TwinningNetwork);
    case "plan":
      return planChart(result as TwinningPlan);
    case "flow":
      return flowChart(result as FlowReport);
    case "estimates":
      return estimatesChart(result as readonly EffectEstimate[]);
  }
}

registerPictures(drawResult);

export { Chart } from "./Chart.js";
/**
 * The forest plot of one or many estimates, titled for one topic or for each.
 * @example
 * estimatesChart(selectionEffects(network, { baseline: "baseline", endline: "endline" }).estimates).toSVG()
 */
export { estimatesChart } from "./pictures.js";
export {
  DEFAULT_NETWORK_CHART_OPTIONS,
  beforeAfterChart,
  flowChart,
  forestPlot,
  mentorLoadChart,
  networkChart,
  planChart,
  type BeforeAfterOptions,
  type FlowSizeMetric,
  type NetworkChartOptions,
} from "./pictures.js";
export { renderSVG, type VegaLiteSpec } from "./vega.js";
export { REPORT_LIBRARY_VERSION, reportHTML, type ReportParts } from "./report.js";
