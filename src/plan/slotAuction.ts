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
 * Only a start: the simplex proves, and repairs to, the lexicographic optimum from whatever this
 * returns, so the auction may stop early. It does, after WORK_PER_PAIR list entries per pair
 * (and WORK_FLOOR; price wars where many slots want few needs), returning the assignment it has.
 * The budget is what a local price war can waste: 1,000 one-slot mentors wanting the same 200
 * needs beside 3,000 needs of 20 mentors (260,000 pairs) solved 0.15 s (costs 0) to 0.4 s (random
 * costs) slower than from the greedy start (adversarial review).
 *
 * Not for backups or per-topic limits (flowModel.ts): with a need's units as objects and pairs of
 * full pools passed over, the first solve at 5,000 x 12 made 42,674 pivots instead of 210,521
 * (`backups: 1`) and 41,662 instead of 136,655 (`topicCapacity: 1`), but the plans were no
 * faster in alternating runs (medians 8.90 -> 8.57 s and 11.56 -> 12.20 s), and the code took the
 * core's ES module build past its 300 KB goal (docs/decisions.md).
 */

import type { AssignmentArrays } from "./assignmentPaths.js";

export interface SlotAuctionResult {
  /** Per need: the edge (pair) it is assigned by, or -1. */
  needEdge: Int32Array;
  /** False when the auction stopped on its work budget (slots may be free that a need would take). */
  complete: boolean;
  /** List entries read, for the benchmark's counts. */
  work: number;
  /**
   * Dual values, complete or not: each need's price, and each edge's worth is `cover` less its cost
   * above `lowest` (a slot holding an edge profits its worth less its need's price; a free one 0).
   */
  price: Float64Array;
  cover: number;
  lowest: number;
}

/** A pair's worth is COVER_SHARE cost ranges less its cost above the cheapest pair's. */
export const COVER_SHARE = 4;
/**
 * Epsilon as a share of the cost range. At 5,000 x 12 (the first solve's 480,000 pairs): 1/50
 * gave a start 0.6% over the optimum and 81,000 pivots after it, 1/100 0.2% and 56,000, 1/200
 * 0.07% and 45,500, 1/500 0.01% and 38,400 (37,000 from the optimum itself with the one-pass
 * startingTree), measured with that tree; the auction read 6.0 million list entries at 1/100 and
 * 9.2 million at 1/200, more as epsilon shrinks.
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

/** The auction on the assignment arrays (assignmentPaths.ts): mentors' slots are `capacity`, one edge per need and mentor. */
export function slotAuction(problem: AssignmentArrays): SlotAuctionResult {
  const { needCount, mentorCount, capacity: slots, mentorStart, mentorEdges, edgeNeed, edgeCost } = problem;
  const edgeCount = edgeCost.length;
  // Each mentor's edges' needs and costs side by side (read through mentorEdges the auction took
  // three times as long at 5,000 x 12: cache misses); per need, the position held and its mentor.
  // A loop: TypedArray.from with a mapping function calls it per entry, ten times slower in Node 20
  // (110 of the 400 ms this auction took at 5,000 x 12).
  const pairNeed = new Int32Array(edgeCount);
  const pairCost = new Float64Array(edgeCount);
  for (let x = 0; x < edgeCount; x++) {
    const k = mentorEdges[x] as number;
    pairNeed[x] = edgeNeed[k] as number;
    pairCost[x] = edgeCost[k] as number;
  }
  const needAt = new Int32Array(needCount).fill(-1);
  const needMentor = new Int32Array(needCount).fill(-1);
  let lowest = Number.POSITIVE_INFINITY;
  let highest = -Number.POSITIVE_INFINITY;
  for (const cost of edgeCost) {
    if (cost < lowest) lowest = cost;
    if (cost > highest) highest = cost;
  }
  const price = new Float64Array(needCount);
  let work = 0;
  const range = highest - lowest;
  // No edges; or costs near the largest double (2^1023: review), which would overflow prices:
  // nothing assigned (incomplete).
  if (edgeCount === 0 || !(range < 2 ** 1000)) return { needEdge: needAt, complete: edgeCount === 0, work, price, cover: 0, lowest: 0 };
  // Equal costs (a range of 0), or a range so small that epsilon would round to 0 (subnormal
  // costs; adversarial review: prices stopped rising and ties ran to the budget): every positive
  // scale, every edge then worth about the same.
  const scale = range > 0 && EPSILON_SHARE * range > 0 ? range : 1;
  const cover = COVER_SHARE * scale;
  const result = (complete: boolean) => ({ needEdge: needAt.map((x) => (x < 0 ? -1 : (mentorEdges[x] as number))), complete, work, price, cover, lowest });
  const epsilon = EPSILON_SHARE * scale;
  const held = new Int32Array(mentorCount);
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
  for (let m = 0; m < mentorCount; m++) if ((slots[m] as number) > 0) enqueue(m);
  const topPair = new Int32Array(MAX_BIDS + 1);
  const topValue = new Float64Array(MAX_BIDS + 1);
  const budget = WORK_FLOOR + WORK_PER_PAIR * edgeCount;
  while (size > 0) {
    if (work > budget) return result(false);
    const m = queue[head] as number;
    head = head + 1 === mentorCount ? 0 : head + 1;
    size--;
    queued[m] = 0;
    // The mentor's best `free + 1` needs by worth less price (needs it holds left out), best first.
    const free = Math.min(MAX_BIDS, (slots[m] as number) - (held[m] as number));
    let found = 0;
    const first = mentorStart[m] as number;
    const last = mentorStart[m + 1] as number;
    work += last - first;
    for (let x = first; x < last; x++) {
      const need = pairNeed[x] as number;
      if (needMentor[need] === m) continue;
      const value = cover - ((pairCost[x] as number) - lowest) - (price[need] as number);
      if (found > free && !(value > (topValue[free] as number))) continue;
      let at = found > free ? free : found++;
      while (at > 0 && value > (topValue[at - 1] as number)) {
        topValue[at] = topValue[at - 1] as number;
        topPair[at] = topPair[at - 1] as number;
        at--;
      }
      topValue[at] = value;
      topPair[at] = x;
    }
    // Each slot's next best: the first need not bid for, or staying free (worth 0).
    const threshold = found > free ? Math.max(0, topValue[free] as number) : 0;
    for (let b = 0; b < Math.min(found, free); b++) {
      const value = topValue[b] as number;
      // Not worth its price: this slot and the ones after it stay free (prices only rise).
      if (value < 0) break;
      const x = topPair[b] as number;
      const need = pairNeed[x] as number;
      price[need] = (price[need] as number) + value - threshold + epsilon;
      const loser = needMentor[need] as number;
      needAt[need] = x;
      needMentor[need] = m;
      held[m] = (held[m] as number) + 1;
      if (loser >= 0) {
        held[loser] = (held[loser] as number) - 1;
        if (!queued[loser]) enqueue(loser);
      }
    }
    // Slots still free bid again next turn if this one placed any (otherwise nothing is worth it).
    if (found > 0 && (topValue[0] as number) >= 0 && (held[m] as number) < (slots[m] as number) && !queued[m]) enqueue(m);
  }
  return result(true);
}
