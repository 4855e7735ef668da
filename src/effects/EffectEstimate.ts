/** The result of compareChanges and selectionEffect: every number STATISTICS.md asks for, labelled. */

import { deepFreeze } from "../core/freeze.js";
import { type CsvOptions, csvText } from "../core/csv.js";
import { type Column, escapeHTML, formatP, htmlTable, INSPECT, JUPYTER_DISPLAY, type MimeBundle, mimeBundle, type Picture, pictureOf, requirePicture, shownNonzero, textTable } from "../core/display.js";
import { DEFAULT_UNIT, unitLabel } from "../model/units.js";
import type { Alternative } from "./checks.js";
import type { CliffsDeltaResult } from "./cliffsDelta.js";
import type { PermutationResult } from "./resampling/permutationTest.js";
import type { StandardizedResult } from "./standardized.js";

/** One coefficient of a regression with its robust standard error, interval and p-value. */
export interface RegressionEstimate {
  estimable: true;
  estimate: number;
  standardError: number;
  ci: [number, number];
  pValue: number;
  df: number;
  covariance: "HC2" | "HC3" | "CR1";
  clusters?: number;
  /** Design columns dropped as aliased (e.g. "baseline" when every baseline is equal). */
  dropped?: string[];
}

/** A secondary estimate that this data cannot give, with the reason (the primary Welch estimate stands). */
export interface NotEstimable {
  estimable: false;
  reason: string;
}

/** The periods averaged per institution on each side of the comparison. */
export interface ComparedPeriods {
  baseline: string[];
  endline: string[];
}

/** The fields of an EffectEstimate, as plain data. */
export interface EffectEstimateData {
  /** What was compared, e.g. the topic id. */
  label: string;
  /** Difference in mean change, treated minus control, signed so that improvement is positive. */
  estimate: number;
  /** Unit of the estimate: "pp" (percentage points) for % indicators, else the indicator's unit (see unitLabel). */
  unit: string;
  /** Whether signs were flipped for a lower-is-better indicator. */
  direction: string;
  ci: [number, number];
  confidence: number;
  alternative: Alternative;
  /** Interval method, e.g. "Welch". */
  method: string;
  statistic: number;
  df: number;
  pValue: number;
  /** p adjusted for multiple topics, when run by selectionEffects. */
  adjustedPValue?: number;
  adjustment?: "holm" | "bh";
  standardError: number;
  n: { treated: number; control: number };
  /** Baseline means in the indicator's unit (not sign-flipped), and treated minus control. */
  baseline: { treated: number; control: number; gap: number };
  /** Mean change per group, signed so that improvement is positive. */
  change: { treated: number; control: number };
  /** The estimate as a percent of the treated group's baseline mean, when asked for. */
  relative?: { estimate: number; ci: [number, number]; unit: string; note: string };
  /** Coefficient of the group in after ~ before + group, with HC2 standard errors; or why it cannot be estimated. */
  ancova: RegressionEstimate | NotEstimable;
  /** Cluster-robust (CR1) version of the difference in change, when clusters were given; or why it cannot be estimated. */
  clusterRobust?: RegressionEstimate | NotEstimable;
  hedgesG: StandardizedResult;
  /** Glass's delta, or why not (the control group's changes are constant). */
  glassDelta: StandardizedResult | NotEstimable;
  /** Morris (2008) d_ppc2: difference in change over the pooled baseline SD, times J; null when that SD is 0. */
  standardizedChange: { estimate: number | null; standardizer: string };
  cliffsDelta: CliffsDeltaResult;
  permutation: PermutationResult;
  warnings: string[];
  /** Institutions of each group (selectionEffect only). */
  members?: { treated: string[]; control: string[] };
  /** The periods averaged on each side (selectionEffect only). */
  periods?: ComparedPeriods;
}

export { DEFAULT_UNIT, unitLabel };

/**
 * A number for sentences (warnings, notes): at most `significant` significant digits, no float
 * noise ("alpha = 0.05", never 0.050000000000000044).
 * @example plainNumber(0.050000000000000044) // "0.05"
 */
