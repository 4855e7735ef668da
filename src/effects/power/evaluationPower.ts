/**
 * evaluationPower and minimumDetectableEffect: what an evaluation with a handful of institutions
 * per group can detect, for the tests the library runs (Welch, pooled t, exact permutation,
 * ANCOVA with HC2, cluster-robust CR1), with the multiple-topic adjustment.
 *
 * Power is by formula where one exists (noncentral t: exact for the pooled t with equal SDs; the
 * Satterthwaite-df approximation for Welch) and otherwise by seeded simulation with the library's
 * own test functions, with the Monte Carlo standard error. The minimum detectable effect inverts
 * the power curve: Brent's method on the formula (tolerance 1e-10 in SDs of the change by
 * default), bisection on the simulated curve (common random numbers; tolerance 0.001 SD, 0.002 for
 * the permutation test).
 */
import { deepFreeze } from "../../core/freeze.js";
import { INSPECT } from "../../core/display.js";
import { TwinningArgumentError } from "../../core/errors.js";
import { type OptionSchema, checkOptions } from "../../core/options.js";
import { brent } from "../brent.js";
import { unitLabel } from "../compareChanges.js";
import { type EvaluationDesign, type ResolvedDesign, resolveDesign, testName } from "./design.js";
import { pooledScale, tTestPower, welchScale } from "./exactPower.js";
import { type SimulationSettings, type Simulator, permutationPlan, simulator } from "./simulatePower.js";

/**
 * How power is computed: `auto` (the formula where it is exact or, for Welch, where both groups have
 * at least WELCH_FORMULA_MINIMUM institutions; else simulation), `formula` or `simulation`.
 */
export type PowerMethod = "auto" | "formula" | "simulation";

/** Options of evaluationPower: the effect (in the indicator's unit or standardised) and how to compute. */
export interface EvaluationPowerOptions {
  /** The true difference in mean change, in the indicator's unit (give this or standardizedEffect). */
  effect?: number;
  /** The true difference in SDs of the change (control group). */
  standardizedEffect?: number;
  /** `auto` (default), `formula` (throws when no formula exists) or `simulation`. */
  method?: PowerMethod;
  /** Simulated data sets (default 2,000). */
  simulations?: number;
  /** Seed of the simulation (default 0). */
  seed?: number;
  /** The permutation test enumerates every split up to this many (default 20,000), else draws permutations. */
  permutationExactLimit?: number;
  /** Monte Carlo permutations per simulated data set above that limit (default 999; raised to 20 / (alpha per tail) - 1). */
  permutationResamples?: number;
}

/** Options of minimumDetectableEffect. */
export interface MinimumDetectableEffectOptions extends Omit<EvaluationPowerOptions, "effect" | "standardizedEffect"> {
  /** Target power (default 0.8). */
  power?: number;
  /** Search tolerance in SDs of the change (default 1e-10 by formula, 0.001 simulated, 0.002 simulated permutation). */
  tolerance?: number;
}

/**
 * Defaults of EvaluationPowerOptions and MinimumDetectableEffectOptions.
 * @example minimumDetectableEffect(design, { ...DEFAULT_POWER_OPTIONS, power: 0.9 })
 */
export const DEFAULT_POWER_OPTIONS = Object.freeze({ method: "auto" as PowerMethod, simulations: 2000, seed: 0, permutationExactLimit: 20_000, permutationResamples: 999, power: 0.8 });

const COMMON_SCHEMA = {
  method: { type: "enum", values: ["auto", "formula", "simulation"] },
  simulations: { type: "number", integer: true, min: 10, max: 10_000_000 },
  seed: { type: "seed" },
  permutationExactLimit: { type: "number", integer: true, min: 1 },
  permutationResamples: { type: "number", integer: true, min: 99 },
} as const;

const POWER_SCHEMA: OptionSchema<EvaluationPowerOptions> = { ...COMMON_SCHEMA, effect: { type: "number" }, standardizedEffect: { type: "number" } };
const MDE_SCHEMA: OptionSchema<MinimumDetectableEffectOptions> = { ...COMMON_SCHEMA, power: { type: "number", above: 0, below: 1 }, tolerance: { type: "number", above: 0, max: 1 } };

