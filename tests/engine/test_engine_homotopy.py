"""The exact lasso path against scikit-learn's ``lars_path(method="lasso")`` on centred data, its
piecewise-linear weights against the exact solver between knots, and its events on diabetes."""

import numpy as np
import pytest
from engine_specs import SPECS
from sklearn.linear_model import lars_path

from l1l2_tui.engine import (
    LeastSquares,
    Penalty,
    ProblemSpec,
    build_problem,
    minimize,
)
from l1l2_tui.engine.homotopy import PathEvent, lasso_homotopy

PATH_SPECS = {
    **SPECS,
    "correlated": ProblemSpec(samples=50, features=30, informative=6, correlation=0.95, seed=1),
    "wider": ProblemSpec(samples=20, features=60, seed=1),
}


def sklearn_lars(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``lars_path`` on the centred data: its ``alphas`` are our ``lam``."""
    alphas, _, coefs = lars_path(X - X.mean(axis=0), y - y.mean(), method="lasso")
    return alphas, coefs.T


@pytest.mark.parametrize("name", PATH_SPECS)
def test_knots_and_weights_match_lars_path(name):
    problem = build_problem(PATH_SPECS[name])
    path = lasso_homotopy(problem.X, problem.y)
    alphas, coefs = sklearn_lars(problem.X, problem.y)
    assert path.lams.shape == alphas.shape
    np.testing.assert_allclose(path.lams, alphas, rtol=0, atol=1e-10 * max(1.0, alphas[0]))
    scale = max(1.0, np.abs(coefs).max())
    np.testing.assert_allclose(path.weights, coefs, rtol=0, atol=1e-10 * scale)
    assert path.lams[-1] == 0.0
    assert np.all(np.diff(path.lams) <= 0)


def test_diabetes_s3_leaves_and_returns():
    problem = build_problem(ProblemSpec(dataset="diabetes"))
    path = lasso_homotopy(problem.X, problem.y)
    s3 = problem.feature_names.index("s3")
    kinds = [event.kind for event in path.events_of(s3)]
    assert kinds == ["enter", "leave", "enter"]
    _, left, back = path.events_of(s3)
    assert round(left.lam, 4) == 0.1038
    assert round(back.lam, 4) == 0.0623
    # Where lars_path's knots say so: s3 is 0 at the knot where it leaves and the next.
    alphas, coefs = sklearn_lars(problem.X, problem.y)
    k = int(np.argmin(np.abs(alphas - left.lam)))
    assert coefs[k, s3] == 0.0 and coefs[k - 1, s3] != 0.0
    assert path.weights_at(0.08)[s3] == 0.0
    assert path.weights_at(0.12)[s3] != 0.0
    # Every feature enters exactly once first, in the order of the knots.
    firsts = [path.events_of(j)[0] for j in range(problem.n_features)]
    assert all(event.kind == "enter" for event in firsts)
    assert path.events[0] == PathEvent(problem.feature_names.index("bmi"), path.lam_max, "enter")


@pytest.mark.parametrize("name", ["diabetes", "synthetic", "correlated", "wide"])
def test_weights_between_knots_are_the_lasso_solutions(name):
    problem = build_problem(PATH_SPECS[name])
    path = lasso_homotopy(problem.X, problem.y)
    loss = LeastSquares(problem.X, problem.y)
    rng = np.random.default_rng(0)
    for lam in path.lam_max * np.exp(rng.uniform(np.log(1e-3), np.log(1.2), 25)):
        exact = minimize(loss, Penalty("l1", lam), tol=1e-13)
        ours = path.weights_at(lam)
        np.testing.assert_allclose(ours, exact, rtol=0, atol=1e-9 * max(1.0, np.abs(exact).max()))
        np.testing.assert_array_equal(ours == 0.0, exact == 0.0)


def test_intercepts_are_the_fitted_ones():
    problem = build_problem(ProblemSpec(dataset="diabetes", standardize=False))
    path = lasso_homotopy(problem.X, problem.y)
    expected = problem.y.mean() - path.weights @ problem.X.mean(axis=0)
    np.testing.assert_allclose(path.intercepts, expected, rtol=1e-13)


def test_events_match_the_changes_in_the_support():
    problem = build_problem(PATH_SPECS["correlated"])
    path = lasso_homotopy(problem.X, problem.y)
    assert any(event.kind == "leave" for event in path.events)
    support = set()
    for event in path.events:
        if event.kind == "enter":
            assert event.feature not in support
            support.add(event.feature)
        else:
            assert event.feature in support
            support.remove(event.feature)
        k = int(np.flatnonzero(path.lams == event.lam)[0])
        assert path.weights[k, event.feature] == 0.0
        if event.kind == "enter":  # 0 at its knot, nonzero below it
            assert path.weights[k + 1, event.feature] != 0.0
        else:  # nonzero above its knot, 0 at it
            assert path.weights[k - 1, event.feature] != 0.0


def test_wide_data_keeps_at_most_rank_weights():
    problem = build_problem(PATH_SPECS["wider"])  # 20 samples, 60 features
    path = lasso_homotopy(problem.X, problem.y)
    assert path.nonzero.max() == 19  # the centred design's rank, n - 1


def test_lam_min_stops_the_path_there():
    problem = build_problem(ProblemSpec(dataset="diabetes"))
    full = lasso_homotopy(problem.X, problem.y)
    part = lasso_homotopy(problem.X, problem.y, lam_min=1.0)
    assert part.lams[-1] == 1.0
    np.testing.assert_allclose(part.weights[-1], full.weights_at(1.0), atol=1e-12)
    assert all(event.lam >= 1.0 for event in part.events)


def test_constant_target_and_duplicated_columns():
    X = np.random.default_rng(1).standard_normal((30, 3))
    flat = lasso_homotopy(X, np.full(30, 2.0))
    assert flat.lams.tolist() == [0.0] and flat.events == ()
    twice = np.column_stack([X, X[:, 0]])
    y = X @ [1.0, 0.5, 0.0] + 0.1 * np.random.default_rng(2).standard_normal(30)
    # The twin's correlation moves in step with its column's: it never enters, and the path
    # is the one without it (one of the many solutions such data have).
    path, alone = lasso_homotopy(twice, y), lasso_homotopy(X, y)
    np.testing.assert_array_equal(path.weights[:, 3], 0.0)
    np.testing.assert_allclose(path.lams, alone.lams, rtol=1e-12)
    np.testing.assert_allclose(path.weights[:, :3], alone.weights, rtol=1e-12, atol=1e-15)


def test_weights_at_outside_the_path():
    problem = build_problem(ProblemSpec(dataset="diabetes"))
    path = lasso_homotopy(problem.X, problem.y, lam_min=1.0)
    np.testing.assert_array_equal(path.weights_at(2 * path.lam_max), 0.0)
    with pytest.raises(ValueError, match="below the path"):
        path.weights_at(0.5)
    with pytest.raises(ValueError):
        lasso_homotopy(problem.X, problem.y, lam_min=-1.0)
