/**
 * Who can teach a topic: the high performers among institutions of the same kind, by a rule a
 * programme would use. Values are compared in the "better" direction of the topic (higher or
 * lower is better), and ties are resolved the same way whatever the input order: institutions tied
 * with the last one in are all in.
 */
import { TwinningArgumentError } from "../core/errors.js";
import { type OptionRule, type OptionSchema, checkOptions, showArgument, unknownName } from "../core/options.js";
import { ascending } from "../core/typedArrays.js";
import { type TwinningNetwork, topicNamed } from "./network.js";

/** Who counts as a high performer: top share, threshold, top k or margin. */
export type HighPerformerRule =
  /** The best `share` of institutions of the kind (default 1/3, rounded up; ties at the cut-off included). */
  | { type: "top-share"; share?: number }
  /** Every institution whose value is at least (higher is better) or at most (lower is better) `value`. */
  | { type: "threshold"; value: number }
  /** The best `k` of the kind (ties at the k-th included). */
  | { type: "top-k"; k: number }
  /** Better than institution `relativeTo` by at least `margin` in the topic's unit. */
  | { type: "margin"; margin: number; relativeTo: string };

/** Options of highPerformers. */
export interface HighPerformersOptions {
  rule?: HighPerformerRule;
  /** Period whose scores count (default: the latest period with any score on the topic). */
  period?: string;
}

/** The `rule` option's check (highPerformers and assignPartners). */
export const RULE_OPTION: OptionRule = { type: "custom", check: (value) => (value !== null && typeof value === "object" && typeof (value as { type?: unknown }).type === "string" ? undefined : `expected a rule such as { type: "top-share", share: 1 / 3 }, got ${showArgument(value)}`) };

/** How highPerformers' options are checked (src/core/options.ts). */
export const HIGH_PERFORMERS_SCHEMA: OptionSchema<HighPerformersOptions> = {
  rule: RULE_OPTION,
  period: { type: "string" },
};

/**
 * Default rule: the top third of the kind.
 * @example
 * highPerformers(network, "cbhi", { rule: DEFAULT_HIGH_PERFORMER_RULE })
 */
export const DEFAULT_HIGH_PERFORMER_RULE: HighPerformerRule = Object.freeze({ type: "top-share", share: 1 / 3 });

/** A high performer of a topic, with its score and rank. */
export interface HighPerformer {
  institution: string;
  value: number;
  /** 1 = best within its kind; tied values share a rank. */
  rank: number;
}

/** The high performers of a topic and the period and rule used. */
export interface HighPerformersResult {
  topic: string;
  period: string;
  rule: HighPerformerRule;
  /** Per institution kind: the cut-off value (the worst value that still qualifies), or null when none qualify. */
  cutoffs: Record<string, number | null>;
  /** The high performers, best first (ties by id). */
  performers: HighPerformer[];
  /** Institutions of the topic's kinds without a score in the period (never high performers). */
  unscored: string[];
}

/**
 * The latest period in which the topic has at least one score.
 * @example
 * latestPeriod(network, "cbhi") // "endline"
 */
export function latestPeriod(network: TwinningNetwork, topic: string): string | undefined {
  // An unknown topic has no scores: "no period" would be a confident wrong answer for a misspelling.
  topicNamed(network, "latestPeriod", topic);
  // Through the network's scores grouped by topic and period (built once): a filter over every
  // score per call took 12 ms a topic at 5,000 institutions x 12 topics, and the plan's relaxations call it again.
  return [...network.periodIds].reverse().find((period) => network.scoresFor(topic, period).length > 0);
}

/**
 * The institutions that can teach `topic`, per institution kind.
 * @throws {TwinningArgumentError} for an unknown topic or period, or a malformed rule.
 * @example
 * highPerformers(network, "accreditation", { rule: { type: "threshold", value: 80 } }).performers
 */
