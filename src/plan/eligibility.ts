/**
 * Who may pair with whom. A mentor is eligible for a need (an institution and a topic it chose)
 * when it is not the mentee, is of the same kind (by default), is a high performer on the topic,
 * beats the mentee (by more than 0 and at least minimumGap), satisfies the group rule and the resource-similarity
 * limit, and the pair is not excluded. Every candidate that fails says which rule removed it.
 */
import { MinHeap } from "../core/heap.js";
import { innerMap } from "../core/maps.js";
import { ascending } from "../core/typedArrays.js";
import { type HighPerformerRule, highPerformers, latestPeriod } from "../model/highPerformers.js";
import type { TwinningNetwork } from "../model/network.js";
import type { Institution, Topic } from "../model/types.js";
import {
  DIFFERENT_KIND,
  EXCLUDED,
  GAP_TOO_SMALL,
  GROUP_RULE,
  type MenteeIndependentReasons,
  NONE,
  NOT_HIGH_PERFORMER,
  NO_SCORE,
  REMOVAL_REASON_NAMES,
  RESOURCES_TOO_DIFFERENT,
  TOPIC_NOT_FOR_KIND,
  gapPassingPrefix,
  menteeIndependentReasons,
} from "./removalReasons.js";
import { boxDistance, buildResourceTree, descendNearest, nodeMaxima, type ResourceTree } from "./resourceTree.js";

/** Province rule: every group, the same group, or a different one. */
export type GroupRule = "any" | "same" | "different";

/** Resource similarity: numeric attributes compared and an optional maximum distance. */
export interface SimilarityOptions {
  /** Numeric attributes that measure resources (default: every numeric attribute that all institutions of the kind have). */
  attributes?: readonly string[];
  /** Largest allowed distance (root mean square of differences in SDs of the kind); default none. */
  maxDistance?: number;
}

/** The rules of eligibility for one topic. */
export interface EligibilityRules {
  period?: string;
  rule: HighPerformerRule;
  /** Mentor must be better than the mentee by more than 0 and at least this, in the topic's unit. */
  minimumGap: number;
  sameKind: boolean;
  groups: GroupRule;
  similarity: SimilarityOptions;
  exclude: readonly { mentor: string; mentee: string; topic?: string }[];
}

/** Why a candidate mentor was removed. */
export type RemovalReason =
  | "is-the-mentee"
  | "different-kind"
  | "topic-not-for-kind"
  | "no-score"
  | "not-high-performer"
  | "gap-too-small"
  | "group-rule"
  | "resources-too-different"
  | "excluded";

/** An eligible mentor for a need, with the numbers behind its cost. */
export interface Candidate {
  mentor: string;
  mentorScore: number;
  /** Mentor's score minus mentee's, in the "better" direction (positive = mentor better), or null when the mentee has no score. */
  gap: number | null;
  /** The gap in SDs of the topic's scores among institutions of the kind. */
  gapInSD: number | null;
  /** Resource distance (RMS of attribute differences in SD units), or null without attributes. */
  distance: number | null;
  sameGroup: boolean;
}

/** A candidate removed from a need, with the reason. */
export interface Removed {
  mentor: string;
  reason: RemovalReason;
  detail: string;
}

/** Who may mentor a need, and every candidate removed with the reason. */
export interface NeedEligibility {
  period: string;
  menteeScore: number | null;
  candidates: Candidate[];
  removed: Removed[];
  /** How many candidates each rule removed (all of them, also beyond the listed `removed`). */
  removedCounts?: Partial<Record<RemovalReason, number>>;
}

/** The removal reasons by index (explainNeed counts in typed arrays). */
const REMOVAL_REASONS: readonly RemovalReason[] = REMOVAL_REASON_NAMES;

/** Removed candidates listed with their details per need; the counts cover all of them. */
export const REMOVED_DETAIL_LIMIT = 50;

const standardDeviation = (values: readonly number[]): number => {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (values.length - 1));
};

/** RMS of the attribute differences that both vectors have (in SDs); null when none can be compared. */
function vectorDistance(x: Float64Array | undefined, y: Float64Array | undefined): number | null {
  if (x === undefined || y === undefined || x.length !== y.length) return null;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    const difference = (x[i] as number) - (y[i] as number);
    if (Number.isNaN(difference)) continue;
    sum += difference * difference;
    count++;
  }
  return count === 0 ? null : Math.sqrt(sum / count);
}

/**
 * The institutions' values of the named attributes, each in SDs among the institutions that have
 * a number there and measure it (`measures`); NaN where an institution has none or does not.
 */
function scaledVectors(institutions: readonly Institution[], names: readonly string[], measures: (institution: Institution, name: string) => boolean): Map<string, Float64Array> {
  const measuredValue = (institution: Institution, name: string): number => {
    const value = Object.hasOwn(institution.attributes, name) ? institution.attributes[name] : undefined;
    return typeof value === "number" && measures(institution, name) ? value : Number.NaN;
  };
  const sds = names.map((name) => standardDeviation(institutions.map((institution) => measuredValue(institution, name)).filter((value) => !Number.isNaN(value))));
  // An SD of 0 (every value the same) leaves differences of 0.
  return new Map(institutions.map((institution) => [institution.id, Float64Array.from(names, (name, index) => measuredValue(institution, name) / ((sds[index] as number) || Number.POSITIVE_INFINITY))]));
}

/** Prepared facts per topic and kind, computed once per plan. */
export class EligibilityContext {
  readonly #sdCache = new Map<string, number>();
  readonly #attributeCache = new Map<string, { names: string[] }>();
  readonly #performerCache = new Map<string, Set<string>>();

  constructor(readonly network: TwinningNetwork) {}

  readonly #latest = new Map<string, string | undefined>();

  periodFor(topic: string, rules: EligibilityRules): string | undefined {
    if (rules.period !== undefined) return rules.period;
    if (!this.#latest.has(topic)) this.#latest.set(topic, latestPeriod(this.network, topic));
    return this.#latest.get(topic);
  }

  #scoreSD(topic: string, period: string, kind: string): number {
    const key = JSON.stringify([topic, period, kind]);
    let sd = this.#sdCache.get(key);
    if (sd === undefined) {
      // From the topic's scores by institution (one Map per topic and period), not a lookup by a
      // built string key per institution (at 20,000 institutions the string keys were most of it).
      const scores = this.#scoresOf(topic, period);
      const values = this.network.institutionsOfKind(kind).flatMap((institution) => {
        const value = scores.get(institution.id);
        return value === undefined ? [] : [value];
      });
      sd = standardDeviation(values);
      this.#sdCache.set(key, sd);
    }
    return sd;
  }

  /** The attributes that measure resources for a kind. */
  attributesFor(kind: string, similarity: SimilarityOptions): { names: string[] } {
    const key = JSON.stringify([kind, similarity.attributes ?? null]);
    let cached = this.#attributeCache.get(key);
    if (cached === undefined) {
      const members = this.network.institutionsOfKind(kind);
      const numeric = (institution: Institution, name: string) =>
        Object.hasOwn(institution.attributes, name) && typeof institution.attributes[name] === "number";
      const names =
        similarity.attributes !== undefined
          ? [...similarity.attributes]
          : [...new Set(members.flatMap((institution) => Object.keys(institution.attributes)))].filter((name) => members.every((member) => numeric(member, name))).sort();
      cached = { names };
      this.#attributeCache.set(key, cached);
    }
    return cached;
  }

  /** Per rule object, then topic and period: the sets of performerCache without serialising the rule per call. */
  readonly #performerByRule = new WeakMap<HighPerformerRule, Map<string, Map<string, Set<string>>>>();

