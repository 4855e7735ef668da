/**
 * Explanations of a solved plan: a reason for every pair, a reason for every uncovered need, and
 * for every shortfall certificate the relaxations that would help, each measured from the plan by
 * augmenting paths in the changed graph (relaxationGains.ts), or by re-solving the plan with that
 * one change where the plan comes from a heuristic option.
 */
import { grouped } from "../core/display.js";
import { ascending } from "../core/typedArrays.js";
import { unitLabel } from "../model/units.js";
import type { TwinningNetwork } from "../model/network.js";
import { type CoreResult, solveCore } from "./solvePlan.js";
import { isPinnedNeed, needKey, type PreparedNeed } from "./needs.js";
import { type PairRef, previousPairsOf, type ResolvedOptions, rulesFor, topicLimitOf, weightsOverflow, withoutWithdrawn } from "./planOptions.js";
import { sumOf } from "./exactCosts.js";
import { type EligibilityContext, type EligibilityRules, type RemovalReason, round } from "./eligibility.js";
import type { Topic } from "../model/types.js";
import { type HighPerformerRule, latestPeriod } from "../model/highPerformers.js";
import { FRESH_PLAN, TwinningPlan } from "./TwinningPlan.js";
import { type Gains, type GraphChange, RelaxationGains } from "./relaxationGains.js";
import type { AssignPartnersOptions } from "./planOptions.js";
import type { Need, Pair, Relaxation, Shortfall, UncoveredNeed } from "./types.js";


/** How much more a costs than b, for a reason; the difference of two finite costs can still overflow (weights near 1e308; review). */
const apart = (a: number, b: number) => (Number.isFinite(a - b) ? round(a - b, 3) : "1.8e308 or more");

const needOf = (need: PreparedNeed): Need => ({ institution: need.institution, topic: need.topic, ...(need.priority !== undefined ? { priority: need.priority } : {}) });

/** Needs with a primary mentor. */
const primaries = (core: CoreResult): number => [...core.chosen.values()].filter((mentors) => mentors.length > 0).length;

/** Units of help delivered: primary and backup pairs. */
const delivered = (core: CoreResult): number => [...core.chosen.values()].reduce((sum, mentors) => sum + mentors.length, 0);

