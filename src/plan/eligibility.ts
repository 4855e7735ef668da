/**
 * Who may pair with whom. A mentor is eligible for a need (an institution and a topic it chose)
 * when it is not the mentee, is of the same kind (by default), is a high performer on the topic,
 * beats the mentee by the required margin, satisfies the group rule and the resource-similarity
 * limit, and the pair is not excluded. Every candidate that fails says which rule removed it.
 */
import type { TwinningNetwork } from "../model/network.js";
import type { Institution, Topic } from "../model/types.js";
import { type HighPerformerRule, highPerformers, latestPeriod } from "./highPerformers.js";

export type GroupRule = "any" | "same" | "different";

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

export interface Removed {
  mentor: string;
  reason: RemovalReason;
  detail: string;
}

export interface NeedEligibility {
  period: string;
  menteeScore: number | null;
  candidates: Candidate[];
  removed: Removed[];
}

const standardDeviation = (values: readonly number[]): number => {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (values.length - 1));
};

/** Prepared facts per topic and kind, computed once per plan. */
export class EligibilityContext {
  private readonly sdCache = new Map<string, number>();
  private readonly attributeCache = new Map<string, { names: string[]; sds: number[] }>();
  private readonly performerCache = new Map<string, Set<string>>();

  constructor(readonly network: TwinningNetwork) {}

  periodFor(topic: string, rules: EligibilityRules): string | undefined {
    return rules.period ?? latestPeriod(this.network, topic);
  }

  private scoreSD(topic: string, period: string, kind: string): number {
    const key = JSON.stringify([topic, period, kind]);
    let sd = this.sdCache.get(key);
    if (sd === undefined) {
      const values = this.network.institutionsOfKind(kind).flatMap((institution) => {
        const value = this.network.score(institution.id, topic, period);
        return value === undefined ? [] : [value];
      });
      sd = standardDeviation(values);
      this.sdCache.set(key, sd);
    }
    return sd;
  }

  /** The attributes that measure resources for a kind, with their SDs among that kind. */
  attributesFor(kind: string, similarity: SimilarityOptions): { names: string[]; sds: number[] } {
    const key = JSON.stringify([kind, similarity.attributes ?? null]);
    let cached = this.attributeCache.get(key);
    if (cached === undefined) {
      const members = this.network.institutionsOfKind(kind);
      const numeric = (institution: Institution, name: string) =>
        Object.hasOwn(institution.attributes, name) && typeof institution.attributes[name] === "number";
      const names =
        similarity.attributes !== undefined
          ? [...similarity.attributes]
          : [...new Set(members.flatMap((institution) => Object.keys(institution.attributes)))].filter((name) => members.every((member) => numeric(member, name))).sort();
      const sds = names.map((name) => standardDeviation(members.filter((member) => numeric(member, name)).map((member) => member.attributes[name] as number)));
      cached = { names, sds };
      this.attributeCache.set(key, cached);
    }
    return cached;
  }

  private performers(topic: string, period: string, rule: HighPerformerRule): Set<string> {
    const key = JSON.stringify([topic, period, rule]);
    let set = this.performerCache.get(key);
    if (set === undefined) {
      set = new Set(highPerformers(this.network, topic, { rule, period }).performers.map((performer) => performer.institution));
      this.performerCache.set(key, set);
    }
    return set;
  }

  /** Whether an institution is itself a high performer on a topic (then it needs no mentor). */
  isHighPerformer(institution: string, topic: string, rules: EligibilityRules): boolean {
    const period = this.periodFor(topic, rules);
    if (period === undefined || rules.rule.type === "margin") return false;
    return this.performers(topic, period, rules.rule).has(institution);
  }

