"""The synthetic data's correlation, and one copy of the data however many runs share it."""

import tracemalloc

import numpy as np
import pytest

from l1l2_tui.engine import (
    Comparison,
    LeastSquares,
    Logistic,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
)
from l1l2_tui.engine.problems import ar1_rows, synthetic


@pytest.mark.parametrize("rho", [0.5, 0.8, -0.6, 0.0])
def test_synthetic_features_have_the_toeplitz_correlation(rho):
    X, _, _ = synthetic(40_000, 6, 2, 1.0, rho, seed=1)
    expected = rho ** np.abs(np.subtract.outer(np.arange(6), np.arange(6)))
    np.testing.assert_allclose(np.cov(X, rowvar=False, bias=True), expected, atol=0.02)


def test_the_recursion_is_the_cholesky_factor_of_the_toeplitz_covariance():
    """The same normals through the d x d Cholesky factor of ``rho^|i-j|`` give the same rows,
    to rounding: the recursion changed how the data is made, not what it is."""
    rho, d = 0.7, 30
    z = np.random.default_rng(3).standard_normal((50, d))
    covariance = rho ** np.abs(np.subtract.outer(np.arange(d), np.arange(d)))
    by_factor = z @ np.linalg.cholesky(covariance).T
    np.testing.assert_allclose(ar1_rows(z.copy(), rho, block=7), by_factor, atol=1e-13)


def test_a_standardized_problem_is_its_own_centred_data():
    problem = build_problem(ProblemSpec(samples=300, features=12))
    loss = LeastSquares(problem.X, problem.y)
    assert loss.Xc is problem.X
    raw = build_problem(ProblemSpec(samples=300, features=12, standardize=False))
    uncentred = LeastSquares(raw.X, raw.y)
    assert not np.shares_memory(uncentred.Xc, raw.X)
    np.testing.assert_allclose(uncentred.Xc.mean(axis=0), 0.0, atol=1e-14)
    # The same loss either way, to rounding, and the intercept takes the means' residue.
    shifted = LeastSquares(problem.X + 0.0, problem.y)
    w = np.linspace(-1, 1, 12)
    assert shifted.value(w) == pytest.approx(loss.value(w), rel=1e-12)
    assert loss.intercept(w) == pytest.approx(problem.y.mean(), abs=1e-12)


@pytest.mark.parametrize("loss", ["squared", "logistic"])
def test_runs_on_a_large_problem_hold_no_second_copy_of_the_data(loss):
    # Rows enough that the data outweighs what does not grow with them (each run's history of
    # weights, with its low and high envelopes, some 2.5 MB).
    problem = build_problem(ProblemSpec(samples=300_000, features=20))
    if loss == "logistic":
        from dataclasses import replace

        problem = replace(problem, y=(problem.y > np.median(problem.y)).astype(float))
        problem = replace(problem, loss="logistic")
    tracemalloc.start()
    try:
        session = Session(problem, Settings("l1"))
        comparison = Comparison.differing(problem, Settings("l1"))
        for run in (session, comparison):
            run.step(5)
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Each run keeps vectors of n (the centred target, the labels) and its history: a copy of
    # X anywhere would be a whole 1.0 more.
    data = problem.X.nbytes
    assert held < 0.5 * data, f"three runs hold {held / data:.2f} copies of the data"
    assert peak < 0.7 * data, f"at their peak {peak / data:.2f} copies of the data"
    loss_type = Logistic if loss == "logistic" else LeastSquares
    assert isinstance(session.loss, loss_type)