/** Plain data of a power computation. */
export interface PowerData {
  design: ResolvedDesign;
  /** The true difference in mean change assumed, in `unit`. */
  effect: number;
  unit: string;
  /** effect / sdChange. */
  standardizedEffect: number;
  standardizer: string;
  power: number;
  /** Whether the power came from a formula (no Monte Carlo error), else from simulation. */
  byFormula: boolean;
  /** E.g. "noncentral t, pooled (exact)" or "simulation: welchTTest on 2,000 simulated data sets, seed 0". */
  method: string;
  /** Monte Carlo standard error of a simulated power. */
  monteCarloSE?: number;
  simulations?: number;
  seed?: number;
  /** Degrees of freedom and noncentrality of the formula. */
  df?: number;
  noncentrality?: number;
  /** How alpha was adjusted for the topics. */
  adjustment: string;
  warnings: string[];
}

/** Plain data of a minimum detectable effect. */
export interface DetectableEffectData {
  design: ResolvedDesign;
  /** Target power. */
  targetPower: number;
  /** Smallest true difference in mean change detected with the target power, in `unit`; Infinity when none is. */
  effect: number;
  unit: string;
  /** effect / sdChange. */
  standardizedEffect: number;
  standardizer: string;
  /** effect / sd (between-institution SD at one time point), when sd is known. */
  effectPerSD?: number;
  /** Power at the effect found (by formula, or simulated on the same data sets). */
  achievedPower: number;
  monteCarloSE?: number;
  /** Whether the search ran on a formula (else on simulated power). */
  byFormula: boolean;
  method: string;
  /** The search stops when the bracket is narrower than this, in SDs of the change ... */
  tolerance: number;
  /** ... and in the indicator's unit. */
  toleranceInUnit: number;
  simulations?: number;
  seed?: number;
  adjustment: string;
  warnings: string[];
}

const STANDARDIZER = "SD of the change (control group)";

const pct = (p: number) => `${(100 * p).toFixed(1)}%`;
const num = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : x > 0 ? "Inf" : "-Inf");

/**
 * The power of a planned evaluation at one effect: frozen, with warnings, toJSON and fromJSON.
 * @example evaluationPower({ treated: 4, control: 6, sd: 10, correlation: 0.6 }, { effect: 10 }).toString()
 */
export class EvaluationPower implements PowerData {
  declare readonly design: ResolvedDesign;
  declare readonly effect: number;
  declare readonly unit: string;
  declare readonly standardizedEffect: number;
  declare readonly standardizer: string;
  declare readonly power: number;
  declare readonly byFormula: boolean;
  declare readonly method: string;
  declare readonly monteCarloSE?: number;
  declare readonly simulations?: number;
  declare readonly seed?: number;
  declare readonly df?: number;
  declare readonly noncentrality?: number;
  declare readonly adjustment: string;
  declare readonly warnings: string[];

  constructor(data: PowerData) {
    Object.assign(this, structuredClone(data));
    deepFreeze(this);
  }

  /** Restores a result from toJSON's data (or its JSON text). */
  static fromJSON(json: PowerData | string): EvaluationPower {
    return new EvaluationPower(typeof json === "string" ? (JSON.parse(json) as PowerData) : json);
  }

  /** Plain data (what JSON.stringify writes); a deep copy. */
  toJSON(): PowerData {
    return structuredClone({ ...this }) as PowerData;
  }

  /** One sentence: the power, the design and how it was computed. */
  toString(): string {
    const d = this.design;
    const mc = this.monteCarloSE === undefined ? "" : ` (Monte Carlo SE ${pct(this.monteCarloSE)})`;
    return `power ${pct(this.power)}${mc} to detect ${num(this.effect)} ${this.unit} (${num(this.standardizedEffect)} SD of the change) with ${d.treated} against ${d.control} institutions, ${testName(d.test)}, alpha ${num(d.adjustedAlpha)}${d.topics > 1 ? ` (${num(d.alpha)} / ${d.topics} topics)` : ""}; ${this.method}`;
  }
  /** The sentence and warnings, for util.inspect (Node REPL, tslab). */
  [INSPECT](): string {
    return `EvaluationPower: ${this.toString()}${this.warnings.length > 0 ? `\n  warnings: ${this.warnings.join("; ")}` : ""}`;
  }

}

