/** The result of compareChanges and selectionEffect: every number STATISTICS.md asks for, labelled. */
import type { Alternative } from "./checks.js";
import type { CliffsDeltaResult } from "./cliffsDelta.js";
import type { PermutationResult } from "./resampling/permutationTest.js";
import type { StandardizedResult } from "./standardized.js";
import { INSPECT, JUPYTER_DISPLAY, type MimeBundle } from "../view/display.js";
import { estimatesChart, estimatesDisplay, estimatesHTML } from "../view/results.js";
import type { VegaLiteSpec } from "../view/vega.js";

/** One coefficient of a regression with its robust standard error, interval and p-value. */
export interface RegressionEstimate {
  estimate: number;
  standardError: number;
  ci: [number, number];
  pValue: number;
  df: number;
  covariance: "HC2" | "HC3" | "CR1";
  clusters?: number;
}

/** The fields of an EffectEstimate, as plain data. */
export interface EffectEstimateData {
  /** What was compared, e.g. the topic id. */
  label: string;
  /** Difference in mean change, treated minus control, signed so that improvement is positive. */
  estimate: number;
  /** Unit of the estimate: "pp" (percentage points) for % indicators, else the indicator's unit. */
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
  /** Coefficient of the group in after ~ before + group, with HC2 standard errors. */
  ancova: RegressionEstimate;
  /** Cluster-robust (CR1) version of the difference in change, when clusters were given. */
  clusterRobust?: RegressionEstimate;
  hedgesG: StandardizedResult;
  glassDelta: StandardizedResult;
  /** Morris (2008) d_ppc2: difference in change over the pooled baseline SD, times J. */
  standardizedChange: { estimate: number; standardizer: string };
  cliffsDelta: CliffsDeltaResult;
  permutation: PermutationResult;
  warnings: string[];
  /** Institutions of each group (selectionEffect only). */
  members?: { treated: string[]; control: string[] };
}

/**
 * APA style: three decimals, no leading zero, "< .001" below.
 * @example
 * formatP(0.0004) // "p < .001"; formatP(0.0312) // "p = .031"
 */
export function formatP(p: number): string {
  if (p < 0.001) return "p < .001";
  return `p = ${p.toFixed(3).replace(/^0/, "")}`;
}

const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : value > 0 ? "Inf" : "-Inf");

/**
 * The result of compareChanges and selectionEffect: every estimator STATISTICS.md asks for, labelled, with an APA line and pictures.
 * @example selectionEffect(network, { topic: "cbhi", baseline: "baseline", endline: "endline" }).toString()
 */
export class EffectEstimate implements EffectEstimateData {
  label!: string;
  estimate!: number;
  unit!: string;
  direction!: string;
  ci!: [number, number];
  confidence!: number;
  alternative!: Alternative;
  method!: string;
  statistic!: number;
  df!: number;
  pValue!: number;
  adjustedPValue?: number;
  adjustment?: "holm" | "bh";
  standardError!: number;
  n!: { treated: number; control: number };
  baseline!: { treated: number; control: number; gap: number };
  change!: { treated: number; control: number };
  relative?: { estimate: number; ci: [number, number]; unit: string; note: string };
  ancova!: RegressionEstimate;
  clusterRobust?: RegressionEstimate;
  hedgesG!: StandardizedResult;
  glassDelta!: StandardizedResult;
  standardizedChange!: { estimate: number; standardizer: string };
  cliffsDelta!: CliffsDeltaResult;
  permutation!: PermutationResult;
  warnings!: string[];
  members?: { treated: string[]; control: string[] };

  constructor(data: EffectEstimateData) {
    Object.assign(this, data);
  }

  /** An APA-style line: `DiD = 5.62 pp, 95% CI [1.20, 10.04], t(7.4) = 2.94, p = .021; g = 1.71, 95% CI [0.22, 3.13]`. */
  toString(): string {
    const level = `${Math.round(this.confidence * 100)}%`;
    const adjusted = this.adjustedPValue === undefined ? "" : ` (${this.adjustment === "bh" ? "BH" : "Holm"}-adjusted ${formatP(this.adjustedPValue)})`;
    return (
      `DiD = ${fixed(this.estimate)} ${this.unit}, ${level} CI [${fixed(this.ci[0])}, ${fixed(this.ci[1])}], ` +
      `t(${fixed(this.df, 1)}) = ${fixed(this.statistic)}, ${formatP(this.pValue)}${adjusted}; ` +
      `g = ${fixed(this.hedgesG.estimate)}, ${level} CI [${fixed(this.hedgesG.ci[0])}, ${fixed(this.hedgesG.ci[1])}]`
    );
  }

  /** Plain data (what JSON.stringify writes); a deep copy. */
  toJSON(): EffectEstimateData {
    return structuredClone({ ...this }) as EffectEstimateData;
  }

  /** A one-row forest plot (SVG). */
  toSVG(): string {
    return estimatesChart([this]).toSVG();
  }

  /** The one-row forest plot as a Vega-Lite specification. */
  toVegaLite(): VegaLiteSpec {
    return estimatesChart([this]).toVegaLite();
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
