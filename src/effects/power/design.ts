/**
 * The design of an evaluation before it starts: who is compared (group sizes, or the institutions
 * and how many are expected to choose the topic), how variable the indicator is (its SD, the
 * baseline-endline correlation, or the SD of the change directly), optional clusters (provinces)
 * with an intraclass correlation, how many topics are tested (Bonferroni alpha / m, Holm's first
 * step), alpha, the direction and the test. `resolveDesign` checks it once and derives the
 * quantities every power computation needs.
 */
import { TwinningArgumentError } from "../../core/errors.js";
import { type OptionSchema, checkOptions } from "../../core/options.js";

/** The tests whose power is computed: the ones compareChanges and selectionEffect run. */
export type PowerTest = "welch" | "pooled" | "permutation" | "ancova" | "cluster";

/**
 * The tests, in the order the documentation lists them.
 * @example POWER_TESTS.includes("ancova") // true
 */
export const POWER_TESTS: readonly PowerTest[] = Object.freeze(["welch", "pooled", "permutation", "ancova", "cluster"]);

/** A planned evaluation: group sizes, variability, clusters, multiplicity, alpha and the test. */
export interface EvaluationDesign {
  /** Institutions expected to choose the topic (the treated group). */
  treated?: number;
  /** Institutions expected not to choose it (the comparison group). */
  control?: number;
  /** Alternatively: all institutions compared ... */
  institutions?: number;
  /** ... and how many of them are expected to choose the topic (treated = this, control = the rest). */
  expectedChoosers?: number;
  /** Between-institution SD of the indicator at one time point, in the indicator's unit. */
  sd?: number;
  /** Correlation of an institution's baseline and endline values (needed with `sd`). */
  correlation?: number;
  /** SD of the change endline - baseline, when known directly (else sd * sqrt(2 (1 - correlation))). */
  sdChange?: number;
  /** SD of the treated group over that of the control group (default 1); Welch allows unequal SDs. */
  sdRatio?: number;
  /** Number of clusters (e.g. provinces) the institutions fall in; the cluster-robust test needs it. */
  clusters?: number;
  /** Intraclass correlation of the change within clusters (default 0 when clusters are given). */
  icc?: number;
  /** Topics tested together (default 1): alpha is divided by this (Bonferroni, Holm's first step). */
  topics?: number;
  /** Significance level before the adjustment for topics (default 0.05). */
  alpha?: number;
  /** `two-sided` (default) or `greater` (only an improvement among choosers counts). */
  alternative?: "two-sided" | "greater";
  /** The test (default `welch`): Welch difference in change, pooled t, exact permutation, ANCOVA with HC2, cluster-robust CR1. */
  test?: PowerTest;
  /** Unit of the indicator, for messages (default "points"; "pp" for percentages). */
  unit?: string;
}

/**
 * Defaults of the optional fields of EvaluationDesign.
 * @example minimumDetectableEffect({ ...DEFAULT_DESIGN, treated: 4, control: 6, sdChange: 5 })
 */
export const DEFAULT_DESIGN = Object.freeze({ topics: 1, alpha: 0.05, alternative: "two-sided" as "two-sided" | "greater", test: "welch" as PowerTest, sdRatio: 1, unit: "points" });

const DESIGN_SCHEMA: OptionSchema<EvaluationDesign> = {
  treated: { type: "number", integer: true, min: 1 },
  control: { type: "number", integer: true, min: 1 },
  institutions: { type: "number", integer: true, min: 2 },
  expectedChoosers: { type: "number", integer: true, min: 1 },
  sd: { type: "number", above: 0 },
  correlation: { type: "number", min: -1, below: 1 },
  sdChange: { type: "number", above: 0 },
  sdRatio: { type: "number", above: 0 },
  clusters: { type: "number", integer: true, min: 2 },
  icc: { type: "number", min: 0, below: 1 },
  topics: { type: "number", integer: true, min: 1 },
  alpha: { type: "number", above: 0, below: 1 },
  alternative: { type: "enum", values: ["two-sided", "greater"] },
  test: { type: "enum", values: POWER_TESTS },
  unit: { type: "string" },
};

/** A checked design with everything derived: sizes, SDs of the change, the adjusted alpha. */
export interface ResolvedDesign {
  treated: number;
  control: number;
  /** SD of the change in the control group (the standardiser of every standardised effect). */
  sdChange: number;
  /** Between-institution SD at one time point, when known (ANCOVA needs it). */
  sd?: number;
  correlation?: number;
  sdRatio: number;
  clusters?: number;
  icc: number;
  topics: number;
  alpha: number;
  /** alpha / topics: the level each topic is tested at. */
  adjustedAlpha: number;
  alternative: "two-sided" | "greater";
  test: PowerTest;
  unit: string;
}

