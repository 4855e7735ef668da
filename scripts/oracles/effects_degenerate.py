"""Reference values for degenerate and extreme inputs (issue 12), from SciPy and statsmodels.

Writes test/fixtures/effects/degenerate.json. Run: /usr/bin/python3 scripts/oracles/effects_degenerate.py
"""
import json
import os
from fractions import Fraction

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats

out = {"source": f"SciPy {scipy.__version__}, statsmodels {statsmodels.__version__}, Python fractions (scripts/oracles/effects_degenerate.py)"}

# 1. Constant samples that are not exact in binary: the variance of the decimal values is exactly 0.
def exact_variance(values):
    q = [Fraction(str(v)) for v in values]
    m = sum(q) / len(q)
    return str(sum((v - m) ** 2 for v in q) / (len(q) - 1))
out["exactVariance"] = {"0.1x3": exact_variance([0.1, 0.1, 0.1]), "0.7x5": exact_variance([0.7] * 5)}

# 3. Mann-Whitney, every value tied.
r = stats.mannwhitneyu([100, 100, 100], [100, 100, 100, 100], alternative="two-sided")
out["mannWhitneyTied"] = {"statistic": float(r.statistic), "pValue": float(r.pvalue)}

# Exact Mann-Whitney: 8 against 300 by SciPy's exact method (SciPy 1.10 needs ~12 GB for 8 against
# 3,000), and 8 against 3,000 by exact integer counts of the null distribution (the Gaussian
# binomial coefficient [n1 + n2 choose n1]_q, in Python integers), cross-checked on the 300 case.
rng = np.random.default_rng(12)
small = [round(float(v), 9) for v in rng.normal(0.3, 1, 8)]
large = [round(float(v), 9) for v in rng.normal(0, 1, 3000)]
assert len(set(small + large)) == len(small + large)


def gaussian_binomial(m, n):
    coefficients = [1]
    for i in range(1, m + 1):
        # multiply by (1 - q^(n+i)), divide by (1 - q^i): exact in integers
        grown = coefficients + [0] * (n + i)
        for k in range(len(grown) - 1, n + i - 1, -1):
            grown[k] -= grown[k - n - i]
        for k in range(i, len(grown)):
            grown[k] += grown[k - i]
        coefficients = grown[: i * n + 1]
    return coefficients


def exact_p(x, y, alternative):
    u = sum((a > b) + 0.5 * (a == b) for a in x for b in y)
    counts = gaussian_binomial(min(len(x), len(y)), max(len(x), len(y)))
    total = sum(counts)
    less = Fraction(sum(counts[: int(u) + 1]), total)
    greater = Fraction(sum(counts[: int(len(x) * len(y) - u) + 1]), total)  # P(U >= u) = P(U <= n1 n2 - u)
    p = {"less": less, "greater": greater, "two-sided": min(1, 2 * min(less, greater))}[alternative]
    return u, float(p)


mw = {}
for size in (300, 3000):
    y = large[:size]
    entry = {}
    for alternative in ("two-sided", "greater", "less"):
        u, p = exact_p(small, y, alternative)
        entry[alternative] = p
        if size == 300:
            r = stats.mannwhitneyu(small, y, alternative=alternative, method="exact")
            assert abs(float(r.pvalue) - p) <= 1e-12 * p, (alternative, float(r.pvalue), p)
            entry["scipy " + alternative] = float(r.pvalue)
    entry["statistic"] = u
    mw[str(size)] = entry
r = stats.mannwhitneyu([1.5, 2.5, 9.1], [0.2, 0.4, 3.3, 4.4, 5.5, 7.7], alternative="two-sided", method="exact")
out["mannWhitneyExact"] = {"small": small, "large": large, "bySize": mw, "tiny": {"pValue": float(r.pvalue), "statistic": float(r.statistic)}}

# 4. ANCOVA with every baseline equal (0.7): statsmodels' pinv fit drops nothing but the estimable
# group coefficient, HC2, is what a rank-aware solve gives, on n - rank df.
before = [0.7] * 7
group = [1, 1, 1, 0, 0, 0, 0]
after = [3.0, 5.0, 4.0, 1.0, 2.0, 2.5, 1.5]
X = np.column_stack([np.ones(7), before, group])
fit = sm.OLS(after, X).fit(cov_type="HC2")
out["ancovaConstantBaseline"] = {"before": before, "group": group, "after": after, "coefficient": float(fit.params[2]), "standardError": float(fit.bse[2]), "dfResid": float(fit.df_resid), "rank": int(np.linalg.matrix_rank(X))}

# Welch on values about 1e77 (scaled copies of ordinary data) and on the unscaled data.
x = [1.2, 2.9, 2.2, 3.4]
y = [0.3, 1.1, 0.8, 1.9, 0.2]
big = 1e77
r = stats.ttest_ind(x, y, equal_var=False)
v1, v2 = np.var(x, ddof=1) / len(x), np.var(y, ddof=1) / len(y)
df = (v1 + v2) ** 2 / (v1 ** 2 / (len(x) - 1) + v2 ** 2 / (len(y) - 1))
q = stats.t.ppf(0.975, df)
diff = np.mean(x) - np.mean(y)
ci = type("CI", (), {"low": diff - q * np.sqrt(v1 + v2), "high": diff + q * np.sqrt(v1 + v2)})
out["welchHuge"] = {"x": x, "y": y, "scale": big, "statistic": float(r.statistic), "pValue": float(r.pvalue), "df": float(df), "ci": [float(ci.low), float(ci.high)]}

with open(os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "effects", "degenerate.json"), "w") as handle:
    json.dump(out, handle, indent=1)
print(json.dumps({k: v for k, v in out.items() if k != "mannWhitneyExact"}, indent=1))
print(out["mannWhitneyExact"]["bySize"], out["mannWhitneyExact"]["tiny"])
