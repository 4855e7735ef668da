"""Reference values of the noncentral t CDF where the series is hopeless (|lambda| > 40, huge df).

P(T <= t) = integral over v of Phi(t sqrt(v/df) - lambda) * chi2_df density(v), by mpmath's
tanh-sinh quadrature at 40 digits, split at the step of Phi, the chi-square mode and the step's
edges. Writes test/fixtures/effects/noncentral-t.json (values to 30 significant digits).
Run: /usr/bin/python3 scripts/oracles/noncentral_t.py
"""
import json
import os

import mpmath as mp

mp.mp.dps = 40

CASES = [
    (45, 10, 41), (50, 4, 45), (41, 30, 42.5), (-60, 20, -55), (-45, 7.5, -41), (120, 3, 100),
    (95, 3, 100), (1000, 4, 1000), (1100, 28, 1000), (1e8, 16, 1e8), (1e16, 4, 1e16),
    (30, 0.5, 41), (2, 3, 100), (-3, 5, 60), (1.5, 1e6, 1.2), (-0.7, 3e5, 0.4), (3, 2e6, 2.5),
    (1224.7, 4, 1224.7), (12247.4, 4, 12247.4), (45, 1e-3, 41), (38, 0.01, 40), (60, 1.5, 41), (-50, 2.5, -45),
]


def cdf(t, df, lam):
    t, df, lam = mp.mpf(t), mp.mpf(df), mp.mpf(lam)
    dens = lambda v: mp.exp((df / 2 - 1) * mp.log(v) - v / 2 - (df / 2) * mp.log(2) - mp.loggamma(df / 2))
    f = lambda v: mp.ncdf(t * mp.sqrt(v / df) - lam) * dens(v)
    points = [mp.mpf(0), df]
    if t != 0 and lam / t > 0:
        vs = df * (lam / t) ** 2
        width = vs * 4 / abs(lam)
        points += [vs] + [vs + k * width for k in (-100, -10, -1, 1, 10, 100) if vs + k * width > 0]
    points += [df + k * mp.sqrt(2 * df) for k in (-8, -3, 3, 8, 20) if df + k * mp.sqrt(2 * df) > 0]
    points = sorted(set(points)) + [mp.inf]
    return mp.quad(f, points, maxdegree=12)


rows = [{"t": t, "df": df, "lambda": lam, "cdf": mp.nstr(cdf(t, df, lam), 30)} for t, df, lam in CASES]
out = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "effects", "noncentral-t.json")
with open(out, "w") as handle:
    json.dump({"source": "mpmath " + mp.__version__ + " quadrature at 40 digits (scripts/oracles/noncentral_t.py)", "cases": rows}, handle, indent=1)
print(json.dumps(rows, indent=1))
