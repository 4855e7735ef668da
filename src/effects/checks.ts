/** Argument checks shared by the estimators: every message names the function and what it needs. */
import { TwinningArgumentError } from "../core/errors.js";

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

export function checkSample(name: string, label: string, values: unknown, minimum = 2): readonly number[] {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) throw new TwinningArgumentError(name, `${label} must be an array of numbers, got ${typeof values}`);
  const array = values as ArrayLike<unknown>;
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

export function checkOptions(name: string, options: TestOptions | undefined): Required<TestOptions> {
  const merged = { ...DEFAULT_TEST_OPTIONS, ...options };
  if (!(merged.confidence > 0 && merged.confidence < 1)) throw new TwinningArgumentError(name, `confidence must be in (0, 1), got ${merged.confidence}`);
  if (!["two-sided", "greater", "less"].includes(merged.alternative)) {
    throw new TwinningArgumentError(name, `alternative must be "two-sided", "greater" or "less", got ${JSON.stringify(merged.alternative)}`);
  }
  return merged;
}

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sample variance (n - 1 divisor), two-pass for accuracy. */
export function variance(values: readonly number[]): number {
  const m = mean(values);
  let sum = 0;
  for (const value of values) sum += (value - m) ** 2;
  return sum / (values.length - 1);
}
