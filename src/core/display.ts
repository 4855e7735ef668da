/**
 * The display protocol of every result, and what every displayable result shares: the MIME bundle for Deno's Jupyter kernel
 * (`Symbol.for("Jupyter.display")`), the compact text for Node's REPL and tslab
 * (`Symbol.for("nodejs.util.inspect.custom")`), and small HTML and text tables. Symbols are taken
 * from the global registry, so the library never imports tslab or references `Deno`.
 * @example
 * plan[JUPYTER_DISPLAY]()["image/svg+xml"] // the picture a Deno notebook shows
 */
import { TwinningArgumentError } from "./errors.js";

/**
 * The symbol Deno's Jupyter kernel calls on a cell's last value for its MIME bundle.
 * @example
 * plan[JUPYTER_DISPLAY]()["text/html"] // the tables a Deno notebook shows
 */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;
/**
 * The symbol util.inspect (Node REPL, tslab) calls for a custom text view.
 * @example
 * util.inspect(plan) // calls plan[INSPECT]()
 */
export const INSPECT: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;

/** A Jupyter MIME bundle: always text, plus HTML and SVG where they fit. */
export interface MimeBundle {
  "text/plain": string;
  "text/html"?: string;
  "image/svg+xml"?: string;
}

/** What a result that notebooks can show implements. */
export interface Displayable {
  /** An HTML fragment. */
  toHTML(): string;
  /** An SVG picture. */
  toSVG(): string;
  /** MIME bundle for Deno's Jupyter kernel. */
  [JUPYTER_DISPLAY](): MimeBundle;
  /** Compact text for util.inspect. */
  [INSPECT](): string;
}

/** A count with thousands separators, as every message writes counts: 12,500. */
export const grouped = (count: number): string => count.toLocaleString("en-US");

/**
 * The first five items (shown by `show`), joined by commas, then ", ..." if there are more: how
 * every message names a long list.
 */
export const firstFive = <T>(items: readonly T[], show: (item: T) => string = String): string => items.slice(0, 5).map(show).join(", ") + (items.length > 5 ? ", ..." : "");

export function escapeHTML(value: unknown): string {
  return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The most significant digits a number shows anywhere in a table, figure list or report. */
export const MAX_SIGNIFICANT_DIGITS = 6;

/**
 * The text of a nonzero value that fixed decimals showed as 0 ("0.00", "-0.000"): 3 significant
 * digits instead ("1.23e-12", "0.000123"), so a tiny estimate never reads as none.
 * @example
 * shownNonzero(1.234e-12, "0.00") // "1.23e-12"
 */
export function shownNonzero(value: number, text: string): string {
  return value !== 0 && /^-?0\.?0*$/.test(text) ? String(Number(value.toPrecision(3))) : text;
}

/**
 * A number for people, the one formatter of every table and report (APA style): `digits`
 * decimals but never more than 6 significant digits, no "-0", "n/a" for null or undefined,
 * integers as they are; a nonzero value that would round to 0 gets 3 significant digits.
 * @example
 * formatNumber(31.999999999999982) // "32.000"
 * formatNumber(123456.789) // "123457"
 * formatNumber(1.234e-12, 2) // "1.23e-12"
 */
export function formatNumber(value: unknown, digits = 3): string {
  if (value === null || value === undefined) return "n/a";
  if (typeof value !== "number") return String(value);
  if (!Number.isFinite(value)) return value > 0 ? "Inf" : value < 0 ? "-Inf" : "NaN";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const whole = Math.abs(value) < 1 ? 0 : Math.floor(Math.log10(Math.abs(value))) + 1;
  let text: string;
  if (whole > MAX_SIGNIFICANT_DIGITS) text = value.toPrecision(MAX_SIGNIFICANT_DIGITS).replace(/\.?0+e/, "e");
  else {
    const decimals = Math.max(0, Math.min(digits, MAX_SIGNIFICANT_DIGITS - whole));
    text = value.toFixed(decimals);
    // Rounding can carry into a new digit (999999.6 -> "1000000"): one decimal fewer then.
    if (text.replace(/[^0-9]/g, "").replace(/^0+/, "").length > MAX_SIGNIFICANT_DIGITS && decimals > 0) text = value.toFixed(decimals - 1);
  }
  return shownNonzero(value, text);
}

/**
 * A p-value in APA style, without "p =": three decimals with no leading zero, "< .001" below
 * .001 and "> .999" above .999 (a p-value is never exactly 0 or 1 in print).
 * @example
 * formatPValue(0.0312) // ".031"
 * formatPValue(0.00002) // "< .001"
 */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return "n/a";
  if (p < 0.001) return "< .001";
  if (p > 0.999) return "> .999";
  return p.toFixed(3).replace(/^0/, "");
}

/**
 * A p-value as APA prints it in a sentence: "p = .031", "p < .001", "p > .999".
 * @example
 * formatP(0.0312) // "p = .031"
 */
export function formatP(p: number | null | undefined): string {
  const text = formatPValue(p);
  return text.startsWith("<") || text.startsWith(">") ? `p ${text}` : `p = ${text}`;
}

