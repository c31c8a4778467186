"""Coordinate descent: each step the exact one-weight minimizer, and converged solutions against
scikit-learn's ``Lasso`` / ``ElasticNet``."""

import warnings

import numpy as np
import pytest
from engine_specs import SPECS
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet, Lasso

from l1l2_tui.engine import LeastSquares, Penalty, build_problem, suggested_lam
from l1l2_tui.engine.coordinate_descent import (
    CentredData,
    cd_init,
    cd_minimize,
    cd_step,
    cd_sweep,
)
from l1l2_tui.engine.one_weight import weight_slice


def sklearn_solution(X, y, lam: float, l1_ratio: float) -> np.ndarray:
    if l1_ratio == 1.0:
        model = Lasso(alpha=lam, tol=1e-15, max_iter=1_000_000)
    else:  # alpha = a + 2 q, sklearn's l1_ratio = a / alpha
        alpha = lam * l1_ratio + 2 * lam * (1 - l1_ratio)
        model = ElasticNet(alpha=alpha, l1_ratio=lam * l1_ratio / alpha, tol=1e-15, max_iter=10**6)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(X, y).coef_


@pytest.mark.parametrize("name", SPECS)
@pytest.mark.parametrize("l1_ratio", [1.0, 0.6, 0.0])
def test_converges_to_sklearn(name, l1_ratio):
    problem = build_problem(SPECS[name])
    lam = suggested_lam(problem)
    data = CentredData.of(problem.X, problem.y)
    state = cd_minimize(data, lam, l1_ratio, tol=1e-15, max_sweeps=200_000)
    expected = sklearn_solution(problem.X, problem.y, lam, l1_ratio)
    np.testing.assert_allclose(state.w, expected, rtol=0, atol=1e-8)
    if l1_ratio > 0:
        np.testing.assert_array_equal(state.w == 0.0, expected == 0.0)
    model_intercept = problem.y.mean() - problem.X.mean(axis=0) @ expected
    assert data.intercept(state.w) == pytest.approx(model_intercept, abs=1e-8)


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_each_step_is_the_zero_views_one_weight_minimizer(l1_ratio):
    problem = build_problem(SPECS["diabetes"])
    lam = suggested_lam(problem)
    penalty = Penalty("l1" if l1_ratio == 1.0 else "elasticnet", lam, l1_ratio)
    data = CentredData.of(problem.X, problem.y)
    loss = LeastSquares(problem.X, problem.y)
    state = cd_init(data, np.random.default_rng(0).standard_normal(problem.n_features))
    for _ in range(3 * problem.n_features):
        j = state.feature
        expected = weight_slice(loss, state.w, loss.grad(state.w), penalty, j).minimizer
        after = cd_step(data, state, lam, l1_ratio)
        assert after.w[j] == pytest.approx(expected, abs=1e-12)
        np.testing.assert_array_equal(np.delete(after.w, j), np.delete(state.w, j))
        np.testing.assert_allclose(after.residual, data.yc - data.Xc @ after.w, atol=1e-10)
        # The step never raises the objective.
        objective = loss.value(after.w) + penalty.value(after.w)
        assert objective <= loss.value(state.w) + penalty.value(state.w) + 1e-12
        state = after
    assert state.sweeps == 3 and state.feature == 0


def test_by_hand_one_step():
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 0.0]])
    y = np.array([1.0, 2.0, 0.0, 3.0])
    data = CentredData.of(X, y)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    lam, l1_ratio = 0.1, 0.5
    w0 = np.array([0.3, -0.2])
    state = cd_step(data, cd_init(data, w0), lam, l1_ratio)
    n = 4
    r = yc - Xc @ w0
    h0 = Xc[:, 0] @ Xc[:, 0] / n
    rho = Xc[:, 0] @ r / n + h0 * 0.3
    expected = np.sign(rho) * max(abs(rho) - 0.05, 0) / (h0 + 2 * 0.05)
    assert state.w[0] == pytest.approx(expected, rel=1e-15)
    assert state.w[1] == -0.2 and state.feature == 1 and state.sweeps == 0


def test_sweep_is_d_steps():
    problem = build_problem(SPECS["synthetic"])
    data = CentredData.of(problem.X, problem.y)
    state = cd_init(data)
    stepped = state
    for _ in range(problem.n_features):
        stepped = cd_step(data, stepped, 0.1)
    swept = cd_sweep(data, state, 0.1)
    np.testing.assert_allclose(swept.w, stepped.w, rtol=1e-14, atol=1e-15)
    assert swept.sweeps == stepped.sweeps == 1 and swept.feature == stepped.feature == 0


def test_constant_column_stays_at_zero():
    X = np.column_stack([np.random.default_rng(3).standard_normal(20), np.full(20, 4.0)])
    y = X[:, 0] * 2 + 1
    state = cd_minimize(CentredData.of(X, y), 0.01, w0=np.array([0.0, 5.0]))
    assert state.w[1] == 0.0


def test_bad_settings_are_refused():
    data = CentredData.of(np.eye(3), np.arange(3.0))
    with pytest.raises(ValueError, match="lam"):
        cd_step(data, cd_init(data), -1.0)
    with pytest.raises(ValueError, match="l1_ratio"):
        cd_sweep(data, cd_init(data), 1.0, 1.5)
