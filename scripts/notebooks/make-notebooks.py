"""Writes examples/notebooks/rwanda-deno.ipynb and rwanda-tslab.ipynb from one outline, so the two
walk through the same steps. Cells tagged "picture" must show an SVG when executed; .ci/run runs
both notebooks headlessly against the packed package and checks that (scripts/notebooks/check.mjs).
Run: /usr/bin/python3 scripts/notebooks/make-notebooks.py"""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

INTRO = """# Rwanda's twinning network, step by step ({kernel})

The bundled example: 10 hospitals and 30 districts with **synthetic** scores (see
`examples/data/rwanda/README.md`). We plan partners, look at how knowledge flows, and evaluate
whether institutions improved more on the topics they chose. Each result displays itself
{how}.

The first code cell imports `twinning-network/view` once: that entry holds the pictures (vega),
and loading it lets every result show its picture. Without it, results show text and tables."""

FOLDER = """import {{ existsSync }} from "node:fs";
{imports}
// The example data: beside the repository's notebooks, or inside the installed package.
const folder = ["../data/rwanda", "node_modules/twinning-network/examples/data/rwanda"].find((f) => existsSync(f));
if (folder === undefined) throw new Error("example data not found");
const network = await loadNetwork(folder);"""

IMPORTS = 'import {{ assignPartners, knowledgeFlow, loadNetwork, selectionEffects, withdrawalImpact }} from "{spec}";'


VIEW = """// Once per notebook: the pictures come with the view entry (loading it registers them with every
// result); the charts that are not a result's own picture are imported from it too.
import {{ beforeAfterChart, mentorLoadChart }} from "{spec}/view";"""


def outline(show, say, spec):
    """(kind, source, tags) cells; `show(x)` is how a kernel displays the rich view of x, `say(s)`
    how it prints a line of text (not a quoted string literal)."""
    return [
        ("code", VIEW.format(spec=spec), ["view"]),
        ("markdown", "## The network\nInstitutions, topics, periods and the partnership network (mentor to mentee, colour = topic).", []),
        ("code", FOLDER.format(imports=IMPORTS.format(spec=spec)), []),
        ("code", show("network"), ["picture"]),
        ("markdown", "## Plan: a high-performing partner for every chosen topic\nOptimal within mentor capacities; every uncovered need says why.", []),
        ("code", "const plan = assignPartners(network, { capacity: 3 });\n" + show("plan"), ["picture"]),
        ("code", show("mentorLoadChart(plan)"), ["picture"]),
        ("code", 'const impact = withdrawalImpact(network, plan, "kabgayi-hospital");\n' + say('`${impact.lostPrimary.length} needs lose their mentor; the repair adds ${impact.added.length} pair(s) and removes ${impact.removed.length}.`'), []),
        ("markdown", "## Knowledge flow\nWho teaches (hub), who learns (authority), who brokers (betweenness); weight = contact strength.", []),
        ("code", "const knowledge = knowledgeFlow(network, { seed: 1 });\n" + show("knowledge"), ["picture"]),
        ("code", say('knowledge.top("betweenness", 5).map((row) => `${row.name ?? row.id}: ${row.betweenness.toFixed(4)}`).join("\\n")'), []),
        ("markdown", "## Evaluation\nChoosers against the others, baseline to endline, one row per topic (Holm-adjusted p).", []),
        ("code", 'const effects = selectionEffects(network, { baseline: "baseline", endline: "endline" });\n' + show("effects"), ["picture"]),
        ("code", show('beforeAfterChart(network, { topic: "cbhi", baseline: "baseline", endline: "endline" })'), ["picture"]),
    ]


def notebook(kernel, display_name, language, show, spec, how):
    say = lambda text: f"console.log({text});"
    cells = [{"cell_type": "markdown", "id": "intro", "metadata": {}, "source": INTRO.format(kernel=display_name, how=how)}]
    for number, (kind, source, tags) in enumerate(outline(show, say, spec), start=1):
        cell = {"cell_type": kind, "id": f"cell-{number}", "metadata": {"tags": tags} if tags else {}, "source": source}
        if kind == "code":
            cell.update({"execution_count": None, "outputs": []})
        cells.append(cell)
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": display_name, "language": language, "name": kernel},
            "language_info": {"name": language},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def tslab_show(expression):
    # tslab prints util.inspect for a last expression; pictures go through tslab.display. toHTML()
    # already holds the SVG, so the HTML alone shows each picture once.
    return f'tslab.display.html(({expression}).toHTML());'


# Deno.jupyter.display sends the picture while the cell runs. A bare last expression shows the
# same bundle, but Deno 2.9's kernel sometimes drops a cell's last-expression result under
# nbconvert (about one run in three here, a different cell each time), which CI cannot afford.
deno = notebook("deno", "Deno", "typescript", lambda e: f"await Deno.jupyter.display({e});", "npm:twinning-network",
                "through `Symbol.for(\"Jupyter.display\")`: `await Deno.jupyter.display(x)` shows it, and so does a\ncell whose last expression is `x`")
tslab = notebook("tslab", "TypeScript (tslab)", "typescript", tslab_show, "twinning-network",
                 "through `tslab.display.html(x.toHTML())` (tslab prints the text view of a last expression)")
tslab["cells"][1]["source"] = 'import * as tslab from "tslab";\n' + tslab["cells"][1]["source"]

for name, book in [("rwanda-deno.ipynb", deno), ("rwanda-tslab.ipynb", tslab)]:
    for cell in book["cells"]:
        lines = cell["source"].split("\n")
        cell["source"] = [line + "\n" for line in lines[:-1]] + [lines[-1]]
    (ROOT / "examples" / "notebooks" / name).write_text(json.dumps(book, indent=1) + "\n", encoding="utf-8")
    print("wrote", name)
