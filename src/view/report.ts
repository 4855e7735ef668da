/**
 * One self-contained HTML page with the tables and pictures of all three jobs: no script, no
 * external file, no network access, so it can be mailed or opened from a USB stick.
 */
import type { EffectEstimates } from "../effects/selectionEffect.js";
import type { FlowReport } from "../flow/FlowReport.js";
import type { TwinningNetwork } from "../model/network.js";
import type { TwinningPlan } from "../plan/TwinningPlan.js";
import { escapeHTML, htmlTable } from "../core/display.js";
import { beforeAfterChart, mentorLoadChart } from "./pictures.js";
import { estimatesHTML } from "../effects/EffectEstimate.js";
import { flowHTML } from "../flow/FlowReport.js";
import { networkHTML } from "../model/network.js";
import { planHTML } from "../plan/TwinningPlan.js";

/** What reportHTML puts on the page. */
export interface ReportParts {
  network: TwinningNetwork;
  plan?: TwinningPlan;
  flow?: FlowReport;
  effects?: EffectEstimates;
  /** Periods compared by `effects` (for the before/after charts). */
  baseline?: string;
  endline?: string;
  title?: string;
  /** Shown under the title, e.g. the data folder and the date. */
  subtitle?: string;
}

const STYLE = `
body { font-family: Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; line-height: 1.4; padding: 0 1rem; }
h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 2px solid #4c78a8; padding-bottom: 0.2rem; margin-top: 2.5rem; }
nav a { margin-right: 1rem; }
.twinning-table { border-collapse: collapse; margin: 1rem 0; font-size: 0.85rem; }
.twinning-table th, .twinning-table td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
.twinning-table caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
.twinning-figures { display: grid; grid-template-columns: max-content auto; gap: 0.1rem 1rem; }
.twinning-figures dt { font-weight: bold; } .twinning-figures dd { margin: 0; }
figure { margin: 1rem 0; } figcaption { font-size: 0.8rem; color: #555; max-width: 800px; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
`;

/**
 * The report page.
 * @example writeFileSync("report.html", reportHTML({ network, plan, flow, effects, baseline, endline }))
 */
export function reportHTML(parts: ReportParts): string {
  const { network, plan, flow, effects } = parts;
  const title = parts.title ?? "Twinning partnership network report";
  const sections: [string, string, string][] = [["network", "The network", networkHTML(network)]];
  if (plan !== undefined) {
    const shortfalls = htmlTable(
      [
        { label: "needs", value: (s: TwinningPlan["shortfalls"][number]) => s.needs.map((n) => `${n.institution}/${n.topic}`).join(", ") },
        { label: "mentors able to help", value: (s) => s.mentors.join(", ") || "none" },
        { label: "their spare capacity", value: (s) => s.capacity },
        { label: "needs left uncovered", value: (s) => s.deficit },
      ],
      plan.shortfalls,
      { caption: "Shortfalls: why these needs cannot all be met" },
    );
    sections.push(["plan", "Plan: a partner per chosen topic", `${planHTML(plan)}${plan.shortfalls.length > 0 ? shortfalls : ""}${plan.pairs.length > 0 ? mentorLoadChart(plan).toHTML() : ""}`]);
  }
  if (flow !== undefined) sections.push(["flow", "Knowledge flow", flowHTML(flow)]);
  if (effects !== undefined) {
    const charts =
      parts.baseline !== undefined && parts.endline !== undefined
        ? effects.estimates.map((e) => beforeAfterChart(network, { topic: e.label, baseline: parts.baseline as string, endline: parts.endline as string }).toHTML()).join("")
        : "";
    const periods = parts.baseline !== undefined ? `<p>Change from ${escapeHTML(parts.baseline)} to ${escapeHTML(parts.endline)}; institutions that chose a topic against those that did not. Self-selected groups: an association, not a proven effect.</p>` : "";
    sections.push(["evaluate", "Evaluation", `${periods}${estimatesHTML(effects.estimates, effects.skipped)}<div class="charts">${charts}</div>`]);
  }
  return [
    "<!DOCTYPE html>",
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHTML(title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${escapeHTML(title)}</h1>`,
    parts.subtitle !== undefined ? `<p>${escapeHTML(parts.subtitle)}</p>` : "",
    `<nav>${sections.map(([id, heading]) => `<a href="#${id}">${escapeHTML(heading)}</a>`).join("")}</nav>`,
    ...sections.map(([id, heading, body]) => `<section id="${id}"><h2>${escapeHTML(heading)}</h2>${body}</section>`),
    "</body></html>",
    "",
  ].join("\n");
}
