/**
 * The Vega-Lite specifications behind every picture, built from plain rows. Units and directions
 * are written on the axes; every colour has a legend.
 */
import { formatNumber } from "../core/display.js";
import { placeLabels } from "./labels.js";
import { NODE_FILL, NO_TOPIC_COLOUR, PROVINCE_SHAPES, topicColours } from "./palette.js";
import type { VegaLiteSpec } from "./vega.js";

const AXISLESS = { axis: null } as const;

export interface PictureNode {
  id: string;
  /** Full name, shown on hover. */
  name?: string;
  /** Text drawn beside the node (may be shortened). */
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

export const NO_TOPIC = "(no topic)";

/** Topics sorted, each with its own colour from Tol's schemes; "(no topic)" grey. */
export function topicScale(topics: readonly string[]): { domain: string[]; range: string[] } {
  const domain = [...new Set(topics)].sort();
  const colours = topicColours(domain.filter((topic) => topic !== NO_TOPIC).length);
  let next = 0;
  return { domain, range: domain.map((topic) => (topic === NO_TOPIC ? NO_TOPIC_COLOUR : (colours[next++] as string))) };
}

/**
 * Legend values for a count: whole numbers only (no "0.5 needs"), at most five, from the smallest
 * positive count to the largest.
 */
export function countLegendValues(values: readonly number[]): number[] {
  const max = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  if (max <= 0) return [0];
  const min = Math.max(1, Math.min(...values.filter((v) => v > 0)));
  if (max - min <= 4) return Array.from({ length: Math.floor(max) - Math.ceil(min) + 1 }, (_, i) => Math.ceil(min) + i);
  return [...new Set([min, min + (max - min) / 4, min + (max - min) / 2, min + (3 * (max - min)) / 4, max].map((v) => Math.round(v)))];
}

export interface NetworkPictureOptions {
  title: string;
  sizeTitle: string;
  /** Sizes are counts: the size legend shows whole numbers. */
  sizeIsCount?: boolean;
  /** What the node shapes stand for, e.g. "Group". */
  colorTitle: string;
  linkTitle: string;
  /** Show the role legend (dashes) only when roles differ. */
  roles: boolean;
  /** Draw arrowheads (default true); dense contact graphs read better, and weigh less, without. */
  arrowheads?: boolean;
  size?: number;
}

/** Pixels of the plotting area per unit of layout coordinates. */
const DOMAIN: [number, number] = [-0.06, 1.06];
const NODE_AREA: [number, number] = [30, 700];
const LABEL_FONT_SIZE = 9;

/**
 * Mentor -> mentee arrows coloured by topic (Tol's schemes) over nodes shaped by province and sized
 * by a metric; labels placed without overlap, the rest on hover.
 */
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
  const x = { type: "quantitative", scale: { domain: DOMAIN }, ...AXISLESS } as const;
  const y = { type: "quantitative", scale: { domain: DOMAIN, reverse: true }, ...AXISLESS } as const;
  const topicColor = { field: "topic", type: "nominal", scale: topicScale(links.map((link) => link.topic)), legend: { title: options.linkTitle } };
  const weighted = links.some((link) => link.weight !== undefined);
  const opacity = weighted ? { opacity: { field: "weight", type: "quantitative", scale: { range: [0.08, 0.9] }, legend: { title: "Contact strength" } } } : {};
  const maxSize = Math.max(0, ...nodes.map((node) => node.size));
  const sizeDomain: [number, number] = [0, maxSize > 0 ? maxSize : 1];
  const toPixel = (value: number) => ((value - DOMAIN[0]) / (DOMAIN[1] - DOMAIN[0])) * side;
  const fromPixel = (pixel: number) => Math.round(((pixel / side) * (DOMAIN[1] - DOMAIN[0]) + DOMAIN[0]) * 1e6) / 1e6;
  const area = (size: number) => NODE_AREA[0] + ((NODE_AREA[1] - NODE_AREA[0]) * size) / sizeDomain[1];
  const labels = placeLabels(
    nodes.map((node) => ({ label: node.label, size: node.size, px: toPixel(node.x), py: toPixel(node.y), radius: 0.6 * Math.sqrt(area(node.size)) })),
    { fontSize: LABEL_FONT_SIZE, width: side, height: side },
  ).map((label) => ({ label: label.label, x: fromPixel(label.px), y: fromPixel(label.py) }));
  const sizeLegend = options.sizeIsCount === true ? { title: options.sizeTitle, values: countLegendValues(nodes.map((node) => node.size)), format: "d" } : { title: options.sizeTitle, format: ".3~g" };
  const groups = [...new Set(nodes.map((node) => node.group))].sort();
  const described = nodes.map((node) => ({ ...node, description: `${node.name ?? node.label} (id ${node.id}); ${options.colorTitle.toLowerCase()}: ${node.group}; ${options.sizeTitle}: ${formatNumber(node.size, 3)}` }));
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
        data: { values: described },
        mark: { type: "point", filled: true, opacity: 1, fill: NODE_FILL, stroke: "white", strokeWidth: 1 },
        encoding: {
          x: { field: "x", ...x },
          y: { field: "y", ...y },
          size: { field: "size", type: "quantitative", scale: { domain: sizeDomain, range: NODE_AREA }, legend: sizeLegend },
          shape: { field: "group", type: "nominal", scale: { domain: groups, range: groups.map((_, i) => PROVINCE_SHAPES[i % PROVINCE_SHAPES.length]) }, legend: { title: options.colorTitle, symbolFillColor: NODE_FILL, symbolStrokeColor: NODE_FILL } },
          tooltip: [{ field: "name", title: "institution" }, { field: "id", title: "id" }, { field: "group", title: options.colorTitle }, { field: "size", title: options.sizeTitle, format: ".3~g" }],
          // What a screen reader says and a browser shows on hover: name, id, province, size.
          description: { field: "description" },
        },
      },
      {
        name: "node_labels",
        data: { values: labels },
        mark: { type: "text", fontSize: LABEL_FONT_SIZE, color: "#222", align: "center", baseline: "middle", aria: false },
        encoding: { x: { field: "x", ...x }, y: { field: "y", ...y }, text: { field: "label" } },
      },
    ],
    resolve: { scale: { color: "independent", size: "independent", opacity: "independent" } },
  };
}