export function highPerformers(network: TwinningNetwork, topic: string, options: HighPerformersOptions = {}): HighPerformersResult {
  const name = "highPerformers";
  const checked = checkOptions(name, options, HIGH_PERFORMERS_SCHEMA);
  const spec = topicNamed(network, name, topic);
  const rule = checked.rule ?? DEFAULT_HIGH_PERFORMER_RULE;
  checkRule(name, rule);
  const period = checked.period ?? latestPeriod(network, topic);
  if (period === undefined) {
    return { topic, period: "", rule, cutoffs: {}, performers: [], unscored: network.institutionsForTopic(topic).map((i) => i.id) };
  }
  if (!network.periodIds.includes(period)) throw new TwinningArgumentError(name, unknownName("period", period, network.periodIds, true));
  const sign = spec.higherIsBetter ? 1 : -1;
  const better = (value: number) => sign * value; // larger is better after this
  const performers: HighPerformer[] = [];
  const cutoffs: Record<string, number | null> = {};
  const unscored: string[] = [];
  const byKind = new Map<string, { institution: string; value: number }[]>();
  // The period's scores by institution once (network.score builds a key string per call).
  const scores = new Map(network.scoresFor(topic, period).map((score) => [score.institution, score.value]));
  for (const institution of network.institutionsForTopic(topic)) {
    const value = scores.get(institution.id);
    if (value === undefined) {
      unscored.push(institution.id);
      continue;
    }
    const list = byKind.get(institution.kind) ?? [];
    list.push({ institution: institution.id, value });
    byKind.set(institution.kind, list);
  }
  let reference: number | undefined;
  if (rule.type === "margin") {
    if (network.institution(rule.relativeTo) === undefined) throw new TwinningArgumentError(name, `rule.relativeTo: ${unknownName("institution", rule.relativeTo, network.institutions.map((institution) => institution.id))}`);
    reference = network.score(rule.relativeTo, topic, period);
    if (reference === undefined) throw new TwinningArgumentError(name, `${JSON.stringify(rule.relativeTo)} has no score on ${topic} in ${period}, so a margin rule has nothing to compare with`);
  }
  for (const kind of [...byKind.keys()].sort()) {
    const ranked = (byKind.get(kind) ?? []).sort((a, b) => better(b.value) - better(a.value) || ascending(a.institution, b.institution));
    let cutoff: number | null = null;
    if (rule.type === "top-share" || rule.type === "top-k") {
      const count = rule.type === "top-k" ? rule.k : Math.ceil((rule.share ?? 1 / 3) * ranked.length - 1e-12);
      const last = ranked[Math.min(count, ranked.length) - 1];
      cutoff = count > 0 && last ? last.value : null;
    } else if (rule.type === "threshold") {
      const qualifying = ranked.filter((entry) => better(entry.value) >= better(rule.value));
      cutoff = qualifying.length > 0 ? (qualifying[qualifying.length - 1]?.value ?? null) : null;
    } else if (reference !== undefined) {
      const qualifying = ranked.filter((entry) => better(entry.value) - better(reference) >= rule.margin && entry.institution !== rule.relativeTo);
      cutoff = qualifying.length > 0 ? (qualifying[qualifying.length - 1]?.value ?? null) : null;
    }
    cutoffs[kind] = cutoff;
    let rank = 0;
    let previous: number | undefined;
    ranked.forEach((entry, index) => {
      if (entry.value !== previous) rank = index + 1;
      previous = entry.value;
      if (cutoff !== null && better(entry.value) >= better(cutoff) && entry.institution !== (rule.type === "margin" ? rule.relativeTo : undefined)) {
        performers.push({ institution: entry.institution, value: entry.value, rank });
      }
    });
  }
  performers.sort((a, b) => better(b.value) - better(a.value) || ascending(a.institution, b.institution));
  return { topic, period, rule, cutoffs, performers, unscored: unscored.sort() };
}

function checkRule(name: string, rule: HighPerformerRule): void {
  const bad = (message: string) => new TwinningArgumentError(name, message);
  switch (rule.type) {
    case "top-share":
      if (rule.share !== undefined && !(rule.share > 0 && rule.share <= 1)) throw bad(`rule top-share needs a share in (0, 1], got ${rule.share}`);
      return;
    case "top-k":
      if (!Number.isInteger(rule.k) || rule.k < 1) throw bad(`rule top-k needs a whole k >= 1, got ${rule.k}`);
      return;
    case "threshold":
      if (!Number.isFinite(rule.value)) throw bad(`rule threshold needs a finite value, got ${rule.value}`);
      return;
    case "margin":
      if (!Number.isFinite(rule.margin) || rule.margin < 0) throw bad(`rule margin needs a finite margin >= 0, got ${rule.margin}`);
      return;
    default:
      throw bad(`unknown rule ${JSON.stringify(rule)}; expected top-share, top-k, threshold or margin`);
  }
}
