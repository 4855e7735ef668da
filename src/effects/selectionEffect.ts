/**
 * selectionEffect: institutions that chose a topic against those (of the topic's kinds) that did
 * not, on the topic's indicator, between two periods. selectionEffects runs every topic and adjusts
 * the p-values for the number of topics.
 */

import type { CsvOptions } from "../core/csv.js";
import { firstFive, grouped, INSPECT, JUPYTER_DISPLAY, type MimeBundle, requirePicture } from "../core/display.js";
import { TwinningArgumentError } from "../core/errors.js";
import { checkOptions, type OptionSchema, showArgument, unknownName } from "../core/options.js";
import { ascending } from "../core/typedArrays.js";
import { type TwinningNetwork, topicNamed } from "../model/network.js";
import { startOf } from "../model/readers/periods.js";
import { partOfYearStart } from "../model/dhis2Periods.js";
import type { Topic } from "../model/types.js";
import { adjustPValues } from "./adjustPValues.js";
import { detectableEffectNote } from "./power/detectableEffectNote.js";
import { NotEstimableError } from "./checks.js";
import { COMPARE_CHANGES_SCHEMA, type CompareChangesOptions, compareChangesData } from "./compareChanges.js";
import { type ComparedPeriods, EffectEstimate, type EffectEstimateData, estimatesCSV, estimatesDisplay, estimatesHTML, estimatesText } from "./EffectEstimate.js";

/** One period, or several averaged per institution (e.g. the 12 months before). */
export type PeriodChoice = string | readonly string[];

/** Options of selectionEffect: the topic, the two periods, and compareChanges options. */
export interface SelectionEffectOptions extends Omit<CompareChangesOptions, "higherIsBetter" | "unit" | "label"> {
  topic: string;
  /** The period before, or several averaged per institution. */
  baseline: PeriodChoice;
  /** The period after, or several averaged per institution. */
  endline: PeriodChoice;
  /** Cluster-robust (CR1) errors by institutions' `group` (province), or by a named attribute. */
  clusterBy?: "group" | { attribute: string };
  /**
   * Beside an estimate that is not significant, say in its warnings what difference the design
   * could have detected at 80% power (detectableEffectNote). Default true.
   */
  detectableEffect?: boolean;
}

/** A baseline or endline option: a period id, or several (averaged per institution). */
export const PERIOD_CHOICE_RULE = {
  type: "custom" as const,
  check: (value: unknown) =>
    typeof value === "string" || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string"))
      ? undefined
      : `expected a period id or a non-empty array of period ids, got ${showArgument(value)}`,
};

const { higherIsBetter: _h, unit: _u, label: _l, ...SHARED_SCHEMA } = COMPARE_CHANGES_SCHEMA;

/** The options schema of selectionEffect. */
export const SELECTION_EFFECT_SCHEMA: OptionSchema<SelectionEffectOptions> = Object.freeze({
  ...SHARED_SCHEMA,
  topic: { type: "string" },
  baseline: PERIOD_CHOICE_RULE,
  endline: PERIOD_CHOICE_RULE,
  detectableEffect: { type: "boolean" },
  clusterBy: {
    type: "custom",
    check: (value: unknown) =>
      value === "group" || (value !== null && typeof value === "object" && typeof (value as { attribute?: unknown }).attribute === "string")
        ? undefined
        : `expected "group" or { attribute: "name" }, got ${showArgument(value)}`,
  },
});

export const asList = (choice: PeriodChoice): string[] => (typeof choice === "string" ? [choice] : [...choice]);

/**
 * Whether the network's period order was declared (dates, or labels that are dates: ISO dates,
 * DHIS2 period ids or display names) rather than taken from first appearance.
 */
function orderDeclared(network: TwinningNetwork): boolean {
  const iso = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  return network.periods.length > 0 && (network.periods.every((period) => period.date !== undefined) || network.periods.every((period) => iso.test(period.id) || (startOf(period.id) ?? partOfYearStart(period.id)) !== undefined));
}

/**
 * The periods of a comparison, checked before any work: each known, none on both sides, and the
 * baseline before the endline. A reversed order is an error when the order is declared (every
 * period dated, or labels that are dates); with order taken from first appearance it is returned as a warning.
 * @throws {TwinningArgumentError} naming `name`.
 */
