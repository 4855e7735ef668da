/** The result of knowledgeFlow: one row per institution, network figures, top-k and CSV. */
import { deepFreeze } from "../core/freeze.js";
import { type CsvOptions, csvText } from "../core/csv.js";
import { type Column, escapeHTML, formatNumber, htmlFigures, htmlTable, INSPECT, JUPYTER_DISPLAY, type MimeBundle, mimeBundle, type Picture, pictureOf, requirePicture, textTable } from "../core/display.js";

import { TwinningArgumentError } from "../core/errors.js";
import { ascending } from "../core/typedArrays.js";

/** One contact of the flow graph: mentor (source) -> mentee (target), strength, topics. */
export interface FlowLink {
  source: string;
  target: string;
  /** Contact intensity (a strength). */
  weight: number;
  topics: string[];
}

/** One institution's knowledge-flow metrics (weights are strengths; path metrics use 1 / weight). */
export interface FlowRow {
  id: string;
  name?: string;
  kind?: string;
  group?: string;
  inDegree: number;
  outDegree: number;
  /** Contact received (sum of incoming strengths): learning. */
  inStrength: number;
  /** Contact given (sum of outgoing strengths): teaching. */
  outStrength: number;
  /** Share of shortest paths (distance = 1 / strength) through the node; NetworkX normalisation. */
  betweenness: number;
  /** NetworkX closeness: incoming distances, Wasserman-Faust corrected. */
  closeness: number;
  /** Sum of 1 / distance from every other node. */
  harmonic: number;
  pagerank: number;
  personalizedPagerank?: number;
  /** Null when the power iteration has no dominant eigenvalue. */
  eigenvector: number | null;
  /** HITS hub score: teaches those who learn from many. */
  hub: number | null;
  /** HITS authority score: learns from those who teach many. */
  authority: number | null;
  /** Burt's constraint: low = brokerage opportunities. Null without neighbours. */
  constraint: number | null;
  /** Burt's effective size: non-redundant contacts. Null without neighbours. */
  effectiveSize: number | null;
  coreness: number;
  /** Louvain community (seeded). */
  community: number;
  /** Share of the others reachable within `reachSteps` steps. */
  reach: number;
  weakComponent: number;
  strongComponent: number;
}

/** Network-level figures of a FlowReport. */
export interface FlowGraphFigures {
  nodes: number;
  edges: number;
  directed: boolean;
  density: number;
  /** Share of edges whose reverse exists. */
  reciprocity: number;
  weakComponents: number;
  strongComponents: number;
  isolates: string[];
  communities: number;
  modularity: number;
  /** Mean distance (1 / strength units) over ordered pairs with a path; null when none. */
  averageDistance: number | null;
  /** Share of ordered pairs with a path. */
  reachableShare: number;
  reachSteps: number;
  /** Each topic's high performers (top third of their kind) and the share of others they reach within reachSteps (network input). */
  highPerformerReach: { topic: string; institution: string; reach: number }[];
  /** How edge weights are read. */
  weight: string;
  topic?: string;
  /** How betweenness was computed: exactly, or by sampling with its (epsilon, delta) guarantee. */
  betweennessMethod?: BetweennessMethod;
}

/** Exact betweenness, or a sample estimate within epsilon of the exact value with probability >= 1 - delta. */
export type BetweennessMethod =
  | { approximate: false }
  | { approximate: true; epsilon: number; delta: number; samples: number; seed: number };

/** A link of the backbone: the contact and its disparity alpha (the smaller of its source-side and target-side alphas). */
export type BackboneLink = FlowLink & { alpha: number };

/** Figures of the backbone graph (the same nodes, only the backbone's links). */
export interface BackboneFigures {
  edges: number;
  density: number;
  /** Institutions with no backbone link. */
  isolates: string[];
  /** Louvain communities on the backbone (same seed and resolution). */
  communities: number;
  modularity: number;
}

/** The disparity-filter backbone in a FlowReport. */
export interface FlowBackbone {
  /** Significance level used: a link is kept when its alpha is below it. */
  alpha: number;
  links: BackboneLink[];
  graph: BackboneFigures;
}

/** Marks data made by knowledgeFlow for this report alone (not exported from the package). */
export const FRESH: unique symbol = Symbol("fresh flow report data");

