/**
 * A design read off the user's own data, before the programme: the institutions a topic applies
 * to, the ones that chose it (expected choosers), and the indicator's variability between two
 * earlier periods (`from`, `to`): the between-institution SD and the baseline-endline
 * correlation, both pooled within the two groups so that a gap between choosers and the others
 * does not count as noise.
 *
 * SD: sqrt of the mean of the two periods' pooled variances. Then sd * sqrt(2 (1 - r)) is at least
 * the SD of the change actually observed when the two periods' SDs differ (s1 s2 <= (s1^2 + s2^2) / 2),
 * so the power it gives errs low.
 */
import { TwinningArgumentError } from "../../core/errors.js";
import { type OptionSchema, checkOptions } from "../../core/options.js";
import type { TwinningNetwork } from "../../model/network.js";
import { mean } from "../checks.js";
import { unitLabel } from "../compareChanges.js";
import { comparedTopic } from "../selectionEffect.js";
import type { EvaluationDesign, PowerTest } from "./design.js";

/** Options of designFromNetwork. */
export interface DesignFromNetworkOptions {
  topic: string;
  /** The earlier of two periods before the programme. */
  from: string;
  /** The later of the two. */
  to: string;
  /** The test to plan for (default `welch`). */
  test?: PowerTest;
  /** Topics tested together (default 1). */
  topics?: number;
  /** Significance level (default 0.05). */
  alpha?: number;
  /**
   * `group`: clusters are the institutions' groups (provinces); their number and the intraclass
   * correlation of the change (one-way ANOVA estimator, truncated at 0) go into the design.
   */
  clusterBy?: "group";
}

const SCHEMA: OptionSchema<DesignFromNetworkOptions> = {
  topic: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  test: { type: "enum", values: ["welch", "pooled", "permutation", "ancova", "cluster"] },
  topics: { type: "number", integer: true, min: 1 },
  alpha: { type: "number", above: 0, below: 1 },
  clusterBy: { type: "enum", values: ["group"] },
};

/** The design and what it was estimated from. */
export interface DesignEstimate {
  design: EvaluationDesign;
  /** Institutions with both periods' values, per group, that the SD and correlation rest on. */
  basis: { treated: number; control: number; from: string; to: string; topic: string };
  /** The intraclass correlation of the change as estimated, before truncation at 0 (clusterBy only). */
  iccEstimate?: number;
  warnings: string[];
}

/**
 * The design of an evaluation of one topic, with SD and correlation estimated from two earlier periods.
 * @throws {TwinningArgumentError} for an unknown topic or period, or fewer than 3 institutions with both values.
 * @example
 * const { design } = designFromNetwork(network, { topic: "accreditation", from: "2022", to: "2023" });
 * minimumDetectableEffect(design).toString()
 */
