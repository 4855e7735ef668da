/**
 * One self-contained HTML page with the tables and pictures of all three jobs: no script, no
 * external file, no network access, so it can be mailed or opened from a USB stick.
 *
 * Written for a programme manager: a header that says when, by which version and from which data
 * the page was made; each section opens with two lines on how to read it; institutions and topics
 * appear by name with their id on hover; costs are shown as a match score with its meaning;
 * each estimate has its warnings beside it; every number goes through one formatter (APA style,
 * at most 6 significant digits) and every p-value through formatPValue.
 */
import { TwinningArgumentError } from "../core/errors.js";
import { type OptionSchema, checkOptions, showArgument } from "../core/options.js";
import { type Column, escapeHTML, formatNumber, htmlTable } from "../core/display.js";
import type { EffectEstimate } from "../effects/EffectEstimate.js";
import { asList, type EffectEstimates, PERIOD_CHOICE_RULE, type PeriodChoice } from "../effects/selectionEffect.js";
import type { FlowReport, FlowRow } from "../flow/FlowReport.js";
import type { TwinningNetwork } from "../model/network.js";
import { explainedShortfalls, previousPairsOf } from "../plan/planOptions.js";
import type { TwinningPlan } from "../plan/TwinningPlan.js";
import type { Pair } from "../plan/types.js";
import { version } from "../../package.json";
import { beforeAfterChart, estimatesChart, flowChart, mentorLoadChart, networkChart, planChart } from "./pictures.js";

/** What reportHTML puts on the page. */
export interface ReportParts {
  network: TwinningNetwork;
  plan?: TwinningPlan;
  flow?: FlowReport;
  effects?: EffectEstimates;
  /** Periods compared by `effects` (for the before/after charts): one each, or several averaged. */
  baseline?: PeriodChoice;
  endline?: PeriodChoice;
  title?: string;
  /** The folder the data were read from, shown in the header. */
  dataFolder?: string;
  /** When the report was made (default: now), shown in the header as UTC. */
  date?: Date;
  /** Shown under the header. */
  subtitle?: string;
}

/**
 * The library version written in every report's header.
 * @example
 * REPORT_LIBRARY_VERSION // "0.1.0"
 */
const REPORT_PARTS_SCHEMA: OptionSchema<ReportParts> = {
  network: { type: "object" },
  plan: { type: "object" },
  flow: { type: "object" },
  effects: { type: "object" },
  baseline: PERIOD_CHOICE_RULE,
  endline: PERIOD_CHOICE_RULE,
  title: { type: "string" },
  dataFolder: { type: "string" },
  // A Map or an invalid Date failed later with a raw TypeError or RangeError (review).
  date: { type: "custom", check: (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? undefined : `expected a valid Date, got ${showArgument(value)}`) },
  subtitle: { type: "string" },
};

/**
 * The library version the report states in its header (from package.json at build time).
 * @example
 * REPORT_LIBRARY_VERSION // "0.1.0"
 */
export const REPORT_LIBRARY_VERSION: string = version;

const STYLE = `
body { font-family: Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; line-height: 1.4; padding: 0 1rem; }
h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 2px solid #4477aa; padding-bottom: 0.2rem; margin-top: 2.5rem; }
header p { margin: 0.2rem 0; color: #444; }
nav a { margin-right: 1rem; }
.how { background: #f4f6f8; border-left: 4px solid #4477aa; padding: 0.4rem 0.8rem; max-width: 900px; }
.empty { font-style: italic; color: #555; }
.twinning-table { border-collapse: collapse; margin: 1rem 0; font-size: 0.85rem; }
.twinning-table th, .twinning-table td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
.twinning-table td[title] { text-decoration: underline dotted #999; }
.twinning-table caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
.twinning-figures { display: grid; grid-template-columns: max-content auto; gap: 0.1rem 1rem; }
.twinning-figures dt { font-weight: bold; } .twinning-figures dd { margin: 0; }
figure { margin: 1rem 0; } figcaption { font-size: 0.8rem; color: #555; max-width: 800px; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
`;

/** Names of institutions and topics, ids on hover; ids in free text replaced by names. */
class Names {
  readonly #institutions: Map<string, string>;
  readonly #topics: Map<string, string>;
  readonly #pattern: RegExp | undefined;

