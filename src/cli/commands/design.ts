/**
 * `twinning-network design`: before a programme starts, what could its evaluation detect? For each
 * topic (or one), the group sizes from who chose it, the indicator's SD and baseline-endline
 * correlation from two earlier periods of the data, and the minimum detectable effect at the
 * target power (and the power at --effect); writes design.csv.
 */
import { csvText } from "../../core/csv.js";
import { TwinningArgumentError } from "../../core/errors.js";
import { type TwinningNetwork, topicNamed } from "../../model/network.js";
import { POWER_TESTS, type EvaluationDesign, type PowerTest } from "../../effects/power/design.js";
import { designFromNetwork } from "../../effects/power/designFromNetwork.js";
import { evaluationPower, minimumDetectableEffect } from "../../effects/power/evaluationPower.js";
import { COMMON_HELP, type Command, type OptionValues, UsageError, numberOption, stringOption } from "../command.js";
import { checkedPeriods } from "./evaluate.js";

const NAME = "design";

function testOption(values: OptionValues): PowerTest {
  const test = values.test ?? "welch";
  if (typeof test !== "string" || !(POWER_TESTS as readonly string[]).includes(test)) throw new UsageError(`${NAME}: --test expects ${POWER_TESTS.join(", ")}, got "${String(test)}"`);
  return test as PowerTest;
}

function numbers(values: OptionValues) {
  const n = (name: string) => numberOption(NAME, values, name);
  const result = {
    topics: n("topics"),
    alpha: n("alpha"),
    power: n("power"),
    effect: n("effect"),
    treated: n("treated"),
    control: n("control"),
    sd: n("sd"),
    correlation: n("correlation"),
    clusters: n("clusters"),
    icc: n("icc"),
    simulations: n("simulations"),
    seed: n("seed"),
  };
  if ((result.treated === undefined) !== (result.control === undefined)) throw new UsageError(`${NAME}: give --treated and --control together`);
  if ((result.sd === undefined) !== (result.correlation === undefined)) throw new UsageError(`${NAME}: give --sd and --correlation together`);
  return result;
}

const HEADER = [
  "topic",
  "test",
  "treated",
  "control",
  "unit",
  "sd",
  "correlation",
  "sd_change",
  "alpha",
  "topics",
  "adjusted_alpha",
  "target_power",
  "mde",
  "mde_sd_change",
  "mde_method",
  "mde_tolerance",
  "effect",
  "power_at_effect",
  "power_mc_se",
  "warnings",
];

function topicsToRun(network: TwinningNetwork, topic: string | undefined): string[] {
  if (topic !== undefined) {
    // The command's own name and a did-you-mean (it printed "designFromNetwork: unknown topic"; new-user trial).
    try {
      topicNamed(network, `${NAME}: --topic`, topic);
    } catch (error) {
      if (error instanceof TwinningArgumentError) throw new UsageError(error.message);
      throw error;
    }
    return [topic];
  }
  return network.topics.map((t) => t.id);
}

