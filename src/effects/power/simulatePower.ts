/**
 * Power by seeded simulation, with the test functions the library runs on real data: welchTTest,
 * permutationTest, robustOLS (ANCOVA with HC2; CR1 by cluster). Null data sets are drawn once
 * (normal institutions; clusters as a shared normal effect with the design's intraclass
 * correlation) and the effect is added to the treated group, so every effect is judged on the
 * same data sets (common random numbers): the simulated power curve is a step function, smooth
 * enough to invert for the minimum detectable effect.
 *
 * For the t-based tests (Welch, pooled, ANCOVA, cluster-robust) adding an effect delta to the
 * treated group's outcome moves the estimate by exactly delta and leaves the residuals, hence the
 * standard error and df, unchanged; so each data set is analysed once, and the rejection at any
 * delta is |estimate_0 + delta| / se > t(1 - alpha/2, df). The permutation test is rerun at each
 * effect (its null distribution moves with the data).
 */
import { grouped } from "../../core/display.js";
import { SeededRandom } from "../../core/random.js";
import { mean, variance } from "../checks.js";
import { tQuantile } from "../distributions/studentT.js";
import { robustOLS } from "../regression.js";
import { binomial, permutationTest } from "../resampling/permutationTest.js";
import { welchTTest } from "../welchTTest.js";
import type { ResolvedDesign } from "./design.js";

/** How the simulation runs. */
export interface SimulationSettings {
  /** Simulated data sets. */
  simulations: number;
  seed: number;
  /** Enumerate every split when there are at most this many; else Monte Carlo permutations. */
  permutationExactLimit: number;
  /** Monte Carlo permutations per data set above the limit. */
  permutationResamples: number;
}

/** Simulated power at one effect: the share of data sets where the test rejected, and its Monte Carlo SE. */
export interface SimulatedPower {
  power: number;
  rejections: number;
  simulations: number;
  /** sqrt(p (1 - p) / simulations). */
  monteCarloSE: number;
}

/** Simulated power at any effect (indicator units), on one fixed set of simulated data sets. */
export interface Simulator {
  /** Power at a true difference in change given in SDs of the change. */
  power(standardizedEffect: number): SimulatedPower;
  /** How each data set was tested, e.g. "welchTTest on 2,000 simulated data sets, seed 1". */
  method: string;
}

/** A seeded standard normal stream (Box-Muller on SeededRandom). */
export class NormalStream {
  readonly #random: SeededRandom;
  #spare: number | undefined;

  constructor(seed: number) {
    this.#random = new SeededRandom(seed);
  }