  #performers(topic: string, period: string, rule: HighPerformerRule): Set<string> {
    const byPeriod = innerMap(innerMap(this.#performerByRule, rule), topic);
    let set = byPeriod.get(period);
    if (set === undefined) {
      const key = JSON.stringify([topic, period, rule]);
      set = this.#performerCache.get(key);
      if (set === undefined) {
        set = new Set(highPerformers(this.network, topic, { rule, period }).performers.map((performer) => performer.institution));
        this.#performerCache.set(key, set);
      }
      byPeriod.set(period, set);
    }
    return set;
  }

  /** Whether an institution is itself a high performer on a topic (then it needs no mentor). */
  isHighPerformer(institution: string, topic: string, rules: EligibilityRules): boolean {
    const period = this.periodFor(topic, rules);
    if (period === undefined) return false;
    return this.#performers(topic, period, rules.rule).has(institution);
  }

  readonly #vectorCache = new WeakMap<SimilarityOptions, Map<string, Map<string, Float64Array>>>();

  /** Each institution's attributes in SDs of its kind (NaN where missing), computed once per kind. */
  #vectors(kind: string, similarity: SimilarityOptions): Map<string, Float64Array> {
    const byKind = innerMap(this.#vectorCache, similarity);
    let cached = byKind.get(kind);
    if (cached === undefined) {
      cached = scaledVectors(this.network.institutionsOfKind(kind), this.attributesFor(kind, similarity).names, () => true);
      byKind.set(kind, cached);
    }
    return cached;
  }

  /**
   * Resource distance between two institutions (null when no attribute can be compared). Of one
   * kind: the attributes of the kind, each in SDs among the kind. Of two kinds: the attributes both
   * kinds measure, matched by name, each in SDs among the institutions of every kind that measures
   * it (acrossKindVectors). Position by position in each kind's own SDs, a 100-bed hospital
   * compared its beds with a district's health centres and came out identical to a district of
   * 100,000 people (adversarial review).
   */
  distance(a: Institution, b: Institution, similarity: SimilarityOptions): number | null {
    if (a.kind !== b.kind) {
      const vectors = this.acrossKindVectors(similarity);
      return vectorDistance(vectors.get(a.id), vectors.get(b.id));
    }
    const vectors = this.#vectors(a.kind, similarity);
    return vectorDistance(vectors.get(a.id), vectors.get(b.id));
  }

  readonly #acrossKindCache = new Map<string, Map<string, Float64Array>>();

  /**
   * Every institution's attributes for comparisons across kinds: one layout for all (every
   * attribute some kind measures, by name), each in SDs among the institutions whose kind measures
   * it, NaN where the institution's kind does not measure it or the value is missing.
   */
  acrossKindVectors(similarity: SimilarityOptions): Map<string, Float64Array> {
    const key = JSON.stringify(similarity.attributes ?? null);
    let vectors = this.#acrossKindCache.get(key);
    if (vectors === undefined) {
      const measured = new Map(this.network.kinds.map((kind) => [kind, this.attributesFor(kind, similarity).names]));
      vectors = scaledVectors(this.network.institutions, [...new Set([...measured.values()].flat())].sort(), (institution, name) => measured.get(institution.kind)?.includes(name) === true);
      this.#acrossKindCache.set(key, vectors);
    }
    return vectors;
  }

  readonly #scoreCache = new Map<string, Map<string, number>>();

  /** Scores of a topic in a period by institution, indexed once. */
  #scoresOf(topic: string, period: string): Map<string, number> {
    const key = JSON.stringify([topic, period]);
    let scores = this.#scoreCache.get(key);
    if (scores === undefined) {
      scores = new Map(this.network.scoresFor(topic, period).map((score) => [score.institution, score.value]));
      this.#scoreCache.set(key, scores);
    }
    return scores;
  }

  /** Scores of a topic in a period by institution (for CandidateScanner). */
  scoresIn(topic: string, period: string): Map<string, number> {
    return this.#scoresOf(topic, period);
  }

  /** High performers of a topic in a period under a rule (for CandidateScanner). */
  performersIn(topic: string, period: string, rule: HighPerformerRule): Set<string> {
    return this.#performers(topic, period, rule);
  }

  /** SD of a topic's scores among a kind (for CandidateScanner). */
  scoreSDOf(topic: string, period: string, kind: string): number {
    return this.#scoreSD(topic, period, kind);
  }

  /** An institution's attributes in SDs of its kind (for CandidateScanner). */
  vectorOf(institution: Institution, similarity: SimilarityOptions): Float64Array | undefined {
    return this.#vectors(institution.kind, similarity).get(institution.id);
  }

  /** Exclusions naming a mentee (for CandidateScanner). */
  exclusionsOf(rules: EligibilityRules, mentee: string): { mentor: string; topic?: string }[] {
    return this.#exclusionsFor(rules, mentee);
  }

  #scannerInstance: CandidateScanner | undefined;

  /** The typed-array scanner over this context, made once. */
  get scanner(): CandidateScanner {
    this.#scannerInstance ??= new CandidateScanner(this);
    return this.#scannerInstance;
  }

  readonly #positionTables = new Map<string, { score: Float64Array; hasScore: Uint8Array; performer: Uint8Array }>();
  readonly #positionVectors = new WeakMap<SimilarityOptions, (Float64Array | undefined)[]>();

  /** Scores, high-performer flags and resource vectors by position in network.institutions. */
  #positionTable(topic: string, period: string, performers: Set<string> | undefined, similarity: SimilarityOptions) {
    const key = JSON.stringify([topic, period]);
    const institutions = this.network.institutions;
    let table = this.#positionTables.get(key);
    if (table === undefined) {
      const scores = this.#scoresOf(topic, period);
      table = { score: new Float64Array(institutions.length), hasScore: new Uint8Array(institutions.length), performer: new Uint8Array(0) };
      institutions.forEach((institution, position) => {
        const value = scores.get(institution.id);
        if (value !== undefined) {
          (table as { score: Float64Array }).score[position] = value;
          (table as { hasScore: Uint8Array }).hasScore[position] = 1;
        }
      });
      this.#positionTables.set(key, table);
    }
    let performer = this.#performerFlags.get(performers);
    if (performer === undefined) {
      performer = Uint8Array.from(institutions, (institution) => (performers?.has(institution.id) ? 1 : 0));
      this.#performerFlags.set(performers, performer);
    }
    let vectors = this.#positionVectors.get(similarity);
    if (vectors === undefined) {
      vectors = institutions.map((institution) => this.vectorOf(institution, similarity));
      this.#positionVectors.set(similarity, vectors);
    }
    return { score: table.score, hasScore: table.hasScore, performer, vectors };
  }

  readonly #performerFlags = new Map<Set<string> | undefined, Uint8Array>();

  readonly #performerInstitutions = new Map<Set<string>, Institution[]>();
  readonly #exclusionIndex = new WeakMap<object, Map<string, { mentor: string; topic?: string }[]>>();

  /** Exclusions by mentee, indexed once per exclusion list. */
  #exclusionsFor(rules: EligibilityRules, mentee: string): { mentor: string; topic?: string }[] {
    let index = this.#exclusionIndex.get(rules.exclude);
    if (index === undefined) {
      index = new Map();
      // Appended in place: a copy per exclusion was quadratic (200,000 for one mentee took 447 s; review).
      for (const pair of rules.exclude) {
        const list = index.get(pair.mentee);
        if (list === undefined) index.set(pair.mentee, [pair]);
        else list.push(pair);
      }
      this.#exclusionIndex.set(rules.exclude, index);
    }
    return index.get(mentee) ?? [];
  }

  /**
   * Candidates for one need and, when `explain` is true, every removed candidate with the rule
   * that removed it. Without `explain` only high performers are examined (the others could never
   * be candidates), so planning costs needs x performers, not needs x institutions.
   */
  evaluate(menteeId: string, topic: Topic, rules: EligibilityRules, explain = false): NeedEligibility {
    const network = this.network;
    const mentee = network.institution(menteeId) as Institution;
    const period = this.periodFor(topic.id, rules) ?? "";
    const sign = topic.higherIsBetter ? 1 : -1;
    const scores = period === "" ? undefined : this.#scoresOf(topic.id, period);
    const menteeScore = scores?.get(menteeId);
    const performers = period === "" ? undefined : this.#performers(topic.id, period, rules.rule);
    const sd = period === "" ? 0 : this.#scoreSD(topic.id, period, mentee.kind);
    const candidates: Candidate[] = [];
    const removed: Removed[] = [];
    const counts: Partial<Record<RemovalReason, number>> = {};
    const excluded = new Set(this.#exclusionsFor(rules, menteeId).filter((pair) => pair.topic === undefined || pair.topic === topic.id).map((pair) => pair.mentor));
    let pool: readonly Institution[] = network.institutions;
    if (!explain && performers !== undefined) {
      let list = this.#performerInstitutions.get(performers);
      if (list === undefined) {
        list = network.institutions.filter((institution) => performers.has(institution.id));
        this.#performerInstitutions.set(performers, list);
      }
      pool = list;
    }
    let mentor = mentee;
    // Details are words for people: built only when explaining.
    const remove = (reason: RemovalReason, detail: () => string) => {
      if (!explain) return;
      counts[reason] = (counts[reason] ?? 0) + 1;
      // Details are listed for the first few only: at national scale every uncovered need would
      // otherwise hold a line for each of thousands of institutions.
      if (removed.length < REMOVED_DETAIL_LIMIT) removed.push({ mentor: mentor.id, reason, detail: detail() });
    };
    // Explaining goes through every institution: scores, performers and resource vectors are read
    // by position from arrays made once per topic and period, not looked up by id per pair.
    const byPosition = pool === network.institutions && period !== "" ? this.#positionTable(topic.id, period, performers, rules.similarity) : undefined;
    const menteeVector = this.vectorOf(mentee, rules.similarity);
    for (let position = 0; position < pool.length; position++) {
      mentor = pool[position] as Institution;
      if (mentor.id === menteeId) continue;
      if (rules.sameKind && mentor.kind !== mentee.kind) {
        remove("different-kind", () => `${mentor.kind}, not ${mentee.kind}`);
        continue;
      }
      if (topic.kinds !== undefined && !topic.kinds.includes(mentor.kind)) {
        remove("topic-not-for-kind", () => `${topic.id} does not apply to ${mentor.kind}`);
        continue;
      }
      const mentorScore = byPosition === undefined ? scores?.get(mentor.id) : byPosition.hasScore[position] ? (byPosition.score[position] as number) : undefined;
      if (mentorScore === undefined) {
        remove("no-score", () => `no ${topic.id} score in ${period || "any period"}`);
        continue;
      }
      if (performers !== undefined && !(byPosition === undefined ? performers.has(mentor.id) : byPosition.performer[position] === 1)) {
        remove("not-high-performer", () => belowCutOff(topic.id, mentorScore));
        continue;
      }
      const gap = menteeScore === undefined ? null : sign * (mentorScore - menteeScore);
      const required = rules.minimumGap;
      if (gap !== null && (gap <= 0 || gap < required)) {
        remove("gap-too-small", () => gapTooSmall(mentorScore, menteeScore as number, gap, required));
        continue;
      }
      const sameGroup = mentor.group !== undefined && mentor.group === mentee.group;
      if ((rules.groups === "same" && !sameGroup) || (rules.groups === "different" && sameGroup)) {
        remove("group-rule", () => groupRuleBroken(mentor.group, mentee.group, rules.groups));
        continue;
      }
      const distance = byPosition === undefined || mentor.kind !== mentee.kind ? this.distance(mentor, mentee, rules.similarity) : vectorDistance(byPosition.vectors[position], menteeVector);
      if (rules.similarity.maxDistance !== undefined && (distance === null || distance > rules.similarity.maxDistance)) {
        remove("resources-too-different", () => tooDifferent(distance, rules.similarity.maxDistance));
        continue;
      }
      if (excluded.has(mentor.id)) {
        remove("excluded", () => "excluded by the caller");
        continue;
      }
      candidates.push({ mentor: mentor.id, mentorScore, gap, gapInSD: gap === null ? null : sd > 0 ? gap / sd : gap, distance, sameGroup });
    }
    return { period, menteeScore: menteeScore ?? null, candidates, removed, ...(explain ? { removedCounts: counts } : {}) };
  }
}

