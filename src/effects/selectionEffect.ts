/**
 * selectionEffect: institutions that chose a topic against those (of the topic's kinds) that did
 * not, on the topic's indicator, between two periods. selectionEffects runs every topic and adjusts
 * the p-values for the number of topics.
 */
import { TwinningArgumentError } from "../core/errors.js";
import type { TwinningNetwork } from "../model/network.js";
import type { Topic } from "../model/types.js";
import { adjustPValues } from "./adjustPValues.js";
import { type CompareChangesOptions, compareChanges } from "./compareChanges.js";
import type { EffectEstimate } from "./EffectEstimate.js";
import { INSPECT, JUPYTER_DISPLAY, type MimeBundle, requirePicture } from "../core/display.js";
import type { CsvOptions } from "../core/csv.js";
import { estimatesCSV, estimatesDisplay, estimatesHTML, estimatesText } from "./EffectEstimate.js";

/** Options of selectionEffect: the topic, the two periods, and compareChanges options. */
export interface SelectionEffectOptions extends Omit<CompareChangesOptions, "higherIsBetter" | "unit" | "label"> {
  topic: string;
  baseline: string;
  endline: string;
  /** Cluster-robust (CR1) errors by institutions' `group` (province), or by a named attribute. */
  clusterBy?: "group" | { attribute: string };
}

/**
 * The topic of a baseline-to-endline comparison, once the topic and both periods are known to
 * exist (selectionEffect, beforeAfterChart).
 * @throws {TwinningArgumentError} naming `name`, for an unknown topic or period.
 */
export function comparedTopic(network: TwinningNetwork, name: string, options: { topic: string; baseline: string; endline: string }): Topic {
  const topic = network.topic(options.topic);
  if (topic === undefined) throw new TwinningArgumentError(name, `unknown topic ${JSON.stringify(options.topic)}`);
  for (const period of [options.baseline, options.endline]) {
    if (!network.periodIds.includes(period)) throw new TwinningArgumentError(name, `unknown period ${JSON.stringify(period)}; expected one of ${network.periodIds.join(", ")}`);
  }
  return topic;
}

/**
 * @throws {TwinningArgumentError} for an unknown topic or period, or when either group has fewer
 *   than two institutions with both scores.
 * @example selectionEffect(network, { topic: "accreditation", baseline: "baseline", endline: "endline" }).toString()
 */
export function selectionEffect(network: TwinningNetwork, options: SelectionEffectOptions): EffectEstimate {
  const name = "selectionEffect";
  const topic = comparedTopic(network, name, options);
  const members = { treated: [] as string[], control: [] as string[] };
  const groups = { treated: { before: [] as number[], after: [] as number[], clusters: [] as string[] }, control: { before: [] as number[], after: [] as number[], clusters: [] as string[] } };
  const missing: string[] = [];
  for (const institution of network.institutionsForTopic(topic.id)) {
    const before = network.score(institution.id, topic.id, options.baseline);
    const after = network.score(institution.id, topic.id, options.endline);
    if (before === undefined || after === undefined) {
      missing.push(institution.id);
      continue;
    }
    const side = network.hasChosen(institution.id, topic.id) ? "treated" : "control";
    members[side].push(institution.id);
    groups[side].before.push(before);
    groups[side].after.push(after);
    if (options.clusterBy !== undefined) {
      const label = options.clusterBy === "group" ? institution.group : institution.attributes[options.clusterBy.attribute];
      if (label === undefined) throw new TwinningArgumentError(name, `${institution.id} has no ${options.clusterBy === "group" ? "group" : options.clusterBy.attribute} to cluster by`);
      groups[side].clusters.push(String(label));
    }
  }
  for (const side of ["treated", "control"] as const) {
    if (members[side].length < 2) {
      throw new TwinningArgumentError(
        name,
        `topic ${topic.id}: the ${side === "treated" ? "group that chose it" : "group that did not"} has ${members[side].length} institution(s) with both ${options.baseline} and ${options.endline} scores; at least 2 are needed`,
      );
    }
  }
  const { topic: _topic, baseline, endline, clusterBy, ...rest } = options;
  const cluster = (side: "treated" | "control") => ({ before: groups[side].before, after: groups[side].after, ...(clusterBy !== undefined ? { clusters: groups[side].clusters } : {}) });
  const estimate = compareChanges(
    { treated: cluster("treated"), control: cluster("control") },
    { ...rest, higherIsBetter: topic.higherIsBetter, unit: topic.unit ?? "points", label: topic.id },
  );
  estimate.members = members;
  if (missing.length > 0) estimate.warnings.push(`left out for lack of a ${baseline} or ${endline} score: ${missing.join(", ")}`);
  return estimate;
}

