"""The optimizers are pure state-in, state-out updates; FISTA restarts by the documented rule."""

from typing import get_args

import numpy as np
import pytest

from l1l2_tui.engine import (
    LeastSquares,
    Logistic,
    ProblemSpec,
    build_problem,
    make_penalty,
    minimize,
    optimizers,
)


@pytest.fixture(scope="module")
def loss():
    problem = build_problem(ProblemSpec(dataset="diabetes"))
    return LeastSquares(problem.X, problem.y)


@pytest.mark.parametrize("name", ["proximal", "subgradient", "fista"])
def test_updates_do_not_mutate_their_input(loss, name):
    penalty = make_penalty("elasticnet", 0.5, l1_ratio=0.5)
    optimizer = optimizers.OPTIMIZERS[name]
    state = optimizer.init(loss, np.linspace(-1, 1, loss.d), 0.0)
    for _ in range(3):
        state = optimizer.update(state, loss, penalty, 0.1)
    arrays = [state.w, state.grad, *(value for value in state if isinstance(value, np.ndarray))]
    copies = [np.copy(value) for value in arrays]
    new = optimizer.update(state, loss, penalty, 0.1)
    for before, after in zip(copies, arrays, strict=True):
        np.testing.assert_array_equal(before, after)
    value, grad = loss.value_and_grad(new.w)
    assert new.value == value
    np.testing.assert_array_equal(new.grad, grad)


def test_fista_restarts_exactly_when_momentum_points_uphill(loss):
    """O'Donoghue and Candes: restart (t = 1, y = w) when ``(y - w_new) . (w_new - w) > 0``,
    otherwise extrapolate ``y = w_new + (t - 1) / t_new * (w_new - w)``."""
    penalty = make_penalty("l1", 0.5)
    lr = 1 / loss.lipschitz
    state = optimizers.fista_init(loss, np.zeros(loss.d))
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
    penalty = make_penalty("l1", 0.01)
    target = minimize(loss, penalty, tol=1e-12)
    lr = 1 / loss.lipschitz

    def steps_to_reach(name):
        optimizer = optimizers.OPTIMIZERS[name]
        state = optimizer.init(loss, np.zeros(loss.d), 0.0)
        for k in range(1, 100_000):
            state = optimizer.update(state, loss, penalty, lr)
            if np.abs(state.w - target).max() < 1e-6 * np.abs(target).max():
                return k
        raise AssertionError("no convergence")

    assert steps_to_reach("fista") < steps_to_reach("proximal") / 2


def test_gradient_mapping_norm_is_zero_at_the_minimizer_only(loss):
    penalty = make_penalty("l1", 0.3)
    w = minimize(loss, penalty, tol=1e-12)
    lr = 1 / loss.lipschitz
    at_minimum = optimizers.gradient_mapping_norm(optimizers.point(loss, w), penalty, lr)
    assert at_minimum < 1e-9
    moved = w + 1e-3
    assert optimizers.gradient_mapping_norm(optimizers.point(loss, moved), penalty, lr) > 1e-5


def test_default_step_sizes(loss):
    penalty = make_penalty("elasticnet", 0.4, l1_ratio=0.25)
    eigenvalues = np.linalg.eigvalsh(loss.Xc.T @ loss.Xc / loss.n)
    top = eigenvalues[-1]
    assert loss.lipschitz == pytest.approx(top, rel=1e-12)
    assert optimizers.default_lr("proximal", loss, penalty) == pytest.approx(1 / top)
    assert optimizers.default_lr("fista", loss, penalty) == pytest.approx(1 / top)
    # The subgradient step also differentiates q ||w||^2, q = lam (1 - l1_ratio).
    q = 0.4 * 0.75
    assert optimizers.default_lr("subgradient", loss, penalty) == pytest.approx(1 / (top + 2 * q))


def test_the_registry_is_the_only_list_of_names():
    assert tuple(optimizers.OPTIMIZERS) == get_args(optimizers.OptimizerName)
    for name, optimizer in optimizers.OPTIMIZERS.items():
        assert optimizer.name == name and optimizer.summary