  /** Resource distance between two institutions (null when no attribute can be compared). */
  distance(a: Institution, b: Institution, similarity: SimilarityOptions): number | null {
    const { names, sds } = this.attributesFor(a.kind, similarity);
    let sum = 0;
    let count = 0;
    names.forEach((name, index) => {
      const x = a.attributes[name];
      const y = b.attributes[name];
      if (typeof x !== "number" || typeof y !== "number" || !Object.hasOwn(a.attributes, name) || !Object.hasOwn(b.attributes, name)) return;
      const sd = sds[index] as number;
      sum += sd > 0 ? ((x - y) / sd) ** 2 : 0;
      count++;
    });
    return count === 0 ? null : Math.sqrt(sum / count);
  }

  /** Candidates and removed candidates for one need. */
  evaluate(menteeId: string, topic: Topic, rules: EligibilityRules): NeedEligibility {
    const network = this.network;
    const mentee = network.institution(menteeId) as Institution;
    const period = this.periodFor(topic.id, rules) ?? "";
    const sign = topic.higherIsBetter ? 1 : -1;
    const menteeScore = period === "" ? undefined : network.score(menteeId, topic.id, period);
    const performers = period === "" || rules.rule.type === "margin" ? undefined : this.performers(topic.id, period, rules.rule);
    const sd = period === "" ? 0 : this.scoreSD(topic.id, period, mentee.kind);
    const candidates: Candidate[] = [];
    const removed: Removed[] = [];
    const excluded = new Set(rules.exclude.filter((pair) => pair.mentee === menteeId && (pair.topic === undefined || pair.topic === topic.id)).map((pair) => pair.mentor));
    for (const mentor of network.institutions) {
      const remove = (reason: RemovalReason, detail: string) => removed.push({ mentor: mentor.id, reason, detail });
      if (mentor.id === menteeId) continue;
      if (rules.sameKind && mentor.kind !== mentee.kind) {
        remove("different-kind", `${mentor.kind}, not ${mentee.kind}`);
        continue;
      }
      if (topic.kinds !== undefined && !topic.kinds.includes(mentor.kind)) {
        remove("topic-not-for-kind", `${topic.id} does not apply to ${mentor.kind}`);
        continue;
      }
      const mentorScore = period === "" ? undefined : network.score(mentor.id, topic.id, period);
      if (mentorScore === undefined) {
        remove("no-score", `no ${topic.id} score in ${period || "any period"}`);
        continue;
      }
      if (performers !== undefined && !performers.has(mentor.id)) {
        remove("not-high-performer", `${topic.id} ${mentorScore} is below the high-performer cut-off`);
        continue;
      }
      const gap = menteeScore === undefined ? null : sign * (mentorScore - menteeScore);
      const required = rules.rule.type === "margin" ? Math.max(rules.minimumGap, rules.rule.margin) : rules.minimumGap;
      if (gap !== null && (gap <= 0 || gap < required)) {
        remove("gap-too-small", `${mentorScore} vs the mentee's ${menteeScore}: gap ${round(gap)}, needs more than 0${required > 0 ? ` and at least ${required}` : ""}`);
        continue;
      }
      if (gap === null && rules.rule.type === "margin") {
        remove("gap-too-small", "the mentee has no score to compare with");
        continue;
      }
      const sameGroup = mentor.group !== undefined && mentor.group === mentee.group;
      if ((rules.groups === "same" && !sameGroup) || (rules.groups === "different" && sameGroup)) {
        remove("group-rule", `${mentor.group ?? "no group"} vs ${mentee.group ?? "no group"} (rule: ${rules.groups} group)`);
        continue;
      }
      const distance = this.distance(mentor, mentee, rules.similarity);
      if (rules.similarity.maxDistance !== undefined && (distance === null || distance > rules.similarity.maxDistance)) {
        remove("resources-too-different", distance === null ? "no resource attributes to compare" : `distance ${round(distance)} SD > ${rules.similarity.maxDistance}`);
        continue;
      }
      if (excluded.has(mentor.id)) {
        remove("excluded", "excluded by the caller");
        continue;
      }
      candidates.push({ mentor: mentor.id, mentorScore, gap, gapInSD: gap === null ? null : sd > 0 ? gap / sd : gap, distance, sameGroup });
    }
    return { period, menteeScore: menteeScore ?? null, candidates, removed };
  }
}

export const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};
