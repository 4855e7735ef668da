/**
 * The sentence to print beside an estimate that is not significant: what the design could have
 * detected at all. "with 4 hospitals against 6, only differences above 19.8 pp were detectable at
 * 80% power". The SD of the change is read off the estimate's Welch standard error,
 * sd = se / sqrt(1/n1 + 1/n2) (exact when both groups' SDs are equal; otherwise an average), and
 * the minimum detectable effect is that of the Welch test at these group sizes.
 */
import { TwinningArgumentError } from "../../core/errors.js";
import { type OptionSchema, checkOptions } from "../../core/options.js";
import { minimumDetectableEffect } from "./evaluationPower.js";

/** What the note needs of an estimate (an EffectEstimate has all of it). */
export interface EstimateLike {
  n: { treated: number; control: number };
  /** Unit of the estimate, e.g. "pp". */
  unit: string;
  /** Welch standard error of the difference in mean change. */
  standardError: number;
}

/** Options of detectableEffectNote. */
export interface DetectableEffectNoteOptions {
  /** Target power (default 0.8). */
  power?: number;
  /** Significance level the estimate was judged at (default 0.05). */
  alpha?: number;
  /** Topics tested together (default 1): alpha / topics. */
  topics?: number;
  /** What the institutions are called (default "institutions"), e.g. "hospitals". */
  noun?: string;
  /** Simulated data sets when the groups are too small for the Welch formula (default 2,000). */
  simulations?: number;
  /** Seed of that simulation (default 0). */
  seed?: number;
}

/**
 * Defaults of DetectableEffectNoteOptions.
 * @example detectableEffectNote(estimate, { ...DEFAULT_NOTE_OPTIONS, noun: "hospitals" })
 */
export const DEFAULT_NOTE_OPTIONS = Object.freeze({ power: 0.8, alpha: 0.05, topics: 1, noun: "institutions", simulations: 2000, seed: 0 });

const NOTE_SCHEMA: OptionSchema<DetectableEffectNoteOptions> = {
  power: { type: "number", above: 0, below: 1 },
  alpha: { type: "number", above: 0, below: 1 },
  topics: { type: "number", integer: true, min: 1 },
  noun: { type: "string" },
  simulations: { type: "number", integer: true, min: 10 },
  seed: { type: "seed" },
};

const round = (x: number) => Number(x.toPrecision(3)).toString();

/**
 * One sentence: the smallest difference in change the estimate's design could detect at the target power.
 * @throws {TwinningArgumentError} when the estimate lacks group sizes of at least 2 or a positive standard error.
 * @example
 * detectableEffectNote({ n: { treated: 4, control: 6 }, unit: "pp", standardError: 6.1 }, { noun: "hospitals" })
 * // "with 4 hospitals against 6, only differences above 19.6 pp were detectable at 80% power (Welch test, alpha 0.05; SD of the change 9.64 pp, as observed)"
 */
export function detectableEffectNote(estimateLike: EstimateLike, options: DetectableEffectNoteOptions = {}): string {
  const name = "detectableEffectNote";
  const o = { ...DEFAULT_NOTE_OPTIONS, ...checkOptions(name, options, NOTE_SCHEMA) };
  const n = estimateLike?.n;
  const n1 = n?.treated;
  const n2 = n?.control;
  if (!Number.isInteger(n1) || !Number.isInteger(n2) || (n1 as number) < 2 || (n2 as number) < 2) throw new TwinningArgumentError(name, "the estimate needs n.treated and n.control, whole numbers of at least 2");
  const se = estimateLike.standardError;
  if (typeof se !== "number" || !(se > 0) || !Number.isFinite(se)) throw new TwinningArgumentError(name, `the estimate needs a positive standardError, got ${String(se)}`);
  if (typeof estimateLike.unit !== "string") throw new TwinningArgumentError(name, "the estimate needs a unit");
  const treated = n1 as number;
  const control = n2 as number;
  const sdChange = se / Math.sqrt(1 / treated + 1 / control);
  const mde = minimumDetectableEffect(
    { treated, control, sdChange, alpha: o.alpha, topics: o.topics, test: "welch", unit: estimateLike.unit },
    { power: o.power, simulations: o.simulations, seed: o.seed },
  );
  const alpha = o.topics > 1 ? `alpha ${round(o.alpha)} / ${o.topics} topics` : `alpha ${round(o.alpha)}`;
  const powerText = `${round(100 * o.power)}% power`;
  const unit = estimateLike.unit;
  return `with ${treated} ${o.noun} against ${control}, only differences above ${round(mde.effect)} ${unit} were detectable at ${powerText} (Welch test, ${alpha}; SD of the change ${round(sdChange)} ${unit}, as observed)`;
}