  constructor(network: TwinningNetwork) {
    this.#institutions = new Map(network.institutions.map((i) => [i.id, i.name ?? i.id]));
    this.#topics = new Map(network.topics.map((t) => [t.id, t.name ?? t.id]));
    // Longest ids first, and an id never matches inside a longer one ("nyanza" in "nyanza-hospital").
    const ids = [...this.#institutions.keys()].filter((id) => this.#institutions.get(id) !== id).sort((a, b) => b.length - a.length);
    const escaped = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    this.#pattern = ids.length === 0 ? undefined : new RegExp(`(?<![\\w-])(${escaped.join("|")})(?![\\w-])`, "g");
  }

  institution(id: string): string {
    return this.#institutions.get(id) ?? id;
  }

  topic(id: string): string {
    return this.#topics.get(id) ?? id;
  }

  /** A sentence with institution ids replaced by names, so reasons never mix the two. */
  text(sentence: string): string {
    return this.#pattern === undefined ? sentence : sentence.replace(this.#pattern, (id) => this.institution(id));
  }

  /** A table column of an institution: its name, the id on hover. */
  institutionColumn<Row>(label: string, id: (row: Row) => string): Column<Row> {
    return { label, value: (row) => this.institution(id(row)), hover: (row) => `id: ${id(row)}` };
  }

  /** A table column of a topic: its name, the id on hover. */
  topicColumn<Row>(label: string, id: (row: Row) => string): Column<Row> {
    return { label, value: (row) => this.topic(id(row)), hover: (row) => `id: ${id(row)}` };
  }
}

const how = (text: string): string => `<p class="how"><strong>How to read this.</strong> ${escapeHTML(text)}</p>`;
const empty = (text: string): string => `<p class="empty">${escapeHTML(text)}</p>`;
const figures = (rows: [string, unknown][]): string =>
  `<dl class="twinning-figures">${rows.map(([label, value]) => `<dt>${escapeHTML(label)}</dt><dd>${escapeHTML(formatNumber(value))}</dd>`).join("")}</dl>`;
const list = (items: readonly string[]): string => (items.length === 0 ? "" : `<ul>${items.map((item) => `<li>${escapeHTML(item)}</li>`).join("")}</ul>`);

function networkSection(network: TwinningNetwork, names: Names): string {
  const topics: Column<TwinningNetwork["topics"][number]>[] = [
    names.topicColumn("topic", (t) => t.id),
    { label: "unit", value: (t) => t.unit ?? "score" },
    { label: "better when", value: (t) => (t.higherIsBetter ? "higher" : "lower") },
    { label: "chosen by (institutions)", value: (t) => network.choosers(t.id).length },
  ];
  return [
    how("Who is in the network and what they work on. In the picture each arrow runs from a mentor to a mentee and its colour is the topic; a node's shape is its group and its size the number of links. Hover over a name in a table to see its id."),
    figures([
      ["institutions", network.institutions.length],
      ["groups", network.groups.join(", ") || "none recorded"],
      ["periods", network.periodIds.join(", ") || "none recorded"],
      ["partnerships", network.partnerships.length],
      ["activities", network.activities.length],
    ]),
    network.topics.length > 0 ? htmlTable(topics, network.topics, { caption: "Topics" }) : empty("No topics recorded."),
    network.partnerships.length === 0 && network.peers.size === 0 ? empty("No partnerships or contacts recorded, so there is no network to draw.") : networkChart(network).toHTML(),
  ].join("");
}

/** The options a plan was made with, in words (the defaults said too; per-id values as counts beside the default). */
function planSettings(plan: TwinningPlan, topicCount: number): string {
  const given = plan.options ?? {};
  // Values as they apply, by how many share each: the options of the command line mix a number and per-id values ("capacity 3, 40 set apart" for capacity 2 with nyanza 5; new-user trial).
  const byValue = (values: readonly number[], what: string, rest: string) => {
    const counts = new Map<number, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    const listed = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([value, count]) => `${value} for ${count} ${what}`);
    return listed.join(", ") + rest;
  };
  const limits = given.topicCapacity;
  const limited = limits === undefined || typeof limits === "number" ? [] : Object.values(limits);
  const kept = previousPairsOf(given).length;
  const rules = Object.values(given.topicRules ?? {});
  const apart = (key: "groups" | "rule") => rules.filter((rule) => rule?.[key] !== undefined).length;
  const ruleWords = (rule: NonNullable<typeof given.rule>): string => {
    const short = (value: number) => String(Number(value.toPrecision(6)));
    switch (rule.type) {
      case "top-share":
        return `top ${short(100 * (rule.share ?? 1 / 3))}%`;
      case "top-k":
        return `top ${rule.k}`;
      case "threshold":
        return `threshold ${short(rule.value)}`;
      case "margin":
        return `better than ${rule.relativeTo} by ${short(rule.margin)}`;
    }
  };
  return [
    ...(given.mode === "stable" ? ["stable mode"] : []),
    `scores of ${given.period ?? "each topic's latest period"}`,
    `capacity ${byValue(Object.values(plan.capacity), "mentor(s)", "")}`,
    `${given.backups ?? 0} backup(s) per need`,
    ...(limits === undefined ? [] : [`topic capacity ${typeof limits === "number" ? limits : byValue(limited, "topic(s)", limited.length < topicCount ? `, none for ${topicCount - limited.length}` : "")}`]),
    `groups ${given.groups ?? "any"}${apart("groups") > 0 ? `, ${apart("groups")} topic(s) set apart` : ""}`,
    `high performers ${ruleWords(given.rule ?? { type: "top-share" })}${apart("rule") > 0 ? `, ${apart("rule")} topic(s) set apart` : ""}`,
    ...(given.maxPartners !== undefined ? [`maxPartners ${given.maxPartners}`] : []),
    ...(given.preferMutual !== undefined && given.preferMutual > 0 ? [`preferMutual ${given.preferMutual}`] : []),
    ...(given.withdrawn !== undefined && given.withdrawn.length > 0 ? [`${given.withdrawn.length} withdrawn`] : []),
    ...(given.pin !== undefined && given.pin.length > 0 ? [`${given.pin.length} pin(s)`] : []),
    ...(given.exclude !== undefined && given.exclude.length > 0 ? [`${given.exclude.length} pair(s) excluded`] : []),
    ...(kept > 0 ? [`${kept} previous pair(s) given, kept unless a change gains more than ${given.keepThreshold ?? 0.25}`] : []),
  ].join("; ");
}

