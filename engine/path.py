"""The regularization path over a grid of ``lam``.

The path starts at ``lam_max`` and descends a log-spaced grid to ``lam_min_ratio * lam_max``,
warm-starting each exact solve (:meth:`l1l2_tui.engine.loss.Loss.solve`) from the previous
solution, weights and intercept.

``lam_max`` for a penalty that holds weights at 0 (l1, elasticnet) is the smallest ``lam`` whose
solution is all zeros: ``w = 0`` is optimal iff the data's pull on every weight at ``w = 0``
(the intercept at its best there, :meth:`Loss.grad_at_origin`) is within what the penalty holds
at 0, ``lam * l1_ratio``, so ``lam_max = max_j |g_j| / l1_ratio`` (``l1_ratio = 1`` for l1).
For least squares ``g = -c = -Xc' yc / n``; for the logistic loss
``g = -X' (y01 - mean(y01)) / n``. No finite ``lam`` zeros a solution under a penalty that holds
nothing at 0 (l2, elasticnet with ``l1_ratio = 0``), so there ``lam_max = 50 * L`` with ``L``
the loss's Lipschitz constant (for least squares ``sigma_max``, the largest eigenvalue of
``Xc' Xc / n``): ridge shrinks the least-squares solution's component along an eigenvector with
eigenvalue ``sigma`` by ``sigma / (sigma + 2 lam)``, which at that ``lam`` is at most 1/101 for
every component (and ``L`` bounds the logistic loss's curvature, so the same holds about its
unpenalized fit). Under a penalty that is not convex (lp with ``p < 1``, l0) 0 is a local
minimum at every ``lam``; the path is the one warm-started from ``w = 0``, one of several local
paths, and its ``lam_max`` the smallest ``lam`` whose proximal step keeps every weight at 0
from there.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from l1l2_tui.engine.loss_protocol import Loss
from l1l2_tui.engine.penalties import Penalty

L2_LAM_MAX_FACTOR = 50.0


@dataclass(frozen=True)
class RegularizationPath:
    """``weights[i]`` with ``intercepts[i]`` minimizes ``F`` at ``lams[i]`` under ``penalty``
    (at ``lam_max``); ``lams`` descend from ``lam_max``."""

    penalty: Penalty
    lam_max: float
    lams: np.ndarray
    weights: np.ndarray
    intercepts: np.ndarray
    """The intercept at each ``lam``: fitted by the solver (the logistic loss) or in closed
    form from the weights (least squares, ``mean(y) - mean(X) @ w``)."""

    @property
    def nonzero(self) -> np.ndarray:
        """How many weights are nonzero at each ``lam``."""
        return np.count_nonzero(self.weights, axis=1)

    def nonzero_at(self, lam: float) -> int:
        """Nonzero weights at the first grid point at or below ``lam``; below the grid, at its
        smallest lam."""
        below = np.flatnonzero(self.lams <= lam)
        return int(self.nonzero[below[0] if below.size else -1])


def lam_max(loss: Loss, penalty: Penalty) -> float:
    """The top of the path for ``penalty`` (its own ``lam`` aside; see the module docstring)."""
    holds = penalty.at_lam(1.0).capacity_at_zero()
    if math.isinf(holds):
        return _lam_holding_all(loss, penalty)
    if holds > 0:
        return float(np.abs(loss.grad_at_origin()).max()) / holds
    return L2_LAM_MAX_FACTOR * loss.lipschitz


def _lam_holding_all(loss: Loss, penalty: Penalty) -> float:
    """For a penalty whose pull at 0 has no bound (``lp`` with ``p < 1``, ``l0``): the smallest
    ``lam`` whose proximal step at ``1/L`` keeps every weight at 0 from ``w = 0``, where each
    gradient-stepped ``|g_j| / L`` is within the step's dead zone. The dead zone grows with
    ``lam`` without bound, so bisection (in log, to rounding) finds it."""
    step = 1.0 / loss.lipschitz
    reach = step * float(np.abs(loss.grad_at_origin()).max())
    if not reach > 0:
        return 0.0
    low, high = 0.0, 1.0
    while penalty.at_lam(high).dead_zone(step) < reach:
        low, high = high, 2.0 * high
    for _ in range(200):
        middle = 0.5 * (low + high)
        if middle in (low, high):
            break
        if penalty.at_lam(middle).dead_zone(step) < reach:
            low = middle
        else:
            high = middle
    return high


def lam_grid(top: float, num: int = 100, lam_min_ratio: float = 1e-3) -> np.ndarray:
    """``num`` values from ``top`` down to ``lam_min_ratio * top``, evenly spaced in log.

    ``top`` is 0 when the target is constant: every weight is then 0 at every ``lam``, and the
    grid runs down from 1 instead, since a log-spaced grid cannot start at 0."""
    if not top > 0:
        top = 1.0
    return np.geomspace(top, top * lam_min_ratio, num)


def regularization_path(
    loss: Loss,
    penalty: Penalty,
    num: int = 100,
    lam_min_ratio: float = 1e-3,
    tol: float = 1e-9,
    lams: np.ndarray | None = None,
    on_point: Callable[[int, int], None] | None = None,
) -> RegularizationPath:
    """Minimize ``F`` under ``penalty`` (whatever its own ``lam``) on each ``lam`` of ``lams``
    (default: :func:`lam_grid` from :func:`lam_max`), each solve warm-started from the last, to
    the loss's solver's tolerance ``tol`` (see :meth:`Loss.solve`).

    ``on_point(done, total)`` is called after each solve, for progress reports."""
    if not penalty.at_lam(1.0).penalizes:
        raise ValueError("a regularization path needs a penalty: l1, l2, elasticnet, lp or l0")
    top = lam_max(loss, penalty)
    grid = lam_grid(top, num, lam_min_ratio) if lams is None else np.asarray(lams, dtype=float)
    weights = np.empty((len(grid), loss.d))
    intercepts = np.empty(len(grid))
    # The exact intercept at w = 0, so the solve at lam_max starts at its solution.
    w, b = np.zeros(loss.d), loss.intercept_at_origin()
    for i, lam in enumerate(grid):
        w, b = loss.solve(penalty.at_lam(float(lam)), w, b, tol)
        weights[i], intercepts[i] = w, b
        if on_point is not None:
            on_point(i + 1, len(grid))
    return RegularizationPath(penalty.at_lam(top), top, grid, weights, intercepts)
