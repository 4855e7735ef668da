"""Oracle for src/effects/power: statsmodels' TTestIndPower (pooled two-sample t test).

Run: /usr/bin/python3 scripts/oracles/power.py > test/fixtures/power/ttestindpower.json
Writes power over a grid of group sizes, effect sizes, alphas and alternatives, and the effect
size solved for a target power (solve_power), with the library versions used.
"""
import json
import warnings

import scipy
import statsmodels
from statsmodels.stats.power import TTestIndPower

warnings.simplefilter("ignore")  # scipy's nct warns inside solve_power's bracket search
analysis = TTestIndPower()
power_rows = []
for n1, n2 in [(2, 2), (3, 7), (4, 6), (5, 5), (6, 4), (10, 20), (12, 18), (15, 15), (30, 30), (50, 80)]:
    for d in [0.0, 0.2, 0.5, 0.8, 1.2, 2.0, 3.0]:
        for alpha in [0.05, 0.01, 0.05 / 6]:
            for alternative in ["two-sided", "larger"]:
                p = analysis.power(effect_size=d, nobs1=n1, alpha=alpha, ratio=n2 / n1, alternative=alternative)
                power_rows.append({"n1": n1, "n2": n2, "d": d, "alpha": alpha, "alternative": alternative, "power": float(p)})

mde_rows = []
for n1, n2 in [(3, 7), (4, 6), (10, 20), (12, 18), (30, 30)]:
    for target in [0.5, 0.8, 0.9]:
        for alpha in [0.05, 0.01]:
            d = analysis.solve_power(effect_size=None, nobs1=n1, alpha=alpha, power=target, ratio=n2 / n1, alternative="two-sided")
            mde_rows.append({"n1": n1, "n2": n2, "alpha": alpha, "power": target, "d": float(d)})

header = {
    "source": "statsmodels.stats.power.TTestIndPower",
    "statsmodels": statsmodels.__version__,
    "scipy": scipy.__version__,
    "script": "scripts/oracles/power.py",
}
# One row per line, so diffs stay readable.
lines = [json.dumps(header)[:-1] + ","]
lines.append(' "power": [\n  ' + ",\n  ".join(json.dumps(r) for r in power_rows) + "\n ],")
lines.append(' "solve_power": [\n  ' + ",\n  ".join(json.dumps(r) for r in mde_rows) + "\n ]\n}")
print("\n".join(lines))
