/**
 * The lexicographic flow model (backups and per-topic limits) against HiGHS on the same problem,
 * national size: 20,000 needs, 5,000 mentors with capacities 4-10, 50 candidates per need,
 * backups: 1, with and without a per-topic limit. (With capacities 1-5, 15,000 slots for 20,000
 * needs, no backup can ever be placed and the second level says nothing; 4-10 gives about 35,000
 * slots for 40,000 units, so both levels bind.) HiGHS (npm `highs`, WebAssembly) solves the
 * three levels as three successive LPs over the same min-cost-flow polytope as solveFlowModel:
 *   1. minimise needs left without a mentor (the drop arcs of one unit per need);
 *   2. fix that, minimise backup slots left empty;
 *   3. fix both, minimise the total cost of the pairs.
 * The constraint matrix of each level is a network matrix plus the fixing rows, and the value of
 * each level equals the lexicographic optimum's (one weighted min-cost flow, which is integral),
 * so all three values must agree with solveFlowModel's.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import highsLoader from "highs";
import { type FlowModelNeed, solveFlowModel } from "../../src/plan/flowModel.js";
import { seededRandom } from "../helpers.js";
import type { BenchRow } from "./harness.js";

interface FlowProblem {
  needs: FlowModelNeed[];
  capacity: Map<string, number>;
  backups: number;
  topicLimit: number | undefined;
}

/** Random national problem: needs on `topics` topics, each with `perNeed` distinct candidate mentors, integer costs 1-100, capacities 4-10. */
export function randomFlowProblem(seed: number, needs: number, mentors: number, perNeed: number, topics: number, backups: number, topicLimit: number | undefined): FlowProblem {
  const random = seededRandom(seed);
  const mentorIds = Array.from({ length: mentors }, (_, j) => `m${j}`);
  return {
    needs: Array.from({ length: needs }, (_, i) => {
      const chosen = new Set<number>();
      while (chosen.size < perNeed) chosen.add(Math.floor(random() * mentors));
      return { key: `n${i}`, topic: `t${Math.floor(random() * topics)}`, options: [...chosen].map((j) => ({ mentor: mentorIds[j] as string, cost: 1 + Math.floor(random() * 100) })) };
    }),
    capacity: new Map(mentorIds.map((id) => [id, 4 + Math.floor(random() * 7)])),
    backups,
    topicLimit,
  };
}

/** Level values: needs with a mentor, units placed (primaries and backups), total cost. */
interface Levels {
  primaries: number;
  units: number;
  cost: number;
}

/** solveFlowModel's level values. */
export function levelsOf(problem: FlowProblem): Levels {
  const limit = problem.topicLimit;
  const result = solveFlowModel(problem.needs, problem.capacity, problem.backups, limit === undefined ? undefined : () => limit);
  let primaries = 0;
  let units = 0;
  let cost = 0;
  for (const need of problem.needs) {
    const mentors = result.chosen.get(need.key) ?? [];
    if (mentors.length > 0) primaries++;
    units += mentors.length;
    const costs = new Map(need.options.map((option) => [option.mentor, option.cost]));
    for (const mentor of mentors) cost += costs.get(mentor) ?? 0;
  }
  return { primaries, units, cost };
}

/** The flow polytope in CPLEX LP format with one objective and extra rows. */
function lpText(problem: FlowProblem, objective: "primary" | "backup" | "cost", fixed: string[]): string {
  const lines: string[] = [];
  const supply = 1 + problem.backups;
  const terms: string[] = [];
  const mentorTerms = new Map<string, string[]>();
  const poolTerms = new Map<string, string[]>();
  const rows: string[] = [];
  const bounds: string[] = [];
  problem.needs.forEach((need, i) => {
    const row: string[] = [];
    need.options.forEach((option, k) => {
      const variable = `x${i}_${k}`;
      row.push(variable);
      bounds.push(`${variable} <= 1`);
      if (objective === "cost") terms.push(`${option.cost} ${variable}`);
      const list = mentorTerms.get(option.mentor) ?? [];
      list.push(variable);
      mentorTerms.set(option.mentor, list);
      if (problem.topicLimit !== undefined) {
        const pool = `${option.mentor}_${need.topic}`;
        const poolList = poolTerms.get(pool) ?? [];
        poolList.push(variable);
        poolTerms.set(pool, poolList);
      }
    });
    row.push(`p${i}`);
    bounds.push(`p${i} <= 1`);
    if (objective === "primary") terms.push(`p${i}`);
    if (problem.backups > 0) {
      row.push(`b${i}`);
      bounds.push(`b${i} <= ${problem.backups}`);
      if (objective === "backup") terms.push(`b${i}`);
    }
    rows.push(` n${i}: ${row.join(" + ")} = ${supply}`);
  });
  for (const [mentor, list] of mentorTerms) rows.push(` c_${mentor}: ${list.join(" + ")} <= ${problem.capacity.get(mentor) ?? 0}`);
  for (const [pool, list] of poolTerms) rows.push(` l_${pool}: ${list.join(" + ")} <= ${problem.topicLimit}`);
  // Joined, not spread into push: a million bounds passed as arguments overflowed the stack, and
  // the HiGHS rows of (f) read "failed: Maximum call stack size exceeded" for several runs.
  return [...lines, "Minimize", ` obj: ${terms.length > 0 ? terms.join(" + ") : "0 p0"}`, "Subject To", rows.join("\n"), ...(fixed.length > 0 ? [fixed.join("\n")] : []), "Bounds", bounds.join("\n"), "End"].join("\n");
}