export function comparedPeriods(network: TwinningNetwork, name: string, options: { baseline: PeriodChoice; endline: PeriodChoice }): { periods: ComparedPeriods; warning?: string } {
  const baseline = asList(options.baseline);
  const endline = asList(options.endline);
  const ids = network.periodIds;
  for (const period of [...baseline, ...endline]) {
    if (!ids.includes(period)) throw new TwinningArgumentError(name, unknownName("period", period, ids, true));
  }
  const both = baseline.find((period) => endline.includes(period));
  if (both !== undefined) throw new TwinningArgumentError(name, `period ${showArgument(both)} is both baseline and endline`);
  const lastBefore = Math.max(...baseline.map((period) => ids.indexOf(period)));
  const firstAfter = Math.min(...endline.map((period) => ids.indexOf(period)));
  const periods = { baseline, endline };
  if (lastBefore < firstAfter) return { periods };
  // Quoted: the example's periods are called baseline and endline ("baseline endline is not before endline baseline"; review).
  // The two periods that clash and their positions, not the whole order: with thousands of
  // periods the message was thousands of ids long.
  const what = `baseline ${firstFive(baseline, showArgument)} is not before endline ${firstFive(endline, showArgument)} in the period order: ${showArgument(ids[lastBefore])} is period ${grouped(lastBefore + 1)} of ${grouped(ids.length)}, ${showArgument(ids[firstAfter])} period ${grouped(firstAfter + 1)} (periods: ${firstFive(ids)})`;
  // Swapping helps only when every endline period comes before every baseline one (lists that interleave need other periods; review).
  const swapped = Math.max(...endline.map((period) => ids.indexOf(period))) < Math.min(...baseline.map((period) => ids.indexOf(period)));
  if (orderDeclared(network)) throw new TwinningArgumentError(name, `${what}, which the data declare; ${swapped ? "swap them" : "choose baseline periods that all come before the endline ones"}`);
  return { periods, warning: `${what}; that order is only the order of first appearance, so check it` };
}

/** Throws naming `name` for the first of `keys` the options leave out. */
function required(name: string, options: object, keys: readonly string[]): void {
  const absent = keys.find((key) => (options as Record<string, unknown>)[key] === undefined);
  if (absent !== undefined) throw new TwinningArgumentError(name, `${absent} is required`);
}

/**
 * The topic of a baseline-to-endline comparison, once the topic and both periods are known to
 * exist (selectionEffect, beforeAfterChart).
 * @throws {TwinningArgumentError} naming `name`, for an unknown topic or period, or a reversed declared order.
 */
export function comparedTopic(network: TwinningNetwork, name: string, options: { topic: string; baseline: PeriodChoice; endline: PeriodChoice }): Topic {
  const topic = topicNamed(network, name, options.topic);
  comparedPeriods(network, name, options);
  return topic;
}

/** The mean of an institution's scores over some periods, and how many there were. */
export function averageScore(network: TwinningNetwork, institution: string, topic: string, periods: readonly string[]): number | undefined {
  let sum = 0;
  let count = 0;
  for (const period of periods) {
    const value = network.score(institution, topic, period);
    if (value !== undefined) {
      sum += value / periods.length;
      count++;
    }
  }
  return count === 0 ? undefined : (sum * periods.length) / count;
}

/**
 * @throws {TwinningArgumentError} for an unknown topic or period, wrong options, or a reversed
 *   declared period order; NotEstimableError when either group has fewer than two institutions
 *   with both scores, or the changes do not vary.
 * @example selectionEffect(network, { topic: "accreditation", baseline: "baseline", endline: "endline" }).toString()
 */
export function selectionEffect(network: TwinningNetwork, options: SelectionEffectOptions): EffectEstimate {
  const name = "selectionEffect";
  const checked = checkOptions<SelectionEffectOptions>(name, options, SELECTION_EFFECT_SCHEMA);
  required(name, checked, ["topic", "baseline", "endline"]);
  const topic = topicNamed(network, name, checked.topic);
  const { periods, warning } = comparedPeriods(network, name, checked as SelectionEffectOptions);
  const data = selectionEffectData(network, name, topic, periods, warning, checked as SelectionEffectOptions);
  return new EffectEstimate(checked.detectableEffect === false ? data : withDetectableEffect(data, data.pValue, topic, 1));
}

