/**
 * compareChanges: did the treated group improve more than the control group between two periods?
 * The primary estimate is the difference in mean change with Welch's interval; beside it, the
 * ANCOVA estimate (HC2), standardised effects, Cliff's delta and a permutation p-value, with the
 * warnings a small self-selected comparison needs (STATISTICS.md).
 *
 * Secondary estimates never take the primary one down: when the data cannot give one (every
 * baseline equal, too few clusters, a constant control group), it becomes `{ estimable: false,
 * reason }` and a warning. Values are scaled internally by one power of two (exact), so scores of
 * 1e77 give the same intervals as scores of 1, scaled back.
 */
import { TwinningArgumentError } from "../core/errors.js";
import { checkOptions as checkOptionsContract, OPTION_RULES, type OptionSchema } from "../core/options.js";
import { ascending } from "../core/typedArrays.js";
import { type Alternative, checkSample, magnitude, mean, NotEstimableError, unitScale, variance, ZERO_SPREAD } from "./checks.js";
import { cliffsDelta } from "./cliffsDelta.js";
import { tQuantile } from "./distributions/studentT.js";
import { EffectEstimate, type EffectEstimateData, type NotEstimable, plainNumber, type RegressionEstimate, unitLabel } from "./EffectEstimate.js";
import { robustOLS } from "./regression.js";
import { PERMUTATION_SCHEMA, type PermutationOptions, type PermutationResult, permutationTest } from "./resampling/permutationTest.js";
import { glassDelta, hedgesG, hedgesJ, type StandardizedResult } from "./standardized.js";
import { tInference, welchTTest } from "./welchTTest.js";

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
  /** Unit of the indicator: `%` makes the estimate percentage points ("pp"). Default "score points" (see unitLabel). */
  unit?: string;
  /**
   * Also report the estimate as a percent of the treated group's baseline mean (default false);
   * with a warning when that mean's own interval includes 0, where a percent of it means nothing.
   */
  relative?: boolean;
  /** Options of the permutation test (seed, limits, statistic). */
  permutation?: PermutationOptions;
  /** A label for the comparison (topic id). */
  label?: string;
  /** Called with the share of the work done (0 to 1) during long work (the permutation test). */
  onProgress?: (done: number) => void;
}

/**
 * Defaults of CompareChangesOptions.
 * @example
 * compareChanges(groups, { ...DEFAULT_COMPARE_CHANGES_OPTIONS, confidence: 0.9 })
 */
export const DEFAULT_COMPARE_CHANGES_OPTIONS = Object.freeze({ confidence: 0.95, alternative: "two-sided" as Alternative, higherIsBetter: true, unit: "score points", relative: false, label: "" });

