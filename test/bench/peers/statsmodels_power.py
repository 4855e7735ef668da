"""Peer of test/bench/power.bench.ts: statsmodels' TTestIndPower on the same grid (stdin: JSON rows).
Prints the median milliseconds of computing every row's power, and the powers."""
import json
import sys
import time
import warnings

from statsmodels.stats.power import TTestIndPower

warnings.simplefilter("ignore")
rows = json.load(sys.stdin)
analysis = TTestIndPower()


def run():
    return [float(analysis.power(effect_size=r["d"], nobs1=r["n1"], alpha=r["alpha"], ratio=r["n2"] / r["n1"], alternative="two-sided")) for r in rows]


run()
times = []
for _ in range(5):
    start = time.perf_counter()
    powers = run()
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print(json.dumps({"ms": times[2], "powers": powers}))
