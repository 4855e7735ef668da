/**
 * Node labels placed without overlap: greedy placement by importance (the biggest nodes first),
 * each label tried above, below, right and left of its node and dropped when all four collide
 * with a label already placed or leave the picture. Dropped labels stay readable on hover (the
 * node's tooltip) and in the tables. Greedy fixed-position placement is the classic cartographic
 * approach (Christensen, Marks & Shieber 1995, "An empirical study of algorithms for point-feature
 * label placement", ACM TOG 14(3)); the test in a real browser checks the result from the DOM.
 */

/** A node as drawn: centre in pixels, radius in pixels. */
export interface LabelledNode {
  label: string;
  /** Importance: larger values are labelled first. */
  size: number;
  px: number;
  py: number;
  radius: number;
}

/** A placed label: centre in pixels (text drawn centred on it). */
export interface PlacedLabel {
  label: string;
  px: number;
  py: number;
}

export interface LabelBoxOptions {
  fontSize: number;
  /** Picture width and height in pixels. */
  width: number;
  height: number;
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Width of a text in pixels, on the generous side of Helvetica and Arial (average advance 0.6 em,
 * capitals wider): a browser's real text is never wider than the box reserved for it.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) em += /[A-Z]/.test(char) ? 0.72 : /[mwMW]/.test(char) ? 0.85 : /[iljtf.,' ]/.test(char) ? 0.34 : 0.6;
  return em * fontSize;
}

const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Labels of the nodes that can be labelled without any two overlapping.
 * @example placeLabels([{ label: "Kabgayi", size: 3, px: 100, py: 100, radius: 6 }], { fontSize: 9, width: 560, height: 560 })
 */
export function placeLabels(nodes: readonly LabelledNode[], options: LabelBoxOptions): PlacedLabel[] {
  const gap = 2;
  const height = options.fontSize * 1.25;
  const placed: Box[] = [];
  const result: PlacedLabel[] = [];
  const order = [...nodes].sort((a, b) => b.size - a.size || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  for (const node of order) {
    if (node.label === "") continue;
    const width = textWidth(node.label, options.fontSize) + 2;
    const r = node.radius + gap;
    const candidates: [number, number][] = [
      [node.px, node.py - r - height / 2],
      [node.px, node.py + r + height / 2],
      [node.px + r + width / 2, node.py],
      [node.px - r - width / 2, node.py],
    ];
    for (const [cx, cy] of candidates) {
      const box = { left: cx - width / 2, right: cx + width / 2, top: cy - height / 2, bottom: cy + height / 2 };
      if (box.left < 0 || box.top < 0 || box.right > options.width || box.bottom > options.height) continue;
      if (placed.some((other) => overlaps(box, other))) continue;
      placed.push(box);
      result.push({ label: node.label, px: cx, py: cy });
      break;
    }
  }
  return result;
}
