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
import { ascending } from "../core/typedArrays.js";
import { type AssignmentArrays, assignmentArrays, deficientRegion, leastCostRouting, maximumAssignment } from "./assignmentPaths.js";
import { doublesAreExact, exactSum } from "./exactCosts.js";
import { solveFlowModel } from "./flowModel.js";

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
  /** Total cost of the assignment: the exact sum of the chosen candidates' costs, rounded once to a double (+-Infinity beyond about 1.8e308). */
  cost: number;
  /** Why needs are uncovered; the deficits add up to `uncovered.length`. Empty when all are covered. */
  shortfalls: AssignmentShortfall[];
}


interface Compiled extends AssignmentArrays {
  needIds: string[];
  mentorIds: string[];
}

function compile(problem: AssignmentProblem): Compiled {
  const name = "solveAssignment";
  if (problem === null || typeof problem !== "object" || !Array.isArray(problem.needs)) {
    throw new TwinningArgumentError(name, "expected { needs: [...], capacity: {...} }");
  }
  const capacityRecord = problem.capacity ?? {};
  const needs = [...problem.needs].sort((a, b) => ascending(a.id, b.id));
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
  const mentorIds = [...mentorSet].sort(ascending);
  const mentorIndex = new Map(mentorIds.map((id, index) => [id, index]));
  mentorIds.forEach((id) => {
    const value = capacityRecord[id];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new TwinningArgumentError(name, `capacity of ${JSON.stringify(id)} is ${showArgument(value)}; expected a whole number >= 0 (at most 2^53 - 1)`);
    }
  });
  const edgeCount = needs.reduce((sum, need) => sum + need.candidates.length, 0);
  const needStart = new Int32Array(needs.length + 1);
  const edgeMentor = new Int32Array(edgeCount);
  const edgeCost = new Float64Array(edgeCount);
  let e = 0;
  needs.forEach((need, i) => {
    needStart[i] = e;
    const candidates = [...need.candidates].sort((a, b) => ascending(a.mentor, b.mentor));
    for (const candidate of candidates) {
      edgeMentor[e] = mentorIndex.get(candidate.mentor) as number;
      edgeCost[e] = candidate.cost;
      e++;
    }
  });
  needStart[needs.length] = e;
  const slots = mentorIds.map((id) => capacityRecord[id] as number);
  return { needIds: needs.map((need) => need.id), mentorIds, ...assignmentArrays(needStart, edgeMentor, edgeCost, slots) };
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
  const paths = leastCostRouting(compiled, needIn, mentorIn);
  // Without a budget the searches always finish.
  if (paths === undefined) throw new Error("solveAssignment: internal error, searches without a budget gave up");
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
  const costs: number[] = [];
  needs.forEach((need) => {
    const mentor = chosen.get(need.key)?.[0];
    if (mentor === undefined) uncovered.push(need.key);
    else {
      entries.push([need.key, mentor]);
      costs.push(need.options.find((option) => option.mentor === mentor)?.cost ?? 0);
    }
  });
  return { assignment: Object.fromEntries(entries), covered: entries.length, uncovered, cost: exactSum(costs), shortfalls: uncovered.length === 0 ? [] : shortfallsOf(compiled, needIn, mentorIn) };
}
