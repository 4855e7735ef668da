/**
 * Solving a plan, everything but the explanations: the needs and their candidates with costs,
 * then the exact solve (solveAssignment for plain plans, the lexicographic flow model with backups
 * or per-topic limits), stable mode, and the two heuristic options (preferMutual, maxPartners; in
 * heuristics.ts).
 *
 * The cost of a pair (lower is better), with weights the caller can set:
 *   cost = - gap * (mentor - mentee score, in SDs of the topic among the kind)
 *          + similarity * (resource distance, RMS of attribute differences in SDs)
 *          + group * (1 when mentor and mentee are in different groups)
 *          - keepThreshold (when the pair was in the previous plan)
 *          - preferMutual (when the mentee mentors the mentor on another topic)
 * Coverage always comes first, then backups, then cost (docs/decisions.md).
 */
import { firstFive } from "../core/display.js";
import { TwinningArgumentError, TwinningInfeasibleError } from "../core/errors.js";
import { unknownName } from "../core/options.js";
import { MinHeap } from "../core/heap.js";
import { innerMap } from "../core/maps.js";
import { ascending } from "../core/typedArrays.js";
import type { TwinningNetwork } from "../model/network.js";
import { FIRST_APPEARANCE } from "../model/readers/periods.js";
import type { Institution, Topic } from "../model/types.js";
import { type Candidate, type CandidateVisitor, candidateOf, EligibilityContext, type NeedEligibility, type ReducedCostFilter } from "./eligibility.js";
import { type FlowDuals, type FlowModelHandle, type LeftOut, startFlowModel } from "./flowModel.js";
import { limitPartners, preferMutualPairs, type SolvedRound, type SolveOnce } from "./heuristics.js";
import { gridStep, isPinnedNeed, needKey, onGrid, pairSolverCost, type PreparedNeed, solverCost } from "./needs.js";
import { capacityOf, previousPairsOf, type ResolvedOptions, rulesFor, topicLimitOf, withoutWithdrawn } from "./planOptions.js";
import { boxDistance, descendNearest, nodeMaxima, type ResourceTree } from "./resourceTree.js";
import { solveAssignment } from "./solveAssignment.js";
import { deferredAcceptance } from "./stableMode.js";
import type { Need } from "./types.js";

export interface CoreResult {
  needs: PreparedNeed[];
  selfSufficient: Need[];
  /** Per need key: the mentors chosen, cheapest first (the first is the primary). */
  chosen: Map<string, string[]>;
  shortfalls: { level: "primary" | "backup"; needs: string[]; mentors: string[]; capacity: number; deficit: number }[];
  capacity: Map<string, number>;
  optimal: boolean;
  notes: string[];
  /** Needs whose candidate lists were cut, with the cut cost (for re-solves that reuse the needs). */
  pruned?: ReadonlyMap<number, number>;
}


/**
 * Solves a plan; everything but the explanations and relaxations. `candidateLimit`: candidates a
 * need holds before the duality check of the rest (the plan is the same for every limit >= 1;
 * tests use small ones to exercise the check). `fullListsUpTo`: problems whose full lists hold at
 * most this many pairs are not pruned (tests pass 0 to prune small ones).
 */
/** How messages name a pinned pair. */
const pinnedPair = (mentor: string, mentee: string, topic: string): string => `pinned pair ${mentor} -> ${mentee} on ${topic}`;

