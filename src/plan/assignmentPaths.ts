/**
 * The capacitated assignment's machinery on typed arrays, shared by solveAssignment (the public
 * solver, which adds ids, checks and certificates) and the flow model (whose simplex starts from
 * the assignment when it covers nearly every need): assignment state, a maximum assignment by
 * augmenting paths, the deficient region (Konig / Dulmage-Mendelsohn) and successive shortest
 * paths with potentials. See solveAssignment.ts for the method and its references.
 */
import { MinHeap } from "../core/heap.js";
import { needAuction } from "./needAuction.js";

/** Candidate entries the needs' auction may read (leastCostRouting with `auction`): a floor, and this many per edge. */
const AUCTION_WORK_FLOOR = 1_000_000;
const AUCTION_WORK_PER_EDGE = 40;

/** Needs, mentors and their candidate edges, indexed both ways. */
export interface AssignmentArrays {
  needCount: number;
  mentorCount: number;
  /** Candidates of need i are edges needStart[i] .. needStart[i + 1] - 1. */
  needStart: Int32Array;
  edgeMentor: Int32Array;
  edgeNeed: Int32Array;
  edgeCost: Float64Array;
  /** Edges of mentor j are mentorEdges[mentorStart[j]] .. mentorEdges[mentorStart[j + 1] - 1]. */
  mentorStart: Int32Array;
  mentorEdges: Int32Array;
  /** Slots per mentor, capped at its number of edges. */
  capacity: Int32Array;
}

/**
 * The arrays of a problem given by its needs' edges (needStart, edgeMentor, edgeCost) and each
 * mentor's slots (whole numbers >= 0). A mentor never takes more needs than it has candidates: its
 * slots are capped there, so capacities of any size (three of 2^30, say) need no more memory than
 * the candidate lists.
 */
export function assignmentArrays(needStart: Int32Array, edgeMentor: Int32Array, edgeCost: Float64Array, slots: ArrayLike<number>): AssignmentArrays {
  const needCount = needStart.length - 1;
  const mentorCount = slots.length;
  const edgeCount = needStart[needCount] as number;
  const edgeNeed = new Int32Array(edgeCount);
  const mentorDegree = new Int32Array(mentorCount + 1);
  for (let i = 0; i < needCount; i++) {
    for (let e = needStart[i] as number; e < (needStart[i + 1] as number); e++) {
      edgeNeed[e] = i;
      const j = edgeMentor[e] as number;
      mentorDegree[j + 1] = (mentorDegree[j + 1] as number) + 1;
    }
  }
  const capacity = new Int32Array(mentorCount);
  for (let j = 0; j < mentorCount; j++) capacity[j] = Math.min(slots[j] as number, mentorDegree[j + 1] as number);
  const mentorStart = new Int32Array(mentorCount + 1);
  for (let j = 0; j < mentorCount; j++) mentorStart[j + 1] = (mentorStart[j] as number) + (mentorDegree[j + 1] as number);
  const fill = mentorStart.slice(0, mentorCount);
  const mentorEdges = new Int32Array(edgeCount);
  for (let edge = 0; edge < edgeCount; edge++) {
    const j = edgeMentor[edge] as number;
    mentorEdges[fill[j] as number] = edge;
    fill[j] = (fill[j] as number) + 1;
  }
  return { needCount, mentorCount, needStart, edgeMentor, edgeNeed, edgeCost, mentorStart, mentorEdges, capacity };
}

/** Who is assigned to whom, with O(1) assign and unassign. */
export class AssignmentState {
  readonly needMentor: Int32Array;
  readonly needEdge: Int32Array;
  readonly count: Int32Array;
  /** The needs of mentor j sit in slots[slotStart[j] .. slotStart[j] + count[j] - 1]. */
  readonly slots: Int32Array;
  readonly slotStart: Int32Array;
  readonly #position: Int32Array;

  readonly #problem: AssignmentArrays;

