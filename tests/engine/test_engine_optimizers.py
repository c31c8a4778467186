"""The optimizers are pure state-in, state-out updates; FISTA restarts by the documented rule."""

import numpy as np
import pytest

from engine import LeastSquares, Penalty, ProblemSpec, build_problem, minimize, optimizers


@pytest.fixture(scope="module")
def loss():
    problem = build_problem(ProblemSpec(dataset="diabetes"))
    return LeastSquares(problem.X, problem.y)


@pytest.mark.parametrize("name", ["proximal", "subgradient", "fista"])
def test_updates_do_not_mutate_their_input(loss, name):
    penalty = Penalty("elasticnet", 0.5, 0.5)
    state = optimizers.init(loss, np.linspace(-1, 1, loss.d))
    for _ in range(3):
        state = optimizers.UPDATES[name](state, loss, penalty, 0.1)
    copies = [np.copy(state.w), np.copy(state.grad), np.copy(state.y)]
    new = optimizers.UPDATES[name](state, loss, penalty, 0.1)
    for before, after in zip(copies, (state.w, state.grad, state.y), strict=True):
        np.testing.assert_array_equal(before, after)
    value, grad = loss.value_and_grad(new.w)
    assert new.data_loss == value
    np.testing.assert_array_equal(new.grad, grad)


def test_fista_restarts_exactly_when_momentum_points_uphill(loss):
    """O'Donoghue and Candes: restart (t = 1, y = w) when ``(y - w_new) . (w_new - w) > 0``,
    otherwise extrapolate ``y = w_new + (t - 1) / t_new * (w_new - w)``."""
    penalty = Penalty("l1", 0.5)
    lr = 1 / loss.lipschitz
    state = optimizers.init(loss, np.zeros(loss.d))
    restarts = 0
    for _ in range(300):
        new = optimizers.fista(state, loss, penalty, lr)
        grad_y = loss.grad(state.y)
        np.testing.assert_allclose(new.w, penalty.prox(state.y - lr * grad_y, lr), atol=1e-12)
        if float((state.y - new.w) @ (new.w - state.w)) > 0:
            restarts += 1
            assert new.t == 1.0 and new.y is new.w
        else:
            t = (1 + np.sqrt(1 + 4 * state.t**2)) / 2
            assert new.t == pytest.approx(t)
            expected_y = new.w + (state.t - 1) / t * (new.w - state.w)
            np.testing.assert_allclose(new.y, expected_y, atol=1e-12)
        state = new
    assert restarts > 0


def test_fista_needs_fewer_steps_than_ista(loss):
    penalty = Penalty("l1", 0.01)
    target = minimize(loss, penalty, tol=1e-12)
    lr = 1 / loss.lipschitz

    def steps_to_reach(update):
        state = optimizers.init(loss, np.zeros(loss.d))
        for k in range(1, 100_000):
            state = update(state, loss, penalty, lr)
            if np.abs(state.w - target).max() < 1e-6 * np.abs(target).max():
                return k
        raise AssertionError("no convergence")

    assert steps_to_reach(optimizers.fista) < steps_to_reach(optimizers.proximal) / 2


def test_gradient_mapping_norm_is_zero_at_the_minimizer_only(loss):
    penalty = Penalty("l1", 0.3)
    w = minimize(loss, penalty, tol=1e-12)
    lr = 1 / loss.lipschitz
    at_minimum = optimizers.gradient_mapping_norm(optimizers.init(loss, w), penalty, lr)
    assert at_minimum < 1e-9
    moved = w + 1e-3
    assert optimizers.gradient_mapping_norm(optimizers.init(loss, moved), penalty, lr) > 1e-5


def test_default_step_sizes(loss):
    penalty = Penalty("elasticnet", 0.4, 0.25)
    eigenvalues = np.linalg.eigvalsh(loss.Xc.T @ loss.Xc / loss.n)
    top = eigenvalues[-1]
    assert loss.lipschitz == pytest.approx(top, rel=1e-12)
    assert optimizers.default_lr("proximal", loss, penalty) == pytest.approx(1 / top)
    assert optimizers.default_lr("fista", loss, penalty) == pytest.approx(1 / top)
    # The subgradient step also differentiates q ||w||^2, q = lam (1 - l1_ratio).
    q = 0.4 * 0.75
    assert optimizers.default_lr("subgradient", loss, penalty) == pytest.approx(1 / (top + 2 * q))
