"""The synthetic data's correlation."""

import numpy as np
import pytest

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