/** The options schema of compareChanges (shared with selectionEffect). */
export const COMPARE_CHANGES_SCHEMA: OptionSchema<CompareChangesOptions> = Object.freeze({
  confidence: OPTION_RULES.confidence,
  alternative: OPTION_RULES.alternative,
  higherIsBetter: { type: "boolean" },
  unit: { type: "string" },
  relative: { type: "boolean" },
  permutation: {
    type: "custom",
    check: (value: unknown) => {
      try {
        checkOptionsContract("permutation", value, PERMUTATION_SCHEMA);
        return undefined;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
  },
  label: { type: "string" },
  onProgress: { type: "function" },
});

export { unitLabel };

function regressionEstimate(fit: ReturnType<typeof robustOLS>, index: number, sign: number, unscale: number, confidence: number, alternative: Alternative, names: readonly string[], unit: string): RegressionEstimate | NotEstimable {
  if (fit.aliased.includes(index)) return { estimable: false, reason: `the ${names[index]} column is aliased with the others` };
  const estimate = sign * (fit.coefficients[index] as number);
  const standardError = fit.standardErrors[index] as number;
  if (!(standardError > 0) || !Number.isFinite(estimate)) {
    // Residuals of rounding size are 0 (robustOLS): the fit is exact, so the coefficient has no
    // error to speak of; it is said, 0 when it is rounding noise itself.
    return { estimable: false, reason: standardError === 0 ? `exact fit (residuals 0 to within rounding): ${plainNumber(Math.abs(estimate) > ZERO_SPREAD ? estimate / unscale : 0, 3)} ${unit}, no standard error` : "the standard error is undefined" };
  }
  const inference = tInference(estimate, standardError, fit.df, { confidence, alternative });
  return {
    estimable: true,
    estimate: estimate / unscale,
    standardError: standardError / unscale,
    ci: [inference.ci[0] / unscale, inference.ci[1] / unscale],
    pValue: inference.pValue,
    df: fit.df,
    covariance: fit.covariance,
    ...(fit.clusters !== undefined ? { clusters: fit.clusters } : {}),
    ...(fit.aliased.length > 0 ? { dropped: fit.aliased.map((c) => names[c] as string) } : {}),
  };
}

/**
 * Changes that differ by rounding noise only become one value, so every estimator sees the same
 * zeros, ties and constant groups. Each change carries its own tolerance: ZERO_SPREAD times the
 * larger of its unit's two scores (a change cannot be known more finely than the scores it is the
 * difference of). The most precise changes come first (smallest tolerance, then smallest size):
 * each joins the nearest value already kept, 0 included, when the gap is within the two
 * tolerances together, or is kept as a value of its own. A kept value ends as the midrange of its
 * most precise members (0 stays 0). No chains: a noisy change joins a precise value, never links
 * two (0.01 beside 100 - 99.99 is one value, as it is within the latter's noise; a unit at 1e9
 * leaves changes of 1e-6 and 0 on scores near 0.5 apart). The order depends on tolerances and
 * sizes only, so neither the rows' order nor the direction (higherIsBetter) changes the result.
 * Rejected: one tolerance from the largest score of either group, in row order (one institution at
 * 1e9 turned changes of 1e-5 on scores near 0.5 into zeros, and reversed rows gave 2.75e-5
 * against 3.25e-5; review of stop 19); clusters of sorted neighbours (they chain, and with the
 * smaller tolerance of two neighbours noise survived: p < .001 from 5e-15; review).
 */
export function settle(changes: readonly number[], tolerances: readonly number[]): number[] {
  const change = (i: number) => changes[i] as number;
  const tolerance = (i: number) => tolerances[i] as number;
  const order = changes.map((_, i) => i).sort((i, j) => tolerance(i) - tolerance(j) || Math.abs(change(i)) - Math.abs(change(j)) || change(i) - change(j));
  // Kept values by value: their value, tolerance, members and place in the order kept (the first is
  // an exact 0). A kept value's tolerance is at most the change's (the order), so the values it may
  // join lie within twice its tolerance: a binary search and a short scan, where a scan of every
  // kept value took 1.8 s at 20,000 units (review). Searched within 4 times, for rounding.
  type Kept = { value: number; tolerance: number; members: number[]; index: number };
  const kept: Kept[] = [{ value: 0, tolerance: 0, members: [], index: 0 }];
  for (const i of order) {
    const value = change(i);
    const reach = 4 * tolerance(i);
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((kept[middle] as Kept).value < value - reach) low = middle + 1;
      else high = middle;
    }
    let nearest: Kept | undefined;
    let best = Number.POSITIVE_INFINITY;
    for (let p = low; p < kept.length && (kept[p] as Kept).value <= value + reach; p++) {
      const candidate = kept[p] as Kept;
      const gap = Math.abs(value - candidate.value);
      // The nearest, ties to the one kept first.
      if (gap <= tolerance(i) + candidate.tolerance && (nearest === undefined || gap < best || (gap === best && candidate.index < nearest.index))) {
        nearest = candidate;
        best = gap;
      }
    }
    if (nearest !== undefined) nearest.members.push(i);
    else {
      while (low < kept.length && (kept[low] as Kept).value < value) low++;
      kept.splice(low, 0, { value, tolerance: tolerance(i), members: [i], index: kept.length });
    }
  }
  const settled = new Array<number>(changes.length);
  for (const { members, index } of kept) {
    const precise = members.filter((i) => tolerance(i) === tolerance(members[0] as number)).map(change);
    // A loop, not Math.min(...): a spread of 150,000 arguments overflows the stack.
    const value = index === 0 ? 0 : (precise.reduce((a, b) => Math.min(a, b)) + precise.reduce((a, b) => Math.max(a, b))) / 2;
    for (const i of members) settled[i] = value;
  }
  return settled;
}

/** A group's units sorted by baseline, then endline, then cluster label (a copy). */
function canonicalUnits(group: GroupChanges): GroupChanges {
  const { before, after, clusters } = group;
  const order = before.map((_, i) => i).sort((i, j) => (before[i] as number) - (before[j] as number) || (after[i] as number) - (after[j] as number) || ascending(clusters?.[i] ?? "", clusters?.[j] ?? ""));
  return {
    ...group,
    before: order.map((i) => before[i] as number),
    after: order.map((i) => after[i] as number),
    ...(clusters !== undefined ? { clusters: order.map((i) => clusters[i] as string) } : {}),
  };
}

/** A secondary estimate, or the reason it cannot be had (argument errors of the data only). */
function secondary<T>(compute: () => T): T | NotEstimable {
  try {
    return compute();
  } catch (error) {
    if (error instanceof TwinningArgumentError) return { estimable: false, reason: error.message };
    throw error;
  }
}

/**
 * @throws {TwinningArgumentError} for wrong options or samples; NotEstimableError (a
 *   TwinningArgumentError) when the changes vary in neither group, so no test is defined.
 * @example
 * compareChanges({ treated: { before: [60, 55, 62, 58], after: [70, 64, 71, 66] },
 *                  control: { before: [61, 66, 59, 64, 70, 57], after: [64, 68, 62, 66, 73, 60] } },
 *                { unit: "score" }).toString()
 */
export function compareChanges(groups: { treated: GroupChanges; control: GroupChanges }, options: CompareChangesOptions = {}): EffectEstimate {
  return new EffectEstimate(compareChangesData("compareChanges", groups, options));
}

/** The plain data of compareChanges (selectionEffect adds members and periods before constructing). */
export function compareChangesData(name: string, groups: { treated: GroupChanges; control: GroupChanges }, options: CompareChangesOptions = {}): EffectEstimateData {
  const o = { ...DEFAULT_COMPARE_CHANGES_OPTIONS, ...checkOptionsContract<CompareChangesOptions>(name, options, COMPARE_CHANGES_SCHEMA) };
  if (groups === null || typeof groups !== "object" || !groups.treated || !groups.control) throw new TwinningArgumentError(name, "expected { treated: { before, after }, control: { before, after } }");
  // Checked copies (typed arrays become plain arrays of doubles); the caller's objects stay as they are.
  groups = {
    treated: { ...groups.treated, before: checkSample(name, "treated.before", groups.treated.before), after: checkSample(name, "treated.after", groups.treated.after) },
    control: { ...groups.control, before: checkSample(name, "control.before", groups.control.before), after: checkSample(name, "control.after", groups.control.after) },
  };
  for (const [label, group] of [["treated", groups.treated], ["control", groups.control]] as const) {
    if (group.before.length !== group.after.length) {
      throw new TwinningArgumentError(name, `${label}.before has ${group.before.length} values but ${label}.after has ${group.after.length}; each unit needs both`);
    }
    if (group.clusters !== undefined && group.clusters.length !== group.before.length) {
      throw new TwinningArgumentError(name, `${label}.clusters has ${group.clusters.length} labels for ${group.before.length} units`);
    }
  }
  if ((groups.treated.clusters === undefined) !== (groups.control.clusters === undefined)) throw new TwinningArgumentError(name, "clusters must be given for both groups or neither");
  // Units in one canonical order (baseline, endline, cluster): every estimate is a symmetric
  // function of a group's units, yet sums, the regression and the permutation draws round by
  // order; rows in reverse gave ANCOVA estimates differing in the fifth digit at baselines of 1e8.
  const treated = canonicalUnits(groups.treated);
  const control = canonicalUnits(groups.control);
  const confidence = o.confidence;
  const alternative = o.alternative;
  const sign = o.higherIsBetter ? 1 : -1;
  const unit = unitLabel(o.unit);
  // One power of two for every value: exact, and keeps squares of 1e77 far from overflow.
  const largest = Math.max(magnitude(treated.before), magnitude(treated.after), magnitude(control.before), magnitude(control.after));
  const scale = unitScale(largest);
  const scaled = (values: readonly number[]) => values.map((value) => value * scale);
  const bT = scaled(treated.before);
  const aT = scaled(treated.after);
  const bC = scaled(control.before);
  const aC = scaled(control.after);
  // Rounding is judged on the scale of the scores, not of the changes: 100 * n / 997 and
  // n / 997 * 100 differ by 1e-14, which, divided by a spread of 1e-14, was "significant".
  const befores = [...bT, ...bC];
  const afters = [...aT, ...aC];
  const changes = settle(
    afters.map((after, i) => sign * (after - (befores[i] as number))),
    afters.map((after, i) => ZERO_SPREAD * Math.max(Math.abs(after), Math.abs(befores[i] as number))),
  );
  const dT = changes.slice(0, aT.length);
  const dC = changes.slice(aT.length);
  if (variance(dT) === 0 && variance(dC) === 0) {
    throw new NotEstimableError(name, `the changes have zero variance in both groups (to within rounding of the scores${changes.some((d) => d !== 0) ? "" : "; every change is 0"}); no interval or test is defined`);
  }
  const welch = welchTTest(dT, dC, { confidence, alternative });
  const n1 = dT.length;
  const n2 = dC.length;
  const baselineT = mean(bT);
  const baselineC = mean(bC);
  const alpha = 1 - confidence;
  const warnings: string[] = [];

  // ANCOVA: after ~ 1 + before + treated, HC2 (van Breukelen 2006; Senn 2006). An aliased
  // baseline (all equal) is dropped, as a pseudo-inverse fit does.
  const ancova = secondary(() => {
    // The baseline column centred on its midrange (exact for a constant column: (b + b) / 2 = b):
    // the group's coefficient and its HC2 error are the same in exact arithmetic, while baselines
    // of 1e6 +- 1 beside the intercept made the normal equations lose every digit of the error
    // (270 for 0.168; review of stop 19).
    const centre = (Math.min(...befores) + Math.max(...befores)) / 2;
    const rows = [...bT.map((b) => [1, b - centre, 1]), ...bC.map((b) => [1, b - centre, 0])];
    return regressionEstimate(robustOLS(rows, afters, "HC2", undefined, { aliased: "drop" }), 2, sign, scale, confidence, alternative, ["intercept", "baseline", "group"], unit);
  });
  if (ancova.estimable && ancova.dropped !== undefined) warnings.push(`ANCOVA: the ${ancova.dropped.join(" and ")} column is aliased (every baseline equal, relative to scale) and was dropped`);
  if (!ancova.estimable) warnings.push(`ANCOVA not estimable: ${ancova.reason}`);

  let clusterRobust: RegressionEstimate | NotEstimable | undefined;
  if (treated.clusters !== undefined && control.clusters !== undefined) {
    const labels = [...treated.clusters, ...control.clusters];
    clusterRobust = secondary(() => {
      const design = [...dT.map(() => [1, 1]), ...dC.map(() => [1, 0])];
      return regressionEstimate(robustOLS(design, [...dT, ...dC], "CR1", labels), 1, 1, scale, confidence, alternative, ["intercept", "group"], unit);
    });
    if (!clusterRobust.estimable) warnings.push(`cluster-robust error not estimable: ${clusterRobust.reason}`);
  }

  const g = hedgesG(dT, dC, { confidence });
  const glass: StandardizedResult | NotEstimable = secondary(() => ({ ...glassDelta(dT, dC, { confidence }), standardizer: "control group's SD of changes" }));
  if ("estimable" in glass && !glass.estimable) warnings.push("Glass's delta not estimable: the control group's changes do not vary");
  const pooledBaselineSD = Math.sqrt(((n1 - 1) * variance(bT) + (n2 - 1) * variance(bC)) / (n1 + n2 - 2));
  const standardizedChange = {
    estimate: pooledBaselineSD > 0 ? (hedgesJ(n1 + n2 - 2) * welch.estimate) / pooledBaselineSD : null,
    standardizer: "pooled baseline SD (Morris 2008, d_ppc2)",
  };
  const permutationScaled = permutationTest(dT, dC, { alternative, ...o.permutation, ...(o.onProgress !== undefined ? { onProgress: o.onProgress } : {}) });
  const permutation: PermutationResult = { ...permutationScaled, statistic: permutationScaled.statistic / (permutationScaled.method.includes("Welch t") ? 1 : scale) };
  const cliff = cliffsDelta(dT, dC, { confidence });

  if (Math.min(n1, n2) < 5) warnings.push(`tiny group (n = ${n1} treated, ${n2} control): every estimate rests on a handful of institutions`);
  if (permutation.minimumPValue > alpha) {
    warnings.push(`unreachable significance: with ${n1} and ${n2} institutions the smallest possible permutation p is ${plainNumber(permutation.minimumPValue, 3)}, above alpha = ${plainNumber(alpha)}`);
  }
  if (pooledBaselineSD > 0 && Math.abs(baselineT - baselineC) > 0.5 * pooledBaselineSD) {
    warnings.push(
      `baseline imbalance: the groups differed by ${(Math.abs(baselineT - baselineC) / pooledBaselineSD).toFixed(2)} baseline SDs before; the change-score and ANCOVA estimates answer different questions (Lord's paradox)`,
    );
  }
  if (pooledBaselineSD === 0 && baselineT !== baselineC) warnings.push("baseline imbalance: every institution had the same baseline within its group, and the groups differed; baseline SDs are 0");
  const significant = (ci: readonly [number, number]) => ci[0] > 0 || ci[1] < 0;
  if (ancova.estimable) {
    // Say which disagreement, with digits enough to tell the two apart (new-user review: "0.04 pp
    // against 0.04 pp ... disagree in sign or significance").
    const changeScore = welch.estimate / scale;
    const changeCI: [number, number] = [welch.ci[0] / scale, welch.ci[1] / scale];
    const shown = (value: number) => `${plainNumber(value, 3)} ${unit}`;
    const interval = (ci: readonly [number, number]) => `[${plainNumber(ci[0], 3)}, ${plainNumber(ci[1], 3)}]`;
    // An estimate within 1e-9 of its standard error of 0 is 0 here: identical groups gave a change
    // score of 0 and an ANCOVA estimate of -1.8e-14 (rounding), reported as a disagreement (review).
    const signOf = (estimate: number, standardError: number) => (Math.abs(estimate) <= 1e-9 * standardError ? 0 : Math.sign(estimate));
    const changeSign = signOf(welch.estimate, welch.standardError);
    const ancovaSign = signOf(ancova.estimate, ancova.standardError);
    if (changeSign !== ancovaSign) {
      warnings.push(`the change-score estimate (${shown(changeScore)}) and the ANCOVA estimate (${shown(ancova.estimate)}) ${changeSign === 0 || ancovaSign === 0 ? "disagree in sign (one is 0 up to rounding)" : "have opposite signs"}; report both`);
    } else if (significant(ancova.ci) !== significant(changeCI)) {
      const change = `the change-score interval ${interval(changeCI)}`;
      const adjusted = `the ANCOVA interval ${interval(ancova.ci)}`;
      const [excludes, includes] = significant(changeCI) ? [change, adjusted] : [adjusted, change];
      warnings.push(`the change-score and ANCOVA estimates disagree in significance: at ${plainNumber(100 * confidence, 6)}% ${excludes} excludes 0, ${includes} includes it; report both`);
    }
  }
  if (standardizedChange.estimate === null) warnings.push("the pooled baseline SD is 0: the standardised change is undefined");

  let relative: EffectEstimateData["relative"];
  if (o.relative) {
    const mean = "the treated group's baseline mean";
    if (baselineT === 0) throw new NotEstimableError(name, `relative: ${mean} is 0, so a percent of it is undefined`);
    const percent = 100 / Math.abs(baselineT);
    // Fieller (1954): a ratio has a bounded interval only when its denominator is significantly
    // away from 0; baselines [-1, 1, 0.0001] gave 7,999,900 % +- 18,000,000 % without a word.
    if (Math.abs(baselineT) < tQuantile(1 - alpha / 2, n1 - 1) * Math.sqrt(variance(bT) / n1)) {
      warnings.push(`relative: ${mean} (${plainNumber(baselineT / scale, 3)}) is not clearly away from 0 (its ${plainNumber(100 * confidence)}% CI includes 0), so the percent and its interval mean nothing (Fieller 1954)`);
    }
    relative = {
      estimate: welch.estimate * percent,
      ci: [welch.ci[0] * percent, welch.ci[1] * percent],
      unit: `% of ${mean}`,
      note: "the Welch interval divided by the baseline mean, taken as fixed (Vickers 2001: analyse raw, convert at the end)",
    };
  }

  return {
    label: o.label,
    estimate: welch.estimate / scale,
    unit,
    direction: o.higherIsBetter ? "higher is better" : "lower is better: signs flipped so that improvement is positive",
    ci: [welch.ci[0] / scale, welch.ci[1] / scale],
    confidence,
    alternative,
    method: "Welch",
    statistic: welch.statistic,
    df: welch.df,
    pValue: welch.pValue,
    standardError: welch.standardError / scale,
    n: { treated: n1, control: n2 },
    baseline: { treated: baselineT / scale, control: baselineC / scale, gap: (baselineT - baselineC) / scale },
    change: { treated: mean(dT) / scale, control: mean(dC) / scale },
    ...(relative ? { relative } : {}),
    ancova,
    ...(clusterRobust ? { clusterRobust } : {}),
    hedgesG: { ...g, standardizer: "pooled SD of changes" },
    glassDelta: glass,
    standardizedChange,
    cliffsDelta: cliff,
    permutation,
    warnings,
  };
}
