/**
 * The pictures of the three jobs, as Charts: the partnership network (of a network, a plan or a
 * flow report), a forest plot of effect estimates, a before/after chart for one topic, and
 * mentor load. Type-only imports: view depends on the result types, never the other way round.
 */
import { TwinningArgumentError } from "../core/errors.js";
import type { EffectEstimate } from "../effects/EffectEstimate.js";
import { asList, averageScore, comparedTopic, PERIOD_CHOICE_RULE, type PeriodChoice } from "../effects/selectionEffect.js";
import type { FlowLink, FlowReport, FlowRow } from "../flow/FlowReport.js";
import type { TwinningNetwork } from "../model/network.js";
import type { TwinningPlan } from "../plan/TwinningPlan.js";
import { type OptionRule, checkOptions } from "../core/options.js";
import { Chart } from "./Chart.js";
import { formatNumber, formatP } from "../core/display.js";
import { seededLayout } from "../flow/layout.js";
import { NO_TOPIC, type PictureLink, beforeAfterSpec, emptyPictureSpec, forestSpec, mentorLoadSpec, networkPictureSpec } from "./specs.js";

/** Flow metrics that can size the nodes of a picture. */
export type FlowSizeMetric = "pagerank" | "betweenness" | "closeness" | "harmonic" | "inStrength" | "outStrength" | "hub" | "authority" | "eigenvector" | "coreness" | "effectiveSize" | "reach";

/** Options of networkChart. */
export interface NetworkChartOptions {
  /** Draw this plan's pairs instead of the network's partnerships. */
  plan?: TwinningPlan;
  /** Size nodes by a metric of this report (default: contacts in the peer graph). */
  flow?: FlowReport;
  /** Metric of `flow` that sizes the nodes (default "pagerank"). */
  sizeBy?: FlowSizeMetric;
  /** Seed of the layout (default 0): the same data and seed give the same picture. */
  seed?: number;
  title?: string;
}

/**
 * Defaults of NetworkChartOptions.
 * @example
 * networkChart(network, { ...DEFAULT_NETWORK_CHART_OPTIONS, seed: 7 })
 */
export const DEFAULT_NETWORK_CHART_OPTIONS = Object.freeze({ sizeBy: "pagerank" as FlowSizeMetric, seed: 0 });


// Every picture's options are checked as a whole before any drawing (core/options.ts).
const FLOW_SIZE_METRICS = ["pagerank", "betweenness", "closeness", "harmonic", "inStrength", "outStrength", "hub", "authority", "eigenvector", "coreness", "effectiveSize", "reach"] as const;
const TITLE: OptionRule = { type: "string" };
const SEED: OptionRule = { type: "seed" };
const SIZE_BY: OptionRule = { type: "enum", values: FLOW_SIZE_METRICS };
const NETWORK_CHART_SCHEMA = { plan: { type: "object" }, flow: { type: "object" }, sizeBy: SIZE_BY, seed: SEED, title: TITLE } as const satisfies Record<string, OptionRule>;
const PLAN_CHART_SCHEMA = { seed: SEED, title: TITLE } as const satisfies Record<string, OptionRule>;
const FLOW_CHART_SCHEMA = { sizeBy: SIZE_BY, colorBy: { type: "enum", values: ["group", "community"] }, seed: SEED, title: TITLE } as const satisfies Record<string, OptionRule>;
const FOREST_SCHEMA = { title: TITLE, scale: { type: "enum", values: ["raw", "hedgesG"] }, labelOf: { type: "function" } } as const satisfies Record<string, OptionRule>;
const BEFORE_AFTER_SCHEMA = { topic: { type: "string" }, baseline: PERIOD_CHOICE_RULE, endline: PERIOD_CHOICE_RULE, title: TITLE } as const satisfies Record<string, OptionRule>;
const LOAD_SCHEMA = { title: TITLE } as const satisfies Record<string, OptionRule>;

const shortLabel = (text: string): string => (text.length > 22 ? `${text.slice(0, 21)}…` : text);

const MAX_ARROWHEADS = 400;

interface NodeInfo {
  id: string;
  name?: string;
  label: string;
  group: string;
}

