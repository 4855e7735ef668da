/**
 * The Vega-Lite specifications behind every picture, built from plain rows. Units and directions
 * are written on the axes; every colour has a legend.
 */
import type { VegaLiteSpec } from "./vega.js";

const AXISLESS = { axis: null } as const;

export interface PictureNode {
  id: string;
  label: string;
  /** Colour group, e.g. the province. */
  group: string;
  size: number;
  x: number;
  y: number;
}

export interface PictureLink {
  source: string;
  target: string;
  /** Colour of the arrow, e.g. the topic. */
  topic: string;
  /** Line style, e.g. "primary" or "backup". */
  role: string;
  /** Contact strength: when given, the line's opacity shows it. */
  weight?: number;
}

/** Vega's "tableau10" colours, listed so that "(no topic)" can be grey beside them. */
const TABLEAU10 = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"];
export const NO_TOPIC = "(no topic)";

function topicScale(topics: readonly string[]): { domain: string[]; range: string[] } {
  const domain = [...new Set(topics)].sort();
  let next = 0;
  return { domain, range: domain.map((topic) => (topic === NO_TOPIC ? "#c8c8c8" : (TABLEAU10[next++ % TABLEAU10.length] as string))) };
}

export interface NetworkPictureOptions {
  title: string;
  sizeTitle: string;
  colorTitle: string;
  linkTitle: string;
  /** Show the role legend (dashes) only when roles differ. */
  roles: boolean;
  /** Draw arrowheads (default true); dense contact graphs read better, and weigh less, without. */
  arrowheads?: boolean;
  size?: number;
}

/** Mentor -> mentee arrows coloured by topic over nodes coloured by group and sized by a metric. */
export function networkPictureSpec(nodes: readonly PictureNode[], links: readonly PictureLink[], options: NetworkPictureOptions): VegaLiteSpec {
  const at = new Map(nodes.map((node) => [node.id, node]));
  const segments = links.flatMap((link) => {
    const s = at.get(link.source);
    const t = at.get(link.target);
    if (s === undefined || t === undefined) return [];
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const length = Math.hypot(dx, dy) || 1;
    // The head sits just short of the mentee; y grows downwards (the y scale is reversed).
    const back = Math.min(0.3, 0.03 / length);
    return [{ ...link, x: s.x, y: s.y, x2: t.x, y2: t.y, hx: t.x - dx * back, hy: t.y - dy * back, angle: Math.round((Math.atan2(dx, -dy) * 180 * 1e6) / Math.PI) / 1e6 }]; // rounded: atan2's last bit differs between engines
  });
  const side = options.size ?? 560;
  const x = { type: "quantitative", scale: { domain: [-0.06, 1.06] }, ...AXISLESS } as const;
  const y = { type: "quantitative", scale: { domain: [-0.06, 1.06], reverse: true }, ...AXISLESS } as const;
  const topicColor = { field: "topic", type: "nominal", scale: topicScale(links.map((link) => link.topic)), legend: { title: options.linkTitle } };
  const weighted = links.some((link) => link.weight !== undefined);
  const opacity = weighted ? { opacity: { field: "weight", type: "quantitative", scale: { range: [0.08, 0.9] }, legend: { title: "Contact strength" } } } : {};
  return {
    title: options.title,
    width: side,
    height: side,
    layer: [
      {
        data: { values: segments },
        // No ARIA label per link: hundreds of them would make the SVG megabytes; the chart's
        // description (figcaption, text/plain) says what the links are.
        mark: { type: "rule", strokeWidth: 1.6, opacity: 0.75, aria: false },
        encoding: {
          x: { field: "x", ...x },
          y: { field: "y", ...y },
          x2: { field: "x2" },
          y2: { field: "y2" },
          color: topicColor,
          ...opacity,
          ...(options.roles ? { strokeDash: { field: "role", type: "nominal", legend: { title: "Pair" } } } : {}),
        },
      },
      ...(options.arrowheads === false ? [] : [{
        data: { values: segments },
        mark: { type: "point", shape: "triangle-up", filled: true, size: 70, opacity: 0.9, aria: false },
        encoding: { x: { field: "hx", ...x }, y: { field: "hy", ...y }, angle: { field: "angle", type: "quantitative", scale: { domain: [-180, 180], range: [-180, 180] } }, color: { ...topicColor, legend: null }, ...(weighted ? { opacity: { ...opacity.opacity, legend: null } } : {}) },
      }]),
      {
        data: { values: nodes },
        mark: { type: "circle", opacity: 1, stroke: "white", strokeWidth: 1 },
        encoding: {
          x: { field: "x", ...x },
          y: { field: "y", ...y },
          size: { field: "size", type: "quantitative", scale: { range: [30, 700], zero: true }, legend: { title: options.sizeTitle } },
          fill: { field: "group", type: "nominal", scale: { scheme: "set2" }, legend: { title: options.colorTitle } },
          tooltip: [{ field: "label", title: "institution" }, { field: "group", title: options.colorTitle }, { field: "size", title: options.sizeTitle, format: ".3~g" }],
        },
      },
      {
        data: { values: nodes },
        mark: { type: "text", dy: -11, fontSize: 9, color: "#333" },
        encoding: { x: { field: "x", ...x }, y: { field: "y", ...y }, text: { field: "label" } },
      },
    ],
    resolve: { scale: { color: "independent", size: "independent", opacity: "independent" } },
  };
}