  constructor(problem: AssignmentArrays) {
    this.#problem = problem;
    const n = problem.needCount;
    const m = problem.mentorCount;
    this.needMentor = new Int32Array(n).fill(-1);
    this.needEdge = new Int32Array(n).fill(-1);
    this.#position = new Int32Array(n).fill(-1);
    this.count = new Int32Array(m);
    this.slotStart = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) this.slotStart[j + 1] = (this.slotStart[j] as number) + (problem.capacity[j] as number);
    this.slots = new Int32Array(this.slotStart[m] as number);
  }

  assign(need: number, edge: number): void {
    const mentor = this.#problem.edgeMentor[edge] as number;
    const at = (this.slotStart[mentor] as number) + (this.count[mentor] as number);
    this.slots[at] = need;
    this.#position[need] = at;
    this.count[mentor] = (this.count[mentor] as number) + 1;
    this.needMentor[need] = mentor;
    this.needEdge[need] = edge;
  }

  unassign(need: number): void {
    const mentor = this.needMentor[need] as number;
    const last = (this.slotStart[mentor] as number) + (this.count[mentor] as number) - 1;
    const at = this.#position[need] as number;
    const moved = this.slots[last] as number;
    this.slots[at] = moved;
    this.#position[moved] = at;
    this.count[mentor] = (this.count[mentor] as number) - 1;
    this.needMentor[need] = -1;
    this.needEdge[need] = -1;
    this.#position[need] = -1;
  }

  unassignIfAssigned(need: number): void {
    if (this.needMentor[need] !== -1) this.unassign(need);
  }

  hasRoom(mentor: number): boolean {
    return (this.count[mentor] as number) < (this.#problem.capacity[mentor] as number);
  }
}

/**
 * Step 1: a maximum assignment by augmenting paths. Each phase runs a depth-first search from every
 * uncovered need, marking needs visited for the whole phase (a need that led nowhere once leads
 * nowhere again in that phase), and first looks for a free mentor among a need's candidates
 * (look-ahead). Phases repeat until one finds no augmenting path.
 */
export function maximumAssignment(problem: AssignmentArrays): AssignmentState {
  const state = new AssignmentState(problem);
  const { needStart, edgeMentor } = problem;
  const n = problem.needCount;
  for (let i = 0; i < n; i++) {
    for (let e = needStart[i] as number; e < (needStart[i + 1] as number); e++) {
      if (state.hasRoom(edgeMentor[e] as number)) {
        state.assign(i, e);
        break;
      }
    }
  }
  const visited = new Int32Array(n);
  // Iterative DFS frames: the need, the candidate edge being tried, and the next slot of that
  // edge's mentor whose need could move elsewhere.
  const stackNeed = new Int32Array(n + 1);
  const stackEdge = new Int32Array(n + 1);
  const stackSlot = new Int32Array(n + 1);
  const lookAhead = (need: number): number => {
    for (let e = needStart[need] as number; e < (needStart[need + 1] as number); e++) {
      if (state.hasRoom(edgeMentor[e] as number)) return e;
    }
    return -1;
  };
  for (let phase = 1; ; phase++) {
    let augmented = false;
    for (let root = 0; root < n; root++) {
      if (state.needMentor[root] !== -1 || needStart[root] === needStart[root + 1]) continue;
      visited[root] = phase;
      let depth = 0;
      stackNeed[0] = root;
      stackEdge[0] = needStart[root] as number;
      stackSlot[0] = -1;
      let found = lookAhead(root);
      while (found < 0 && depth >= 0) {
        const need = stackNeed[depth] as number;
        const last = needStart[need + 1] as number;
        let descended = false;
        while (!descended && (stackEdge[depth] as number) < last) {
          const mentor = edgeMentor[stackEdge[depth] as number] as number;
          if ((stackSlot[depth] as number) < 0) stackSlot[depth] = state.slotStart[mentor] as number;
          const slotEnd = (state.slotStart[mentor] as number) + (state.count[mentor] as number);
          while ((stackSlot[depth] as number) < slotEnd) {
            const next = state.slots[stackSlot[depth] as number] as number;
            stackSlot[depth] = (stackSlot[depth] as number) + 1;
            if (visited[next] === phase) continue;
            visited[next] = phase;
            depth++;
            stackNeed[depth] = next;
            stackEdge[depth] = needStart[next] as number;
            stackSlot[depth] = -1;
            descended = true;
            break;
          }
          if (!descended) {
            stackEdge[depth] = (stackEdge[depth] as number) + 1;
            stackSlot[depth] = -1;
          }
        }
        if (descended) found = lookAhead(stackNeed[depth] as number);
        else depth--;
      }
      if (found < 0) continue;
      // Augment: the deepest need takes the free mentor; each need above it takes the mentor
      // that the need below it leaves.
      state.unassignIfAssigned(stackNeed[depth] as number);
      state.assign(stackNeed[depth] as number, found);
      for (let level = depth - 1; level >= 0; level--) {
        const need = stackNeed[level] as number;
        state.unassignIfAssigned(need);
        state.assign(need, stackEdge[level] as number);
      }
      augmented = true;
    }
    if (!augmented) break;
  }
  return state;
}

