/** `twinning-network flow`: teachers, learners, brokers and isolated institutions; writes flow.csv, GEXF and GraphML. */
import { formatNumber } from "../../core/display.js";
import { knowledgeFlow } from "../../flow/knowledgeFlow.js";
import { graphPositions } from "../../flow/layout.js";
import { toGEXF, toGraphML } from "../../io/write/graphExports.js";
import { COMMON_HELP, type Command, numberOption, stringOption } from "../command.js";

export const flowCommand: Command = {
  name: "flow",
  outputs: ["flow.csv", "network.gexf", "network.graphml"],
  summary: "teachers, learners, brokers and isolated institutions; writes flow.csv",
  help: `Usage: twinning-network flow <folder> [--topic T] [--seed S] [--out DIR]

Knowledge-flow metrics of the peer network (mentor -> mentee contact, weight = strength):
teachers (HITS hub), learners (authority), brokers (betweenness), isolated institutions.
Writes flow.csv, network.gexf (Gephi) and network.graphml.

  --topic T       only partnerships and activities on topic T
  --seed S        seed of Louvain's communities and the layout (default 0)
${COMMON_HELP}`,
  options: { topic: { type: "string" }, seed: { type: "string" } },
  check: (values) => void numberOption("flow", values, "seed"),
  async run({ network, csv, values, io, progress, save }) {
    const seed = numberOption("flow", values, "seed") ?? 0;
    const topic = stringOption(values, "topic");
    progress("computing knowledge-flow metrics");
    const flow = knowledgeFlow(network, { seed, ...(topic !== undefined ? { topic } : {}) });
    // A ranking is printed only where someone scores above zero: five "teachers" with hub 0 say nothing.
    const top = (metric: "hub" | "authority" | "betweenness", label: string) => {
      const rows = flow.top(metric, 5).filter((row) => (row[metric] ?? 0) > 0);
      if (rows.length === 0) return `${label}: none (no one scores above zero)\n`;
      return `${label}:\n${rows.map((row) => `  ${row.name ?? row.id} (${metric} ${formatNumber(row[metric], 4)})`).join("\n")}\n`;
    };
    io.stdout(`${flow.graph.nodes} institutions, ${flow.graph.edges} contacts, ${flow.graph.communities} communities.\n`);
    if (flow.graph.edges === 0) io.stdout("No contacts recorded: no partnerships or activities link these institutions, so nobody teaches, learns or brokers yet.\n");
    else io.stdout(`${top("hub", "Teachers")}${top("authority", "Learners")}${top("betweenness", "Brokers")}`);
    io.stdout(`Isolated: ${flow.graph.isolates.join(", ") || "none"}\n`);
    await save("flow.csv", flow.toCSV(csv));
    progress("writing GEXF and GraphML");
    const positions = graphPositions(network, seed);
    await save("network.gexf", toGEXF(network, { flow, positions }));
    await save("network.graphml", toGraphML(network, { flow, positions }));
  },
};
