"""Oracle for the plan's lexicographic flow model (issue 11): random medium problems solved by
NetworkX 2.8's max_flow_min_cost with the three levels folded into one exact integer cost.

Graph: source -> need (1 + backups) -> pool (mentor and topic; 1 per need-mentor pair, the
pair's cost) -> mentor (the topic limit) -> sink (the mentor's capacity). Every need also has two
ways to leave units unplaced, straight to the sink: `backups` units at cost M2 each and one unit at
cost M1. So every unit can flow (the maximum flow is the total supply) and the minimum cost is
    M1 * (needs without a mentor) + M2 * (backup slots missing) + (cost of the pairs),
with M2 larger than any difference of pair costs and M1 larger than any difference of the rest:
Python integers hold the sum exactly, so its minimum is the lexicographic optimum (most needs
covered, then most units placed, then least cost). Costs are integers (an exact grid).

Run: /usr/bin/python3 scripts/oracles/plan_flow_networkx.py > test/fixtures/plan/flow-networkx.json
"""
import json
import random

import networkx as nx


def problem(seed):
    rng = random.Random(seed)
    needs = rng.randint(40, 120)
    mentors = rng.randint(10, 40)
    topics = rng.randint(1, 3)
    backups = rng.choice([0, 1, 1, 2])
    topic_limit = rng.choice([None, None, 1, 2])
    capacity = {f"m{j}": rng.randint(0, 4) for j in range(mentors)}
    items = []
    for i in range(needs):
        k = rng.randint(0, 6)
        chosen = rng.sample(range(mentors), min(k, mentors))
        # Costs on an integer grid, with ties (a small range) and negative values.
        items.append({
            "key": f"n{i}",
            "topic": f"t{rng.randrange(topics)}",
            "options": [{"mentor": f"m{j}", "cost": rng.randint(-20, 20)} for j in chosen],
        })
    return {"seed": seed, "needs": items, "capacity": capacity, "backups": backups, "topicLimit": topic_limit}


def solve(p):
    backups = p["backups"]
    supply = 1 + backups
    spread = sum(abs(o["cost"]) for n in p["needs"] for o in n["options"]) + 1
    m2 = 2 * spread + 1
    m1 = (supply * len(p["needs"]) + 1) * m2 + 2 * spread + 1
    g = nx.DiGraph()
    for n in p["needs"]:
        need = ("need", n["key"])
        g.add_edge("source", need, capacity=supply, weight=0)
        for o in n["options"]:
            pool = ("pool", o["mentor"], n["topic"]) if p["topicLimit"] is not None else ("mentor", o["mentor"])
            g.add_edge(need, pool, capacity=1, weight=o["cost"])
        # Drops: a private node per kind keeps the graph simple (no parallel arcs).
        g.add_edge(need, ("drop-primary", n["key"]), capacity=1, weight=m1)
        g.add_edge(("drop-primary", n["key"]), "sink", capacity=1, weight=0)
        if backups > 0:
            g.add_edge(need, ("drop-backup", n["key"]), capacity=backups, weight=m2)
            g.add_edge(("drop-backup", n["key"]), "sink", capacity=backups, weight=0)
    for mentor, cap in p["capacity"].items():
        g.add_edge(("mentor", mentor), "sink", capacity=cap, weight=0)
    if p["topicLimit"] is not None:
        for node in list(g.nodes):
            if isinstance(node, tuple) and node[0] == "pool":
                g.add_edge(node, ("mentor", node[1]), capacity=p["topicLimit"], weight=0)
    flow = nx.max_flow_min_cost(g, "source", "sink")
    primaries = units = cost = 0
    for n in p["needs"]:
        need = ("need", n["key"])
        placed = 0
        for o in n["options"]:
            pool = ("pool", o["mentor"], n["topic"]) if p["topicLimit"] is not None else ("mentor", o["mentor"])
            if flow[need][pool] > 0:
                placed += 1
                cost += o["cost"]
        units += placed
        primaries += 1 if placed > 0 else 0
    total = nx.cost_of_flow(g, flow)
    uncovered = len(p["needs"]) - primaries
    missing = supply * len(p["needs"]) - units
    # The folded objective decodes into the three levels.
    assert total == m1 * uncovered + m2 * (missing - uncovered) + cost, (total, uncovered, missing, cost)
    return {"primaries": primaries, "units": units, "cost": cost}


def main():
    problems = []
    for seed in range(1, 61):
        p = problem(seed)
        p["networkx"] = solve(p)
        problems.append(p)
    print(json.dumps({"source": f"NetworkX {nx.__version__} max_flow_min_cost, scripts/oracles/plan_flow_networkx.py", "problems": problems}))


if __name__ == "__main__":
    main()
