/**
 * Ordinary least squares with heteroskedasticity-robust (HC2, HC3; MacKinnon & White 1985) or
 * cluster-robust (CR1; Cameron, Gelbach & Miller 2008) standard errors, on ml-matrix.
 * HC: t with n - k degrees of freedom (as statsmodels); CR1: the factor G/(G-1) (n-1)/(n-k) and
 * t with G - 1 degrees of freedom, never normal critical values for few clusters.
 *
 * Rank is decided relative to scale: columns are scaled to unit length, then orthogonalised in
 * order (modified Gram-Schmidt, twice); a column whose remainder is below 1e-10 of its length is
 * aliased with the columns before it. Aliased columns are an error by default, or dropped with
 * `aliased: "drop"` (their coefficients are then NaN and listed in `aliased`), which gives the
 * estimable coefficients, standard errors and n - rank df of a pseudo-inverse fit (statsmodels).
 */
import { inverse, Matrix, QrDecomposition } from "ml-matrix";
import { TwinningArgumentError } from "../core/errors.js";
import { checkOptions } from "../core/options.js";
import { checkSample, magnitude, unitScale, ZERO_SPREAD } from "./checks.js";

/** Sandwich covariance: HC2, HC3 (heteroscedasticity-robust) or CR1 (cluster-robust). */
export type Covariance = "HC2" | "HC3" | "CR1";

/** Coefficients, robust standard errors, intervals and p-values of an OLS fit. */
export interface RobustFit {
  /** One per column; NaN for an aliased (dropped) column. */
  coefficients: number[];
  standardErrors: number[];
  df: number;
  covariance: Covariance;
  /** Clusters (CR1 only). */
  clusters?: number;
  /** Indices of columns dropped as linear combinations of earlier ones (`aliased: "drop"`). */
  aliased: number[];
}

/** Options of robustOLS. */
export interface RobustOLSOptions {
  /** Aliased (collinear) columns: `error` (default) or `drop` them and fit the rest. */
  aliased?: "error" | "drop";
}

/** Relative length below which a column's part outside the earlier columns counts as zero. */
const ALIASED = 1e-10;

/**
 * A column's Euclidean length, scaled by its largest value first: squares of 1e155 overflowed and of
 * 1e-200 underflowed, so a healthy column was "a linear combination of the others" (review).
 */
function euclidean(column: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < column.length; i++) largest = Math.max(largest, Math.abs(column[i] as number));
  let sum = 0;
  for (let i = 0; i < column.length; i++) sum += ((column[i] as number) / largest) ** 2;
  return largest * Math.sqrt(sum);
}

/** Indices of the columns that are not linear combinations of earlier ones, judged on unit-length columns. */
export function independentColumns(columns: readonly Float64Array[]): number[] {
  const basis: Float64Array[] = [];
  const kept: number[] = [];
  columns.forEach((column, index) => {
    const length = euclidean(column);
    if (!(length > 0)) return;
    const v = column.map((value) => value / length);
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        let dot = 0;
        for (let i = 0; i < v.length; i++) dot += (v[i] as number) * (q[i] as number);
        for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) - dot * (q[i] as number);
      }
    }
    let rest = 0;
    for (const value of v) rest += value * value;
    rest = Math.sqrt(rest);
    if (rest <= ALIASED) return;
    basis.push(v.map((value) => value / rest));
    kept.push(index);
  });
  return kept;
}

/**
 * Ordinary least squares with HC2, HC3 or CR1 standard errors; agrees with statsmodels.
 * @throws {TwinningArgumentError} for a rank-deficient design (unless `aliased: "drop"`), too few
 *   observations, leverage 1 (HC2/HC3), or a degenerate cluster sandwich: as few clusters as
 *   coefficients, or cluster scores that cancel (e.g. treatment constant within clusters with one
 *   cluster in a group), where CR1 would print a near-zero standard error.
 * @example robustOLS([[1, 0], [1, 1], [1, 2], [1, 3]], [1, 3, 2, 5], "HC2").coefficients
 */
