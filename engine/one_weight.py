"""One weight at a time: the objective along ``w_j`` with the other weights held, the step's
map, and the target's units changed as an exact reparameterization.

Along ``w_j`` (the others held where they are) the least-squares data loss is the parabola

    f(w) = f_min + h_j/2 * (w - z_j)^2,   h_j = Xc_j' Xc_j / n,   z_j = w_j - g_j / h_j

with ``g_j`` the gradient at the current weights and ``z_j`` the unpenalized minimizer along
``w_j``. With the penalty ``a |w| + q w^2`` (``a = lam * l1_ratio``, ``q = lam * (1 - l1_ratio)``)
the minimizer along ``w_j`` is

    w* = soft_threshold(h_j z_j, a) / (h_j + 2 q)

so ``w* = 0`` exactly when ``|h_j z_j| <= a``; ``-h_j z_j`` is the data's pull at ``w = 0``.
Under L2 alone (``a = 0``) ``w* = h_j z_j / (h_j + 2 q)``, zero only if ``z_j`` is.

Changing the target's units by a factor ``c`` (metres to decimetres: ``c = 10``) multiplies
every weight by ``c`` and the data loss by ``c^2``. The same problem in the new units has
``a' = c a`` and ``q' = q``: the L1 part's lam is multiplied by ``c`` and the L2 part's stays.
Every minimizer is then exactly ``c`` times the old one, so the set of exact zeros is the same,
whatever side of ``|w| = 1`` the weights now fall on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from engine.loss import LeastSquares
from engine.penalties import Penalty, soft_threshold
from engine.problems import Problem


@dataclass(frozen=True)
class WeightSlice:
    """The objective along one weight, the others held (see the module docstring).

    ``weight`` is the current ``w_j`` and ``grad`` the data gradient there, both in the units
    the slice is stated in; ``penalty`` is stated in those units too.
    """

    feature: int
    curvature: float
    center: float
    floor: float
    weight: float
    grad: float
    penalty: Penalty

    @property
    def pull_at_zero(self) -> float:
        """The data's pull on ``w_j`` at ``w_j = 0``: ``dF_data/dw_j = -h_j z_j``."""
        return -self.curvature * self.center

    @property
    def threshold(self) -> float:
        """``a``: the most the L1 part can hold back at 0 (0 without an L1 part)."""
        return self.penalty.l1_weight

    @property
    def minimizer(self) -> float:
        """``argmin_w f(w) + a |w| + q w^2``: exactly 0 when ``|h_j z_j| <= a``."""
        h, q = self.curvature, self.penalty.l2_weight
        shrunk = soft_threshold(np.array([h * self.center]), self.threshold)[0]
        return float(shrunk / (h + 2.0 * q)) if h + 2.0 * q > 0 else 0.0

    def data_loss(self, w: np.ndarray) -> np.ndarray:
        return self.floor + 0.5 * self.curvature * (np.asarray(w, dtype=float) - self.center) ** 2

    def penalty_value(self, w: np.ndarray) -> np.ndarray:
        w = np.asarray(w, dtype=float)
        return self.penalty.l1_weight * np.abs(w) + self.penalty.l2_weight * w * w

    def objective(self, w: np.ndarray) -> np.ndarray:
        return self.data_loss(w) + self.penalty_value(w)

    def data_pull(self, w: np.ndarray) -> np.ndarray:
        """``-f'(w) = h_j (z_j - w)``: the data's pull towards ``z_j``."""
        return self.curvature * (self.center - np.asarray(w, dtype=float))


def weight_slice(
    loss: LeastSquares,
    weights: np.ndarray,
    grad: np.ndarray,
    penalty: Penalty,
    j: int,
    factor: float = 1.0,
    value: float | None = None,
) -> WeightSlice:
    """The slice along ``w_j`` at ``weights`` (data gradient ``grad``, data loss ``value``,
    evaluated when not given), stated in the target's units times ``factor`` (weights times
    ``factor``, data loss times ``factor^2``)."""
    h = float(loss.curvature[j])
    w, g = float(weights[j]), float(grad[j])
    center = w - g / h if h > 0 else w
    if value is None:
        value = loss.value(weights)
    floor = value - 0.5 * h * (w - center) ** 2
    return WeightSlice(
        j,
        h,
        factor * center,
        factor * factor * floor,
        factor * w,
        factor * g,
        penalty_in_units(penalty, factor),
    )


def penalty_in_units(penalty: Penalty, factor: float) -> Penalty:
    """The penalty that states the same problem with the target (and so every weight) times
    ``factor``: the L1 part ``a`` becomes ``factor * a``, the L2 part ``q`` stays."""
    a, q = factor * penalty.l1_weight, penalty.l2_weight
    if penalty.kind in ("l1", "l2", "none"):
        return replace(penalty, lam=a if penalty.kind == "l1" else penalty.lam)
    lam = a + q
    return Penalty("elasticnet", lam, a / lam if lam > 0 else penalty.l1_ratio)


def problem_in_units(problem: Problem, factor: float) -> Problem:
    """``problem`` with its target measured in units ``factor`` times smaller (``y * factor``)."""
    true_weights = None if problem.true_weights is None else factor * problem.true_weights
    return replace(problem, y=factor * problem.y, true_weights=true_weights)


def step_map(v: np.ndarray, penalty: Penalty, lr: float) -> np.ndarray:
    """Where the proximal step sends the gradient-stepped value ``v = w - lr * g``:
    ``prox_{lr * lam R}(v)``, flat at 0 on the dead zone ``[-lr a, lr a]`` under an L1 part."""
    return penalty.prox(np.asarray(v, dtype=float), lr)


def dead_zone(penalty: Penalty, lr: float) -> float:
    """Half the width of the proximal step's dead zone: ``lr * a`` (0 without an L1 part)."""
    return lr * penalty.l1_weight


def subgradient_step(w: np.ndarray, v: np.ndarray, penalty: Penalty, lr: float) -> np.ndarray:
    """Where the plain subgradient step sends ``v = w - lr * g``: ``v - lr * s(w)``, ``s`` the
    penalty's subgradient at ``w`` with ``sign(0) = 0``. It depends on the sign of ``w``, not
    on ``v``: no dead zone, so a weight that belongs at 0 jumps across it."""
    return np.asarray(v, dtype=float) - lr * penalty.grad(np.asarray(w, dtype=float))