/**
 * Checks a design and derives sizes, the SD of the change and the adjusted alpha.
 * @throws {TwinningArgumentError} naming `caller`, for unknown or out-of-range fields, missing sizes or variability.
 * @example resolveDesign("myPlanner", { treated: 4, control: 6, sd: 10, correlation: 0.6 }).sdChange // 8.944...
 */
export function resolveDesign(caller: string, design: unknown): ResolvedDesign {
  if (design === null || typeof design !== "object" || Array.isArray(design)) throw new TwinningArgumentError(caller, "design must be an object such as { treated: 4, control: 6, sd: 10, correlation: 0.6 }");
  const d = { ...DEFAULT_DESIGN, ...checkOptions(`${caller} design`, design, DESIGN_SCHEMA) };
  let treated: number;
  let control: number;
  const sizes = "treated and control, or institutions and expectedChoosers";
  if (d.treated !== undefined || d.control !== undefined) {
    if (d.treated === undefined || d.control === undefined) throw new TwinningArgumentError(caller, `design: give both ${sizes}`);
    if (d.institutions !== undefined || d.expectedChoosers !== undefined) throw new TwinningArgumentError(caller, `design: give ${sizes}, not both`);
    treated = d.treated;
    control = d.control;
  } else {
    if (d.institutions === undefined || d.expectedChoosers === undefined) throw new TwinningArgumentError(caller, `design: group sizes are missing; give ${sizes}`);
    if (d.expectedChoosers >= d.institutions) throw new TwinningArgumentError(caller, `design: expectedChoosers (${d.expectedChoosers}) must be fewer than institutions (${d.institutions})`);
    treated = d.expectedChoosers;
    control = d.institutions - d.expectedChoosers;
  }
  const minimum = d.test === "permutation" ? 1 : 2;
  if (treated < minimum || control < minimum) throw new TwinningArgumentError(caller, `design: the ${d.test} test needs at least ${minimum} institutions per group, got ${treated} and ${control}`);
  if (d.test === "ancova" && treated + control < 4) throw new TwinningArgumentError(caller, "design: ANCOVA needs at least 4 institutions in all");
  let sdChange: number;
  if (d.sdChange !== undefined) {
    sdChange = d.sdChange;
    if (d.sd !== undefined && d.correlation !== undefined) {
      const implied = d.sd * Math.sqrt(2 * (1 - d.correlation));
      if (Math.abs(implied - sdChange) > 1e-9 * sdChange) throw new TwinningArgumentError(caller, `design: sdChange ${sdChange} contradicts sd ${d.sd} with correlation ${d.correlation} (which give ${implied}); give one or the other`);
    }
  } else {
    if (d.sd === undefined || d.correlation === undefined) {
      throw new TwinningArgumentError(caller, "design: the variability is missing; give sd and correlation (baseline-endline), or sdChange (designFromNetwork estimates them from earlier periods)");
    }
    sdChange = d.sd * Math.sqrt(2 * (1 - d.correlation));
    // sd 1e308 with correlation -0.9 overflowed to an SD of Infinity, accepted (review).
    if (!Number.isFinite(sdChange)) throw new TwinningArgumentError(caller, `design: sd ${d.sd} with correlation ${d.correlation} gives an SD of the change beyond the double range`);
  }
  if (d.test === "ancova" && (d.sd === undefined || d.correlation === undefined)) throw new TwinningArgumentError(caller, "design: ANCOVA needs sd and correlation (the baseline is its covariate), not only sdChange");
  if (d.test === "cluster" && d.clusters === undefined) throw new TwinningArgumentError(caller, "design: the cluster test needs clusters (the number of provinces or other clusters)");
  if (d.icc !== undefined && d.clusters === undefined) throw new TwinningArgumentError(caller, "design: icc is given without clusters");
  if (d.clusters !== undefined && d.clusters > treated + control) throw new TwinningArgumentError(caller, `design: ${d.clusters} clusters for ${treated + control} institutions`);
  return {
    treated,
    control,
    sdChange,
    ...(d.sd !== undefined ? { sd: d.sd } : {}),
    ...(d.correlation !== undefined ? { correlation: d.correlation } : {}),
    sdRatio: d.sdRatio,
    ...(d.clusters !== undefined ? { clusters: d.clusters } : {}),
    icc: d.icc ?? 0,
    topics: d.topics,
    alpha: d.alpha,
    adjustedAlpha: d.alpha / d.topics,
    alternative: d.alternative,
    test: d.test,
    unit: d.unit,
  };
}

/**
 * The test's name in sentences.
 * @example testName("welch") // "Welch t test of the difference in change"
 */
export function testName(test: PowerTest): string {
  const change = " test of the difference in change";
  switch (test) {
    case "welch":
      return `Welch t${change}`;
    case "pooled":
      return `pooled-variance t${change}`;
    case "permutation":
      return "exact permutation test of the difference in mean change";
    case "ancova":
      return "ANCOVA (endline on baseline and group) with HC2 standard errors";
    case "cluster":
      return `cluster-robust (CR1, t with G - 1 df)${change}`;
  }
}