function pairsOf(network: TwinningNetwork, core: CoreResult): Pair[] {
  const pairs: Pair[] = [];
  for (const need of core.needs) {
    const mentors = core.chosen.get(need.key) ?? [];
    if (mentors.length === 0) continue;
    const topic = network.topic(need.topic);
    const unit = unitLabel(topic?.unit);
    const mentee = network.institution(need.institution);
    // One pass over the list: each chosen mentor's option (the first with its id), and the
    // cheapest option not chosen, the same for the primary and its backups.
    const chosenOptions: ((typeof need.options)[number] | undefined)[] = mentors.map(() => undefined);
    let next: (typeof need.options)[number] | undefined;
    for (const other of need.options) {
      const at = mentors.indexOf(other.candidate.mentor);
      if (at >= 0) chosenOptions[at] ??= other;
      else if (next === undefined || other.baseCost < next.baseCost || (other.baseCost === next.baseCost && other.candidate.mentor < next.candidate.mentor)) next = other;
    }
    mentors.forEach((mentor, index) => {
      const option = chosenOptions[index];
      if (option === undefined) return;
      const { candidate } = option;
      const mentorInstitution = network.institution(mentor);
      const parts: string[] = [];
      parts.push(
        `${mentorInstitution?.name ?? mentor} scores ${candidate.mentorScore} vs ${need.eligibility.menteeScore ?? "no score"} on ${topic?.name ?? need.topic}` +
          (candidate.gap === null ? "" : candidate.gap > 0 ? ` (+${round(candidate.gap)} ${unit} better)` : ` (${candidate.gap < 0 ? `${round(-candidate.gap)} ${unit} worse` : "no better"})`),
      );
      parts.push(candidate.distance === null ? "resources not compared" : `resources ${round(candidate.distance)} SD apart`);
      parts.push(candidate.sameGroup ? `same group (${mentee?.group})` : `other group (${mentorInstitution?.group ?? "none"} vs ${mentee?.group ?? "none"})`);
      if (option.pinned) parts.push("pinned by the caller");
      if (option.kept) parts.push("kept from the previous plan");
      if (option.pinned) {
        // no alternative: the caller chose
      } else if (next === undefined) parts.push(mentors.length > 1 ? `no eligible mentor besides the ${mentors.length} chosen` : "no other eligible mentor");
      else if (next.baseCost >= option.baseCost) parts.push(`next best: ${next.candidate.mentor} (cost +${apart(next.baseCost, option.baseCost)})`);
      // The solver's costs carry the keep bonus: a kept pair within it stays for that reason, not
      // for want of room ("its slots serve needs..." was said beside a free slot; new-user trial).
      else if (option.kept && next.cost >= option.cost) parts.push(`${next.candidate.mentor} would cost ${apart(option.baseCost, next.baseCost)} less, within the keep threshold`);
      else parts.push(`${next.candidate.mentor} would cost ${apart(option.baseCost, next.baseCost)} less but its slots serve needs with no better alternative`);
      pairs.push({
        mentee: need.institution,
        mentor,
        topic: need.topic,
        cost: option.baseCost,
        menteeScore: need.eligibility.menteeScore,
        mentorScore: candidate.mentorScore,
        gap: candidate.gap === null ? null : round(candidate.gap, 6),
        distance: candidate.distance === null ? null : round(candidate.distance, 6),
        role: index === 0 ? "primary" : "backup",
        reason: parts.join("; "),
        pinned: option.pinned,
        kept: option.kept,
      });
    });
  }
  return pairs;
}

const REASON_WORDS: Record<RemovalReason, string> = {
  "is-the-mentee": "the mentee itself",
  "different-kind": "of another kind",
  "topic-not-for-kind": "the topic does not apply to them",
  "no-score": "without a score",
  "not-high-performer": "not high performers",
  "gap-too-small": "not better by the required margin",
  "group-rule": "outside the group rule",
  "resources-too-different": "too different in resources",
  excluded: "excluded by the caller",
};

/** Eligible mentors named in an uncovered need's reason; the rest are counted (all are in eligibleMentors). */
export const UNCOVERED_NAMED = 5;

/**
 * Why one uncovered need has no mentor: its eligible mentors (network order), the best-scoring few,
 * and the removals. The lists may be shared with other needs (frozen); removedCounts is the need's own.
 */
interface UncoveredExplanation {
  eligible: string[];
  best: string[];
  removedCounts: Partial<Record<RemovalReason, number>>;
  removed: UncoveredNeed["removed"];
}

/**
 * The reason of an uncovered need. Up to UNCOVERED_NAMED eligible mentors are all named (network
 * order); beyond, the reason names the count and the best-scoring few: at national scale an
 * uncovered need has thousands of eligible mentors, and a reason listing them all was megabytes
 * of text per plan (the full list stays in eligibleMentors).
 */
function uncoveredReason(network: TwinningNetwork, need: PreparedNeed, stable: boolean, explained: UncoveredExplanation, closedOf: (eligible: readonly string[]) => number): string {
  const { eligible, removedCounts } = explained;
  if (eligible.length === 0) {
    const summary = Object.entries(removedCounts)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `${count} ${REASON_WORDS[reason as RemovalReason]}`)
      .join(", ");
    return `no eligible mentor on ${network.topic(need.topic)?.name ?? need.topic}: of ${Object.values(removedCounts).reduce((sum, count) => sum + (count ?? 0), 0)} other institutions, ${summary || "none exist"}`;
  }
  const named = eligible.length <= UNCOVERED_NAMED ? eligible.join(", ") : `the best-scoring ${explained.best.join(", ")} and ${eligible.length - explained.best.length} more`;
  // Mentors without a slot are not "full with needs" (new-user trial: every reason under capacity 0 said so).
  const closed = closedOf(eligible);
  const all = `all ${eligible.length} eligible mentors (${named})`;
  if (closed === eligible.length) return `${all} have no mentoring slots (capacity 0)`;
  return `${all} ${stable ? "prefer the needs they hold (stable mode)" : "are full with needs that have no better alternative"}${closed > 0 ? `, or have no slots (${closed} with capacity 0)` : ""}`;
}

