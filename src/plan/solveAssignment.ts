/**
 * The exact solver under every plan: a capacitated assignment that covers as many needs as
 * possible and, among those, has the least total cost.
 *
 * Method (see docs/decisions.md):
 * 1. A maximum b-matching (augmenting paths with per-phase visited marks and look-ahead; Duff,
 *    Kaya & Ucar 2011) gives the largest coverage.
 * 2. The alternating-path region reachable from uncovered needs (Konig / Dulmage-Mendelsohn) is
 *    the deficient part: its mentors are filled by its needs in every maximum assignment, and its
 *    connected pieces are the shortfall certificates (Hall's theorem: needs whose eligible mentors
 *    together have fewer slots than needs). The deficits add up to the uncovered needs.
 * 3. Min-cost flow by successive shortest paths with node potentials (Edmonds & Karp 1972;
 *    Ahuja, Magnanti & Orlin 1993, ch. 9) solves each part, always from the smaller side: every
 *    need outside the deficient region is routed to a mentor slot, every slot of a mentor inside
 *    it is filled with a need. Each search is a Dijkstra that stops at the first free endpoint.
 *
 * Runs in O(E sqrt(V)) for step 1 and O(K (E + V log V)) worst case for step 3 (K covered needs);
 * searches usually stop after a few nodes. Deterministic: needs and candidates are sorted by id
 * first, and heap ties are broken by index, so the same problem in any order gives one answer.
 */
import { TwinningArgumentError } from "../core/errors.js";
import { showArgument } from "../core/options.js";
import { doublesAreExact } from "./exactCosts.js";
import { solveFlowModel } from "./flowModel.js";
import { MinHeap } from "../core/heap.js";

/** A mentor who may take a need, at a cost. */
export interface AssignmentCandidate {
  readonly mentor: string;
  /** Any finite number; lower is better. */
  readonly cost: number;
}

/** A need with its candidates. */
export interface AssignmentNeed {
  readonly id: string;
  readonly candidates: readonly AssignmentCandidate[];
}

/** Needs, candidates and mentor capacities. */
export interface AssignmentProblem {
  readonly needs: readonly AssignmentNeed[];
  /** Slots per mentor: a whole number >= 0 for every mentor named as a candidate. */
  readonly capacity: Readonly<Record<string, number>>;
}

/** A group of needs whose eligible mentors, all together, have fewer slots than the group has needs. */
export interface AssignmentShortfall {
  /** The needs of the group, sorted. None of them has a candidate outside `mentors`. */
  needs: string[];
  /** Every mentor eligible for any need of the group, sorted. */
  mentors: string[];
  /** Total slots of those mentors. */
  capacity: number;
  /** needs.length - capacity: how many of the group must stay uncovered. */
  deficit: number;
}