export const designCommand: Command = {
  name: NAME,
  outputs: ["design.csv"],
  summary: "power and the smallest detectable effect of a planned evaluation; writes design.csv",
  help: `Usage: twinning-network design <folder> --from P --to Q [--topic T] [--test welch] [--out DIR]

Before a programme starts: what could its evaluation detect? For each topic (or --topic T), the
institutions that chose it against the others, the indicator's SD and baseline-endline
correlation estimated between two earlier periods P and Q (pooled within the two groups), and
the smallest difference in change detectable at the target power. Alpha is divided by the
number of topics designed (Bonferroni, Holm's first step). A topic that cannot be designed (too
few institutions for the test, no variation...) is skipped and not counted; design.csv has a row
for it with the reason ("not designed: ...") and no numbers, as effects.csv has in evaluate.
Writes design.csv.

  --from P          the earlier of two periods before the programme (required)
  --to Q            the later of the two (required)
  --topic T         one topic (default: every topic)
  --test NAME       welch (default), pooled, permutation, ancova or cluster
  --topics M        topics tested together (default: the number of topics designed)
  --alpha A         significance level before the adjustment (default 0.05)
  --power P         target power (default 0.8)
  --effect X        also the power to detect X (indicator units)
  --treated N --control M      group sizes instead of those in the data
  --sd S --correlation R       variability instead of the estimate from P and Q
  --clusters G --icc R         clusters and the intraclass correlation of the change; for
                               --test cluster they default to the data's groups (its group column)
                               and the ICC of the change between P and Q estimated over them
  --simulations N   simulated data sets where no formula applies (default 2000)
  --seed S          seed of the simulation (default 0)
${COMMON_HELP}`,
  options: {
    from: { type: "string" },
    to: { type: "string" },
    topic: { type: "string" },
    test: { type: "string" },
    topics: { type: "string" },
    alpha: { type: "string" },
    power: { type: "string" },
    effect: { type: "string" },
    treated: { type: "string" },
    control: { type: "string" },
    sd: { type: "string" },
    correlation: { type: "string" },
    clusters: { type: "string" },
    icc: { type: "string" },
    simulations: { type: "string" },
    seed: { type: "string" },
  },
  check(values) {
    testOption(values);
    numbers(values);
    if (values.from === undefined || values.to === undefined) throw new UsageError(`${NAME}: --from P and --to Q (two periods before the programme) are required`);
  },
  async run({ network, csv, values, io, progress, save }) {
    const from = stringOption(values, "from") as string;
    const to = stringOption(values, "to") as string;
    const test = testOption(values);
    const o = numbers(values);
    const only = stringOption(values, "topic");
    const topics = topicsToRun(network, only);
    // Periods checked before any topic, as evaluate checks them: reversed or equal periods made
    // every topic "skipped", exit 0 (new-user trial).
    checkedPeriods(NAME, network, from, to, ["--from", "--to"]);
    const simulation = { ...(o.simulations !== undefined ? { simulations: o.simulations } : {}), ...(o.seed !== undefined ? { seed: o.seed } : {}) };
    const skipped = new Map<string, string>();
    const estimates: [string, ReturnType<typeof designFromNetwork>][] = [];
    for (const topic of topics) {
      progress(`topic ${topic}: estimating the design from ${from} and ${to}`);
      try {
        estimates.push([topic, designFromNetwork(network, { topic, from, to, ...(test === "cluster" && o.clusters === undefined ? { clusterBy: "group" as const } : {}) })]);
      } catch (error) {
        // One topic: its problem is the answer. Every topic: skip the ones that cannot be designed.
        if (only !== undefined || !(error instanceof TwinningArgumentError)) throw error;
        skipped.set(topic, error.message.replace(/^designFromNetwork: /, ""));
      }
    }
    type Designed = { topic: string; estimated: ReturnType<typeof designFromNetwork>; mde: ReturnType<typeof minimumDetectableEffect>; power: ReturnType<typeof evaluationPower> | undefined };
    type Skipped = { topic: string; reason: string };
    /** The detectable effect (and power) of each topic with alpha divided by m, or why it cannot be had. */
    const designWith = (family: typeof estimates, m: number): (Designed | Skipped)[] =>
      family.map(([topic, estimated]): Designed | Skipped => {
        const design: EvaluationDesign = {
          ...estimated.design,
          ...(o.treated !== undefined ? { treated: o.treated, control: o.control } : {}),
          ...(o.sd !== undefined ? { sd: o.sd, correlation: o.correlation } : {}),
          ...(o.clusters !== undefined ? { clusters: o.clusters } : {}),
          ...(o.icc !== undefined ? { icc: o.icc } : {}),
          ...(o.alpha !== undefined ? { alpha: o.alpha } : {}),
          topics: m,
          test,
        };
        try {
          const mde = minimumDetectableEffect(design, { ...(o.power !== undefined ? { power: o.power } : {}), ...simulation });
          const power = o.effect === undefined ? undefined : evaluationPower(design, { effect: o.effect, ...simulation });
          return { topic, estimated, mde, power };
        } catch (error) {
          // As above: a topic too small for the chosen test is skipped and said, the others go on.
          if (only !== undefined || !(error instanceof TwinningArgumentError)) throw error;
          return { topic, reason: error.message.replace(/^(minimumDetectableEffect|evaluationPower): (design: )?/, "") };
        }
      });
    // The family is the topics reported, as evaluate's is the topics it estimates: a topic skipped
    // here divided alpha too (new-user trial). Without --topics, the topics skipped at a family size
    // leave it and the rest are designed again at the smaller one, until none is skipped (a
    // smaller family raises alpha / topics, which can only be refused by a target power below it).
    let family = estimates;
    let results = designWith(family, o.topics ?? family.length);
    for (;;) {
      const failed = results.filter((result): result is Skipped => "reason" in result);
      for (const result of failed) skipped.set(result.topic, result.reason);
      if (failed.length === 0) break;
      family = family.filter(([topic]) => !skipped.has(topic));
      if (o.topics !== undefined) {
        results = results.filter((result) => !("reason" in result));
        break;
      }
      results = designWith(family, family.length);
    }
    const rows: unknown[][] = [];
    const lines: string[] = [];
    const reported = new Map(results.flatMap((result) => ("reason" in result ? [] : [[result.topic, result] as const])));
    for (const topic of topics) {
      const result = reported.get(topic);
      if (result === undefined) {
        lines.push(`${topic}: skipped: ${skipped.get(topic)}`);
        continue;
      }
      const { estimated, mde, power } = result;
      const warnings = [...new Set([...estimated.warnings, ...mde.warnings, ...(power?.warnings ?? [])])];
      const d = mde.design;
      lines.push(`${topic}: ${mde.toString()}`);
      if (power !== undefined) lines.push(`  ${power.toString()}`);
      for (const warning of warnings) lines.push(`  warning: ${warning}`);
      rows.push([
        topic,
        test,
        d.treated,
        d.control,
        mde.unit,
        d.sd,
        d.correlation,
        d.sdChange,
        d.alpha,
        d.topics,
        d.adjustedAlpha,
        mde.targetPower,
        Number.isFinite(mde.effect) ? mde.effect : "none",
        Number.isFinite(mde.standardizedEffect) ? mde.standardizedEffect : "none",
        mde.method,
        mde.toleranceInUnit,
        o.effect,
        power?.power,
        power?.monteCarloSE,
        warnings.join("; "),
      ]);
    }
    // A row per skipped topic after the others, with its reason and no numbers, as effects.csv has
    // for a topic evaluate cannot estimate: a topic left out of design.csv read as never asked about.
    for (const topic of topics) {
      const reason = skipped.get(topic);
      if (reason !== undefined) rows.push([topic, ...Array(HEADER.length - 2), `not designed: ${reason}`]);
    }
    io.stdout(`${lines.join("\n")}\n`);
    await save("design.csv", csvText(HEADER, rows, csv));
  },
};