/**
 * An estimate that is not significant (at 1 - confidence, after adjustment for `topics` topics)
 * gains a warning saying which differences its group sizes and spread could have detected.
 */
function withDetectableEffect(data: EffectEstimateData, pValue: number, topic: Topic, topics: number): EffectEstimateData {
  const alpha = 1 - data.confidence;
  if (!(pValue >= alpha) || data.alternative !== "two-sided" || !(data.standardError > 0)) return data;
  const noun = topic.kinds?.length === 1 ? `${topic.kinds[0]}s` : "institutions";
  try {
    // 500 simulated data sets where the groups are too small for the Welch formula: about 2 points
    // of Monte Carlo error in power, a few percent in the detectable difference, for a note.
    const note = detectableEffectNote(data, { alpha, topics, noun, simulations: 500 });
    return { ...data, warnings: [...data.warnings, `not significant: ${note}`] };
  } catch (error) {
    if (error instanceof TwinningArgumentError) return data;
    throw error;
  }
}

function selectionEffectData(network: TwinningNetwork, name: string, topic: Topic, periods: ComparedPeriods, periodWarning: string | undefined, options: SelectionEffectOptions): EffectEstimateData {
  const members = { treated: [] as string[], control: [] as string[] };
  const groups = { treated: { before: [] as number[], after: [] as number[], clusters: [] as string[] }, control: { before: [] as number[], after: [] as number[], clusters: [] as string[] } };
  const missing: string[] = [];
  const baselineText = periods.baseline.join(" + ");
  const endlineText = periods.endline.join(" + ");
  for (const institution of network.institutionsForTopic(topic.id)) {
    const before = averageScore(network, institution.id, topic.id, periods.baseline);
    const after = averageScore(network, institution.id, topic.id, periods.endline);
    if (before === undefined || after === undefined) {
      missing.push(institution.id);
      continue;
    }
    const side = network.hasChosen(institution.id, topic.id) ? "treated" : "control";
    members[side].push(institution.id);
    groups[side].before.push(before);
    groups[side].after.push(after);
    if (options.clusterBy !== undefined) {
      const attribute = options.clusterBy === "group" ? undefined : options.clusterBy.attribute;
      const label = attribute === undefined ? institution.group : Object.hasOwn(institution.attributes, attribute) ? institution.attributes[attribute] : undefined;
      if (label === undefined || label === null) throw new TwinningArgumentError(name, `${institution.id} has no ${attribute ?? "group"} to cluster by`);
      groups[side].clusters.push(String(label));
    }
  }
  for (const side of ["treated", "control"] as const) {
    if (members[side].length < 2) {
      throw new NotEstimableError(
        name,
        `topic ${topic.id}: the ${side === "treated" ? "group that chose it" : "group that did not"} has ${members[side].length} institution(s) with both ${baselineText} and ${endlineText} scores; at least 2 are needed`,
      );
    }
  }
  const { topic: _topic, baseline: _baseline, endline: _endline, clusterBy, detectableEffect: _detectable, ...rest } = options;
  const cluster = (side: "treated" | "control") => ({ before: groups[side].before, after: groups[side].after, ...(clusterBy !== undefined ? { clusters: groups[side].clusters } : {}) });
  const data = compareChangesData(name, { treated: cluster("treated"), control: cluster("control") }, { ...rest, higherIsBetter: topic.higherIsBetter, ...(topic.unit !== undefined ? { unit: topic.unit } : {}), label: topic.id });
  const warnings = [...data.warnings];
  if (periodWarning !== undefined) warnings.push(periodWarning);
  if (missing.length > 0) warnings.push(`left out for lack of a ${baselineText} or ${endlineText} score: ${missing.join(", ")}`);
  // Groups of several kinds (a topic without kinds): a difference in change between kinds reads as
  // an effect of choosing, and flipped a sign without a word (new-user trial).
  const kindOf = (id: string) => network.institution(id)?.kind;
  // The most common kinds first (alphabetical order named five kinds the groups did not hold; review).
  const counts = new Map<string | undefined, number>();
  for (const id of [...members.treated, ...members.control]) counts.set(kindOf(id), (counts.get(kindOf(id)) ?? 0) + 1);
  const kinds = [...counts.keys()].sort((a, b) => (counts.get(b) as number) - (counts.get(a) as number) || ascending(a ?? "", b ?? ""));
  if (kinds.length > 1) {
    // The first five kinds counted (5,000 kinds made an 88,000-character warning; review).
    const count = (ids: string[]) => firstFive(kinds, (kind) => `${ids.filter((id) => kindOf(id) === kind).length} ${kind}`);
    warnings.push(`the groups mix ${kinds.length} kinds (chose it: ${count(members.treated)}; others: ${count(members.control)}); give the topic one kind to compare within it`);
  }
  return { ...data, warnings, members, periods };
}