export function plainNumber(value: number, significant = 4): string {
  if (!Number.isFinite(value)) return value > 0 ? "Inf" : value < 0 ? "-Inf" : "NaN";
  return String(Number(value.toPrecision(significant)));
}

/** APA p-values in sentences, from the one formatter of core/display.ts. */
export { formatP };

const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? shownNonzero(value, value.toFixed(digits)) : value > 0 ? "Inf" : "-Inf");

/** JSON has no Infinity: one-sided interval bounds travel as the strings "Infinity" and "-Infinity". */
function encodeBounds(key: string, value: unknown): unknown {
  if (key === "ci" && Array.isArray(value)) return value.map((v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
  return value;
}

function decodeBounds(key: string, value: unknown): unknown {
  if (key === "ci" && Array.isArray(value)) return value.map((v) => (v === "Infinity" ? Number.POSITIVE_INFINITY : v === "-Infinity" ? -Number.POSITIVE_INFINITY : v));
  return value;
}

/** A deep copy of plain data with interval bounds encoded for JSON (or decoded from it). */
function mapBounds<T>(data: T, map: (key: string, value: unknown) => unknown): T {
  const walk = (key: string, value: unknown): unknown => {
    const mapped = map(key, value);
    if (Array.isArray(mapped)) return mapped.map((v) => walk("", v));
    if (mapped !== null && typeof mapped === "object") return Object.fromEntries(Object.entries(mapped).map(([k, v]) => [k, walk(k, v)]));
    return mapped;
  };
  return walk("", data) as T;
}

/**
 * The result of compareChanges and selectionEffect: every estimator STATISTICS.md asks for, labelled,
 * with an APA line and pictures. Built from one plain data object and frozen.
 * @example selectionEffect(network, { topic: "cbhi", baseline: "baseline", endline: "endline" }).toString()
 */
export class EffectEstimate implements EffectEstimateData {
  readonly label: string;
  readonly estimate: number;
  readonly unit: string;
  readonly direction: string;
  readonly ci: [number, number];
  readonly confidence: number;
  readonly alternative: Alternative;
  readonly method: string;
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly adjustedPValue?: number;
  readonly adjustment?: "holm" | "bh";
  readonly standardError: number;
  readonly n: { treated: number; control: number };
  readonly baseline: { treated: number; control: number; gap: number };
  readonly change: { treated: number; control: number };
  readonly relative?: { estimate: number; ci: [number, number]; unit: string; note: string };
  readonly ancova: RegressionEstimate | NotEstimable;
  readonly clusterRobust?: RegressionEstimate | NotEstimable;
  readonly hedgesG: StandardizedResult;
  readonly glassDelta: StandardizedResult | NotEstimable;
  readonly standardizedChange: { estimate: number | null; standardizer: string };
  readonly cliffsDelta: CliffsDeltaResult;
  readonly permutation: PermutationResult;
  readonly warnings: string[];
  readonly members?: { treated: string[]; control: string[] };
  readonly periods?: ComparedPeriods;

  constructor(data: EffectEstimateData) {
    const d = structuredClone(data);
    this.label = d.label;
    this.estimate = d.estimate;
    this.unit = d.unit;
    this.direction = d.direction;
    this.ci = d.ci;
    this.confidence = d.confidence;
    this.alternative = d.alternative;
    this.method = d.method;
    this.statistic = d.statistic;
    this.df = d.df;
    this.pValue = d.pValue;
    if (d.adjustedPValue !== undefined) this.adjustedPValue = d.adjustedPValue;
    if (d.adjustment !== undefined) this.adjustment = d.adjustment;
    this.standardError = d.standardError;
    this.n = d.n;
    this.baseline = d.baseline;
    this.change = d.change;
    if (d.relative !== undefined) this.relative = d.relative;
    this.ancova = d.ancova;
    if (d.clusterRobust !== undefined) this.clusterRobust = d.clusterRobust;
    this.hedgesG = d.hedgesG;
    this.glassDelta = d.glassDelta;
    this.standardizedChange = d.standardizedChange;
    this.cliffsDelta = d.cliffsDelta;
    this.permutation = d.permutation;
    this.warnings = d.warnings;
    if (d.members !== undefined) this.members = d.members;
    if (d.periods !== undefined) this.periods = d.periods;
    deepFreeze(this);
  }

  /**
   * Restores an estimate from its JSON (an object or the text), e.g. one saved with JSON.stringify.
   * @example EffectEstimate.fromJSON(JSON.stringify(estimate)).toString() === estimate.toString()
   */
  static fromJSON(json: EffectEstimateData | string): EffectEstimate {
    const data = typeof json === "string" ? (JSON.parse(json) as EffectEstimateData) : json;
    return new EffectEstimate(mapBounds(data, decodeBounds));
  }

  /** An APA-style line: `DiD = 5.62 pp, 95% CI [1.20, 10.04], t(7.4) = 2.94, p = .021; g = 1.71, 95% CI [0.22, 3.13]`. */
  toString(): string {
    const level = `${plainNumber(this.confidence * 100)}%`;
    const adjusted = this.adjustedPValue === undefined ? "" : ` (${this.adjustment === "bh" ? "BH" : "Holm"}-adjusted ${formatP(this.adjustedPValue)})`;
    return (
      `DiD = ${fixed(this.estimate)} ${this.unit}, ${level} CI [${fixed(this.ci[0])}, ${fixed(this.ci[1])}], ` +
      `t(${fixed(this.df, 1)}) = ${fixed(this.statistic)}, ${formatP(this.pValue)}${adjusted}; ` +
      `g = ${fixed(this.hedgesG.estimate)}, ${level} CI [${fixed(this.hedgesG.ci[0])}, ${fixed(this.hedgesG.ci[1])}]`
    );
  }

  /** Plain data (what JSON.stringify writes); a deep copy, with infinite interval bounds as strings. */
  toJSON(): EffectEstimateData {
    return mapBounds({ ...this } as EffectEstimateData, encodeBounds);
  }

  /** One CSV row (with the header), as EffectEstimates.toCSV writes it. */
  toCSV(options: CsvOptions = {}): string {
    return estimatesCSV([this], options);
  }

  /** A one-row forest plot (SVG). */
  toSVG(): string {
    return requirePicture("estimates", [this], "EffectEstimate.toSVG").toSVG();
  }

  /** The one-row forest plot as a Vega-Lite specification, once `twinning-network/view` is loaded. */
  toVegaLite(): Record<string, unknown> {
    return requirePicture("estimates", [this], "EffectEstimate.toVegaLite").toVegaLite();
  }

  /** The APA line, the figures of every estimator, warnings and the forest plot. */
  toHTML(): string {
    return estimatesHTML([this], []);
  }

  /** MIME bundle for Deno's Jupyter kernel: text, HTML and the forest plot. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return estimatesDisplay([this], [], `${this.label}: ${this.toString()}`);
  }

  /** The APA line and warnings, for util.inspect (Node REPL, tslab). */
  [INSPECT](): string {
    return `EffectEstimate ${this.label}: ${this.toString()}${this.warnings.length > 0 ? `\n  warnings: ${this.warnings.join("; ")}` : ""}`;
  }
}

/** p for tables: "<.001" below 0.001 (never a bare 0.000), else the number. */

// ---- display: text and HTML tables (pictures join in through the display protocol)

const ESTIMATE_COLUMNS: Column<EffectEstimate>[] = [
  { label: "topic", value: (e) => e.label },
  { label: "difference in change", value: (e) => e.estimate, digits: 2 },
  { label: "unit", value: (e) => e.unit },
  { label: "CI low", value: (e) => e.ci[0], digits: 2 },
  { label: "CI high", value: (e) => e.ci[1], digits: 2 },
  { label: "p (Welch)", value: (e) => e.pValue, format: "p" },
  { label: "p adjusted", value: (e) => e.adjustedPValue, format: "p" },
  { label: "Hedges g", value: (e) => e.hedgesG.estimate, digits: 2 },
  { label: "n chose / other", value: (e) => `${e.n.treated} / ${e.n.control}` },
];

export function estimatesText(estimates: readonly EffectEstimate[], skipped: readonly { topic: string; reason: string }[]): string {
  return [
    `EffectEstimates: ${estimates.length} topic(s)${skipped.length > 0 ? `, ${skipped.length} skipped` : ""}`,
    textTable(ESTIMATE_COLUMNS, estimates),
    // What the table cannot say goes below it, topic by topic: flipped signs and every warning
    // (tiny groups, unreachable significance, what the design could detect), never only in the CSV.
    ...estimates.flatMap((e) => [
      ...(e.direction.startsWith("lower") ? [`  ${e.label}: lower is better, so the sign is flipped: a positive difference is an improvement`] : []),
      ...e.warnings.map((w) => `  ${e.label}: ${w}`),
    ]),
    ...skipped.map((s) => `  skipped ${s.topic}: ${s.reason}`),
  ].join("\n");
}

export function estimatesHTML(
  estimates: readonly EffectEstimate[],
  skipped: readonly { topic: string; reason: string }[],
  picture: Picture | undefined = estimates.length > 0 ? pictureOf("estimates", estimates) : undefined,
): string {
  const warnings = estimates.flatMap((e) => e.warnings.map((w) => `${e.label}: ${w}`));
  return [
    `<div class="twinning-effects"><h3>Effect estimates</h3>`,
    estimates.length === 1 ? `<p>${escapeHTML(`${estimates[0]?.label}: ${estimates[0]?.toString()}`)}</p>` : "",
    htmlTable(ESTIMATE_COLUMNS, estimates, { caption: "Difference in mean change, choosers minus the others (improvement > 0)" }),
    picture?.toHTML() ?? "",
    skipped.length > 0 ? `<ul>${skipped.map((s) => `<li>skipped ${escapeHTML(s.topic)}: ${escapeHTML(s.reason)}</li>`).join("")}</ul>` : "",
    warnings.length > 0 ? `<ul>${warnings.map((w) => `<li>${escapeHTML(w)}</li>`).join("")}</ul>` : "",
    `</div>`,
  ].join("");
}

/** The MIME bundle of one or many estimates, with one rendering of the forest plot (none without estimates). */
export function estimatesDisplay(estimates: readonly EffectEstimate[], skipped: readonly { topic: string; reason: string }[], text: string): MimeBundle {
  const picture = estimates.length > 0 ? pictureOf("estimates", estimates) : undefined;
  return mimeBundle(text, estimatesHTML(estimates, skipped, picture), picture?.toSVG());
}

/**
 * One row per estimate; the unit column says pp (percentage points) or the indicator's unit. Then
 * one row per skipped topic: its id, no numbers, and in the warnings column any `warnings` given
 * and "not estimated: " with the reason, so no topic leaves the file silently.
 */
export function estimatesCSV(estimates: readonly EffectEstimate[], options: CsvOptions = {}, skipped: readonly { topic: string; reason: string; warnings?: readonly string[] }[] = []): string {
  const header = ["topic", "estimate", "unit", "direction", "ci_low", "ci_high", "confidence", "method", "statistic", "df", "p_value", "p_adjusted", "adjustment", "hedges_g", "g_ci_low", "g_ci_high", "cliffs_delta", "permutation_p", "n_treated", "n_control", "warnings"];
  const rows = estimates.map((e) => [e.label, e.estimate, e.unit, e.direction, e.ci[0], e.ci[1], e.confidence, e.method, e.statistic, e.df, e.pValue, e.adjustedPValue, e.adjustment, e.hedgesG.estimate, e.hedgesG.ci[0], e.hedgesG.ci[1], e.cliffsDelta.estimate, e.permutation.pValue, e.n.treated, e.n.control, e.warnings.join("; ")]);
  for (const s of skipped) rows.push([s.topic, ...Array(19), [...(s.warnings ?? []), `not estimated: ${s.reason}`].join("; ")]);
  return csvText(header, rows, options);
}