/** Metrics that count things: their legends show whole numbers only. */
const COUNT_METRICS: ReadonlySet<string> = new Set(["links (count)", "mentor load (needs)", "coreness", "inDegree", "outDegree"]);

interface PictureText {
  title: string;
  /** What nodes' shapes stand for. */
  colorTitle: string;
  /** Said when there is nothing to draw. */
  empty: string;
  /** Added to the description, e.g. the full graph's figures beside a backbone. */
  note?: string;
}

function picture(nodes: NodeInfo[], links: PictureLink[], size: (id: string) => number, sizeTitle: string, text: PictureText, seed: number): Chart {
  const { title, colorTitle } = text;
  if (links.length === 0) return new Chart(emptyPictureSpec(title, text.empty), `${title}: ${text.empty}.`);
  const positions = seededLayout(
    nodes.map((node) => ({ id: node.id, group: node.group })),
    links.map((link) => ({ source: link.source, target: link.target })),
    seed,
  );
  const placed = nodes.map((node) => ({ ...node, name: node.name ?? node.id, size: size(node.id), ...(positions.get(node.id) as { x: number; y: number }) }));
  const roles = new Set(links.map((link) => link.role)).size > 1;
  const topics = new Set(links.map((link) => link.topic)).size;
  // Beyond a few hundred links arrowheads are clutter (and most of the SVG's weight).
  const arrowheads = links.length <= MAX_ARROWHEADS;
  const direction = arrowheads ? "arrows point from mentor to mentee" : `directions not drawn (more than ${MAX_ARROWHEADS} links; see the table)`;
  const description = `${title}: ${nodes.length} institutions, ${links.length} mentor-to-mentee links on ${topics} topic(s); ${direction}, colour = topic, node shape = ${colorTitle.toLowerCase()}, node size = ${sizeTitle}. Labels that would overlap are left out: hover over a node for its name and id.${text.note === undefined ? "" : ` ${text.note}`}`;
  return new Chart(networkPictureSpec(placed, links, { title, sizeTitle, sizeIsCount: COUNT_METRICS.has(sizeTitle), colorTitle, linkTitle: "Topic (arrow colour)", roles, arrowheads }), description);
}

/**
 * The partnership network: mentor -> mentee arrows coloured by topic, nodes coloured by province
 * (group) and sized by a metric, on a seeded layout.
 * @example networkChart(network, { flow: knowledgeFlow(network), sizeBy: "betweenness" }).toSVG()
 */
export function networkChart(network: TwinningNetwork, options: NetworkChartOptions = {}): Chart {
  checkOptions("networkChart", options, NETWORK_CHART_SCHEMA);
  const o = { ...DEFAULT_NETWORK_CHART_OPTIONS, ...options };
  const nodes = network.institutions.map((institution) => ({ id: institution.id, name: institution.name ?? institution.id, label: shortLabel(institution.name ?? institution.id), group: institution.group ?? institution.kind }));
  let links: PictureLink[];
  if (options.plan !== undefined) {
    links = options.plan.pairs.map((pair) => ({ source: pair.mentor, target: pair.mentee, topic: pair.topic, role: pair.role }));
  } else if (network.partnerships.length > 0) {
    links = network.partnerships.map((p) => ({ source: p.mentor, target: p.mentee, topic: p.topic ?? NO_TOPIC, role: "partnership" }));
  } else {
    links = network.peers.mapEdges((_edge, attributes, _source, _target, sourceAttributes, targetAttributes) => ({
      source: sourceAttributes.id,
      target: targetAttributes.id,
      topic: attributes.topics[0] ?? NO_TOPIC,
      role: "contact",
    }));
  }
  const { size, sizeTitle } = sizing(links, options.flow, o.sizeBy);
  const title = options.title ?? (options.plan !== undefined ? "Planned partnerships" : "Partnership network");
  return picture(nodes, links, size, sizeTitle, { title, colorTitle: "Group", empty: options.plan !== undefined ? "no pairs planned" : "no partnerships or contacts recorded" }, o.seed);
}

