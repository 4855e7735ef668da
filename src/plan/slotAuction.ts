/**
 * A starting assignment for the flow model's simplex where many needs must stay uncovered: an
 * auction in which the mentors' slots bid for needs (Bertsekas 1988, "The auction algorithm: a
 * distributed relaxation method for the assignment problem"; slots as the bidding side, as for
 * asymmetric problems in Bertsekas & Castanon 1992), a mentor's free slots bidding together
 * (similar persons: Bertsekas & Castanon 1989).
 *
 * Why the slots bid: the needs outnumber the slots (at 5,000 x 12, 19,976 needs for 14,901 slots).
 * When needs bid (stop 14's attempt), those that must stay uncovered keep bidding and prices climb
 * against them. When slots bid, a need's price rises only while slots compete for it; a need no
 * slot wants is never bid for and keeps price 0, the least, which is what optimality asks of an
 * uncovered need in an asymmetric problem; and a slot stops when no need is worth its price. One
 * phase from zero prices, no epsilon-scaling: carrying prices into a new phase leaves needs that
 * were bid up and then dropped at prices no slot pays, which broke the start (measured: a flow
 * 14% costlier than the optimum).
 *
 * Each pair is worth COVER_SHARE ranges of cost minus its cost above the cheapest, so covering a
 * need is worth more than any single cost difference; a bid raises its need's price to where the
 * slot's next best option (another need, or staying free at 0) is as good, plus epsilon. At the
 * end every slot holds a need within epsilon of its best (epsilon-complementary slackness), so the
 * assignment's cost is within (slots x epsilon) of the optimum for its coverage.
 *
 * Backups and per-topic limits: a need is `units` objects (its primary, then its backups), the
 * primary worth BACKUP_SHARE more than a backup so that covering comes before backing up, and a
 * mentor holds at most one unit of a need; a slot passes over pairs whose pool (the mentor's
 * per-topic limit) is full. The bound above then holds without limits; with them a slot cannot
 * trade a need of a full pool for a better one of the same pool, and the start is only close.
 *
 * Only a start: the simplex proves, and repairs to, the lexicographic optimum from whatever this
 * returns, so the auction may stop early. It does, after WORK_PER_PAIR list entries per pair
 * (and WORK_FLOOR; price wars where many slots want few needs), returning the assignment it has.
 * Each entry read costs O(units): flowModel.ts runs it for at most MAX_AUCTION_UNITS units.
 * The budget is what a local price war can waste: 1,000 one-slot mentors wanting the same 200
 * needs beside 3,000 needs of 20 mentors (260,000 pairs) solved 0.15 s (costs 0) to 0.4 s (random
 * costs) slower than from the greedy start, and twice that with backups and topic limits at
 * 520,000 pairs (adversarial review).
 */

/** Slots by mentor and the pairs each may take, flat. */
export interface SlotAuctionProblem {
  needCount: number;
  mentorCount: number;
  /** Slots per mentor (whole numbers >= 0). */
  slots: Int32Array;
  /** Pairs of mentor m are pairStart[m] .. pairStart[m + 1] - 1: their need and cost (lower is better). One pair per need and mentor. */
  pairStart: Int32Array;
  pairNeed: Int32Array;
  pairCost: Float64Array;
  /** Units a need takes, from distinct mentors: 1 + backups (default 1). */
  units?: number;
  /** Per-topic limits: each pair's pool and each pool's limit (default: none). */
  pairPool?: Int32Array;
  poolLimit?: Float64Array;
}

export interface SlotAuctionResult {
  /** Per need and unit (need * units + unit, the primary first): the pair holding it (an index into the problem's pairs), or -1. */
  unitPair: Int32Array;
  /** False when the auction stopped on its work budget (slots may be free that a need would take). */
  complete: boolean;
  /** List entries read, for the benchmark's counts. */
  work: number;
  /**
   * Dual values, complete or not: each unit's price (as unitPair), and a pair's worth for a unit is
   * cover[unit] less its cost above `lowest` (a slot holding a unit profits its worth less the
   * unit's price; a free slot 0).
   */
  price: Float64Array;
  cover: Float64Array;
  lowest: number;
}

