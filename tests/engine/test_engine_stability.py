"""Selection stability on bootstrap resamples, the irrepresentable condition, the bound on the
number of nonzero weights, and the correlated-pair data."""

import numpy as np
import pytest

from l1l2_tui.engine import (
    L1,
    LeastSquares,
    Logistic,
    ProblemSpec,
    build_problem,
    lam_max,
    make_penalty,
    minimize,
)
from l1l2_tui.engine.cross_validation import standardize_on
from l1l2_tui.engine.data_limits import DataError
from l1l2_tui.engine.problems import correlated_pair
from l1l2_tui.engine.stability import (
    bootstrap_selection,
    irrepresentable_condition,
    support_bound,
)


def pair_problem():
    X, y, w_true = correlated_pair()
    X = standardize_on(X)[0]
    return X, y, w_true, lam_max(LeastSquares(X, y), L1()) / 2


def test_bootstrap_refits_each_resample_exactly():
    X, y, _, lam = pair_problem()
    stability = bootstrap_selection(X, y, lam, resamples=5, seed=3)
    rng = np.random.default_rng(3)
    for r in range(5):
        rows = rng.integers(0, len(y), size=len(y))
        w = minimize(LeastSquares(X[rows], y[rows]), make_penalty("l1", lam))
        np.testing.assert_array_equal(stability.selected[r], w != 0.0)
    np.testing.assert_array_equal(stability.counts, stability.selected.sum(axis=0))
    np.testing.assert_allclose(stability.frequency, stability.counts / 5)


def test_the_lasso_flips_between_the_pair_and_the_elastic_net_keeps_both():
    X, y, _, lam = pair_problem()
    lasso = bootstrap_selection(X, y, lam, "l1", resamples=20, seed=0)
    net = bootstrap_selection(X, y, lam, "elasticnet", 0.5, resamples=20, seed=0)
    only_one = lasso.selected[:, 0] ^ lasso.selected[:, 1]
    assert only_one.mean() > 0.5
    # Which one it keeps flips from resample to resample.
    assert np.any(only_one & lasso.selected[:, 0]) and np.any(only_one & lasso.selected[:, 1])
    assert np.all(net.selected[:, 0] & net.selected[:, 1])
    assert lasso.counts[2:].max() == 0 and net.frequency[2:].max() <= 0.1


def test_same_seed_same_resamples():
    X, y, _, lam = pair_problem()
    first = bootstrap_selection(X, y, lam, resamples=6, seed=9).selected
    np.testing.assert_array_equal(
        first, bootstrap_selection(X, y, lam, resamples=6, seed=9).selected
    )
    assert first.shape == (6, 10)


def test_logistic_bootstrap():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((120, 4))
    y = (rng.random(120) < 1 / (1 + np.exp(-2 * X[:, 0]))).astype(float)
    lam = 0.5 * lam_max(Logistic(X, y), L1())
    stability = bootstrap_selection(X, y, lam, loss="logistic", resamples=4, seed=0)
    rows = np.random.default_rng(0).integers(0, 120, size=120)
    w, _ = Logistic(X[rows], y[rows]).solve(make_penalty("l1", lam))
    np.testing.assert_array_equal(stability.selected[0], w != 0.0)
    assert stability.counts[0] == 4


def test_progress():
    X, y, _, lam = pair_problem()
    seen = []
    bootstrap_selection(X, y, lam, resamples=3, on_progress=lambda *a: seen.append(a))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    with pytest.raises(ValueError, match="resamples"):
        bootstrap_selection(X, y, lam, resamples=0)


def test_irrepresentable_condition_by_hand():
    rng = np.random.default_rng(2)
    X = rng.standard_normal((200, 4)) * [1.0, 5.0, 0.2, 3.0] + 4.0
    w = np.array([1.0, -2.0, 0.0, 0.0])
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    S, Sc = Z[:, :2], Z[:, 2:]
    expected = np.abs(Sc.T @ S @ np.linalg.solve(S.T @ S, [1.0, -1.0])).max()
    assert irrepresentable_condition(X, w) == pytest.approx(expected, rel=1e-12)
    assert irrepresentable_condition(X, np.ones(4)) == 0.0
    assert irrepresentable_condition(X, np.zeros(4)) == 0.0


def test_irrepresentable_condition_fails_where_a_noise_feature_mimics_the_truth():
    """A zero-weight feature built as the sum of two true ones: the condition is violated (> 1)
    and the lasso picks that feature over the true set along its path."""
    rng = np.random.default_rng(4)
    n = 2000
    x1, x2, noise = rng.standard_normal((3, n))
    x3 = (x1 + x2) / np.sqrt(2) * 0.9 + 0.3 * noise
    X = np.column_stack([x1, x2, x3])
    w = np.array([1.0, 1.0, 0.0])
    assert irrepresentable_condition(X, w) > 1.0
    y = X @ w + 0.1 * rng.standard_normal(n)
    loss = LeastSquares(standardize_on(X)[0], y)
    first = minimize(loss, make_penalty("l1", 0.9 * lam_max(loss, L1())))
    assert np.flatnonzero(first).tolist() == [2]
    synthetic = build_problem(ProblemSpec())
    assert irrepresentable_condition(synthetic.X, synthetic.true_weights) < 1.0


def test_irrepresentable_condition_refuses_a_dependent_support():
    X = np.random.default_rng(0).standard_normal((30, 3))
    X[:, 1] = 2 * X[:, 0]
    with pytest.raises(ValueError, match="dependent"):
        irrepresentable_condition(X, np.array([1.0, 1.0, 0.0]))
    with pytest.raises(ValueError, match="one entry per feature"):
        irrepresentable_condition(X, np.ones(2))


def test_at_most_n_minus_one_nonzero_when_features_outnumber_samples():
    problem = build_problem(ProblemSpec(samples=20, features=60))
    loss = LeastSquares(problem.X, problem.y)
    w = minimize(loss, make_penalty("l1", 1e-3 * lam_max(loss, L1())))
    bound = support_bound(problem.X, w)
    assert bound.bound == 19 and bound.nonzero == 19 and bound.holds
    assert not support_bound(problem.X, np.ones(60)).holds


def test_correlated_pair():
    X, y, w = correlated_pair(samples=5000, features=4, correlation=0.9, weight=1.5, noise=0.5)
    assert np.corrcoef(X[:, 0], X[:, 1])[0, 1] == pytest.approx(0.9, abs=0.01)
    assert abs(np.corrcoef(X[:, 0], X[:, 2])[0, 1]) < 0.05
    np.testing.assert_array_equal(w, [1.5, 1.5, 0.0, 0.0])
    residual = y - X @ w - 2.0
    assert residual.std() == pytest.approx(0.5, rel=0.05)
    again = correlated_pair(samples=5000, features=4, correlation=0.9, weight=1.5, noise=0.5)
    np.testing.assert_array_equal(X, again[0])
    for bad in ({"features": 1}, {"samples": 1}, {"correlation": 1.0}, {"noise": -1.0}):
        with pytest.raises(DataError):
            correlated_pair(**bad)
