"""Reads the library's exports with independent readers (NetworkX's GEXF and GraphML readers,
Python's csv and json modules) and prints what they saw as JSON, for test/e2e/readers.test.ts.
Usage: python3 read_exports.py FOLDER (holding network.gexf, network.graphml, plan.csv,
flow.csv, effects.csv, network.json)."""
import csv
import json
import sys
from pathlib import Path

import networkx as nx

folder = Path(sys.argv[1])


def graph_summary(graph):
    return {
        "directed": graph.is_directed(),
        "nodes": {str(n): {k: v for k, v in data.items() if k != "viz"} | ({"viz": data["viz"]} if "viz" in data else {}) for n, data in graph.nodes(data=True)},
        "edges": [[str(s), str(t), data] for s, t, data in graph.edges(data=True)],
    }


def read_csv(name):
    with open(folder / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


out = {
    "networkx": nx.__version__,
    "gexf": graph_summary(nx.read_gexf(folder / "network.gexf")),
    "graphml": graph_summary(nx.read_graphml(folder / "network.graphml")),
    "plan": read_csv("plan.csv"),
    "flow": read_csv("flow.csv"),
    "effects": read_csv("effects.csv"),
    "json": {key: len(value) for key, value in json.loads((folder / "network.json").read_text(encoding="utf-8")).items()},
}
print(json.dumps(out))
