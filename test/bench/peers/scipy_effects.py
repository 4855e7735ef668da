"""SciPy's time for the same resampling work as test/bench/effects.bench.ts (prints JSON)."""
import json
import sys
import time

import numpy as np
from scipy import stats

data = json.loads(sys.stdin.read())
x, y = np.array(data["x"]), np.array(data["y"])
small_x, small_y = np.array(data["smallX"]), np.array(data["smallY"])


def mean_difference(a, b, axis=-1):
    return np.mean(a, axis=axis) - np.mean(b, axis=axis)


def timed(run, repeat=3):
    best = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best.append(time.perf_counter() - start)
    return sorted(best)[len(best) // 2] * 1000, result


out = {}
ms, res = timed(lambda: stats.permutation_test((small_x, small_y), mean_difference, n_resamples=np.inf, vectorized=True), repeat=1)
out["exactSmall"] = {"ms": ms, "pValue": float(res.pvalue), "splits": 184756}
ms, res = timed(lambda: stats.permutation_test((x, y), mean_difference, n_resamples=100_000, vectorized=True, random_state=1))
out["monteCarlo"] = {"ms": ms, "pValue": float(res.pvalue)}
ms, res = timed(lambda: stats.bootstrap((x, y), mean_difference, n_resamples=10_000, vectorized=True, method="BCa", random_state=1), repeat=25)
out["bca"] = {"ms": ms, "ci": [float(res.confidence_interval.low), float(res.confidence_interval.high)]}
mw_small, mw_large = np.array(data["mwSmall"]), np.array(data["mwLarge"])[:300]
ms, res = timed(lambda: stats.mannwhitneyu(mw_small, mw_large, method="exact"), repeat=1)
out["mannWhitney300"] = {"ms": ms, "pValue": float(res.pvalue)}
print(json.dumps(out))
