/** Argument checks shared by the estimators: every message names the function and what it needs. */
import { TwinningArgumentError } from "../core/errors.js";
import { checkOptions as checkOptionsContract, OPTION_RULES, type OptionSchema } from "../core/options.js";

/** Direction of a test: two-sided (default), greater (x above y) or less. */
export type Alternative = "two-sided" | "greater" | "less";

/** Confidence level and direction shared by every test. */
export interface TestOptions {
  /** Confidence level of intervals, in (0, 1). Default 0.95. */
  confidence?: number;
  /** Direction of the test and interval: `two-sided` (default), `greater` (x above y) or `less`. */
  alternative?: Alternative;
}

/**
 * Defaults of TestOptions: 95% confidence, two-sided.
 * @example
 * welchTTest(x, y, { ...DEFAULT_TEST_OPTIONS, alternative: "greater" })
 */
export const DEFAULT_TEST_OPTIONS: Readonly<Required<TestOptions>> = Object.freeze({ confidence: 0.95, alternative: "two-sided" });

/** The schema of TestOptions, for the shared options contract (src/core/options.ts). */
export const TEST_OPTIONS_SCHEMA: OptionSchema<TestOptions> = Object.freeze({ confidence: OPTION_RULES.confidence, alternative: OPTION_RULES.alternative });

/** The schema of options that take only a confidence level (standardised effects, Cliff's delta). */
export const CONFIDENCE_SCHEMA: OptionSchema<Pick<TestOptions, "confidence">> = Object.freeze({ confidence: OPTION_RULES.confidence });

export function checkSample(name: string, label: string, values: unknown, minimum = 2): readonly number[] {
  const typed = ArrayBuffer.isView(values) && !(values instanceof DataView);
  if (!Array.isArray(values) && !typed) throw new TwinningArgumentError(name, `${label} must be an array of numbers, got ${values instanceof DataView ? "a DataView" : typeof values}`);
  // A typed array becomes a plain array of doubles: an Int8Array or Uint8Array kept as it is would
  // truncate every value scaled into it (map() keeps the element type) and give wrong statistics.
  const array = (typed ? Array.from(values as unknown as ArrayLike<unknown>) : values) as ArrayLike<unknown>;
  if (array.length < minimum) {
    throw new TwinningArgumentError(name, `${label} needs at least ${minimum} value${minimum === 1 ? "" : "s"}, got ${array.length}`);
  }
  for (let i = 0; i < array.length; i++) {
    const value = array[i];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new TwinningArgumentError(name, `${label}[${i}] is ${String(value)}; every value must be a finite number`);
    }
  }
  return array as readonly number[];
}

/**
 * Checks test options through the shared contract (unknown keys are errors with "did you mean")
 * and merges the defaults. `schema` narrows the accepted keys (default: confidence and alternative).
 */
export function checkOptions(name: string, options: TestOptions | undefined, schema: OptionSchema<TestOptions> | OptionSchema<Pick<TestOptions, "confidence">> = TEST_OPTIONS_SCHEMA): Required<TestOptions> {
  return { ...DEFAULT_TEST_OPTIONS, ...checkOptionsContract<TestOptions>(name, options, schema as OptionSchema<TestOptions>) };
}

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  const m = sum / values.length;
  if (Number.isFinite(m)) return m;
  // The sum overflowed: average values halved (exact for normal numbers), then double.
  let half = 0;
  for (const value of values) half += value / 2;
  return (half / values.length) * 2;
}

/** Largest absolute value (0 for an empty sample). */
export function magnitude(values: readonly number[]): number {
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  return largest;
}

/** A power of two near 1 / magnitude: scaling by it is exact and keeps squares far from overflow. */
export function unitScale(largest: number): number {
  if (!(largest > 0) || !Number.isFinite(largest)) return 1;
  // Clamped: for subnormal magnitudes (below about 2.2e-308) 2^1023 and beyond would overflow.
  return 2 ** -Math.max(-1000, Math.min(1000, Math.round(Math.log2(largest))));
}

/**
 * Relative size below which a standard deviation counts as zero: a sample whose values agree to
 * within rounding (e.g. [0.1, 0.1, 0.1], whose computed variance is ~1e-34 rather than 0) is constant.
 */
export const ZERO_SPREAD = 1e-13;

/**
 * Sample variance (n - 1 divisor), two-pass, computed on values scaled by a power of two (exact)
 * so 1e200 does not overflow. Judged zero relative to the data's scale: a standard deviation
 * below ZERO_SPREAD times the largest absolute value is rounding noise and gives exactly 0.
 */
export function variance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  const largest = magnitude(values);
  if (largest === 0) return 0;
  const scale = unitScale(largest);
  let sum = 0;
  for (const value of values) sum += value * scale;
  const m = sum / n;
  let squares = 0;
  for (const value of values) squares += (value * scale - m) ** 2;
  const scaled = squares / (n - 1);
  if (Math.sqrt(scaled) <= ZERO_SPREAD * largest * scale) return 0;
  return scaled / scale / scale;
}

/**
 * The data cannot give this estimate (too few institutions, no variation): the only error that lets
 * selectionEffects skip a topic. Wrong options and arguments are plain TwinningArgumentErrors.
 * @example
 * try { selectionEffect(network, options) } catch (error) { if (error instanceof NotEstimableError) skip(); else throw error; }
 */
export class NotEstimableError extends TwinningArgumentError {}
