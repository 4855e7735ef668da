/**
 * Text, HTML and pictures of each result (network, plan, flow report, effect estimates): what
 * their display methods return. Every table states its units; long tables say how many rows
 * they leave out.
 */
import type { EffectEstimate } from "../effects/EffectEstimate.js";
import type { FlowReport, FlowRow } from "../flow/FlowReport.js";
import type { TwinningNetwork } from "../model/network.js";
import type { TwinningPlan } from "../plan/TwinningPlan.js";
import type { Chart } from "./Chart.js";
import { type Column, type MimeBundle, csvField, escapeHTML, formatNumber, htmlFigures, htmlTable, mimeBundle, textTable } from "./display.js";
import { flowChart, forestPlot, networkChart, planChart } from "./pictures.js";
import type { VegaLiteSpec } from "./vega.js";

const counts = (values: readonly string[]): string =>
  [...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>())]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([value, n]) => `${n} ${value}`)
    .join(", ");

// ---- network

export function networkText(network: TwinningNetwork): string {
  return [
    `TwinningNetwork: ${network.institutions.length} institutions (${counts(network.institutions.map((i) => i.kind))})`,
    `  provinces: ${network.groups.join(", ") || "none"}`,
    `  topics: ${network.topics.length}; periods: ${network.periodIds.join(", ")}`,
    `  ${network.scores.length} scores, ${network.interests.length} chosen topics, ${network.partnerships.length} partnerships, ${network.activities.length} activities`,
  ].join("\n");
}

export function networkHTML(network: TwinningNetwork, chart: Chart = networkChart(network)): string {
  const topics: Column<TwinningNetwork["topics"][number]>[] = [
    { label: "topic", value: (t) => t.id },
    { label: "name", value: (t) => t.name ?? "" },
    { label: "unit", value: (t) => t.unit ?? "score" },
    { label: "direction", value: (t) => (t.higherIsBetter ? "higher is better" : "lower is better") },
    { label: "chosen by", value: (t) => network.choosers(t.id).length },
  ];
  return [
    `<div class="twinning-network"><h3>Twinning network</h3>`,
    htmlFigures([
      ["institutions", network.institutions.length],
      ["kinds", counts(network.institutions.map((i) => i.kind))],
      ["provinces", network.groups.join(", ")],
      ["periods", network.periodIds.join(", ")],
      ["scores", network.scores.length],
      ["partnerships", network.partnerships.length],
      ["activities", network.activities.length],
    ]),
    htmlTable(topics, network.topics, { caption: "Topics" }),
    chart.toHTML(),
    `</div>`,
  ].join("");
}

export const networkSVG = (network: TwinningNetwork): string => networkChart(network).toSVG();

/** The MIME bundle: the picture is laid out and rendered once for both the HTML and the SVG. */
export function networkDisplay(network: TwinningNetwork): MimeBundle {
  const chart = networkChart(network);
  return mimeBundle(networkText(network), networkHTML(network, chart), chart.toSVG());
}
export const networkVegaLite = (network: TwinningNetwork): VegaLiteSpec => networkChart(network).toVegaLite();

// ---- plan

type PlanPair = TwinningPlan["pairs"][number];
const PAIR_COLUMNS: Column<PlanPair>[] = [
  { label: "mentee", value: (p) => p.mentee },
  { label: "topic", value: (p) => p.topic },
  { label: "mentor", value: (p) => p.mentor },
  { label: "role", value: (p) => p.role },
  { label: "gap (topic unit)", value: (p) => p.gap, digits: 1 },
  { label: "cost", value: (p) => p.cost, digits: 3 },
];

export function planText(plan: TwinningPlan): string {
  const needs = plan.covered + plan.uncovered.length;
  return [
    `TwinningPlan: ${plan.covered} of ${needs} needs covered, ${plan.uncovered.length} uncovered, ${plan.shortfalls.length} shortfall(s); objective ${formatNumber(plan.objective)}${plan.optimal ? " (optimal)" : " (heuristic)"}`,
    textTable(PAIR_COLUMNS, plan.pairs, 10),
  ].join("\n");
}

