/**
 * Colours and shapes of the pictures. Topics get colours; provinces get shapes (never colours), so
 * an arrow's colour always means a topic and a node's shape always means a province.
 *
 * [Reference]: Paul Tol (2021), "Colour schemes", SRON technical note SRON/EPS/TN/09-002, issue
 * 3.2, https://personal.sron.nl/~pault/data/colourschemes.pdf. Up to 9 topics: the qualitative
 * "muted" scheme (fig. 4), distinct for the common forms of colour blindness. 10 to 23 topics: the
 * "discrete rainbow" (fig. 22), Tol's scheme for many categories, n colours spread evenly over its
 * 23. Beyond 9 categories no scheme stays distinct for every reader (Tol, section 3), so every
 * topic is also named in the legend, the tooltip and the tables.
 */

/** Tol's "muted" qualitative scheme, in his order (pale grey, his "bad data" colour, left out). */
export const TOL_MUTED: readonly string[] = ["#332288", "#88ccee", "#44aa99", "#117733", "#999933", "#ddcc77", "#cc6677", "#882255", "#aa4499"];

/** Tol's discrete rainbow: the 23 colours of his fig. 22, purple to dark red. */
export const TOL_DISCRETE_RAINBOW: readonly string[] = [
  "#e8ecfb", "#d9cce3", "#caaccb", "#ba8db4", "#aa6f9e", "#994f88", "#882e72", "#1965b0", "#437dbf", "#6195cf", "#7bafde", "#4eb265",
  "#90c987", "#cae0ab", "#f7f056", "#f7cb45", "#f4a736", "#ee8026", "#e65518", "#dc050c", "#a5170e", "#72190e", "#42150a",
];

/** The colour of "no topic" links: a grey no topic colour is near. */
export const NO_TOPIC_COLOUR = "#bbbbbb";

/**
 * n distinct topic colours (n <= 23): Tol's muted scheme up to 9, his discrete rainbow above.
 * @example
 * topicColours(12).length // 12, all different
 */
export function topicColours(n: number): string[] {
  if (n <= TOL_MUTED.length) return TOL_MUTED.slice(0, n);
  if (n > TOL_DISCRETE_RAINBOW.length) {
    // More topics than distinct colours exist: repeat, and the legend and tooltips still name each.
    return Array.from({ length: n }, (_, i) => TOL_DISCRETE_RAINBOW[i % TOL_DISCRETE_RAINBOW.length] as string);
  }
  // The palest rainbow colour (#e8ecfb) vanishes on white: left out unless all 23 are needed.
  const usable = n < TOL_DISCRETE_RAINBOW.length ? TOL_DISCRETE_RAINBOW.slice(1) : TOL_DISCRETE_RAINBOW;
  return Array.from({ length: n }, (_, i) => usable[Math.round((i * (usable.length - 1)) / Math.max(1, n - 1))] as string);
}

/** Shapes of the provinces (vega symbol shapes), told apart without colour. */
export const PROVINCE_SHAPES: readonly string[] = ["circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "triangle-right", "triangle-left", "wedge", "arrow", "stroke"];

/** The one fill of every node: dark enough for the white outline, neutral beside the topics. */
export const NODE_FILL = "#555555";
