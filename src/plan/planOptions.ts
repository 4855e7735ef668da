/**
 * The options of assignPartners (and of withdrawalImpact and auditStability, which re-plan): their
 * types, defaults, schema and the rules they imply per topic.
 */
import { TwinningArgumentError } from "../core/errors.js";
import { type OptionRule, type OptionSchema, checkOptions, isRecord, nearest, notARecord, recordProblem, showArgument } from "../core/options.js";
import { DEFAULT_HIGH_PERFORMER_RULE, type HighPerformerRule, RULE_OPTION } from "../model/highPerformers.js";
import type { TwinningNetwork } from "../model/network.js";
import type { EligibilityRules, GroupRule, SimilarityOptions } from "./eligibility.js";

/** Weights of the cost of a pair: score gap, resource distance, group (interests' priority is not used by the plan yet). */
export interface PlanWeights {
  /** Weight of the performance gap (per SD): larger gaps preferred. Default 1. */
  gap?: number;
  /** Weight of the resource distance (per SD): more similar preferred. Default 1. */
  similarity?: number;
  /** Cost of pairing across groups (provinces). Default 0.5. */
  group?: number;
}

/** A pair named by mentor, mentee and topic. */
export interface PairRef {
  mentor: string;
  mentee: string;
  topic: string;
}

/** Options of assignPartners. */
export interface AssignPartnersOptions {
  /** Period whose scores decide high performers and gaps (default: the latest with scores, per topic). */
  period?: string;
  /** Who counts as a high performer (default: the top third of the kind). */
  rule?: HighPerformerRule;
  /** A mentor must beat the mentee by more than 0 and at least this much, in the topic's unit. Default 0. */
  minimumGap?: number;
  /** Pair only institutions of the same kind (default true). */
  sameKind?: boolean;
  /** Group (province) rule: `any` (default), `same` or `different`. */
  groups?: GroupRule;
  /** Resource similarity: which numeric attributes, and an optional maximum distance. */
  similarity?: SimilarityOptions;
  /** Needs (institution-topic pairs) a mentor takes in total: one number for all or per mentor. Default 3. */
  capacity?: number | Readonly<Record<string, number>>;
  /** Needs per topic a mentor takes: one number or per topic id. Default: no limit beyond `capacity`. */
  topicCapacity?: number | Readonly<Record<string, number>>;
  weights?: PlanWeights;
  /** Distinct backup mentors per need besides the primary (default 0), so a withdrawal leaves a partner. */
  backups?: number;
  /** Pairs never to form (topic optional: all topics). */
  exclude?: readonly { mentor: string; mentee: string; topic?: string }[];
  /** Pairs that must be in the plan (they bypass eligibility but count against capacity). */
  pin?: readonly PairRef[];
  /** The previous round's pairs: kept unless a change gains more than `keepThreshold`. */
  previous?: readonly PairRef[] | { readonly pairs: readonly PairRef[] };
  /** Cost units a change must gain before a previous pair is replaced. Default 0.25. */
  keepThreshold?: number;
  /** Cost bonus for mutual pairs (A helps B on one topic, B helps A on another). Default 0 (off). */
  preferMutual?: number;
  /** Most distinct mentors one mentee may have across its topics. Default: no limit. */
  maxPartners?: number;
  /**
   * `optimal` (default): maximum coverage, then least cost. `stable`: mentee-proposing deferred
   * acceptance (Gale & Shapley 1962; Roth 1984 for capacities), both sides ranking partners by the
   * pair cost: no mentee and mentor would both rather be together, possibly at lower coverage.
   */
  mode?: "optimal" | "stable";
  /** Shortfalls analysed for relaxations (each measured from the plan by augmenting paths; re-solved under preferMutual or maxPartners). Default 20. */
  explainShortfalls?: number;
  /** Institutions that have left: they neither mentor nor need partners (used by withdrawalImpact). */
  withdrawn?: readonly string[];
  /** Per-topic overrides of the eligibility rules (used by relaxations; also open to callers). */
  topicRules?: Readonly<Record<string, Partial<Pick<AssignPartnersOptions, "rule" | "minimumGap" | "groups" | "similarity">>>>;
}

/**
 * Defaults of AssignPartnersOptions.
 * @example
 * assignPartners(network, { ...DEFAULT_ASSIGN_PARTNERS_OPTIONS, capacity: 2 })
 */
export const DEFAULT_ASSIGN_PARTNERS_OPTIONS = Object.freeze({
  rule: DEFAULT_HIGH_PERFORMER_RULE,
  minimumGap: 0,
  sameKind: true,
  groups: "any" as GroupRule,
  similarity: Object.freeze({}) as SimilarityOptions,
  capacity: 3,
  weights: Object.freeze({ gap: 1, similarity: 1, group: 0.5 }),
  backups: 0,
  keepThreshold: 0.25,
  preferMutual: 0,
  mode: "optimal" as "optimal" | "stable",
  explainShortfalls: 20,
});