export function solveCore(network: TwinningNetwork, options: ResolvedOptions, functionName: string, context = new EligibilityContext(network), reuse?: CoreResult, candidateLimit = PRUNED_CANDIDATES, fullListsUpTo = FULL_LISTS_UP_TO): CoreResult {
  if (options.period !== undefined && !network.periodIds.includes(options.period)) {
    throw new TwinningArgumentError(functionName, unknownName("period", options.period, network.periodIds, true));
  }
  // A key naming no institution or topic is a limit or a rule silently not applied
  // (capacity { "Kabgayi-Hospital": 0 }, topicCapacity { ANC4: 1 }; new-user trial).
  for (const [option, what] of [["capacity", "institution"], ["topicCapacity", "topic"], ["topicRules", "topic"], ["withdrawn", "institution"]] as const) {
    const value = options[option];
    if (value === null || typeof value !== "object") continue;
    const keys = Array.isArray(value) ? (value as unknown[]) : Object.keys(value);
    const known = (key: unknown) => typeof key === "string" && (what === "topic" ? network.topic(key) : network.institution(key)) !== undefined;
    // By index: an undefined entry (or a hole) is refused too, and does not hide a typo after it (review).
    const at = keys.findIndex((key) => !known(key));
    const unknown = keys[at];
    if (at >= 0) throw new TwinningArgumentError(functionName, `${option}: ${unknownName(what, unknown, (what === "topic" ? network.topics : network.institutions).map((item) => item.id))}`);
  }
  // A margin rule's high performers beat relativeTo by the margin, as in highPerformers (plans
  // compared with the mentee instead and ignored relativeTo; new-user trial): it must be an
  // institution with a score on each topic planned with the rule.
  for (const topic of new Set(network.interests.map((interest) => interest.topic))) {
    const rules = rulesFor(topic, options);
    if (rules.rule.type !== "margin") continue;
    const { relativeTo } = rules.rule;
    if (network.institution(relativeTo) === undefined) throw new TwinningArgumentError(functionName, `rule.relativeTo: ${unknownName("institution", relativeTo, network.institutions.map((item) => item.id))}`);
    const period = context.periodFor(topic, rules);
    if (period !== undefined && network.score(relativeTo, topic, period) === undefined) {
      throw new TwinningArgumentError(functionName, `${topic}: the margin rule compares with ${relativeTo}, which has no ${topic} score in ${period}; give the rule per topic where it has one (topicRules; command line: --high-performers TOPIC=RULE)`);
    }
  }
  const previousPairs = previousPairsOf(options);
  const previous = new Set(previousPairs.map((pair) => JSON.stringify([pair.mentor, pair.mentee, pair.topic])));
  // A renamed id or a typo would silently keep (previous) or exclude nothing (new-user reviews).
  const unknownIn = (pairs: readonly { mentor: string; mentee: string; topic?: string }[]) =>
    pairs.filter((pair) => !network.institution(pair.mentor) || !network.institution(pair.mentee) || (pair.topic !== undefined && !network.topic(pair.topic)));
  const pins = new Map<string, string>();
  // Excluded pairs by mentor, mentee and topic (null: all topics): one look per pin, not a scan of the list.
  const excludedKeys = new Set((options.pin ?? []).length === 0 ? [] : (options.exclude ?? []).map((pair) => JSON.stringify([pair.mentor, pair.mentee, pair.topic ?? null])));
  for (const pin of options.pin ?? []) {
    const pair = pinnedPair(pin.mentor, pin.mentee, pin.topic);
    const unknown = [pin.mentor, pin.mentee].find((id) => !network.institution(id)) ?? (network.topic(pin.topic) ? undefined : pin.topic);
    if (unknown !== undefined) {
      const topic = unknown === pin.topic;
      throw new TwinningArgumentError(functionName, `${pair}: ${unknownName(topic ? "topic" : "institution", unknown, (topic ? network.topics : network.institutions).map((item) => item.id))}`);
    }
    if (!network.hasChosen(pin.mentee, pin.topic)) throw new TwinningArgumentError(functionName, `${pair}: ${pin.mentee} did not choose ${pin.topic}`);
    if (pin.mentor === pin.mentee) throw new TwinningArgumentError(functionName, `${pair} pairs ${pin.mentee} with itself`);
    // A withdrawn mentor has no slot (before: "exceed its capacity 0"), a withdrawn mentee no need (the pin was dropped without a word; adversarial review).
    const gone = [pin.mentor, pin.mentee].find((id) => options.withdrawn?.includes(id) === true);
    if (gone !== undefined) throw new TwinningArgumentError(functionName, `${pair}: ${gone} is withdrawn; drop the pin or the withdrawal`);
    if ([pin.topic, null].some((topic) => excludedKeys.has(JSON.stringify([pin.mentor, pin.mentee, topic])))) throw new TwinningArgumentError(functionName, `${pair} is also excluded`);
    // A pinned need takes its pin alone (no backups): a second mentor would be dropped silently.
    const key = needKey(pin.mentee, pin.topic);
    const earlier = pins.get(key);
    if (earlier !== undefined && earlier !== pin.mentor) throw new TwinningArgumentError(functionName, `${pair}: ${pin.mentee} on ${pin.topic} is pinned to ${earlier} too; a need takes one pinned mentor`);
    pins.set(key, pin.mentor);
  }
  const weights = options.weights;
  const step = gridStep(options);
  const costOf = (candidate: Candidate) => -weights.gap * (candidate.gapInSD ?? 0) + weights.similarity * (candidate.distance ?? 0) + weights.group * (candidate.sameGroup ? 0 : 1);
  const optionsOf = (institution: string, topic: string, candidates: readonly Candidate[]): PreparedNeed["options"] =>
    candidates.map((candidate) => {
      const kept = previous.size > 0 && previous.has(JSON.stringify([candidate.mentor, institution, topic]));
      const baseCost = costOf(candidate);
      return { candidate, mentor: candidate.mentor, cost: pairSolverCost(baseCost, kept, 0, step, options, functionName, candidate.mentor, institution, topic), baseCost, kept, pinned: false };
    });
  const withdrawn = new Set(options.withdrawn ?? []);
  const stillIn = withoutWithdrawn(network, options);
  const scanner = context.scanner;
  // Once per topic: the scanner's calls take it for every need and round of the check (a fresh
  // rules object per call was 6% of the plan's allocations at 5,000 x 12).
  const topicsAndRules = new Map<string, [Topic, ReturnType<typeof rulesFor>]>();
  /** A need's (or an interest's) topic and its rules. */
  const topicOf = (need: { topic: string }): [Topic, ReturnType<typeof rulesFor>] => {
    let known = topicsAndRules.get(need.topic);
    if (known === undefined) {
      const topic = network.topic(need.topic) as Topic;
      known = [topic, rulesFor(topic.id, stillIn)];
      topicsAndRules.set(need.topic, known);
    }
    return known;
  };
  /** Whether the needs' full lists would hold more than `limit` pairs (an upper bound is counted: each need's eligible mentors are among the leading `passing` of its walk, CandidateScanner.reach). */
  const fullListsExceed = (limit: number): boolean => {
    let pairs = 0;
    for (const interest of network.interests) {
      if (withdrawn.has(interest.institution) || pins.has(needKey(interest.institution, interest.topic))) continue;
      pairs += scanner.reach(interest.institution, ...topicOf(interest)).passing;
      if (pairs > limit) return true;
    }
    return false;
  };
  // Candidate pruning (optimal mode): each need keeps its cheapest candidates, so no table of
  // needs x high performers is held; solveOnce proves the pruned optimum is the full one. Not for
  // small problems, where the check's rounds cost more than the longer lists (FULL_LISTS_UP_TO).
  // A previous plan lowers the cost of its pairs (keepThreshold), which the scanner's cost bound
  // does not know: a pruned need lists its previous pairs beside its cheapest, so every pair left
  // out costs its plain cost, at least the cut (full lists took 400 s at 3,000 x 6 with backups).
  const prune = options.mode === "optimal" && options.preferMutual === 0 && options.maxPartners === undefined && reuse === undefined && fullListsExceed(fullListsUpTo);
  /** The previous plan's mentors by need, with their network indices. */
  const previousMentors = new Map<string, Map<string, number>>();
  for (const pair of previousPairs) innerMap(previousMentors, needKey(pair.mentee, pair.topic)).set(pair.mentor, scanner.indexOf(pair.mentor));
  /** Pruned needs, with the cost their list was cut at (every pair left out costs at least that). */
  const pruned = new Map<number, number>(reuse?.pruned ?? []);
  /** A pruned need's list as the scan kept it, by network index (Pruning.listed). */
  const listed = new Map<number, number[]>();
  // A re-solve that changes capacities only (a capacity relaxation) keeps the needs and lists.
  const needs: PreparedNeed[] = reuse !== undefined ? reuse.needs.map((need) => ({ ...need, options: [...need.options], eligibility: { ...need.eligibility, candidates: [...need.eligibility.candidates] } })) : [];
  const selfSufficient: Need[] = reuse !== undefined ? reuse.selfSufficient : [];
  const notes: string[] = [];
  for (const interest of reuse !== undefined ? [] : network.interests) {
    if (withdrawn.has(interest.institution)) continue;
    const [topic, rules] = topicOf(interest);
    const key = needKey(interest.institution, interest.topic);
    const need: Need = { institution: interest.institution, topic: interest.topic, ...(interest.priority !== undefined ? { priority: interest.priority } : {}) };
    const pinned = pins.get(key);
    const highPerformer = context.isHighPerformer(interest.institution, interest.topic, rules);
    if (pinned === undefined && highPerformer) {
      selfSufficient.push(need);
      continue;
    }
    // A pin is the caller's choice and is kept, but one the rules would refuse is said (a mentor
    // scoring worse read "-13.5 pp better" without a word; new-user trial, stop 18).
    if (pinned !== undefined && highPerformer) notes.push(`${pinnedPair(pinned, interest.institution, interest.topic)}: ${interest.institution} is a high performer on ${interest.topic}, needing no mentor`);
    let cut: number | undefined;
    let indices: number[] = [];
    let eligibility: NeedEligibility;
    if (pinned === undefined && (prune || previous.size === 0)) {
      // The typed-array scan: the same candidates as evaluate, only the cheapest held when pruning.
      ({ eligibility, cut, indices } = scanner.cheapest(interest.institution, topic, rules, weights, prune ? Math.max(1, candidateLimit) : Number.POSITIVE_INFINITY));
      // A previous mentor left out joins the list if it is still eligible (the scan's test at its place in the walk).
      for (const index of cut === undefined ? [] : (previousMentors.get(key)?.values() ?? [])) {
        const at = scanner.reach(interest.institution, topic, rules).members.indexOf(index);
        if (at >= 0 && !indices.includes(index))
          scanner.visitAt(interest.institution, topic, rules, weights, [at], (found, pair) => {
            eligibility.candidates.push(candidateOf(found.id, pair));
            indices.push(index);
            return Number.POSITIVE_INFINITY;
          });
      }
    } else eligibility = context.evaluate(interest.institution, topic, rules);
    let prepared: PreparedNeed["options"];
    if (pinned !== undefined) {
      let candidate = eligibility.candidates.find((c) => c.mentor === pinned);
      if (candidate === undefined) {
        const why = context.evaluate(interest.institution, topic, rules, true).removed.find((removed) => removed.mentor === pinned)?.detail;
        notes.push(`${pinnedPair(pinned, interest.institution, interest.topic)}: ${pinned} is not an eligible mentor${why === undefined ? "" : ` (${why})`}`);
        const mentor = network.institution(pinned);
        const mentee = network.institution(interest.institution);
        // No period: the topic has no score at all, and a lookup in a period "" is refused (review).
        const mentorScore = eligibility.period === "" ? undefined : network.score(pinned, topic.id, eligibility.period);
        if (mentor === undefined || mentee === undefined || mentorScore === undefined) {
          throw new TwinningArgumentError(functionName, `pinned mentor ${pinned} has no ${topic.id} score in ${eligibility.period === "" ? "any period" : eligibility.period}`);
        }
        const gap = eligibility.menteeScore === null ? null : (topic.higherIsBetter ? 1 : -1) * (mentorScore - eligibility.menteeScore);
        // In SDs of the topic among the mentee's kind, as the scan prices a pair (or the gap itself
        // when that SD is 0): null left the gap out of the pin's cost, "+10 better" at cost 0 (review).
        const sd = gap === null ? 0 : context.scoreSDOf(topic.id, eligibility.period, mentee.kind);
        const gapInSD = gap === null ? null : sd > 0 ? gap / sd : gap;
        candidate = { mentor: pinned, mentorScore, gap, gapInSD, distance: context.distance(mentor, mentee, rules.similarity), sameGroup: mentor.group !== undefined && mentor.group === mentee.group };
      }
      const baseCost = costOf(candidate);
      // Kept when the previous plan had it too (the note counted it kept while the pair said not; review).
      prepared = [{ candidate, mentor: pinned, cost: solverCost(baseCost, step, options, functionName, `pinned ${pinned}`, interest.institution, interest.topic), baseCost, kept: previous.has(JSON.stringify([pinned, interest.institution, interest.topic])), pinned: true }];
    } else {
      prepared = optionsOf(interest.institution, interest.topic, eligibility.candidates);
      // The cheapest were kept; the rest are checked against the solution's potentials (solveOnce).
      if (cut !== undefined) {
        pruned.set(needs.length, onGrid(cut, step));
        listed.set(needs.length, indices);
      }
    }
    needs.push({ ...need, key, eligibility, options: prepared });
  }
  // Scores on a topic that stop before the period planned on: such an institution can neither
  // mentor nor be compared there, which was silent (new-user trial, stop 18). Once per topic.
  // A topic whose scores are all equal there makes every chooser a high performer: no need, no
  // mentor, no word before (new-user trial, stop 19).
  const planned = new Map(reuse !== undefined ? [] : network.interests.map((interest) => [interest.topic, topicOf(interest)[1]] as const));
  for (const [topic, rules] of [...planned].sort((a, b) => ascending(a[0], b[0]))) {
    const period = context.periodFor(topic, rules) ?? "";
    // No period: the topic has no score at all (never a period named "").
    const scores = period === "" ? [] : network.scoresFor(topic, period);
    // Ties make everyone a high performer under a share or a count, not under a threshold or a margin (review).
    const ranked = rules.rule.type === "top-share" || rules.rule.type === "top-k";
    if (ranked && scores.length > 1 && scores.every((score) => score.value === scores[0]?.value)) notes.push(`${topic}: every institution scores ${scores[0]?.value} in ${period}, so each counts as a high performer and none needs a mentor`);
    const now = new Set(scores.map((score) => score.institution));
    const earlier = period === "" ? [] : network.periodIds.slice(0, network.periodIds.indexOf(period));
    const missing = [...new Set(earlier.flatMap((before) => network.scoresFor(topic, before).map((score) => score.institution)))].filter((id) => !now.has(id) && !withdrawn.has(id)).sort(ascending);
    if (missing.length > 0) notes.push(`${topic}: ${missing.length} institution(s) scored earlier have no score in ${period}, the period planned on, so they can neither mentor nor be compared: ${firstFive(missing)}`);
  }
  // A topic's latest period is a guess when it is scored in several and the periods are ordered
  // only by first appearance in the files (review of stop 19); one is named.
  if (options.period === undefined && network.warnings.some((warning) => warning.startsWith(FIRST_APPEARANCE))) {
    const several = [...planned].find(([topic]) => new Set(network.scores.filter((score) => score.topic === topic).map((score) => score.period)).size > 1);
    if (several !== undefined) notes.push(`${FIRST_APPEARANCE}: ${several[0]} is planned on ${context.periodFor(...several)}, a guess; pass period`);
  }
  // Resources are compared on the numeric attributes every institution of a kind has (the
  // default): one blank or text cell left an attribute out for the whole kind, silently, and
  // changed most pairs (new-user trial, stop 19).
  for (const kind of reuse !== undefined || options.similarity.attributes !== undefined || weights.similarity === 0 ? [] : [...network.kinds].sort(ascending)) {
    const members = network.institutionsOfKind(kind);
    for (const name of [...new Set(members.flatMap((member) => Object.keys(member.attributes)))].sort(ascending)) {
      const lacking = members.filter((member) => !(Object.hasOwn(member.attributes, name) && typeof member.attributes[name] === "number"));
      if (lacking.length > 0 && lacking.length < members.length) {
        notes.push(`resources of ${kind}s are compared without ${name}: ${lacking.length} of ${members.length} have no number there (e.g. ${lacking[0]?.id}); name the attributes in similarity.attributes to compare ${name} where it is given`);
      }
    }
  }
  // Across kinds resources are compared on the attributes both measure (EligibilityContext.distance):
  // kinds with no number of a common attribute pair without a distance, which the plan says (per
  // similarity option of the topics planned; the review found listed names none of a kind has).
  const apart = new Set<string>();
  const kinds = [...network.kinds].sort(ascending);
  for (const similarity of new Set(options.sameKind ? [] : [...planned.values()].map((rules) => rules.similarity))) {
    if (weights.similarity === 0 && similarity.maxDistance === undefined) continue;
    const vectors = context.acrossKindVectors(similarity);
    // Per kind: which attributes some institution of it has a number for.
    const given = kinds.map((kind) => network.institutionsOfKind(kind).reduce((seen: boolean[], institution) => Array.from(vectors.get(institution.id) as Float64Array, (value, d) => seen[d] === true || !Number.isNaN(value)), []));
    kinds.forEach((kind, k) => {
      kinds.forEach((other, o) => {
        if (o > k && !given[k]?.some((has, d) => has && given[o]?.[d] === true)) apart.add(`sameKind false: ${kind}s and ${other}s share no resource attribute; their pairs are not compared on resources (no distance term; maxDistance removes them)`);
      });
    });
  }
  notes.push(...apart);

  // Groups the rules or the cost compare, where institutions have none: such a pair counts as
  // across groups, which was silent ("other group (none vs none)"; groups "same" left every
  // need without a mentor; new-user trial and adversarial review).
  if (reuse === undefined) {
    // The rules of the topics planned: a global rule every topic overrides compares nothing (review).
    let compared = false;
    for (const [topic, rules] of [...planned].sort((a, b) => ascending(a[0], b[0]))) {
      if (rules.groups === "any") continue;
      compared = true;
      // Per topic, among those who chose it: a kind without groups left all its needs uncovered with a note only (review).
      const choosers = network.choosers(topic).filter((id) => !withdrawn.has(id));
      if (choosers.length > 0 && choosers.every((id) => network.institution(id)?.group === undefined)) {
        throw new TwinningArgumentError(functionName, `groups "${rules.groups}" on ${topic} compares institutions' groups, but none of those that chose it has one; give one (a group column, such as province) or use groups "any" (command line: --groups any)`);
      }
    }
    const ungrouped = network.institutions.filter((institution) => institution.group === undefined && !withdrawn.has(institution.id));
    const [first] = ungrouped;
    const none = ungrouped.length === network.institutions.length - withdrawn.size;
    // Where none has a group the group weight adds the same to every pair: the plan is the same.
    if (first !== undefined && !none && (compared || weights.group !== 0)) {
      notes.push(`${ungrouped.length} institution(s) have no group, e.g. ${first.id}: their pairs count as across groups (${compared ? `the groups rule and the group weight ${weights.group} apply` : `the group weight ${weights.group} applies`}).`);
    }
  }

  const capacity = new Map<string, number>();
  for (const institution of network.institutions) {
    capacity.set(institution.id, withdrawn.has(institution.id) ? 0 : capacityOf(options.capacity, institution.id, 3, "capacity", functionName));
  }
  for (const [pairs, which, effect] of [
    [previousPairs, "previous", "cannot be kept"],
    [options.exclude ?? [], "excluded", "exclude nothing"],
  ] as const) {
    const unknown = unknownIn(pairs);
    const [first] = unknown;
    if (first !== undefined) notes.push(`${unknown.length} ${which} pair(s) name an institution or topic the network does not have, so they ${effect}, e.g. ${first.mentor} -> ${first.mentee}${first.topic === undefined ? "" : ` on ${first.topic}`}`);
  }
  let optimal = true;

  // Pins must fit: they bypass the solver's choice but not the capacities.
  const pinLoad = new Map<string, number>();
  for (const mentor of pins.values()) pinLoad.set(mentor, (pinLoad.get(mentor) ?? 0) + 1);
  for (const [mentor, load] of pinLoad) {
    if (load > (capacity.get(mentor) ?? 0)) throw new TwinningInfeasibleError(`${functionName}: ${load} pinned pairs for ${mentor} exceed its capacity ${capacity.get(mentor)}`);
  }
  const topicCapacity = options.topicCapacity;
  if (topicCapacity !== undefined) {
    const poolLoad = new Map<string, number>();
    // Each pinned need once: the same pin given twice is one pair (as for `capacity` above).
    for (const pin of new Map((options.pin ?? []).map((pin) => [needKey(pin.mentee, pin.topic), pin])).values()) poolLoad.set(JSON.stringify([pin.mentor, pin.topic]), (poolLoad.get(JSON.stringify([pin.mentor, pin.topic])) ?? 0) + 1);
    for (const [pool, load] of poolLoad) {
      const [mentor, topic] = JSON.parse(pool) as [string, string];
      const limit = topicLimitOf(topicCapacity, topic, functionName);
      if (load > limit) throw new TwinningInfeasibleError(`${functionName}: ${load} pinned pairs for ${mentor} on ${topic} exceed its topic capacity ${limit}`);
    }
  }

  let adjusted = needs;
  if (options.mode === "stable") {
    const stable = deferredAcceptance(needs, capacity, options, functionName);
    notes.push("stable mode: mentee-proposing deferred acceptance; no mentee and mentor both prefer each other to their partners, but coverage and cost are not optimised.");
    return { needs, selfSufficient, chosen: stable, shortfalls: [], capacity, optimal: false, notes };
  }
  const pruning: Pruning = {
    pruned,
    listed,
    scan: (need, visit, filter) => scanner.scan(need.institution, ...topicOf(need), weights, visit, filter),
    option: (need, candidate) => (optionsOf(need.institution, need.topic, [candidate])[0] as PreparedNeed["options"][number]),
    indexOf: (id) => scanner.indexOf(id),
    institutions: network.institutions.length,
    ids: network.institutions.map((institution) => institution.id),
    reach: (need) => scanner.reach(need.institution, ...topicOf(need)),
    restOfCost: (need) => scanner.restOfCost(need.institution, ...topicOf(need), weights),
    eligibleIsPrefix: (need) => scanner.eligibleIsPrefix(...topicOf(need)),
    eligible: (need, visit) => scanner.eligibleMentors(need.institution, ...topicOf(need), visit),
    visitAt: (need, positions, visit, filter) => scanner.visitAt(need.institution, ...topicOf(need), weights, positions, visit, filter),
    gapLine: (need) => scanner.gapLine(need.institution, ...topicOf(need), weights),
    resourceTree: (need) => scanner.resourceTree(need.institution, ...topicOf(need), weights),
    similarity: weights.similarity,
    group: weights.group,
    step,
  };
  let result = solveOnce(adjusted, capacity, options, functionName, pruned.size > 0 ? pruning : undefined);
  const solve: SolveOnce = (next) => solveOnce(next, capacity, options, functionName);
  if (options.preferMutual > 0) {
    ({ needs: adjusted, result } = preferMutualPairs(adjusted, result, options, solve));
    optimal = false;
    notes.push("preferMutual makes the objective depend on pairs of pairs; the plan applies the mutual bonus by re-solving until stable, a heuristic (the coverage is still the maximum).");
  }
  if (options.maxPartners !== undefined) {
    ({ needs: adjusted, result } = limitPartners(adjusted, result, options.maxPartners, solve));
    optimal = false;
    notes.push(`maxPartners (${options.maxPartners}) is not a flow constraint; the plan keeps each mentee's most-used mentors and re-solves, a heuristic that can leave needs uncovered.`);
    // Pins are kept whatever the limit: said where they pass it (adversarial review).
    const pinnedPartners = new Map<string, Set<string>>();
    for (const pin of options.pin ?? []) pinnedPartners.set(pin.mentee, (pinnedPartners.get(pin.mentee) ?? new Set<string>()).add(pin.mentor));
    const over = [...pinnedPartners].filter(([, mentors]) => mentors.size > (options.maxPartners as number)).map(([mentee]) => mentee).sort(ascending);
    if (over.length > 0) notes.push(`pins give ${over.length} mentee(s) more partners than maxPartners (${options.maxPartners}), kept as pinned: ${firstFive(over)}`);
  }
  return { needs: adjusted, selfSufficient, chosen: result.chosen, shortfalls: result.shortfalls, capacity, optimal, notes, pruned };
}