function uncoveredOf(network: TwinningNetwork, core: CoreResult, stable: boolean, explain: (need: PreparedNeed) => UncoveredExplanation, maxPartners?: number): UncoveredNeed[] {
  const result: UncoveredNeed[] = [];
  // Under maxPartners a mentee at its limit may only take the partners it has: its uncovered needs
  // said "all eligible mentors are full" of mentors with free slots (new-user trial).
  const partners = new Map<string, Set<string>>();
  if (maxPartners !== undefined) {
    for (const need of core.needs) for (const mentor of core.chosen.get(need.key) ?? []) partners.set(need.institution, (partners.get(need.institution) ?? new Set<string>()).add(mentor));
  }
  // The eligible mentors without a slot, counted once per eligible list: needs with the same
  // mentors share one list (explainPlan's ids), and counting per need was 0.2-0.4 s of
  // explainPlan at 5,000 institutions x 12 topics (5,075 uncovered needs, ~800 mentors each).
  const closedCounts = new Map<readonly string[], number>();
  const closedOf = (eligible: readonly string[]): number => {
    let closed = closedCounts.get(eligible);
    if (closed === undefined) {
      closed = 0;
      for (const mentor of eligible) if (!((core.capacity.get(mentor) ?? 0) > 0)) closed++;
      closedCounts.set(eligible, closed);
    }
    return closed;
  };
  for (const need of core.needs) {
    if ((core.chosen.get(need.key) ?? []).length > 0) continue;
    // Planning looked at high performers only; the explanation is evaluate(..., true)'s, over every
    // institution (the full list: the solver may have held only the cheapest candidates).
    const explained = explain(need);
    const own = [...(partners.get(need.institution) ?? [])].sort(ascending);
    const reason =
      maxPartners !== undefined && own.length >= maxPartners && explained.eligible.length > 0
        ? `maxPartners (${maxPartners}) reached: ${need.institution} already works with ${own.join(", ")}, which cannot take it on ${network.topic(need.topic)?.name ?? need.topic} (not eligible there, or full)`
        : uncoveredReason(network, need, stable, explained, closedOf);
    const { eligible: eligibleMentors, removedCounts: removedBy, removed } = explained;
    // needOf's fields first, written out (object spread per need was a tenth of this loop).
    const { institution, topic, priority } = need;
    result.push(priority !== undefined ? { institution, topic, priority, reason, eligibleMentors, removedBy, removed } : { institution, topic, reason, eligibleMentors, removedBy, removed });
  }
  return result;
}

/**
 * The most slots a capacity relaxation adds to one mentor: the shortfall's deficit, up to this.
 * A national shortfall has a deficit in the thousands; "raise i12's capacity from 3 to 5078" is no
 * advice a programme can take, and measuring it took seconds per mentor (one search per unit).
 */
export const CAPACITY_RAISE_LIMIT = 10;

/**
 * The heuristic modes (preferMutual, maxPartners, stable) leave plans that need not be maximal:
 * their relaxations are measured by solving again, so topic-capacity raises (a solve each) are
 * offered there only in plans of at most this many needs (see relaxationCandidates).
 */
export const TOPIC_CAPACITY_RESOLVE_UP_TO = 2000;