function sizing(links: readonly PictureLink[], flow: FlowReport | undefined, sizeBy: FlowSizeMetric): { size: (id: string) => number; sizeTitle: string } {
  if (flow !== undefined) {
    const rows = new Map(flow.nodes.map((row) => [row.id, row]));
    return { size: (id) => Number((rows.get(id) as FlowRow | undefined)?.[sizeBy] ?? 0), sizeTitle: sizeBy };
  }
  const counts = new Map<string, number>();
  for (const link of links) for (const id of [link.source, link.target]) counts.set(id, (counts.get(id) ?? 0) + 1);
  return { size: (id) => counts.get(id) ?? 0, sizeTitle: "links (count)" };
}

/**
 * A plan's pairs as a network picture (mentor -> mentee, dashed backups), nodes sized by mentor
 * load. Provinces show when the plan carries its institutions (plans from assignPartners do).
 * @example planChart(assignPartners(network)).toSVG()
 */
export function planChart(plan: TwinningPlan, options: { seed?: number; title?: string } = {}): Chart {
  checkOptions("planChart", options, PLAN_CHART_SCHEMA);
  const links = plan.pairs.map((pair) => ({ source: pair.mentor, target: pair.mentee, topic: pair.topic, role: pair.role }));
  const nodes: NodeInfo[] =
    plan.institutions !== undefined
      ? plan.institutions.map((i) => ({ id: i.id, name: i.name ?? i.id, label: shortLabel(i.name ?? i.id), group: i.group ?? i.kind }))
      : [...new Set(links.flatMap((link) => [link.source, link.target]))].sort().map((id) => ({ id, label: shortLabel(id), group: "institution" }));
  return picture(nodes, links, (id) => (Object.hasOwn(plan.load, id) ? (plan.load[id] as number) : 0), "mentor load (needs)", { title: options.title ?? "Planned partnerships", colorTitle: "Group", empty: "no pairs planned" }, options.seed ?? 0);
}

/** The backbone a flow report may carry (the flow job adds it; read defensively here). */
export interface FlowBackbone {
  /** Significance level of the disparity filter. */
  alpha: number;
  links: (FlowLink & { alpha: number })[];
  graph: { edges: number; density: number; isolates: string[]; communities: number; modularity: number };
}

/** Beyond this many contacts without a backbone, only the strongest are drawn. */
export const MAX_FLOW_LINKS = 300;

/**
 * A flow report's contacts, nodes sized by a metric and shaped by province (or community). When
 * the report carries a backbone, the backbone is drawn and the full graph's figures are given
 * beside it; without one, at most the 300 strongest contacts are drawn, and the caption says so.
 * @example flowChart(report, { sizeBy: "betweenness" }).toSVG()
 */
export function flowChart(report: FlowReport, options: { sizeBy?: FlowSizeMetric; colorBy?: "group" | "community"; seed?: number; title?: string } = {}): Chart {
  checkOptions("flowChart", options, FLOW_CHART_SCHEMA);
  const sizeBy = options.sizeBy ?? "pagerank";
  const colorBy = options.colorBy ?? "group";
  const nodes = report.nodes.map((row) => ({
    id: row.id,
    name: row.name ?? row.id,
    label: shortLabel(row.name ?? row.id),
    group: colorBy === "community" ? `community ${row.community}` : (row.group ?? row.kind ?? "institution"),
  }));
  const backbone = (report as FlowReport & { backbone?: FlowBackbone }).backbone;
  const full = `Full graph: ${report.graph.nodes} institutions, ${formatCount(report.links.length)} contacts, density ${formatNumber(report.graph.density, 2)}, ${report.graph.communities} communities (modularity ${formatNumber(report.graph.modularity, 2)}).`;
  let drawn: readonly FlowLink[] = report.links;
  let note: string | undefined;
  let what = "Knowledge flow";
  if (backbone !== undefined && Array.isArray(backbone.links)) {
    drawn = backbone.links;
    what = "Knowledge-flow backbone";
    note = `Backbone: the ${formatCount(backbone.links.length)} contacts significant at alpha = ${formatNumber(backbone.alpha, 3)} (disparity filter) of ${formatCount(report.links.length)}; backbone density ${formatNumber(backbone.graph.density, 2)}, ${backbone.graph.communities} communities (modularity ${formatNumber(backbone.graph.modularity, 2)}), ${backbone.graph.isolates.length} institution(s) left without a backbone contact. ${full}`;
  } else if (report.links.length > MAX_FLOW_LINKS) {
    drawn = [...report.links].sort((a, b) => b.weight - a.weight || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0)).slice(0, MAX_FLOW_LINKS);
    note = `Only the ${MAX_FLOW_LINKS} strongest of ${formatCount(report.links.length)} contacts are drawn. ${full}`;
  }
  const links = drawn.map((link) => ({ source: link.source, target: link.target, topic: link.topics[0] ?? NO_TOPIC, role: "contact", weight: link.weight }));
  const rows = new Map(report.nodes.map((row) => [row.id, row]));
  const title = options.title ?? (report.graph.topic !== undefined ? `${what}: ${report.graph.topic}` : what);
  const text = { title, colorTitle: colorBy === "community" ? "Community" : "Group", empty: drawn.length < report.links.length ? `none of the ${formatCount(report.links.length)} contacts is significant at alpha = ${formatNumber(backbone?.alpha ?? 0, 3)} (disparity filter)` : "no contacts recorded", ...(note === undefined ? {} : { note }) };
  return picture(nodes, links, (id) => Number(rows.get(id)?.[sizeBy] ?? 0), sizeBy, text, options.seed ?? 0);
}

