"""The three Adam updates with L1: one step by hand, and where each one ends on diabetes."""

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso

from l1l2_tui.engine import L1, ElasticNet, LeastSquares, ProblemSpec, build_problem
from l1l2_tui.engine.adam_l1 import adam_decoupled, adam_moments, adam_prox, adam_subgradient

W = np.array([0.5, 0.0, -0.02, 1.0])
G = np.array([0.2, -0.3, 0.01, 0.0])
M = np.array([0.1, 0.0, -0.05, 0.2])
V = np.array([0.04, 0.01, 0.0, 0.09])
T, LR, LAM, B1, B2, EPS = 3, 0.1, 0.3, 0.9, 0.999, 1e-8


def by_hand(gradient: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    m = B1 * M + (1 - B1) * gradient
    v = B2 * V + (1 - B2) * gradient**2
    return m, v, m / (1 - B1**T), v / (1 - B2**T)


def test_moments():
    m, v, m_hat, v_hat = adam_moments(G, M, V, T, (B1, B2))
    np.testing.assert_allclose((m, v, m_hat, v_hat), by_hand(G), rtol=1e-15)
    with pytest.raises(ValueError, match="from 1"):
        adam_moments(G, M, V, 0)


def test_subgradient_step_by_hand():
    fed = G + LAM * np.array([1.0, 0.0, -1.0, 1.0])
    m, v, m_hat, v_hat = by_hand(fed)
    w, m2, v2 = adam_subgradient(W, G, M, V, T, LR, L1(LAM), betas=(B1, B2), eps=EPS)
    np.testing.assert_allclose(w, W - LR * m_hat / (np.sqrt(v_hat) + EPS), rtol=1e-15)
    np.testing.assert_allclose((m2, v2), (m, v), rtol=1e-15)


def test_subgradient_step_with_l2_part():
    ratio = 0.25
    fed = G + LAM * ratio * np.sign(W) + 2 * LAM * (1 - ratio) * W
    _, _, m_hat, v_hat = by_hand(fed)
    w, _, _ = adam_subgradient(W, G, M, V, T, LR, ElasticNet(LAM, ratio), (B1, B2), EPS)
    np.testing.assert_allclose(w, W - LR * m_hat / (np.sqrt(v_hat) + EPS), rtol=1e-15)


def test_decoupled_step_by_hand():
    m, v, m_hat, v_hat = by_hand(G)
    u = W - LR * m_hat / (np.sqrt(v_hat) + EPS)
    expected = [np.sign(x) * max(abs(x) - LR * LAM, 0.0) for x in u]
    w, m2, v2 = adam_decoupled(W, G, M, V, T, LR, L1(LAM), betas=(B1, B2), eps=EPS)
    np.testing.assert_allclose(w, expected, rtol=1e-15)
    np.testing.assert_allclose((m2, v2), (m, v), rtol=1e-15)
    assert np.count_nonzero(w == 0.0) >= 1


def test_prox_step_by_hand_and_its_optimality():
    m, v, m_hat, v_hat = by_hand(G)
    s = LR / (np.sqrt(v_hat) + EPS)
    u = W - s * m_hat
    expected = [np.sign(x) * max(abs(x) - sj * LAM, 0.0) for x, sj in zip(u, s, strict=True)]
    w, m2, v2 = adam_prox(W, G, M, V, T, LR, L1(LAM), betas=(B1, B2), eps=EPS)
    np.testing.assert_allclose(w, expected, rtol=1e-15)
    np.testing.assert_allclose((m2, v2), (m, v), rtol=1e-15)
    # Brute force: w minimizes 1/2 ||x - u||_D^2 + lam ||x||_1, D = diag(1 / s), per weight.
    for j in range(4):
        x = np.append(np.linspace(min(u[j], 0) - 1, max(u[j], 0) + 1, 400_001), 0.0)
        objective = (x - u[j]) ** 2 / (2 * s[j]) + LAM * np.abs(x)
        assert abs(x[np.argmin(objective)] - w[j]) < 1e-4


def test_prox_step_with_l2_part():
    ratio = 0.4
    _, _, m_hat, v_hat = by_hand(G)
    s = LR / (np.sqrt(v_hat) + EPS)
    u = W - s * m_hat
    shrunk = np.sign(u) * np.maximum(np.abs(u) - s * LAM * ratio, 0.0)
    w, _, _ = adam_prox(W, G, M, V, T, LR, ElasticNet(LAM, ratio), (B1, B2), EPS)
    np.testing.assert_allclose(w, shrunk / (1 + 2 * s * LAM * (1 - ratio)), rtol=1e-15)


def run(update, loss: LeastSquares, lam: float, steps: int, lr: float) -> np.ndarray:
    w, m, v = np.zeros(loss.d), np.zeros(loss.d), np.zeros(loss.d)
    for t in range(1, steps + 1):
        w, m, v = update(w, loss.grad(w), m, v, t, lr, L1(lam))
    return w


DIABETES_LAM = 6.774


@pytest.fixture(scope="module")
def diabetes():
    problem = build_problem(ProblemSpec(dataset="diabetes"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        lasso = Lasso(alpha=DIABETES_LAM, tol=1e-15, max_iter=10**6).fit(problem.X, problem.y)
    return LeastSquares(problem.X, problem.y), lasso.coef_


def test_adam_prox_converges_to_the_lasso(diabetes):
    loss, lasso = diabetes
    w = run(adam_prox, loss, DIABETES_LAM, 20_000, 0.1)
    assert np.count_nonzero(lasso == 0.0) == 6
    np.testing.assert_array_equal(w == 0.0, lasso == 0.0)
    np.testing.assert_allclose(w, lasso, rtol=0, atol=5e-12)


def test_adam_with_the_subgradient_has_no_zeros(diabetes):
    loss, lasso = diabetes
    w = run(adam_subgradient, loss, DIABETES_LAM, 20_000, 0.1)
    assert np.count_nonzero(w == 0.0) == 0
    # It hovers near the lasso's zeros without landing: within a band of the order of lr.
    assert np.abs(w[lasso == 0.0]).max() < 0.5


def test_adam_decoupled_rests_at_zero_off_the_optimum(diabetes):
    loss, lasso = diabetes
    w = run(adam_decoupled, loss, DIABETES_LAM, 20_000, 0.1)
    assert np.count_nonzero(w == 0.0) == 10
    assert np.abs(w - lasso).max() == pytest.approx(23.83, abs=0.01)