/** How assignPartners' options are checked (the shared options contract, src/core/options.ts). */
const wholeNumber = (value: unknown): boolean => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
const capacityRule = (what: string): OptionRule => ({
  type: "custom",
  check: (value) => {
    if (wholeNumber(value)) return undefined;
    if (isRecord(value)) {
      for (const key of Object.keys(value)) {
        const entry = (value as Record<string, unknown>)[key];
        if (!wholeNumber(entry)) return `${what} of ${showArgument(key)} must be a whole number >= 0, got ${showArgument(entry)}`;
      }
      return undefined;
    }
    return notARecord(value, `a whole number >= 0 or a record of them per ${what === "topicCapacity" ? "topic" : "mentor"}`);
  },
});
const WEIGHT_NAMES = ["gap", "similarity", "group"];
/** A record checked against a schema of its own (recordProblem): misspelt keys inside were ignored (review). */
const recordCheck = (schema: Record<string, OptionRule>) => (value: unknown) => (isRecord(value) ? recordProblem(value, schema, "key") : notARecord(value));
// Distinct names: a repeated one weighed twice within a kind and once across kinds (review).
const distinctNames = (value: unknown) => {
  if (!Array.isArray(value)) return `expected an array of attribute names, got ${showArgument(value)}`;
  const at = value.findIndex((name, index) => typeof name !== "string" || value.indexOf(name) < index);
  return at < 0 ? undefined : `expected distinct attribute names, got ${showArgument(value[at])} at index ${at}`;
};
const SIMILARITY_RULE: OptionRule = { type: "custom", check: recordCheck({ attributes: { type: "custom", check: distinctNames }, maxDistance: { type: "number", min: 0 } }) };
const topicRuleProblem = recordCheck({ rule: RULE_OPTION, minimumGap: { type: "number", min: 0 }, groups: { type: "enum", values: ["any", "same", "different"] }, similarity: SIMILARITY_RULE });

export const ASSIGN_PARTNERS_SCHEMA: OptionSchema<AssignPartnersOptions> = {
  period: { type: "string" },
  rule: RULE_OPTION,
  minimumGap: { type: "number", min: 0 },
  sameKind: { type: "boolean" },
  groups: { type: "enum", values: ["any", "same", "different"] },
  similarity: SIMILARITY_RULE,
  capacity: capacityRule("capacity"),
  topicCapacity: capacityRule("topicCapacity"),
  weights: {
    type: "custom",
    check: (value) => {
      if (!isRecord(value)) return notARecord(value, "an object { gap, similarity, group }");
      for (const key of Object.keys(value)) {
        if (!WEIGHT_NAMES.includes(key)) {
          const near = nearest(key, WEIGHT_NAMES);
          return `unknown weight ${showArgument(key)}${near === undefined ? `; known: ${WEIGHT_NAMES.join(", ")}` : `; did you mean ${near}?`}`;
        }
        const entry = (value as Record<string, unknown>)[key];
        if (entry !== undefined && (typeof entry !== "number" || !Number.isFinite(entry))) return `weights.${key} must be a finite number, got ${showArgument(entry)}`;
      }
      return undefined;
    },
  },
  // The flow's supplies (1 + backups per need) must stay exact integers: 2^31 - 1 keeps them so
  // for any network (2^53 backups crashed the solver; review), far beyond any institution count.
  backups: { type: "number", integer: true, min: 0, max: 2 ** 31 - 1 },
  exclude: { type: "custom", check: (value) => pairsProblem(value, false) },
  pin: { type: "custom", check: (value) => pairsProblem(value, true) },
  previous: {
    type: "custom",
    check: (value) => (isRecord(value) && Array.isArray(value.pairs) ? undefined : pairsProblem(value, true, " or a plan")),
  },
  keepThreshold: { type: "number", min: 0 },
  preferMutual: { type: "number", min: 0 },
  maxPartners: { type: "number", integer: true, min: 1 },
  mode: { type: "enum", values: ["optimal", "stable"] },
  explainShortfalls: { type: "number", integer: true, min: 0 },
  withdrawn: { type: "array" },
  topicRules: {
    type: "custom",
    check: (value) => {
      if (!isRecord(value)) return notARecord(value);
      for (const [topic, rules] of Object.entries(value)) {
        const found = rules === undefined ? undefined : topicRuleProblem(rules);
        if (found !== undefined) return `${topic}: ${found}`;
      }
      return undefined;
    },
  },
};

/**
 * What is wrong with a list of pairs, or undefined: each must have string ids `mentor` and
 * `mentee`, and a string `topic` (optional in exclusions). A missing id slipped past the checks
 * of unknown ids (undefined is no id) into misleading errors (review).
 */
function pairsProblem(value: unknown, topicRequired: boolean, orWhat = ""): string | undefined {
  if (!Array.isArray(value)) return `expected an array of pairs${orWhat}, got ${showArgument(value)}`;
  for (const [index, pair] of value.entries()) {
    if (pair === null || typeof pair !== "object") return `[${index}]: expected a pair { mentor, mentee, topic }, got ${showArgument(pair)}`;
    for (const key of ["mentor", "mentee", "topic"]) {
      const id = (pair as Record<string, unknown>)[key];
      if (typeof id !== "string" && !(key === "topic" && !topicRequired && id === undefined)) return `[${index}].${key}: expected a string, got ${showArgument(id)}`;
    }
  }
  return undefined;
}