/** A count with thousands separators: 1,560. */
const formatCount = (value: number): string => value.toLocaleString("en-US");

/**
 * Forest plot: one row per estimate (per topic), the difference in change with its interval.
 * @example forestPlot(selectionEffects(network, { baseline: "2021-H1", endline: "2023-H2" }).estimates)
 */
export function forestPlot(estimates: readonly EffectEstimate[], options: { title?: string; scale?: "raw" | "hedgesG"; /** A row's label from its topic id, e.g. the topic's name. */ labelOf?: (topic: string) => string } = {}): Chart {
  checkOptions("forestPlot", options, FOREST_SCHEMA);
  if (estimates.length === 0) throw new TwinningArgumentError("forestPlot", "expected at least one estimate, got none");
  const units = [...new Set(estimates.map((e) => e.unit))];
  // Differences in different units (pp, days, score) cannot share an axis: fall back to Hedges' g.
  const scale = options.scale ?? (units.length === 1 ? "raw" : "hedgesG");
  const confidence = [...new Set(estimates.map((e) => e.confidence))];
  const rows = estimates.map((e) => ({
    label: options.labelOf?.(e.label) ?? e.label,
    estimate: scale === "raw" ? e.estimate : e.hedgesG.estimate,
    lo: scale === "raw" ? e.ci[0] : e.hedgesG.ci[0],
    hi: scale === "raw" ? e.ci[1] : e.hedgesG.ci[1],
    note: e.adjustedPValue !== undefined ? `${formatP(e.adjustedPValue)} (${e.adjustment === "bh" ? "BH" : "Holm"})` : formatP(e.pValue),
  }));
  const level = confidence.length === 1 ? `${Math.round((confidence[0] as number) * 1000) / 10}% CI` : "CI";
  const what = scale === "raw" ? `difference in change, choosers minus others (${units.join(", ")})` : "Hedges' g of the difference in change (SD units, pooled SD of the changes)";
  const xTitle = `${what}; ${level}; > 0 = improvement`;
  const unit = scale === "raw" ? ` ${units.join(", ")}` : " g";
  const description = `Forest plot of ${estimates.length} estimate(s): ${rows.map((r) => `${r.label} ${formatNumber(r.estimate, 2)} [${formatNumber(r.lo, 2)}, ${formatNumber(r.hi, 2)}]${unit}`).join("; ")}.`;
  return new Chart(forestSpec(rows, options.title ?? "Effect of choosing a topic", xTitle.charAt(0).toUpperCase() + xTitle.slice(1)), description);
}

/** Options of beforeAfterChart. */
export interface BeforeAfterOptions {
  topic: string;
  /** A period, or several averaged per institution (as selectionEffect averages them). */
  baseline: PeriodChoice;
  endline: PeriodChoice;
  title?: string;
}

/**
 * Choosers versus non-choosers of a topic, baseline to endline: each institution faint, each
 * group's mean bold, in the indicator's own unit and direction (not sign-flipped).
 * @example beforeAfterChart(network, { topic: "maternal-death-audit", baseline: "2021-H1", endline: "2023-H2" })
 */