/** Step 2: needs and mentors reachable by alternating paths from uncovered needs. */
export function deficientRegion(problem: AssignmentArrays, state: AssignmentState): { needIn: Uint8Array; mentorIn: Uint8Array } {
  const n = problem.needCount;
  const needIn = new Uint8Array(n);
  const mentorIn = new Uint8Array(problem.mentorCount);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) {
    if (state.needMentor[i] === -1) {
      needIn[i] = 1;
      queue.push(i);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const need = queue[head] as number;
    for (let e = problem.needStart[need] as number; e < (problem.needStart[need + 1] as number); e++) {
      const j = problem.edgeMentor[e] as number;
      if (mentorIn[j]) continue;
      mentorIn[j] = 1;
      const start = state.slotStart[j] as number;
      for (let s = start; s < start + (state.count[j] as number); s++) {
        const next = state.slots[s] as number;
        if (!needIn[next]) {
          needIn[next] = 1;
          queue.push(next);
        }
      }
    }
  }
  return { needIn, mentorIn };
}

/** Step 3: min-cost routing by successive shortest paths with potentials. */
export class ShortestPaths {
  readonly state: AssignmentState;
  readonly potential: Float64Array;
  readonly #distance: Float64Array;
  readonly #reached: Int32Array;
  readonly #settled: Int32Array;
  /** For a mentor node: the edge it was reached by (need side); for a need node: likewise. */
  readonly #via: Int32Array;
  readonly #heap = new MinHeap(1024);
  readonly #settledList: number[] = [];
  #stamp = 0;
  /** Arcs relaxed so far, and how many the searches may relax in all before they give up (routeNeed). */
  work = 0;
  budget = Number.POSITIVE_INFINITY;
  readonly #n: number;
  readonly #cost: Float64Array;

  readonly #problem: AssignmentArrays;

  constructor(problem: AssignmentArrays, needIn: Uint8Array, mentorIn: Uint8Array) {
    this.#problem = problem;
    this.state = new AssignmentState(problem);
    this.#n = problem.needCount;
    const nodes = this.#n + problem.mentorCount;
    this.potential = new Float64Array(nodes);
    this.#distance = new Float64Array(nodes);
    this.#reached = new Int32Array(nodes);
    this.#settled = new Int32Array(nodes);
    this.#via = new Int32Array(nodes).fill(-1);
    // Costs are used as given (no global shift, which would lose small differences next to a huge
    // cost). Starting potentials make every reduced cost >= 0 and give every endpoint of a search
    // the same potential (0), so distances to different endpoints compare as true costs: outside
    // the deficient region the endpoints are mentors (0) and a need starts at minus its cheapest
    // edge; inside it the endpoints are needs (0) and a mentor starts at minus its cheapest edge.
    // The two parts share no node or edge; a search never settles an endpoint before it stops, so
    // endpoints keep potential 0.
    this.#cost = problem.edgeCost;
    const n = this.#n;
    for (let j = 0; j < problem.mentorCount; j++) {
      if (!mentorIn[j]) continue;
      let lowest = Number.POSITIVE_INFINITY;
      for (let k = problem.mentorStart[j] as number; k < (problem.mentorStart[j + 1] as number); k++) {
        const need = problem.edgeNeed[problem.mentorEdges[k] as number] as number;
        if (needIn[need]) lowest = Math.min(lowest, problem.edgeCost[problem.mentorEdges[k] as number] as number);
      }
      this.potential[n + j] = Number.isFinite(lowest) ? -lowest : 0;
    }
    for (let i = 0; i < n; i++) {
      if (needIn[i]) continue;
      let lowest = Number.POSITIVE_INFINITY;
      for (let e = problem.needStart[i] as number; e < (problem.needStart[i + 1] as number); e++) lowest = Math.min(lowest, problem.edgeCost[e] as number);
      this.potential[i] = Number.isFinite(lowest) ? -lowest : 0;
    }
  }

  #relax(node: number, distance: number, via: number): void {
    this.work++;
    // A settled node keeps its path: with floating-point costs a reduced cost can come out a
    // hair below zero, and re-opening settled nodes could then loop the predecessor chain.
    if (this.#settled[node] === this.#stamp) return;
    if (this.#reached[node] !== this.#stamp || distance < (this.#distance[node] as number)) {
      this.#reached[node] = this.#stamp;
      this.#distance[node] = distance;
      this.#via[node] = via;
      this.#heap.push(distance, node);
    }
  }