async function highsLevels(problem: FlowProblem): Promise<Levels & { ms: number; writeMs: number }> {
  const highs = await highsLoader();
  const n = problem.needs.length;
  let ms = 0;
  let writeMs = 0;
  const solve = (objective: "primary" | "backup" | "cost", fixed: string[]): number => {
    const writeStart = performance.now();
    const text = lpText(problem, objective, fixed);
    writeMs += performance.now() - writeStart;
    const start = performance.now();
    // Interior point (with crossover, HiGHS's default) was 2-4 times faster than simplex on these
    // degenerate levels at 2,000 needs.
    const result = highs.solve(text, { solver: "ipm", time_limit: HIGHS_LIMIT_S });
    ms += performance.now() - start;
    if (result.Status !== "Optimal") throw new Error(`HiGHS: ${result.Status} at level ${objective}`);
    return result.ObjectiveValue;
  };
  const drops = Math.round(solve("primary", []));
  const primaryRow = ` fix_p: ${problem.needs.map((_, i) => `p${i}`).join(" + ")} <= ${drops}`;
  const backupDrops = problem.backups > 0 ? Math.round(solve("backup", [primaryRow])) : 0;
  const fixed = problem.backups > 0 ? [primaryRow, ` fix_b: ${problem.needs.map((_, i) => `b${i}`).join(" + ")} <= ${backupDrops}`] : [primaryRow];
  const cost = solve("cost", fixed);
  return { primaries: n - drops, units: n * (1 + problem.backups) - drops - backupDrops, cost: Math.round(cost), ms, writeMs };
}

/** Time limits: solveFlowModel in a process of its own, and each HiGHS level. */
const OURS_LIMIT_MS = 300_000;
const HIGHS_LIMIT_S = 900;

/** solveFlowModel in a fresh process with a time limit (a slow solver says so instead of stalling the run). */
function oursTimed(needs: number, mentors: number, topicLimit: number | undefined): (Levels & { ms: number }) | string {
  try {
    const output = execFileSync(process.execPath, ["--max-old-space-size=4096", "--import", "tsx", join(import.meta.dirname, "plan-lp-ours.ts"), String(needs), String(mentors), topicLimit === undefined ? "" : String(topicLimit)], { encoding: "utf8", timeout: OURS_LIMIT_MS });
    return JSON.parse(output.trim().split("\n").pop() ?? "{}") as Levels & { ms: number };
  } catch (error) {
    const timedOut = error instanceof Error && "signal" in error && (error as { signal?: string }).signal === "SIGTERM";
    return timedOut ? `did not finish within ${OURS_LIMIT_MS / 1000} s` : `failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  }
}

const describeLevels = (levels: Levels) => `primaries ${levels.primaries}, units ${levels.units}, cost ${levels.cost}`;

/** `needs` and `mentors` scale the problem (the bench runs the national size; smaller for a quick check). */
export async function planLpBench(needs = 20_000, mentors = 5000): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const variants: [string, number | undefined][] = [
    ["backups: 1", undefined],
    ["backups: 1, topic limit 2 (12 topics)", 2],
  ];
  for (const [name, topicLimit] of variants) {
    const problem = randomFlowProblem(5, needs, mentors, 50, 12, 1, topicLimit);
    const size = `${needs.toLocaleString("en")} needs, ${mentors.toLocaleString("en")} mentors, ${(needs * 50).toLocaleString("en")} pairs, capacities 4-10, ${name}`;
    const mine = oursTimed(needs, mentors, topicLimit);
    if (typeof mine === "string") rows.push({ task: "lexicographic flow (f)", size, who: "twinning-network solveFlowModel", note: mine });
    else rows.push({ task: "lexicographic flow (f)", size, who: "twinning-network solveFlowModel", ms: mine.ms, result: describeLevels(mine), note: "one run in a process of its own" });
    let theirs: Awaited<ReturnType<typeof highsLevels>> | undefined;
    try {
      theirs = await highsLevels(problem);
    } catch (error) {
      rows.push({ task: "lexicographic flow (f)", size, who: "highs (HiGHS), three successive LPs", note: `failed: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    const agree = typeof mine !== "string" && mine.primaries === theirs.primaries && mine.units === theirs.units && mine.cost === theirs.cost;
    rows.push({
      task: "lexicographic flow (f)",
      size,
      who: "highs (HiGHS), three successive LPs",
      ms: theirs.ms,
      result: describeLevels(theirs),
      note: `interior point, one run of each level; plus ${(theirs.writeMs / 1000).toFixed(1)} s to write the LPs; ${typeof mine === "string" ? "not compared (solveFlowModel did not finish)" : agree ? "all three levels agree with solveFlowModel" : "levels DISAGREE with solveFlowModel"}`,
    });
  }
  return rows;
}
