/** The result of assignPartners: pairs, what is uncovered and why, the certificate, and exports. */
import { deepFreeze } from "../core/freeze.js";
import { type CsvOptions, csvText } from "../core/csv.js";
import { type Column, INSPECT, JUPYTER_DISPLAY, type MimeBundle, type Picture, escapeHTML, formatNumber, htmlFigures, htmlTable, mimeBundle, pictureOf, requirePicture, textTable } from "../core/display.js";
import { TwinningArgumentError } from "../core/errors.js";
import type { AssignPartnersOptions } from "./planOptions.js";
import type { Need, Pair, Shortfall, UncoveredNeed } from "./types.js";

/** Marks data made for one plan alone (by assignPartners or parsed by fromJSON): frozen, not copied. Not exported from the package. */
export const FRESH_PLAN: unique symbol = Symbol("fresh plan data");

/** Who the plan is about (for pictures and exports): id, name, kind and group (province). */
export interface PlanInstitution {
  id: string;
  name?: string;
  kind: string;
  group?: string;
}

/** The fields of a TwinningPlan, as plain data. */
export interface TwinningPlanData {
  pairs: Pair[];
  uncovered: UncoveredNeed[];
  shortfalls: Shortfall[];
  /** Chosen topics where the institution is itself a high performer: no mentor needed. */
  selfSufficient: Need[];
  /** Sum of the pairs' costs: the value the solver minimised among plans of maximum coverage. */
  objective: number;
  /** True when the plan is proven optimal for its objective (false when a heuristic option was used). */
  optimal: boolean;
  /** Needs assigned per mentor (primary and backup pairs). */
  load: Record<string, number>;
  /** Capacity per mentor used by the plan. */
  capacity: Record<string, number>;
  /** How the plan was made and what it could not do (heuristic options, backups short, ...). */
  warnings: string[];
  /** The network's institutions, so pictures can show provinces (set by assignPartners). */
  institutions?: PlanInstitution[];
  /**
   * The options the plan was made with, as plain data (defaults filled in): withdrawalImpact and
   * auditStability read them, also from a plan restored with `TwinningPlan.fromJSON`.
   */
  options?: AssignPartnersOptions;
}

/**
 * The result of assignPartners: pairs, uncovered needs with reasons, the shortfall certificates, CSV and pictures.
 * @example assignPartners(network).mentorOf("nyanza", "cbhi")
 */
export class TwinningPlan implements TwinningPlanData {
  readonly pairs: Pair[];
  readonly uncovered: UncoveredNeed[];
  readonly shortfalls: Shortfall[];
  readonly selfSufficient: Need[];
  readonly objective: number;
  readonly optimal: boolean;
  readonly load: Record<string, number>;
  readonly capacity: Record<string, number>;
  readonly warnings: string[];
  readonly institutions?: PlanInstitution[];
  readonly options?: AssignPartnersOptions;

  /** Builds a plan from its data (the data are copied, then frozen). */
  constructor(data: TwinningPlanData, ownership?: symbol) {
    // assignPartners and fromJSON hand over data nobody else holds: freezing it is enough (no copy
    // of thousands of uncovered needs' mentor lists; the copy took a second at national scale).
    const copy = (ownership === FRESH_PLAN ? data : structuredClone(data)) as TwinningPlanData & { notes?: string[] };
    this.pairs = copy.pairs;
    this.uncovered = copy.uncovered;
    this.shortfalls = copy.shortfalls;
    this.selfSufficient = copy.selfSufficient;
    this.objective = copy.objective;
    this.optimal = copy.optimal;
    this.load = copy.load;
    this.capacity = copy.capacity;
    this.warnings = copy.warnings ?? copy.notes ?? [];
    if (copy.institutions !== undefined) this.institutions = copy.institutions;
    if (copy.options !== undefined) this.options = copy.options;
    deepFreeze(copy);
    Object.freeze(this);
  }

  /** A plan from its JSON (text or parsed): works with every function that takes a plan. */
  static fromJSON(json: TwinningPlanData | string): TwinningPlan {
    const data = (typeof json === "string" ? JSON.parse(json) : json) as TwinningPlanData & { notes?: string[] };
    if (data === null || typeof data !== "object" || !Array.isArray(data.pairs) || !Array.isArray(data.uncovered)) {
      throw new TwinningArgumentError("TwinningPlan.fromJSON", "expected the JSON of a TwinningPlan (with pairs and uncovered)");
    }
    const warnings = data.warnings ?? data.notes ?? [];
    // Parsed text is this plan's alone; a caller's object is copied.
    return typeof json === "string" ? new TwinningPlan({ ...data, warnings }, FRESH_PLAN) : new TwinningPlan({ ...data, warnings });
  }