  #finish(endDistance: number): void {
    for (const node of this.#settledList) {
      this.potential[node] = (this.potential[node] as number) + (this.#distance[node] as number) - endDistance;
    }
  }

  #begin(source: number): void {
    this.#stamp++;
    this.#heap.clear();
    this.#settledList.length = 0;
    this.#relax(source, 0, -1);
  }

  /**
   * Routes need `source` to a mentor with a free slot among `allowed` mentors; false, with nothing
   * changed, when the searches' work passes the budget.
   */
  routeNeed(source: number, allowed: Uint8Array): boolean {
    const { state, potential } = this, problem = this.#problem, n = this.#n, cost = this.#cost;
    this.#begin(source);
    while (this.#heap.size > 0) {
      if (this.work > this.budget) return false;
      const d = this.#heap.topKey();
      const node = this.#heap.pop();
      if (this.#settled[node] === this.#stamp || d > (this.#distance[node] as number)) continue;
      if (node >= n) {
        const mentor = node - n;
        if (state.hasRoom(mentor)) {
          this.#finish(d);
          this.#augmentFromMentor(source, mentor);
          return true;
        }
        this.#settled[node] = this.#stamp;
        this.#settledList.push(node);
        const start = state.slotStart[mentor] as number;
        for (let s = start; s < start + (state.count[mentor] as number); s++) {
          const need = state.slots[s] as number;
          const edge = state.needEdge[need] as number;
          this.#relax(need, d - (cost[edge] as number) + (potential[node] as number) - (potential[need] as number), edge);
        }
      } else {
        this.#settled[node] = this.#stamp;
        this.#settledList.push(node);
        const current = state.needMentor[node];
        for (let e = problem.needStart[node] as number; e < (problem.needStart[node + 1] as number); e++) {
          const mentor = problem.edgeMentor[e] as number;
          if (mentor === current || !allowed[mentor]) continue;
          const target = n + mentor;
          this.#relax(target, d + (cost[e] as number) + (potential[node] as number) - (potential[target] as number), e);
        }
      }
    }
    throw new Error("assignment: internal error, a coverable need found no free mentor");
  }

  #augmentFromMentor(source: number, endMentor: number): void {
    const { state } = this, problem = this.#problem, n = this.#n;
    let mentor = endMentor;
    for (;;) {
      const edge = this.#via[n + mentor] as number;
      const need = problem.edgeNeed[edge] as number;
      const previous = state.needMentor[need] as number;
      if (previous >= 0) state.unassign(need);
      state.assign(need, edge);
      if (need === source) return;
      mentor = previous;
    }
  }

  /**
   * Fills one slot of mentor `source` with a need of the region (`allowed` needs), preferring free
   * ones; false, with nothing changed, when the searches' work passes the budget.
   */
  fillMentor(source: number, allowed: Uint8Array): boolean {
    const { state, potential } = this, problem = this.#problem, n = this.#n, cost = this.#cost;
    this.#begin(n + source);
    while (this.#heap.size > 0) {
      if (this.work > this.budget) return false;
      const d = this.#heap.topKey();
      const node = this.#heap.pop();
      if (this.#settled[node] === this.#stamp || d > (this.#distance[node] as number)) continue;
      if (node < n) {
        const mentor = state.needMentor[node] as number;
        if (mentor === -1) {
          this.#finish(d);
          this.#augmentFromNeed(source, node);
          return true;
        }
        this.#settled[node] = this.#stamp;
        this.#settledList.push(node);
        const edge = state.needEdge[node] as number;
        const target = n + mentor;
        this.#relax(target, d - (cost[edge] as number) + (potential[node] as number) - (potential[target] as number), edge);
      } else {
        this.#settled[node] = this.#stamp;
        this.#settledList.push(node);
        const mentor = node - n;
        for (let k = problem.mentorStart[mentor] as number; k < (problem.mentorStart[mentor + 1] as number); k++) {
          const e = problem.mentorEdges[k] as number;
          const need = problem.edgeNeed[e] as number;
          if (!allowed[need] || state.needMentor[need] === mentor) continue;
          this.#relax(need, d + (cost[e] as number) + (potential[node] as number) - (potential[need] as number), e);
        }
      }
    }
    throw new Error("assignment: internal error, a mentor of the deficient region found no need");
  }

  #augmentFromNeed(source: number, endNeed: number): void {
    const { state } = this, problem = this.#problem, n = this.#n;
    let need = endNeed;
    for (;;) {
      const edge = this.#via[need] as number;
      const mentor = problem.edgeMentor[edge] as number;
      let released = -1;
      if (mentor !== source) {
        released = problem.edgeNeed[this.#via[n + mentor] as number] as number;
        state.unassign(released);
      }
      if (state.needMentor[need] !== -1) state.unassign(need);
      state.assign(need, edge);
      if (mentor === source) return;
      need = released;
    }
  }
}


