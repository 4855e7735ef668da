/**
 * Graph exports for other tools: GEXF for Gephi (written by graphology-gexf) and GraphML
 * (written here: no maintained npm package writes it; graphology-graphml only reads). Both carry
 * the same content: every institution with its name, kind, province, a colour by province, a
 * seeded position and, per node, the knowledge-flow metrics and Louvain community; every contact
 * (mentor -> mentee) with its strength, the counts behind it and its topics.
 */
import { DirectedGraph } from "graphology";
import { write as writeGEXF } from "graphology-gexf";
import type { AbstractGraph, Attributes } from "graphology-types";
import { TwinningArgumentError } from "../../core/errors.js";
import { FLOW_COLUMNS, type FlowReport } from "../../flow/FlowReport.js";
import { peerNodeKey } from "../../model/graphs.js";
import { TwinningNetwork } from "../../model/network.js";
import { checkXmlText, xmlAttribute, xmlContent } from "./xmlText.js";
import { type OptionSchema, checkOptions, showArgument } from "../../core/options.js";
import { ascending } from "../../core/typedArrays.js";

/**
 * Options of toGEXF and toGraphML. Writers compute nothing: metrics and positions are results the
 * caller passes in (`knowledgeFlow(network)`, `graphPositions(network)`).
 */
export interface GraphExportOptions {
  /** Metrics and communities to attach, per institution (default: none). */
  flow?: FlowReport | null;
  /** Positions to write, in [0, 1] per institution id, e.g. from `graphPositions` (default: none). */
  positions?: ReadonlyMap<string, { x: number; y: number }> | null;
}

type Value = string | number | boolean;

interface ExportModel {
  nodes: { id: string; attributes: Record<string, Value> }[];
  edges: { source: string; target: string; attributes: Record<string, Value> }[];
}

/** Vega's "set2" colours (the pictures' province colours), in the order of the sorted provinces. */
const SET2 = ["#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3"];

const GRAPH_EXPORT_SCHEMA: OptionSchema<GraphExportOptions> = {
  flow: { type: "object", nullable: true },
  positions: { type: "custom", check: (value) => (value === null || value instanceof Map ? undefined : `expected a Map of positions by institution id (graphPositions), got ${showArgument(value)}`) },
};