/** Weights of the pair cost (solvePlan): cost = -gap * gapInSD + similarity * distance + group * (different group). */
export interface CostWeights {
  readonly gap: number;
  readonly similarity: number;
  readonly group: number;
}

/**
 * The terms of the pair a scan is visiting, in one object the scanner overwrites for each pair:
 * read them during the visit only (candidateOf copies them). Plain numbers, NaN for "none": a
 * number-or-null passed to a callback is a heap object per value, and the scans of a national plan
 * visit millions of pairs (300 MB of garbage per plan at 5,000 x 12).
 */
export interface PairTerms {
  /** The pair's cost (NaN when the scan computes no costs). */
  cost: number;
  mentorScore: number;
  /** As Candidate's, NaN where Candidate has null (the mentee has no score; no distance). */
  gap: number;
  gapInSD: number;
  distance: number;
  sameGroup: boolean;
}

/** The candidate of a visited pair (NaN terms become null). */
export function candidateOf(mentor: string, pair: PairTerms): Candidate {
  return {
    mentor,
    mentorScore: pair.mentorScore,
    gap: Number.isNaN(pair.gap) ? null : pair.gap,
    gapInSD: Number.isNaN(pair.gapInSD) ? null : pair.gapInSD,
    distance: Number.isNaN(pair.distance) ? null : pair.distance,
    sameGroup: pair.sameGroup,
  };
}

/**
 * Called for eligible mentors of a need, best score first, with the pair's terms and the mentor's
 * position in network.institutions; returns a limit: mentors costing more than it may be skipped
 * from then on (Infinity to see every eligible mentor, -Infinity to end the scan there).
 */
export type CandidateVisitor = (mentor: Institution, pair: PairTerms, mentorIndex: number) => number;

/**
 * A pre-filter of a scan by reduced cost (the pruning check of solvePlan): per mentor (network
 * index) the potential triple of the pool a pair would enter (NaN primary: no pair there can carry
 * a unit), and the need's own triple. The visitor is called only for pairs whose reduced cost
 * (0, 0, cost) + need - pool may be negative; the cost tier is tested with a margin of one step of
 * the cost grid (2^-20), so the visitor's exact test on grid costs decides every close case.
 */
export interface ReducedCostFilter {
  readonly primary: Float64Array;
  readonly backup: Float64Array;
  readonly cost: Float64Array;
  readonly need: readonly [number, number, number];
  /** The visitor's limit before its first call (mentors costing more may be skipped). */
  readonly limit: number;
  /** The solver's cost grid (gridStep): a pair costing within a step of its room may improve. */
  readonly step: number;
}

/** A topic's possible mentors in a period as typed arrays, best score first (ties in network order). */
interface MentorPool {
  institutions: Institution[];
  networkIndex: Int32Array;
  score: Float64Array;
  kind: Int32Array;
  group: Int32Array;
}

/**
 * Every institution's resource vector (attributes in SDs of its own kind, NaN where missing), flat
 * by network index: institution j's vector is values[start[j] .. start[j] + length[j]).
 */
interface VectorStore {
  values: Float64Array;
  start: Int32Array;
  length: Int32Array;
  /** Kind id by network index: institutions of two kinds are compared by `across`. */
  kind: Int32Array;
  /** EligibilityContext.distance of institutions of two kinds (network indices), NaN for null. */
  across: (a: number, b: number) => number;
}

/**
 * The resource distance of institutions a and b (network indices) from the store, as
 * vectorDistance computes it (same operations, same order): RMS of the attribute differences both
 * have, null when their vectors differ in length or share no attribute.
 */
function storedDistance(vectors: VectorStore, a: number, b: number): number | null {
  const distance = storedDistanceOrNaN(vectors, a, b);
  return Number.isNaN(distance) ? null : distance;
}

/** storedDistance with NaN for null: a double that optimised code keeps unboxed (a number-or-null is a heap object per value). */
function storedDistanceOrNaN(vectors: VectorStore, a: number, b: number): number {
  if (vectors.kind[a] !== vectors.kind[b]) return vectors.across(a, b);
  const { values, start, length } = vectors;
  const size = length[b] as number;
  if (size < 0 || length[a] !== size) return Number.NaN;
  const startA = start[a] as number;
  const startB = start[b] as number;
  let sum = 0;
  let compared = 0;
  for (let d = 0; d < size; d++) {
    const difference = (values[startA + d] as number) - (values[startB + d] as number);
    if (Number.isNaN(difference)) continue;
    sum += difference * difference;
    compared++;
  }
  return compared > 0 ? Math.sqrt(sum / compared) : Number.NaN;
}

/**
 * What a scan needs of a topic under one set of rules, prepared once and reused while the rules
 * are the same objects (rulesFor hands out the options' own rule and similarity objects).
 */
interface TopicScan {
  topic: Topic;
  rule: HighPerformerRule;
  similarity: SimilarityOptions;
  periodOption: string | undefined;
  period: string;
  pool: MentorPool | undefined;
  /** The pool restricted to one kind (same order), for sameKind rules. */
  poolOfKind: (MentorPool | undefined)[];
  /** Scores by network index (hasScore 0: none). */
  score: Float64Array;
  hasScore: Uint8Array;
  /** High-performer flags by network index (undefined: the margin rule, or no period; made on first use). */
  performer: Uint8Array | undefined;
  /** SD of the topic's scores among each kind (NaN until asked). */
  sdOfKind: Float64Array;
  /** 1 for kinds the topic applies to (undefined: every kind). */
  topicKinds: Uint8Array | undefined;
  vectors: VectorStore;
}

/** explainNeed's tables for one prepared topic and mentee kind (CandidateScanner.explainTablesOf). */
interface ExplainTables {
  reasons: MenteeIndependentReasons;
  /** The eligible mentors (network order) of needs whose eligible mentors are the walk's leading run, by the run's length. */
  eligibleOfRun: Map<number, Int32Array>;
  /** The removal of each institution by a mentee-independent rule, made when first listed (frozen, shared by the needs that list it). */
  removals: (Removed | undefined)[];
}

/**
 * What explainNeed knows of one need while it tests mentors. The tests are module functions of
 * this record, not closures made per need: a plan explains thousands of needs.
 */
interface NeedFacts {
  readonly prepared: TopicScan;
  readonly independent: MenteeIndependentReasons;
  readonly institutions: readonly Institution[];
  readonly groupOf: Int32Array;
  readonly topic: Topic;
  readonly period: string;
  readonly mentee: Institution;
  readonly menteeIndex: number;
  readonly menteeGroup: number;
  readonly menteeScore: number | undefined;
  readonly sign: 1 | -1;
  readonly required: number;
  readonly groups: GroupRule;
  readonly maxDistance: number | undefined;
  readonly excluded: ReadonlySet<string>;
}

/** The removal details shared by the full evaluation (evaluate) and the explained scan (removalDetail). */
const NO_MENTEE_SCORE = "the mentee has no score to compare with";
const belowCutOff = (topic: string, score: number): string => `${topic} ${score} is below the high-performer cut-off`;
const gapTooSmall = (mentorScore: number, menteeScore: number, gap: number, required: number): string =>
  `${mentorScore} vs the mentee's ${menteeScore}: gap ${round(gap)}, needs more than 0${required > 0 ? ` and at least ${required}` : ""}`;
const groupRuleBroken = (mentor: string | undefined, mentee: string | undefined, rule: GroupRule): string => `${mentor ?? "no group"} vs ${mentee ?? "no group"} (rule: ${rule} group)`;
const tooDifferent = (distance: number | null, maxDistance: number | undefined): string => (distance === null ? "no resource attributes to compare" : `distance ${round(distance)} SD > ${maxDistance}`);

/** The exclusions of a need under rules that exclude no pair. */
const NO_EXCLUSIONS: ReadonlySet<string> = new Set();

