"""The exact lasso path, benchmarked by hand: ``python tests/perf/bench_homotopy.py`` (pytest
skips perf/).

Times :func:`l1l2_tui.engine.homotopy.lasso_homotopy` against scikit-learn's
``lars_path(method="lasso")`` on the same centred data (diabetes; the digits as a regression on
their 0/1 labels for digit 3; a wide synthetic problem of 40 samples and 60 features; 2,000
samples of 300 features), with the knots, the events that are departures, and the largest
difference in lam and in the weights at the knots.

``--blas-threads N`` caps OpenBLAS's threads (see ``timing.py``).
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import lars_path
from timing import best_of, blas_threads_from_argv

from l1l2_tui.engine import ProblemSpec, build_problem
from l1l2_tui.engine.digits import digits_binary
from l1l2_tui.engine.homotopy import lasso_homotopy


def compare(name: str, X: np.ndarray, y: np.ndarray) -> None:
    ours, path = best_of(lambda: lasso_homotopy(X, y), repeats=3)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    theirs, (alphas, _, coefs) = best_of(lambda: lars_path(Xc, yc, method="lasso"), repeats=3)
    same = len(alphas) == len(path.lams)
    lam_gap = np.abs(alphas - path.lams).max() if same else float("nan")
    weight_gap = np.abs(coefs.T - path.weights).max() if same else float("nan")
    departures = sum(event.kind == "leave" for event in path.events)
    print(
        f"{name:>18}: {len(path.lams):4d} knots ({departures} departures) in "
        f"{ours * 1e3:7.1f} ms, lars_path {theirs * 1e3:7.1f} ms; "
        f"largest differences: lam {lam_gap:.1e}, weights {weight_gap:.1e}"
    )


def main() -> None:
    with blas_threads_from_argv(__doc__.splitlines()[0]):
        diabetes = build_problem(ProblemSpec(dataset="diabetes"))
        compare("diabetes", diabetes.X, diabetes.y)
        X, y01 = digits_binary(3)
        compare("digits 3 (squared)", X, y01)
        wide = build_problem(ProblemSpec(samples=40, features=60, informative=5, seed=3))
        compare("40 x 60", wide.X, wide.y)
        big = build_problem(ProblemSpec(samples=2000, features=300, informative=20, seed=1))
        compare("2000 x 300", big.X, big.y)


if __name__ == "__main__":
    main()
