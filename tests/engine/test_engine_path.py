"""The regularization path against scikit-learn's ``lasso_path`` / ``enet_path`` and closed-form
ridge, on the same grid of ``lam``."""

import numpy as np
import pytest
from sklearn.linear_model import enet_path, lasso_path

from l1l2_tui.engine import (
    L1,
    L2,
    ElasticNet,
    LeastSquares,
    ProblemSpec,
    build_problem,
    lam_grid,
    lam_max,
    make_penalty,
    minimize,
    regularization_path,
)

SPECS = {
    "diabetes": ProblemSpec(dataset="diabetes"),
    "synthetic": ProblemSpec(),
    "synthetic-raw": ProblemSpec(samples=60, features=12, seed=5, standardize=False),
}
NUM = 40


def loss_for(name: str) -> LeastSquares:
    problem = build_problem(SPECS[name])
    return LeastSquares(problem.X, problem.y)


def assert_path_close(ours: np.ndarray, theirs: np.ndarray) -> None:
    """Row by row, to 1e-6 of that row's weight scale (and 1e-12 of the path's)."""
    assert ours.shape == theirs.shape
    for i, (w, ref) in enumerate(zip(ours, theirs, strict=True)):
        atol = 1e-6 * np.abs(ref).max() + 1e-12 * np.abs(theirs).max()
        np.testing.assert_allclose(w, ref, rtol=0, atol=atol, err_msg=f"lam index {i}")


@pytest.mark.parametrize("name", SPECS)
def test_l1_path_matches_lasso_path(name):
    loss = loss_for(name)
    path = regularization_path(loss, L1(), num=NUM)
    alphas, coefs, _ = lasso_path(loss.Xc, loss.yc, alphas=path.lams, tol=1e-13, max_iter=10**6)
    np.testing.assert_array_equal(alphas, path.lams)
    assert_path_close(path.weights, coefs.T)
    np.testing.assert_array_equal(path.nonzero, np.count_nonzero(coefs.T, axis=1))


@pytest.mark.parametrize("name", SPECS)
@pytest.mark.parametrize("l1_ratio", [0.3, 0.8])
def test_elastic_net_path_matches_enet_path(name, l1_ratio):
    loss = loss_for(name)
    path = regularization_path(loss, ElasticNet(l1_ratio=l1_ratio), num=NUM)
    # alpha = lam l1_ratio + 2 lam (1 - l1_ratio) = lam (2 - l1_ratio); rho = lam l1_ratio / alpha
    _, coefs, _ = enet_path(
        loss.Xc,
        loss.yc,
        l1_ratio=l1_ratio / (2 - l1_ratio),
        alphas=path.lams * (2 - l1_ratio),
        tol=1e-13,
        max_iter=10**6,
    )
    assert_path_close(path.weights, coefs.T)
    np.testing.assert_array_equal(path.nonzero, np.count_nonzero(coefs.T, axis=1))


@pytest.mark.parametrize("name", SPECS)
def test_l2_path_matches_closed_form_ridge(name):
    loss = loss_for(name)
    path = regularization_path(loss, L2(), num=NUM)
    gram = loss.Xc.T @ loss.Xc / loss.n
    ridge = np.array(
        [np.linalg.solve(gram + 2 * lam * np.eye(loss.d), loss.c) for lam in path.lams]
    )
    assert_path_close(path.weights, ridge)
    assert np.all(path.nonzero == loss.d)
    # At the top of the l2 grid every component is shrunk to at most 1/101 of least squares.
    least_squares = np.linalg.lstsq(gram, loss.c, rcond=None)[0]
    assert np.linalg.norm(path.weights[0]) <= np.linalg.norm(least_squares) / 101 * (1 + 1e-9)


@pytest.mark.parametrize("name", SPECS)
@pytest.mark.parametrize(("penalty", "l1_ratio"), [("l1", 1.0), ("elasticnet", 0.4)])
def test_path_starts_all_zero_and_leaves_zero_at_the_next_lam(name, penalty, l1_ratio):
    loss = loss_for(name)
    path = regularization_path(loss, make_penalty(penalty, l1_ratio=l1_ratio))
    assert len(path.lams) == 100
    assert path.lams[0] == path.lam_max == lam_max(loss, make_penalty(penalty, l1_ratio=l1_ratio))
    assert np.all(np.diff(path.lams) < 0)
    np.testing.assert_allclose(path.lams[-1], 1e-3 * path.lam_max, rtol=1e-12)
    np.testing.assert_allclose(np.diff(np.log(path.lams)), np.log(1e-3) / 99, rtol=1e-9)
    assert np.all(path.weights[0] == 0.0)
    assert np.count_nonzero(path.weights[1]) > 0
    # lam_max is the smallest lam that zeros every weight: just below it, one weight moves.
    below = minimize(loss, make_penalty(penalty, path.lam_max * (1 - 1e-6), l1_ratio=l1_ratio))
    assert np.count_nonzero(below) > 0


def test_path_on_a_given_grid_and_rejects_no_penalty():
    loss = loss_for("synthetic")
    grid = lam_grid(0.5, num=7, lam_min_ratio=0.1)
    path = regularization_path(loss, L1(), lams=grid)
    np.testing.assert_array_equal(path.lams, grid)
    assert path.weights.shape == (7, loss.d)
    with pytest.raises(ValueError, match="needs a penalty"):
        regularization_path(loss, make_penalty("none"))


@pytest.mark.parametrize("name", ["diabetes", "synthetic"])
def test_l1_path_ends_near_least_squares(name):
    """At lam_max / 10^4 the lasso solution is within a small multiple of lam of least squares:
    by optimality, G (w - w_ls) = -lam * s with |s_j| <= 1, so |w - w_ls| <= lam * ||G^-1||."""
    loss = loss_for(name)
    path = regularization_path(loss, L1(), num=30, lam_min_ratio=1e-4)
    least_squares = np.linalg.solve(loss.gram, loss.c)
    lam = path.lams[-1]
    bound = lam * np.sqrt(loss.d) * np.linalg.norm(np.linalg.inv(loss.gram), 2)
    assert np.linalg.norm(path.weights[-1] - least_squares) <= bound
    assert np.linalg.norm(path.weights[-1] - least_squares) < 0.05 * np.linalg.norm(least_squares)
    assert path.nonzero[-1] == loss.d


def test_nonzero_at_reads_the_grid_point_at_or_below_lam():
    path = regularization_path(loss_for("synthetic"), L1(), num=20)
    assert path.nonzero_at(path.lam_max * 2) == 0
    assert path.nonzero_at(path.lams[5]) == path.nonzero[5]
    assert path.nonzero_at((path.lams[5] + path.lams[6]) / 2) == path.nonzero[6]
    assert path.nonzero_at(0.0) == path.nonzero[-1] == 10