/** Options of selectionEffects. */
export interface SelectionEffectsOptions extends Omit<SelectionEffectOptions, "topic"> {
  /** Topics to compare (default: every topic). */
  topics?: readonly string[];
  /** Multiple-comparison adjustment: `holm` (default, family-wise) or `bh` (false discovery rate). */
  adjust?: "holm" | "bh";
}

/** The options schema of selectionEffects. */
export const SELECTION_EFFECTS_SCHEMA: OptionSchema<SelectionEffectsOptions> = Object.freeze({
  ...(({ topic: _t, ...others }) => others)(SELECTION_EFFECT_SCHEMA),
  topics: { type: "array" },
  adjust: { type: "enum", values: ["holm", "bh"] },
});

/** Every topic's estimate, the topics skipped with the reason, and the p-value adjustment. */
export interface SelectionEffectsResult {
  estimates: EffectEstimate[];
  /** Topics that could not be compared, with the reason. */
  skipped: { topic: string; reason: string }[];
  adjustment: "holm" | "bh";
}

/** The plain data of EffectEstimates (what toJSON gives and fromJSON takes). */
export interface EffectEstimatesData {
  estimates: EffectEstimateData[];
  skipped: { topic: string; reason: string }[];
  adjustment: "holm" | "bh";
  /** The periods compared. */
  periods?: ComparedPeriods;
  warnings?: string[];
}

/**
 * Many estimates (one per topic) with their adjustment: a forest plot and a table in notebooks.
 * Built from one plain data object and frozen.
 * @example
 * const effects = selectionEffects(network, { baseline: "baseline", endline: "endline" });
 * effects.toCSV(); // one row per topic
 */
export class EffectEstimates implements SelectionEffectsResult {
  readonly estimates: EffectEstimate[];
  readonly skipped: { topic: string; reason: string }[];
  readonly adjustment: "holm" | "bh";
  readonly periods?: ComparedPeriods;
  /** Warnings about the whole run (each estimate keeps its own). */
  readonly warnings: string[];

  constructor(data: EffectEstimatesData | SelectionEffectsResult) {
    this.estimates = Object.freeze(data.estimates.map((e) => (e instanceof EffectEstimate ? e : new EffectEstimate(e)))) as EffectEstimate[];
    this.skipped = Object.freeze(data.skipped.map((s) => Object.freeze({ topic: s.topic, reason: s.reason }))) as { topic: string; reason: string }[];
    this.adjustment = data.adjustment;
    const periods = (data as EffectEstimatesData).periods;
    if (periods !== undefined) this.periods = Object.freeze({ baseline: Object.freeze([...periods.baseline]), endline: Object.freeze([...periods.endline]) }) as ComparedPeriods;
    this.warnings = Object.freeze([...((data as EffectEstimatesData).warnings ?? [])]) as string[];
    Object.freeze(this);
  }

  /**
   * Restores estimates from their JSON (an object or the text).
   * @example EffectEstimates.fromJSON(JSON.stringify(effects)).toCSV() === effects.toCSV()
   */
  static fromJSON(json: EffectEstimatesData | string): EffectEstimates {
    const data = typeof json === "string" ? (JSON.parse(json) as EffectEstimatesData) : json;
    return new EffectEstimates({ ...data, estimates: data.estimates.map((e) => EffectEstimate.fromJSON(e)) as unknown as EffectEstimateData[] });
  }