/** A level's positions ordered by a lower bound of what a pair there can cost (checkFlowPruned). */
interface KeyOrder {
  positions: Int32Array;
  keys: Float64Array;
  /** For the resource tree (treeKeysOf): each walk position's key (-Infinity outside the level), and each node's largest in `tree`. */
  keyAt?: Float64Array;
  nodeKeys?: Float64Array;
  tree?: ResourceTree;
}

/** A level's keys by walk position and their maxima under a tree's nodes, once per level, slope and tree. */
function treeKeysOf(order: KeyOrder, walkLength: number, tree: ResourceTree): { keyAt: Float64Array; nodeKeys: Float64Array } {
  if (order.keyAt === undefined) {
    const keyAt = new Float64Array(walkLength).fill(-Number.POSITIVE_INFINITY);
    order.positions.forEach((position, k) => {
      keyAt[position] = order.keys[k] as number;
    });
    order.keyAt = keyAt;
  }
  const keyAt = order.keyAt;
  if (order.tree !== tree || order.nodeKeys === undefined) {
    order.tree = tree;
    order.nodeKeys = nodeMaxima(tree, (position) => keyAt[position] as number);
  }
  return { keyAt, nodeKeys: order.nodeKeys };
}

/** The largest rise of a pool's potential under each node of a tree (of a walk, or of a level's pools: see subsetTreeOf), once per tree and round. */
function risenNodesOf(holder: { risenNodes?: Float64Array }, tree: ResourceTree, members: Int32Array, risen: Float64Array): Float64Array {
  holder.risenNodes ??= nodeMaxima(tree, (position) => risen[members[position] as number] as number);
  return holder.risenNodes;
}