function exportModel(input: TwinningNetwork | AbstractGraph<Attributes, Attributes>, options: GraphExportOptions, name: string): ExportModel {
  checkOptions(name, options, GRAPH_EXPORT_SCHEMA);
  const isNetwork = input instanceof TwinningNetwork;
  if (!isNetwork && (input === null || typeof input !== "object" || typeof (input as AbstractGraph).forEachEdge !== "function")) {
    throw new TwinningArgumentError(name, "expected a TwinningNetwork or a graphology graph");
  }
  const graph: AbstractGraph<Attributes, Attributes> = isNetwork ? (input.peers as unknown as AbstractGraph<Attributes, Attributes>) : input;
  if (graph.type !== "directed") throw new TwinningArgumentError(name, `expected a directed graph, got ${graph.type === "undirected" ? "an undirected" : "a mixed"} graph`);
  const idOf = (key: string): string => {
    const id = graph.getNodeAttribute(key, "id");
    return typeof id === "string" ? id : key;
  };
  const flow = options.flow ?? undefined;
  const rows = new Map((flow?.nodes ?? []).map((row) => [row.id, row]));
  const nodes = graph.mapNodes((key, attributes) => ({ id: idOf(key), group: typeof attributes.group === "string" ? attributes.group : undefined }));
  const edges = graph.mapEdges((_edge, attributes, source, target) => ({ source: idOf(source), target: idOf(target), attributes }));
  const positions = options.positions ?? undefined;
  const groups = [...new Set(nodes.map((n) => n.group ?? ""))].sort();
  const plain = (value: unknown): Value | undefined => {
    if (typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
    if (Array.isArray(value)) return value.join(";");
    return undefined;
  };
  const model: ExportModel = {
    nodes: graph.mapNodes((key, attributes) => {
      const id = idOf(key);
      const out: Record<string, Value> = {};
      for (const [attribute, value] of Object.entries(attributes)) {
        const v = plain(value);
        if (v !== undefined && attribute !== "id" && attribute !== "x" && attribute !== "y") out[attribute] = v;
      }
      out.label = typeof attributes.name === "string" ? attributes.name : id;
      const row = rows.get(id);
      if (row !== undefined) {
        for (const column of FLOW_COLUMNS) {
          if (column === "id" || column === "name" || column === "kind" || column === "group") continue;
          const v = plain(row[column]);
          if (v !== undefined) out[column] = v;
        }
      }
      const position = positions?.get(id);
      if (position !== undefined) {
        out.x = Math.round(position.x * 1000 * 100) / 100;
        out.y = Math.round(position.y * 1000 * 100) / 100;
      }
      out.color = SET2[groups.indexOf(typeof attributes.group === "string" ? attributes.group : "") % SET2.length] as string;
      out.size = row !== undefined ? Math.round((4 + 400 * row.pagerank) * 1000) / 1000 : 5;
      return { id, attributes: out };
    }),
    edges: edges.map((edge) => {
      const out: Record<string, Value> = {};
      for (const [attribute, value] of Object.entries(edge.attributes)) {
        const v = plain(value);
        if (v !== undefined) out[attribute] = v;
      }
      return { source: edge.source, target: edge.target, attributes: out };
    }),
  };
  checkModelText(model, name);
  return model;
}

/** Every id, attribute name and text value must be writable as XML (xmlText.ts). */
function checkModelText(model: ExportModel, caller: string): void {
  const attributes = (owner: string, values: Record<string, Value>) => {
    for (const [attribute, value] of Object.entries(values)) {
      checkXmlText(attribute, caller, `an attribute name of ${owner}`);
      if (typeof value === "string") checkXmlText(value, caller, `attribute ${JSON.stringify(attribute)} of ${owner}`);
    }
  };
  for (const node of model.nodes) {
    checkXmlText(node.id, caller, "a node id");
    attributes(`node ${JSON.stringify(node.id)}`, node.attributes);
  }
  for (const edge of model.edges) attributes(`edge ${JSON.stringify(edge.source)} -> ${JSON.stringify(edge.target)}`, edge.attributes);
}

const VIZ = new Set(["label", "x", "y", "color", "size"]);

/**
 * GEXF 1.2 for Gephi: positions, colours and sizes as `viz:` elements, everything else (metrics,
 * community, kind, province, strengths, topics) as typed attributes.
 * @example writeFileSync("network.gexf", toGEXF(network))
 */
export function toGEXF(input: TwinningNetwork | AbstractGraph<Attributes, Attributes>, options: GraphExportOptions = {}): string {
  const model = exportModel(input, options, "toGEXF");
  const graph = new DirectedGraph();
  // Keys follow the peer graph's escaping, which graphology needs for names such as "constructor".
  for (const node of model.nodes) graph.addNode(peerNodeKey(node.id), node.attributes);
  model.edges.forEach((edge, i) => {
    graph.addEdgeWithKey(`e${i}`, peerNodeKey(edge.source), peerNodeKey(edge.target), edge.attributes);
  });
  const text = writeGEXF(graph, {
    version: "1.2", // 1.2draft: what Gephi and NetworkX 2.8 both read (NetworkX 2.8 rejects 1.3)
    formatNode: (_key, a) => ({
      label: String(a.label),
      viz: { ...(a.x !== undefined ? { x: a.x as number, y: a.y as number } : {}), size: a.size as number, color: a.color as string },
      attributes: Object.fromEntries(Object.entries(a).filter(([k]) => !VIZ.has(k))),
    }),
    formatEdge: (_key, a) => ({ weight: a.weight as number, attributes: Object.fromEntries(Object.entries(a).filter(([k]) => k !== "weight")) }),
  });
  // graphology-gexf 0.13.2 declares the 1.2 viz namespace as "http:///www.gexf.net/1.1draft/viz"
  // (three slashes), so readers that check namespaces (NetworkX) lose every colour, size and
  // position. Write the namespace GEXF 1.2 defines.
  return text.replace('xmlns:viz="http:///www.gexf.net/1.1draft/viz"', 'xmlns:viz="http://www.gexf.net/1.2draft/viz"');
}


/**
 * GraphML (http://graphml.graphdrawing.org/) with typed `<key>` declarations: numbers as double
 * (int where every value is whole), booleans as boolean, the rest as string.
 * @example writeFileSync("network.graphml", toGraphML(network))
 */
export function toGraphML(input: TwinningNetwork | AbstractGraph<Attributes, Attributes>, options: GraphExportOptions = {}): string {
  const model = exportModel(input, options, "toGraphML");
  const declare = (domain: "node" | "edge", items: { attributes: Record<string, Value> }[], prefix: string) => {
    const types = new Map<string, string>();
    for (const item of items) {
      for (const [name, value] of Object.entries(item.attributes)) {
        const type = typeof value === "boolean" ? "boolean" : typeof value === "number" ? (Number.isInteger(value) ? "long" : "double") : "string";
        const seen = types.get(name);
        types.set(name, seen === undefined || seen === type ? type : seen === "long" && type === "double" ? "double" : seen === "double" && type === "long" ? "double" : "string");
      }
    }
    const names = [...types.keys()].sort();
    const ids = new Map(names.map((name, i) => [name, `${prefix}${i}`]));
    const keys = names.map((name) => `  <key id="${ids.get(name)}" for="${domain}" attr.name="${xmlAttribute(name)}" attr.type="${types.get(name)}"/>`);
    return { keys, ids };
  };
  const nodeKeys = declare("node", model.nodes, "n");
  const edgeKeys = declare("edge", model.edges, "e");
  const data = (attributes: Record<string, Value>, ids: Map<string, string>) =>
    Object.entries(attributes)
      .sort((a, b) => ascending(a[0], b[0]))
      .map(([name, value]) => `      <data key="${ids.get(name)}">${xmlContent(String(value))}</data>`);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`,
    ...nodeKeys.keys,
    ...edgeKeys.keys,
    `  <graph id="twinning" edgedefault="directed">`,
    ...model.nodes.flatMap((node) => [`    <node id="${xmlAttribute(node.id)}">`, ...data(node.attributes, nodeKeys.ids), "    </node>"]),
    ...model.edges.flatMap((edge, i) => [`    <edge id="e${i}" source="${xmlAttribute(edge.source)}" target="${xmlAttribute(edge.target)}">`, ...data(edge.attributes, edgeKeys.ids), "    </edge>"]),
    "  </graph>",
    "</graphml>",
  ];
  return `${lines.join("\n")}\n`;
}