/** The assignment, its coverage and cost, and the shortfall certificates. */
export interface AssignmentSolution {
  /** Need id -> mentor id, for every covered need. */
  assignment: Record<string, string>;
  covered: number;
  /** Needs left without a mentor, sorted. */
  uncovered: string[];
  /** Total cost of the assignment (sum of the chosen candidates' costs). */
  cost: number;
  /** Why needs are uncovered; the deficits add up to `uncovered.length`. Empty when all are covered. */
  shortfalls: AssignmentShortfall[];
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Compiled {
  needIds: string[];
  mentorIds: string[];
  /** Candidates of need i are edges needStart[i] .. needStart[i + 1] - 1. */
  needStart: Int32Array;
  edgeMentor: Int32Array;
  edgeNeed: Int32Array;
  edgeCost: Float64Array;
  /** Edges of mentor j are mentorEdges[mentorStart[j]] .. mentorEdges[mentorStart[j + 1] - 1]. */
  mentorStart: Int32Array;
  mentorEdges: Int32Array;
  capacity: Int32Array;
}

function compile(problem: AssignmentProblem): Compiled {
  const name = "solveAssignment";
  if (problem === null || typeof problem !== "object" || !Array.isArray(problem.needs)) {
    throw new TwinningArgumentError(name, "expected { needs: [...], capacity: {...} }");
  }
  const capacityRecord = problem.capacity ?? {};
  const needs = [...problem.needs].sort((a, b) => compareIds(a.id, b.id));
  const mentorSet = new Set<string>(Object.keys(capacityRecord));
  for (let i = 0; i < needs.length; i++) {
    const need = needs[i] as AssignmentNeed;
    if (typeof need.id !== "string") throw new TwinningArgumentError(name, `need ${i} has no string id`);
    if (i > 0 && needs[i - 1]?.id === need.id) throw new TwinningArgumentError(name, `need id ${JSON.stringify(need.id)} appears twice`);
    const seen = new Set<string>();
    for (const candidate of need.candidates) {
      if (!Number.isFinite(candidate.cost)) {
        throw new TwinningArgumentError(name, `need ${JSON.stringify(need.id)}: candidate ${JSON.stringify(candidate.mentor)} has cost ${candidate.cost}; expected a finite number`);
      }
      if (seen.has(candidate.mentor)) throw new TwinningArgumentError(name, `need ${JSON.stringify(need.id)} lists mentor ${JSON.stringify(candidate.mentor)} twice`);
      seen.add(candidate.mentor);
      if (!Object.hasOwn(capacityRecord, candidate.mentor)) {
        throw new TwinningArgumentError(name, `need ${JSON.stringify(need.id)}: mentor ${JSON.stringify(candidate.mentor)} has no capacity; expected capacity[${JSON.stringify(candidate.mentor)}]`);
      }
    }
  }
  const mentorIds = [...mentorSet].sort(compareIds);
  const mentorIndex = new Map(mentorIds.map((id, index) => [id, index]));
  const capacity = new Int32Array(mentorIds.length);
  mentorIds.forEach((id) => {
    const value = capacityRecord[id];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new TwinningArgumentError(name, `capacity of ${JSON.stringify(id)} is ${showArgument(value)}; expected a whole number >= 0 (at most 2^53 - 1)`);
    }
  });
  const edgeCount = needs.reduce((sum, need) => sum + need.candidates.length, 0);
  const needStart = new Int32Array(needs.length + 1);
  const edgeMentor = new Int32Array(edgeCount);
  const edgeNeed = new Int32Array(edgeCount);
  const edgeCost = new Float64Array(edgeCount);
  const mentorDegree = new Int32Array(mentorIds.length + 1);
  let e = 0;
  needs.forEach((need, i) => {
    needStart[i] = e;
    const candidates = [...need.candidates].sort((a, b) => compareIds(a.mentor, b.mentor));
    for (const candidate of candidates) {
      const j = mentorIndex.get(candidate.mentor) as number;
      edgeMentor[e] = j;
      edgeNeed[e] = i;
      edgeCost[e] = candidate.cost;
      mentorDegree[j + 1] = (mentorDegree[j + 1] as number) + 1;
      e++;
    }
  });
  needStart[needs.length] = e;
  // A mentor never takes more needs than it has candidates: its slots are capped there, so
  // capacities of any size (three of 2^30, say) need no more memory than the candidate lists.
  mentorIds.forEach((id, j) => {
    capacity[j] = Math.min(capacityRecord[id] as number, mentorDegree[j + 1] as number);
  });
  const mentorStart = new Int32Array(mentorIds.length + 1);
  for (let j = 0; j < mentorIds.length; j++) mentorStart[j + 1] = (mentorStart[j] as number) + (mentorDegree[j + 1] as number);
  const fill = mentorStart.slice(0, mentorIds.length);
  const mentorEdges = new Int32Array(edgeCount);
  for (let edge = 0; edge < edgeCount; edge++) {
    const j = edgeMentor[edge] as number;
    mentorEdges[fill[j] as number] = edge;
    fill[j] = (fill[j] as number) + 1;
  }
  return { needIds: needs.map((need) => need.id), mentorIds, needStart, edgeMentor, edgeNeed, edgeCost, mentorStart, mentorEdges, capacity };
}

