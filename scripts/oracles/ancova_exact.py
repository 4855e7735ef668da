"""Exact ANCOVA references in rational arithmetic: after ~ 1 + before + treated, OLS with HC2 errors.

The group's coefficient and its HC2 standard error are rational functions of the data (the square
root is taken last, in 40-digit decimals), so Python's fractions give them exactly for the doubles
the test passes. Baselines of 1e6 or 1e9 plus a small spread are the case where the normal
equations lose digits (statsmodels' own fit on the raw columns is off in the fifth digit at 1e6;
printed for the record). Writes test/fixtures/effects/ancova-exact.json.
Run: /usr/bin/python3 scripts/oracles/ancova_exact.py
"""
import json
import os
from decimal import Decimal, getcontext
from fractions import Fraction

import numpy as np
import statsmodels
import statsmodels.api as sm

getcontext().prec = 40


def transpose(m):
    return [list(r) for r in zip(*m)]


def multiply(a, b):
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]


def inverse(m):
    n = len(m)
    a = [row[:] + [Fraction(int(i == j)) for j in range(n)] for i, row in enumerate(m)]
    for i in range(n):
        p = next(k for k in range(i, n) if a[k][i] != 0)
        a[i], a[p] = a[p], a[i]
        pivot = a[i][i]
        a[i] = [v / pivot for v in a[i]]
        for k in range(n):
            if k != i and a[k][i] != 0:
                f = a[k][i]
                a[k] = [x - f * y for x, y in zip(a[k], a[i])]
    return [row[n:] for row in a]


def ancova_hc2(before_t, after_t, before_c, after_c):
    x = [[Fraction(1), Fraction(b), Fraction(1)] for b in before_t] + [[Fraction(1), Fraction(b), Fraction(0)] for b in before_c]
    y = [Fraction(a) for a in after_t + after_c]
    xtx_inv = inverse(multiply(transpose(x), x))
    beta = [row[0] for row in multiply(xtx_inv, multiply(transpose(x), [[v] for v in y]))]
    residuals = [yi - sum(a * b for a, b in zip(xi, beta)) for xi, yi in zip(x, y)]
    leverage = [sum(x[i][a] * xtx_inv[a][b] * x[i][b] for a in range(3) for b in range(3)) for i in range(len(x))]
    meat = [[sum(x[i][a] * x[i][b] * residuals[i] ** 2 / (1 - leverage[i]) for i in range(len(x))) for b in range(3)] for a in range(3)]
    v = multiply(multiply(xtx_inv, meat), xtx_inv)[2][2]
    se = (Decimal(v.numerator) / Decimal(v.denominator)).sqrt()
    return float(beta[2]), float(se)


spread_t = [0.3, -0.5, 1.1, 0.2, -0.9]
gain_t = [1.8, 1.7, 2.3, 1.4, 1.7]
spread_c = [-0.2, 0.7, -1.3, 0.4, 0.1, -0.6]
gain_c = [0.3, 0.8, 0.4, -0.2, 0.8, 0.2]
cases = []
for level in [0.0, 50.0, 1e6, 1e9]:
    before_t = [level + s for s in spread_t]
    after_t = [b + g for b, g in zip(before_t, gain_t)]
    before_c = [level + s for s in spread_c]
    after_c = [b + g for b, g in zip(before_c, gain_c)]
    estimate, se = ancova_hc2(before_t, after_t, before_c, after_c)
    design = np.array([[1, b, 1] for b in before_t] + [[1, b, 0] for b in before_c], float)
    raw = sm.OLS(np.array(after_t + after_c), design).fit(cov_type="HC2")
    print(f"level {level:g}: exact {estimate!r} se {se!r}; statsmodels on raw columns {raw.params[2]!r} se {raw.bse[2]!r}")
    cases.append({"level": level, "treated": {"before": before_t, "after": after_t}, "control": {"before": before_c, "after": after_c}, "estimate": estimate, "standardError": se})

out = {"source": f"Python fractions (exact OLS and HC2), statsmodels {statsmodels.__version__} printed for comparison (scripts/oracles/ancova_exact.py)", "cases": cases}
path = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "effects", "ancova-exact.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