/**
 * The minimum detectable effect of a planned evaluation: frozen, with warnings, toJSON and fromJSON.
 * @example minimumDetectableEffect({ treated: 4, control: 6, sd: 10, correlation: 0.6 }).effect
 */
export class DetectableEffect implements DetectableEffectData {
  declare readonly design: ResolvedDesign;
  declare readonly targetPower: number;
  declare readonly effect: number;
  declare readonly unit: string;
  declare readonly standardizedEffect: number;
  declare readonly standardizer: string;
  declare readonly effectPerSD?: number;
  declare readonly achievedPower: number;
  declare readonly monteCarloSE?: number;
  declare readonly byFormula: boolean;
  declare readonly method: string;
  declare readonly tolerance: number;
  declare readonly toleranceInUnit: number;
  declare readonly simulations?: number;
  declare readonly seed?: number;
  declare readonly adjustment: string;
  declare readonly warnings: string[];

  constructor(data: DetectableEffectData) {
    Object.assign(this, structuredClone(data));
    deepFreeze(this);
  }

  /** Restores a result from toJSON's data (or its JSON text). JSON writes Infinity as null; it is read back as Infinity. */
  static fromJSON(json: DetectableEffectData | string): DetectableEffect {
    const data = typeof json === "string" ? (JSON.parse(json) as DetectableEffectData) : json;
    const infinite = (x: number | null) => (x === null ? Number.POSITIVE_INFINITY : x);
    return new DetectableEffect({ ...data, effect: infinite(data.effect), standardizedEffect: infinite(data.standardizedEffect), ...(data.effectPerSD !== undefined ? { effectPerSD: infinite(data.effectPerSD) } : {}) });
  }

  /** Plain data (what JSON.stringify writes); a deep copy. */
  toJSON(): DetectableEffectData {
    return structuredClone({ ...this }) as DetectableEffectData;
  }

  /** One sentence: the smallest detectable difference, the design and the search tolerance. */
  toString(): string {
    const d = this.design;
    if (!Number.isFinite(this.effect)) return `with ${d.treated} against ${d.control} institutions no effect is detectable at ${pct(this.targetPower)} power (${testName(d.test)}, alpha ${num(d.adjustedAlpha)})`;
    return `with ${d.treated} against ${d.control} institutions, only differences in change above ${num(this.effect)} ${this.unit} (${num(this.standardizedEffect)} SD of the change) are detectable at ${pct(this.targetPower)} power (${testName(d.test)}, alpha ${num(d.adjustedAlpha)}${d.topics > 1 ? ` = ${num(d.alpha)} / ${d.topics} topics` : ""}); ${this.method}, search tolerance ${num(this.toleranceInUnit)} ${this.unit}`;
  }
  /** The sentence and warnings, for util.inspect (Node REPL, tslab). */
  [INSPECT](): string {
    return `DetectableEffect: ${this.toString()}${this.warnings.length > 0 ? `\n  warnings: ${this.warnings.join("; ")}` : ""}`;
  }

}

type Resolved = Required<Omit<MinimumDetectableEffectOptions, "tolerance">> & { tolerance?: number };

/**
 * Smallest group for which `auto` uses the noncentral-t approximation of Welch's power. Below it the
 * approximation is off by up to 5 points of power at 3/7 and 4/6 splits (simulation with welchTTest,
 * 20,000 data sets; docs/decisions.md), so `auto` simulates there.
 * @example evaluationPower({ treated: 12, control: 18, sdChange: 1 }, { standardizedEffect: 1 }).byFormula // true: 12 >= WELCH_FORMULA_MINIMUM
 */
