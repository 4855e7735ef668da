/** `twinning-network evaluate`: choosers against the others, baseline to endline; writes effects.csv. */

import { TwinningArgumentError } from "../../core/errors.js";
import { estimatesText } from "../../effects/EffectEstimate.js";
import { comparedPeriods, type PeriodChoice, selectionEffects } from "../../effects/selectionEffect.js";
import type { TwinningNetwork } from "../../model/network.js";
import { COMMON_HELP, type Command, stringOption, UsageError, unknownPeriod } from "../command.js";
import { effectsCSV } from "../dataWarnings.js";

/** The --adjust option: holm (default) or bh. */
export function adjustOption(command: string, values: Record<string, unknown>): "holm" | "bh" {
  const adjust = values.adjust ?? "holm";
  if (adjust !== "holm" && adjust !== "bh") throw new UsageError(`${command}: --adjust expects holm or bh, got "${String(adjust)}"`);
  return adjust;
}

/**
 * A --baseline or --endline value: one period, or several separated by commas (averaged per
 * institution); a period id that itself holds a comma ("Q3, 2021") is that period.
 */
export function periodOption(command: string, values: Record<string, unknown>, name: string, periodIds: readonly string[]): PeriodChoice {
  const text = stringOption(values as Record<string, string | boolean | undefined>, name) as string;
  if (periodIds.includes(text.trim())) return text.trim();
  const parts = text.split(",").map((part) => part.trim());
  if (parts.some((part) => part === "")) throw new UsageError(`${command}: --${name}: empty period name in "${text}"`);
  return parts.length === 1 ? (parts[0] as string) : parts;
}

/**
 * The compared periods, checked before any work: a period the data do not have (with the nearest
 * one) or a declared order reversed is a wrong command line.
 */
export function checkedPeriods(command: string, network: TwinningNetwork, baseline: PeriodChoice, endline: PeriodChoice, names = ["--baseline", "--endline"]): ReturnType<typeof comparedPeriods> {
  for (const [option, choice] of [[names[0] as string, baseline], [names[1] as string, endline]] as const) {
    for (const period of typeof choice === "string" ? [choice] : choice) if (!network.periodIds.includes(period)) throw unknownPeriod(command, option.slice(2), period, network.periodIds);
  }
  try {
    return comparedPeriods(network, command, { baseline, endline });
  } catch (error) {
    if (error instanceof TwinningArgumentError) throw new UsageError(error.message.replace(new RegExp(`^${command}: `), `${command}: ${names.join("/")}: `));
    throw error;
  }
}

export const evaluateCommand: Command = {
  name: "evaluate",
  outputs: ["effects.csv"],
  summary: "choosers versus the others, baseline to endline; writes effects.csv",
  help: `Usage: twinning-network evaluate <folder> --baseline P --endline Q [--adjust holm|bh] [--out DIR]

For every topic: institutions that chose it against those that did not, change from period P
to Q; difference in mean change (pp for % indicators) with Welch's interval, Hedges' g, an
exact permutation p and Holm-adjusted p across the topics estimated. Writes effects.csv, whose
warnings column also carries the warnings about the data ("data: ..."): on a topic's row those
naming it, on every row those about the data as a whole. A topic that cannot be estimated (a
group of fewer than 2, no variation) has a row with the reason ("not estimated: ...") and no numbers.
P and Q are period ids of periods.csv (the example's are baseline and endline); several
periods separated by commas are averaged per institution (e.g. --baseline 2022-01,2022-02).

  --baseline P    the period before (required)
  --endline Q     the period after (required)
  --adjust M      holm (default, family-wise) or bh (false discovery rate)
${COMMON_HELP}`,
  options: { baseline: { type: "string" }, endline: { type: "string" }, adjust: { type: "string" } },
  check(values) {
    adjustOption("evaluate", values);
    if (values.baseline === undefined || values.endline === undefined) throw new UsageError("evaluate: --baseline P and --endline Q are required");
  },
  async run({ network, csv, values, io, progress, save }) {
    const baseline = periodOption("evaluate", values, "baseline", network.periodIds);
    const endline = periodOption("evaluate", values, "endline", network.periodIds);
    const checked = checkedPeriods("evaluate", network, baseline, endline);
    if (checked.warning !== undefined) io.stderr(`twinning-network evaluate: warning: ${checked.warning}\n`);
    const what = (choice: PeriodChoice) => (typeof choice === "string" ? choice : choice.join(" + "));
    progress(`comparing ${what(baseline)} with ${what(endline)} on every topic (exact permutation tests)`);
    let shown = 0;
    const effects = selectionEffects(network, {
      baseline,
      endline,
      adjust: adjustOption("evaluate", values),
      onProgress: (done) => {
        if (done - shown >= 0.25 || (done === 1 && shown < 1)) {
          shown = done;
          progress(`evaluated ${Math.round(done * 100)}%`);
        }
      },
    });
    io.stdout(`${estimatesText(effects.estimates, effects.skipped)}\n`);
    // The loader's warnings were printed before; effects.csv carries them too (dataWarnings.ts).
    await save("effects.csv", effectsCSV(effects, network, csv));
  },
};
