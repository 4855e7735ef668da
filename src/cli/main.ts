/**
 * The `twinning-network` command, for people whose data live in spreadsheets: plan, flow,
 * evaluate and report over a folder of CSV files. `main` takes the arguments and two writers and
 * returns the exit code, so tests run it in-process; bin.ts connects it to the process.
 * Exit codes: 0 done, 1 the data have problems (each printed with file, line and column),
 * 2 a wrong command line.
 */
import { parseArgs } from "node:util";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { TwinningArgumentError, TwinningError, TwinningInputError } from "../errors.js";
import { selectionEffects } from "../effects/selectionEffect.js";
import { knowledgeFlow } from "../flow/knowledgeFlow.js";
import { toGEXF, toGraphML } from "../io/exportGraph.js";
import { safeLoadNetwork } from "../io/loadNetwork.js";
import type { TwinningNetwork } from "../model/network.js";
import { assignPartners } from "../plan/planPartners.js";
import { textTable } from "../view/display.js";
import { reportHTML } from "../view/report.js";
import { estimatesText } from "../view/results.js";

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const VERSION = "0.1.0";

const COMMON = `Common options:
  --out DIR       where to write files (default: the current folder; report: required)
  --quiet         no progress lines on standard error
  --help          this help`;

const HELP: Record<string, string> = {
  main: `twinning-network ${VERSION}: plan and evaluate twinning partnership networks.

Usage: twinning-network <command> <folder> [options]

Commands:
  plan <folder>       a high-performing partner for every chosen topic; writes plan.csv
  flow <folder>       teachers, learners, brokers and isolated institutions; writes flow.csv
  evaluate <folder>   choosers versus the others, baseline to endline; writes effects.csv
  report <folder>     one HTML page with the tables and pictures of all three; --out DIR

<folder> holds institutions, topics, scores and interests (and optionally periods,
partnerships and activities) as .csv or .json files; see the README's data format.
Run "twinning-network <command> --help" for a command's options.`,
  plan: `Usage: twinning-network plan <folder> [--capacity N] [--period P] [--out DIR]

Gives every institution a high-performing partner (top third of its kind) for every topic it
chose, within mentor capacities, covering as many needs as possible at the least total cost.
Prints the pairs and every uncovered need with the reason; writes plan.csv.

  --capacity N    needs one mentor takes in total (default 3)
  --period P      period whose scores decide high performers (default: the latest per topic)
${COMMON}`,
  flow: `Usage: twinning-network flow <folder> [--topic T] [--seed S] [--out DIR]

Knowledge-flow metrics of the peer network (mentor -> mentee contact, weight = strength):
teachers (HITS hub), learners (authority), brokers (betweenness), isolated institutions.
Writes flow.csv, network.gexf (Gephi) and network.graphml.

  --topic T       only partnerships and activities on topic T
  --seed S        seed of Louvain's communities and the layout (default 0)
${COMMON}`,
  evaluate: `Usage: twinning-network evaluate <folder> --baseline P --endline Q [--adjust holm|bh] [--out DIR]

For every topic: institutions that chose it against those that did not, change from period P
to Q; difference in mean change (pp for % indicators) with Welch's interval, Hedges' g, an
exact permutation p and Holm-adjusted p across topics. Writes effects.csv.

  --baseline P    the period before (required)
  --endline Q     the period after (required)
  --adjust M      holm (default, family-wise) or bh (false discovery rate)
${COMMON}`,
  report: `Usage: twinning-network report <folder> --out DIR [--baseline P] [--endline Q]

Runs plan, flow and evaluate and writes DIR/index.html (one self-contained page with tables
and pictures) beside plan.csv, flow.csv, effects.csv, network.gexf, network.graphml and
network.json. Baseline and endline default to the first and last period.
${COMMON}`,
};

class UsageError extends Error {}