/** Who is assigned to whom, with O(1) assign and unassign. */
class AssignmentState {
  readonly needMentor: Int32Array;
  readonly needEdge: Int32Array;
  readonly count: Int32Array;
  /** The needs of mentor j sit in slots[slotStart[j] .. slotStart[j] + count[j] - 1]. */
  readonly slots: Int32Array;
  readonly slotStart: Int32Array;
  private readonly position: Int32Array;

  constructor(private readonly problem: Compiled) {
    const n = problem.needIds.length;
    const m = problem.mentorIds.length;
    this.needMentor = new Int32Array(n).fill(-1);
    this.needEdge = new Int32Array(n).fill(-1);
    this.position = new Int32Array(n).fill(-1);
    this.count = new Int32Array(m);
    this.slotStart = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) this.slotStart[j + 1] = (this.slotStart[j] as number) + (problem.capacity[j] as number);
    this.slots = new Int32Array(this.slotStart[m] as number);
  }

  assign(need: number, edge: number): void {
    const mentor = this.problem.edgeMentor[edge] as number;
    const at = (this.slotStart[mentor] as number) + (this.count[mentor] as number);
    this.slots[at] = need;
    this.position[need] = at;
    this.count[mentor] = (this.count[mentor] as number) + 1;
    this.needMentor[need] = mentor;
    this.needEdge[need] = edge;
  }

  unassign(need: number): void {
    const mentor = this.needMentor[need] as number;
    const last = (this.slotStart[mentor] as number) + (this.count[mentor] as number) - 1;
    const at = this.position[need] as number;
    const moved = this.slots[last] as number;
    this.slots[at] = moved;
    this.position[moved] = at;
    this.count[mentor] = (this.count[mentor] as number) - 1;
    this.needMentor[need] = -1;
    this.needEdge[need] = -1;
    this.position[need] = -1;
  }

  unassignIfAssigned(need: number): void {
    if (this.needMentor[need] !== -1) this.unassign(need);
  }

  hasRoom(mentor: number): boolean {
    return (this.count[mentor] as number) < (this.problem.capacity[mentor] as number);
  }
}

/**
 * Step 1: a maximum assignment by augmenting paths. Each phase runs a depth-first search from every
 * uncovered need, marking needs visited for the whole phase (a need that led nowhere once leads
 * nowhere again in that phase), and first looks for a free mentor among a need's candidates
 * (look-ahead). Phases repeat until one finds no augmenting path.
 */
