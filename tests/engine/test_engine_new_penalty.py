"""A penalty the engine has never heard of, defined here alone, runs through it: the optimizers
step with it, the losses solve with it, the path, the plane and the slice ask it. Adding a penalty
is its module; nothing else in the engine changes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from l1l2_tui.engine import (
    OPTIMIZERS,
    LeastSquares,
    Logistic,
    Penalty,
    PlaneView,
    ProblemSpec,
    build_problem,
    lam_max,
    regularization_path,
)
from l1l2_tui.engine.lp_prox import prox_lp
from l1l2_tui.engine.optimizers import gradient_mapping_norm, point

POWER = 1.5


class Power(Penalty):
    """``lam * sum |w_j|^1.5``: smooth at 0, so it holds nothing there and its prox has no dead
    zone; not of the form ``a ||w||_1 + q ||w||^2``."""

    name = "power"
    label = "L1.5"
    shape = "rounded square"

    def per_weight(self, w: np.ndarray) -> np.ndarray:
        return self.lam * np.abs(np.asarray(w, dtype=float)) ** POWER

    def grad(self, w: np.ndarray) -> np.ndarray:
        w = np.asarray(w, dtype=float)
        return self.lam * POWER * np.sign(w) * np.abs(w) ** (POWER - 1)

    def curvature(self, w: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return (
                self.lam * POWER * (POWER - 1) * np.abs(np.asarray(w, dtype=float)) ** (POWER - 2)
            )

    def prox(self, v: np.ndarray, step: float) -> np.ndarray:
        return prox_lp(np.asarray(v, dtype=float), step * self.lam, POWER)

    def pull(self, w: np.ndarray) -> np.ndarray:
        return np.abs(self.grad(w))

    def capacity_at_zero(self) -> float:
        return 0.0

    def dead_zone(self, step: float) -> float:
        return 0.0

    def level_set(self, point, num_points: int = 121):  # type: ignore[no-untyped-def]
        level = float(np.sum(np.abs(np.asarray(point, dtype=float)) ** POWER))
        t = np.linspace(0.0, 2.0 * math.pi, num_points)
        rho = (level / (np.abs(np.cos(t)) ** POWER + np.abs(np.sin(t)) ** POWER)) ** (1 / POWER)
        return ((rho * np.cos(t), rho * np.sin(t)),)

    def pull_graph(self, low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
        x = np.concatenate([np.linspace(low, 0.0, 50), np.linspace(0.0, high, 50)[1:]])
        return x, self.grad(x)

    def smooth_curvature(self) -> float:
        return math.inf

    def rescaled(self, factor: float) -> Penalty:
        return Power(self.lam * factor ** (2 - POWER))


PROBLEM = build_problem(ProblemSpec())
LOSS = LeastSquares(PROBLEM.X, PROBLEM.y)
PENALTY = Power(0.3)


def test_the_proximal_step_descends_to_the_losses_own_solution():
    lr = 1 / LOSS.lipschitz
    state = point(LOSS, np.zeros(LOSS.d))
    objectives = []
    for _ in range(3000):
        state = OPTIMIZERS["proximal"].step(state, LOSS, PENALTY, lr, np.arange(LOSS.n))
        objectives.append(state.value + PENALTY.value(state.w))
    assert np.all(np.diff(objectives) <= 1e-12)
    w, _ = LOSS.solve(PENALTY, tol=1e-10)
    assert gradient_mapping_norm(point(LOSS, w), PENALTY, lr) < 1e-9
    np.testing.assert_allclose(state.w, w, atol=1e-6)
    assert np.count_nonzero(w) == LOSS.d, "a penalty smooth at 0 holds no weight there"


def test_the_path_starts_where_nothing_is_held_and_solves_each_point():
    top = lam_max(LOSS, PENALTY)
    assert top == pytest.approx(50 * LOSS.lipschitz), "it holds nothing at 0: the ridge rule"
    path = regularization_path(LOSS, PENALTY, num=4, lam_min_ratio=1e-2, tol=1e-8)
    assert path.penalty == PENALTY.at_lam(top)
    sizes = np.linalg.norm(path.weights, axis=1)
    assert np.all(np.diff(sizes) > 0), "the weights grow as lam falls"


def test_the_plane_and_the_slice_minimize_the_objective_they_draw():
    w = LOSS.solve(PENALTY, tol=1e-10)[0]
    view = PlaneView.from_weights(LOSS, PENALTY, w, 0, 1)
    np.testing.assert_allclose(view.optimum, w[[0, 1]], atol=1e-6)
    ((x, y),) = view.penalty_set
    np.testing.assert_allclose(
        PENALTY.per_weight(x) + PENALTY.per_weight(y), PENALTY.value(view.optimum), rtol=1e-9
    )
    piece = LOSS.weight_slice(w, 0.0, LOSS.grad(w), PENALTY, 2)
    grid = np.linspace(piece.minimizer - 0.5, piece.minimizer + 0.5, 100_001)
    assert grid[np.argmin(piece.objective(grid))] == pytest.approx(piece.minimizer, abs=1e-5)
    assert piece.minimizer == pytest.approx(w[2], abs=1e-6), "the solution is best along it"


def test_the_logistic_loss_solves_and_slices_with_it_too():
    X, y01 = PROBLEM.X, (PROBLEM.y > np.median(PROBLEM.y)).astype(float)
    loss = Logistic(X, y01)
    w, b = loss.solve(PENALTY, tol=1e-9)
    grad = loss.evaluate(w, b)[1]
    piece = loss.weight_slice(w, b, grad, PENALTY, 0)
    assert piece.minimizer == pytest.approx(w[0], abs=1e-6)