export interface Column<Row> {
  label: string;
  value: (row: Row) => unknown;
  digits?: number;
  /** "p" prints the value as an APA p-value (formatPValue). */
  format?: "p";
  /** Text shown on hover in HTML (a title attribute), e.g. the id behind a name. */
  hover?: (row: Row) => string | undefined;
}

const cell = <Row>(column: Column<Row>, row: Row): string => {
  const value = column.value(row);
  return column.format === "p" && (typeof value === "number" || value === null || value === undefined) ? formatPValue(value) : formatNumber(value, column.digits);
};

const htmlCell = <Row>(column: Column<Row>, row: Row): string => {
  const hover = column.hover?.(row);
  return `<td${hover === undefined ? "" : ` title="${escapeHTML(hover)}"`}>${escapeHTML(cell(column, row))}</td>`;
};

/** An HTML table; rows beyond `limit` are counted in a last line, never silently dropped. */
export function htmlTable<Row>(columns: Column<Row>[], rows: readonly Row[], options: { caption?: string; limit?: number } = {}): string {
  const limit = options.limit ?? rows.length;
  const head = `<tr>${columns.map((c) => `<th>${escapeHTML(c.label)}</th>`).join("")}</tr>`;
  const body = rows
    .slice(0, limit)
    .map((row) => `<tr>${columns.map((c) => htmlCell(c, row)).join("")}</tr>`)
    .join("");
  const more = rows.length > limit ? `<tr><td colspan="${columns.length}">… and ${rows.length - limit} more rows</td></tr>` : "";
  const caption = options.caption === undefined ? "" : `<caption>${escapeHTML(options.caption)}</caption>`;
  return `<table class="twinning-table">${caption}<thead>${head}</thead><tbody>${body}${more}</tbody></table>`;
}

/** A fixed-width text table for terminals and `util.inspect`; same limit rule as htmlTable. */
export function textTable<Row>(columns: Column<Row>[], rows: readonly Row[], limit = rows.length): string {
  const shown = rows.slice(0, limit).map((row) => columns.map((c) => cell(c, row)));
  const widths = columns.map((c, i) => Math.max(c.label.length, ...shown.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((text, i) => text.padEnd(widths[i] as number)).join("  ").trimEnd();
  const lines = [line(columns.map((c) => c.label)), ...shown.map(line)];
  if (rows.length > limit) lines.push(`… and ${rows.length - limit} more rows`);
  return lines.join("\n");
}

/** A definition list of figures, for summaries. */
export function htmlFigures(figures: [string, unknown][]): string {
  return `<dl class="twinning-figures">${figures.map(([label, value]) => `<dt>${escapeHTML(label)}</dt><dd>${escapeHTML(formatNumber(value))}</dd>`).join("")}</dl>`;
}

export function mimeBundle(text: string, html: string, svg?: string): MimeBundle {
  return svg === undefined ? { "text/plain": text, "text/html": html } : { "text/plain": text, "text/html": html, "image/svg+xml": svg };
}

// ---- pictures: filled in by the view entry

/** A picture of a result, as the view entry draws it (a Chart). */
export interface Picture {
  /** The picture as an SVG document, rendered in process. */
  toSVG(): string;
  /** A figure element: the SVG with its caption. */
  toHTML(): string;
  /** The Vega-Lite specification the picture is drawn from. */
  toVegaLite(): Record<string, unknown>;
}

/** What can be drawn: a network, a plan, a flow report, or one or many effect estimates. */
export type PictureKind = "network" | "plan" | "flow" | "estimates";

/** Draws a result of one kind; registered by `twinning-network/view`. */
export type PictureMaker = (kind: PictureKind, result: unknown) => Picture;

// One slot in the global symbol registry, not a module variable: an ES module and a CommonJS copy
// of the core loaded in one process (tslab, mixed bundles) then see the same view.
const PICTURES: unique symbol = Symbol.for("twinning-network.pictures") as never;
type PictureSlot = { [PICTURES]?: PictureMaker };

/**
 * Called once by the view entry when it loads: from then on results show their pictures in
 * notebooks (`Symbol.for("Jupyter.display")`), `toHTML()` and `toSVG()`.
 * @example
 * registerPictures((kind, result) => myChart(kind, result)) // what twinning-network/view does
 */
export function registerPictures(maker: PictureMaker): void {
  (globalThis as PictureSlot)[PICTURES] = maker;
}

/** The picture of a result when the view entry is loaded, else undefined (text and tables only). */
export function pictureOf(kind: PictureKind, result: unknown): Picture | undefined {
  const maker = (globalThis as PictureSlot)[PICTURES];
  return maker === undefined ? undefined : maker(kind, result);
}

/** The picture, or an error that says how to load the view. */
export function requirePicture(kind: PictureKind, result: unknown, caller: string): Picture {
  const picture = pictureOf(kind, result);
  if (picture === undefined) {
    throw new TwinningArgumentError(caller, 'pictures come with the view entry: import "twinning-network/view" once (in a notebook, in its first cell)');
  }
  return picture;
}
