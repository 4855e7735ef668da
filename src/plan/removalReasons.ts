/**
 * The removal reasons of explanations, split by what they depend on. Of the rules that remove a
 * candidate mentor (EligibilityContext.evaluate tests them in this order: different kind, topic not
 * for the kind, no score, not a high performer, gap too small, group rule, resources too different,
 * excluded), the first four depend on the topic's rules and the mentee's kind only, not on the
 * mentee. They are computed once per prepared topic and mentee kind, for every institution, with
 * their counts and where each reason is first met in network order; an uncovered need then tests
 * only the institutions that pass them (its "walk", best score first) against the mentee's own
 * rules, and of those only the leading run that beats the mentee's score (the gap rule holds for a
 * prefix of a best-first walk). At national scale that is a few hundred mentors per need instead of
 * every institution (docs/decisions.md, "Uncovered needs explained from mentee-independent reason tables").
 */

/**
 * The removal reasons (eligibility.ts's RemovalReason) by index, in evaluate's order of testing:
 * explanations count them in typed arrays. (Spelled here, not imported, so the two files form no
 * import cycle; eligibility.ts types this list as RemovalReason[].)
 */
export const REMOVAL_REASON_NAMES = ["is-the-mentee", "different-kind", "topic-not-for-kind", "no-score", "not-high-performer", "gap-too-small", "group-rule", "resources-too-different", "excluded"] as const;
export const DIFFERENT_KIND = 1;
export const TOPIC_NOT_FOR_KIND = 2;
export const NO_SCORE = 3;
export const NOT_HIGH_PERFORMER = 4;
export const GAP_TOO_SMALL = 5;
export const GROUP_RULE = 6;
export const RESOURCES_TOO_DIFFERENT = 7;
export const EXCLUDED = 8;

/** No institution (a first index): larger than every network index. */
export const NONE = 0x7fffffff;

/** The mentee-independent facts of one topic (prepared with its rules) for mentees of one kind. */
export interface MenteeIndependentReasons {
  /** Per network index: the first mentee-independent rule that removes it (DIFFERENT_KIND .. NOT_HIGH_PERFORMER), or -1 when none does. */
  readonly reason: Int8Array;
  /** Per reason index: how many institutions it removes, and the first two of them in network order (NONE: no such). */
  readonly count: Int32Array;
  readonly first: Int32Array;
  readonly second: Int32Array;
  /** The institutions no such rule removes (network indices), best score first, ties in network order: a need's walk. */
  readonly walk: Int32Array;
  /** Their scores, in walk order. */
  readonly walkScore: Float64Array;
  /** The same institutions in network order, and each one's position in the walk. */
  readonly members: Int32Array;
  readonly rank: Int32Array;
  /** The smallest and second smallest network index among walk[p ..] (NONE: no such), for p = 0 .. walk.length. */
  readonly suffixFirst: Int32Array;
  readonly suffixSecond: Int32Array;
}

/** What the mentee-independent rules read, by network index. */
export interface MenteeIndependentInput {
  /** Kind id of each institution. */
  readonly kindOf: Int32Array;
  /** The mentee's kind id when the rules require the same kind (sameKind), else undefined. */
  readonly menteeKind: number | undefined;
  /** 1 for kinds the topic applies to (undefined: every kind). */
  readonly topicKinds: Uint8Array | undefined;
  /** Scores (hasScore 0: none). */
  readonly score: Float64Array;
  readonly hasScore: Uint8Array;
  /** High-performer flags (undefined: every scored institution may mentor, as under the margin rule). */
  readonly performer: Uint8Array | undefined;
  /** 1 when a higher score is better. */
  readonly sign: 1 | -1;
  /**
   * The topic's possible mentors (network indices) best first, ties in network order, when known
   * (CandidateScanner's pool): the walk is then taken from it instead of sorted again.
   */
  readonly bestFirst: Int32Array | undefined;
}

