"""Choosing lam, benchmarked by hand: ``python tests/perf/bench_lam_choice.py`` (pytest skips
perf/).

Times what the path view computes, the 5-fold cross-validation of its 100-point L1 path
(synthetic, diabetes, digits 0), and :func:`l1l2_tui.engine.cross_validation.cross_validate`:
a 50-point 5-fold L1 logistic CV on digits (all 1797 images, tasks ``0`` and ``ge5``, lam_max
down to lam_max/100: six warm-started paths, the full data's and one per fold), and a 50-point
5-fold lasso CV on diabetes beside scikit-learn's ``LassoCV`` on the same folds and grid; then
:func:`l1l2_tui.engine.stability.bootstrap_selection` with 50 resamples on the correlated pair
(L1 and elastic net) and 20 on digits.

``--blas-threads N`` caps OpenBLAS's threads (see ``timing.py``).
"""

from __future__ import annotations

import numpy as np
from timing import best_of, blas_threads_from_argv

from l1l2_tui.engine import (
    L1,
    LeastSquares,
    Logistic,
    ProblemSpec,
    build_problem,
    lam_max,
    loss_for,
    regularization_path,
)
from l1l2_tui.engine.cross_validation import (
    cross_validate,
    cross_validate_path,
    kfold_splits,
    standardize_on,
)
from l1l2_tui.engine.digits import digits_binary
from l1l2_tui.engine.problems import correlated_pair
from l1l2_tui.engine.stability import bootstrap_selection


def digits_cv() -> None:
    for task in (0, "ge5"):
        X, y01 = digits_binary(task)
        took, cv = best_of(
            lambda X=X, y01=y01: cross_validate(X, y01, "logistic", num=50, lam_min_ratio=1e-2)
        )
        print(
            f"digits {task!s:>3}: 50-point 5-fold L1 logistic CV {took:6.2f} s; "
            f"lam_min {cv.lam_min:.4g} ({cv.nonzero_min} nonzero), "
            f"lam_1se {cv.lam_1se:.4g} ({cv.nonzero_1se} nonzero)"
        )


def diabetes_cv() -> None:
    from sklearn.linear_model import LassoCV

    problem = build_problem(ProblemSpec(dataset="diabetes"))
    took, cv = best_of(lambda: cross_validate(problem.X, problem.y, num=50, standardize=False))
    model = LassoCV(
        alphas=cv.lams, cv=kfold_splits(problem.n_samples, 5, 0), tol=1e-10, max_iter=10**6
    )
    theirs, _ = best_of(lambda: model.fit(problem.X, problem.y))
    gap = np.abs(cv.fold_errors - model.mse_path_.T).max()
    print(
        f"diabetes: 50-point 5-fold lasso CV {took * 1e3:6.1f} ms, LassoCV (tol 1e-10) "
        f"{theirs * 1e3:6.1f} ms; largest fold-error difference {gap:.1e} "
        f"(errors about {cv.mean.min():.0f}); lam_min {cv.lam_min:.4g}, lam_1se {cv.lam_1se:.4g}"
    )


def bootstrap() -> None:
    X, y, _ = correlated_pair()
    X = standardize_on(X)[0]
    lam = lam_max(LeastSquares(X, y), L1()) / 2
    for penalty in ("l1", "elasticnet"):
        took, result = best_of(
            lambda penalty=penalty: bootstrap_selection(X, y, lam, penalty, resamples=50)
        )
        print(
            f"correlated pair, {penalty:>10}: 50 bootstrap refits {took * 1e3:6.1f} ms; "
            f"x1 kept {result.counts[0]}, x2 kept {result.counts[1]} of 50"
        )
    X, y01 = digits_binary(0)
    lam = 0.15 * lam_max(Logistic(X, y01), L1())
    took, result = best_of(lambda: bootstrap_selection(X, y01, lam, loss="logistic", resamples=20))
    print(
        f"digits 0 at 0.15 lam_max: 20 bootstrap logistic refits {took:6.2f} s; "
        f"{int((result.frequency == 1).sum())} pixels kept in all, "
        f"{int(((result.frequency > 0) & (result.frequency < 1)).sum())} in some"
    )


def path_view_cv() -> None:
    """What the path view computes: the 100-point path, then its 5-fold cross-validation."""
    for spec in (ProblemSpec(), ProblemSpec(dataset="diabetes"), ProblemSpec(dataset="digits")):
        problem = build_problem(spec)
        path = regularization_path(loss_for(problem), L1())
        took, cv = best_of(lambda problem=problem, path=path: cross_validate_path(problem, path))
        print(
            f"path view, {problem.name}: 100-point 5-fold CV of the path {took:7.3f} s; "
            f"lam_min {cv.lam_min:.4g}, lam_1se {cv.lam_1se:.4g}"
        )


def main() -> None:
    with blas_threads_from_argv(__doc__.splitlines()[0]):
        path_view_cv()
        diabetes_cv()
        bootstrap()
        digits_cv()


if __name__ == "__main__":
    main()
