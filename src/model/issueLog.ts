/**
 * Issues collected while reading, capped per code: the first {@link ISSUES_PER_CODE} of each code
 * are kept, the rest only counted and summarised in one `more-issues` issue per code. A file with
 * a million bad cells is reported in bounded memory and time instead of crashing.
 */
import { grouped } from "../core/display.js";
import type { InputIssue, InputIssueCode } from "../core/errors.js";

/**
 * How many issues of one code are listed; the rest are counted in one `more-issues` issue.
 * @example
 * result.issues.filter((issue) => issue.code === "not-a-number").length <= ISSUES_PER_CODE // true
 */
export const ISSUES_PER_CODE = 1000;

export class IssueLog {
  readonly #issues: InputIssue[] = [];
  readonly #counts = new Map<InputIssueCode, number>();

  /** Whether an issue of this code would still be listed (callers skip building its message when not). */
  wants(code: InputIssueCode): boolean {
    return (this.#counts.get(code) ?? 0) < ISSUES_PER_CODE;
  }

  add(issue: InputIssue): void {
    const count = (this.#counts.get(issue.code) ?? 0) + 1;
    this.#counts.set(issue.code, count);
    if (count <= ISSUES_PER_CODE) this.#issues.push(issue);
  }

  /** Adds an issue whose message is "<where>: expected <issue.expected>, got <got>". */
  expect(issue: Omit<InputIssue, "message"> & { expected: string }, where: string, got: string): void {
    this.add({ ...issue, message: `${where}: expected ${issue.expected}, got ${got}` });
  }

  /** Counts one more issue of a code without describing it (it is beyond the cap). */
  count(code: InputIssueCode): void {
    this.#counts.set(code, (this.#counts.get(code) ?? 0) + 1);
  }

  addAll(issues: Iterable<InputIssue>): void {
    for (const issue of issues) this.add(issue);
  }

  get size(): number {
    let total = 0;
    for (const count of this.#counts.values()) total += count;
    return total;
  }

  /** Whether any issue of this code has been recorded. */
  has(code: InputIssueCode): boolean {
    return this.#counts.has(code);
  }

  /** The listed issues followed by one summary per code that went over the cap. */
  issues(): InputIssue[] {
    const result = this.#issues.slice();
    for (const [code, count] of this.#counts) {
      if (count <= ISSUES_PER_CODE) continue;
      const rest = count - ISSUES_PER_CODE;
      result.push({
        code: "more-issues",
        value: String(rest),
        expected: `at most ${ISSUES_PER_CODE} issues of code ${code} listed`,
        message: `... and ${grouped(rest)} more ${code} issues, not listed (the first ${grouped(ISSUES_PER_CODE)} are)`,
      });
    }
    return result;
  }
}