function planSection(plan: TwinningPlan, names: Names, topicCount: number): string {
  const needs = plan.covered + plan.uncovered.length;
  const pairs: Column<Pair>[] = [
    names.institutionColumn("mentee", (p) => p.mentee),
    names.topicColumn("topic", (p) => p.topic),
    names.institutionColumn("mentor", (p) => p.mentor),
    { label: "role", value: (p) => p.role },
    { label: "score gap (topic unit)", value: (p) => p.gap, digits: 1 },
    { label: "match score", value: (p) => -p.cost, digits: 2 },
    { label: "why this mentor", value: (p) => names.text(p.reason) },
  ];
  const uncovered: Column<TwinningPlan["uncovered"][number]>[] = [
    names.institutionColumn("institution", (n) => n.institution),
    names.topicColumn("topic", (n) => n.topic),
    { label: "why no mentor", value: (n) => names.text(n.reason) },
  ];
  const shortfalls: Column<TwinningPlan["shortfalls"][number]>[] = [
    { label: "needs", value: (s) => s.needs.map((n) => `${names.institution(n.institution)} (${names.topic(n.topic)})`).join(", ") },
    { label: "mentors able to help", value: (s) => s.mentors.map((m) => names.institution(m)).join(", ") || "none" },
    { label: "their spare capacity", value: (s) => s.capacity },
    // A backup shortfall's deficit is backup slots, not needs (it read "needs left uncovered").
    { label: "missing", value: (s) => `${s.deficit} ${s.level === "backup" ? "backup slot(s)" : "need(s) without a mentor"}` },
    // What the plan measured would help, as the command line prints it (the report showed no fix).
    {
      label: "what would help (each alone)",
      value: (s) =>
        s.relaxations.length === 0
          ? plan.shortfalls.indexOf(s) < explainedShortfalls(plan)
            ? "no single relaxation tried helps"
            : "not explained (explainShortfalls; command line: --explain-shortfalls)"
          : s.relaxations
              .slice(0, 3)
              .map((r) => `${names.text(r.description)} (+${s.level === "backup" ? `${r.coverageGain - (r.primaryGain ?? 0)} backup(s)` : `${r.primaryGain ?? 0} need(s)`})`)
              .join("; "),
    },
  ];
  const warnings = (plan as TwinningPlan & { warnings?: string[] }).warnings ?? plan.notes ?? [];
  return [
    how(
      `Each institution that chose a topic gets a mentor that performs well on it, within each mentor's capacity. The match score of a pair is the negative of the cost the planner minimises: higher is a better match (a larger score gap in the mentee's favour, similar resources, the same group); 0 is neutral. ${
        plan.options?.mode === "stable"
          ? "This plan is stable (no mentee and mentor both prefer each other to their partners); its coverage and match score are not optimised."
          : "The plan covers as many needs as possible first, then gives as many of the backup mentors asked for as it can, then maximises the total match score."
      }`,
    ),
    figures([
      // What it was planned with: the page's other sections show the latest period, and a plan on the baseline, with capacity 2 and backups, did not say so (new-user trial).
      ["planned with", planSettings(plan, topicCount)],
      ["needs covered", `${plan.covered} of ${needs}`],
      ["needs uncovered", plan.uncovered.length],
      ["total match score (higher is better)", -plan.objective],
      ["best possible plan", plan.optimal ? "yes (proven optimal)" : "not proven (heuristic option)"],
    ]),
    plan.pairs.length === 0 ? empty("No pairs planned: no institution could be given a mentor.") : planChart(plan).toHTML(),
    plan.pairs.length > 0 ? htmlTable(pairs, plan.pairs, { caption: "Pairs (mentor to mentee)", limit: 80 }) : "",
    plan.pairs.length > 0 ? mentorLoadChart(plan).toHTML() : "",
    plan.uncovered.length > 0 ? htmlTable(uncovered, plan.uncovered, { caption: "Needs without a mentor, and why" }) : "",
    plan.shortfalls.length > 0 ? htmlTable(shortfalls, plan.shortfalls, { caption: "Shortfalls: why these needs cannot all be met" }) : "",
    list(warnings.map((w) => names.text(w))),
  ].join("");
}