export interface ForestRow {
  label: string;
  estimate: number;
  lo: number;
  hi: number;
  /** Shown beside the interval, e.g. "p = .031 (Holm)". */
  note: string;
}

/** One row per estimate: point and interval, with a dashed line at no effect. */
export function forestSpec(rows: readonly ForestRow[], title: string, xTitle: string): VegaLiteSpec {
  const order = rows.map((row) => row.label);
  const yAxis = { field: "label", type: "nominal", sort: order, title: null } as const;
  return {
    title,
    width: 420,
    height: Math.max(40, 26 * rows.length),
    data: { values: rows },
    layer: [
      { mark: { type: "rule", strokeDash: [4, 4], color: "#888" }, encoding: { x: { datum: 0, type: "quantitative" } } },
      { mark: { type: "rule", strokeWidth: 2, color: "#4c78a8" }, encoding: { y: yAxis, x: { field: "lo", type: "quantitative", title: xTitle }, x2: { field: "hi" } } },
      {
        mark: { type: "point", filled: true, size: 70, color: "#4c78a8" },
        encoding: { y: yAxis, x: { field: "estimate", type: "quantitative" }, tooltip: [{ field: "label" }, { field: "estimate", format: ".3f" }, { field: "lo", format: ".3f" }, { field: "hi", format: ".3f" }, { field: "note" }] },
      },
      { mark: { type: "text", align: "left", dx: 8, fontSize: 10, color: "#333" }, encoding: { y: yAxis, x: { field: "hi", type: "quantitative" }, text: { field: "note" } } },
    ],
  };
}

export interface BeforeAfterRow {
  institution: string;
  group: string;
  period: string;
  value: number;
}

/** Each institution's line (faint) and each group's mean (bold), from baseline to endline. */
export function beforeAfterSpec(rows: readonly BeforeAfterRow[], periods: readonly string[], title: string, yTitle: string): VegaLiteSpec {
  const x = { field: "period", type: "ordinal", sort: periods, title: "Period", axis: { labelAngle: 0 } } as const;
  const color = { field: "group", type: "nominal", scale: { scheme: "dark2" }, legend: { title: "Group" } } as const;
  return {
    title,
    width: 360,
    height: 300,
    data: { values: rows },
    layer: [
      { mark: { type: "line", strokeWidth: 1, opacity: 0.3 }, encoding: { x, y: { field: "value", type: "quantitative", title: yTitle, scale: { zero: false } }, color, detail: { field: "institution" } } },
      { mark: { type: "line", strokeWidth: 3, point: { size: 60, filled: true } }, encoding: { x, y: { aggregate: "mean", field: "value", type: "quantitative" }, color } },
    ],
  };
}

export interface LoadRow {
  mentor: string;
  topic: string;
  needs: number;
}

/** Needs per mentor stacked by topic, with each mentor's capacity as a black tick. */
export function mentorLoadSpec(rows: readonly LoadRow[], capacity: readonly { mentor: string; capacity: number }[], title: string): VegaLiteSpec {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.mentor, (totals.get(row.mentor) ?? 0) + row.needs);
  const order = [...capacity].map((c) => c.mentor).sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  const y = { field: "mentor", type: "nominal", sort: order, title: "Mentor" } as const;
  return {
    title,
    width: 420,
    height: Math.max(60, 16 * order.length),
    layer: [
      {
        data: { values: rows },
        mark: { type: "bar" },
        encoding: { y, x: { aggregate: "sum", field: "needs", type: "quantitative", title: "Needs assigned (count); black tick = capacity", axis: { format: "d", tickMinStep: 1 } }, color: { field: "topic", type: "nominal", scale: { scheme: "tableau10" }, legend: { title: "Topic" } } },
      },
      { data: { values: capacity }, mark: { type: "tick", color: "black", thickness: 2 }, encoding: { y, x: { field: "capacity", type: "quantitative" } } },
    ],
  };
}
