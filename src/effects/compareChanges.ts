/**
 * compareChanges: did the treated group improve more than the control group between two periods?
 * The primary estimate is the difference in mean change with Welch's interval; beside it, the
 * ANCOVA estimate (HC2), standardised effects, Cliff's delta and a permutation p-value, with the
 * warnings a small self-selected comparison needs (STATISTICS.md).
 */
import { TwinningArgumentError } from "../core/errors.js";
import { type Alternative, checkOptions, checkSample, mean, variance } from "./checks.js";
import { cliffsDelta } from "./cliffsDelta.js";
import { tInference, welchTTest } from "./welchTTest.js";
import { EffectEstimate, type RegressionEstimate } from "./EffectEstimate.js";
import { robustOLS } from "./regression.js";
import { type PermutationOptions, permutationTest } from "./resampling/permutationTest.js";
import { glassDelta, hedgesG, hedgesJ } from "./standardized.js";

/** One group: values before and after, institution by institution (same order), optional clusters. */
export interface GroupChanges {
  before: readonly number[];
  after: readonly number[];
  /** Cluster labels (e.g. province) per unit, for cluster-robust errors. */
  clusters?: readonly string[];
}

/** Options of compareChanges: confidence, direction, permutation and bootstrap settings, unit and label. */
export interface CompareChangesOptions {
  confidence?: number;
  alternative?: Alternative;
  /** Whether larger values are better (default true); when false, signs flip so improvement is positive. */
  higherIsBetter?: boolean;
  /** Unit of the indicator: `%` makes the estimate percentage points ("pp"). Default "points". */
  unit?: string;
  /** Also report the estimate as a percent of the treated group's baseline mean (default false). */
  relative?: boolean;
  /** Options of the permutation test (seed, limits, statistic). */
  permutation?: PermutationOptions;
  /** A label for the comparison (topic id). */
  label?: string;
}

/**
 * Defaults of CompareChangesOptions.
 * @example
 * compareChanges(groups, { ...DEFAULT_COMPARE_CHANGES_OPTIONS, confidence: 0.9 })
 */
export const DEFAULT_COMPARE_CHANGES_OPTIONS = Object.freeze({ confidence: 0.95, alternative: "two-sided" as Alternative, higherIsBetter: true, unit: "points", relative: false, label: "" });

export function unitLabel(unit: string): string {
  return unit === "%" ? "pp" : unit === "score" ? "score points" : unit;
}

function regressionEstimate(fit: ReturnType<typeof robustOLS>, index: number, sign: number, confidence: number, alternative: Alternative): RegressionEstimate {
  const estimate = sign * (fit.coefficients[index] as number);
  const standardError = fit.standardErrors[index] as number;
  const inference = tInference(estimate, standardError, fit.df, { confidence, alternative });
  return { estimate, standardError, ci: inference.ci, pValue: inference.pValue, df: fit.df, covariance: fit.covariance, ...(fit.clusters !== undefined ? { clusters: fit.clusters } : {}) };
}

/**
 * @example
 * compareChanges({ treated: { before: [60, 55, 62, 58], after: [70, 64, 71, 66] },
 *                  control: { before: [61, 66, 59, 64, 70, 57], after: [64, 68, 62, 66, 73, 60] } },
 *                { unit: "score" }).toString()
 */
