"""CR1 (cluster-robust) standard errors when every cluster holds one observation, from statsmodels.

A continuous covariate is then constant within each cluster; robustOLS refused such designs as a
degenerate cluster-level treatment until the final review of stop 20. Writes
test/fixtures/effects/cr1-singletons.json. Run: /usr/bin/python3 scripts/oracles/cr1_singletons.py
"""
import json
import os

import numpy as np
import statsmodels
import statsmodels.api as sm

rows = [[1, 0.3, 1], [1, 1.2, 1], [1, 2.1, 1], [1, 0.7, 0], [1, 1.9, 0], [1, 2.8, 0], [1, 3.1, 0]]
y = [2.1, 3.0, 4.4, 1.2, 2.5, 3.9, 3.6]
fit = sm.OLS(np.array(y), np.array(rows, float)).fit(cov_type="cluster", cov_kwds={"groups": np.arange(len(y))}, use_t=True)
out = {
    "source": f"statsmodels {statsmodels.__version__} OLS, cov_type='cluster', one cluster per observation (scripts/oracles/cr1_singletons.py)",
    "rows": rows,
    "y": y,
    "coefficients": fit.params.tolist(),
    "standardErrors": fit.bse.tolist(),
    "df": float(fit.df_resid_inference),
}
with open(os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "effects", "cr1-singletons.json"), "w") as handle:
    json.dump(out, handle, indent=1)
    handle.write("\n")
print(json.dumps(out, indent=1))