function flowSection(flow: FlowReport, names: Names): string {
  const intro = how(
    "How knowledge can travel through contacts (partnerships and shared activities, weighted by how often). Teachers pass knowledge to institutions that learn from many; learners receive it from good teachers; brokers sit on the shortest routes between others. Scores run from 0 to 1 and compare institutions within this network only.",
  );
  if (flow.links.length === 0) return `${intro}${empty("No contacts recorded, so there are no teachers, learners or brokers to rank.")}${list(flow.warnings)}`;
  const ranking = (metric: "hub" | "authority" | "betweenness", caption: string) => {
    // HITS is iterated to a tolerance: scores below 1e-9 of the top one (5.99e-13 beside 0.3) are
    // its residue, not teachers (new-user trial).
    const top = flow.top(metric, 10);
    const rows = top.filter((row) => (row[metric] ?? 0) > 1e-9 * (top[0]?.[metric] ?? 0));
    const columns: Column<FlowRow>[] = [names.institutionColumn("institution", (row) => row.id), { label: "group", value: (row) => row.group ?? "" }, { label: metric === "hub" ? "teacher score" : metric === "authority" ? "learner score" : "broker score", value: (row) => row[metric], digits: 3 }];
    return rows.length === 0 ? empty(`${caption}: every institution scores 0, so there is no ranking.`) : htmlTable(columns, rows, { caption });
  };
  return [
    intro,
    figures([
      ["institutions", flow.graph.nodes],
      ["contacts", flow.links.length],
      ["density (share of possible contacts)", flow.graph.density],
      ["communities", flow.graph.communities],
      ["institutions without any contact", flow.graph.isolates.length],
    ]),
    flowChart(flow).toHTML(),
    ranking("hub", "Teachers (highest hub score)"),
    ranking("authority", "Learners (highest authority score)"),
    ranking("betweenness", "Brokers (highest betweenness)"),
    list(flow.warnings.map((w) => names.text(w))),
  ].join("");
}