  /** Forest plot, one row per topic (SVG). */
  toSVG(): string {
    return requirePicture("estimates", this.estimates, "EffectEstimates.toSVG").toSVG();
  }

  /** The forest plot as a Vega-Lite specification. */
  toVegaLite(): Record<string, unknown> {
    return requirePicture("estimates", this.estimates, "EffectEstimates.toVegaLite").toVegaLite();
  }

  /** Table of every topic's estimate, the forest plot and the skipped topics. */
  toHTML(): string {
    return estimatesHTML(this.estimates, this.skipped);
  }

  /** One row per topic: label, estimate, interval, p, adjusted p, g, n (CSV); a skipped topic's row has its reason and no numbers. */
  toCSV(options: CsvOptions = {}): string {
    return estimatesCSV(this.estimates, options, this.skipped);
  }

  /** The table as text (as the command line prints it). */
  toString(): string {
    return estimatesText(this.estimates, this.skipped);
  }

  /** Plain data (what JSON.stringify writes). */
  toJSON(): EffectEstimatesData {
    return {
      estimates: this.estimates.map((e) => e.toJSON()),
      skipped: this.skipped.map((s) => ({ ...s })),
      adjustment: this.adjustment,
      ...(this.periods !== undefined ? { periods: { baseline: [...this.periods.baseline], endline: [...this.periods.endline] } } : {}),
      warnings: [...this.warnings],
    };
  }

  /** MIME bundle for Deno's Jupyter kernel: the table as text and HTML, the forest plot as SVG. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return estimatesDisplay(this.estimates, this.skipped, estimatesText(this.estimates, this.skipped));
  }

  /** The table as text, for util.inspect (Node REPL, tslab). */
  [INSPECT](): string {
    return estimatesText(this.estimates, this.skipped);
  }
}

/**
 * Every topic's selection effect, with adjusted p-values. Options and periods are checked once,
 * before any work; only a topic the data cannot estimate (NotEstimableError) is skipped.
 * @example
 * selectionEffects(network, { baseline: "baseline", endline: "endline", adjust: "holm" }).estimates
 */
export function selectionEffects(network: TwinningNetwork, options: SelectionEffectsOptions): EffectEstimates {
  const name = "selectionEffects";
  const checked = checkOptions<SelectionEffectsOptions>(name, options, SELECTION_EFFECTS_SCHEMA);
  required(name, checked, ["baseline", "endline"]);
  const adjustment = checked.adjust ?? "holm";
  const { topics, adjust: _adjust, onProgress, ...rest } = checked as SelectionEffectsOptions;
  const { periods, warning } = comparedPeriods(network, name, rest);
  const ids = topics ?? network.topics.map((t) => t.id);
  const chosen: Topic[] = ids.map((id) => topicNamed(network, name, id));
  const data: EffectEstimateData[] = [];
  const skipped: { topic: string; reason: string }[] = [];
  chosen.forEach((topic, index) => {
    const progress = onProgress === undefined ? undefined : (done: number) => onProgress((index + Math.min(1, Math.max(0, done))) / chosen.length);
    try {
      data.push(selectionEffectData(network, "selectionEffect", topic, periods, warning, { ...rest, topic: topic.id, ...(progress !== undefined ? { onProgress: progress } : {}) }));
    } catch (error) {
      if (!(error instanceof NotEstimableError)) throw error;
      skipped.push({ topic: topic.id, reason: error.message });
    }
    onProgress?.((index + 1) / chosen.length);
  });
  const adjusted = adjustPValues(data.map((estimate) => estimate.pValue), adjustment);
  const estimates = data.map((estimate, i) => {
    const withAdjusted = { ...estimate, adjustedPValue: adjusted[i] as number, adjustment };
    const topic = network.topic(estimate.label) as Topic;
    // The family is the topics tested, those whose p-values Holm or BH adjusted: a skipped topic has no p.
    return new EffectEstimate(rest.detectableEffect === false ? withAdjusted : withDetectableEffect(withAdjusted, adjusted[i] as number, topic, data.length));
  });
  return new EffectEstimates({ estimates: estimates as unknown as EffectEstimateData[], skipped, adjustment, periods, warnings: warning !== undefined ? [warning] : [] });
}
