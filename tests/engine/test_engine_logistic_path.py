"""The logistic path: proximal Newton solves warm-started down the grid, against scikit-learn's
``LogisticRegression`` at a few grid points (same weights to ~1e-6 relative, same intercept,
the identical set of exact zeros), the top of the path, and the solver's own conditions.

Mapping (see :mod:`l1l2_tui.engine.logistic`): l1 is ``C = 1/(n lam)``, ``l1_ratio=1``; l2 is
``C = 1/(2 n lam)``, ``l1_ratio=0``; elasticnet is ``C = 1/(n lam (2 - r))`` with scikit-learn's
``l1_ratio = r / (2 - r)``.
"""

import numpy as np
import pytest

from l1l2_tui.engine import (
    L1,
    L2,
    Logistic,
    ProblemSpec,
    build_problem,
    lam_max,
    make_penalty,
    regularization_path,
)
from l1l2_tui.engine.logistic_solver import minimize_logistic, optimality_residual
from tests.engine.test_engine_logistic import L1_RATIO, PROBLEMS, sklearn_fit

GRID = 20
CHECKED = (2, 9, 19)
"""Grid points compared with scikit-learn: near the top, the middle, and the smallest lam."""
LAM_MIN_RATIO = 0.03


@pytest.fixture(scope="module", params=list(PROBLEMS))
def problem(request):
    return PROBLEMS[request.param]()


@pytest.mark.slow
@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_path_points_match_sklearn(problem, penalty):
    loss = Logistic(problem.X, problem.y)
    path = regularization_path(loss, make_penalty(penalty, l1_ratio=L1_RATIO), GRID, LAM_MIN_RATIO)
    assert path.intercepts is not None
    for i in CHECKED:
        model = sklearn_fit(problem.X, problem.y, penalty, float(path.lams[i]))
        ours, theirs = path.weights[i], model.coef_[0]
        scale = float(np.abs(theirs).max())
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-6 * scale, err_msg=f"point {i}")
        assert path.intercepts[i] == pytest.approx(model.intercept_[0], rel=1e-6, abs=1e-6)
        np.testing.assert_array_equal(ours == 0.0, theirs == 0, err_msg=f"zeros at point {i}")
    if penalty != "l2":
        assert 0 < path.nonzero[CHECKED[0]] < path.nonzero[-1], "a vacuous zero set"


@pytest.mark.parametrize(("penalty", "ratio"), [("l1", 1.0), ("elasticnet", L1_RATIO)])
def test_the_first_point_is_all_zeros_at_lam_max(problem, penalty, ratio):
    loss = Logistic(problem.X, problem.y)
    path = regularization_path(loss, make_penalty(penalty, l1_ratio=L1_RATIO), num=4)
    assert path.lams[0] == path.lam_max == lam_max(loss, make_penalty(penalty, l1_ratio=L1_RATIO))
    assert (path.weights[0] == 0.0).all()
    mean = problem.y.mean()
    assert path.intercepts[0] == pytest.approx(np.log(mean / (1 - mean)), abs=1e-9)
    # Just below lam_max some weight leaves 0: lam_max is the smallest such lam.
    w, _ = loss.solve(make_penalty(penalty, 0.97 * path.lam_max, l1_ratio=L1_RATIO))
    assert np.count_nonzero(w) > 0


def test_l2_lam_max_shrinks_every_weight_to_near_zero(problem):
    loss = Logistic(problem.X, problem.y)
    path = regularization_path(loss, L2(), num=5)
    top, bottom = np.abs(path.weights[0]).max(), np.abs(path.weights[-1]).max()
    assert 0 < top < 0.05 * bottom


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_the_solver_meets_the_optimality_conditions(problem, penalty):
    loss = Logistic(problem.X, problem.y)
    pen = make_penalty(penalty, 0.05 * lam_max(loss, L1()), l1_ratio=L1_RATIO)
    fit = minimize_logistic(problem.X, problem.y, pen)
    _, grad, grad_b = loss.evaluate(fit.w, fit.b)
    assert optimality_residual(fit.w, grad, grad_b, pen, True) <= 1e-9
    # At w_j = 0 the data's pull there is within the L1 part: the zeros are the held ones.
    zero = fit.w == 0.0
    pull = loss.pull_at_zero(fit.w, fit.b, grad)
    np.testing.assert_array_equal(
        zero, np.abs(pull) <= pen.capacity_at_zero() if penalty != "l2" else zero
    )


def test_a_fixed_offset_without_intercept_is_the_held_problem():
    """The plane's use: the other weights' share of the margins held as an offset, ``b`` too."""
    problem = PROBLEMS["synthetic"]()
    loss = Logistic(problem.X, problem.y)
    full = minimize_logistic(problem.X, problem.y, make_penalty("l1", 0.02))
    rest = full.w.copy()
    rest[[0, 1]] = 0.0
    offset = problem.X @ rest + full.b
    plane = minimize_logistic(
        problem.X[:, [0, 1]],
        problem.y,
        make_penalty("l1", 0.02),
        offset=offset,
        fit_intercept=False,
    )
    # The full optimum restricted to the plane is the plane's optimum.
    np.testing.assert_allclose(plane.w, full.w[[0, 1]], rtol=1e-7, atol=1e-9)
    assert plane.b == 0.0
    assert loss.d == problem.n_features


def test_digits_zero_path_ends_sparse_and_accurate():
    problem = build_problem(ProblemSpec(dataset="digits", digit=0))
    loss = Logistic(problem.X, problem.y)
    path = regularization_path(loss, L1(), num=8, lam_min_ratio=0.05)
    assert path.nonzero[0] == 0 and 0 < path.nonzero[-1] < 40
    assert loss.accuracy(path.weights[-1], float(path.intercepts[-1])) > 0.99
    assert (path.weights[:, problem.constant_features] == 0.0).all()


def test_a_wide_logistic_problem_is_solved_by_fista_to_the_same_point(monkeypatch):
    import l1l2_tui.engine.logistic as logistic_module

    problem = PROBLEMS["synthetic"]()
    loss = Logistic(problem.X, problem.y)
    penalty = make_penalty("l1", 0.05 * lam_max(loss, L1()))
    newton = loss.solve(penalty)
    monkeypatch.setattr(logistic_module, "NEWTON_MAX_FEATURES", 2)
    fista = loss.solve(penalty, tol=1e-10)
    np.testing.assert_allclose(fista[0], newton[0], atol=1e-6)
    assert fista[1] == pytest.approx(newton[1], abs=1e-6)