export const WELCH_FORMULA_MINIMUM = 10;

/** Whether a formula exists for this design, and if so the noncentral t's scale (se per unit effect and df). */
function formulaFor(design: ResolvedDesign): { standardError: number; df: number; name: string; automatic: boolean } | undefined {
  // The error in SDs of the change, computed with the larger group SD as 1: Satterthwaite's df
  // squares variances, which overflowed at an SD of 1e80 or an sdRatio of 1e80 (a detectable
  // effect of 5.8e-11 SDs) and lost digits at 1e-80 (review).
  const top = Math.max(design.sdRatio, 1);
  if (design.clusters !== undefined && design.test !== "cluster") return undefined;
  if (design.test === "pooled" && design.sdRatio === 1) return { ...pooledScale(design.treated, design.control, 1), name: "noncentral t, pooled (exact)", automatic: true };
  if (design.test === "welch") {
    const { standardError, df } = welchScale(design.treated, design.control, design.sdRatio / top, 1 / top);
    return { standardError: standardError * top, df, name: "noncentral t with Satterthwaite df (the usual approximation for Welch)", automatic: Math.min(design.treated, design.control) >= WELCH_FORMULA_MINIMUM };
  }
  return undefined;
}

function settingsOf(o: Resolved): SimulationSettings {
  return { simulations: o.simulations, seed: o.seed, permutationExactLimit: o.permutationExactLimit, permutationResamples: o.permutationResamples };
}

function adjustmentOf(design: ResolvedDesign): string {
  return design.topics === 1
    ? "none (one topic)"
    : `Bonferroni: alpha ${design.alpha} / ${design.topics} topics = ${num(design.adjustedAlpha)}; Holm's first step, so the power stated is a lower bound for Holm`;
}

/** Smallest p the permutation test can give, and whether it can reach alpha / topics. */
function unreachable(design: ResolvedDesign, o: Resolved): string | undefined {
  if (design.test !== "permutation") return undefined;
  const plan = permutationPlan(design, settingsOf(o));
  const minimum = (design.alternative === "two-sided" ? 2 : 1) / plan.splits;
  if (minimum <= design.adjustedAlpha) return undefined;
  return `unreachable significance: with ${design.treated} and ${design.control} institutions the smallest possible permutation p is ${num(minimum)} (over ${plan.splits} splits), above alpha ${num(design.adjustedAlpha)}; no effect, however large, can be detected`;
}

function designWarnings(design: ResolvedDesign, exact: boolean): string[] {
  const warnings: string[] = [];
  if (Math.min(design.treated, design.control) < 5) warnings.push(`tiny group (${design.treated} against ${design.control}): the power rests on the assumed SD being right, and an SD estimated from so few institutions is itself uncertain`);
  if (design.clusters !== undefined && design.clusters < 10)
    warnings.push(`few clusters (${design.clusters}): the cluster-robust test uses t with ${design.clusters - 1} df; with so few clusters power is low and CR1 can still over-reject`);
  if (design.test === "welch" && exact) {
    warnings.push(
      `Welch's statistic is only approximately noncentral t${
        Math.min(design.treated, design.control) >= WELCH_FORMULA_MINIMUM
          ? " (Satterthwaite df); at these sizes the approximation is within about 1 point of simulated power"
          : `, and with fewer than ${WELCH_FORMULA_MINIMUM} institutions in a group the approximation can be off by several points of power; method "simulation" (the default here) avoids it`
      }`,
    );
  }
  if (design.test === "pooled" && design.sdRatio !== 1) warnings.push("the pooled t assumes equal SDs; with sdRatio != 1 its power is simulated and its level may be off");
  if (design.clusters !== undefined && design.test !== "cluster") warnings.push(`clusters are ignored by the ${design.test} test; with icc > 0 its level is wrong (use test: "cluster")`);
  return warnings;
}

function resolveOptions<T extends object>(caller: string, options: unknown, schema: OptionSchema<T>): Resolved & Partial<T> {
  return { ...DEFAULT_POWER_OPTIONS, ...checkOptions(caller, options, schema) } as Resolved & Partial<T>;
}

