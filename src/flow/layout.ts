/**
 * A seeded layout for network pictures: ForceAtlas2 (Jacomy et al. 2014, graphology's
 * implementation) started from positions that put each group (province) on its own sector of a
 * circle, so provinces stay visible as regions. ForceAtlas2 itself is deterministic; the start is
 * drawn from our seeded generator, so the same data and seed give the same picture in any input
 * order (nodes and links are sorted first).
 */
import { UndirectedGraph } from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import { type OptionSchema, checkOptions } from "../core/options.js";
import { SeededRandom } from "../core/random.js";
import { ascending } from "../core/typedArrays.js";
import { institutionIdOf } from "../model/graphs.js";
import type { TwinningNetwork } from "../model/network.js";

const LAYOUT_SCHEMA: OptionSchema<{ seed: number }> = { seed: { type: "seed" } };

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/** A node of a layout, with its group. */
export interface LayoutNode {
  id: string;
  group?: string | undefined;
}

/** A link of a layout. */
export interface LayoutLink {
  source: string;
  target: string;
  weight?: number;
}

/**
 * Positions in [0, 1] x [0, 1], by node id.
 * @example
 * seededLayout([{ id: "A" }, { id: "B" }], [{ source: "A", target: "B" }], 1).get("A") // { x, y } in [0, 1]
 */
export function seededLayout(nodes: readonly LayoutNode[], links: readonly LayoutLink[], seed = 0): Map<string, { x: number; y: number }> {
  checkOptions("seededLayout", { seed }, LAYOUT_SCHEMA);
  const sorted = [...nodes].sort((a, b) => ascending(a.id, b.id));
  const groups = [...new Set(sorted.map((node) => node.group ?? ""))].sort();
  const random = new SeededRandom(seed);
  const graph = new UndirectedGraph();
  // Keys are indices: ids may be names graphology's plain-object storage cannot hold (see graphs.ts).
  const index = new Map(sorted.map((node, i) => [node.id, i]));
  sorted.forEach((node, i) => {
    const sector = groups.indexOf(node.group ?? "");
    const angle = (2 * Math.PI * (sector + 0.5 + 0.6 * (random.next() - 0.5))) / groups.length;
    const radius = groups.length > 1 ? 1 + 0.3 * random.next() : random.next();
    // Rounded: Math.cos and Math.sin may differ in the last bit between JavaScript engines
    // (Node's and Deno's V8 do), and ForceAtlas2 would carry such a difference into the picture.
    graph.addNode(String(i), { x: round6(radius * Math.cos(angle)), y: round6(radius * Math.sin(angle)) });
  });
  const ordered = [...links].sort((a, b) => ascending(a.source, b.source) || ascending(a.target, b.target));
  for (const link of ordered) {
    const s = index.get(link.source);
    const t = index.get(link.target);
    if (s === undefined || t === undefined || s === t) continue;
    const weight = link.weight ?? 1;
    const edge = graph.edge(String(s), String(t));
    if (edge === undefined) graph.addEdge(String(s), String(t), { weight });
    else graph.updateEdgeAttribute(edge, "weight", (w) => (w as number) + weight);
  }
  const positions =
    graph.order > 1 && graph.size > 0
      ? forceAtlas2(graph, { iterations: 300, getEdgeWeight: "weight", settings: { ...forceAtlas2.inferSettings(graph), gravity: 1, scalingRatio: 10 } })
      : Object.fromEntries(graph.mapNodes((key, attributes) => [key, { x: attributes.x as number, y: attributes.y as number }]));
  const xs = Object.values(positions).map((p) => p.x);
  const ys = Object.values(positions).map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  const result = new Map<string, { x: number; y: number }>();
  sorted.forEach((node, i) => {
    const p = positions[String(i)] as { x: number; y: number };
    // Same scale on both axes (arrows keep their angles), centred.
    result.set(node.id, { x: 0.5 + (p.x - (minX + maxX) / 2) / span, y: 0.5 + (p.y - (minY + maxY) / 2) / span });
  });
  return result;
}

/**
 * Positions of a network's institutions for drawings and graph exports: the seeded layout of its
 * peer graph (contact strength pulls institutions together), groups as sectors.
 * @example
 * toGEXF(network, { flow: knowledgeFlow(network), positions: graphPositions(network) })
 */
export function graphPositions(network: TwinningNetwork, seed = 0): Map<string, { x: number; y: number }> {
  checkOptions("graphPositions", { seed }, LAYOUT_SCHEMA);
  const peers = network.peers;
  const links = peers.mapEdges((_edge, attributes, source, target) => ({ source: institutionIdOf(source), target: institutionIdOf(target), weight: Number(attributes.weight ?? 1) }));
  return seededLayout(network.institutions.map((institution) => ({ id: institution.id, group: institution.group })), links, seed);
}