/** A picture with nothing to draw says so in words, at the size of a line of text. */
export function emptyPictureSpec(title: string, message: string): VegaLiteSpec {
  return {
    title,
    width: 420,
    height: 30,
    data: { values: [{ message }] },
    mark: { type: "text", fontSize: 13, color: "#555", align: "left", x: 0, baseline: "middle" },
    encoding: { text: { field: "message" } },
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
  // Order by a rank field, not an explicit sort array: vega cannot build an explicit sort of
  // values named like Object.prototype members ("constructor"), and topics may be named so.
  const yAxis = { field: "label", type: "nominal", sort: { field: "rank", op: "min" }, title: null } as const;
  return {
    title,
    width: 420,
    height: Math.max(40, 26 * rows.length),
    data: { values: rows.map((row, rank) => ({ ...row, rank })) },
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
  const x = { field: "period", type: "ordinal", sort: { field: "periodRank", op: "min" }, title: "Period", axis: { labelAngle: 0 } } as const;
  const color = { field: "group", type: "nominal", scale: { scheme: "dark2" }, legend: { title: "Group" } } as const;
  return {
    title,
    width: 360,
    height: 300,
    data: { values: rows.map((row) => ({ ...row, periodRank: periods.indexOf(row.period) })) },
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
  const rankOf = new Map(order.map((mentor, rank) => [mentor, rank]));
  const scale = topicScale(rows.map((row) => row.topic));
  const y = { field: "mentor", type: "nominal", sort: { field: "rank", op: "min" }, title: "Mentor" } as const;
  return {
    title,
    width: 420,
    height: Math.max(60, 16 * order.length),
    layer: [
      {
        // Stacked in topic order by a numeric field: vega-lite's own stack order looks topics up by
        // name, which fails for a topic named like an Object.prototype member ("constructor").
        data: { values: rows.map((row) => ({ ...row, rank: rankOf.get(row.mentor) ?? order.length, topicRank: scale.domain.indexOf(row.topic) })) },
        mark: { type: "bar" },
        encoding: { order: { field: "topicRank", type: "quantitative" }, y, x: { aggregate: "sum", field: "needs", type: "quantitative", title: "Needs assigned (count); black tick = capacity", axis: { format: "d", tickMinStep: 1 } }, color: { field: "topic", type: "nominal", scale, legend: { title: "Topic" } } },
      },
      { data: { values: capacity.map((row) => ({ ...row, rank: rankOf.get(row.mentor) ?? order.length })) }, mark: { type: "tick", color: "black", thickness: 2 }, encoding: { y, x: { field: "capacity", type: "quantitative" } } },
    ],
  };
}