export function designFromNetwork(network: TwinningNetwork, options: DesignFromNetworkOptions): DesignEstimate {
  const name = "designFromNetwork";
  const o = checkOptions(name, options, SCHEMA);
  if (o.topic === undefined || o.from === undefined || o.to === undefined) throw new TwinningArgumentError(name, "topic, from and to are required");
  if (o.from === o.to) throw new TwinningArgumentError(name, "from and to must be two different periods");
  const topic = comparedTopic(network, name, { topic: o.topic, baseline: o.from, endline: o.to });
  const institutions = network.institutionsForTopic(topic.id);
  const sizes = { treated: 0, control: 0 };
  const pairs = { treated: [] as [number, number][], control: [] as [number, number][] };
  const changesByCluster = new Map<string, number[]>();
  const clusterLabels = new Set<string>();
  for (const institution of institutions) {
    const side = network.hasChosen(institution.id, topic.id) ? "treated" : "control";
    sizes[side]++;
    const before = network.score(institution.id, topic.id, o.from);
    const after = network.score(institution.id, topic.id, o.to);
    if (o.clusterBy === "group") {
      if (institution.group === undefined) throw new TwinningArgumentError(name, `${institution.id} has no group to cluster by`);
      clusterLabels.add(institution.group);
    }
    if (before !== undefined && after !== undefined) {
      pairs[side].push([before, after]);
      if (institution.group !== undefined) changesByCluster.set(institution.group, [...(changesByCluster.get(institution.group) ?? []), after - before]);
    }
  }
  const warnings: string[] = [];
  if (sizes.treated === 0 || sizes.control === 0) throw new TwinningArgumentError(name, `topic ${topic.id}: ${sizes.treated} institutions chose it and ${sizes.control} did not; both groups are needed`);
  // Within-group centred values, pooled.
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let groups = 0;
  let used = 0;
  for (const side of ["treated", "control"] as const) {
    const rows = pairs[side];
    if (rows.length === 0) continue;
    groups++;
    used += rows.length;
    const mx = mean(rows.map((r) => r[0]));
    const my = mean(rows.map((r) => r[1]));
    for (const [x, y] of rows) {
      sxx += (x - mx) ** 2;
      syy += (y - my) ** 2;
      sxy += (x - mx) * (y - my);
    }
  }
  if (used - groups < 2) throw new TwinningArgumentError(name, `topic ${topic.id}: only ${used} institutions have both ${o.from} and ${o.to} values; at least 3 are needed to estimate an SD and a correlation`);
  if (sxx === 0 || syy === 0) throw new TwinningArgumentError(name, `topic ${topic.id}: the values do not vary between institutions in ${sxx === 0 ? o.from : o.to}`);
  const df = used - groups;
  const sd = Math.sqrt((sxx / df + syy / df) / 2);
  const correlation = Math.min(0.999, sxy / Math.sqrt(sxx * syy));
  if (used < 10) warnings.push(`the SD and correlation rest on ${used} institutions; they are rough, and so is any power computed from them`);
  const missing = sizes.treated + sizes.control - used;
  if (missing > 0) warnings.push(`${missing} institution(s) lack a ${o.from} or ${o.to} value and are left out of the SD and correlation (but counted in the group sizes)`);
  let cluster: { clusters: number; icc: number; iccEstimate: number } | undefined;
  if (o.clusterBy === "group") {
    const estimate = intraclassCorrelation([...changesByCluster.values()]);
    if (Number.isNaN(estimate)) throw new TwinningArgumentError(name, `topic ${topic.id}: the intraclass correlation cannot be estimated (fewer than 2 groups with values, or one institution per group); give icc yourself`);
    if (clusterLabels.size < 2) throw new TwinningArgumentError(name, `topic ${topic.id}: the institutions fall in ${clusterLabels.size} group(s); clustering needs at least 2`);
    cluster = { clusters: clusterLabels.size, icc: Math.min(0.99, Math.max(0, estimate)), iccEstimate: estimate };
    warnings.push(`the intraclass correlation ${cluster.icc.toFixed(3)} of the change rests on ${changesByCluster.size} groups; with so few it is very rough, so try the design at larger values too`);
  }
  const design: EvaluationDesign = {
    treated: sizes.treated,
    control: sizes.control,
    sd,
    correlation,
    unit: unitLabel(topic.unit ?? "points"),
    ...(o.test !== undefined ? { test: o.test } : {}),
    ...(o.topics !== undefined ? { topics: o.topics } : {}),
    ...(o.alpha !== undefined ? { alpha: o.alpha } : {}),
    ...(cluster !== undefined ? { clusters: cluster.clusters, icc: cluster.icc } : {}),
  };
  return Object.freeze({
    design: Object.freeze(design),
    basis: Object.freeze({ treated: pairs.treated.length, control: pairs.control.length, from: o.from, to: o.to, topic: topic.id }),
    ...(cluster !== undefined ? { iccEstimate: cluster.iccEstimate } : {}),
    warnings,
  });
}

/**
 * One-way ANOVA estimator of the intraclass correlation (unbalanced groups):
 * (MSB - MSW) / (MSB + (n0 - 1) MSW), n0 = (N - sum n_g^2 / N) / (G - 1). NaN when it is undefined.
 */
function intraclassCorrelation(groups: readonly (readonly number[])[]): number {
  const used = groups.filter((g) => g.length > 0);
  const g = used.length;
  const n = used.reduce((sum, x) => sum + x.length, 0);
  if (g < 2 || n - g < 1) return Number.NaN;
  const grand = mean(used.flat());
  let between = 0;
  let within = 0;
  for (const values of used) {
    const m = mean(values);
    between += values.length * (m - grand) ** 2;
    for (const v of values) within += (v - m) ** 2;
  }
  const msb = between / (g - 1);
  const msw = within / (n - g);
  const n0 = (n - used.reduce((sum, x) => sum + x.length ** 2, 0) / n) / (g - 1);
  return (msb - msw) / (msb + (n0 - 1) * msw);
}
