"""Exact-arithmetic oracles for the flow: betweenness with rational path lengths, and the
disparity-filter alpha of every link (Serrano, Boguna and Vespignani, PNAS 2009), written from the
formulas, independently of the TypeScript code (and of NetworkX's floating-point ties).

Run: /usr/bin/python3 scripts/oracles/flow_exact.py   -> test/fixtures/flow-exact.json

Strengths are written as exact fractions "p/q"; the tests build graphs with the float p / q, so
equal routes in exact arithmetic may differ in the last bits in floats (the near ties of issue 15).
"""
import heapq
import json
import pathlib
import random
from fractions import Fraction

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "test" / "fixtures" / "flow-exact.json"


def brandes(nodes, edges, directed):
    """Betweenness with Fraction distances (1 / strength) and exact ties; NetworkX's normalisation."""
    adj = {v: {} for v in nodes}
    for s, t, w in edges:
        if s == t or w == 0:
            continue
        d = 1 / w
        if t not in adj[s] or d < adj[s][t]:
            adj[s][t] = d
        if not directed and (s not in adj[t] or d < adj[t][s]):
            adj[t][s] = d
    bc = {v: Fraction(0) for v in nodes}
    order_index = {v: i for i, v in enumerate(nodes)}
    for s in nodes:
        dist = {s: Fraction(0)}
        sigma = {v: 0 for v in nodes}
        sigma[s] = 1
        preds = {v: [] for v in nodes}
        done = []
        seen = set()
        heap = [(Fraction(0), order_index[s], s)]
        while heap:
            d, _, v = heapq.heappop(heap)
            if v in seen or d != dist[v]:
                continue
            seen.add(v)
            done.append(v)
            for w, length in adj[v].items():
                c = d + length
                if w not in dist or c < dist[w]:
                    dist[w] = c
                    sigma[w] = sigma[v]
                    preds[w] = [v]
                    heapq.heappush(heap, (c, order_index[w], w))
                elif c == dist[w] and w not in seen:
                    sigma[w] += sigma[v]
                    preds[w].append(v)
        delta = {v: Fraction(0) for v in nodes}
        for w in reversed(done):
            for v in preds[w]:
                delta[v] += Fraction(sigma[v], sigma[w]) * (1 + delta[w])
            if w != s:
                bc[w] += delta[w]
    n = len(nodes)
    scale = Fraction(1, (n - 1) * (n - 2)) if n > 2 else Fraction(1)
    if not directed:
        pass  # ordered pairs counted; NetworkX: half of them times 2 / ((n-1)(n-2)), the same
    return {v: float(bc[v] * scale) for v in nodes}


def disparity(nodes, edges, directed):
    """Alpha of each link: min over its two ends of (1 - w / s)^(k - 1), exactly."""
    out_s = {v: Fraction(0) for v in nodes}
    out_k = {v: 0 for v in nodes}
    in_s = out_s if not directed else {v: Fraction(0) for v in nodes}
    in_k = out_k if not directed else {v: 0 for v in nodes}
    kept = [(s, t, w) for s, t, w in edges if s != t and w > 0]
    for s, t, w in kept:
        out_s[s] += w
        out_k[s] += 1
        in_s[t] += w
        in_k[t] += 1

    def side(w, s, k):
        return Fraction(1) if k <= 1 else (1 - w / s) ** (k - 1)

    return [[s, t, float(min(side(w, out_s[s], out_k[s]), side(w, in_s[t], in_k[t])))] for s, t, w in kept]


def frac(x):
    return f"{x.numerator}/{x.denominator}"


def tie_cases():
    # 1. Two routes a->b->d and a->c->d, equal in exact arithmetic: 1/(1/2) + 1/(3/2) = 8/3 and
    #    1/1 + 1/(3/5) = 8/3; in floats 2.6666666666666665 against 2.666666666666667.
    yield "two equal routes through strengths 1/2, 3/2 and 1, 3/5", True, ["a", "b", "c", "d"], [
        ("a", "b", Fraction(1, 2)), ("b", "d", Fraction(3, 2)), ("a", "c", Fraction(1)), ("c", "d", Fraction(3, 5))]
    # The same tie inside a longer chain, undirected, with a second tie further on.
    yield "a chain of two such ties (undirected)", False, ["a", "b", "c", "d", "e", "f", "g"], [
        ("a", "b", Fraction(1, 2)), ("b", "d", Fraction(3, 2)), ("a", "c", Fraction(1)), ("c", "d", Fraction(3, 5)),
        ("d", "e", Fraction(3, 5)), ("e", "g", Fraction(1)), ("d", "f", Fraction(3, 2)), ("f", "g", Fraction(1, 2))]
    # 2. A group event split into shares weight / (k - 1) for k = 4 and k = 7, a relay and a direct link.
    yield "event shares 1/3 and 1/6 tie with a relay", True, ["h", "x", "y", "z", "m"], [
        ("h", "x", Fraction(1, 3)), ("x", "m", Fraction(1, 3)), ("h", "y", Fraction(1, 6)), ("y", "m", Fraction(2, 3)),
        ("h", "z", Fraction(1, 7)), ("z", "m", Fraction(7, 3)), ("m", "h", Fraction(1, 1))]
    # 3. Random graphs whose strengths are sums of shares 1 / (k - 1), k in 3..9 (as contact data are).
    rng = random.Random(15)
    for n, m, directed in [(12, 40, True), (20, 70, True), (16, 40, False)]:
        nodes = [f"n{i}" for i in range(n)]
        chosen = {}
        while len(chosen) < m:
            s, t = rng.sample(nodes, 2)
            key = (s, t) if directed else tuple(sorted((s, t)))
            chosen[key] = sum(Fraction(1, rng.randint(2, 8)) for _ in range(rng.randint(1, 3)))
        yield f"random {'directed' if directed else 'undirected'} ({n}, {m}) with strengths summed from shares 1/(k-1)", directed, nodes, [(s, t, w) for (s, t), w in chosen.items()]


def flow_fixture_graphs():
    data = json.loads((ROOT / "test" / "fixtures" / "flow.json").read_text())
    for g in data["graphs"]:
        if not g["weighted"] or not g["edges"]:
            continue
        yield g["name"], g["directed"], [str(v) for v in g["nodes"]], [(str(s), str(t), Fraction(w)) for s, t, w in g["edges"]]


def networkx_disagrees(directed, nodes, edges, exact):
    """True when NetworkX's float betweenness differs from the exact one (a graph with near ties)."""
    import networkx as nx

    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(nodes)
    for s, t, w in edges:
        if w > 0:
            G.add_edge(s, t, distance=1 / float(w))
    values = nx.betweenness_centrality(G, weight="distance")
    return any(abs(values[v] - exact[v]) > 1e-9 * max(abs(exact[v]), 1e-12) for v in nodes)


def main():
    cases = []
    for source, generator in (("constructed", tie_cases()), ("flow.json", flow_fixture_graphs())):
        for name, directed, nodes, edges in generator:
            exact = brandes(nodes, edges, directed)
            cases.append({
                "name": name,
                "source": source,
                "directed": directed,
                "nodes": nodes,
                "edges": [[s, t, frac(w)] for s, t, w in edges],
                "betweenness": exact,
                "networkxNearTies": networkx_disagrees(directed, nodes, edges, exact),
                "disparity": disparity(nodes, edges, directed),
            })
    OUT.write_text(json.dumps({"generator": "scripts/oracles/flow_exact.py (Python fractions)", "cases": cases}, indent=1) + "\n")
    print(f"wrote {OUT} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
