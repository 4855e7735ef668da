/** A picture as a Vega-Lite specification, with SVG, HTML and notebook display on demand. */
import { INSPECT, JUPYTER_DISPLAY, type MimeBundle, escapeHTML, mimeBundle } from "../core/display.js";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, type VegaLiteSpec, renderSVG } from "./vega.js";

/**
 * Gives every described symbol (a node, a bar, a point) its description as a `<title>`, which
 * browsers and notebooks show on hover: a static SVG has no script for vega's tooltips. Marks that
 * should not be announced are drawn with `aria: false` and have no label.
 */
function withHoverTitles(svg: string): string {
  return svg.replace(/<path aria-label="([^"]*)"( role="graphics-symbol"[^>]*)\/>/g, '<path aria-label="$1"$2><title>$1</title></path>');
}

/**
 * A picture as a Vega-Lite specification, with SVG, HTML and notebook display.
 * @example new Chart({ data: { values: [{ x: 1 }] }, mark: "point", encoding: { x: { field: "x", type: "quantitative" } } }, "one point").toSVG()
 */
export class Chart {
  readonly #spec: VegaLiteSpec;
  #svg: string | undefined;

  /** `description` is the text shown where no picture can be (terminals, screen readers). */
  constructor(
    spec: VegaLiteSpec,
    readonly description: string,
  ) {
    this.#spec = structuredClone({ $schema: VEGA_LITE_SCHEMA, config: CHART_CONFIG, ...spec });
  }

  /** The Vega-Lite specification (a copy), for notebooks that render Vega-Lite themselves. */
  toVegaLite(): VegaLiteSpec {
    return structuredClone(this.#spec);
  }

  /** SVG markup, rendered headlessly with vega (no browser, no native module). */
  toSVG(): string {
    this.#svg ??= withHoverTitles(renderSVG(this.#spec));
    return this.#svg;
  }

  /** A figure element with the SVG inline and the description as caption. */
  toHTML(): string {
    return `<figure class="twinning-chart">${this.toSVG()}<figcaption>${escapeHTML(this.description)}</figcaption></figure>`;
  }

  /** MIME bundle for Deno's Jupyter kernel. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return mimeBundle(this.description, this.toHTML(), this.toSVG());
  }

  /** The description, for util.inspect. */
  [INSPECT](): string {
    return `Chart: ${this.description}`;
  }
}
