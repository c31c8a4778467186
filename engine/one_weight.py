"""One weight at a time: the objective along ``w_j`` with the other weights held, and the
target's units changed as an exact reparameterization.

Along ``w_j`` (the others held where they are) the least-squares data loss is the parabola

    f(w) = f_min + h_j/2 * (w - z_j)^2,   h_j = Xc_j' Xc_j / n,   z_j = w_j - g_j / h_j

with ``g_j`` the gradient at the current weights and ``z_j`` the unpenalized minimizer along
``w_j``. With the penalty ``lam r(w)`` the minimizer along ``w_j`` is its prox of ``z_j`` at
step ``1/h_j``; under ``a |w| + q w^2`` (``a = lam * l1_ratio``, ``q = lam * (1 - l1_ratio)``)

    w* = soft_threshold(h_j z_j, a) / (h_j + 2 q)

so ``w* = 0`` exactly when ``|h_j z_j| <= a``; ``-h_j z_j`` is the data's pull at ``w = 0``.
Under L2 alone (``a = 0``) ``w* = h_j z_j / (h_j + 2 q)``, zero only if ``z_j`` is.

Changing the target's units by a factor ``c`` (metres to decimetres: ``c = 10``) multiplies
every weight by ``c`` and the data loss by ``c^2``. The same problem in the new units has the
penalty :meth:`Penalty.rescaled` gives: ``a' = c a`` and ``q' = q``, the L1 part's lam multiplied
by ``c`` and the L2 part's the same.
Every minimizer is then exactly ``c`` times the old one, so the set of exact zeros is the same,
whatever side of ``|w| = 1`` the weights now fall on.

Along ``w_j`` the logistic loss (:class:`l1l2_tui.engine.logistic.Logistic`; the other weights and
the intercept ``b`` held) is no parabola but

    f(t) = 1/n * sum_i log(1 + exp(-s_i (m_i + x_ij t))),   m = X w + b - X[:, j] w_j

a convex curve whose slope ``f'(t) = mean_i x_ij (sigmoid(m_i + x_ij t) - y01_i)`` rises with
``t``. The same condition decides: the minimizer of ``f(t) + lam r(t)`` (``r`` convex) is
exactly 0 iff ``|f'(0)|`` is within what the penalty holds at 0 (``a``); otherwise it solves
``f'(t) + lam r'(t) = 0`` (``f'(t) + 2 q t + a sign(t) = 0``) on the side ``-f'(0)`` points to,
found here by Newton steps (bisection as a safeguard) on that increasing function.
The unpenalized minimizer may be infinite (when no row along ``w_j`` resists, the classes
separate along it). The target's units mean nothing for labels, so a logistic slice has no
change of units.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from l1l2_tui.engine.logistic import Logistic, log_loss, log_loss_and_slope
from l1l2_tui.engine.loss import LeastSquares, Loss
from l1l2_tui.engine.penalties import NoPenalty, Penalty
from l1l2_tui.engine.problems import Problem

BISECTIONS = 200
"""Enough steps to pin a float64 root from any bracket, each at least a halving."""


class PenalizedSlice:
    """What both slices share: the penalty along the weight, and the objective it makes with
    the slice's own ``data_loss``."""

    penalty: Penalty

    def data_loss(self, w: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def penalty_value(self, w: np.ndarray) -> np.ndarray:
        return self.penalty.per_weight(w)

    def objective(self, w: np.ndarray) -> np.ndarray:
        return self.data_loss(w) + self.penalty_value(w)


@dataclass(frozen=True)
class WeightSlice(PenalizedSlice):
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

    quadratic = True
    """The data loss along the weight is a parabola (least squares)."""

    @property
    def pull_at_zero(self) -> float:
        """The data's pull on ``w_j`` at ``w_j = 0``: ``dF_data/dw_j = -h_j z_j``."""
        return -self.curvature * self.center

    @property
    def threshold(self) -> float:
        """The most the penalty can hold back at 0 (:meth:`Penalty.capacity_at_zero`)."""
        return self.penalty.capacity_at_zero()

    @property
    def minimizer(self) -> float:
        """``argmin_w h_j/2 (w - z_j)^2 + lam r(w)``, which is the penalty's prox of ``z_j`` at
        step ``1/h_j`` (under ``a |w| + q w^2``: ``soft_threshold(h_j z_j, a) / (h_j + 2 q)``,
        exactly 0 when ``|h_j z_j| <= a``); where the data does not vary along the weight
        (``h_j = 0``) the penalty's own minimizer, 0."""
        h = self.curvature
        if not h > 0:
            return 0.0
        return float(self.penalty.prox(np.array([self.center]), 1.0 / h)[0])

    def data_loss(self, w: np.ndarray) -> np.ndarray:
        return self.floor + 0.5 * self.curvature * (np.asarray(w, dtype=float) - self.center) ** 2

    def data_pull(self, w: np.ndarray) -> np.ndarray:
        """``-f'(w) = h_j (z_j - w)``: the data's pull towards ``z_j``."""
        return self.curvature * (self.center - np.asarray(w, dtype=float))


@dataclass(frozen=True, eq=False)
class LogisticSlice(PenalizedSlice):
    """The logistic objective along ``w_j``, the other weights and the intercept held (see the
    module docstring): ``margins`` are ``m = X w + b - X[:, j] w_j``, ``column`` is ``X[:, j]``.
    It offers what :class:`WeightSlice` does; ``center`` is ``+-inf`` when the data loss falls
    forever along the weight. Two slices are equal when they are taken at the same weight,
    gradient and data loss, under the same penalty."""

    feature: int
    weight: float
    grad: float
    value: float
    penalty: Penalty
    margins: np.ndarray
    column: np.ndarray
    signs: np.ndarray

    quadratic = False

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LogisticSlice):
            return NotImplemented
        mine = (self.feature, self.weight, self.grad, self.value, self.penalty)
        return mine == (other.feature, other.weight, other.grad, other.value, other.penalty)

    def __hash__(self) -> int:
        return hash((self.feature, self.weight, self.grad, self.value, self.penalty))

    def data_loss(self, w: np.ndarray) -> np.ndarray:
        """``f(t)`` for each ``t`` in ``w``."""
        t = np.asarray(w, dtype=float)
        z = self.column[:, None] * t.ravel()
        z += self.margins[:, None]
        z *= self.signs[:, None]
        return log_loss(z).mean(axis=0).reshape(t.shape)

    def slope(self, w: np.ndarray) -> np.ndarray:
        """``f'(t) = mean_i x_ij (sigmoid(m_i + x_ij t) - y01_i)`` for each ``t`` in ``w``."""
        t = np.asarray(w, dtype=float)
        z = self.signs[:, None] * (self.margins[:, None] + self.column[:, None] * t.ravel())
        _, slopes = log_loss_and_slope(z)
        residual = -self.signs[:, None] * slopes
        return (self.column @ residual / len(self.column)).reshape(t.shape)

    def _slope_and_curvature(self, t: float) -> tuple[float, float]:
        """``f'(t)`` and ``f''(t) = mean_i x_ij^2 p_i (1 - p_i)``."""
        _, slopes = log_loss_and_slope(self.signs * (self.margins + self.column * t))
        n = len(self.column)
        slope = float(self.column @ (-self.signs * slopes)) / n
        curvature = float((self.column * self.column) @ (slopes * (1.0 - slopes))) / n
        return slope, curvature

    def _slope_at(self, t: float) -> float:
        return float(self.slope(np.array([t]))[0])

    @cached_property
    def pull_at_zero(self) -> float:
        """The data's pull on ``w_j`` at ``w_j = 0``: ``f'(0)``."""
        return self._slope_at(0.0)

    @property
    def threshold(self) -> float:
        return self.penalty.capacity_at_zero()

    def _root(self, penalty: Penalty) -> float:
        """``argmin_t f(t) + lam r(t)`` for a convex penalty: 0 when ``|f'(0)|`` is within what
        it holds at 0, else the root of ``f'(t) + lam r'(t)`` on the side ``-f'(0)`` points to,
        by safeguarded Newton steps; ``+-inf`` when none is bracketed (no penalty, separated
        classes)."""
        at_zero = self.pull_at_zero
        if abs(at_zero) <= penalty.capacity_at_zero():
            return 0.0
        side = -math.copysign(1.0, at_zero)
        if not penalty.penalizes and not np.any(side * self.signs * self.column < 0.0):
            return side * math.inf  # no row resists a move that way: the loss falls for ever

        def rising(s: float) -> tuple[float, float]:  # increasing in s >= 0, negative at 0
            slope, curvature = self._slope_and_curvature(side * s)
            t = np.array([side * s])
            pull, bend = float(penalty.pull(t)[0]), float(penalty.curvature(t)[0])
            return side * slope + pull, curvature + bend

        low, high = 0.0, max(abs(self.weight), 1.0)
        for _ in range(80):
            if rising(high)[0] >= 0.0:
                break
            low, high = high, 2.0 * high
        else:
            return side * math.inf
        # Newton's steps on the increasing function, kept inside the bracket (a bisection
        # where a step would leave it): quadratic convergence, never lost.
        s = 0.5 * (low + high)
        for _ in range(BISECTIONS):
            value, derivative = rising(s)
            if abs(value) <= 1e-16 * max(1.0, penalty.capacity_at_zero()):
                break
            if value > 0.0:
                high = s
            else:
                low = s
            if not low < 0.5 * (low + high) < high:
                break
            newton = s - value / derivative if derivative > 0.0 else math.nan
            s = newton if low < newton < high else 0.5 * (low + high)
        return side * s + 0.0

    @cached_property
    def minimizer(self) -> float:
        """``argmin_t f(t) + lam r(t)``: exactly 0 when ``|f'(0)|`` is within what the penalty
        holds at 0."""
        return self._root(self.penalty)

    @cached_property
    def center(self) -> float:
        """The unpenalized minimizer along the weight, ``+-inf`` if the loss falls forever."""
        return self._root(NoPenalty(0.0))

    @cached_property
    def floor(self) -> float:
        """The data loss's least value along the weight (its infimum when ``center`` is
        infinite: the rows with ``x_ij = 0`` keep their loss, the others' vanishes)."""
        if math.isfinite(self.center):
            return float(self.data_loss(np.array([self.center]))[0])
        losses, _ = log_loss_and_slope(self.signs * self.margins)
        return float(np.where(self.column == 0.0, losses, 0.0).mean())

    def data_pull(self, w: np.ndarray) -> np.ndarray:
        """``-f'(w)``: the data's pull on the weight at ``w``."""
        return -self.slope(w)


