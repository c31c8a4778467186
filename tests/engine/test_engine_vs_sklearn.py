"""Converged sessions against scikit-learn: the same weights, intercept and set of exact zeros.

Mapping (same ``X``, ``y``, ``fit_intercept=True``): l1 is ``Lasso(alpha=lam)``; l2 is
``Ridge(alpha=2 * n * lam)``; elasticnet is ``ElasticNet(alpha=a, l1_ratio=lam * l1_ratio / a)``
with ``a = lam * l1_ratio + 2 * lam * (1 - l1_ratio)``.
"""

import warnings

import numpy as np
import pytest
from engine_specs import SPECS
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet, Lasso, Ridge

from l1l2_tui.engine import (
    L1,
    LeastSquares,
    Problem,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    lam_max,
    suggested_lam,
)

L1_RATIO = 0.7


def scaled_problem() -> Problem:
    """Raw (unstandardized) features on very different scales and far from 0."""
    rng = np.random.default_rng(7)
    X = rng.standard_normal((80, 6)) * [0.01, 1.0, 30.0, 2.0, 0.5, 5.0] + [5.0, -3.0, 100, 0, 1, 2]
    y = X @ [40.0, 0.0, 0.05, -1.5, 0.0, 0.3] + 10.0 + 0.5 * rng.standard_normal(80)
    return Problem(X, y, tuple(f"f{j}" for j in range(6)), "scaled", standardized=False)


PROBLEMS = {
    **{name: lambda spec=spec: build_problem(spec) for name, spec in SPECS.items()},
    "scaled": scaled_problem,
}


def sklearn_fit(problem: Problem, penalty: str, lam: float, l1_ratio: float = L1_RATIO):
    n = problem.n_samples
    if penalty == "l1":
        model = Lasso(alpha=lam, tol=1e-14, max_iter=1_000_000)
    elif penalty == "l2":
        model = Ridge(alpha=2 * n * lam, solver="cholesky")
    else:
        a = lam * l1_ratio + 2 * lam * (1 - l1_ratio)
        model = ElasticNet(alpha=a, l1_ratio=lam * l1_ratio / a, tol=1e-14, max_iter=1_000_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        model.fit(problem.X, problem.y)
    return model


def assert_same_solution(session: Session, model, problem: Problem) -> None:
    ours, theirs = session.weights, model.coef_
    scale = float(np.abs(theirs).max())
    assert scale > 0
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-6 * scale)
    np.testing.assert_array_equal(ours == 0.0, theirs == 0, err_msg="zero sets differ")
    # b = mean(y) - mean(X) @ w, so an error e in w moves b by at most |mean(X)| @ |e|.
    x_mean = np.abs(problem.X.mean(axis=0))
    tol = 1e-6 * (abs(model.intercept_) + scale * x_mean.sum()) + 1e-9
    assert abs(session.intercept - model.intercept_) <= tol


@pytest.mark.parametrize("problem_name", PROBLEMS)
@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
@pytest.mark.parametrize("fraction", [0.5, 0.05])
@pytest.mark.parametrize("optimizer", ["fista", "proximal"])
def test_converged_solution_matches_sklearn(problem_name, penalty, fraction, optimizer):
    problem = PROBLEMS[problem_name]()
    lam = fraction * lam_max(LeastSquares(problem.X, problem.y), L1())
    session = Session(problem, Settings(penalty, lam, L1_RATIO, optimizer))
    assert session.run(200_000, tol=1e-10), "did not converge"
    model = sklearn_fit(problem, penalty, lam)
    assert_same_solution(session, model, problem)
    if penalty == "l1" and fraction == 0.5:
        assert 0 < np.count_nonzero(model.coef_ == 0) < problem.n_features, "vacuous zero set"
    if penalty == "l2":
        assert session.zeros == 0


@pytest.mark.parametrize("dataset", ["synthetic", "diabetes", "toy2d"])
def test_subgradient_jitters_while_proximal_lands_on_sklearns_zeros(dataset):
    """The app's claim: at the same lam and step size, the subgradient method leaves (almost) no
    weight on exactly 0; the proximal method puts exactly the lasso's zeros there."""
    problem = build_problem(ProblemSpec(dataset=dataset))
    lam = suggested_lam(problem)
    model = sklearn_fit(problem, "l1", lam)
    lasso_zeros = model.coef_ == 0
    assert lasso_zeros.any()

    subgradient = Session(problem, Settings("l1", lam, optimizer="subgradient"))
    subgradient.step(5000)
    assert subgradient.diverged is None
    assert subgradient.zeros <= lasso_zeros.sum() // 4

    proximal = Session(problem, Settings("l1", lam, optimizer="proximal"))
    assert proximal.run(5000, tol=1e-10)
    np.testing.assert_array_equal(proximal.weights == 0.0, lasso_zeros)
    # At the optimum the weights on 0 are exactly those the penalty holds there.
    np.testing.assert_array_equal(proximal.forces().held_at_zero, lasso_zeros)