export function planHTML(plan: TwinningPlan, chart: Chart = planChart(plan)): string {
  const needs = plan.covered + plan.uncovered.length;
  const uncovered: Column<TwinningPlan["uncovered"][number]>[] = [
    { label: "institution", value: (n) => n.institution },
    { label: "topic", value: (n) => n.topic },
    { label: "why", value: (n) => n.reason },
  ];
  return [
    `<div class="twinning-plan"><h3>Partner plan</h3>`,
    htmlFigures([
      ["needs covered", `${plan.covered} of ${needs}`],
      ["uncovered", plan.uncovered.length],
      ["shortfalls", plan.shortfalls.length],
      ["objective (total cost)", plan.objective],
      ["optimal", plan.optimal ? "yes" : "no (heuristic option)"],
    ]),
    chart.toHTML(),
    htmlTable(PAIR_COLUMNS, plan.pairs, { caption: "Pairs (mentor -> mentee)", limit: 50 }),
    plan.uncovered.length > 0 ? htmlTable(uncovered, plan.uncovered, { caption: "Uncovered needs and why" }) : "",
    plan.notes.length > 0 ? `<ul>${plan.notes.map((n) => `<li>${escapeHTML(n)}</li>`).join("")}</ul>` : "",
    `</div>`,
  ].join("");
}

export const planSVG = (plan: TwinningPlan): string => planChart(plan).toSVG();

/** The MIME bundle, with one rendering of the picture. */
export function planDisplay(plan: TwinningPlan): MimeBundle {
  const chart = planChart(plan);
  return mimeBundle(planText(plan), planHTML(plan, chart), chart.toSVG());
}
export const planVegaLite = (plan: TwinningPlan): VegaLiteSpec => planChart(plan).toVegaLite();

// ---- flow

const FLOW_TOP: Column<FlowRow>[] = [
  { label: "institution", value: (r) => r.id },
  { label: "province", value: (r) => r.group ?? "" },
  { label: "out-strength (teaching)", value: (r) => r.outStrength, digits: 2 },
  { label: "in-strength (learning)", value: (r) => r.inStrength, digits: 2 },
  { label: "betweenness", value: (r) => r.betweenness, digits: 4 },
  { label: "pagerank", value: (r) => r.pagerank, digits: 4 },
  { label: "constraint", value: (r) => r.constraint, digits: 3 },
  { label: "community", value: (r) => r.community },
];

function flowFigures(report: FlowReport): [string, unknown][] {
  const g = report.graph;
  return [
    ["institutions", g.nodes],
    ["contacts (directed edges)", g.edges],
    ["density", g.density],
    ["reciprocity", g.reciprocity],
    ["weak / strong components", `${g.weakComponents} / ${g.strongComponents}`],
    ["isolated", g.isolates.length > 0 ? g.isolates.join(", ") : "none"],
    ["communities (Louvain)", g.communities],
    ["modularity", g.modularity],
    ["average distance (1 / strength)", g.averageDistance],
    ["weights", g.weight],
  ];
}

export function flowText(report: FlowReport): string {
  return [
    `FlowReport: ${report.graph.nodes} institutions, ${report.graph.edges} contacts, ${report.graph.communities} communities (modularity ${formatNumber(report.graph.modularity)}), isolated: ${report.graph.isolates.join(", ") || "none"}`,
    "Top teachers (HITS hub):",
    textTable(FLOW_TOP, report.top("hub", 5)),
  ].join("\n");
}

export function flowHTML(report: FlowReport, chart: Chart = flowChart(report)): string {
  return [
    `<div class="twinning-flow"><h3>Knowledge flow${report.graph.topic !== undefined ? `: ${escapeHTML(report.graph.topic)}` : ""}</h3>`,
    htmlFigures(flowFigures(report)),
    chart.toHTML(),
    htmlTable(FLOW_TOP, report.top("hub", 10), { caption: "Teachers (highest HITS hub)" }),
    htmlTable(FLOW_TOP, report.top("authority", 10), { caption: "Learners (highest HITS authority)" }),
    htmlTable(FLOW_TOP, report.top("betweenness", 10), { caption: "Brokers (highest betweenness)" }),
    report.warnings.length > 0 ? `<ul>${report.warnings.map((w) => `<li>${escapeHTML(w)}</li>`).join("")}</ul>` : "",
    `</div>`,
  ].join("");
}

export const flowSVG = (report: FlowReport): string => flowChart(report).toSVG();