/** Why institution j, past the gap rule, is not eligible for the need (a REMOVAL_REASONS index), or -1 when it is. */
function reasonAfterGap(facts: NeedFacts, j: number): number {
  const { groups, maxDistance, excluded } = facts;
  const mentorGroup = facts.groupOf[j] as number;
  const sameGroup = mentorGroup !== -1 && mentorGroup === facts.menteeGroup;
  if ((groups === "same" && !sameGroup) || (groups === "different" && sameGroup)) return GROUP_RULE;
  if (maxDistance !== undefined) {
    const distance = storedDistance(facts.prepared.vectors, j, facts.menteeIndex);
    if (distance === null || distance > maxDistance) return RESOURCES_TOO_DIFFERENT;
  }
  if (excluded.size > 0 && excluded.has((facts.institutions[j] as Institution).id)) return EXCLUDED;
  return -1;
}

/** Why institution j is not eligible for the need (evaluate's rules in evaluate's order), or -1 when it is. */
function explainedReasonOf(facts: NeedFacts, j: number): number {
  const reason = facts.independent.reason[j] as number;
  if (reason >= 0) return reason;
  const { menteeScore } = facts;
  if (menteeScore !== undefined) {
    const gap = facts.sign * ((facts.prepared.score[j] as number) - menteeScore);
    if (gap <= 0 || gap < facts.required) return GAP_TOO_SMALL;
  }
  return reasonAfterGap(facts, j);
}

/** The detail of institution j's removal from the need, as evaluate words it. */
function removalDetail(facts: NeedFacts, reason: number, j: number): string {
  const { topic, mentee, menteeScore } = facts;
  const mentor = facts.institutions[j] as Institution;
  const mentorScore = facts.prepared.score[j] as number;
  switch (reason) {
    case DIFFERENT_KIND:
      return `${mentor.kind}, not ${mentee.kind}`;
    case TOPIC_NOT_FOR_KIND:
      return `${topic.id} does not apply to ${mentor.kind}`;
    case NO_SCORE:
      return `no ${topic.id} score in ${facts.period || "any period"}`;
    case NOT_HIGH_PERFORMER:
      return belowCutOff(topic.id, mentorScore);
    case GAP_TOO_SMALL: {
      if (menteeScore === undefined) return NO_MENTEE_SCORE;
      const gap = facts.sign * (mentorScore - menteeScore);
      return gapTooSmall(mentorScore, menteeScore, gap, facts.required);
    }
    case GROUP_RULE:
      return groupRuleBroken(mentor.group, mentee.group, facts.groups);
    case RESOURCES_TOO_DIFFERENT: {
      const distance = storedDistance(facts.prepared.vectors, j, facts.menteeIndex);
      return tooDifferent(distance, facts.maxDistance);
    }
    default:
      return "excluded by the caller";
  }
}

/** The pair cost, written once so every path computes the same double. */
export const pairCost = (weights: CostWeights, gapInSD: number | null, distance: number | null, sameGroup: boolean): number => costOfTerms(weights, gapInSD ?? 0, distance ?? 0, sameGroup);

/** pairCost with a missing gap or distance passed as 0 (the same operations in the same order). */
const costOfTerms = (weights: CostWeights, gapInSD: number, distance: number, sameGroup: boolean): number => -weights.gap * gapInSD + weights.similarity * distance + weights.group * (sameGroup ? 0 : 1);

/** Prepared topics kept per topic id (relaxations alternate between a few rule sets). */
const TOPIC_SCANS_KEPT = 8;

/**
 * The tight loops of planning: eligibility and cost of every (need, mentor) pair from typed arrays,
 * with no object per pair. Mentors are scanned best score first, so the gap rule ends a scan at
 * the first mentor too close to the mentee, and with non-negative weights the cost of every later
 * mentor is at least -gap * gapInSD (the other two terms are >= 0, and adding non-negative doubles
 * never lowers a double): a scan stops once that bound passes the visitor's limit.
 *
 * Per call only the mentee is looked up (its network index, one Map lookup); everything about the
 * topic (pool, scores, SDs, vectors) is prepared once per topic and rule set (TopicScan). With
 * sameKind rules the scan walks the pool of the mentee's kind only.
 */
export class CandidateScanner {
  readonly #kindIds = new Map<string, number>();
  readonly #groupIds = new Map<string, number>();
  readonly #pools = new Map<string, MentorPool>();
  readonly #networkIndex: Map<string, number>;
  /** Kind and group ids by network index (group -1: none). */
  readonly #kindOf: Int32Array;
  readonly #groupOf: Int32Array;
  readonly #topicScans = new Map<string, TopicScan[]>();
  /** The terms objects of walks (walk), by nesting depth, and the current depth. */
  readonly #termsByDepth: PairTerms[] = [];
  #walkDepth = 0;
  readonly #vectorStores = new Map<string, VectorStore>();
  readonly #vectorStoreOf = new WeakMap<SimilarityOptions, VectorStore>();
  /** Resource trees by vector store and walk (resourceTree). */
  readonly #resourceTrees = new WeakMap<VectorStore, Map<Int32Array, ResourceTree>>();

  readonly #context: EligibilityContext;

  constructor(context: EligibilityContext) {
    this.#context = context;
    const institutions = context.network.institutions;
    this.#networkIndex = new Map(institutions.map((institution, index) => [institution.id, index]));
    this.#kindOf = Int32Array.from(institutions, (institution) => this.#kindId(institution.kind));
    this.#groupOf = Int32Array.from(institutions, (institution) => this.#groupId(institution.group));
  }

  /** Position of an institution in network.institutions. */
  indexOf(id: string): number {
    return this.#networkIndex.get(id) ?? -1;
  }