/** Whether a plan's relaxations are measured by solving again (see TOPIC_CAPACITY_RESOLVE_UP_TO). */
const heuristicMode = (options: ResolvedOptions): boolean => options.mode !== "optimal" || options.preferMutual > 0 || options.maxPartners !== undefined;
/** Whether topic-capacity raises are offered: by augmenting paths at any size, by re-solving up to TOPIC_CAPACITY_RESOLVE_UP_TO needs. */
const raisesTopics = (options: ResolvedOptions, core: CoreResult): boolean => !heuristicMode(options) || core.needs.length <= TOPIC_CAPACITY_RESOLVE_UP_TO;

/** How a capacity relaxation reads. */
const capacityRaise = (mentor: string, current: number, by: number): string => `raise ${mentor}'s capacity from ${current} to ${current + by}`;

/**
 * The relaxations worth trying for one shortfall, each with its changed options (made on demand:
 * the augmenting method needs a capacity raise's mentor only, not a copy of every capacity).
 */
function relaxationCandidates(network: TwinningNetwork, options: ResolvedOptions, shortfall: CoreResult["shortfalls"][number], core: CoreResult): { relaxation: Omit<Relaxation, "coverageGain">; options: () => ResolvedOptions }[] {
  const list: { relaxation: Omit<Relaxation, "coverageGain">; options: () => ResolvedOptions }[] = [];
  // A backup-level shortfall is answered with capacity and topic limits only: backups are a
  // second-order promise, and its regions are large (every need short of a backup starts paths).
  // It tries as many mentors as a primary one: with 3, raises that add backups were found only
  // when listed, wrongly, under a primary shortfall, and were lost once that stopped (review; the
  // national plan with backups took no measurable time more).
  const backupLevel = shortfall.level === "backup";
  // One mentor is asked for at most CAPACITY_RAISE_LIMIT more slots (see there).
  const by = Math.min(shortfall.deficit, CAPACITY_RAISE_LIMIT);
  for (const mentor of shortfall.mentors.slice(0, 25)) {
    const current = core.capacity.get(mentor) ?? 0;
    list.push({
      relaxation: { kind: "capacity", mentor, by, description: capacityRaise(mentor, current, by) },
      // Built from entries (not by assignment), so a mentor called "__proto__" stays data.
      options: () => ({ ...options, capacity: Object.fromEntries([...core.capacity].map(([id, value]) => [id, id === mentor ? current + by : value])) }),
    });
  }
  const topics = [...new Set(shortfall.needs.map((key) => (JSON.parse(key) as [string, string])[1]))].sort();
  const topicCapacity = options.topicCapacity;
  // A topic limit at each of the shortfall's mentors' own capacity binds them no more: a raise
  // stops there ("from 1 to 5" read as needed where 2 gained as much with capacity 2; review of
  // stop 19). A loop: a spread over 150,000 institutions overflowed the stack (review).
  let largest = 0;
  for (const mentor of shortfall.mentors) largest = Math.max(largest, core.capacity.get(mentor) ?? 0);
  for (const topic of topics) {
    // Per-topic limits bind where mentors still have slots: a capacity raise cannot help there, and
    // topicCapacity 1 left "lower the bar" as the only advice (new-user trial, stop 19).
    const limit = topicLimitOf(topicCapacity, topic);
    const step = Math.min(by, largest - limit);
    if (step > 0 && raisesTopics(options, core)) {
      const raised = Object.fromEntries(network.topics.map(({ id }) => [id, id === topic ? limit + step : topicLimitOf(topicCapacity, id)]));
      list.push({ relaxation: { kind: "topic-capacity", topic, by: step, description: `raise the topic capacity of ${topic} from ${limit} to ${limit + step}` }, options: () => ({ ...options, topicCapacity: raised }) });
    }
    // Backups get the limits' raises too: a full topic pool leaves them short as it does
    // primaries ("no single relaxation tried helps" where one topic's raise gained two; new-user trial).
    if (backupLevel) continue;
    const override = options.topicRules !== undefined && Object.hasOwn(options.topicRules, topic) ? (options.topicRules[topic] ?? {}) : {};
    const withOverride = (change: Record<string, unknown>): ResolvedOptions => ({ ...options, topicRules: { ...options.topicRules, [topic]: { ...override, ...change } } });
    const groups = override.groups ?? options.groups;
    // Under "different" it is pairs within a group that the change allows (adversarial review).
    if (groups !== "any") list.push({ relaxation: { kind: "groups", topic, description: `allow pairs ${groups === "same" ? "across" : "within"} groups for ${topic}` }, options: () => withOverride({ groups: "any" }) });
    const rule = override.rule ?? options.rule;
    const relaxed = relaxRule(network, topic, rule, options.period ?? latestPeriod(network, topic));
    if (relaxed) list.push({ relaxation: { kind: "high-performer-rule", topic, rule: relaxed.rule, description: `lower the high-performer bar for ${topic}: ${relaxed.description}` }, options: () => withOverride({ rule: relaxed.rule }) });
    const gap = override.minimumGap ?? options.minimumGap;
    if (gap > 0) list.push({ relaxation: { kind: "minimum-gap", topic, description: `drop the minimum gap of ${gap} for ${topic}` }, options: () => withOverride({ minimumGap: 0 }) });
    const similarity = override.similarity ?? options.similarity;
    if (similarity.maxDistance !== undefined) {
      list.push({ relaxation: { kind: "similarity", topic, description: `drop the resource-distance limit of ${similarity.maxDistance} SD for ${topic}` }, options: () => withOverride({ similarity: { ...similarity, maxDistance: undefined } }) });
    }
  }
  return list;
}