/** Runs one command; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const started = performance.now();
  let quiet = false;
  const progress = (step: string) => {
    if (!quiet) io.stderr(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${step}\n`);
  };
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
        quiet: { type: "boolean", short: "q" },
        out: { type: "string" },
        capacity: { type: "string" },
        period: { type: "string" },
        topic: { type: "string" },
        seed: { type: "string" },
        baseline: { type: "string" },
        endline: { type: "string" },
        adjust: { type: "string" },
      },
    });
    quiet = values.quiet === true;
    const [command, folder, ...extra] = positionals;
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (command === undefined || command === "help") {
      io.stdout(`${HELP.main}\n`);
      return command === undefined && !values.help ? 2 : 0;
    }
    const help = HELP[command];
    if (help === undefined || command === "main") throw new UsageError(`unknown command "${command}"; expected plan, flow, evaluate or report`);
    if (values.help) {
      io.stdout(`${help}\n`);
      return 0;
    }
    if (folder === undefined) throw new UsageError(`${command}: expected a data folder`);
    if (extra.length > 0) throw new UsageError(`${command}: unexpected argument "${extra[0]}"`);
    const number = (name: string, text: string | undefined): number | undefined => {
      if (text === undefined) return undefined;
      const value = Number(text);
      if (text.trim() === "" || !Number.isFinite(value)) throw new UsageError(`${command}: --${name} expects a number, got "${text}"`);
      return value;
    };
    const out = resolve(values.out ?? (command === "report" ? "" : "."));
    if (command === "report" && values.out === undefined) throw new UsageError("report: --out DIR is required");

    const adjust = values.adjust ?? "holm";
    if (adjust !== "holm" && adjust !== "bh") throw new UsageError(`${command}: --adjust expects holm or bh, got "${adjust}"`);
    if (command === "evaluate" && (values.baseline === undefined || values.endline === undefined)) throw new UsageError("evaluate: --baseline P and --endline Q are required");

    const capacity = number("capacity", values.capacity);
    const seed = number("seed", values.seed) ?? 0;

    progress(`reading ${folder}`);
    const loaded = await safeLoadNetwork(folder);
    if (!loaded.ok) {
      io.stderr(`twinning-network ${command}: ${loaded.issues.length} problem(s) in the data of ${folder}:\n`);
      for (const issue of loaded.issues) io.stderr(`  ${issue.message} [${issue.code}]\n`);
      return 1;
    }
    const network = loaded.network;
    progress(`read ${network.institutions.length} institutions, ${network.topics.length} topics, ${network.scores.length} scores`);
    await mkdir(out, { recursive: true });
    const written: string[] = [];
    const save = async (name: string, text: string) => {
      await writeFile(join(out, name), text);
      written.push(join(out, name));
    };

    if (command === "plan") {
      progress("planning partners");
      const plan = assignPartners(network, { ...(capacity !== undefined ? { capacity } : {}), ...(values.period !== undefined ? { period: values.period } : {}) });
      io.stdout(`${plan.covered} of ${plan.covered + plan.uncovered.length} needs covered${plan.optimal ? " (optimal)" : ""}; ${plan.uncovered.length} uncovered.\n\n`);
      io.stdout(`${textTable([{ label: "mentee", value: (p) => p.mentee }, { label: "topic", value: (p) => p.topic }, { label: "mentor", value: (p) => p.mentor }, { label: "why", value: (p) => p.reason }], plan.pairs)}\n`);
      if (plan.uncovered.length > 0) io.stdout(`\nUncovered needs:\n${plan.uncovered.map((n) => `  ${n.institution} / ${n.topic}: ${n.reason}`).join("\n")}\n`);
      await save("plan.csv", plan.toCSV());
    } else if (command === "flow") {
      progress("computing knowledge-flow metrics");
      const flow = knowledgeFlow(network, { seed, ...(values.topic !== undefined ? { topic: values.topic } : {}) });
      const top = (metric: "hub" | "authority" | "betweenness", label: string) =>
        `${label}:\n${flow
          .top(metric, 5)
          .map((row) => `  ${row.id} (${metric} ${(row[metric] ?? 0).toFixed(4)})`)
          .join("\n")}\n`;
      io.stdout(`${flow.graph.nodes} institutions, ${flow.graph.edges} contacts, ${flow.graph.communities} communities.\n`);
      io.stdout(`${top("hub", "Teachers")}${top("authority", "Learners")}${top("betweenness", "Brokers")}`);
      io.stdout(`Isolated: ${flow.graph.isolates.join(", ") || "none"}\n`);
      await save("flow.csv", flow.toCSV());
      progress("writing GEXF and GraphML");
      await save("network.gexf", toGEXF(network, { flow, seed }));
      await save("network.graphml", toGraphML(network, { flow, seed }));
    } else if (command === "evaluate") {
      if (values.baseline === undefined || values.endline === undefined) throw new UsageError("evaluate: --baseline P and --endline Q are required");
      progress(`comparing ${values.baseline} with ${values.endline} on every topic (exact permutation tests)`);
      const effects = selectionEffects(network, { baseline: values.baseline, endline: values.endline, adjust });
      io.stdout(`${estimatesText(effects.estimates, effects.skipped)}\n`);
      await save("effects.csv", effects.toCSV());
    } else {
      await runReport(network, folder, values.baseline, values.endline, progress, save);
      io.stdout(`Report: ${join(out, "index.html")}\n`);
    }
    progress(`wrote ${written.join(", ")}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      io.stderr(`twinning-network: ${error.message}\nRun "twinning-network --help" for usage.\n`);
      return 2;
    }
    if (error instanceof TwinningInputError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    if (error instanceof TwinningArgumentError || error instanceof TwinningError) {
      io.stderr(`twinning-network: ${error.message}\n`);
      return 2;
    }
    if (error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "ENOTDIR")) {
      io.stderr(`twinning-network: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function runReport(
  network: TwinningNetwork,
  folder: string,
  baselineOption: string | undefined,
  endlineOption: string | undefined,
  progress: (step: string) => void,
  save: (name: string, text: string) => Promise<void>,
): Promise<void> {
  const baseline = baselineOption ?? (network.periodIds[0] as string);
  const endline = endlineOption ?? (network.periodIds.at(-1) as string);
  progress("planning partners");
  const plan = assignPartners(network);
  progress("computing knowledge-flow metrics");
  const flow = knowledgeFlow(network);
  progress(`comparing ${baseline} with ${endline} on every topic`);
  const effects = selectionEffects(network, { baseline, endline });
  progress("drawing pictures and writing the report");
  await save("index.html", reportHTML({ network, plan, flow, effects, baseline, endline, subtitle: `Data: ${folder}` }));
  await save("plan.csv", plan.toCSV());
  await save("flow.csv", flow.toCSV());
  await save("effects.csv", effects.toCSV());
  await save("network.gexf", toGEXF(network, { flow }));
  await save("network.graphml", toGraphML(network, { flow }));
  await save("network.json", `${JSON.stringify(network, null, 1)}\n`);
}