def test_each_optimizer_keeps_a_state_of_its_own(loss):
    w = np.zeros(loss.d)
    fista = optimizers.OPTIMIZERS["fista"].init(loss, w, 0.0)
    plain = optimizers.OPTIMIZERS["proximal"].init(loss, w, 0.0)
    assert isinstance(fista, optimizers.FistaState) and fista.t == 1.0
    assert isinstance(plain, optimizers.PointState) and not hasattr(plain, "t")


class CountedLogistic(Logistic):
    """The logistic loss, counting its products with ``X`` (or ``X'``)."""

    products = 0

    def evaluate(self, w, b=0.0):
        self.products += 2
        return super().evaluate(w, b)

    def raw_prediction(self, w, b):
        self.products += 1
        return super().raw_prediction(w, b)

    def grad_at(self, raw):
        self.products += 1
        return super().grad_at(raw)


@pytest.fixture(scope="module")
def logistic():
    problem = build_problem(ProblemSpec(dataset="digits", digit=3))
    return CountedLogistic(problem.X, problem.y)


def textbook_fista(loss, penalty, lr, steps):
    """FISTA with the restart rule, the gradient at ``y`` evaluated there: ``(w, b)`` after
    ``steps`` steps."""
    w = y = np.zeros(loss.d)
    b = y_b = 0.0
    t = 1.0
    for _ in range(steps):
        _, grad_y, grad_y_b = Logistic.evaluate(loss, y, y_b)
        w_new, b_new = penalty.prox(y - lr * grad_y, lr), y_b - lr * grad_y_b
        if (y - w_new) @ (w_new - w) + (y_b - b_new) * (b_new - b) > 0:
            t, y, y_b = 1.0, w_new, b_new
        else:
            t_new = (1 + np.sqrt(1 + 4 * t * t)) / 2
            beta = (t - 1) / t_new
            y, y_b, t = w_new + beta * (w_new - w), b_new + beta * (b_new - b), t_new
        w, b = w_new, b_new
    return w, b


def test_fista_on_a_loss_that_is_not_affine_is_the_textbook_method(logistic):
    penalty = make_penalty("l1", 0.01)
    lr = 1 / logistic.lipschitz
    state = optimizers.fista_init(logistic, np.zeros(logistic.d))
    for _ in range(200):
        state = optimizers.fista(state, logistic, penalty, lr)
    w, b = textbook_fista(logistic, penalty, lr, 200)
    np.testing.assert_allclose(state.w, w, rtol=1e-9, atol=1e-12)
    assert state.b == pytest.approx(b, rel=1e-9, abs=1e-12)
    value, grad, grad_b = Logistic.evaluate(logistic, state.w, state.b)
    assert state.value == pytest.approx(value, rel=1e-12)
    np.testing.assert_allclose(state.grad, grad, rtol=1e-9, atol=1e-15)
    assert state.grad_b == pytest.approx(grad_b, rel=1e-9, abs=1e-15)


def test_fista_takes_two_products_a_step(logistic):
    """``X w`` at the new point and ``X'`` times the residual at ``y``; the gradient at ``w``
    only when read."""
    penalty = make_penalty("l1", 0.01)
    lr = 1 / logistic.lipschitz
    state = optimizers.fista_init(logistic, np.zeros(logistic.d))
    restarted = extrapolated = 0
    before = logistic.products
    for _ in range(100):
        state = optimizers.fista(state, logistic, penalty, lr)
        restarted += state.t == 1.0
        extrapolated += state.t > 1.0
    assert restarted and extrapolated, "both kinds of step are counted"
    assert logistic.products - before == 2 * 100
    _ = state.grad  # read: evaluated now
    assert logistic.products - before == 2 * 100 + 1
    _ = state.grad_b  # kept from the same evaluation
    assert logistic.products - before == 2 * 100 + 1