/** The method of a design no split of whose institutions reaches alpha (power 0). */
const NO_SPLIT_REACHES_ALPHA = "exact: no split of the institutions reaches alpha";

/** method "formula" for a test without one. */
function noFormula(name: string, test: string): TwinningArgumentError {
  return new TwinningArgumentError(name, `no formula for the ${test} test of this design; use method "simulation" or "auto"`);
}

/**
 * The power of a planned evaluation to detect a given difference in change.
 * @throws {TwinningArgumentError} for an incomplete or inconsistent design, unknown options, or method `formula` where no formula exists.
 * @example
 * evaluationPower({ treated: 4, control: 6, sd: 10, correlation: 0.6 }, { effect: 10 }).power
 */
export function evaluationPower(design: EvaluationDesign, options: EvaluationPowerOptions): EvaluationPower {
  const name = "evaluationPower";
  const resolved = resolveDesign(name, design);
  const o = resolveOptions(name, options, POWER_SCHEMA);
  if ((o.effect === undefined) === (o.standardizedEffect === undefined)) throw new TwinningArgumentError(name, "give exactly one of effect (in the indicator's unit) and standardizedEffect (in SDs of the change)");
  // Standardised first: an effect times a subnormal SD of the change, divided again, lost digits (review).
  const standardizedEffect = o.standardizedEffect ?? (o.effect as number) / resolved.sdChange;
  const effect = o.effect ?? standardizedEffect * resolved.sdChange;
  const formula = formulaFor(resolved);
  if (o.method === "formula" && formula === undefined) throw noFormula(name, resolved.test);
  const exact = o.method === "formula" || (o.method === "auto" && formula !== undefined && formula.automatic);
  const unit = unitLabel(resolved.unit);
  const base = { design: resolved, effect, unit, standardizedEffect, standardizer: STANDARDIZER, adjustment: adjustmentOf(resolved) };
  const warnings = designWarnings(resolved, exact);
  const blocked = unreachable(resolved, o);
  if (blocked !== undefined) return new EvaluationPower({ ...base, power: 0, byFormula: true, method: NO_SPLIT_REACHES_ALPHA, warnings: [...warnings, blocked] });
  if (exact && formula !== undefined) {
    const noncentrality = standardizedEffect / formula.standardError;
    const power = tTestPower(noncentrality, formula.df, resolved.adjustedAlpha, resolved.alternative);
    return new EvaluationPower({ ...base, power, byFormula: true, method: formula.name, df: formula.df, noncentrality, warnings });
  }
  const sim = simulator(resolved, settingsOf(o));
  const simulated = sim.power(standardizedEffect);
  return new EvaluationPower({
    ...base,
    power: simulated.power,
    byFormula: false,
    method: `simulation: ${sim.method}`,
    monteCarloSE: simulated.monteCarloSE,
    simulations: o.simulations,
    seed: o.seed,
    warnings,
  });
}

/** Power as a function of the standardised effect, by formula or on fixed simulated data sets. */
interface Curve {
  at(standardized: number): { power: number; monteCarloSE?: number };
  exact: boolean;
  method: string;
}

function curveOf(design: ResolvedDesign, o: Resolved, formula: ReturnType<typeof formulaFor>, exact: boolean): Curve {
  if (exact && formula !== undefined) {
    const f = formula;
    return { exact: true, method: f.name, at: (s) => ({ power: tTestPower(s / f.standardError, f.df, design.adjustedAlpha, design.alternative) }) };
  }
  const sim: Simulator = simulator(design, settingsOf(o));
  return {
    exact: false,
    method: `simulation: ${sim.method}`,
    at: (s) => {
      const result = sim.power(s);
      return { power: result.power, monteCarloSE: result.monteCarloSE };
    },
  };
}

/** Largest standardised effect searched before declaring nothing detectable. */
const SEARCH_LIMIT = 64;