/**
 * Step 3 of solveAssignment: every need outside the deficient region routed to a mentor slot
 * outside it, and every slot of a mentor inside it filled with a need of the region, each by a
 * shortest path with potentials; returns the least-cost maximum assignment, or undefined when the
 * searches relax more than `budget` arcs in all. With `auction` (the flow model's start only, never
 * solveAssignment's answer) the needs' auction assigns the needs outside the region first.
 */
export function leastCostRouting(problem: AssignmentArrays, needIn: Uint8Array, mentorIn: Uint8Array, budget = Number.POSITIVE_INFINITY, auction = false): ShortestPaths | undefined {
  const paths = new ShortestPaths(problem, needIn, mentorIn);
  paths.budget = budget;
  const outsideMentors = mentorIn.map((inside) => (inside ? 0 : 1));
  if (auction) {
    // An approximate start only (the flow model's simplex finishes it): the needs outside the
    // region bid for its slots (needAuction.ts); searches route what the auction's budget left.
    const outside: number[] = [];
    for (let need = 0; need < problem.needCount; need++) if (!needIn[need] && problem.needStart[need] !== problem.needStart[need + 1]) outside.push(need);
    needAuction(problem, paths.state, paths.potential, outside, outsideMentors, AUCTION_WORK_FLOOR + AUCTION_WORK_PER_EDGE * (problem.needStart[problem.needCount] as number));
  }
  for (let need = 0; need < problem.needCount; need++) {
    if (!needIn[need] && problem.needStart[need] !== problem.needStart[need + 1] && paths.state.needMentor[need] === -1 && !paths.routeNeed(need, outsideMentors)) return undefined;
  }
  for (let mentor = 0; mentor < problem.mentorCount; mentor++) {
    if (!mentorIn[mentor]) continue;
    for (let slot = 0; slot < (problem.capacity[mentor] as number); slot++) if (!paths.fillMentor(mentor, needIn)) return undefined;
  }
  return paths;
}

/**
 * The least-cost maximum assignment (leastCostRouting), per need its edge or -1, and the
 * potentials that prove it (needs 0 .. needCount - 1, then mentors: every edge's cost plus its
 * need's potential minus its mentor's is >= 0, and 0 on the edges used, up to rounding), when the
 * deficient region holds at most `regionShare` of the needs and the searches relax at most
 * `workPerArc` times as many arcs as the problem has (edges and needs); undefined otherwise. Each
 * slot of the region is filled by a search of its own that explores much of the region: at 5,000 x
 * 12, where the region held 19,810 of 19,976 needs, that took 6 s, against 1.2 s for network
 * simplex from a greedy start. Searches grow long too where many needs tie on the same few
 * mentors: 10,000 needs each listing the same 50 mentors at costs by mentor alone took 34 s,
 * against 0.5 s from the greedy start (adversarial review). Both cases return undefined early
 * (docs/decisions.md, "The simplex starts from shortest paths when nearly every need can be
 * covered"). With `auction` the needs outside the region are first assigned by the needs' auction
 * (needAuction.ts): the result and its potentials are then only epsilon-optimal (used edges <= 0,
 * unused >= -epsilon), a start for the simplex, no longer a proof.
 */
export function leastCostAssignment(problem: AssignmentArrays, regionShare: number, workPerArc: number, auction = false): { needEdge: Int32Array; potential: Float64Array } | undefined {
  const maximum = maximumAssignment(problem);
  const { needIn, mentorIn } = deficientRegion(problem, maximum);
  // Needs without candidates are uncovered in every assignment and reach no slot: not counted.
  let inside = 0;
  let listed = 0;
  for (let need = 0; need < problem.needCount; need++) {
    if (problem.needStart[need] === problem.needStart[need + 1]) continue;
    listed++;
    inside += needIn[need] as number;
  }
  if (inside > regionShare * listed) return undefined;
  const paths = leastCostRouting(problem, needIn, mentorIn, workPerArc * ((problem.needStart[problem.needCount] as number) + problem.needCount), auction);
  if (paths === undefined) return undefined;
  return { needEdge: paths.state.needEdge, potential: paths.potential };
}