/**
 * Every institution's mentee-independent removal reason, tested in evaluate's order, with the
 * counts, first occurrences and the best-first walk of those that pass. O(n) for n institutions,
 * plus a sort of the walk when no best-first order is given (or it misses one of them).
 */
export function menteeIndependentReasons(input: MenteeIndependentInput): MenteeIndependentReasons {
  const { kindOf, menteeKind, topicKinds, score, hasScore, performer, sign, bestFirst } = input;
  const count = kindOf.length;
  const reason = new Int8Array(count);
  const counts = new Int32Array(REMOVAL_REASON_NAMES.length);
  const first = new Int32Array(REMOVAL_REASON_NAMES.length).fill(NONE);
  const second = new Int32Array(REMOVAL_REASON_NAMES.length).fill(NONE);
  let passing = 0;
  for (let j = 0; j < count; j++) {
    const kind = kindOf[j] as number;
    let r = -1;
    if (menteeKind !== undefined && kind !== menteeKind) r = DIFFERENT_KIND;
    else if (topicKinds !== undefined && topicKinds[kind] !== 1) r = TOPIC_NOT_FOR_KIND;
    else if (hasScore[j] !== 1) r = NO_SCORE;
    else if (performer !== undefined && performer[j] !== 1) r = NOT_HIGH_PERFORMER;
    reason[j] = r;
    if (r < 0) {
      passing++;
      continue;
    }
    if (counts[r] === 0) first[r] = j;
    else if (counts[r] === 1) second[r] = j;
    counts[r] = (counts[r] as number) + 1;
  }
  let walk = new Int32Array(passing);
  let at = 0;
  if (bestFirst !== undefined) {
    for (let p = 0; p < bestFirst.length && at < passing; p++) {
      const j = bestFirst[p] as number;
      if (reason[j] === -1) walk[at++] = j;
    }
  }
  if (at !== passing) {
    // Best first; Array.prototype.sort is stable, so ties stay in network order (the pool's order).
    const kept: number[] = [];
    for (let j = 0; j < count; j++) if (reason[j] === -1) kept.push(j);
    kept.sort((a, b) => sign * ((score[b] as number) - (score[a] as number)));
    walk = Int32Array.from(kept);
  }
  const walkScore = new Float64Array(passing);
  const rankOf = new Int32Array(count);
  for (let p = 0; p < passing; p++) {
    const j = walk[p] as number;
    walkScore[p] = score[j] as number;
    rankOf[j] = p;
  }
  const members = walk.slice().sort();
  const rank = new Int32Array(passing);
  for (let m = 0; m < passing; m++) rank[m] = rankOf[members[m] as number] as number;
  const suffixFirst = new Int32Array(passing + 1).fill(NONE);
  const suffixSecond = new Int32Array(passing + 1).fill(NONE);
  for (let p = passing - 1; p >= 0; p--) {
    const j = walk[p] as number;
    const smallest = suffixFirst[p + 1] as number;
    suffixFirst[p] = Math.min(j, smallest);
    suffixSecond[p] = j < smallest ? smallest : Math.min(j, suffixSecond[p + 1] as number);
  }
  return { reason, count: counts, first, second, walk, walkScore, members, rank, suffixFirst, suffixSecond };
}

/**
 * How many leading mentors of a best-first walk pass the gap rule against the mentee's score
 * (evaluate's test: the gap, sign * (mentor - mentee), must be above 0 and at least `required`).
 * The gap never grows along the walk (a rounded difference is monotone in the mentor's score), so
 * the passing mentors are a prefix, found by bisection.
 */
export function gapPassingPrefix(walkScore: Float64Array, menteeScore: number, sign: 1 | -1, required: number): number {
  let low = 0;
  let high = walkScore.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const gap = sign * ((walkScore[middle] as number) - menteeScore);
    if (gap <= 0 || gap < required) high = middle;
    else low = middle + 1;
  }
  return low;
}