/** The MIME bundle, with one rendering of the picture. */
export function flowDisplay(report: FlowReport): MimeBundle {
  const chart = flowChart(report);
  return mimeBundle(flowText(report), flowHTML(report, chart), chart.toSVG());
}
export const flowVegaLite = (report: FlowReport): VegaLiteSpec => flowChart(report).toVegaLite();

// ---- effects

const ESTIMATE_COLUMNS: Column<EffectEstimate>[] = [
  { label: "topic", value: (e) => e.label },
  { label: "difference in change", value: (e) => e.estimate, digits: 2 },
  { label: "unit", value: (e) => e.unit },
  { label: "CI low", value: (e) => e.ci[0], digits: 2 },
  { label: "CI high", value: (e) => e.ci[1], digits: 2 },
  { label: "p (Welch)", value: (e) => e.pValue, digits: 3 },
  { label: "p adjusted", value: (e) => e.adjustedPValue, digits: 3 },
  { label: "Hedges g", value: (e) => e.hedgesG.estimate, digits: 2 },
  { label: "n chose / other", value: (e) => `${e.n.treated} / ${e.n.control}` },
];

export function estimatesChart(estimates: readonly EffectEstimate[]): Chart {
  return forestPlot(estimates, { title: estimates.length === 1 ? `Effect of choosing ${estimates[0]?.label}` : "Effect of choosing each topic" });
}

export function estimatesText(estimates: readonly EffectEstimate[], skipped: readonly { topic: string; reason: string }[]): string {
  return [
    `EffectEstimates: ${estimates.length} topic(s)${skipped.length > 0 ? `, ${skipped.length} skipped` : ""}`,
    textTable(ESTIMATE_COLUMNS, estimates),
    ...skipped.map((s) => `  skipped ${s.topic}: ${s.reason}`),
  ].join("\n");
}

export function estimatesHTML(
  estimates: readonly EffectEstimate[],
  skipped: readonly { topic: string; reason: string }[],
  chart: Chart | undefined = estimates.length > 0 ? estimatesChart(estimates) : undefined,
): string {
  const warnings = estimates.flatMap((e) => e.warnings.map((w) => `${e.label}: ${w}`));
  return [
    `<div class="twinning-effects"><h3>Effect estimates</h3>`,
    estimates.length === 1 ? `<p>${escapeHTML(`${estimates[0]?.label}: ${estimates[0]?.toString()}`)}</p>` : "",
    htmlTable(ESTIMATE_COLUMNS, estimates, { caption: "Difference in mean change, choosers minus the others (improvement > 0)" }),
    chart?.toHTML() ?? "",
    skipped.length > 0 ? `<ul>${skipped.map((s) => `<li>skipped ${escapeHTML(s.topic)}: ${escapeHTML(s.reason)}</li>`).join("")}</ul>` : "",
    warnings.length > 0 ? `<ul>${warnings.map((w) => `<li>${escapeHTML(w)}</li>`).join("")}</ul>` : "",
    `</div>`,
  ].join("");
}

/** The MIME bundle of one or many estimates, with one rendering of the forest plot (none without estimates). */
export function estimatesDisplay(estimates: readonly EffectEstimate[], skipped: readonly { topic: string; reason: string }[], text: string): MimeBundle {
  const chart = estimates.length > 0 ? estimatesChart(estimates) : undefined;
  return mimeBundle(text, estimatesHTML(estimates, skipped, chart), chart?.toSVG());
}

/** One row per estimate; the unit column says pp (percentage points) or the indicator's unit. */
export function estimatesCSV(estimates: readonly EffectEstimate[]): string {
  const header = ["topic", "estimate", "unit", "direction", "ci_low", "ci_high", "confidence", "method", "statistic", "df", "p_value", "p_adjusted", "adjustment", "hedges_g", "g_ci_low", "g_ci_high", "cliffs_delta", "permutation_p", "n_treated", "n_control", "warnings"];
  const rows = estimates.map((e) =>
    [e.label, e.estimate, e.unit, e.direction, e.ci[0], e.ci[1], e.confidence, e.method, e.statistic, e.df, e.pValue, e.adjustedPValue, e.adjustment, e.hedgesG.estimate, e.hedgesG.ci[0], e.hedgesG.ci[1], e.cliffsDelta.estimate, e.permutation.pValue, e.n.treated, e.n.control, e.warnings.join("; ")]
      .map(csvField)
      .join(","),
  );
  return `${[header.join(","), ...rows].join("\n")}\n`;
}
