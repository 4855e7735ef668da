/** `twinning-network report`: one HTML page with the tables and pictures of all three jobs, and every export. */
import { join } from "node:path";
import { asList, type PeriodChoice, selectionEffects } from "../../effects/selectionEffect.js";
import { knowledgeFlow } from "../../flow/knowledgeFlow.js";
import { graphPositions } from "../../flow/layout.js";
import { toGEXF, toGraphML } from "../../io/write/graphExports.js";
import { assignPartners } from "../../plan/assignPartners.js";
import { FIRST_APPEARANCE } from "../../model/readers/periods.js";
import { reportHTML } from "../../view/index.js";
import { COMMON_HELP, type Command, stringOption, UsageError } from "../command.js";
import { effectsCSV } from "../dataWarnings.js";
import { adjustOption, checkedPeriods, periodOption } from "./evaluate.js";
import { PLAN_CLI_HELP, PLAN_CLI_OPTIONS, checkPlanValues, planOptionsFrom, planPeriodText } from "./plan.js";

export const reportCommand: Command = {
  name: "report",
  outputs: ["index.html", "plan.csv", "flow.csv", "effects.csv", "network.gexf", "network.graphml", "network.json"],
  summary: "one HTML page with the tables and pictures of all three; --out DIR",
  help: `Usage: twinning-network report <folder> --out DIR [--baseline P] [--endline Q] [plan options]

Runs plan, flow and evaluate and writes DIR/index.html (one self-contained page with tables
and pictures) beside plan.csv, flow.csv, effects.csv, network.gexf, network.graphml and
network.json. Baseline and endline default to the first and last period when their time order
is known (dates, DHIS2 periods or periods.csv); when it is only the order the periods first appear
in the files, give both. Several periods separated by commas are averaged per institution, as in
evaluate (e.g. --baseline 2022-01,2022-02). The plan takes the same options as the plan command.

Report options:
  --baseline P          the period before (default: the first, when the periods' order is known)
  --endline Q           the period after (default: the last, when the periods' order is known)
  --adjust M            holm (default, family-wise) or bh (false discovery rate), as in evaluate

${PLAN_CLI_HELP}
${COMMON_HELP}`,
  options: { baseline: { type: "string" }, endline: { type: "string" }, adjust: { type: "string" }, ...PLAN_CLI_OPTIONS },
  requiresOut: true,
  check: (values) => {
    adjustOption("report", values);
    checkPlanValues("report", values);
  },
  async run({ network, csv, folder, out, values, io, progress, save }) {
    // A period, or several separated by commas and averaged per institution, as evaluate takes
    // them (an id that itself holds a comma is that period); by default the first and the last.
    const choice = (name: "baseline" | "endline", fallback: string): PeriodChoice => {
      const text = stringOption(values, name)?.trim();
      if (text === undefined) return fallback;
      return periodOption("report", values, name, network.periodIds);
    };
    const baseline = choice("baseline", network.periodIds[0] as string);
    const endline = choice("endline", network.periodIds.at(-1) as string);
    // With one period of data and no periods asked for there is nothing to compare: the report
    // keeps the plan and the flow and says why the evaluation is missing (effects.csv is not written).
    const onePeriod = network.periodIds.length < 2 && values.baseline === undefined && values.endline === undefined;
    // The first and last periods are the defaults only when their order is known: taken from first
    // appearance, a file listing the endline's rows first reversed every estimate (new-user trial).
    if (!onePeriod && (values.baseline === undefined || values.endline === undefined) && network.warnings.some((warning) => warning.startsWith(FIRST_APPEARANCE))) {
      throw new UsageError(`report: the periods' time order is only the order they first appear in the files (${network.periodIds.join(", ")}), so the first and the last are no safe baseline and endline; give --baseline and --endline, or list the periods in periods.csv`);
    }
    // The periods are checked before the plan, as evaluate does (a typo was found after the plan).
    if (!onePeriod) {
      const { warning } = checkedPeriods("report", network, baseline, endline);
      if (warning !== undefined) io.stderr(`twinning-network report: warning: ${warning}\n`);
    }
    const { options, previousNote, warnings, periodSource } = await planOptionsFrom("report", values, network, onePeriod || typeof endline !== "string" ? undefined : endline);
    for (const warning of warnings) io.stderr(`twinning-network report: warning: ${warning}\n`);
    if (previousNote !== undefined) progress(previousNote);
    progress(`planning partners; ${planPeriodText(network, options.period, periodSource)}`);
    const plan = assignPartners(network, options);
    progress("computing knowledge-flow metrics");
    const flow = knowledgeFlow(network);
    if (onePeriod) io.stdout(`No evaluation: the data hold ${network.periodIds.length} period(s), and comparing needs a baseline and an endline.\n`);
    else progress(`comparing ${asList(baseline).join(" + ")} with ${asList(endline).join(" + ")} on every topic`);
    const effects = onePeriod ? undefined : selectionEffects(network, { baseline, endline, adjust: adjustOption("report", values) });
    progress("drawing pictures and writing the report");
    await save("index.html", reportHTML({ network, plan, flow, ...(effects !== undefined ? { effects, baseline, endline } : {}), dataFolder: folder }));
    await save("plan.csv", plan.toCSV(csv));
    await save("flow.csv", flow.toCSV(csv));
    if (effects !== undefined) await save("effects.csv", effectsCSV(effects, network, csv));
    const positions = graphPositions(network);
    await save("network.gexf", toGEXF(network, { flow, positions }));
    await save("network.graphml", toGraphML(network, { flow, positions }));
    await save("network.json", `${JSON.stringify(network, null, 1)}\n`);
    io.stdout(`Report: ${join(out, "index.html")}\n`);
  },
};
