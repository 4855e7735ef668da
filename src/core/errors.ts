/**
 * Errors thrown by twinning-network. Tests and callers check the class (and, for input problems,
 * each issue's stable `code`), never the wording of a message.
 */

/** Where an input problem was found and what it is. Every field but `code` and `message` is optional. */
export interface InputIssue {
  /** Stable machine-readable code, e.g. `unknown-institution`; see {@link InputIssueCode}. */
  code: InputIssueCode;
  /** One readable sentence: where, what was expected, what came. */
  message: string;
  /** File name (e.g. `scores.csv`) when the data came from a file, else the collection (`scores`). */
  file?: string;
  /** 1-based physical line in the file where the offending record starts (CSV only). */
  line?: number;
  /** 1-based data record number (the header is not counted), or array index + 1 for objects. */
  row?: number;
  /** Column (field) name. */
  column?: string;
  /** 1-based column position in the CSV header. */
  columnNumber?: number;
  /** The offending value, as it was written. */
  value?: string;
  /** What was expected instead. */
  expected?: string;
}

/** The stable machine-readable codes of input problems (`InputIssue.code`). */
export type InputIssueCode =
  | "missing-file"
  | "empty-file"
  | "csv-syntax"
  | "field-count"
  | "missing-column"
  | "unknown-column"
  | "duplicate-column"
  | "empty-value"
  | "duplicate-id"
  | "duplicate-row"
  | "unknown-institution"
  | "unknown-topic"
  | "unknown-period"
  | "not-a-number"
  | "not-finite"
  | "out-of-range"
  | "invalid-range"
  | "invalid-value"
  | "kind-mismatch"
  | "self-partnership"
  | "malformed-date"
  | "not-an-array"
  | "json-syntax"
  | "duplicate-file"
  /** Numbers in a column that fail only because they use a decimal comma: one issue per column. */
  | "decimal-comma"
  /** Bytes that are not text in the expected encoding (UTF-8 unless told otherwise). */
  | "invalid-encoding"
  /** A file the loader sees but cannot read (an .xls or .ods workbook, say). */
  | "unsupported-file"
  /** A file larger than the loader reads into memory. */
  | "file-too-large"
  /** More issues of one code than are listed: `value` is how many more, `expected` names the code. */
  | "more-issues";

/**
 * Base class of every error this library throws on purpose.
 * @example
 * try { assignPartners(network, { capacity: -1 }); } catch (error) { if (error instanceof TwinningError) console.error(error.message); }
 */
export class TwinningError extends Error {
  override name = "TwinningError";
}

/**
 * The input data had problems. All of them are collected in `issues` before this is thrown, so a
 * user fixes a file once, not once per problem.
 * @example
 * try { parseNetwork(files); } catch (error) { if (error instanceof TwinningInputError) for (const issue of error.issues) console.error(issue.file, issue.line, issue.message); }
 */
export class TwinningInputError extends TwinningError {
  override name = "TwinningInputError";
  readonly issues: readonly InputIssue[];

  constructor(where: string, issues: readonly InputIssue[]) {
    const shown = issues.slice(0, 20).map((issue) => `  - ${issue.message}`);
    if (issues.length > shown.length) shown.push(`  ... and ${issues.length - shown.length} more (see .issues)`);
    super(`${where}: ${issues.length} input problem${issues.length === 1 ? "" : "s"}\n${shown.join("\n")}`);
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
  }
}

/**
 * A bad argument to a function (not data from a file): names the function and what it needs.
 * @example
 * betweenness(graph, { weight: "missing" }); // throws TwinningArgumentError naming betweenness and the edge
 */
export class TwinningArgumentError extends TwinningError {
  override name = "TwinningArgumentError";
  constructor(functionName: string, message: string) {
    super(`${functionName}: ${message}`);
  }
}

/**
 * A problem has no solution of the kind asked for (e.g. a pinned pair that breaks a capacity).
 * @example
 * assignPartners(network, { capacity: 1, pin: [a, b] }); // two pins on one mentor: TwinningInfeasibleError
 */
export class TwinningInfeasibleError extends TwinningError {
  override name = "TwinningInfeasibleError";
}

/**
 * An iterative method did not converge within its iteration limit.
 * @example
 * eigenvector(acyclicGraph); // no dominant eigenvalue: TwinningConvergenceError
 */
export class TwinningConvergenceError extends TwinningError {
  override name = "TwinningConvergenceError";
}