/**
 * Candidates kept per need before the check of the pruned pairs: 12 since stop 27 (16 before;
 * alternating runs: 5,000 x 12 about 12% faster, 20,000 of one kind about 8%, the other national
 * rows the same; docs/decisions.md).
 */
export const PRUNED_CANDIDATES = 12;
/**
 * Plans whose full candidate lists hold at most this many pairs take them whole (no pruning, no
 * check): end to end, 300 and 500 institutions x 6 topics (about 30,000 and 86,000 pairs) ran 14
 * to 29% faster on the full lists, 500 x 12 (169,000, a quarter uncovered) 8% slower, 800 to
 * 1,000 (220,000 to 336,000) the same and 700 of one kind (330,000) 21% slower (docs/decisions.md,
 * "Small plans take the full candidate lists").
 */
export const FULL_LISTS_UP_TO = 120_000;
/** Needs whose candidate lists were cut, and how to visit all of a need's candidates again. */
interface Pruning {
  /** Need index -> the (on-grid) cost its list was cut at: every pair left out costs at least that. */
  pruned: Map<number, number>;
  /**
   * Need index -> the network indices of its list's mentors as the scan kept them (not for the
   * lists a capacity relaxation's re-solve reuses): looked up by id per pair instead, it was
   * 180 ms at 20,000 institutions of one kind. The check appends what it adds.
   */
  listed: Map<number, number[]>;
  /** Visits every eligible mentor of a need, best score first (CandidateScanner.scan), optionally pre-filtered by reduced cost. */
  scan: (need: PreparedNeed, visit: CandidateVisitor, filter?: ReducedCostFilter) => void;
  /** The option of a pair found by a scan. */
  option: (need: PreparedNeed, candidate: Candidate) => PreparedNeed["options"][number];
  indexOf: (institution: string) => number;
  institutions: number;
  /** Institution ids by network index. */
  ids: readonly string[];
  /** The mentors a scan of the need walks, best first, and how many leading ones pass the gap rule (CandidateScanner.reach). */
  reach: (need: PreparedNeed) => { members: Int32Array; passing: number };
  /** The rest of the need's pair costs beside the gap term, by walk position (CandidateScanner.restOfCost). */
  restOfCost: (need: PreparedNeed) => (position: number) => number;
  /** Whether a need's eligible mentors are the leading `passing` members of its walk (CandidateScanner.eligibleIsPrefix). */
  eligibleIsPrefix: (need: PreparedNeed) => boolean;
  /** Visits every eligible mentor of a need, costs not computed (CandidateScanner.eligibleMentors). */
  eligible: (need: PreparedNeed, visit: (mentor: Institution) => void) => void;
  /** Visits the eligible mentors at these positions of the need's walk (CandidateScanner.visitAt). */
  visitAt: (need: PreparedNeed, positions: ArrayLike<number>, visit: CandidateVisitor, filter?: ReducedCostFilter) => void;
  /** The gap term of the need's costs as a line in the mentor's score (CandidateScanner.gapLine). */
  gapLine: (need: PreparedNeed) => { scores: Float64Array; slope: number; intercept: number } | undefined;
  /** The k-d tree of the need's walk and the mentee's vector (CandidateScanner.resourceTree). */
  resourceTree: (need: PreparedNeed) => { tree: ResourceTree; query: Float64Array; group: number } | undefined;
  /** The similarity and group weights (the distance term's and the group term's factors). */
  similarity: number;
  group: number;
  /** The solver's cost grid (gridStep). */
  step: number;
}