export function robustOLS(rows: readonly (readonly number[])[], y: readonly number[], covariance: Covariance, clusters?: readonly string[], options: RobustOLSOptions = {}): RobustFit {
  const name = "robustOLS";
  const n = rows.length;
  const width = rows[0]?.length ?? 0;
  if (y.length !== n) throw new TwinningArgumentError(name, `${n} rows but ${y.length} responses`);
  // A NaN or an infinity gave NaN coefficients (in y) or a "singular design" (in a row), silently or wrongly.
  checkSample(name, "y", y, 1);
  for (const [i, row] of rows.entries()) checkSample(name, `rows[${i}]`, row, 1);
  const aliasedMode = checkOptions<RobustOLSOptions>(name, options, { aliased: { type: "enum", values: ["error", "drop"] } }).aliased ?? "error";
  // Columns scaled to unit length (and y by a power of two): rank and fit do not depend on units.
  const columns = Array.from({ length: width }, (_, c) => Float64Array.from(rows, (row) => row[c] as number));
  const kept = independentColumns(columns);
  const aliased = Array.from({ length: width }, (_, c) => c).filter((c) => !kept.includes(c));
  if (aliased.length > 0 && aliasedMode === "error") {
    throw new TwinningArgumentError(name, `the design matrix is singular: column${aliased.length > 1 ? "s" : ""} ${aliased.join(", ")} ${aliased.length > 1 ? "are linear combinations" : "is a linear combination"} of the others (relative to their scale)`);
  }
  const k = kept.length;
  if (n <= k) throw new TwinningArgumentError(name, `needs more observations (${n}) than coefficients (${k})`);
  const lengths = kept.map((c) => euclidean(columns[c] as Float64Array));
  const yLargest = magnitude(y);
  const yScale = unitScale(yLargest);
  const X = new Matrix(rows.map((row) => kept.map((c, j) => (row[c] as number) / (lengths[j] as number))));
  const Y = Matrix.columnVector(y.map((value) => value * yScale));
  // Householder QR, X = Q R: the coefficients, leverages and sandwich come from Q (orthonormal)
  // and R^-1, so they lose digits as cond(X), not as cond(X)^2 through the normal equations (a
  // baseline column of 1e6 +- 1 beside the intercept gave an HC2 error of 50 for 0.21; review of
  // stop 19). Var(beta) = R^-1 (Q' W Q) R^-T, the same sandwich as (X'X)^-1 X' W X (X'X)^-1.
  const qr = new QrDecomposition(X);
  const Q = qr.orthogonalMatrix;
  let rInverse: Matrix;
  try {
    rInverse = inverse(qr.upperTriangularMatrix);
  } catch {
    throw new TwinningArgumentError(name, "the design matrix is singular (a covariate is constant or collinear)");
  }
  const beta = qr.solve(Y);
  const residuals = Y.sub(X.mmul(beta)).to1DArray();
  // An exact fit leaves residuals of rounding size; judged on the response's scale (as a constant
  // sample's variance is) they are 0, so the standard errors are 0 rather than noise.
  const exactFit = residuals.every((r) => Math.abs(r) <= ZERO_SPREAD * yLargest * yScale);
  if (exactFit) residuals.fill(0);
  let meat = new Matrix(k, k);
  let df = n - k;
  let clusterCount: number | undefined;
  if (covariance === "CR1") {
    if (clusters === undefined || clusters.length !== n) throw new TwinningArgumentError(name, "CR1 needs one cluster label per observation");
    const groups = new Map<string, number[]>();
    for (const [i, label] of clusters.entries()) {
      const members = groups.get(label);
      if (members === undefined) groups.set(label, [i]);
      else members.push(i);
    }
    const g = groups.size;
    if (g < 2) throw new TwinningArgumentError(name, "CR1 needs at least 2 clusters");
    if (g <= k) throw new TwinningArgumentError(name, `CR1 needs more clusters than coefficients; got ${g} cluster${g === 1 ? "" : "s"} for ${k} coefficients, so the cluster sandwich is degenerate`);
    // A regressor constant within clusters (a cluster-level treatment) needs each of its values in
    // at least two clusters; with one, that group's variation never enters the sandwich.
    kept.forEach((c) => {
      const values = new Map<number, Set<number>>();
      let clusterLevel = true;
      let index = 0;
      for (const members of groups.values()) {
        const first = X.get(members[0] as number, kept.indexOf(c));
        if (members.some((i) => X.get(i, kept.indexOf(c)) !== first)) {
          clusterLevel = false;
          break;
        }
        const set = values.get(first) ?? new Set<number>();
        set.add(index++);
        values.set(first, set);
      }
      // Indicators only: a continuous covariate with one observation per cluster is no cluster-level treatment (it was refused; review).
      if (!clusterLevel || values.size !== 2) return;
      for (const [, clustersWithValue] of values) {
        if (clustersWithValue.size < 2) {
          throw new TwinningArgumentError(name, `the cluster-robust variance is degenerate: column ${c} is constant within clusters and one of its values occurs in a single cluster, so that group's variation never enters the sandwich`);
        }
      }
    });
    // Per coefficient: the clusters' summed scores against the observations' own (HC0) scores.
    // When the cluster sums cancel (relative to scale), CR1 would print a near-zero error.
    const influence = rInverse.mmul(Q.transpose()); // (X'X)^-1 X', k x n
    // An exact fit (residuals 0) has no error to cancel: its errors are 0, as under HC2 (it was
    // refused as "scores cancel"; review).
    for (let c = 0; c < k && !exactFit; c++) {
      let own = 0;
      let clustered = 0;
      for (const members of groups.values()) {
        let sum = 0;
        for (const i of members) {
          const z = influence.get(c, i) * (residuals[i] as number);
          own += z * z;
          sum += z;
        }
        clustered += sum * sum;
      }
      if (!(clustered > 1e-20 * own) || own === 0) {
        throw new TwinningArgumentError(name, `the cluster-robust variance of coefficient ${kept[c]} is degenerate: its scores cancel within clusters (e.g. the treatment is constant within clusters and a group has a single cluster), so no standard error can be estimated`);
      }
    }
    for (const members of groups.values()) {
      const score = new Matrix(1, k);
      for (const i of members) for (let c = 0; c < k; c++) score.set(0, c, score.get(0, c) + Q.get(i, c) * (residuals[i] as number));
      meat = meat.add(score.transpose().mmul(score));
    }
    meat = meat.mul(((g / (g - 1)) * (n - 1)) / (n - k));
    df = g - 1;
    clusterCount = g;
  } else {
    for (let i = 0; i < n; i++) {
      const row = Q.getRowVector(i);
      const h = row.dot(row);
      if (h >= 1 - 1e-12) throw new TwinningArgumentError(name, `observation ${i} has leverage 1; ${covariance} is undefined`);
      const weight = (residuals[i] as number) ** 2 / (covariance === "HC2" ? 1 - h : (1 - h) ** 2);
      meat = meat.add(row.transpose().mmul(row).mul(weight));
    }
  }
  const sandwich = rInverse.mmul(meat).mmul(rInverse.transpose());
  const coefficients = new Array<number>(width).fill(Number.NaN);
  const standardErrors = new Array<number>(width).fill(Number.NaN);
  kept.forEach((c, j) => {
    const length = lengths[j] as number;
    coefficients[c] = beta.get(j, 0) / length / yScale;
    standardErrors[c] = Math.sqrt(Math.max(0, sandwich.get(j, j))) / length / yScale;
    // A column of subnormal size (1e-310) has a coefficient past the double range: NaN was returned
    // silently; one of 1e300 beside a response of 1e-300 underflowed to 0, an "exact" 0 (review).
    const lost = (value: number, scaled: number) => !Number.isFinite(value) || (scaled !== 0 && Math.abs(value) < 2.2250738585072014e-308);
    if (lost(coefficients[c] as number, beta.get(j, 0)) || lost(standardErrors[c] as number, sandwich.get(j, j))) throw new TwinningArgumentError(name, `column ${c}: its coefficient is beyond the double range; rescale it`);
  });
  return { coefficients, standardErrors, df, covariance, ...(clusterCount !== undefined ? { clusters: clusterCount } : {}), aliased };
}
