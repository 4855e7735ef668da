/** `twinning-network plan`: a high-performing partner for every chosen topic; writes plan.csv. */
import { textTable } from "../../core/display.js";
import { assignPartners } from "../../plan/assignPartners.js";
import { COMMON_HELP, type Command, numberOption, stringOption } from "../command.js";

export const planCommand: Command = {
  name: "plan",
  summary: "a high-performing partner for every chosen topic; writes plan.csv",
  help: `Usage: twinning-network plan <folder> [--capacity N] [--period P] [--out DIR]

Gives every institution a high-performing partner (top third of its kind) for every topic it
chose, within mentor capacities, covering as many needs as possible at the least total cost.
Prints the pairs and every uncovered need with the reason; writes plan.csv.

  --capacity N    needs one mentor takes in total (default 3)
  --period P      period whose scores decide high performers (default: the latest per topic)
${COMMON_HELP}`,
  options: { capacity: { type: "string" }, period: { type: "string" } },
  check: (values) => void numberOption("plan", values, "capacity"),
  async run({ network, values, io, progress, save }) {
    const capacity = numberOption("plan", values, "capacity");
    const period = stringOption(values, "period");
    progress("planning partners");
    const plan = assignPartners(network, { ...(capacity !== undefined ? { capacity } : {}), ...(period !== undefined ? { period } : {}) });
    io.stdout(`${plan.covered} of ${plan.covered + plan.uncovered.length} needs covered${plan.optimal ? " (optimal)" : ""}; ${plan.uncovered.length} uncovered.\n\n`);
    io.stdout(`${textTable([{ label: "mentee", value: (p) => p.mentee }, { label: "topic", value: (p) => p.topic }, { label: "mentor", value: (p) => p.mentor }, { label: "why", value: (p) => p.reason }], plan.pairs)}\n`);
    if (plan.uncovered.length > 0) io.stdout(`\nUncovered needs:\n${plan.uncovered.map((n) => `  ${n.institution} / ${n.topic}: ${n.reason}`).join("\n")}\n`);
    await save("plan.csv", plan.toCSV());
  },
};