/**
 * One exact solve. Plain plans with full lists go to solveAssignment (bipartite); pruned lists,
 * backups and per-topic limits to the lexicographic flow model, whose potentials check every pair
 * a pruned list left out (checkFlowPruned): pairs that could improve the plan join their need's
 * list and the solved flow takes them (warm start), until none could. The result is then optimal
 * for the full lists (LP duality), while only the lists kept are ever held.
 */
function solveOnce(needs: readonly PreparedNeed[], capacity: Map<string, number>, options: ResolvedOptions, functionName: string, pruning?: Pruning): SolvedRound {
  // Pinned pairs are in the plan whatever the optimum of the rest: they are assigned first, their
  // mentors' capacities and topic limits lowered by them, and the other needs solved. (Before, a
  // pinned need was only restricted to its mentor, and a plan covering as many needs at a lower
  // cost could give that slot to another need: the pin was dropped silently; adversarial review.)
  const pins = new Map<string, string>();
  const free = new Map(capacity);
  const poolPins = new Map<string, number>();
  for (const need of needs) {
    if (!isPinnedNeed(need)) continue;
    const mentor = (need.options[0] as PreparedNeed["options"][number]).candidate.mentor;
    pins.set(need.key, mentor);
    free.set(mentor, (free.get(mentor) ?? 0) - 1);
    const pool = JSON.stringify([mentor, need.topic]);
    poolPins.set(pool, (poolPins.get(pool) ?? 0) + 1);
  }
  const solved = solveFree(needs, free, options, functionName, pins, poolPins, pruning);
  if (pins.size === 0) return solved;
  const chosen = new Map(solved.chosen);
  for (const [key, mentor] of pins) chosen.set(key, [mentor]);
  // A pinned need left the solve (a group of its own, no mentor): no certificate. It takes its pin
  // alone, by the rules, not for want of slots: explainPlan says so in a note. (A backup shortfall
  // each offered capacity raises that gave the unit to other needs; new-user trial.)
  const shortfalls = solved.shortfalls.filter((shortfall) => !shortfall.needs.every((key) => pins.has(key)));
  return { chosen, shortfalls };
}

/** solveOnce without the pinned needs (their solver lists are empty) and with the capacities they leave. */
function solveFree(needs: readonly PreparedNeed[], capacity: Map<string, number>, options: ResolvedOptions, functionName: string, pins: ReadonlyMap<string, string>, poolPins: ReadonlyMap<string, number>, pruning?: Pruning): SolvedRound {
  // The options themselves (mentor and on-grid cost): at national size a copy per pair was a million objects kept through the solve.
  const solverOptions = (need: PreparedNeed) => (pins.has(need.key) ? [] : need.options);
  if (options.topicCapacity === undefined && options.backups === 0 && pruning === undefined) {
    const solution = solveAssignment({
      needs: needs.map((need) => ({ id: need.key, candidates: solverOptions(need).map(({ mentor, cost }) => ({ mentor, cost })) })),
      capacity: Object.fromEntries(capacity),
    });
    const chosen = new Map<string, string[]>();
    for (const [key, mentor] of Object.entries(solution.assignment)) chosen.set(key, [mentor]);
    return { chosen, shortfalls: solution.shortfalls.map((shortfall) => ({ ...shortfall, level: "primary" as const })) };
  }
  const topicCapacity = options.topicCapacity;
  const topicLimit =
    topicCapacity === undefined ? undefined : (topic: string, mentor: string) => topicLimitOf(topicCapacity, topic, functionName) - (poolPins.get(JSON.stringify([mentor, topic])) ?? 0);
  // Mentors of the pairs left out of pruned lists, streamed for the certificates (never held).
  // Where a need's eligible mentors are a leading run of its walk (eligibleIsPrefix), the runs of
  // a walk's needs are nested: a need joins the mentors earlier needs of the pass already joined
  // through the walk's first mentor, and lists only the part of its run beyond theirs. Same groups
  // (LeftOut), and at national size each walk's mentors are listed about once per pass instead of
  // once per need (16 million visits per pass at 5,000 x 12).
  const leftOut: LeftOut | undefined =
    pruning === undefined
      ? undefined
      : () => {
          /** Per walk: how many of its leading members needs of this pass have listed. */
          const listed = new Map<Int32Array, number>();
          return (index, visit) => {
            const need = needs[index] as PreparedNeed;
            if (!pruning.pruned.has(index)) return;
            if (pruning.eligibleIsPrefix(need)) {
              const { members, passing } = pruning.reach(need);
              const done = listed.get(members) ?? 0;
              if (passing === 0) return;
              if (done > 0) visit(pruning.ids[members[0] as number] as string);
              for (let position = done; position < passing; position++) visit(pruning.ids[members[position] as number] as string);
              if (passing > done) listed.set(members, passing);
              return;
            }
            const have = new Set(need.options.map((option) => option.candidate.mentor));
            pruning.eligible(need, (mentor) => {
              if (!have.has(mentor.id)) visit(mentor.id);
            });
          };
        };
  const start = (): FlowModelHandle =>
    startFlowModel(
      needs.map((need) => ({ key: need.key, topic: need.topic, options: solverOptions(need) })),
      capacity,
      options.backups,
      topicLimit,
    );
  // Pools the cheapest lists under-use join the lists before the first solve (spreadLists).
  let previous: CheckedRound | undefined = pruning === undefined ? undefined : spreadLists(needs, pins, capacity, topicLimit, pruning);
  let model = start();
  if (pruning === undefined) return model.result();
  // Each round checks against the current potentials, in full the needs the round before did not
  // clear and by the potentials' changes the others (checkFlowPruned); a round adding nothing is
  // the proof that the pruned lists' optimum is the full lists'.
  for (;;) {
    const duals = model.duals();
    if (duals === undefined) {
      // The exact BigInt fallback keeps no potentials to check with: solve the full lists.
      completeLists(needs, pruning);
      return solveFree(needs, capacity, options, functionName, pins, poolPins);
    }
    const { added, checked } = checkFlowPruned(needs, duals, pruning, previous);
    if (added.length === 0) return model.result(leftOut);
    previous = checked;
    // Warm start: the added pairs join the solved flow, which is repaired from its own potentials.
    let warm = true;
    for (const { index, mentor, cost } of added) if (warm) warm = model.addOption(index, mentor, cost);
    if (!warm) model = start();
  }
}

/**
 * Before the first solve, each pruned need also takes its FLOW_ADDITIONS cheapest pairs into pools
 * its topic's cheapest lists under-use (fewer list entries than slots). The first solve would
 * leave room there, priced at the sink, and the check's first round would add such pairs for most
 * needs; the warm re-solve then had to undo a flow far from the optimum (at 5,000 x 12 with
 * topicCapacity 1, 2.4 s of 9; at 20,000 of one kind, 4.8 s of 13). The search is the check's,
 * against prices that put the under-used pools one tier above every need and leave the others
 * out. Only the lists grow (every pair left out still costs at least its need's cut), so the check
 * still proves the optimum. Returns the round for the check to go on from: its facts per need, no
 * need cleared (these prices are not the solve's).
 */