/** How many of a plan's shortfalls had their relaxations tried (the first explainShortfalls): the others list none untried, not none that helps. */
export const explainedShortfalls = (plan: { options?: AssignPartnersOptions }): number => plan.options?.explainShortfalls ?? DEFAULT_ASSIGN_PARTNERS_OPTIONS.explainShortfalls;

/** The options a plan was made with (given, else recorded in the plan), resolved; for functions that re-solve a plan. */
export function optionsOfPlan(functionName: string, plan: { options?: AssignPartnersOptions }, given: AssignPartnersOptions | undefined, argument: string) {
  const made = given ?? plan.options;
  if (made === undefined) throw new TwinningArgumentError(functionName, `this plan does not record the options it was made with; pass them as the ${argument} argument`);
  return resolveOptions(made, functionName);
}

/** Options checked against the schema, merged with the defaults; `previous` kept as plain pairs. */
export function resolveOptions(options: AssignPartnersOptions | undefined, functionName: string) {
  const checked = checkOptions(functionName, options, ASSIGN_PARTNERS_SCHEMA);
  const previous = checked.previous === undefined ? undefined : (Array.isArray(checked.previous) ? checked.previous : (checked.previous as { pairs: readonly PairRef[] }).pairs).map(({ mentor, mentee, topic }) => ({ mentor, mentee, topic }));
  const merged = { ...DEFAULT_ASSIGN_PARTNERS_OPTIONS, ...checked, ...(previous !== undefined ? { previous } : {}), weights: { ...DEFAULT_ASSIGN_PARTNERS_OPTIONS.weights, ...checked.weights } };
  const bad = (message: string) => new TwinningArgumentError(functionName, message);
  if (merged.mode === "stable" && (merged.backups > 0 || merged.preferMutual > 0 || merged.maxPartners !== undefined)) {
    throw bad("mode \"stable\" does not combine with backups, preferMutual or maxPartners");
  }
  return merged;
}

export type ResolvedOptions = ReturnType<typeof resolveOptions>;

/** A cost or the plan's total cost beyond the range of doubles: the weights or bonuses are too large. */
export const weightsOverflow = (functionName: string, what: string, options: ResolvedOptions) =>
  new TwinningArgumentError(functionName, `${what} with weights ${JSON.stringify(options.weights)}, keepThreshold ${options.keepThreshold} and preferMutual ${options.preferMutual}, beyond the range of doubles (about 1.8e308); use smaller ones`);

export function capacityOf(value: number | Readonly<Record<string, number>> | undefined, key: string, fallback: number, what: string, functionName: string): number {
  const raw = value === undefined ? fallback : typeof value === "number" ? value : Object.hasOwn(value, key) ? value[key] : fallback;
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 0) throw new TwinningArgumentError(functionName, `${what} of ${JSON.stringify(key)} must be a whole number >= 0, got ${String(raw)}`);
  return raw;
}

/** A mentor's limit on one topic (topicCapacity; none given: the largest safe integer). */
export const topicLimitOf = (topicCapacity: AssignPartnersOptions["topicCapacity"], topic: string, functionName = "assignPartners"): number => capacityOf(topicCapacity, topic, Number.MAX_SAFE_INTEGER, "topicCapacity", functionName);

export function rulesFor(topic: string, options: ResolvedOptions): EligibilityRules {
  const override = options.topicRules !== undefined && Object.hasOwn(options.topicRules, topic) ? (options.topicRules[topic] ?? {}) : {};
  return {
    ...(options.period !== undefined ? { period: options.period } : {}),
    rule: override.rule ?? options.rule,
    minimumGap: override.minimumGap ?? options.minimumGap,
    sameKind: options.sameKind,
    groups: override.groups ?? options.groups,
    similarity: override.similarity ?? options.similarity,
    exclude: options.exclude ?? [],
  };
}

/**
 * The previous plan's pairs, each once: `previous` given as a list of pairs, or as a plan. (A pair
 * given twice was counted twice by one note and once by another; reviews.)
 */
export const previousPairsOf = (options: Pick<AssignPartnersOptions, "previous">): readonly PairRef[] =>
  [...new Map(((Array.isArray(options.previous) ? options.previous : (options.previous as { pairs?: readonly PairRef[] } | undefined)?.pairs) ?? []).map((pair) => [JSON.stringify([pair.mentor, pair.mentee, pair.topic]), pair])).values()];

/** The options with every pair mentored by a withdrawn institution excluded. */
export function withoutWithdrawn(network: TwinningNetwork, options: ResolvedOptions): ResolvedOptions {
  const withdrawn = options.withdrawn ?? [];
  if (withdrawn.length === 0) return options;
  return { ...options, exclude: [...(options.exclude ?? []), ...withdrawn.flatMap((id) => network.institutions.map((mentee) => ({ mentor: id, mentee: mentee.id })))] };
}