function relaxRule(network: TwinningNetwork, topic: string, rule: HighPerformerRule, period: string | undefined): { rule: HighPerformerRule; description: string } | undefined {
  switch (rule.type) {
    case "top-share": {
      const share = rule.share ?? 1 / 3;
      if (share >= 1) return undefined;
      // Rounded up to whole percent: the rule a fix prints is the one measured, and 0.25 + 1/6
      // printed "top-share:0.41666666666666663" (new-user trial); up, it admits no fewer.
      const next = Math.min(1, Math.ceil((share + 1 / 6) * 100 - 1e-9) / 100);
      return { rule: { type: "top-share", share: next }, description: `top ${Math.round(share * 100)}% -> top ${Math.round(next * 100)}%` };
    }
    case "top-k":
      return { rule: { type: "top-k", k: rule.k + 1 }, description: `top ${rule.k} -> top ${rule.k + 1}` };
    case "threshold": {
      const spec = network.topic(topic);
      const sign = spec?.higherIsBetter === false ? -1 : 1;
      // The next value down in the period planned on: another period's (a baseline score) can
      // change nothing there, and the fix was then dropped (new-user trial).
      const values = period === undefined ? [] : network.scoresFor(topic, period).map((score) => score.value);
      const below = values.filter((value) => sign * value < sign * rule.value).sort((a, b) => sign * b - sign * a)[0];
      if (below === undefined) return undefined;
      return { rule: { type: "threshold", value: below }, description: `threshold ${rule.value} -> ${below}` };
    }
    case "margin":
      return rule.margin > 0 ? { rule: { ...rule, margin: rule.margin / 2 }, description: `margin ${rule.margin} -> ${rule.margin / 2}` } : undefined;
  }
}

/** Needs met (with a primary mentor, or self-sufficient) and units met (pairs, 1 + backups per self-sufficient need). */
const met = (core: CoreResult, backups: number) => ({ needs: primaries(core) + core.selfSufficient.length, units: delivered(core) + (1 + backups) * core.selfSufficient.length });

/** The gains of one relaxation measured by solving the changed plan again (the oracle of the augmenting method). */
function gainsByResolving(network: TwinningNetwork, options: ResolvedOptions, changed: ResolvedOptions, kind: Relaxation["kind"], core: CoreResult, context: EligibilityContext, functionName: string): Gains {
  // Capacity changes keep every need and list: re-solve without recomputing eligibility.
  const reusable = (kind === "capacity" || kind === "topic-capacity") && !heuristicMode(options);
  const again = solveCore(network, changed, functionName, context, reusable ? core : undefined);
  const before = met(core, options.backups);
  const after = met(again, options.backups);
  return { primaryGain: after.needs - before.needs, coverageGain: after.units - before.units };
}