OneWeightSlice = WeightSlice | LogisticSlice


def weight_slice(
    loss: Loss,
    weights: np.ndarray,
    grad: np.ndarray,
    penalty: Penalty,
    j: int,
    factor: float = 1.0,
    value: float | None = None,
    intercept: float = 0.0,
) -> OneWeightSlice:
    """The slice along ``w_j`` at ``weights`` (data gradient ``grad``, data loss ``value``,
    evaluated when not given), stated in the target's units times ``factor`` (weights times
    ``factor``, data loss times ``factor^2``). For the logistic loss the intercept is held at
    ``intercept`` and ``factor`` must be 1."""
    if isinstance(loss, Logistic):
        if factor != 1.0:
            raise ValueError("the logistic loss has labels, not a target with units")
        w = float(weights[j])
        column = loss.X[:, j]
        margins = loss.X @ weights + intercept - column * w
        if value is None:
            value = loss.evaluate(weights, intercept)[0]
        return LogisticSlice(
            j, w, float(grad[j]), float(value), penalty, margins, column, loss.signs
        )
    if not isinstance(loss, LeastSquares):
        raise TypeError(f"no one-weight slice for {type(loss).__name__}")
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
        penalty.rescaled(factor),
    )


def problem_in_units(problem: Problem, factor: float) -> Problem:
    """``problem`` with its target measured in units ``factor`` times smaller (``y * factor``)."""
    true_weights = None if problem.true_weights is None else factor * problem.true_weights
    return replace(problem, y=factor * problem.y, true_weights=true_weights)