  next(): number {
    if (this.#spare !== undefined) {
      const value = this.#spare;
      this.#spare = undefined;
      return value;
    }
    const u = 1 - this.#random.next(); // (0, 1]
    const v = this.#random.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

function summary(rejections: number, simulations: number): SimulatedPower {
  const power = rejections / simulations;
  return { power, rejections, simulations, monteCarloSE: Math.sqrt((power * (1 - power)) / simulations) };
}

/** One null data set: changes of both groups, or baseline and endline for ANCOVA, and cluster labels. */
interface NullData {
  treated: number[];
  control: number[];
  beforeTreated?: number[];
  beforeControl?: number[];
  clusters?: string[];
}

function drawNull(design: ResolvedDesign, normal: NormalStream): NullData {
  const { treated: n1, control: n2, sdChange, sdRatio } = design;
  if (design.test === "ancova") {
    const sd = design.sd as number;
    const rho = design.correlation as number;
    const pair = (scale: number) => {
      const before = scale * normal.next();
      return [before, rho * before + scale * Math.sqrt(1 - rho * rho) * normal.next()] as const;
    };
    const t = Array.from({ length: n1 }, () => pair(sd * sdRatio));
    const c = Array.from({ length: n2 }, () => pair(sd));
    return { treated: t.map((p) => p[1]), control: c.map((p) => p[1]), beforeTreated: t.map((p) => p[0]), beforeControl: c.map((p) => p[0]) };
  }
  if (design.clusters !== undefined) {
    const g = design.clusters;
    const shared = Array.from({ length: g }, () => Math.sqrt(design.icc) * sdChange * normal.next());
    const own = Math.sqrt(1 - design.icc) * sdChange;
    const clusterOf = (k: number) => k % g;
    const treated = Array.from({ length: n1 }, (_, k) => (shared[clusterOf(k)] as number) + own * sdRatio * normal.next());
    const control = Array.from({ length: n2 }, (_, k) => (shared[clusterOf(n1 + k)] as number) + own * normal.next());
    return { treated, control, clusters: Array.from({ length: n1 + n2 }, (_, k) => `c${clusterOf(k)}`) };
  }
  return { treated: Array.from({ length: n1 }, () => sdChange * sdRatio * normal.next()), control: Array.from({ length: n2 }, () => sdChange * normal.next()) };
}

/** Estimate at effect 0, its standard error and the critical |t| of one analysed null data set. */
interface Analysed {
  estimate: number;
  standardError: number;
  critical: number;
}

function analyse(design: ResolvedDesign, data: NullData): { estimate: number; standardError: number; df: number } {
  switch (design.test) {
    case "welch": {
      const w = welchTTest(data.treated, data.control);
      return { estimate: w.estimate, standardError: w.standardError, df: w.df };
    }
    case "pooled": {
      const n1 = data.treated.length;
      const n2 = data.control.length;
      const pooled = ((n1 - 1) * variance(data.treated) + (n2 - 1) * variance(data.control)) / (n1 + n2 - 2);
      return { estimate: mean(data.treated) - mean(data.control), standardError: Math.sqrt(pooled * (1 / n1 + 1 / n2)), df: n1 + n2 - 2 };
    }
    case "ancova": {
      const rows = [...(data.beforeTreated as number[]).map((b) => [1, b, 1]), ...(data.beforeControl as number[]).map((b) => [1, b, 0])];
      const fit = robustOLS(rows, [...data.treated, ...data.control], "HC2");
      return { estimate: fit.coefficients[2] as number, standardError: fit.standardErrors[2] as number, df: fit.df };
    }
    default: {
      // cluster: change ~ 1 + group, CR1 by cluster, t with G - 1 df (as compareChanges).
      const rows = [...data.treated.map(() => [1, 1]), ...data.control.map(() => [1, 0])];
      const fit = robustOLS(rows, [...data.treated, ...data.control], "CR1", data.clusters);
      return { estimate: fit.coefficients[1] as number, standardError: fit.standardErrors[1] as number, df: fit.df };
    }
  }
}

/** Splits of the permutation test, and whether the simulation enumerates them all. */
export function permutationPlan(design: ResolvedDesign, settings: SimulationSettings): { splits: number; exact: boolean; resamples: number } {
  const splits = binomial(design.treated + design.control, design.treated);
  const exact = splits <= settings.permutationExactLimit;
  // Monte Carlo p-values cannot go below 1 / (B + 1) per tail: keep B large enough for alpha / topics.
  const tail = design.alternative === "two-sided" ? design.adjustedAlpha / 2 : design.adjustedAlpha;
  const resamples = Math.max(settings.permutationResamples, Math.ceil(20 / tail) - 1);
  return { splits, exact, resamples };
}

/**
 * A simulator of the design's test, seeded.
 * @example simulator(resolveDesign("x", { treated: 4, control: 6, sdChange: 1 }), settings).power(1.5).power
 */
export function simulator(given: ResolvedDesign, settings: SimulationSettings): Simulator {
  // Drawn in SDs of the change, effects given in them: every test is scale-free, and data drawn
  // at a subnormal SD lost digits (a detectable effect of 2.50 SDs for 2.32; review).
  const design: ResolvedDesign = { ...given, sdChange: 1, ...(given.sd !== undefined ? { sd: given.sd / given.sdChange } : {}) };
  const normal = new NormalStream(settings.seed);
  const data: NullData[] = Array.from({ length: settings.simulations }, () => drawNull(design, normal));
  const sets = `on ${grouped(settings.simulations)} simulated data sets, seed ${settings.seed}`;
  if (design.test === "permutation") {
    const plan = permutationPlan(design, settings);
    const alternative = design.alternative;
    const method = plan.exact
      ? `permutationTest (exact, ${grouped(plan.splits)} splits) ${sets}`
      : `permutationTest (Monte Carlo, ${grouped(plan.resamples)} permutations each, as the ${grouped(plan.splits)} splits exceed ${grouped(settings.permutationExactLimit)}) ${sets}`;
    return {
      method,
      power(shift: number): SimulatedPower {
        let rejections = 0;
        for (const [i, set] of data.entries()) {
          const shifted = set.treated.map((value) => value + shift);
          const test = permutationTest(shifted, set.control, { alternative, exactLimit: settings.permutationExactLimit, resamples: plan.resamples, seed: (settings.seed + i) % 2 ** 32 });
          if (test.pValue <= design.adjustedAlpha) rejections++;
        }
        return summary(rejections, data.length);
      },
    };
  }
  const tail = design.alternative === "two-sided" ? design.adjustedAlpha / 2 : design.adjustedAlpha;
  const critical = new Map<number, number>();
  const analysed: Analysed[] = data.map((set) => {
    const { estimate, standardError, df } = analyse(design, set);
    let c = critical.get(df);
    if (c === undefined) {
      c = tQuantile(1 - tail, df);
      critical.set(df, c);
    }
    return { estimate, standardError, critical: c };
  });
  const functions = { welch: "welchTTest", pooled: "the pooled t", ancova: "robustOLS (HC2)", cluster: `robustOLS (CR1, ${design.clusters} clusters)`, permutation: "" };
  return {
    method: `${functions[design.test]} ${sets}`,
    power(shift: number): SimulatedPower {
      let rejections = 0;
      for (const a of analysed) {
        const t = (a.estimate + shift) / a.standardError;
        if (design.alternative === "two-sided" ? Math.abs(t) > a.critical : t > a.critical) rejections++;
      }
      return summary(rejections, analysed.length);
    },
  };
}