export function beforeAfterChart(network: TwinningNetwork, options: BeforeAfterOptions): Chart {
  checkOptions("beforeAfterChart", options, BEFORE_AFTER_SCHEMA);
  const name = "beforeAfterChart";
  const topic = comparedTopic(network, name, options);
  const [baseline, endline] = [asList(options.baseline), asList(options.endline)];
  const [before, after] = [baseline.join(" + "), endline.join(" + ")];
  const rows = network.institutionsForTopic(topic.id).flatMap((institution) => {
    const first = averageScore(network, institution.id, topic.id, baseline);
    const last = averageScore(network, institution.id, topic.id, endline);
    if (first === undefined || last === undefined) return [];
    const group = network.hasChosen(institution.id, topic.id) ? "chose the topic" : "did not choose it";
    return [
      { institution: institution.id, group, period: before, value: first },
      { institution: institution.id, group, period: after, value: last },
    ];
  });
  if (rows.length === 0) throw new TwinningArgumentError(name, `topic ${topic.id} has no institution with both ${before} and ${after} scores`);
  const unit = topic.unit ?? "score";
  // The topic's name is in the chart's title; the axis says only the unit and direction. A long
  // rotated axis title is what left 100-150 px of blank space above the plot: without a canvas,
  // vega estimates text wider than a browser draws it and reserves the overhang.
  const yTitle = `${unit} (${topic.higherIsBetter ? "higher" : "lower"} is better)`;
  const description = `Before/after chart of ${topic.name ?? topic.id} (${unit}, ${topic.higherIsBetter ? "higher" : "lower"} is better): ${rows.length / 2} institutions from ${before} to ${after}, choosers versus the others.`;
  return new Chart(beforeAfterSpec(rows, [before, after], options.title ?? `${topic.name ?? topic.id}: choosers and the others`, yTitle), description);
}

/**
 * Needs per mentor, stacked by topic, against each mentor's capacity.
 * @example mentorLoadChart(assignPartners(network)).toSVG()
 */
export function mentorLoadChart(plan: TwinningPlan, options: { title?: string } = {}): Chart {
  checkOptions("mentorLoadChart", options, LOAD_SCHEMA);
  const counts = new Map<string, number>();
  for (const pair of plan.pairs) {
    const key = JSON.stringify([pair.mentor, pair.topic]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...counts].map(([key, needs]) => {
    const [mentor, topic] = JSON.parse(key) as [string, string];
    return { mentor, topic, needs };
  });
  const mentors = [...new Set([...Object.keys(plan.capacity), ...rows.map((row) => row.mentor)])].filter((m) => (plan.load[m] ?? 0) > 0);
  // Mentors by name when the plan carries its institutions and their names tell them apart.
  const names = new Map((plan.institutions ?? []).map((i) => [i.id, i.name ?? i.id]));
  const unique = new Set(mentors.map((m) => names.get(m) ?? m)).size === mentors.length;
  const shown = (id: string): string => (unique ? (names.get(id) ?? id) : id);
  for (const row of rows) row.mentor = shown(row.mentor);
  const capacity = mentors.map((mentor) => ({ mentor: shown(mentor), capacity: plan.capacity[mentor] ?? 0 }));
  if (plan.pairs.length === 0) return new Chart(emptyPictureSpec(options.title ?? "Mentor load", "no pairs planned, so no mentor carries any need"), "Mentor load: no pairs planned.");
  const description = `Mentor load: ${mentors.length} mentors carry ${plan.pairs.length} pairs; bars = needs assigned by topic, ticks = capacity.`;
  return new Chart(mentorLoadSpec(rows, capacity, options.title ?? "Mentor load"), description);
}

/** The forest plot of one or many estimates, titled for one topic or for each. */
export function estimatesChart(estimates: readonly EffectEstimate[], labelOf: (topic: string) => string = (topic) => topic): Chart {
  return forestPlot(estimates, { title: estimates.length === 1 ? `Effect of choosing ${labelOf(estimates[0]?.label as string)}` : "Effect of choosing each topic", labelOf });
}
