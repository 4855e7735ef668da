/**
 * Vega-Lite specifications turned into SVG strings, synchronously, with no browser and no native
 * module: vega-lite compiles the specification to Vega, vega evaluates the dataflow (`run()`, all
 * data are inline so nothing is awaited) and its headless SVG renderer writes the markup.
 *
 * Why not `view.toSVG()`: it returns a Promise, and display methods (`toSVG()`, the Jupyter MIME
 * bundle, `util.inspect`) are synchronous. The renderer is sized the way vega's own headless
 * path sizes it (view size plus padding, origin offset by the padding); a test checks that the
 * two give the same markup, so a vega upgrade that changes this cannot pass unnoticed.
 */
import { View, parse, renderModule } from "vega";
import { compile } from "vega-lite";

/** A Vega-Lite specification (https://vega.github.io/vega-lite/), as plain JSON. */
export type VegaLiteSpec = Record<string, unknown>;

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** The fonts of every picture: what a notebook or browser has without downloads. */
export const CHART_FONT = "Helvetica, Arial, sans-serif";

/**
 * The configuration of every picture: one font; legends and axis labels never cut (vega's
 * default cuts legend labels at 160 px: "patient-satisfacti…"); titles close to the plot.
 */
export const CHART_CONFIG = Object.freeze({
  font: CHART_FONT,
  view: { stroke: null },
  legend: { labelLimit: 0, titleLimit: 0 },
  axis: { labelLimit: 0, titleLimit: 0 },
  title: { offset: 8, limit: 0 },
});

interface SizedView {
  _viewWidth: number;
  _viewHeight: number;
}

interface HeadlessRenderer {
  initialize(el: null, width: number, height: number, origin: [number, number], scaleFactor?: number): HeadlessRenderer;
  background(color: unknown): HeadlessRenderer;
  render(scene: unknown): HeadlessRenderer;
  svg(): string;
}

/** The evaluated vega view of a specification (for the SVG renderer and the tests). */
export function vegaView(spec: VegaLiteSpec): View {
  // vega-lite's TopLevelSpec is a deep union; the specifications are built and tested here.
  const compiled = compile(spec as unknown as Parameters<typeof compile>[0]).spec;
  const view = new View(parse(compiled), { renderer: "none" });
  view.run();
  return view;
}

/**
 * SVG markup of a Vega-Lite specification.
 * @example
 * renderSVG({ data: { values: [{ x: 1 }] }, mark: "point", encoding: { x: { field: "x", type: "quantitative" } } })
 */
export function renderSVG(spec: VegaLiteSpec): string {
  const view = vegaView(spec);
  const svgModule = (renderModule as unknown as (type: string) => { headless: new (loader: unknown) => HeadlessRenderer })("svg");
  const Renderer = svgModule.headless;
  const padding = view.padding() as { top: number; bottom: number; left: number; right: number };
  const sized = view as unknown as SizedView;
  const origin = view.origin();
  const renderer = new Renderer(view.loader())
    .initialize(null, Math.max(0, sized._viewWidth + padding.left + padding.right), Math.max(0, sized._viewHeight + padding.top + padding.bottom), [
      padding.left + origin[0],
      padding.top + origin[1],
    ])
    .background(view.background());
  renderer.render((view.scenegraph() as unknown as { root: unknown }).root);
  return renderer.svg();
}