/** The one plain data object a FlowReport is built from (and what toJSON returns). */
export interface FlowReportData {
  nodes: FlowRow[];
  graph: FlowGraphFigures;
  warnings: string[];
  /** The graph's contacts, for pictures and exports. */
  links: FlowLink[];
  /** The disparity-filter backbone; absent when knowledgeFlow was called with backbone: false. */
  backbone?: FlowBackbone;
}

/** A numeric column of FlowRow, for top(). */
export type NumericMetric = Exclude<{ [K in keyof FlowRow]-?: FlowRow[K] extends number | null | undefined ? K : never }[keyof FlowRow], undefined>;

/**
 * Column order of FlowReport.toCSV.
 * @example
 * FLOW_COLUMNS.includes("betweenness") // true
 */
export const FLOW_COLUMNS: readonly (keyof FlowRow)[] = [
  "id", "name", "kind", "group", "inDegree", "outDegree", "inStrength", "outStrength", "betweenness", "closeness", "harmonic",
  "pagerank", "personalizedPagerank", "eigenvector", "hub", "authority", "constraint", "effectiveSize", "coreness", "community",
  "reach", "weakComponent", "strongComponent",
];

/**
 * The result of knowledgeFlow: one row per institution, network figures, contacts, top-k, CSV and pictures.
 * @example knowledgeFlow(network).top("hub", 5)
 */
export class FlowReport {
  readonly nodes: readonly FlowRow[];
  readonly graph: FlowGraphFigures;
  readonly warnings: readonly string[];
  /** The graph's contacts, for pictures and exports. */
  readonly links: readonly FlowLink[];
  readonly backbone?: FlowBackbone;

  /** Builds a report from its data (a deep copy is taken and frozen). */
  constructor(data: FlowReportData, ownership?: symbol) {
    if (data === null || typeof data !== "object" || !Array.isArray(data.nodes) || data.graph === null || typeof data.graph !== "object") {
      throw new TwinningArgumentError("FlowReport", "expected the data of a flow report: { nodes, graph, warnings, links }");
    }
    // knowledgeFlow hands over data nobody else holds: freezing it is enough (no copy of a million links).
    const copy = ownership === FRESH ? data : structuredClone(data);
    this.nodes = deepFreeze(copy.nodes);
    this.graph = deepFreeze(copy.graph);
    this.warnings = Object.freeze(Array.isArray(copy.warnings) ? copy.warnings : []);
    this.links = deepFreeze(Array.isArray(copy.links) ? copy.links : []);
    if (copy.backbone !== undefined) this.backbone = deepFreeze(copy.backbone);
    Object.freeze(this);
  }

  /**
   * A report from its JSON (an object or the text): what `toJSON` wrote.
   * @example FlowReport.fromJSON(JSON.stringify(report)).top("hub", 3)
   */
  static fromJSON(json: FlowReportData | string): FlowReport {
    const data = typeof json === "string" ? (JSON.parse(json) as FlowReportData) : json;
    return new FlowReport(data);
  }

  /** The k rows with the highest value of a metric (nulls last, ties by id). */
  top(metric: NumericMetric, k = 5): FlowRow[] {
    if (!(FLOW_COLUMNS as readonly string[]).includes(metric) || typeof this.nodes[0]?.[metric] === "string" || ["id", "name", "kind", "group"].includes(metric)) {
      throw new TwinningArgumentError("FlowReport.top", `metric: expected a numeric column of the report (${FLOW_COLUMNS.filter((c) => !["id", "name", "kind", "group"].includes(c)).join(", ")}), got ${JSON.stringify(metric)}`);
    }
    if (!Number.isInteger(k) || k < 0) throw new TwinningArgumentError("FlowReport.top", `k: expected a whole number >= 0, got ${String(k)}`);
    const value = (row: FlowRow) => {
      const v = row[metric];
      return typeof v === "number" ? v : -Number.POSITIVE_INFINITY;
    };
    return [...this.nodes].sort((a, b) => value(b) - value(a) || ascending(a.id, b.id)).slice(0, k);
  }

  /** One row per institution, columns as FLOW_COLUMNS. */
  toCSV(options: CsvOptions = {}): string {
    const columns = FLOW_COLUMNS.filter((column) => column !== "personalizedPagerank" || this.nodes.some((row) => row.personalizedPagerank !== undefined));
    return csvText(columns, this.nodes.map((row) => columns.map((column) => row[column])), options);
  }

