/**
 * solveFlowModel on one plan-lp problem, alone in this process (so the bench can put a time limit
 * on it): prints its time and level values as JSON. Arguments: needs, mentors, topic limit ("" for none).
 */
import { randomFlowProblem, levelsOf } from "./plan-lp.bench.js";

const [needs = "20000", mentors = "5000", limit = ""] = process.argv.slice(2);
const problem = randomFlowProblem(5, Number(needs), Number(mentors), 50, 12, 1, limit === "" ? undefined : Number(limit));
const start = performance.now();
const levels = levelsOf(problem);
console.log(JSON.stringify({ ms: performance.now() - start, ...levels }));
