"""Exact minimizers of ``F`` and the regularization path over a grid of ``lam``.

The path starts at ``lam_max`` and descends a log-spaced grid to ``lam_min_ratio * lam_max``,
warm-starting each solve from the previous solution.

``lam_max`` for l1 and elasticnet is the smallest ``lam`` whose solution is all zeros:
``w = 0`` is optimal iff ``|c_j| <= lam * l1_ratio`` for every ``j``, where
``c = Xc' yc / n`` is the data loss's negative gradient at 0, so
``lam_max = max_j |c_j| / l1_ratio`` (``l1_ratio = 1`` for l1). No finite ``lam`` zeros an l2
solution, so for l2 (and elasticnet with ``l1_ratio = 0``) ``lam_max = 50 * sigma_max`` with
``sigma_max`` the largest eigenvalue of ``Xc' Xc / n``: ridge shrinks the least-squares
solution's component along an eigenvector with eigenvalue ``sigma`` by ``sigma / (sigma + 2 lam)``,
which at that ``lam`` is at most 1/101 for every component.

On the logistic loss (:class:`l1l2_tui.engine.logistic.Logistic`) ``lam_max`` for l1 and elasticnet
is :func:`l1l2_tui.engine.logistic.lam_max_logistic`, and for l2 ``50 * L`` with ``L`` the loss's
Lipschitz constant (a bound on its curvature, so ridge again shrinks every direction to at most
about 1/101 of the unpenalized fit). Each point is solved by proximal Newton steps
(:func:`l1l2_tui.engine.logistic_solver.minimize_logistic`), warm-started from the previous point's
weights and intercept; the intercepts are kept with the weights.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from l1l2_tui.engine import optimizers
from l1l2_tui.engine.logistic import Logistic, lam_max_logistic
from l1l2_tui.engine.loss import LeastSquares, Loss
from l1l2_tui.engine.penalties import Penalty, PenaltyName, make_penalty

L2_LAM_MAX_FACTOR = 50.0


@dataclass(frozen=True)
class RegularizationPath:
    """``weights[i]`` (with ``intercepts[i]``) minimizes ``F`` at ``lams[i]``; ``lams`` descend
    from ``lam_max``."""

    penalty: PenaltyName
    l1_ratio: float
    lam_max: float
    lams: np.ndarray
    weights: np.ndarray
    intercepts: np.ndarray | None = None
    """The fitted intercept at each ``lam`` (the logistic loss); ``None`` for least squares,
    whose intercept ``mean(y) - mean(X) @ w`` follows from the weights."""

    @property
    def nonzero(self) -> np.ndarray:
        """How many weights are nonzero at each ``lam``."""
        return np.count_nonzero(self.weights, axis=1)

    def nonzero_at(self, lam: float) -> int:
        """Nonzero weights at the first grid point at or below ``lam``; below the grid, at its
        smallest lam."""
        below = np.flatnonzero(self.lams <= lam)
        return int(self.nonzero[below[0] if below.size else -1])


def lam_max(loss: Loss, penalty: PenaltyName, l1_ratio: float = 0.5) -> float:
    """The top of the path for ``penalty`` (see the module docstring)."""
    ratio = make_penalty(penalty, 1.0, l1_ratio=l1_ratio).capacity_at_zero()
    if ratio > 0:
        if isinstance(loss, Logistic):
            return lam_max_logistic(loss, ratio)
        return float(np.abs(loss.c).max()) / ratio
    return L2_LAM_MAX_FACTOR * loss.lipschitz


def lam_grid(top: float, num: int = 100, lam_min_ratio: float = 1e-3) -> np.ndarray:
    """``num`` values from ``top`` down to ``lam_min_ratio * top``, evenly spaced in log.

    ``top`` is 0 when the target is constant: every weight is then 0 at every ``lam``, and the
    grid runs down from 1 instead, since a log-spaced grid cannot start at 0."""
    if not top > 0:
        top = 1.0
    return np.geomspace(top, top * lam_min_ratio, num)


def regularization_path(
    loss: Loss,
    penalty: PenaltyName = "l1",
    l1_ratio: float = 0.5,
    num: int = 100,
    lam_min_ratio: float = 1e-3,
    tol: float = 1e-9,
    lams: np.ndarray | None = None,
    on_point: Callable[[int, int], None] | None = None,
) -> RegularizationPath:
    """Minimize ``F`` on each ``lam`` of ``lams`` (default: :func:`lam_grid` from
    :func:`lam_max`), each solve warm-started from the last, to gradient-mapping norm ``tol``
    (least squares) or optimality residual ``tol`` (logistic, see
    :mod:`l1l2_tui.engine.logistic_solver`).

    ``on_point(done, total)`` is called after each solve, for progress reports."""
    if penalty == "none":
        raise ValueError("a regularization path needs a penalty: l1, l2 or elasticnet")
    top = lam_max(loss, penalty, l1_ratio)
    grid = lam_grid(top, num, lam_min_ratio) if lams is None else np.asarray(lams, dtype=float)
    weights = np.empty((len(grid), loss.d))
    intercepts = np.empty(len(grid))
    w, b = np.zeros(loss.d), 0.0
    if isinstance(loss, Logistic):
        # The exact intercept at w = 0, so the solve at lam_max starts at its solution.
        share = float(loss.y01.mean())
        b = float(np.log(share / (1.0 - share)))
    for i, lam in enumerate(grid):
        w, b = solve(loss, make_penalty(penalty, float(lam), l1_ratio=l1_ratio), w, b, tol)
        weights[i], intercepts[i] = w, b
        if on_point is not None:
            on_point(i + 1, len(grid))
    kept = intercepts if isinstance(loss, Logistic) else None
    return RegularizationPath(penalty, l1_ratio, top, grid, weights, kept)


def solve(
    loss: Loss,
    penalty: Penalty,
    w0: np.ndarray | None = None,
    b0: float = 0.0,
    tol: float = 1e-9,
) -> tuple[np.ndarray, float]:
    """The minimizer ``(w, b)`` of ``F`` on ``loss`` for ``penalty``, warm-started at
    ``(w0, b0)``: :func:`minimize` for least squares (``b`` its fitted intercept), proximal
    Newton for the logistic loss (to the optimality residual ``min(tol, 1e-10)``).

    With more than :data:`NEWTON_MAX_FEATURES` features a Newton model (a ``d x d`` Hessian
    built from ``n d^2`` products) costs too much time and memory, and the logistic loss is
    minimized by FISTA instead, for at most :data:`FISTA_MAX_STEPS` steps or until its
    gradient-mapping norm is below ``tol``."""
    if isinstance(loss, Logistic):
        start = np.zeros(loss.d) if w0 is None else np.asarray(w0, dtype=float)
        if loss.d > NEWTON_MAX_FEATURES:
            return _fista_logistic(loss, penalty, start, b0, tol)
        from l1l2_tui.engine.logistic_solver import (
            minimize_logistic,  # only a logistic path needs it
        )

        fit = minimize_logistic(loss.X, loss.y01, penalty, start, b0, min(tol, 1e-10))
        return fit.w, fit.b
    if not isinstance(loss, LeastSquares):
        raise TypeError(f"no exact solver for {type(loss).__name__}")
    w = minimize(loss, penalty, w0, tol)
    return w, loss.intercept(w)


NEWTON_MAX_FEATURES = 400
FISTA_MAX_STEPS = 20_000


def _fista_logistic(
    loss: Logistic, penalty: Penalty, w0: np.ndarray, b0: float, tol: float
) -> tuple[np.ndarray, float]:
    lr = 1.0 / loss.lipschitz
    state = optimizers.fista_init(loss, w0, b0)
    for _ in range(FISTA_MAX_STEPS // 20):
        for _ in range(20):
            state = optimizers.fista(state, loss, penalty, lr)
        if optimizers.gradient_mapping_norm(state, penalty, lr) < tol:
            break
    return state.w, float(state.b)


def minimize(
    loss: LeastSquares,
    penalty: Penalty,
    w0: np.ndarray | None = None,
    tol: float = 1e-9,
    max_rounds: int = 10_000,
) -> np.ndarray:
    """The minimizer of ``F`` for ``penalty``, from the warm start ``w0``.

    Once the support and the signs of the minimizer are known, the optimality conditions are
    linear and one solve gives it exactly. Starting from the warm start's support, an
    active-set search moves one feature at a time in or out (:func:`_active_set`); a solution
    is returned only when it meets every optimality condition. Should the search stall, rounds
    of FISTA refine the support, until a search succeeds or the gradient-mapping norm is below
    ``tol``.
    """
    w = np.zeros(loss.d) if w0 is None else np.asarray(w0, dtype=float)
    if penalty.capacity_at_zero() == 0.0:
        exact = _solve_on_support(loss, penalty, np.ones(loss.d, dtype=bool), np.zeros(loss.d))
        if exact is not None:
            return exact
    exact = _active_set(loss, penalty, w != 0.0, np.sign(w), max_moves=2 * loss.d + 10)
    if exact is not None:
        return exact
    lr = 1.0 / loss.lipschitz
    state = optimizers.fista_init(loss, w)
    for _ in range(max_rounds):
        for _ in range(20):
            state = optimizers.fista(state, loss, penalty, lr)
        w = state.w
        exact = _active_set(loss, penalty, w != 0.0, np.sign(w), max_moves=2)
        if exact is not None:
            return exact
        if optimizers.gradient_mapping_norm(state, penalty, lr) < tol:
            break
    return w


def _active_set(
    loss: LeastSquares, penalty: Penalty, support: np.ndarray, signs: np.ndarray, max_moves: int
) -> np.ndarray | None:
    """The exact minimizer by moves on a guess of its support and signs, or None.

    Each move solves on the guess, then drops a weight whose sign came out opposite to its
    guess, or else adds the weight whose data pull most exceeds the L1 weight ``a`` (with the
    sign that pull asks for). A solve with consistent signs and no weight off the support
    pulled harder than ``a`` meets every optimality condition: it is the minimizer.
    """
    support, signs = support.copy(), signs.copy()
    a, _ = penalty.as_elastic_net()
    slack = 1e-12 * max(1.0, float(np.abs(loss.c).max()))
    for _ in range(max_moves):
        w = _solve_on_support(loss, penalty, support, signs)
        if w is None:
            return None
        flipped = np.flatnonzero(support & (np.sign(w) != signs))
        if flipped.size:
            support[flipped[0]], signs[flipped[0]] = False, 0.0
            continue
        grad = loss.grad(w)
        excess = np.where(support, -np.inf, np.abs(grad) - a)
        j = int(np.argmax(excess))
        if excess[j] <= slack:
            return w
        support[j], signs[j] = True, -np.sign(grad[j])
    return None


def _solve_on_support(
    loss: LeastSquares, penalty: Penalty, support: np.ndarray, signs: np.ndarray
) -> np.ndarray | None:
    """Solve ``(G_SS + 2q I) w_S = c_S - a * signs_S`` with ``w`` zero off the support;
    None when the system is singular."""
    w = np.zeros(loss.d)
    idx = np.flatnonzero(support)
    if idx.size == 0:
        return w
    if loss.gram is not None:
        gram = loss.gram[idx][:, idx]
    else:
        cols = loss.Xc[:, idx]
        gram = cols.T @ cols / loss.n
    a, q = penalty.as_elastic_net()
    system = gram + 2.0 * q * np.eye(idx.size)
    try:
        w[idx] = np.linalg.solve(system, loss.c[idx] - a * signs[idx])
    except np.linalg.LinAlgError:
        return None
    return w if np.all(np.isfinite(w)) else None
