/**
 * Ordinary least squares with heteroskedasticity-robust (HC2, HC3; MacKinnon & White 1985) or
 * cluster-robust (CR1; Cameron, Gelbach & Miller 2008) standard errors, on ml-matrix.
 * HC: t with n - k degrees of freedom (as statsmodels); CR1: the factor G/(G-1) (n-1)/(n-k) and
 * t with G - 1 degrees of freedom, never normal critical values for few clusters.
 */
import { Matrix, inverse } from "ml-matrix";
import { TwinningArgumentError } from "../core/errors.js";

/** Sandwich covariance: HC2, HC3 (heteroscedasticity-robust) or CR1 (cluster-robust). */
export type Covariance = "HC2" | "HC3" | "CR1";

/** Coefficients, robust standard errors, intervals and p-values of an OLS fit. */
export interface RobustFit {
  coefficients: number[];
  standardErrors: number[];
  df: number;
  covariance: Covariance;
  /** Clusters (CR1 only). */
  clusters?: number;
}

/**
 * Ordinary least squares with HC2, HC3 or CR1 standard errors; agrees with statsmodels.
 * @example robustOLS([[1, 0], [1, 1], [1, 2], [1, 3]], [1, 3, 2, 5], "HC2").coefficients
 */
export function robustOLS(rows: readonly (readonly number[])[], y: readonly number[], covariance: Covariance, clusters?: readonly string[]): RobustFit {
  const name = "robustOLS";
  const n = rows.length;
  const k = rows[0]?.length ?? 0;
  if (n <= k) throw new TwinningArgumentError(name, `needs more observations (${n}) than coefficients (${k})`);
  const X = new Matrix(rows.map((row) => [...row]));
  const Y = Matrix.columnVector([...y]);
  const Xt = X.transpose();
  let bread: Matrix;
  try {
    bread = inverse(Xt.mmul(X));
  } catch {
    throw new TwinningArgumentError(name, "the design matrix is singular (a covariate is constant or collinear)");
  }
  const beta = bread.mmul(Xt).mmul(Y);
  const residuals = Y.sub(X.mmul(beta)).to1DArray();
  let meat = new Matrix(k, k);
  let df = n - k;
  let clusterCount: number | undefined;
  if (covariance === "CR1") {
    if (clusters === undefined || clusters.length !== n) throw new TwinningArgumentError(name, "CR1 needs one cluster label per observation");
    const groups = new Map<string, number[]>();
    for (const [i, label] of clusters.entries()) groups.set(label, [...(groups.get(label) ?? []), i]);
    const g = groups.size;
    if (g < 2) throw new TwinningArgumentError(name, "CR1 needs at least 2 clusters");
    for (const members of groups.values()) {
      const score = new Matrix(1, k);
      for (const i of members) for (let c = 0; c < k; c++) score.set(0, c, score.get(0, c) + X.get(i, c) * (residuals[i] as number));
      meat = meat.add(score.transpose().mmul(score));
    }
    meat = meat.mul(((g / (g - 1)) * (n - 1)) / (n - k));
    df = g - 1;
    clusterCount = g;
  } else {
    const hat = X.mmul(bread).mmul(Xt);
    for (let i = 0; i < n; i++) {
      const h = hat.get(i, i);
      if (h >= 1 - 1e-12) throw new TwinningArgumentError(name, `observation ${i} has leverage 1; ${covariance} is undefined`);
      const weight = (residuals[i] as number) ** 2 / (covariance === "HC2" ? 1 - h : (1 - h) ** 2);
      const row = X.getRowVector(i);
      meat = meat.add(row.transpose().mmul(row).mul(weight));
    }
  }
  const sandwich = bread.mmul(meat).mmul(bread);
  return {
    coefficients: beta.to1DArray(),
    standardErrors: Array.from({ length: k }, (_, c) => Math.sqrt(sandwich.get(c, c))),
    df,
    covariance,
    ...(clusterCount !== undefined ? { clusters: clusterCount } : {}),
  };
}