export function compareChanges(groups: { treated: GroupChanges; control: GroupChanges }, options: CompareChangesOptions = {}): EffectEstimate {
  const name = "compareChanges";
  const o = { ...DEFAULT_COMPARE_CHANGES_OPTIONS, ...options };
  const resolved = checkOptions(name, { confidence: o.confidence, alternative: o.alternative });
  if (groups === null || typeof groups !== "object" || !groups.treated || !groups.control) throw new TwinningArgumentError(name, "expected { treated: { before, after }, control: { before, after } }");
  for (const [label, group] of [["treated", groups.treated], ["control", groups.control]] as const) {
    checkSample(name, `${label}.before`, group.before);
    checkSample(name, `${label}.after`, group.after);
    if (group.before.length !== group.after.length) {
      throw new TwinningArgumentError(name, `${label}.before has ${group.before.length} values but ${label}.after has ${group.after.length}; each unit needs both`);
    }
    if (group.clusters !== undefined && group.clusters.length !== group.before.length) {
      throw new TwinningArgumentError(name, `${label}.clusters has ${group.clusters.length} labels for ${group.before.length} units`);
    }
  }
  const sign = o.higherIsBetter ? 1 : -1;
  const { treated, control } = groups;
  const changes = (group: GroupChanges) => group.after.map((after, i) => sign * (after - (group.before[i] as number)));
  const dT = changes(treated);
  const dC = changes(control);
  if (variance(dT) === 0 && variance(dC) === 0) throw new TwinningArgumentError(name, "the changes have zero variance in both groups; no interval or test is defined");
  const welch = welchTTest(dT, dC, resolved);
  const n1 = dT.length;
  const n2 = dC.length;
  const baselineT = mean(treated.before);
  const baselineC = mean(control.before);
  const unit = unitLabel(o.unit);
  const alpha = 1 - resolved.confidence;

  // ANCOVA: after ~ 1 + before + treated, HC2 (van Breukelen 2006; Senn 2006).
  const rows = [...treated.before.map((b) => [1, b, 1]), ...control.before.map((b) => [1, b, 0])];
  const ancova = regressionEstimate(robustOLS(rows, [...treated.after, ...control.after], "HC2"), 2, sign, resolved.confidence, resolved.alternative);

  let clusterRobust: RegressionEstimate | undefined;
  if (treated.clusters !== undefined || control.clusters !== undefined) {
    if (treated.clusters === undefined || control.clusters === undefined) throw new TwinningArgumentError(name, "clusters must be given for both groups or neither");
    const design = [...dT.map(() => [1, 1]), ...dC.map(() => [1, 0])];
    clusterRobust = regressionEstimate(robustOLS(design, [...dT, ...dC], "CR1", [...treated.clusters, ...control.clusters]), 1, 1, resolved.confidence, resolved.alternative);
  }

  const g = hedgesG(dT, dC, { confidence: resolved.confidence });
  const glass = glassDelta(dT, dC, { confidence: resolved.confidence });
  const pooledBaselineSD = Math.sqrt(((n1 - 1) * variance(treated.before) + (n2 - 1) * variance(control.before)) / (n1 + n2 - 2));
  const standardizedChange = {
    estimate: pooledBaselineSD > 0 ? (hedgesJ(n1 + n2 - 2) * welch.estimate) / pooledBaselineSD : Number.NaN,
    standardizer: "pooled baseline SD (Morris 2008, d_ppc2)",
  };
  const permutation = permutationTest(dT, dC, { alternative: resolved.alternative, ...o.permutation });
  const cliff = cliffsDelta(dT, dC, { confidence: resolved.confidence });

  const warnings: string[] = [];
  if (Math.min(n1, n2) < 5) warnings.push(`tiny group (n = ${n1} treated, ${n2} control): every estimate rests on a handful of institutions`);
  if (permutation.minimumPValue > alpha) {
    warnings.push(`unreachable significance: with ${n1} and ${n2} institutions the smallest possible permutation p is ${permutation.minimumPValue.toPrecision(3)}, above alpha = ${alpha}`);
  }
  if (pooledBaselineSD > 0 && Math.abs(baselineT - baselineC) > 0.5 * pooledBaselineSD) {
    warnings.push(
      `baseline imbalance: the groups differed by ${(Math.abs(baselineT - baselineC) / pooledBaselineSD).toFixed(2)} baseline SDs before; the change-score and ANCOVA estimates answer different questions (Lord's paradox)`,
    );
  }
  const significant = (ci: [number, number]) => ci[0] > 0 || ci[1] < 0;
  if (Math.sign(ancova.estimate) !== Math.sign(welch.estimate) || significant(ancova.ci) !== significant(welch.ci)) {
    warnings.push(`the change-score estimate (${welch.estimate.toFixed(2)} ${unit}) and the ANCOVA estimate (${ancova.estimate.toFixed(2)} ${unit}) disagree in sign or significance`);
  }
  if (!Number.isFinite(standardizedChange.estimate)) warnings.push("the pooled baseline SD is 0: the standardised change is undefined");

  let relative: EffectEstimate["relative"];
  if (o.relative) {
    if (baselineT === 0) throw new TwinningArgumentError(name, "relative: the treated group's baseline mean is 0, so a percent of it is undefined");
    const scale = 100 / Math.abs(baselineT);
    relative = {
      estimate: welch.estimate * scale,
      ci: [welch.ci[0] * scale, welch.ci[1] * scale],
      unit: "% of the treated group's baseline mean",
      note: "the Welch interval divided by the baseline mean, taken as fixed (Vickers 2001: analyse raw, convert at the end)",
    };
  }

  return new EffectEstimate({
    label: o.label,
    estimate: welch.estimate,
    unit,
    direction: o.higherIsBetter ? "higher is better" : "lower is better: signs flipped so that improvement is positive",
    ci: welch.ci,
    confidence: resolved.confidence,
    alternative: resolved.alternative,
    method: "Welch",
    statistic: welch.statistic,
    df: welch.df,
    pValue: welch.pValue,
    standardError: welch.standardError,
    n: { treated: n1, control: n2 },
    baseline: { treated: baselineT, control: baselineC, gap: baselineT - baselineC },
    change: { treated: mean(dT), control: mean(dC) },
    ...(relative ? { relative } : {}),
    ancova,
    ...(clusterRobust ? { clusterRobust } : {}),
    hedgesG: { ...g, standardizer: "pooled SD of changes" },
    glassDelta: { ...glass, standardizer: "control group's SD of changes" },
    standardizedChange,
    cliffsDelta: cliff,
    permutation,
    warnings,
  });
}