/** A pair's worth is COVER_SHARE cost ranges less its cost above the cheapest pair's. */
export const COVER_SHARE = 4;
/** A primary is worth this many cost ranges more than a backup. */
export const BACKUP_SHARE = 4;
/**
 * Epsilon as a share of the cost range. At 5,000 x 12 (the first solve's 480,000 pairs): 1/50
 * gave a start 0.6% over the optimum and 81,000 pivots after it, 1/100 0.2% and 56,000, 1/200
 * 0.07% and 45,500, 1/500 0.01% and 38,400 (37,000 from the optimum itself, whose tree is still
 * the one-pass startingTree's) while the auction read 6.0, 9.2 and 20 million list entries.
 */
export const EPSILON_SHARE = 1 / 200;
/**
 * List entries the auction may read per pair before it stops (19 at 5,000 x 12), beyond a floor
 * that lets small problems finish (a price war among a few slots takes up to about
 * COVER_SHARE / EPSILON_SHARE bids per need).
 */
export const WORK_PER_PAIR = 40;
export const WORK_FLOOR = 1_000_000;
/** At most this many of a mentor's free slots bid in one turn. */
const MAX_BIDS = 8;

export function slotAuction(problem: SlotAuctionProblem): SlotAuctionResult {
  const { needCount, mentorCount, slots, pairStart, pairNeed, pairCost } = problem;
  const units = problem.units ?? 1;
  const pairPool = problem.pairPool;
  const poolLimit = problem.poolLimit;
  const pairCount = pairStart[mentorCount] as number;
  const unitPair = new Int32Array(needCount * units).fill(-1);
  const price = new Float64Array(needCount * units);
  let lowest = Number.POSITIVE_INFINITY;
  let highest = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < pairCount; k++) {
    const cost = pairCost[k] as number;
    if (cost < lowest) lowest = cost;
    if (cost > highest) highest = cost;
  }
  if (pairCount === 0) return { unitPair, complete: true, work: 0, price, cover: new Float64Array(units), lowest: 0 };
  // Equal costs (a range of 0), or a range so small that epsilon would round to 0 (subnormal
  // costs; adversarial review: prices stopped rising and ties ran to the budget): any positive
  // scale, every pair then worth about the same.
  const range = highest - lowest;
  const scale = range > 0 && EPSILON_SHARE * range > 0 ? range : 1;
  const cover = Float64Array.from({ length: units }, (_, unit) => (COVER_SHARE + (unit === 0 && units > 1 ? BACKUP_SHARE : 0)) * scale);
  const epsilon = EPSILON_SHARE * scale;
  const owner = new Int32Array(pairCount);
  for (let m = 0; m < mentorCount; m++) owner.fill(m, pairStart[m] as number, pairStart[m + 1] as number);
  const held = new Int32Array(mentorCount);
  const poolHeld = poolLimit === undefined ? undefined : new Float64Array(poolLimit.length);
  // Mentors with free slots that may still bid, first in first out (a ring of mentorCount).
  const queue = new Int32Array(Math.max(1, mentorCount));
  const queued = new Uint8Array(mentorCount);
  let head = 0;
  let size = 0;
  const enqueue = (m: number): void => {
    queue[(head + size) % mentorCount] = m;
    size++;
    queued[m] = 1;
  };
  for (let m = 0; m < mentorCount; m++) if ((slots[m] as number) > 0 && (pairStart[m + 1] as number) > (pairStart[m] as number)) enqueue(m);
  // A turn's best `free + 1` pairs: the pair, the unit of its need bid for, its value, and the
  // value of the need's next best unit (an alternative for that slot too).
  const topPair = new Int32Array(MAX_BIDS + 1);
  const topUnit = new Int32Array(MAX_BIDS + 1);
  const topValue = new Float64Array(MAX_BIDS + 1);
  const topNext = new Float64Array(MAX_BIDS + 1);
  const budget = WORK_FLOOR + WORK_PER_PAIR * pairCount;
  let work = 0;
  while (size > 0) {
    if (work > budget) return { unitPair, complete: false, work, price, cover, lowest };
    const m = queue[head] as number;
    head = head + 1 === mentorCount ? 0 : head + 1;
    size--;
    queued[m] = 0;
    const free = Math.min(MAX_BIDS, (slots[m] as number) - (held[m] as number));
    let found = 0;
    const first = pairStart[m] as number;
    const last = pairStart[m + 1] as number;
    work += last - first;
    for (let k = first; k < last; k++) {
      if (poolHeld !== undefined && (poolHeld[pairPool?.[k] as number] as number) >= (poolLimit?.[pairPool?.[k] as number] as number)) continue;
      const base = (pairNeed[k] as number) * units;
      // The need's best and next best unit by worth less price; none if this mentor holds one.
      let unit = -1;
      let best = Number.NEGATIVE_INFINITY;
      let next = Number.NEGATIVE_INFINITY;
      for (let u = 0; u < units; u++) {
        const holder = unitPair[base + u] as number;
        if (holder >= 0 && owner[holder] === m) {
          unit = -2;
          break;
        }
        const value = (cover[u] as number) - (price[base + u] as number);
        if (value > best) {
          next = best;
          best = value;
          unit = u;
        } else if (value > next) next = value;
      }
      if (unit < 0) continue;
      const above = (pairCost[k] as number) - lowest;
      const value = best - above;
      if (found > free && !(value > (topValue[free] as number))) continue;
      let at = found > free ? free : found++;
      while (at > 0 && value > (topValue[at - 1] as number)) {
        topValue[at] = topValue[at - 1] as number;
        topPair[at] = topPair[at - 1] as number;
        topUnit[at] = topUnit[at - 1] as number;
        topNext[at] = topNext[at - 1] as number;
        at--;
      }
      topValue[at] = value;
      topPair[at] = k;
      topUnit[at] = unit;
      topNext[at] = next - above;
    }
    // Each slot's next best: the first pair not bid for, its need's next unit, or staying free (0).
    const threshold = found > free ? Math.max(0, topValue[free] as number) : 0;
    let placed = false;
    for (let b = 0; b < Math.min(found, free); b++) {
      const value = topValue[b] as number;
      // Not worth its price: this slot and the ones after it stay free (prices only rise).
      if (value < 0) break;
      const k = topPair[b] as number;
      // Two of the turn's pairs in a pool with room for one: the second waits for the next turn.
      if (poolHeld !== undefined && (poolHeld[pairPool?.[k] as number] as number) >= (poolLimit?.[pairPool?.[k] as number] as number)) continue;
      const at = (pairNeed[k] as number) * units + (topUnit[b] as number);
      price[at] = (price[at] as number) + value - Math.max(threshold, topNext[b] as number) + epsilon;
      const previous = unitPair[at] as number;
      unitPair[at] = k;
      held[m] = (held[m] as number) + 1;
      if (poolHeld !== undefined) poolHeld[pairPool?.[k] as number] = (poolHeld[pairPool?.[k] as number] as number) + 1;
      placed = true;
      if (previous >= 0) {
        const loser = owner[previous] as number;
        held[loser] = (held[loser] as number) - 1;
        if (poolHeld !== undefined) poolHeld[pairPool?.[previous] as number] = (poolHeld[pairPool?.[previous] as number] as number) - 1;
        if (!queued[loser]) enqueue(loser);
      }
    }
    // Slots still free bid again next turn if this one placed any (otherwise nothing is worth it).
    if (placed && (held[m] as number) < (slots[m] as number) && !queued[m]) enqueue(m);
  }
  return { unitPair, complete: true, work, price, cover, lowest };
}
