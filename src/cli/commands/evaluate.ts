/** `twinning-network evaluate`: choosers against the others, baseline to endline; writes effects.csv. */
import { estimatesText } from "../../effects/EffectEstimate.js";
import { selectionEffects } from "../../effects/selectionEffect.js";
import { COMMON_HELP, type Command, UsageError, stringOption } from "../command.js";

/** The --adjust option: holm (default) or bh. */
export function adjustOption(command: string, values: Record<string, unknown>): "holm" | "bh" {
  const adjust = values.adjust ?? "holm";
  if (adjust !== "holm" && adjust !== "bh") throw new UsageError(`${command}: --adjust expects holm or bh, got "${String(adjust)}"`);
  return adjust;
}

export const evaluateCommand: Command = {
  name: "evaluate",
  outputs: ["effects.csv"],
  summary: "choosers versus the others, baseline to endline; writes effects.csv",
  help: `Usage: twinning-network evaluate <folder> --baseline P --endline Q [--adjust holm|bh] [--out DIR]

For every topic: institutions that chose it against those that did not, change from period P
to Q; difference in mean change (pp for % indicators) with Welch's interval, Hedges' g, an
exact permutation p and Holm-adjusted p across topics. Writes effects.csv.

  --baseline P    the period before (required)
  --endline Q     the period after (required)
  --adjust M      holm (default, family-wise) or bh (false discovery rate)
${COMMON_HELP}`,
  options: { baseline: { type: "string" }, endline: { type: "string" }, adjust: { type: "string" } },
  check(values) {
    adjustOption("evaluate", values);
    if (values.baseline === undefined || values.endline === undefined) throw new UsageError("evaluate: --baseline P and --endline Q are required");
  },
  async run({ network, values, io, progress, save }) {
    const baseline = stringOption(values, "baseline") as string;
    const endline = stringOption(values, "endline") as string;
    progress(`comparing ${baseline} with ${endline} on every topic (exact permutation tests)`);
    const effects = selectionEffects(network, { baseline, endline, adjust: adjustOption("evaluate", values) });
    io.stdout(`${estimatesText(effects.estimates, effects.skipped)}\n`);
    await save("effects.csv", effects.toCSV());
  },
};
