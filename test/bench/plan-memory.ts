/** Solves the national-scale problem alone in this process and prints its peak resident memory (MiB). */
import { solveAssignment } from "../../src/index.js";
import { randomAssignmentProblem } from "./plan.bench.js";

const national = randomAssignmentProblem(2, 20_000, 5000, 50, (random) => 1 + Math.floor(random() * 5));
const solution = solveAssignment(national);
console.log(JSON.stringify({ covered: solution.covered, cost: solution.cost, peakMiB: process.resourceUsage().maxRSS / 1024 }));
