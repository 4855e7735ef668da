/**
 * The least-cost start's assignment of the needs outside the deficient region (those covered in
 * every maximum assignment) by an auction in which the needs bid for mentors' slots (Bertsekas
 * 1988; a mentor's slots are similar objects, Bertsekas & Castanon 1989), instead of one shortest
 * path search per need. There the slots outnumber the needs, so this is the auction's easy side:
 * every need ends with a slot, a slot no need wants keeps price 0, and at the end each need holds
 * a slot within epsilon of its best (epsilon-complementary slackness). The mirror image of
 * slotAuction.ts, which serves the side where needs outnumber slots.
 *
 * Only a start (flowModel.ts): the simplex proves the optimum from whatever this leaves. Potentials
 * in the shortest paths' convention (a pair's cost plus its need's potential less its mentor's,
 * >= 0 on unused pairs up to epsilon, <= 0 on used ones, 0 for a mentor with a free slot) let the
 * remaining searches and tightTree go on from it.
 */
/** What the auction reads of the assignment arrays (assignmentPaths.ts, which calls it: no import back). */
interface AuctionArrays {
  needCount: number;
  mentorCount: number;
  needStart: Int32Array;
  edgeMentor: Int32Array;
  edgeCost: Float64Array;
  capacity: Int32Array;
}

/** The assignment it changes (AssignmentState). */
interface AuctionState {
  assign(need: number, edge: number): void;
  unassign(need: number): void;
}

/**
 * Epsilon as a share of the cost range. At 20,000 institutions of one kind (39,867 needs, 956,808
 * pairs) the simplex made 42,400 pivots after 1/200; 1/300 read 19.8 million entries and left
 * 29,368 pivots, 1/400 25.8 million and 21,161, 1/600 37.6 million (near the budget) and 14,363;
 * 1/1000 ran out of budget (measured with a heap of slot prices, before the scan below). The
 * shortest paths it replaces took 3.4 s there and left 0 pivots.
 */
export const EPSILON_SHARE = 1 / 300;

/**
 * Assigns every need of `needs` (each with a candidate among `allowed` mentors, which together have
 * a slot for each) to a slot of an allowed mentor, in `state`, and writes the potentials of those
 * needs and mentors. Returns false, with the assignment it has (needs may be left unassigned, and
 * their potentials unset), when it reads more than `budget` candidate entries.
 */
export function needAuction(problem: AuctionArrays, state: AuctionState, potential: Float64Array, needs: readonly number[], allowed: Uint8Array, budget: number): boolean {
  const { needStart, edgeMentor, edgeCost, capacity, mentorCount } = problem;
  const n = problem.needCount;
  let lowest = Number.POSITIVE_INFINITY;
  let highest = -Number.POSITIVE_INFINITY;
  // The range of every edge's cost (the region's too: only epsilon's scale).
  for (const cost of edgeCost) {
    if (cost < lowest) lowest = cost;
    if (cost > highest) highest = cost;
  }
  // A range of 0, or one so small that epsilon would round to 0 (subnormal costs): every positive scale does.
  const range = highest - lowest;
  // Costs near the largest double (2^1023: review) would overflow prices: the searches do it all.
  if (!(range < 2 ** 1000)) return false;
  const epsilon = EPSILON_SHARE * (range > 0 && EPSILON_SHARE * range > 0 ? range : 1);
  let work = 0;
  // Per mentor, the prices of its taken slots and the needs holding them, in slotStart[j] ..
  // slotStart[j] + taken[j] - 1, and where the cheapest is once all are taken (a scan after each
  // change: national mentors have a few slots; the scan counts as work).
  const slotStart = new Int32Array(mentorCount + 1);
  for (let j = 0; j < mentorCount; j++) slotStart[j + 1] = (slotStart[j] as number) + (capacity[j] as number);
  const slotPrice = new Float64Array(slotStart[mentorCount] as number);
  const slotNeed = new Int32Array(slotStart[mentorCount] as number);
  const taken = new Int32Array(mentorCount);
  const cheapestAt = new Int32Array(mentorCount);
  const needPrice = new Float64Array(n);
  const needEdge = new Int32Array(n).fill(-1);
  /** The price of the mentor's cheapest slot (0 while one is free). */
  const cheapest = (j: number): number => ((taken[j] as number) < (capacity[j] as number) ? 0 : (slotPrice[cheapestAt[j] as number] as number));
  const findCheapest = (j: number): void => {
    let at = slotStart[j] as number;
    for (let k = at + 1; k < (slotStart[j + 1] as number); k++) if ((slotPrice[k] as number) < (slotPrice[at] as number)) at = k;
    cheapestAt[j] = at;
    work += capacity[j] as number;
  };
  // Needs without a slot, first in first out (a ring: each need is in it at most once).
  const queue = new Int32Array(Math.max(1, needs.length));
  let head = 0;
  let size = 0;
  for (const i of needs) queue[size++] = i;
  while (size > 0) {
    if (work > budget) return false;
    const i = queue[head] as number;
    head = head + 1 === queue.length ? 0 : head + 1;
    size--;
    // The best slot by value (minus cost, minus price) and the next best mentor's (a mentor's
    // other slots are no alternative the potentials need: they price a mentor by its cheapest).
    let best = -1;
    let bestValue = -Number.POSITIVE_INFINITY;
    let second = -Number.POSITIVE_INFINITY;
    const first = needStart[i] as number;
    const last = needStart[i + 1] as number;
    work += last - first;
    for (let e = first; e < last; e++) {
      const j = edgeMentor[e] as number;
      if (!allowed[j] || (capacity[j] as number) === 0) continue;
      const value = -(edgeCost[e] as number) - cheapest(j);
      if (value > bestValue) {
        if (bestValue > second) second = bestValue;
        bestValue = value;
        best = e;
      } else if (value > second) second = value;
    }
    if (best < 0) throw new Error("needAuction: a need outside the deficient region has no slot (internal error)");
    const j = edgeMentor[best] as number;
    // A lone candidate (no alternative): every finite increment does.
    const increment = Number.isFinite(second) ? bestValue - second + epsilon : epsilon;
    const price = cheapest(j) + increment;
    let at = cheapestAt[j] as number;
    if ((taken[j] as number) < (capacity[j] as number)) {
      at = (slotStart[j] as number) + (taken[j] as number);
      taken[j] = (taken[j] as number) + 1;
    } else {
      // The cheapest slot changes hands: its need goes back to the queue.
      const displaced = slotNeed[at] as number;
      state.unassign(displaced);
      needEdge[displaced] = -1;
      queue[(head + size) % queue.length] = displaced;
      size++;
    }
    slotPrice[at] = price;
    slotNeed[at] = i;
    if (taken[j] === capacity[j]) findCheapest(j);
    state.assign(i, best);
    needEdge[i] = best;
    needPrice[i] = price;
  }
  for (const i of needs) potential[i] = -(edgeCost[needEdge[i] as number] as number) - (needPrice[i] as number);
  // A mentor with a slot free (or with none: it takes no pair) 0, a full one minus its cheapest slot's price.
  for (let j = 0; j < mentorCount; j++) if (allowed[j]) potential[n + j] = (taken[j] as number) < (capacity[j] as number) || !capacity[j] ? 0 : -(slotPrice[cheapestAt[j] as number] as number);
  return true;
}