/** How relaxations are measured: augmenting paths from the plan (default), or re-solving each (tests' oracle). */
export type RelaxationMethod = "augment" | "resolve";

/**
 * The shortfall certificates with their relaxations, each measured alone. Exported for the tests
 * that check the augmenting method against re-solving.
 */
export function shortfallsOf(network: TwinningNetwork, options: ResolvedOptions, core: CoreResult, context: EligibilityContext, functionName: string, method: RelaxationMethod = "augment"): Shortfall[] {
  const byKey = new Map(core.needs.map((need) => [need.key, need]));
  // The heuristic options leave plans that need not be maximal: their gains are re-solved.
  const heuristic = heuristicMode(options);
  let augmenting: RelaxationGains | undefined;
  // A gain is the plan's, not the shortfall's: shortfalls that share a relaxation share its gain.
  const measured = new Map<string, Gains>();
  const measure = (relaxation: Omit<Relaxation, "coverageGain">, changed: () => ResolvedOptions): Gains => {
    const key = JSON.stringify([relaxation.kind, relaxation.mentor ?? null, relaxation.by ?? null, relaxation.topic ?? null, relaxation.description]);
    let gains = measured.get(key);
    if (gains === undefined) {
      gains = measureOnce(relaxation, changed);
      measured.set(key, gains);
    }
    return gains;
  };
  const measureOnce = (relaxation: Omit<Relaxation, "coverageGain">, changed: () => ResolvedOptions): Gains => {
    if (method === "augment" && !heuristic) {
      augmenting ??= new RelaxationGains(network, options, core, context);
      if (augmenting.exact) {
        const { kind, mentor, topic, by } = relaxation as Relaxation;
        const change: GraphChange =
          kind === "capacity"
            ? { kind, mentor: mentor as string, by: by as number }
            : kind === "topic-capacity"
              ? { kind, topic: topic as string, by: by as number }
              : { kind: "rules", topic: topic as string, options: changed(), highPerformerRule: kind === "high-performer-rule" };
        const gains = augmenting.gains(change);
        if (gains !== undefined) return gains;
      }
    }
    return gainsByResolving(network, options, changed(), relaxation.kind, core, context, functionName);
  };
  return core.shortfalls.map((shortfall, index) => {
    const relaxations: Relaxation[] = [];
    const candidates = index < options.explainShortfalls ? relaxationCandidates(network, options, shortfall, core) : [];
    for (const { relaxation, options: changed } of candidates) {
      const { primaryGain, coverageGain } = measure(relaxation, changed);
      // Gains are the plan's: a relaxation is listed where it helps, a primary shortfall's when it
      // covers more needs, a backup shortfall's when it adds backups. A raise whose +1 was a primary
      // of another shortfall read as this backup shortfall's fix (new-user trial).
      // A heuristic mode's re-solve can lose a primary: no fix for a backup shortfall ("raise ... from
      // 3 to 3", one need fewer met, was listed; review).
      if (shortfall.level === "backup" ? primaryGain < 0 || coverageGain - primaryGain <= 0 : primaryGain <= 0) continue;
      // A capacity raise gains one unit per slot at most, and the paths found end at its mentor:
      // as many slots as units gained gain as much, so the advice asks for no more ("from 3 to 12"
      // gained one backup; new-user trial). A topic's raise spreads over its pools: kept as tried.
      // Not in the heuristic modes, whose re-solves are not monotone in the slots: under
      // maxPartners "from 1 to 2" was advised where only 3 gained (adversarial review).
      const needed = Math.max(primaryGain, coverageGain);
      const { mentor, by } = relaxation;
      if (!heuristic && relaxation.kind === "capacity" && mentor !== undefined && by !== undefined && needed < by) {
        const current = core.capacity.get(mentor) ?? 0;
        relaxations.push({ ...relaxation, by: needed, description: capacityRaise(mentor, current, needed), coverageGain, primaryGain });
      } else relaxations.push({ ...relaxation, coverageGain, primaryGain });
    }
    const order: Record<string, number> = { capacity: 0, "topic-capacity": 0, "minimum-gap": 1, similarity: 2, groups: 3, "high-performer-rule": 4 };
    relaxations.sort((a, b) => (b.primaryGain ?? 0) - (a.primaryGain ?? 0) || b.coverageGain - a.coverageGain || (order[a.kind] ?? 9) - (order[b.kind] ?? 9) || (a.by ?? 0) - (b.by ?? 0) || ascending(a.description, b.description));
    return {
      level: shortfall.level,
      needs: shortfall.needs.map((key) => byKey.get(key)).filter((need): need is PreparedNeed => need !== undefined).map(needOf),
      mentors: [...shortfall.mentors],
      capacity: shortfall.capacity,
      deficit: shortfall.deficit,
      relaxations,
    };
  });
}

