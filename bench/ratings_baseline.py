"""Baseline for `npm run bench`: a straightforward SciPy Bradley–Terry fit, as SPEC's method.

Reads battles from CSV with pandas, collapses them to unique (model_a, model_b, outcome) rows with counts,
fits by L-BFGS-B on the base-10 / scale-400 logistic likelihood (ties count half), and bootstraps by
multinomial resampling of those rows. Prints JSON: elapsed ms, peak RSS and ratings (mean 1000).

usage: ratings_baseline.py BATTLES.csv ROUNDS SEED [--converged]
  --converged: run the fit to convergence (gtol 1e-12, ftol 0, up to 100000 iterations), no bootstrap,
               to obtain the maximum-likelihood solution that accuracy is judged against.
"""
import json
import math
import resource
import sys
import time

import numpy as np
import pandas as pd
from scipy.optimize import minimize

SCALE, BASE, INIT = 400.0, 10.0, 1000.0


def fit(a, b, wa, wb, n_models, options):
    """Negative log-likelihood over unique rows: wa = weight on 'a beats b', wb = weight on 'b beats a'."""
    k = math.log(BASE) / SCALE

    def loss(r):
        d = (r[a] - r[b]) * k
        # log sigma(d) and log sigma(-d), stable
        ls = -np.logaddexp(0.0, -d)
        lsn = -np.logaddexp(0.0, d)
        f = -(wa * ls + wb * lsn).sum()
        p = 1.0 / (1.0 + np.exp(-d))
        g_row = -(wa * (1.0 - p) - wb * p) * k
        grad = np.bincount(a, weights=g_row, minlength=n_models) - np.bincount(b, weights=g_row, minlength=n_models)
        return f, grad

    res = minimize(loss, np.zeros(n_models), jac=True, method="L-BFGS-B", options=options)
    r = res.x - res.x.mean() + INIT
    return r


def main():
    path, rounds, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    converged = "--converged" in sys.argv
    t0 = time.perf_counter()
    df = pd.read_csv(path, usecols=["model_a", "model_b", "winner"])
    df["winner"] = df["winner"].replace("tie (bothbad)", "tie")
    rows = df.groupby(["model_a", "model_b", "winner"], sort=True).size().reset_index(name="n")
    models = sorted(set(rows["model_a"]) | set(rows["model_b"]))
    idx = {m: i for i, m in enumerate(models)}
    a = rows["model_a"].map(idx).to_numpy()
    b = rows["model_b"].map(idx).to_numpy()
    w = rows["winner"].to_numpy()
    n = rows["n"].to_numpy().astype(float)
    sa = np.where(w == "model_a", 1.0, np.where(w == "model_b", 0.0, 0.5))
    if converged:
        options = {"maxiter": 100000, "gtol": 1e-12, "ftol": 0.0, "maxfun": 1000000}
    else:
        options = {"maxiter": 100, "gtol": 1e-6}
    ratings = fit(a, b, n * sa, n * (1 - sa), len(models), options)
    lows = highs = ratings
    if rounds > 0 and not converged:
        rng = np.random.default_rng(seed)
        total = int(n.sum())
        samples = []
        for _ in range(rounds):
            cnt = rng.multinomial(total, n / total).astype(float)
            samples.append(fit(a, b, cnt * sa, cnt * (1 - sa), len(models), options))
        s = np.array(samples)
        lows, highs = np.percentile(s, 2.5, axis=0), np.percentile(s, 97.5, axis=0)
    ms = (time.perf_counter() - t0) * 1000
    print(json.dumps({
        "ms": ms,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "ratings": {m: float(ratings[i]) for i, m in enumerate(models)},
        "ci_low": {m: float(lows[i]) for i, m in enumerate(models)},
        "ci_high": {m: float(highs[i]) for i, m in enumerate(models)},
    }))


if __name__ == "__main__":
    main()
