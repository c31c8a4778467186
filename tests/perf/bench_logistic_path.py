"""Logistic path benchmark, run by hand: ``python tests/perf/bench_logistic_path.py`` (pytest
skips perf/).

Times a 50-point L1 path on digits (all 1797 images, 64 standardized pixels; tasks ``ge5`` and
``0``), from ``lam_max`` down to ``lam_min_ratio * lam_max``, solved by
:func:`l1l2_tui.engine.regularization_path` (proximal Newton, warm-started, to an optimality
residual of 1e-10), against scikit-learn's ``LogisticRegression(l1_ratio=1, C=1/(n lam),
solver="saga", warm_start=True)`` refitted down the same grid.

The same accuracy: scikit-learn is run at each ``tol`` given; for each the largest relative
weight difference ``max_j |w_j - w_sk_j| / max_j |w_j|`` over the grid, the largest
objective gap ``F(w_sk, b_sk) - F(w, b)`` and whether the zero sets agree at every point are
printed. The ratio is taken against the loosest scikit-learn tol whose worst weight difference
is within ``--match`` (default 1e-6).
"""

from __future__ import annotations

import argparse
import os
import time
import warnings

import numpy as np

from l1l2_tui.engine import (
    L1,
    Logistic,
    ProblemSpec,
    build_problem,
    lam_grid,
    lam_max,
    make_penalty,
    regularization_path,
)


def objective(loss: Logistic, w: np.ndarray, b: float, lam: float) -> float:
    return loss.evaluate(w, b)[0] + make_penalty("l1", lam).value(w)


def sklearn_path(
    X: np.ndarray, y01: np.ndarray, lams: np.ndarray, tol: float
) -> tuple[float, np.ndarray, np.ndarray]:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    n = len(y01)
    model = LogisticRegression(
        l1_ratio=1.0,
        C=1 / (n * lams[0]),
        solver="saga",
        tol=tol,
        max_iter=100_000,
        warm_start=True,
    )
    weights, intercepts = np.empty((len(lams), X.shape[1])), np.empty(len(lams))
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for i, lam in enumerate(lams):
            model.set_params(C=1 / (n * lam))
            model.fit(X, y01)
            weights[i], intercepts[i] = model.coef_[0], model.intercept_[0]
    return time.perf_counter() - started, weights, intercepts


def bench(
    digit: str | int, num: int, lam_min_ratio: float, tols: list[float], match: float
) -> None:
    problem = build_problem(ProblemSpec(dataset="digits", digit=digit))
    loss = Logistic(problem.X, problem.y)
    lams = lam_grid(lam_max(loss, L1()), num, lam_min_ratio)
    started = time.perf_counter()
    path = regularization_path(loss, L1(), lams=lams)
    ours = time.perf_counter() - started
    print(
        f"digits {digit}: {num}-point L1 path, lam {lams[0]:.4g} .. {lams[-1]:.3g}; "
        f"ours {ours:.2f} s, nonzero {path.nonzero[1]} .. {path.nonzero[-1]}"
    )
    chosen = None
    for tol in tols:
        elapsed, weights, intercepts = sklearn_path(problem.X, problem.y, lams, tol)
        scale = np.maximum(np.abs(path.weights).max(axis=1), 1e-300)
        diff = np.where(path.nonzero > 0, np.abs(weights - path.weights).max(axis=1) / scale, 0.0)
        gaps = [
            objective(loss, weights[i], intercepts[i], lam)
            - objective(loss, path.weights[i], path.intercepts[i], lam)
            for i, lam in enumerate(lams)
        ]
        same_zeros = bool(np.all((weights == 0) == (path.weights == 0.0)))
        zeros = "identical" if same_zeros else "differ"
        print(
            f"  sklearn saga tol {tol:.0e}: {elapsed:7.2f} s  max |dw|/max|w| {diff.max():.1e}  "
            f"max objective gap {max(gaps):+.1e}  zero sets {zeros}"
        )
        if chosen is None and diff.max() <= match:
            chosen = (tol, elapsed)
    if chosen is None:
        print(f"  no scikit-learn tol tried reached {match:g}: ratio not taken")
        return
    tol, elapsed = chosen
    print(
        f"  ratio sklearn (tol {tol:.0e}, the loosest within {match:g}) / ours: "
        f"{elapsed / ours:.1f}x (above 1: ours is faster)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--num", type=int, default=50)
    parser.add_argument("--lam-min-ratio", type=float, default=0.01)
    parser.add_argument("--tols", type=float, nargs="+", default=[1e-6, 1e-8, 1e-10])
    parser.add_argument("--match", type=float, default=1e-6)
    parser.add_argument("--digits", nargs="+", default=["ge5", "0"])
    args = parser.parse_args()
    print(f"numpy {np.__version__}, {os.cpu_count()} CPUs")
    for digit in args.digits:
        bench(
            "ge5" if digit == "ge5" else int(digit),
            args.num,
            args.lam_min_ratio,
            args.tols,
            args.match,
        )


if __name__ == "__main__":
    main()