/** Builds the explained plan from a solved core. */
export function explainPlan(network: TwinningNetwork, options: ResolvedOptions, core: CoreResult, functionName: string, context: EligibilityContext): TwinningPlan {
  const pairs = pairsOf(network, core);
  const objective = sumOf(pairs.map((pair) => pair.cost));
  // Each cost is finite (solveCore), but their sum can still overflow.
  if (!Number.isFinite(objective)) throw weightsOverflow(functionName, `the plan's total cost is ${objective}`, options);
  const load = new Map<string, number>();
  for (const pair of pairs) load.set(pair.mentor, (load.get(pair.mentor) ?? 0) + 1);
  const loadSorted = Object.fromEntries([...load].sort((a, b) => ascending(a[0], b[0])));
  const notes = [...core.notes];
  // Said, not silently ignored: a ministry's ranked topics read as if the plan honoured them.
  const ranked = network.interests.filter((interest) => interest.priority !== undefined).length;
  if (ranked > 0) notes.push(`the priority of ${grouped(ranked)} interest(s) is not used: every need counts the same (coverage first, then backups, then cost).`);
  // What became of the previous plan's pairs: one for a topic its mentee never chose was dropped
  // without a word, and one replaced was not told from one kept (new-user trial).
  // Each pair once (previousPairsOf): a pair given twice was counted kept twice (review).
  const previous = previousPairsOf(options);
  if (previous.length > 0) {
    const planned = new Set(pairs.map((pair) => JSON.stringify([pair.mentor, pair.mentee, pair.topic])));
    // Needs met by the mentee itself: their pairs were counted replaced, for reasons none of which applied (review).
    const met = new Set(core.selfSufficient.map((need) => needKey(need.institution, need.topic)));
    let kept = 0;
    let replaced = 0;
    let selfMet = 0;
    const unchosen: PairRef[] = [];
    for (const pair of previous) {
      // Pairs naming an unknown institution or topic have a note of their own (solveCore).
      if (planned.has(JSON.stringify([pair.mentor, pair.mentee, pair.topic]))) kept++;
      else if (network.institution(pair.mentor) === undefined || network.institution(pair.mentee) === undefined || network.topic(pair.topic) === undefined) continue;
      else if (met.has(needKey(pair.mentee, pair.topic))) selfMet++;
      else if (network.hasChosen(pair.mentee, pair.topic)) replaced++;
      else unchosen.push(pair);
    }
    const first = unchosen[0];
    notes.push(
      `${grouped(kept)} of ${grouped(previous.length)} previous pair(s) kept, ${grouped(replaced)} replaced (a plan cheaper by more than keepThreshold ${options.keepThreshold}, a mentor no longer eligible or withdrawn, or more mentors than a need now takes)` +
        (selfMet === 0 ? "" : `; ${grouped(selfMet)} ended: the mentee is now a high performer`) +
        (first === undefined ? "." : `; ${grouped(unchosen.length)} for a topic the mentee did not choose, e.g. ${first.mentor} -> ${first.mentee} on ${first.topic}.`),
    );
  }
  if (core.shortfalls.length > options.explainShortfalls) {
    notes.push(`relaxations were computed for the first ${options.explainShortfalls} of ${core.shortfalls.length} shortfalls (option explainShortfalls; command line: --explain-shortfalls).`);
  }
  if (options.topicCapacity !== undefined && !raisesTopics(options, core) && core.shortfalls.some((shortfall) => shortfall.level === "primary")) {
    notes.push(`raises of topicCapacity are not among the relaxations of plans with more than ${TOPIC_CAPACITY_RESOLVE_UP_TO} needs in the heuristic modes (each would be a solve of its own).`);
  }
  if (options.backups > 0) {
    const short = core.needs.filter((need) => {
      const count = (core.chosen.get(need.key) ?? []).length;
      return !isPinnedNeed(need) && count > 0 && count < 1 + options.backups;
    }).length;
    if (short > 0) notes.push(`${short} covered need(s) have fewer than ${options.backups} backup mentor(s); see shortfalls.`);
    const pinned = core.needs.filter(isPinnedNeed);
    const [first] = pinned;
    if (first !== undefined) notes.push(`${pinned.length} pinned need(s) take their pinned mentor alone, without backups, e.g. ${first.institution} on ${first.topic}.`);
  }
  const effective = withoutWithdrawn(network, options);
  const scanner = context.scanner;
  const institutionIds = network.institutions.map((institution) => institution.id);
  // explainNeed hands the same eligible array to needs with the same eligible mentors (at national
  // scale thousands of uncovered needs share a few dozen lists): their ids are one frozen list too.
  const idLists = new Map<Int32Array, string[]>();
  /** Ids of an eligible array, frozen here (strings only), so the plan's deep freeze need not walk the list. */
  const ids = (indices: Int32Array): string[] => {
    let list = idLists.get(indices);
    if (list === undefined) {
      list = new Array<string>(indices.length);
      for (let at = 0; at < indices.length; at++) list[at] = institutionIds[indices[at] as number] as string;
      Object.freeze(list);
      idLists.set(indices, list);
    }
    return list;
  };
  // One rule set per topic (rulesFor makes a new object per call; the scanner's tables are kept per rule set's parts).
  const rulesByTopic = new Map<string, EligibilityRules>();
  const uncovered = uncoveredOf(network, core, options.mode === "stable", (need) => {
    const topic = network.topic(need.topic) as Topic;
    let rules = rulesByTopic.get(need.topic);
    if (rules === undefined) {
      rules = rulesFor(need.topic, effective);
      rulesByTopic.set(need.topic, rules);
    }
    const { eligible, best, removedCounts, removed } = scanner.explainNeed(need.institution, topic, rules, UNCOVERED_NAMED);
    return { eligible: ids(eligible), best: eligible.length <= UNCOVERED_NAMED ? [] : Array.from(best, (index) => institutionIds[index] as string), removedCounts, removed };
  }, options.maxPartners);
  return new TwinningPlan({
    pairs,
    uncovered,
    shortfalls: shortfallsOf(network, options, core, context, functionName),
    selfSufficient: core.selfSufficient.map((need) => ({ ...need })),
    objective: round(objective, 9),
    optimal: core.optimal,
    load: loadSorted,
    capacity: Object.fromEntries(core.capacity),
    warnings: notes,
    options: planOptionsData(options),
    institutions: network.institutions.map((i) => ({ id: i.id, ...(i.name !== undefined ? { name: i.name } : {}), kind: i.kind, ...(i.group !== undefined ? { group: i.group } : {}) })),
  }, FRESH_PLAN);
}

/** The options as plain JSON data (undefined fields dropped), kept in the plan. */
function planOptionsData(options: ResolvedOptions): AssignPartnersOptions {
  return JSON.parse(JSON.stringify(options)) as AssignPartnersOptions;
}