function evaluationSection(parts: ReportParts, effects: EffectEstimates, names: Names): string {
  const adjusted = effects.estimates.some((e) => e.adjustedPValue !== undefined);
  const columns: Column<EffectEstimate>[] = [
    names.topicColumn("topic", (e) => e.label),
    { label: "difference in change", value: (e) => `${formatNumber(e.estimate, 2)} ${e.unit}` },
    { label: `${Math.round((effects.estimates[0]?.confidence ?? 0.95) * 100)}% CI`, value: (e) => `[${formatNumber(e.ci[0], 2)}, ${formatNumber(e.ci[1], 2)}]` },
    { label: "p", value: (e) => e.pValue, format: "p" },
    // The family is the topics estimated (those whose p-values were adjusted), as in the notes.
    ...(adjusted ? [{ label: `p (${effects.adjustment === "bh" ? "BH" : "Holm"}-adjusted over ${effects.estimates.length} topic${effects.estimates.length === 1 ? "" : "s"})`, value: (e: EffectEstimate) => e.adjustedPValue, format: "p" as const }] : []),
    { label: "Hedges' g", value: (e) => e.hedgesG.estimate, digits: 2 },
    { label: "n chose / others", value: (e) => `${e.n.treated} / ${e.n.control}` },
    { label: "warnings", value: (e) => (e.warnings.length === 0 ? "none" : e.warnings.map((w) => names.text(w)).join("; ")) },
  ];
  const { baseline, endline } = parts;
  const periods = baseline !== undefined && endline !== undefined ? ` Change is measured from ${asList(baseline).join(" + ")} to ${asList(endline).join(" + ")}.` : "";
  const charts = baseline !== undefined && endline !== undefined ? effects.estimates.map((e) => beforeAfterChart(parts.network, { topic: e.label, baseline, endline }).toHTML()).join("") : "";
  return [
    how(
      `For each topic: how much more the institutions that chose it improved than those that did not (difference in change, in the topic's unit; above 0 = the choosers improved more).${periods} The interval shows the plausible range; p below .05 means a difference this large would be unlikely by chance alone. Groups chose themselves, so this is an association, not a proven effect. Read the warnings column before the numbers.`,
    ),
    effects.estimates.length === 0 ? empty("No topic could be evaluated (see the reasons below).") : htmlTable(columns, effects.estimates, { caption: "Difference in mean change, choosers minus the others" }),
    effects.estimates.length > 0 ? estimatesChart(effects.estimates, (topic) => names.topic(topic)).toHTML() : "",
    list(effects.skipped.map((s) => `${names.topic(s.topic)} not evaluated: ${names.text(s.reason)}`)),
    charts === "" ? "" : `<div class="charts">${charts}</div>`,
  ].join("");
}

/** "2026-11-30 15:42 UTC" */
const utc = (date: Date): string => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * The report page.
 * @example writeFileSync("report.html", reportHTML({ network, plan, flow, effects, baseline, endline, dataFolder: "data/rwanda" }))
 */
export function reportHTML(parts: ReportParts): string {
  checkOptions("reportHTML", parts, REPORT_PARTS_SCHEMA);
  if (parts === undefined || parts === null || parts.network === undefined) throw new TwinningArgumentError("reportHTML", "network is required");
  const { network, plan, flow, effects } = parts;
  const names = new Names(network);
  const title = parts.title ?? "Twinning partnership network report";
  const sections: [string, string, string][] = [["network", "The network", networkSection(network, names)]];
  if (plan !== undefined) sections.push(["plan", "Plan: a partner per chosen topic", planSection(plan, names, network.topics.length)]);
  if (flow !== undefined) sections.push(["flow", "Knowledge flow", flowSection(flow, names)]);
  if (effects !== undefined) sections.push(["evaluate", "Evaluation", evaluationSection(parts, effects, names)]);
  const made = parts.date ?? new Date();
  return [
    "<!DOCTYPE html>",
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHTML(title)}</title><style>${STYLE}</style></head><body>`,
    `<header><h1>${escapeHTML(title)}</h1>`,
    `<p>Made <time id="report-date" datetime="${made.toISOString()}">${escapeHTML(utc(made))}</time> by twinning-network <span id="report-version">${escapeHTML(REPORT_LIBRARY_VERSION)}</span>` +
      ` from the data folder <code id="report-data">${escapeHTML(parts.dataFolder ?? "(not given)")}</code>.</p>`,
    parts.subtitle !== undefined ? `<p>${escapeHTML(parts.subtitle)}</p>` : "",
    // The loader's warnings (scores read as fractions, periods ordered by first appearance...) can
    // change every number below; they were on standard error only (new-user trial).
    network.warnings.length === 0 ? "" : `<div id="data-warnings"><p><strong>Read first: the data loaded with ${network.warnings.length} warning(s).</strong></p>${list(network.warnings.map((w) => names.text(w)))}</div>`,
    `</header>`,
    `<nav>${sections.map(([id, heading]) => `<a href="#${id}">${escapeHTML(heading)}</a>`).join("")}</nav>`,
    ...sections.map(([id, heading, body]) => `<section id="${id}"><h2>${escapeHTML(heading)}</h2>${body}</section>`),
    "</body></html>",
    "",
  ].join("\n");
}