/** Options of selectionEffects. */
export interface SelectionEffectsOptions extends Omit<SelectionEffectOptions, "topic"> {
  /** Topics to compare (default: every topic). */
  topics?: readonly string[];
  /** Multiple-comparison adjustment: `holm` (default, family-wise) or `bh` (false discovery rate). */
  adjust?: "holm" | "bh";
}

/** Every topic's estimate, the topics skipped with the reason, and the p-value adjustment. */
export interface SelectionEffectsResult {
  estimates: EffectEstimate[];
  /** Topics that could not be compared, with the reason. */
  skipped: { topic: string; reason: string }[];
  adjustment: "holm" | "bh";
}

/**
 * Many estimates (one per topic) with their adjustment: a forest plot and a table in notebooks.
 * @example
 * const effects = selectionEffects(network, { baseline: "baseline", endline: "endline" });
 * effects.toCSV(); // one row per topic
 */
export class EffectEstimates implements SelectionEffectsResult {
  readonly estimates: EffectEstimate[];
  readonly skipped: { topic: string; reason: string }[];
  readonly adjustment: "holm" | "bh";

  constructor(data: SelectionEffectsResult) {
    this.estimates = data.estimates;
    this.skipped = data.skipped;
    this.adjustment = data.adjustment;
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

  /** One row per topic: label, estimate, interval, p, adjusted p, g, n (CSV). */
  toCSV(options: CsvOptions = {}): string {
    return estimatesCSV(this.estimates, options);
  }

  /** Plain data (what JSON.stringify writes). */
  toJSON(): SelectionEffectsResult {
    return { estimates: this.estimates.map((e) => e.toJSON() as EffectEstimate), skipped: structuredClone(this.skipped), adjustment: this.adjustment };
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
 * Every topic's selection effect, with adjusted p-values.
 * @example
 * selectionEffects(network, { baseline: "baseline", endline: "endline", adjust: "holm" }).estimates
 */
export function selectionEffects(network: TwinningNetwork, options: SelectionEffectsOptions): EffectEstimates {
  const adjustment = options.adjust ?? "holm";
  if (adjustment !== "holm" && adjustment !== "bh") throw new TwinningArgumentError("selectionEffects", `adjust must be "holm" or "bh", got ${JSON.stringify(adjustment)}`);
  const { topics, adjust: _adjust, ...rest } = options;
  const estimates: EffectEstimate[] = [];
  const skipped: { topic: string; reason: string }[] = [];
  for (const topic of topics ?? network.topics.map((t) => t.id)) {
    try {
      estimates.push(selectionEffect(network, { ...rest, topic }));
    } catch (error) {
      if (!(error instanceof TwinningArgumentError) || network.topic(topic) === undefined) throw error;
      skipped.push({ topic, reason: error.message });
    }
  }
  const adjusted = adjustPValues(estimates.map((estimate) => estimate.pValue), adjustment);
  estimates.forEach((estimate, i) => {
    estimate.adjustedPValue = adjusted[i] as number;
    estimate.adjustment = adjustment;
  });
  return new EffectEstimates({ estimates, skipped, adjustment });
}