function spreadLists(needs: readonly PreparedNeed[], pins: ReadonlyMap<string, string>, capacity: ReadonlyMap<string, number>, topicLimit: ((topic: string, mentor: string) => number) | undefined, pruning: Pruning): CheckedRound {
  // List entries per topic and mentor (per mentor across topics without topic limits).
  const entries = new Map<string, Map<string, number>>();
  const ALL_TOPICS = "";
  for (const need of needs) {
    if (pins.has(need.key)) continue;
    const byMentor = innerMap(entries, topicLimit === undefined ? ALL_TOPICS : need.topic);
    for (const option of need.options) byMentor.set(option.candidate.mentor, (byMentor.get(option.candidate.mentor) ?? 0) + 1);
  }
  const underUsed: FlowDuals = {
    need: () => [0, 0, 0],
    pool: (mentor, topic) => {
      const slots = capacity.get(mentor) ?? 0;
      const limit = topicLimit === undefined ? slots : Math.min(slots, topicLimit(topic, mentor));
      const listed = entries.get(topicLimit === undefined ? ALL_TOPICS : topic)?.get(mentor) ?? 0;
      return listed < limit ? [1, 0, 0] : undefined;
    },
  };
  const { checked } = checkFlowPruned(needs, underUsed, pruning, undefined);
  return { ...checked, cleared: new Uint8Array(needs.length) };
}

function extend(need: PreparedNeed, extra: PreparedNeed["options"]): number {
  if (extra.length === 0) return 0;
  need.options.push(...extra);
  need.eligibility.candidates.push(...extra.map((option) => option.candidate));
  return extra.length;
}

/** Every pair a pruned list left out, added (the full problem). */
function completeLists(needs: readonly PreparedNeed[], pruning: Pruning): void {
  for (const index of pruning.pruned.keys()) {
    const need = needs[index] as PreparedNeed;
    const have = new Set(need.options.map((option) => option.candidate.mentor));
    const extra: PreparedNeed["options"] = [];
    pruning.scan(need, (mentor, pair) => {
      if (!have.has(mentor.id)) extra.push(pruning.option(need, candidateOf(mentor.id, pair)));
      return Number.POSITIVE_INFINITY;
    });
    extend(need, extra);
  }
}

/** Improving pairs a need adds per round of the flow check, most negative reduced cost first. */
const FLOW_ADDITIONS = 8;

/** An improving pair found by the check, with its place in the need's walk and its reduced cost by tier. */
interface Improving {
  candidate: Candidate;
  position: number;
  p: number;
  b: number;
  c: number;
}

/** Orders improving pairs: most negative reduced cost by tier first, ties in walk order (as a full scan meets them). */
function compareImproving(x: Improving, p: number, b: number, c: number, position: number): number {
  return x.p - p || x.b - b || x.c - c || x.position - position;
}

/** Pool potentials of one topic by network index (NaN primary: no arc there can carry a unit). */
interface PoolTable {
  primary: Float64Array;
  backup: Float64Array;
  cost: Float64Array;
}

/**
 * What one round of the check leaves for the next: the potentials it checked against, and which
 * needs it cleared (every improving pair of theirs was added, or there was none).
 */
interface CheckedRound {
  tables: Map<string, PoolTable>;
  needPrimary: Float64Array;
  needBackup: Float64Array;
  needCost: Float64Array;
  cleared: Uint8Array;
  /** What the check looks up once per need (the same every round), by need index. */
  facts: (NeedFacts | undefined)[];
}

/** A need's walk, gap line, resource tree and rest of cost, for every round of the check. */
interface NeedFacts {
  members: Int32Array;
  passing: number;
  line: ReturnType<Pruning["gapLine"]>;
  located: ReturnType<Pruning["resourceTree"]>;
  rest: (position: number) => number;
  /** Network indices of the mentors its list holds (the check's additions appended). */
  listed: number[];
}

/**
 * The duality check of the flow model's pruned lists. The solved flow has potentials with every
 * residual arc's reduced cost >= 0 (lexicographically); a pair left out is an arc of zero flow, so
 * when (0, 0, c) + p(need) - p(pool) >= 0 for every pair left out, the same potentials prove the
 * same flow optimal for the full lists (complementary slackness). Pools and mentors that no kept
 * pair reaches are priced as FlowDuals.pool says. A need short of units has dropped some at tier
 * cost (1, 0) or (0, 1), so its potential sits that far below the sink's, and every pair to a
 * mentor with spare room (or room reachable through other needs) has a negative reduced cost.
 * The pairs that could improve are added (at most FLOW_ADDITIONS per need and round, the most
 * negative first) and the caller re-solves, until none could; each round adds a pair of a finite
 * set, so the rounds end.
 *
 * Which pairs a need must look at:
 * - Checked in full: the pools its walk reaches within its gap rule (CandidateScanner.reach), by
 *   tier: every pool of a better tier (any cost can improve), and the pools of its own tier whose
 *   key (cost potential + slope * score, see gapLine) passes the need's threshold; worse tiers never.
 * - Cleared by the round before (`previous`; same tiers for the need): a pair the round before
 *   found not improving has reduced cost (old) + (change of the need's potential) - (change of
 *   the pool's). It can have become negative only if the pool's potential rose more than the
 *   need's, or the pool's tier rose. So only those pools are looked at: after the first rounds,
 *   where most potentials stay, a few per need. A round that adds nothing is the proof.
 */
