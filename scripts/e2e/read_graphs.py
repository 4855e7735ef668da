"""Reads every .gexf and .graphml file of a folder with NetworkX and prints, per file, each node's
id with its name (GraphML) or label (GEXF), as JSON, for test/e2e/awkwardNames.test.ts.
Usage: python3 read_graphs.py FOLDER"""
import json
import sys
from pathlib import Path

import networkx as nx

folder = Path(sys.argv[1])
out = {}
for path in sorted(folder.iterdir()):
    if path.suffix == ".gexf":
        graph = nx.read_gexf(path)
        out[path.name] = {str(n): data.get("label") for n, data in graph.nodes(data=True)}
    elif path.suffix == ".graphml":
        graph = nx.read_graphml(path)
        out[path.name] = {str(n): data.get("name") for n, data in graph.nodes(data=True)}
print(json.dumps(out))