  /** @deprecated Use `warnings`. */
  get notes(): string[] {
    return this.warnings;
  }

  /** Needs covered by a primary mentor. */
  get covered(): number {
    return this.pairs.filter((pair) => pair.role === "primary").length;
  }

  /** The primary mentor of an institution on a topic, if any. */
  mentorOf(institution: string, topic: string): string | undefined {
    return this.pairs.find((pair) => pair.mentee === institution && pair.topic === topic && pair.role === "primary")?.mentor;
  }

  /** One row per pair: mentee, topic, mentor, role, scores, gap, distance, cost, reason. */
  toCSV(options: CsvOptions = {}): string {
    const header = ["mentee", "topic", "mentor", "role", "mentee_score", "mentor_score", "gap", "distance", "cost", "pinned", "kept", "reason"];
    const rows = this.pairs.map((pair) => [pair.mentee, pair.topic, pair.mentor, pair.role, pair.menteeScore, pair.mentorScore, pair.gap, pair.distance, pair.cost, pair.pinned, pair.kept, pair.reason]);
    const uncovered = this.uncovered.map((need) => [need.institution, need.topic, "", "uncovered", "", "", "", "", "", "", "", need.reason]);
    return csvText(header, [...rows, ...uncovered], options);
  }

  /** Plain data (what JSON.stringify writes); `TwinningPlan.fromJSON` restores the plan. */
  toJSON(): TwinningPlanData {
    return structuredClone({
      pairs: this.pairs,
      uncovered: this.uncovered,
      shortfalls: this.shortfalls,
      selfSufficient: this.selfSufficient,
      objective: this.objective,
      optimal: this.optimal,
      load: this.load,
      capacity: this.capacity,
      warnings: this.warnings,
      ...(this.institutions !== undefined ? { institutions: this.institutions } : {}),
      ...(this.options !== undefined ? { options: this.options } : {}),
    });
  }

  /** The planned partnerships as a network picture (SVG), once `twinning-network/view` is loaded. */
  toSVG(): string {
    return requirePicture("plan", this, "TwinningPlan.toSVG").toSVG();
  }

  /** The picture's Vega-Lite specification, once `twinning-network/view` is loaded. */
  toVegaLite(): Record<string, unknown> {
    return requirePicture("plan", this, "TwinningPlan.toVegaLite").toVegaLite();
  }

  /** Summary, picture, pairs and uncovered needs as an HTML fragment. */
  toHTML(): string {
    return planHTML(this);
  }

  /** MIME bundle for Deno's Jupyter kernel: summary, picture, pairs and uncovered needs. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return planDisplay(this);
  }

  /** Summary and the first pairs as text, for util.inspect (Node REPL, tslab). */
  [INSPECT](): string {
    return planText(this);
  }

  /** The same summary as text, so a template string or String() shows it (not "[object Object]"). */
  toString(): string {
    return planText(this);
  }
}

// ---- display: text and HTML tables (pictures join in through the display protocol)

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

export function planHTML(plan: TwinningPlan, picture: Picture | undefined = pictureOf("plan", plan)): string {
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
    picture?.toHTML() ?? "",
    htmlTable(PAIR_COLUMNS, plan.pairs, { caption: "Pairs (mentor -> mentee)", limit: 50 }),
    plan.uncovered.length > 0 ? htmlTable(uncovered, plan.uncovered, { caption: "Uncovered needs and why" }) : "",
    plan.warnings.length > 0 ? `<ul>${plan.warnings.map((n) => `<li>${escapeHTML(n)}</li>`).join("")}</ul>` : "",
    `</div>`,
  ].join("");
}

/** The MIME bundle, with one drawing of the picture (when the view is loaded). */
export function planDisplay(plan: TwinningPlan): MimeBundle {
  const picture = pictureOf("plan", plan);
  return mimeBundle(planText(plan), planHTML(plan, picture), picture?.toSVG());
}