  /** Plain data (what JSON.stringify writes); a deep copy. */
  toJSON(): FlowReportData {
    const data: FlowReportData = { nodes: this.nodes as FlowRow[], graph: this.graph, warnings: this.warnings as string[], links: this.links as FlowLink[] };
    if (this.backbone !== undefined) data.backbone = this.backbone;
    return structuredClone(data);
  }

  /** The contacts as a network picture, nodes sized by PageRank (SVG); see flowChart for options. */
  toSVG(): string {
    return requirePicture("flow", this, "FlowReport.toSVG").toSVG();
  }

  /** The network picture as a Vega-Lite specification, once `twinning-network/view` is loaded. */
  toVegaLite(): Record<string, unknown> {
    return requirePicture("flow", this, "FlowReport.toVegaLite").toVegaLite();
  }

  /** Figures, picture and the top institutions as an HTML fragment. */
  toHTML(): string {
    return flowHTML(this);
  }

  /** MIME bundle for Deno's Jupyter kernel: figures, top institutions and the picture. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return flowDisplay(this);
  }

  /** Figures and the top teachers as text, for util.inspect (Node REPL, tslab). */
  [INSPECT](): string {
    return flowText(this);
  }

  /** The same summary as text, so a template string or String() shows it (not "[object Object]"). */
  toString(): string {
    return flowText(this);
  }
}

/** Freezes an object and everything inside it (plain data only). */
// ---- display: text and HTML tables (pictures join in through the display protocol)

const FLOW_TOP: Column<FlowRow>[] = [
  { label: "institution", value: (r) => r.id },
  { label: "group", value: (r) => r.group ?? "" },
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
    ...(report.backbone !== undefined
      ? ([
          [`backbone (disparity filter, alpha ${report.backbone.alpha})`, `${report.backbone.graph.edges} contacts, density ${formatNumber(report.backbone.graph.density)}`],
          ["backbone isolated", report.backbone.graph.isolates.length > 0 ? report.backbone.graph.isolates.join(", ") : "none"],
          ["backbone communities", `${report.backbone.graph.communities} (modularity ${formatNumber(report.backbone.graph.modularity)})`],
        ] as [string, unknown][])
      : []),
    ...(g.betweennessMethod?.approximate ? ([["betweenness", `approximate: within ${g.betweennessMethod.epsilon} with probability ${1 - g.betweennessMethod.delta} (${g.betweennessMethod.samples} samples)`]] as [string, unknown][]) : []),
    ["weights", g.weight],
  ];
}

export function flowText(report: FlowReport): string {
  return [
    `FlowReport: ${report.graph.nodes} institutions, ${report.graph.edges} contacts, ${report.graph.communities} communities (modularity ${formatNumber(report.graph.modularity)}), isolated: ${report.graph.isolates.join(", ") || "none"}`,
    ...(report.backbone !== undefined ? [`Backbone (alpha ${report.backbone.alpha}): ${report.backbone.graph.edges} contacts, density ${formatNumber(report.backbone.graph.density)}, ${report.backbone.graph.communities} communities, isolated: ${report.backbone.graph.isolates.join(", ") || "none"}`] : []),
    "Top teachers (HITS hub):",
    textTable(FLOW_TOP, report.top("hub", 5)),
    ...report.warnings.map((w) => `warning: ${w}`),
  ].join("\n");
}

export function flowHTML(report: FlowReport, picture: Picture | undefined = pictureOf("flow", report)): string {
  return [
    `<div class="twinning-flow"><h3>Knowledge flow${report.graph.topic !== undefined ? `: ${escapeHTML(report.graph.topic)}` : ""}</h3>`,
    htmlFigures(flowFigures(report)),
    picture?.toHTML() ?? "",
    htmlTable(FLOW_TOP, report.top("hub", 10), { caption: "Teachers (highest HITS hub)" }),
    htmlTable(FLOW_TOP, report.top("authority", 10), { caption: "Learners (highest HITS authority)" }),
    htmlTable(FLOW_TOP, report.top("betweenness", 10), { caption: "Brokers (highest betweenness)" }),
    report.warnings.length > 0 ? `<ul>${report.warnings.map((w) => `<li>${escapeHTML(w)}</li>`).join("")}</ul>` : "",
    `</div>`,
  ].join("");
}

/** The MIME bundle, with one drawing of the picture (when the view is loaded). */
export function flowDisplay(report: FlowReport): MimeBundle {
  const picture = pictureOf("flow", report);
  return mimeBundle(flowText(report), flowHTML(report, picture), picture?.toSVG());
}