  #kindId(kind: string): number {
    let id = this.#kindIds.get(kind);
    if (id === undefined) {
      id = this.#kindIds.size;
      this.#kindIds.set(kind, id);
    }
    return id;
  }

  #groupId(group: string | undefined): number {
    if (group === undefined) return -1;
    let id = this.#groupIds.get(group);
    if (id === undefined) {
      id = this.#groupIds.size;
      this.#groupIds.set(group, id);
    }
    return id;
  }

  #pool(topic: Topic, period: string, rule: HighPerformerRule): MentorPool {
    const key = JSON.stringify([topic.id, period, rule]);
    let pool = this.#pools.get(key);
    if (pool === undefined) {
      const scores = this.#context.scoresIn(topic.id, period);
      const performers = this.#context.performersIn(topic.id, period, rule);
      const sign = topic.higherIsBetter ? 1 : -1;
      const members: { institution: Institution; index: number; score: number }[] = [];
      this.#context.network.institutions.forEach((institution, index) => {
        const score = scores.get(institution.id);
        if (score === undefined || (performers !== undefined && !performers.has(institution.id))) return;
        members.push({ institution, index, score });
      });
      // Best first; Array.prototype.sort is stable, so ties stay in network order.
      members.sort((a, b) => sign * (b.score - a.score));
      pool = {
        institutions: members.map((member) => member.institution),
        networkIndex: Int32Array.from(members, (member) => member.index),
        score: Float64Array.from(members, (member) => member.score),
        kind: Int32Array.from(members, (member) => this.#kindOf[member.index] as number),
        group: Int32Array.from(members, (member) => this.#groupOf[member.index] as number),
      };
      this.#pools.set(key, pool);
    }
    return pool;
  }

  /** Resource vectors of every institution, once per choice of attributes. */
  #vectorStore(similarity: SimilarityOptions): VectorStore {
    let store = this.#vectorStoreOf.get(similarity);
    if (store !== undefined) return store;
    // Vectors depend on the attributes only (not on maxDistance): shared across similarity objects.
    const key = JSON.stringify(similarity.attributes ?? null);
    store = this.#vectorStores.get(key);
    if (store === undefined) {
      const institutions = this.#context.network.institutions;
      const vectors = institutions.map((institution) => this.#context.vectorOf(institution, similarity));
      const start = new Int32Array(institutions.length);
      const length = new Int32Array(institutions.length);
      let total = 0;
      vectors.forEach((vector, j) => {
        start[j] = total;
        length[j] = vector === undefined ? -1 : vector.length;
        total += vector?.length ?? 0;
      });
      const values = new Float64Array(total);
      vectors.forEach((vector, j) => {
        if (vector !== undefined) values.set(vector, start[j] as number);
      });
      // Pairs of two kinds (sameKind: false only): the context's vectors across kinds, by network index once met.
      let acrossKinds: (Float64Array | undefined)[] | undefined;
      const across = (a: number, b: number): number => {
        acrossKinds ??= vectors.map((_, j) => this.#context.acrossKindVectors(similarity).get((institutions[j] as Institution).id));
        return vectorDistance(acrossKinds[a], acrossKinds[b]) ?? Number.NaN;
      };
      store = { values, start, length, kind: this.#kindOf, across };
      this.#vectorStores.set(key, store);
    }
    this.#vectorStoreOf.set(similarity, store);
    return store;
  }

  /** The prepared topic for these rules (made once per topic and rule set; see TopicScan). */
  #topicScan(topic: Topic, rules: EligibilityRules): TopicScan {
    let list = this.#topicScans.get(topic.id);
    if (list === undefined) {
      list = [];
      this.#topicScans.set(topic.id, list);
    }
    for (const entry of list) {
      if (entry.topic === topic && entry.rule === rules.rule && entry.similarity === rules.similarity && entry.periodOption === rules.period) return entry;
    }
    const context = this.#context;
    const period = context.periodFor(topic.id, rules) ?? "";
    const count = context.network.institutions.length;
    const score = new Float64Array(count);
    const hasScore = new Uint8Array(count);
    if (period !== "") {
      for (const [id, value] of context.scoresIn(topic.id, period)) {
        const j = this.indexOf(id);
        if (j < 0) continue;
        score[j] = value;
        hasScore[j] = 1;
      }
    }
    let topicKinds: Uint8Array | undefined;
    if (topic.kinds !== undefined) {
      topicKinds = new Uint8Array(this.#kindIds.size);
      for (const kind of topic.kinds) {
        const id = this.#kindIds.get(kind);
        if (id !== undefined) topicKinds[id] = 1;
      }
    }
    const entry: TopicScan = {
      topic,
      rule: rules.rule,
      similarity: rules.similarity,
      periodOption: rules.period,
      period,
      pool: period === "" ? undefined : this.#pool(topic, period, rules.rule),
      poolOfKind: [],
      performer: undefined,
      score,
      hasScore,
      sdOfKind: new Float64Array(this.#kindIds.size).fill(Number.NaN),
      topicKinds,
      vectors: this.#vectorStore(rules.similarity),
    };
    if (list.length >= TOPIC_SCANS_KEPT) list.shift();
    list.push(entry);
    return entry;
  }

  /** The pool of one kind (same order as the topic's pool). */
  #poolOfKind(scan: TopicScan, kind: number): MentorPool {
    let pool = scan.poolOfKind[kind];
    if (pool === undefined) {
      const all = scan.pool as MentorPool;
      const keep: number[] = [];
      for (let p = 0; p < all.kind.length; p++) if (all.kind[p] === kind) keep.push(p);
      pool = {
        institutions: keep.map((p) => all.institutions[p] as Institution),
        networkIndex: Int32Array.from(keep, (p) => all.networkIndex[p] as number),
        score: Float64Array.from(keep, (p) => all.score[p] as number),
        kind: Int32Array.from(keep, (p) => all.kind[p] as number),
        group: Int32Array.from(keep, (p) => all.group[p] as number),
      };
      scan.poolOfKind[kind] = pool;
    }
    return pool;
  }

  #sdOf(scan: TopicScan, kind: number, kindName: string): number {
    let sd = scan.sdOfKind[kind] as number;
    if (Number.isNaN(sd)) {
      sd = this.#context.scoreSDOf(scan.topic.id, scan.period, kindName);
      scan.sdOfKind[kind] = sd;
    }
    return sd;
  }

  /**
   * The mentors a scan of this mentee walks (network indices, best score first: the pool of the
   * topic's possible mentors, of the mentee's kind under sameKind), and how many leading ones pass
   * the gap rule (the scan stops at the first that fails). Every eligible mentor is among those
   * leading ones; the pruning check uses this to bound a need without scanning it.
   */
  reach(menteeId: string, topic: Topic, rules: EligibilityRules): { members: Int32Array; passing: number } {
    const prepared = this.#topicScan(topic, rules);
    if (prepared.period === "") return { members: new Int32Array(0), passing: 0 };
    const menteeIndex = this.indexOf(menteeId);
    const pool = rules.sameKind ? this.#poolOfKind(prepared, this.#kindOf[menteeIndex] as number) : (prepared.pool as MentorPool);
    const members = pool.networkIndex;
    if (prepared.hasScore[menteeIndex] !== 1) return { members, passing: members.length };
    const menteeScore = prepared.score[menteeIndex] as number;
    const sign = topic.higherIsBetter ? 1 : -1;
    const required = rules.minimumGap;
    // The scan's own test, by bisection: it holds for a leading run of the pool (best first).
    const passes = (p: number): boolean => {
      const gap = sign * ((pool.score[p] as number) - menteeScore);
      return !(gap <= 0 || gap < required);
    };
    let low = 0;
    let high = members.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (passes(middle)) low = middle + 1;
      else high = middle;
    }
    return { members, passing: low };
  }

  /**
   * Visits every eligible mentor of a need (the same set as EligibilityContext.evaluate), best
   * score first, until the visitor's limit is passed (see CandidateVisitor). Returns the period and
   * the mentee's score.
   */
  scan(menteeId: string, topic: Topic, rules: EligibilityRules, weights: CostWeights, visit: CandidateVisitor, filter?: ReducedCostFilter): { period: string; menteeScore: number | null; stopped: boolean } {
    const stopped = this.#walk(menteeId, topic, rules, weights, visit, filter, undefined, true);
    const prepared = this.#topicScan(topic, rules);
    const menteeIndex = this.indexOf(menteeId);
    return { period: prepared.period, menteeScore: prepared.period !== "" && prepared.hasScore[menteeIndex] === 1 ? (prepared.score[menteeIndex] as number) : null, stopped };
  }

  /**
   * The rest of a need's pair cost beside the gap term, by position in its walk: similarity *
   * resource distance + group * (different group), as pairCost adds them (a missing distance as
   * 0). With gapLine it gives a pair's cost up to the rounding of the gap term, without the
   * scan's other work: the pruning check reads many positions it then skips.
   */
  restOfCost(menteeId: string, topic: Topic, rules: EligibilityRules, weights: CostWeights): (position: number) => number {
    const prepared = this.#topicScan(topic, rules);
    const menteeIndex = this.indexOf(menteeId);
    const menteeGroup = this.#groupOf[menteeIndex] as number;
    const pool = rules.sameKind ? this.#poolOfKind(prepared, this.#kindOf[menteeIndex] as number) : (prepared.pool as MentorPool);
    const { networkIndex, group } = pool;
    const vectors = prepared.vectors;
    const { similarity, group: groupWeight } = weights;
    return (position) => {
      const mentorGroup = group[position] as number;
      const distance = similarity === 0 ? null : storedDistance(vectors, networkIndex[position] as number, menteeIndex);
      return similarity * (distance ?? 0) + groupWeight * (mentorGroup !== -1 && mentorGroup === menteeGroup ? 0 : 1);
    };
  }

  /**
   * Whether, under these rules, a need's eligible mentors are exactly the leading `passing`
   * members of its walk (reach): no kind, group, distance or exclusion rule removes any of them.
   * (The mentee itself is never among them: its own score fails the gap rule.)
   */
  eligibleIsPrefix(topic: Topic, rules: EligibilityRules): boolean {
    const prepared = this.#topicScan(topic, rules);
    return prepared.topicKinds === undefined && rules.groups === "any" && rules.similarity.maxDistance === undefined && rules.exclude.length === 0;
  }

  /**
   * Visits every eligible mentor of a need (the same set as scan, in the same order) without
   * computing costs: the resource distance is computed only when a distance limit needs it. For
   * callers that want the set only (the certificates' left-out pairs, relaxation gains' lists).
   */
  eligibleMentors(menteeId: string, topic: Topic, rules: EligibilityRules, visit: (mentor: Institution, networkIndex: number) => void): void {
    const noWeights = { gap: 0, similarity: 0, group: 0 };
    this.#walk(menteeId, topic, rules, noWeights, (mentor, _pair, j) => {
      visit(mentor, j);
      return Number.POSITIVE_INFINITY;
    }, undefined, undefined, false);
  }

  /**
   * Visits the eligible mentors among the given positions of the need's walk (CandidateScanner.reach's
   * members), in the order given, each tested by every rule exactly as scan tests it (and by the
   * reduced-cost filter, if given): for the pruning check, which knows from potentials that no
   * other position can improve the plan.
   */
  visitAt(menteeId: string, topic: Topic, rules: EligibilityRules, weights: CostWeights, positions: ArrayLike<number>, visit: CandidateVisitor, filter?: ReducedCostFilter): void {
    this.#walk(menteeId, topic, rules, weights, visit, filter, positions, true);
  }

  /**
   * The gap term of a need's costs as a line in the mentor's score: for the mentor at position p of
   * the walk, -weights.gap * gapInSD = intercept - slope * scores[p] (up to rounding), and with
   * non-negative similarity and group weights every cost is at least that. Undefined when a weight
   * of those two terms is negative (no such bound). The pruning check orders a pool's mentors by
   * this bound instead of scanning the whole walk.
   */
  gapLine(menteeId: string, topic: Topic, rules: EligibilityRules, weights: CostWeights): { scores: Float64Array; slope: number; intercept: number } | undefined {
    if (!(weights.similarity >= 0 && weights.group >= 0)) return undefined;
    const prepared = this.#topicScan(topic, rules);
    if (prepared.period === "") return undefined;
    const menteeIndex = this.indexOf(menteeId);
    const menteeKind = this.#kindOf[menteeIndex] as number;
    const pool = rules.sameKind ? this.#poolOfKind(prepared, menteeKind) : (prepared.pool as MentorPool);
    // Without the mentee's score there is no gap term (pairCost takes a null gap as 0).
    if (prepared.hasScore[menteeIndex] !== 1) return { scores: pool.score, slope: 0, intercept: 0 };
    const sd = this.#sdOf(prepared, menteeKind, (this.#context.network.institutions[menteeIndex] as Institution).kind);
    // gapInSD = sign * (mentor - mentee) / sd (or the gap itself when sd is 0), as in the scan.
    const slope = (weights.gap * (topic.higherIsBetter ? 1 : -1)) / (sd > 0 ? sd : 1);
    return { scores: pool.score, slope, intercept: slope * (prepared.score[menteeIndex] as number) };
  }

  /**
   * The k-d tree over the resource vectors of the need's walk (made once per walk and choice of
   * attributes; split by score too, weighed as the first mentee's costs weigh it) and the
   * mentee's vector and group (-1: none) to query it with; undefined when the mentee's vector cannot
   * bound distances (missing, of another length than the walk's vectors, or with a missing or
   * infinite attribute: some distances are then over fewer attributes, or null and taken as 0).
   */
  resourceTree(menteeId: string, topic: Topic, rules: EligibilityRules, weights: CostWeights): { tree: ResourceTree; query: Float64Array; group: number } | undefined {
    const prepared = this.#topicScan(topic, rules);
    if (prepared.period === "") return undefined;
    // The boxes hold vectors in SDs of their own kind: under sameKind false a walk can hold mentors
    // of other kinds than the mentee's, compared across kinds (storedDistanceOrNaN), which they do
    // not bound. Decided before a tree is built for nothing.
    if (!rules.sameKind && this.#kindIds.size > 1) return undefined;
    const menteeIndex = this.indexOf(menteeId);
    const pool = rules.sameKind ? this.#poolOfKind(prepared, this.#kindOf[menteeIndex] as number) : (prepared.pool as MentorPool);
    const store = prepared.vectors;
    const trees = innerMap(this.#resourceTrees, store);
    let tree = trees.get(pool.networkIndex);
    if (tree === undefined) {
      const members = pool.networkIndex;
      // The walk's common vector length (the most frequent; others are loose leaves of the tree).
      const lengths = new Map<number, number>();
      for (const j of members) lengths.set(store.length[j] as number, (lengths.get(store.length[j] as number) ?? 0) + 1);
      let dimensions = 0;
      let most = 0;
      for (const [length, count] of lengths) {
        if (length > 0 && (count > most || (count === most && length < dimensions))) {
          dimensions = length;
          most = count;
        }
      }
      // The score in the attributes' units: a spread of the score weighs |slope| per unit in a
      // pair's cost, an attribute's at most similarity / sqrt(dimensions) (the RMS distance).
      const line = this.gapLine(menteeId, topic, rules, weights);
      const scale = line === undefined || weights.similarity <= 0 ? 0 : (Math.abs(line.slope) * Math.sqrt(dimensions)) / weights.similarity;
      const scores = pool.score;
      tree = buildResourceTree(
        members.length,
        dimensions,
        (position) => {
          const j = members[position] as number;
          const length = store.length[j] as number;
          return length < 0 ? undefined : store.values.subarray(store.start[j] as number, (store.start[j] as number) + length);
        },
        (position) => pool.group[position] as number,
        scale > 0 && Number.isFinite(scale) ? (position) => scale * (scores[position] as number) : undefined,
      );
      trees.set(members, tree);
    }
    const length = store.length[menteeIndex] as number;
    if (tree.dimensions === 0 || length !== tree.dimensions) return undefined;
    const query = store.values.slice(store.start[menteeIndex] as number, (store.start[menteeIndex] as number) + length);
    if (!query.every(Number.isFinite)) return undefined;
    return { tree, query, group: this.#groupOf[menteeIndex] as number };
  }

  /**
   * scan's loop: the whole walk best first (positions undefined), or the given positions; without
   * `costs`, the visitor gets NaN costs (and a NaN distance unless a distance limit needed it).
   * Returns whether an eligible mentor was skipped or the scan ended on the limit. Allocates
   * nothing per call but the exclusions' set (the check and the tree searches call it per leaf).
   */
  #walk(menteeId: string, topic: Topic, rules: EligibilityRules, weights: CostWeights, visit: CandidateVisitor, filter: ReducedCostFilter | undefined, positions: ArrayLike<number> | undefined, costs: boolean): boolean {
    const prepared = this.#topicScan(topic, rules);
    const period = prepared.period;
    if (period === "") return false;
    const menteeIndex = this.indexOf(menteeId);
    const menteeKind = this.#kindOf[menteeIndex] as number;
    const menteeGroup = this.#groupOf[menteeIndex] as number;
    // NaN: the mentee has no score (a double, not number-or-undefined: see PairTerms).
    const hasMenteeScore = prepared.hasScore[menteeIndex] === 1;
    const menteeScore = hasMenteeScore ? (prepared.score[menteeIndex] as number) : Number.NaN;
    const pool = rules.sameKind ? this.#poolOfKind(prepared, menteeKind) : (prepared.pool as MentorPool);
    const topicKinds = prepared.topicKinds;
    const sign = topic.higherIsBetter ? 1 : -1;
    const sd = this.#sdOf(prepared, menteeKind, (this.#context.network.institutions[menteeIndex] as Institution).kind);
    const required = rules.minimumGap;
    const exclusions = rules.exclude.length === 0 ? undefined : this.#context.exclusionsOf(rules, menteeId);
    const excluded = exclusions === undefined || exclusions.length === 0 ? undefined : new Set(exclusions.filter((pair) => pair.topic === undefined || pair.topic === topic.id).map((pair) => pair.mentor));
    const maxDistance = rules.similarity.maxDistance;
    const groups = rules.groups;
    const monotone = hasMenteeScore && weights.gap >= 0 && weights.similarity >= 0 && weights.group >= 0;
    const weightGap = weights.gap;
    const weightGroup = weights.group;
    const { score, kind, group, networkIndex, institutions } = pool;
    // Best first along the walk, where the gap rule and the cost bound end the scan; at given
    // positions (any order) they only skip the position.
    const ordered = positions === undefined;
    const n = positions === undefined ? institutions.length : positions.length;
    let limit = filter?.limit ?? Number.POSITIVE_INFINITY;
    /** Whether an eligible mentor was skipped or the scan ended on the limit. */
    let stopped = false;
    // The scanner's terms object for this depth of walks (a visitor could start a walk of its own),
    // overwritten for each pair visited; its fields stay doubles, written in place.
    const depth = this.#walkDepth;
    let terms = this.#termsByDepth[depth];
    if (terms === undefined) {
      terms = { cost: Number.NaN, mentorScore: Number.NaN, gap: Number.NaN, gapInSD: Number.NaN, distance: Number.NaN, sameGroup: false };
      this.#termsByDepth[depth] = terms;
    }
    this.#walkDepth = depth + 1;
    for (let q = 0; q < n; q++) {
      const p = positions === undefined ? q : (positions[q] as number);
      const j = networkIndex[p] as number;
      if (j === menteeIndex) continue;
      if (topicKinds !== undefined && topicKinds[kind[p] as number] !== 1) continue;
      const mentorScore = score[p] as number;
      // Doubles, not number-or-null: the loop runs for every mentor passed, and a number-or-null
      // variable is a heap object per value.
      let gap = 0;
      let gapInSD = 0;
      if (hasMenteeScore) {
        gap = sign * (mentorScore - menteeScore);
        // Best first: every later mentor's gap is at most this one.
        if (gap <= 0 || gap < required) {
          if (ordered) break;
          continue;
        }
        gapInSD = sd > 0 ? gap / sd : gap;
        if (monotone && -weightGap * gapInSD > limit) {
          stopped = true;
          if (ordered) break;
          continue;
        }
      }
      const mentorGroup = group[p] as number;
      const sameGroup = mentorGroup !== -1 && mentorGroup === menteeGroup;
      if ((groups === "same" && !sameGroup) || (groups === "different" && sameGroup)) continue;
      // The cost without its distance term is a lower bound too (rounding is monotone): a mentor
      // that costs more than the limit without the distance is skipped before computing it.
      if (monotone && -weightGap * gapInSD + weightGroup * (sameGroup ? 0 : 1) > limit) {
        stopped = true;
        continue;
      }
      // The reduced-cost filter before the distance: pools that cannot take the need at any cost,
      // and (weights >= 0) pairs whose cost without the distance already reaches the pool's room.
      let room = Number.POSITIVE_INFINITY;
      if (filter !== undefined) {
        const poolPrimary = filter.primary[j] as number;
        if (Number.isNaN(poolPrimary)) continue;
        const reducedPrimary = filter.need[0] - poolPrimary;
        if (reducedPrimary > 0) continue;
        if (reducedPrimary === 0) {
          const reducedBackup = filter.need[1] - (filter.backup[j] as number);
          if (reducedBackup > 0) continue;
          if (reducedBackup === 0) {
            room = (filter.cost[j] as number) - filter.need[2] + filter.step;
            if (monotone && -weightGap * gapInSD + weightGroup * (sameGroup ? 0 : 1) >= room) continue;
          }
        }
      }
      // NaN: no distance (or not computed).
      const distance = costs || maxDistance !== undefined ? storedDistanceOrNaN(prepared.vectors, j, menteeIndex) : Number.NaN;
      const hasDistance = !Number.isNaN(distance);
      if (maxDistance !== undefined && (!hasDistance || distance > maxDistance)) continue;
      const mentor = institutions[p] as Institution;
      if (excluded?.has(mentor.id)) continue;
      const cost = costs ? costOfTerms(weights, gapInSD, hasDistance ? distance : 0, sameGroup) : Number.NaN;
      // The visitor's contract: a mentor costing more than the limit may be skipped. Skipped here,
      // the visitor is not called for the many mentors a bounded scan passes on its way to the
      // gap bound (at 20,000 institutions most of the pruning check's visits).
      if (cost > limit) {
        stopped = true;
        continue;
      }
      if (cost >= room) continue;
      terms.cost = cost;
      terms.mentorScore = mentorScore;
      terms.gap = hasMenteeScore ? gap : Number.NaN;
      terms.gapInSD = hasMenteeScore ? gapInSD : Number.NaN;
      terms.distance = distance;
      terms.sameGroup = sameGroup;
      limit = visit(mentor, terms, j);
      if (limit === -Number.POSITIVE_INFINITY) {
        stopped = true;
        break;
      }
    }
    // A visitor that threw leaves the depth raised: later walks take fresh terms objects, still correct.
    this.#walkDepth = depth;
    return stopped;
  }

  /**
   * Per prepared topic, by mentee kind id (slot kindIds.size: rules without sameKind, the same for
   * every kind): the mentee-independent removal reasons (removalReasons.ts), the eligible lists of
   * needs whose eligible mentors are a leading run of the walk (by its length), and the removals by
   * a mentee-independent rule (frozen: their details do not depend on the mentee).
   */
  readonly #explainTables = new WeakMap<TopicScan, (ExplainTables | undefined)[]>();

  /** The explanation tables of a prepared topic for mentees of one kind, made once. */
  #explainTablesOf(prepared: TopicScan, rules: EligibilityRules, performer: Uint8Array | undefined, menteeKind: number): ExplainTables {
    let byKind = this.#explainTables.get(prepared);
    if (byKind === undefined) {
      byKind = [];
      this.#explainTables.set(prepared, byKind);
    }
    // The reasons depend on the topic, its period and high-performer rule (all fixed by the
    // prepared topic) and, under sameKind, on the mentee's kind.
    const slot = rules.sameKind ? menteeKind : this.#kindIds.size;
    let tables = byKind[slot];
    if (tables === undefined) {
      const { score, hasScore, topicKinds } = prepared;
      const reasons = menteeIndependentReasons({ kindOf: this.#kindOf, menteeKind: rules.sameKind ? menteeKind : undefined, topicKinds, score, hasScore, performer, sign: prepared.topic.higherIsBetter ? 1 : -1, bestFirst: prepared.pool?.networkIndex });
      tables = { reasons, eligibleOfRun: new Map(), removals: [] };
      byKind[slot] = tables;
    }
    return tables;
  }

  /**
   * Why a need has the mentors it has, as evaluate(..., true) says it (the same eligible mentors in
   * network order, the same removal counts in the same key order, the same first
   * REMOVED_DETAIL_LIMIT removals with the same details), from the typed arrays and without a
   * Candidate object per eligible mentor: for the uncovered needs of a plan, each with thousands
   * of eligible mentors at national scale. Eligible mentors are given as network indices, and
   * `best` of them (default none) best score first, ties in network order (bestScoring's order).
   *
   * The reasons that do not depend on the mentee come from tables made once per topic and mentee
   * kind (removalReasons.ts); per need only the walk's mentors that pass the gap rule (a leading
   * run) are tested against the group, distance and exclusion rules, and where none of those rules
   * applies the eligible mentors are that run, in network order, the same array for every need
   * with a run of that length. The first removals are found by testing institutions in network
   * order until REMOVED_DETAIL_LIMIT are met; a removal by a mentee-independent rule is one frozen
   * object shared by every need that lists it. The arrays returned may be shared: read only.
   * Per need O(log walk) plus the removals listed and, with a group, distance or exclusion rule,
   * O(walk).
   */
  explainNeed(menteeId: string, topic: Topic, rules: EligibilityRules, best = 0): { period: string; eligible: Int32Array; best: Int32Array; removedCounts: Partial<Record<RemovalReason, number>>; removed: Removed[] } {
    const prepared = this.#topicScan(topic, rules);
    const institutions = this.#context.network.institutions;
    const count = institutions.length;
    const period = prepared.period;
    const menteeIndex = this.indexOf(menteeId);
    const menteeKind = this.#kindOf[menteeIndex] as number;
    const { score, hasScore } = prepared;
    const menteeScore = hasScore[menteeIndex] === 1 ? (score[menteeIndex] as number) : undefined;
    let performer: Uint8Array | undefined;
    if (period !== "") {
      performer = prepared.performer;
      if (performer === undefined) {
        const set = this.#context.performersIn(topic.id, period, rules.rule);
        performer = Uint8Array.from(institutions, (institution) => (set.has(institution.id) ? 1 : 0));
        prepared.performer = performer;
      }
    }
    const tables = this.#explainTablesOf(prepared, rules, performer, menteeKind);
    const independent = tables.reasons;
    const facts: NeedFacts = {
      prepared,
      independent,
      institutions,
      groupOf: this.#groupOf,
      topic,
      period,
      mentee: institutions[menteeIndex] as Institution,
      menteeIndex,
      menteeGroup: this.#groupOf[menteeIndex] as number,
      menteeScore,
      sign: topic.higherIsBetter ? 1 : -1,
      required: rules.minimumGap,
      groups: rules.groups,
      maxDistance: rules.similarity.maxDistance,
      excluded: rules.exclude.length === 0 ? NO_EXCLUSIONS : new Set(this.#context.exclusionsOf(rules, menteeId).filter((pair) => pair.topic === undefined || pair.topic === topic.id).map((pair) => pair.mentor)),
    };
    // Counts by reason and the first network index each removes (NONE: none), the mentee itself
    // left out as evaluate leaves it out (it is never a candidate of its own need).
    const counts = new Int32Array(REMOVAL_REASONS.length);
    const first = new Int32Array(REMOVAL_REASONS.length).fill(NONE);
    const menteeReason = independent.reason[menteeIndex] as number;
    for (let reason = DIFFERENT_KIND; reason <= NOT_HIGH_PERFORMER; reason++) {
      counts[reason] = (independent.count[reason] as number) - (menteeReason === reason ? 1 : 0);
      first[reason] = independent.first[reason] === menteeIndex ? (independent.second[reason] as number) : (independent.first[reason] as number);
    }
    // The gap rule: the walk's leading `passing` mentors pass it, the rest fail (the mentee among
    // them when it is on the walk: its own gap is 0; it is left out).
    const { walk, members, rank } = independent;
    const passing = menteeScore !== undefined ? gapPassingPrefix(independent.walkScore, menteeScore, facts.sign, facts.required) : walk.length;
    counts[GAP_TOO_SMALL] = walk.length - passing - (menteeReason === -1 ? 1 : 0);
    first[GAP_TOO_SMALL] = independent.suffixFirst[passing] === menteeIndex ? (independent.suffixSecond[passing] as number) : (independent.suffixFirst[passing] as number);
    let eligible: Int32Array;
    let bestFound: Int32Array;
    if (facts.groups === "any" && facts.maxDistance === undefined && facts.excluded.size === 0) {
      // No mentee rule beyond the gap: the eligible mentors are the run, in network order.
      let run = tables.eligibleOfRun.get(passing);
      if (run === undefined) {
        run = new Int32Array(passing);
        let at = 0;
        for (let m = 0; m < members.length; m++) if ((rank[m] as number) < passing) run[at++] = members[m] as number;
        tables.eligibleOfRun.set(passing, run);
      }
      eligible = run;
      bestFound = walk.subarray(0, Math.min(best, passing));
    } else {
      // The run in network order against the mentee's own rules: eligible mentors and the first
      // removal by each rule come in network order without a sort.
      const list = new Int32Array(passing);
      let listed = 0;
      for (let m = 0; m < members.length; m++) {
        if ((rank[m] as number) >= passing) continue;
        const j = members[m] as number;
        const reason = reasonAfterGap(facts, j);
        if (reason < 0) {
          list[listed++] = j;
          continue;
        }
        if ((counts[reason] as number) === 0) first[reason] = j;
        counts[reason] = (counts[reason] as number) + 1;
      }
      eligible = list.subarray(0, listed);
      // The best-scoring eligible mentors: the first met along the walk.
      const found: number[] = [];
      for (let q = 0; q < passing && found.length < Math.min(best, listed); q++) {
        const j = walk[q] as number;
        if (reasonAfterGap(facts, j) === -1) found.push(j);
      }
      bestFound = Int32Array.from(found);
    }
    // evaluate's key order: the order in which reasons are first met in network order.
    const order: number[] = [];
    let removals = 0;
    for (let reason = 0; reason < REMOVAL_REASONS.length; reason++) {
      if ((counts[reason] as number) === 0) continue;
      order.push(reason);
      removals += counts[reason] as number;
    }
    order.sort((a, b) => (first[a] as number) - (first[b] as number));
    const removedCounts: Partial<Record<RemovalReason, number>> = {};
    for (const reason of order) removedCounts[REMOVAL_REASONS[reason] as RemovalReason] = counts[reason] as number;
    // The first removals in network order, with their details.
    const limit = Math.min(REMOVED_DETAIL_LIMIT, removals);
    const removed: Removed[] = [];
    for (let j = 0; j < count && removed.length < limit; j++) {
      if (j === menteeIndex) continue;
      const reason = explainedReasonOf(facts, j);
      if (reason < 0) continue;
      if (reason > NOT_HIGH_PERFORMER) {
        removed.push({ mentor: (institutions[j] as Institution).id, reason: REMOVAL_REASONS[reason] as RemovalReason, detail: removalDetail(facts, reason, j) });
        continue;
      }
      let shared = tables.removals[j];
      if (shared === undefined) {
        shared = Object.freeze({ mentor: (institutions[j] as Institution).id, reason: REMOVAL_REASONS[reason] as RemovalReason, detail: removalDetail(facts, reason, j) });
        tables.removals[j] = shared;
      }
      removed.push(shared);
    }
    return { period, eligible, best: bestFound, removedCounts, removed };
  }

  /**
   * The `count` best-scoring of a need's eligible mentors (network indices, as explainNeed gives
   * them): best score first, ties in network order.
   */
  bestScoring(topic: Topic, rules: EligibilityRules, eligible: Int32Array, count: number): number[] {
    const { score } = this.#topicScan(topic, rules);
    const sign = topic.higherIsBetter ? 1 : -1;
    const best: number[] = [];
    for (const j of eligible) {
      // Insertion into a short sorted list: eligible is in network order, so ties keep it.
      let at = best.length;
      while (at > 0 && sign * (score[j] as number) > sign * (score[best[at - 1] as number] as number)) at--;
      if (at < count) {
        best.splice(at, 0, j);
        if (best.length > count) best.pop();
      }
    }
    return best;
  }

  /** Per resource tree and slope: each node's largest slope * score (cheapestByTree). */
  readonly #scoreMaxima = new WeakMap<ResourceTree, Map<number, { maxima: Float64Array; largest: number }>>();
  /** cheapestByTree's nodes to open, reused by every search (one at a time: its visitor never searches). */
  readonly #treeNodes = new MinHeap();

  /**
   * cheapest's search through the resource tree, for a walk whose eligible mentors are its leading
   * `passing` ones, more than `keep` of them: nodes in order of the least cost a mentor under them
   * can have (gapLine's line at the node's best score, the distance to its box, the group term
   * where no mentor under it shares the mentee's group), each leaf's mentors visited with visitAt
   * (exact costs), until the next node's bound exceeds the worst kept cost. Undefined when the
   * tree cannot bound this need (see resourceTree), for the full scan instead.
   */
  #cheapestByTree(menteeId: string, topic: Topic, rules: EligibilityRules, weights: CostWeights, keep: number, visit: CandidateVisitor): { period: string; menteeScore: number | null; stopped: boolean } | undefined {
    const { passing } = this.reach(menteeId, topic, rules);
    if (passing <= keep) return undefined;
    const line = this.gapLine(menteeId, topic, rules, weights);
    const located = line === undefined ? undefined : this.resourceTree(menteeId, topic, rules, weights);
    if (line === undefined || located === undefined) return undefined;
    const { tree, query, group } = located;
    const bySlope = innerMap(this.#scoreMaxima, tree);
    let keys = bySlope.get(line.slope);
    if (keys === undefined) {
      let largest = 0;
      const { scores, slope } = line;
      for (const score of scores) largest = Math.max(largest, Math.abs(slope * score));
      keys = { maxima: nodeMaxima(tree, (position) => slope * (scores[position] as number)), largest };
      bySlope.set(line.slope, keys);
    }
    const nodeKeys = keys.maxima;
    const { scores, slope } = line;
    const rest = this.restOfCost(menteeId, topic, rules, weights);
    // The line and the scan's gap term differ by roundings only; the margin covers them.
    const margin = 1e-9 * (Math.abs(line.intercept) + keys.largest) + Number.MIN_VALUE;
    const { similarity, group: groupWeight } = weights;
    const heap = this.#treeNodes;
    heap.clear();
    /** The least cost a mentor under the node can have (Infinity: none under it passes the gap rule). */
    const boundOf = (node: number): number => {
      if ((tree.firstPosition[node] as number) >= passing) return Number.POSITIVE_INFINITY;
      const nodeGroup = tree.group[node] as number;
      const apart = nodeGroup === -1 || (nodeGroup >= 0 && nodeGroup !== group) ? groupWeight : 0;
      return line.intercept - (nodeKeys[node] as number) + (1 - 2e-9) * (similarity * boxDistance(tree, node, query) + apart);
    };
    let worst = Number.POSITIVE_INFINITY;
    const visitKept: CandidateVisitor = (mentor, pair, index) => {
      worst = visit(mentor, pair, index);
      return worst;
    };
    const positions: number[] = [];
    const canBeat = (bound: number): boolean => !(bound - margin > worst);
    const queue = (bound: number, node: number): void => heap.push(bound, node);
    const rootBound = boundOf(tree.root);
    if (rootBound < Number.POSITIVE_INFINITY) heap.push(rootBound, tree.root);
    while (heap.size > 0 && !(heap.topKey() - margin > worst)) {
      // The worst kept cost only falls, so a node that cannot beat it now never will: never queued or entered.
      const node = descendNearest(tree, heap.pop(), boundOf, canBeat, canBeat, queue);
      if (node < 0) continue;
      // Each mentor's cost estimated from the line and the rest of its cost first: only those that
      // may beat the worst kept go through visitAt (which prices them exactly).
      positions.length = 0;
      for (let k = tree.start[node] as number; k < (tree.end[node] as number); k++) {
        const position = tree.order[k] as number;
        if (position >= passing) continue;
        // The rest is never negative: a mentor the line alone puts past the worst is not priced further.
        const bare = line.intercept - slope * (scores[position] as number) - margin;
        if (bare > worst) continue;
        const extra = rest(position);
        if (bare + (1 - 2e-9) * extra > worst) continue;
        positions.push(position);
      }
      if (positions.length > 0) this.visitAt(menteeId, topic, rules, weights, positions, visitKept);
    }
    const prepared = this.#topicScan(topic, rules);
    const menteeIndex = this.indexOf(menteeId);
    return { period: prepared.period, menteeScore: prepared.hasScore[menteeIndex] === 1 ? (prepared.score[menteeIndex] as number) : null, stopped: true };
  }

  /**
   * The `keep` cheapest candidates of a need (by cost, ties by mentor id), found without holding
   * the others: a bounded max-heap, and the scan stops once no later mentor can beat the heap's
   * worst. `cut` is the cost of the worst kept candidate when any eligible mentor was left out
   * (every one left out costs at least that); undefined when the list is complete, which is then
   * in network order like evaluate's.
   */
  cheapest(menteeId: string, topic: Topic, rules: EligibilityRules, weights: CostWeights, keep: number): { eligibility: NeedEligibility; cut: number | undefined; indices: number[] } {
    const kept: { candidate: Candidate; cost: number; index: number }[] = [];
    let leftOut = false;
    // With a finite `keep` (about a dozen), kept stays sorted by (cost, mentor id): an insertion
    // from the end costs no more than a heap's sift at that size, in less code.
    const keepCheapest: CandidateVisitor = (mentor, pair, index) => {
      const cost = pair.cost;
      let at = kept.length;
      for (let last = kept[at - 1]; keep < Number.POSITIVE_INFINITY && last !== undefined && (last.cost > cost || (last.cost === cost && last.candidate.mentor > mentor.id)); last = kept[--at - 1]);
      if (at < keep) kept.splice(at, 0, { candidate: candidateOf(mentor.id, pair), cost, index });
      if (kept.length > keep || at >= keep) {
        leftOut = true;
        kept.length = keep;
      }
      return kept.length === keep ? (kept[keep - 1] as (typeof kept)[number]).cost : Number.POSITIVE_INFINITY;
    };
    // A long walk under the default kinds of rules (every mentor of its leading run eligible) is
    // searched through the resource tree, nearest and best-scoring first, instead of read in
    // full: more than `keep` mentors are eligible, so some are left out either way.
    const tree = keep < Number.POSITIVE_INFINITY && weights.similarity > 0 && this.eligibleIsPrefix(topic, rules) ? this.#cheapestByTree(menteeId, topic, rules, weights, keep, keepCheapest) : undefined;
    const { period, menteeScore, stopped } = tree ?? this.scan(menteeId, topic, rules, weights, keepCheapest);
    // A scan that stopped on the bound (the list was full) may have left mentors out. A list
    // cut is sorted by cost already (only a finite keep cuts); a whole one takes the walk's order.
    if (stopped) leftOut = true;
    if (!leftOut) kept.sort((a, b) => a.index - b.index);
    return {
      eligibility: { period, menteeScore, candidates: kept.map((entry) => entry.candidate), removed: [] },
      // Nothing kept yet stopped: a bound overflowed (weights near 1e308; review). -Infinity is still a lower bound of what was left out.
      cut: leftOut ? (kept.at(-1)?.cost ?? -Number.POSITIVE_INFINITY) : undefined,
      // The candidates' network indices, in their order.
      indices: kept.map((entry) => entry.index),
    };
  }
}

export const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  const scaled = value * factor;
  // At 2^52 and beyond a double has no fraction to round (and value * factor may overflow).
  return Math.abs(scaled) >= 2 ** 52 ? value : Math.round(scaled) / factor;
};