function maximumAssignment(problem: Compiled): AssignmentState {
  const state = new AssignmentState(problem);
  const { needStart, edgeMentor } = problem;
  const n = problem.needIds.length;
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
function deficientRegion(problem: Compiled, state: AssignmentState): { needIn: Uint8Array; mentorIn: Uint8Array } {
  const n = problem.needIds.length;
  const needIn = new Uint8Array(n);
  const mentorIn = new Uint8Array(problem.mentorIds.length);
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
class ShortestPaths {
  readonly state: AssignmentState;
  readonly potential: Float64Array;
  private readonly distance: Float64Array;
  private readonly reached: Int32Array;
  private readonly settled: Int32Array;
  /** For a mentor node: the edge it was reached by (need side); for a need node: likewise. */
  private readonly via: Int32Array;
  private readonly heap = new MinHeap(1024);
  private readonly settledList: number[] = [];
  private stamp = 0;
  private readonly n: number;
  private readonly cost: Float64Array;

  constructor(private readonly problem: Compiled, needIn: Uint8Array, mentorIn: Uint8Array) {
    this.state = new AssignmentState(problem);
    this.n = problem.needIds.length;
    const nodes = this.n + problem.mentorIds.length;
    this.potential = new Float64Array(nodes);
    this.distance = new Float64Array(nodes);
    this.reached = new Int32Array(nodes);
    this.settled = new Int32Array(nodes);
    this.via = new Int32Array(nodes).fill(-1);
    // Costs are used as given (no global shift, which would lose small differences next to a huge
    // cost). Starting potentials make every reduced cost >= 0 and give every endpoint of a search
    // the same potential (0), so distances to different endpoints compare as true costs: outside
    // the deficient region the endpoints are mentors (0) and a need starts at minus its cheapest
    // edge; inside it the endpoints are needs (0) and a mentor starts at minus its cheapest edge.
    // The two parts share no node or edge; a search never settles an endpoint before it stops, so
    // endpoints keep potential 0.
    this.cost = problem.edgeCost;
    const n = this.n;
    for (let j = 0; j < problem.mentorIds.length; j++) {
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

  private relax(node: number, distance: number, via: number): void {
    // A settled node keeps its path: with floating-point costs a reduced cost can come out a
    // hair below zero, and re-opening settled nodes could then loop the predecessor chain.
    if (this.settled[node] === this.stamp) return;
    if (this.reached[node] !== this.stamp || distance < (this.distance[node] as number)) {
      this.reached[node] = this.stamp;
      this.distance[node] = distance;
      this.via[node] = via;
      this.heap.push(distance, node);
    }
  }

  private finish(endDistance: number): void {
    for (const node of this.settledList) {
      this.potential[node] = (this.potential[node] as number) + (this.distance[node] as number) - endDistance;
    }
  }

  private begin(source: number): void {
    this.stamp++;
    this.heap.clear();
    this.settledList.length = 0;
    this.relax(source, 0, -1);
  }

  /** Routes need `source` to a mentor with a free slot among `allowed` mentors. */
  routeNeed(source: number, allowed: Uint8Array): void {
    const { problem, state, potential, n, cost } = this;
    this.begin(source);
    while (this.heap.size > 0) {
      const d = this.heap.topKey();
      const node = this.heap.pop();
      if (this.settled[node] === this.stamp || d > (this.distance[node] as number)) continue;
      if (node >= n) {
        const mentor = node - n;
        if (state.hasRoom(mentor)) {
          this.finish(d);
          this.augmentFromMentor(source, mentor);
          return;
        }
        this.settled[node] = this.stamp;
        this.settledList.push(node);
        const start = state.slotStart[mentor] as number;
        for (let s = start; s < start + (state.count[mentor] as number); s++) {
          const need = state.slots[s] as number;
          const edge = state.needEdge[need] as number;
          this.relax(need, d - (cost[edge] as number) + (potential[node] as number) - (potential[need] as number), edge);
        }
      } else {
        this.settled[node] = this.stamp;
        this.settledList.push(node);
        const current = state.needMentor[node];
        for (let e = problem.needStart[node] as number; e < (problem.needStart[node + 1] as number); e++) {
          const mentor = problem.edgeMentor[e] as number;
          if (mentor === current || !allowed[mentor]) continue;
          const target = n + mentor;
          this.relax(target, d + (cost[e] as number) + (potential[node] as number) - (potential[target] as number), e);
        }
      }
    }
    throw new Error("solveAssignment: internal error, a coverable need found no free mentor");
  }

  private augmentFromMentor(source: number, endMentor: number): void {
    const { problem, state, n } = this;
    let mentor = endMentor;
    for (;;) {
      const edge = this.via[n + mentor] as number;
      const need = problem.edgeNeed[edge] as number;
      const previous = state.needMentor[need] as number;
      if (previous >= 0) state.unassign(need);
      state.assign(need, edge);
      if (need === source) return;
      mentor = previous;
    }
  }

  /** Fills one slot of mentor `source` with a need of the region (`allowed` needs), preferring free ones. */
  fillMentor(source: number, allowed: Uint8Array): void {
    const { problem, state, potential, n, cost } = this;
    this.begin(n + source);
    while (this.heap.size > 0) {
      const d = this.heap.topKey();
      const node = this.heap.pop();
      if (this.settled[node] === this.stamp || d > (this.distance[node] as number)) continue;
      if (node < n) {
        const mentor = state.needMentor[node] as number;
        if (mentor === -1) {
          this.finish(d);
          this.augmentFromNeed(source, node);
          return;
        }
        this.settled[node] = this.stamp;
        this.settledList.push(node);
        const edge = state.needEdge[node] as number;
        const target = n + mentor;
        this.relax(target, d - (cost[edge] as number) + (potential[node] as number) - (potential[target] as number), edge);
      } else {
        this.settled[node] = this.stamp;
        this.settledList.push(node);
        const mentor = node - n;
        for (let k = problem.mentorStart[mentor] as number; k < (problem.mentorStart[mentor + 1] as number); k++) {
          const e = problem.mentorEdges[k] as number;
          const need = problem.edgeNeed[e] as number;
          if (!allowed[need] || state.needMentor[need] === mentor) continue;
          this.relax(need, d + (cost[e] as number) + (potential[node] as number) - (potential[need] as number), e);
        }
      }
    }
    throw new Error("solveAssignment: internal error, a mentor of the deficient region found no need to fill its slot");
  }

  private augmentFromNeed(source: number, endNeed: number): void {
    const { problem, state, n } = this;
    let need = endNeed;
    for (;;) {
      const edge = this.via[need] as number;
      const mentor = problem.edgeMentor[edge] as number;
      let released = -1;
      if (mentor !== source) {
        released = problem.edgeNeed[this.via[n + mentor] as number] as number;
        state.unassign(released);
      }
      if (state.needMentor[need] !== -1) state.unassign(need);
      state.assign(need, edge);
      if (mentor === source) return;
      need = released;
    }
  }
}

function shortfallsOf(problem: Compiled, needIn: Uint8Array, mentorIn: Uint8Array): AssignmentShortfall[] {
  const n = problem.needIds.length;
  const seenNeed = new Uint8Array(n);
  const seenMentor = new Uint8Array(problem.mentorIds.length);
  const shortfalls: AssignmentShortfall[] = [];
  for (let root = 0; root < n; root++) {
    if (!needIn[root] || seenNeed[root]) continue;
    const needs: number[] = [root];
    const mentors: number[] = [];
    seenNeed[root] = 1;
    for (let head = 0; head < needs.length; head++) {
      const need = needs[head] as number;
      for (let e = problem.needStart[need] as number; e < (problem.needStart[need + 1] as number); e++) {
        const mentor = problem.edgeMentor[e] as number;
        if (seenMentor[mentor] || !mentorIn[mentor]) continue;
        seenMentor[mentor] = 1;
        mentors.push(mentor);
        for (let k = problem.mentorStart[mentor] as number; k < (problem.mentorStart[mentor + 1] as number); k++) {
          const other = problem.edgeNeed[problem.mentorEdges[k] as number] as number;
          if (needIn[other] && !seenNeed[other]) {
            seenNeed[other] = 1;
            needs.push(other);
          }
        }
      }
    }
    const capacity = mentors.reduce((sum, mentor) => sum + (problem.capacity[mentor] as number), 0);
    shortfalls.push({
      needs: needs.sort((a, b) => a - b).map((i) => problem.needIds[i] as string),
      mentors: mentors.sort((a, b) => a - b).map((j) => problem.mentorIds[j] as string),
      capacity,
      deficit: needs.length - capacity,
    });
  }
  return shortfalls;
}

/**
 * Assigns mentors to needs: as many needs covered as possible and, among such assignments, the
 * least total cost. Uncovered needs come with shortfall certificates.
 * @throws {TwinningArgumentError} on duplicate need ids, duplicate or unknown candidate mentors,
 *   non-finite costs, or capacities that are not whole numbers >= 0.
 * @example
 * solveAssignment({
 *   needs: [
 *     { id: "A/acc", candidates: [{ mentor: "X", cost: 1 }, { mentor: "Y", cost: 3 }] },
 *     { id: "B/acc", candidates: [{ mentor: "X", cost: 1 }] },
 *   ],
 *   capacity: { X: 1, Y: 1 },
 * });
 * // { assignment: { "A/acc": "Y", "B/acc": "X" }, covered: 2, uncovered: [], cost: 4, shortfalls: [] }
 */
export function solveAssignment(problem: AssignmentProblem): AssignmentSolution {
  const compiled = compile(problem);
  const maximum = maximumAssignment(compiled);
  const { needIn, mentorIn } = deficientRegion(compiled, maximum);
  if (!doublesAreExact(compiled.edgeCost, 4 * (compiled.needIds.length + compiled.mentorIds.length + 2))) return exactFallback(compiled, needIn, mentorIn);
  const paths = new ShortestPaths(compiled, needIn, mentorIn);
  const outsideMentors = mentorIn.map((inside) => (inside ? 0 : 1));
  for (let need = 0; need < compiled.needIds.length; need++) {
    if (!needIn[need] && compiled.needStart[need] !== compiled.needStart[need + 1]) paths.routeNeed(need, outsideMentors);
  }
  for (let mentor = 0; mentor < compiled.mentorIds.length; mentor++) {
    if (!mentorIn[mentor]) continue;
    for (let slot = 0; slot < (compiled.capacity[mentor] as number); slot++) paths.fillMentor(mentor, needIn);
  }
  const { state } = paths;
  const entries: [string, string][] = [];
  const uncovered: string[] = [];
  let cost = 0;
  for (let need = 0; need < compiled.needIds.length; need++) {
    const mentor = state.needMentor[need] as number;
    const id = compiled.needIds[need] as string;
    if (mentor === -1) uncovered.push(id);
    else {
      entries.push([id, compiled.mentorIds[mentor] as string]);
      cost += compiled.edgeCost[state.needEdge[need] as number] as number;
    }
  }
  return {
    assignment: Object.fromEntries(entries),
    covered: entries.length,
    uncovered,
    cost,
    shortfalls: uncovered.length === 0 ? [] : shortfallsOf(compiled, needIn, mentorIn),
  };
}

/**
 * Costs whose double sums are not exact (a cost of -1e16 beside costs of 1, say): the same
 * lexicographic optimum from the flow model with the costs as exact BigInt integers.
 */
function exactFallback(compiled: Compiled, needIn: Uint8Array, mentorIn: Uint8Array): AssignmentSolution {
  const needs = compiled.needIds.map((id, i) => {
    const options: { mentor: string; cost: number }[] = [];
    for (let e = compiled.needStart[i] as number; e < (compiled.needStart[i + 1] as number); e++) {
      options.push({ mentor: compiled.mentorIds[compiled.edgeMentor[e] as number] as string, cost: compiled.edgeCost[e] as number });
    }
    return { key: id, topic: "", options };
  });
  const capacity = new Map(compiled.mentorIds.map((id, j) => [id, compiled.capacity[j] as number]));
  const { chosen } = solveFlowModel(needs, capacity, 0, undefined);
  const entries: [string, string][] = [];
  const uncovered: string[] = [];
  let cost = 0;
  needs.forEach((need) => {
    const mentor = chosen.get(need.key)?.[0];
    if (mentor === undefined) uncovered.push(need.key);
    else {
      entries.push([need.key, mentor]);
      cost += need.options.find((option) => option.mentor === mentor)?.cost ?? 0;
    }
  });
  return { assignment: Object.fromEntries(entries), covered: entries.length, uncovered, cost, shortfalls: uncovered.length === 0 ? [] : shortfallsOf(compiled, needIn, mentorIn) };
}