function checkFlowPruned(needs: readonly PreparedNeed[], duals: FlowDuals, pruning: Pruning, previous: CheckedRound | undefined): { added: { index: number; mentor: string; cost: number }[]; checked: CheckedRound } {
  const count = pruning.institutions;
  const tables = new Map<string, PoolTable>();
  const tableOf = (topic: string): PoolTable => {
    let table = tables.get(topic);
    if (table === undefined) {
      const primary = new Float64Array(count).fill(Number.NaN);
      const backup = new Float64Array(count);
      const cost = new Float64Array(count);
      for (let j = 0; j < count; j++) {
        const potential = duals.pool(pruning.ids[j] as string, topic);
        if (potential === undefined) continue;
        primary[j] = potential[0];
        backup[j] = potential[1];
        cost[j] = potential[2];
      }
      table = { primary, backup, cost };
      tables.set(topic, table);
    }
    return table;
  };
  /**
   * Per topic, by network index, how much a pool's potential rose since the round before: a rise
   * of tier (or from no potential to one) is +Infinity, a fall of tier or no potential now
   * -Infinity (its pairs cannot improve), otherwise the change of the cost potential.
   */
  const risenByTopic = new Map<string, Float64Array>();
  const risenOf = (topic: string, before: PoolTable): Float64Array => {
    let risen = risenByTopic.get(topic);
    if (risen === undefined) {
      const now = tableOf(topic);
      risen = new Float64Array(count).fill(-Number.POSITIVE_INFINITY);
      for (let j = 0; j < count; j++) {
        const p = now.primary[j] as number;
        if (Number.isNaN(p)) continue;
        const q = before.primary[j] as number;
        const b = now.backup[j] as number;
        const c = before.backup[j] as number;
        if (Number.isNaN(q) || p > q || (p === q && b > c)) risen[j] = Number.POSITIVE_INFINITY;
        else if (p === q && b === c) risen[j] = (now.cost[j] as number) - (before.cost[j] as number);
      }
      risenByTopic.set(topic, risen);
    }
    return risen;
  };
  /**
   * Per walk of a scan (the pool of a topic, or of one kind in it): the tiers its pools' potentials
   * take, each with its positions in the walk (best score first), the first of them and its
   * largest cost potential; and each member's position (-1: not in the walk).
   */
  type Level = { primary: number; backup: number; first: number; maxCost: number; positions: number[]; byKey: Map<Float64Array, Map<number, KeyOrder>>; subset?: { of: ResourceTree; tree: ResourceTree; risenNodes?: Float64Array } };
  type Walk = { levels: Level[]; positionOf: Int32Array; risenNodes?: Float64Array; largestRise?: number };
  /** By topic, then by walk (a walk's pools are priced per topic). */
  const walksByTopic = new Map<string, Map<Int32Array, Walk>>();
  const walkOf = (topic: string, members: Int32Array): Walk => {
    const walks = innerMap(walksByTopic, topic);
    let walk = walks.get(members);
    if (walk === undefined) {
      const table = tableOf(topic);
      const levels: Level[] = [];
      const positionOf = new Int32Array(count).fill(-1);
      members.forEach((j, position) => {
        positionOf[j] = position;
        const primary = table.primary[j] as number;
        if (Number.isNaN(primary)) return;
        const backup = table.backup[j] as number;
        const cost = table.cost[j] as number;
        let level = levels.find((entry) => entry.primary === primary && entry.backup === backup);
        if (level === undefined) {
          level = { primary, backup, first: position, maxCost: cost, positions: [], byKey: new Map() };
          levels.push(level);
        } else if (cost > level.maxCost) level.maxCost = cost;
        level.positions.push(position);
      });
      walk = { levels, positionOf };
      walks.set(members, walk);
    }
    return walk;
  };
  /** A level's positions by key (cost potential + slope * score), largest first; once per level and slope. */
  const keyOrderOf = (level: Level, members: Int32Array, table: PoolTable, slope: number, scores: Float64Array): KeyOrder => {
    // By the scores' array (one per walk and period) and the slope (one per mentee kind).
    const bySlope = innerMap(level.byKey, scores);
    let order = bySlope.get(slope);
    if (order === undefined) {
      const keys = level.positions.map((position) => (table.cost[members[position] as number] as number) + slope * (scores[position] as number));
      const sorted = level.positions.map((_, k) => k).sort((a, b) => ascending(keys[b] as number, keys[a] as number) || a - b);
      order = { positions: Int32Array.from(sorted, (k) => level.positions[k] as number), keys: Float64Array.from(sorted, (k) => keys[k] as number) };
      bySlope.set(slope, order);
    }
    return order;
  };
  /** A level's tree over its own positions, made from its walk's tree once per round. */
  const subsetTreeOf = (level: Level, walkTree: ResourceTree): NonNullable<Level["subset"]> => {
    if (level.subset?.of !== walkTree) level.subset = { of: walkTree, tree: walkTree.subset(level.positions) };
    return level.subset;
  };
  /** The resource tree's nodes to open, by bound (reused by every need). */
  const nodes = new MinHeap();
  const total = needs.length;
  const facts = previous?.facts ?? new Array<NeedFacts | undefined>(total);
  const checked: CheckedRound = { tables, needPrimary: new Float64Array(total), needBackup: new Float64Array(total), needCost: new Float64Array(total), cleared: new Uint8Array(total), facts };
  const added: { index: number; mentor: string; cost: number }[] = [];
  /** listedStamp[j] === stamp: mentor j (network index) is in the list of the need being checked. */
  const listedStamp = new Int32Array(count);
  let stamp = 0;
  for (const [index, cut] of pruning.pruned) {
    const need = needs[index] as PreparedNeed;
    const table = tableOf(need.topic);
    const [np, nb, nc] = duals.need(index);
    checked.needPrimary[index] = np;
    checked.needBackup[index] = nb;
    checked.needCost[index] = nc;
    let known = facts[index];
    if (known === undefined) {
      const { members, passing } = pruning.reach(need);
      const line = pruning.gapLine(need);
      const listed = pruning.listed.get(index) ?? need.options.map((option) => pruning.indexOf(option.candidate.mentor));
      known = { members, passing, line, located: line !== undefined && pruning.similarity > 0 ? pruning.resourceTree(need) : undefined, rest: pruning.restOfCost(need), listed };
      facts[index] = known;
    }
    const { members, passing, line, located, rest, listed } = known;
    const walk = walkOf(need.topic, members);
    const before = previous !== undefined && previous.cleared[index] === 1 && previous.needPrimary[index] === np && previous.needBackup[index] === nb ? previous.tables.get(need.topic) : undefined;
    // A need the round before cleared: a pair it found not improving can have become improving
    // only if its pool's potential rose more than the need's (see above). Potentials are exact
    // sums of grid costs (docs/decisions.md), so the rises compare exactly.
    const risen = before === undefined ? undefined : risenOf(need.topic, before);
    const needRise = nc - (previous?.needCost[index] ?? 0);
    if (risen !== undefined) {
      // No pool of the walk rose more than the need: nothing it found not improving can improve now
      // (in the last round, where the re-solve moved nothing, every need; one look per walk).
      if (walk.largestRise === undefined) {
        let largest = -Number.POSITIVE_INFINITY;
        for (const j of members) largest = Math.max(largest, risen[j] as number);
        walk.largestRise = largest;
      }
      if (!(walk.largestRise > needRise)) {
        checked.cleared[index] = 1;
        continue;
      }
    }
    // Pairs already in the list are skipped (a used one can have a negative reduced cost); they are
    // marked at the first improving pair only, as most needs find none.
    let marked = false;
    /** Improving pairs found. */
    let found = 0;
    /** The FLOW_ADDITIONS best of them, best first (most negative by tier, ties in walk order). */
    const best: Improving[] = [];
    const visit: CandidateVisitor = (mentor, pair, j) => {
      const qp = table.primary[j] as number;
      if (Number.isNaN(qp)) return Number.POSITIVE_INFINITY;
      // Reduced cost (0, 0, c) + p(need) - p(pool), compared tier by tier; the cost as c < p(pool) - p(need) (exact).
      const rp = np - qp;
      const rb = nb - (table.backup[j] as number);
      const room = (table.cost[j] as number) - nc;
      const c = onGrid(pair.cost, pruning.step);
      if (rp < 0 || (rp === 0 && (rb < 0 || (rb === 0 && c < room)))) {
        if (!marked) {
          stamp++;
          for (const k of listed) listedStamp[k] = stamp;
          marked = true;
        }
        if (listedStamp[j] !== stamp) {
          found++;
          const position = walk.positionOf[j] as number;
          const rc = c - room;
          // Kept only if among the best so far (no object for the others).
          let at = best.length;
          while (at > 0 && compareImproving(best[at - 1] as Improving, rp, rb, rc, position) > 0) at--;
          if (at < FLOW_ADDITIONS) {
            best.splice(at, 0, { candidate: candidateOf(mentor.id, pair), position, p: rp, b: rb, c: rc });
            if (best.length > FLOW_ADDITIONS) best.length = FLOW_ADDITIONS;
          }
        }
      }
      return Number.POSITIVE_INFINITY;
    };
    // The scanner skips pairs that cannot improve before calling the visitor (its exact test decides the rest).
    const filter: ReducedCostFilter = { primary: table.primary, backup: table.backup, cost: table.cost, need: [np, nb, nc], limit: Number.POSITIVE_INFINITY, step: pruning.step };
    let cutShort = false;
    /** Positions that may improve but were not visited (they cannot beat the best found). */
    let skipped = 0;
    const positions: number[] = [];
    const consider = (position: number): void => {
      if (position < passing && (risen === undefined || (risen[members[position] as number] as number) > needRise)) positions.push(position);
    };
    if (line === undefined) {
      // A negative similarity or group weight: no lower bound of a pair's cost but the scan's own.
      let bound = -Number.POSITIVE_INFINITY;
      for (const level of walk.levels) {
        if (level.first >= passing) continue;
        if (level.primary > np || (level.primary === np && level.backup > nb)) bound = Number.POSITIVE_INFINITY;
        else if (level.primary === np && level.backup === nb) bound = Math.max(bound, level.maxCost - nc);
      }
      // Every pair left out costs at least the cut: none can improve when the cut reaches the bound.
      if (cut < bound && risen !== undefined) {
        for (let position = 0; position < passing; position++) consider(position);
        pruning.visitAt(need, positions, visit, filter);
      } else if (cut < bound) {
        pruning.scan(need, visit, filter);
      }
    } else {
      // Improving pairs go into a pool of a better tier (any cost), or of the need's own tier with
      // c < cost potential(pool) - nc. Every cost is at least intercept - slope * score (gapLine),
      // so a pair's reduced cost c - (cost potential(pool) - nc) is at least threshold - key, with
      // key = cost potential(pool) + slope * score and threshold = nc + intercept, plus the rest of
      // its cost (distance and group terms, restOfCost). Only the FLOW_ADDITIONS best are added,
      // so each level (a tier of pools) is searched for those, best tier first, and the search
      // ends once no position left can enter them. At national size a need can have thousands of
      // improving pairs in better tiers (pools with room after the first solve); visiting them all
      // was most of the check.
      const levels: Level[] = [];
      let ownLevel: Level | undefined;
      for (const level of walk.levels) {
        if (level.first >= passing) continue;
        if (level.primary > np || (level.primary === np && level.backup > nb)) levels.push(level);
        else if (level.primary === np && level.backup === nb) ownLevel = level;
      }
      levels.sort((x, y) => y.primary - x.primary || y.backup - x.backup);
      if (ownLevel !== undefined) levels.push(ownLevel);
      const threshold = nc + line.intercept;
      for (const level of levels) {
        const own = level === ownLevel;
        const rp = np - level.primary;
        const rb = nb - level.backup;
        /** Whether the best found are all better than any pair of this level with this estimate (lower bound of its reduced cost at the level's tier). */
        const beaten = (estimate: number): boolean => {
          if (best.length < FLOW_ADDITIONS) return false;
          const worst = best[FLOW_ADDITIONS - 1] as Improving;
          return worst.p < rp || (worst.p === rp && (worst.b < rb || (worst.b === rb && estimate > worst.c)));
        };
        if (beaten(-Number.POSITIVE_INFINITY)) {
          cutShort = true;
          break;
        }
        const order = keyOrderOf(level, members, table, line.slope, line.scores);
        const scale = Math.abs(threshold) + Math.abs(line.intercept) + Math.max(Math.abs(order.keys[0] ?? 0), Math.abs(order.keys[order.keys.length - 1] ?? 0));
        // The margin covers the grid (a cost is rounded by at most half a step) and the rounding of
        // the two ways of computing the gap term; the tolerance adds the distance term's.
        const margin = pruning.step + 1e-9 * scale;
        /**
         * Tests a position as the scan would price it, from its key and the rest of its cost: one
         * that cannot improve (own tier) is passed over, one that cannot enter the best found is
         * counted (`skipped`: the need is then not cleared) but not visited, the rest are queued
         * for visitAt, where the scan decides exactly.
         */
        const test = (position: number, key: number): void => {
          if (position >= passing || (risen !== undefined && !((risen[members[position] as number] as number) > needRise))) return;
          // The rest of a cost is never negative (gapLine's weights): a key that fails without it
          // fails with it, and the distance is not computed. In the need's own tier a position
          // may still fail by its rest (cannot improve, not counted), so only the better tiers
          // count a skip from the key alone (counted there, the need was left uncleared; review).
          const bare = threshold - key;
          if (own && bare > margin) return;
          if (!own && beaten(bare - margin)) {
            skipped++;
            return;
          }
          const extra = rest(position);
          const tolerance = margin + 1e-9 * Math.abs(extra);
          const estimate = bare + extra;
          if (own && estimate > tolerance) return;
          if (beaten(estimate - tolerance)) skipped++;
          else positions.push(position);
        };
        positions.length = 0;
        if (located !== undefined) {
          // Through the resource tree (resourceTree.ts): a node is opened only when the largest key
          // under it, less similarity * the distance to its box, can still improve (own tier) and
          // enter the best found; nodes with the smallest such bound first.
          const { query, group } = located;
          // A tier of few pools (those with room after a solve, the spread's under-used ones) is
          // searched in a tree of its own pools: their boxes alone bound them, and the search
          // does not descend through the other pools' nodes.
          const subset = 2 * level.positions.length < members.length ? subsetTreeOf(level, located.tree) : undefined;
          const tree = subset?.tree ?? located.tree;
          const { keyAt, nodeKeys } = treeKeysOf(order, members.length, tree);
          const risenNodes = risen === undefined ? undefined : risenNodesOf(subset ?? walk, tree, members, risen);
          const { similarity, group: groupWeight } = pruning;
          // A node's bound: the smallest estimate any position under it can have (the distance to
          // its box, and the group term where every mentor under it is of another group or none),
          // less the tolerance's share of the rest of the cost (1e-9 of it, doubled for the
          // roundings here).
          // Infinity: no position under the node is looked at (none in the level, past the gap
          // rule's run, or none risen enough).
          const boundOf = (node: number): number => {
            const largest = nodeKeys[node] as number;
            if (largest === -Number.POSITIVE_INFINITY || (tree.firstPosition[node] as number) >= passing) return Number.POSITIVE_INFINITY;
            if (risenNodes !== undefined && !((risenNodes[node] as number) > needRise)) return Number.POSITIVE_INFINITY;
            const nodeGroup = tree.group[node] as number;
            const apart = nodeGroup === -1 || (nodeGroup >= 0 && nodeGroup !== group) ? groupWeight : 0;
            return threshold - largest + (1 - 2e-9) * (similarity * boxDistance(tree, node, query) + apart);
          };
          const always = (): boolean => true;
          const enters = (bound: number): boolean => !((own && bound - 2 * margin > 0) || beaten(bound - 2 * margin));
          const queue = (bound: number, node: number): void => nodes.push(bound, node);
          nodes.clear();
          const rootBound = boundOf(tree.root);
          if (rootBound !== Number.POSITIVE_INFINITY) nodes.push(rootBound, tree.root);
          while (nodes.size > 0) {
            const bound = nodes.topKey() - 2 * margin;
            // No position left can improve: every improving pair of the level was visited.
            if (own && bound > 0) break;
            if (beaten(bound)) {
              cutShort = true;
              break;
            }
            // Down through the child with the smaller bound while this loop's two tests would let
            // it through now, the other child queued; a near child they would stop is queued too,
            // for the tests above to decide as before. Every node is thus visited or queued, and the
            // search ends on the same tests (half the queue's work at national size).
            const node = descendNearest(tree, nodes.pop(), boundOf, always, enters, queue);
            if (node < 0) continue;
            for (let k = tree.start[node] as number; k < (tree.end[node] as number); k++) {
              const position = tree.order[k] as number;
              const key = keyAt[position] as number;
              if (key !== -Number.POSITIVE_INFINITY) test(position, key);
            }
            if (positions.length > 0) pruning.visitAt(need, positions, visit, filter);
            positions.length = 0;
          }
        } else {
          // By key, largest first (a lower bound of the reduced cost that ignores the distance),
          // in chunks (growing, to keep the calls few); between chunks the read ends once no
          // later position can improve (own tier) or enter the best found (keys only fall).
          let k = 0;
          let chunk = 16;
          while (k < order.keys.length) {
            const bound = threshold - (order.keys[k] as number) - margin;
            if (own && bound > 0) break;
            if (beaten(bound)) {
              cutShort = true;
              break;
            }
            const end = Math.min(order.keys.length, k + chunk);
            for (; k < end && (!own || (order.keys[k] as number) >= threshold - margin); k++) test(order.positions[k] as number, order.keys[k] as number);
            if (positions.length > 0) pruning.visitAt(need, positions, visit, filter);
            positions.length = 0;
            chunk = Math.min(chunk * 2, 1024);
          }
        }
        if (cutShort) break;
      }
    }
    if (!cutShort && found + skipped <= FLOW_ADDITIONS) checked.cleared[index] = 1;
    if (best.length === 0) continue;
    const extra = best.map((entry) => pruning.option(need, entry.candidate));
    extend(need, extra);
    for (const entry of best) listed.push(members[entry.position] as number);
    for (const option of extra) added.push({ index, mentor: option.mentor, cost: option.cost });
  }
  return { added, checked };
}