/**
 * The smallest true difference in change a planned evaluation detects with the target power
 * (default 80%), in the indicator's unit and in SDs of the change, with the search tolerance.
 * @throws {TwinningArgumentError} for an incomplete design, unknown options, a target power not above alpha / topics.
 * @example
 * minimumDetectableEffect({ treated: 4, control: 6, sd: 10, correlation: 0.6 }).effect // in points
 */
export function minimumDetectableEffect(design: EvaluationDesign, options: MinimumDetectableEffectOptions = {}): DetectableEffect {
  const name = "minimumDetectableEffect";
  const resolved = resolveDesign(name, design);
  const o = resolveOptions(name, options, MDE_SCHEMA);
  const target = o.power;
  if (target <= resolved.adjustedAlpha) throw new TwinningArgumentError(name, `power ${target} must exceed alpha / topics = ${resolved.adjustedAlpha}`);
  const formula = formulaFor(resolved);
  if (o.method === "formula" && formula === undefined) throw noFormula(name, resolved.test);
  const exact = o.method === "formula" || (o.method === "auto" && formula !== undefined && formula.automatic);
  const tolerance = o.tolerance ?? (exact ? 1e-10 : resolved.test === "permutation" ? 0.002 : 0.001);
  const unit = unitLabel(resolved.unit);
  const warnings = designWarnings(resolved, exact);
  const base = {
    design: resolved,
    targetPower: target,
    unit,
    standardizer: STANDARDIZER,
    tolerance,
    toleranceInUnit: tolerance * resolved.sdChange,
    adjustment: adjustmentOf(resolved),
    ...(exact ? {} : { simulations: o.simulations, seed: o.seed }),
  };
  const nothing = (method: string, reason: string) =>
    new DetectableEffect({
      ...base,
      effect: Number.POSITIVE_INFINITY,
      standardizedEffect: Number.POSITIVE_INFINITY,
      ...(resolved.sd !== undefined ? { effectPerSD: Number.POSITIVE_INFINITY } : {}),
      achievedPower: 0,
      byFormula: exact,
      method,
      warnings: [...warnings, reason],
    });
  const blocked = unreachable(resolved, o);
  if (blocked !== undefined) return nothing(NO_SPLIT_REACHES_ALPHA, blocked);
  const curve = curveOf(resolved, o, formula, exact);
  // Bracket: double the upper end until the power reaches the target. The limit grows with the
  // treated group's SD (an sdRatio of 100 detects 66 SDs of the control group's change, refused as
  // beyond 64; review).
  const limit = SEARCH_LIMIT * Math.max(1, resolved.sdRatio);
  let low = 0;
  let high = 0.5;
  while (curve.at(high).power < target) {
    low = high;
    high *= 2;
    if (high > limit) return nothing(curve.method, `the target power ${pct(target)} is not reached even at ${num(limit)} SDs of the change`);
  }
  let found: number;
  if (curve.exact) {
    found = brent((s) => curve.at(s).power - target, low, high, tolerance);
  } else {
    // Bisection on the simulated step function: the smallest effect (to the tolerance) with power >= target.
    // Until the tolerance, or until the doubles between low and high run out: past 9e12 SDs (large
    // sdRatio) or with a tolerance below their spacing the midpoint stayed put, forever (review).
    for (let middle = (low + high) / 2; high - low > tolerance && middle > low && middle < high; middle = (low + high) / 2) {
      if (curve.at(middle).power >= target) high = middle;
      else low = middle;
    }
    found = high;
  }
  const at = curve.at(found);
  if (!curve.exact) warnings.push(`simulated: the effect found carries Monte Carlo error (power there ${pct(at.power)}, SE ${pct(at.monteCarloSE ?? 0)}); more simulations narrow it`);
  const effect = found * resolved.sdChange;
  return new DetectableEffect({
    ...base,
    effect,
    standardizedEffect: found,
    ...(resolved.sd !== undefined ? { effectPerSD: effect / resolved.sd } : {}),
    achievedPower: at.power,
    ...(at.monteCarloSE !== undefined ? { monteCarloSE: at.monteCarloSE } : {}),
    byFormula: curve.exact,
    method: curve.method,
    warnings,
  });
}
