"""What the logistic loss restricted to a plane of two weights, or to one weight, looks like:
the geometry view's level sets and the zero view's curve, built from the data of a
:class:`~l1l2_tui.engine.logistic.Logistic` the first time it is asked for one.

The plane holds the other weights and the intercept ``b`` where they are (they are not
re-fitted): with ``m = X r + b`` (``r`` the held weights, entries ``i`` and ``j`` zeroed),

    f(a, c) = 1/n * sum_i log(1 + exp(-s_i (m_i + a x_ii + c x_ij)))

which is no quadratic, so its level sets are no ellipses. :class:`LogisticPlane` evaluates it
on a grid and traces each level set there by marching squares (linear interpolation along
the cells' edges); the optimum in the plane is a two-weight proximal Newton solve
(:func:`l1l2_tui.engine.logistic_solver.minimize_logistic` with ``m`` as a fixed offset and no
intercept), with exact zeros.

Along ``w_j`` (the other weights and the intercept ``b`` held) the loss is no parabola but

    f(t) = 1/n * sum_i log(1 + exp(-s_i (m_i + x_ij t))),   m = X w + b - X[:, j] w_j

a convex curve whose slope ``f'(t) = mean_i x_ij (sigmoid(m_i + x_ij t) - y01_i)`` rises with
``t``. As for least squares, the minimizer of ``f(t) + lam r(t)`` (``r`` convex) is exactly 0
iff ``|f'(0)|`` is within what the penalty holds at 0 (``a``); otherwise it solves
``f'(t) + lam r'(t) = 0`` (``f'(t) + 2 q t + a sign(t) = 0``) on the side ``-f'(0)`` points to,
found here by Newton steps (bisection as a safeguard) on that increasing function. The
unpenalized minimizer may be infinite (when no row along ``w_j`` resists, the classes separate
along it). Labels have no units, so a logistic slice has no change of units.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from l1l2_tui.engine.geometry import contour_levels, held_rest, level_set_on_grid
from l1l2_tui.engine.log_loss import log_loss, log_loss_and_slope
from l1l2_tui.engine.logistic_solver import minimize_logistic
from l1l2_tui.engine.loss_protocol import LevelSets
from l1l2_tui.engine.penalties import NoPenalty, Penalty

BISECTIONS = 200
"""Enough steps to pin a float64 root from any bracket, each at least a halving."""
GRID_POINTS = 33
"""Grid points a side on which a logistic plane's loss is evaluated for its level sets."""
GRID_GROWTHS = 2
"""How many sizes the grid tries, each twice the last, to hold the outermost level set (along
a direction where the loss is nearly flat no size would: the curves then leave the grid)."""
GRID_CHUNK = 256
"""Grid points evaluated at once (each over all n rows), to bound the memory a grid takes."""
PLANE_TOL = 1e-10
SLICE_GRID = 200
"""Points of the search for the lowest point along a weight under a penalty that is not
convex."""
PLANE_STEPS = 20_000
"""The most proximal steps a plane's optimum takes under a penalty the Newton solver is not
written for."""


@dataclass(frozen=True, eq=False)
class LogisticPlane:
    """The logistic loss on the plane of ``(w_i, w_j)``, the other weights held at ``rest`` and
    the intercept at ``intercept`` (see the module docstring): ``margins`` is
    ``X rest + intercept`` and ``columns`` is ``X[:, [i, j]]``.

    ``center`` is the unpenalized optimum in the plane, or ``None`` when there is none (the
    loss falls for ever along some direction: the two features separate what the held part
    leaves); ``minimum`` is the loss there (NaN without one); ``offset`` is ``f(0, 0)``."""

    ellipses = False
    """Its level sets are traced on a grid: the logistic loss is no quadratic."""

    i: int
    j: int
    rest: np.ndarray
    intercept: float
    margins: np.ndarray
    columns: np.ndarray
    y01: np.ndarray
    center: np.ndarray | None
    minimum: float
    offset: float

    def value(self, a: np.ndarray | float, b: np.ndarray | float) -> np.ndarray:
        """``f(a, b)`` elementwise over the broadcast ``a`` and ``b``."""
        a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
        flat_a, flat_b = a.ravel(), b.ravel()
        signs = 2.0 * self.y01 - 1.0
        out = np.empty(flat_a.size)
        for start in range(0, flat_a.size, GRID_CHUNK):
            part = slice(start, start + GRID_CHUNK)
            z = self.columns @ np.vstack([flat_a[part], flat_b[part]])
            z += self.margins[:, None]
            z *= signs[:, None]
            out[part] = log_loss(z).mean(axis=0)
        return out.reshape(a.shape)

    def grid(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """``f(xs[col], ys[row])`` on the grid, in single precision (the level sets drawn from
        it need a few digits, and it halves the cost of ``n`` values a grid point)."""
        signs = (2.0 * self.y01 - 1.0).astype(np.float32)[:, None]
        margins = self.margins.astype(np.float32)[:, None]
        columns = self.columns.astype(np.float32)
        out = np.empty((len(ys), len(xs)))
        for row, y in enumerate(ys):
            z = columns @ np.vstack([xs, np.full(len(xs), y)]).astype(np.float32)
            z += margins
            z *= signs
            out[row] = log_loss(z).mean(axis=0, dtype=np.float64)
        return out

    def weights(self, a: float, b: float) -> np.ndarray:
        """The full weight vector: ``rest`` with ``w_i = a`` and ``w_j = b``."""
        w = self.rest.copy()
        w[self.i], w[self.j] = a, b
        return w

    def optimum(self, penalty: Penalty, start: np.ndarray | None = None) -> np.ndarray:
        """``argmin_(a, b) f(a, b) + lam * (r(a) + r(b))`` (exact zeros), from ``start``. Without
        a penalty, ``center``; when there is none either (the loss falls for ever), ``start``,
        only to centre the picture on."""
        if not penalty.penalizes:
            if self.center is not None:
                return self.center.copy()
            return np.zeros(2) if start is None else np.array(start, dtype=float)
        if penalty.as_elastic_net() is None:
            return self._descend_from_starts(penalty, start)
        fit = minimize_logistic(
            self.columns, self.y01, penalty, start, 0.0, PLANE_TOL, self.margins, False
        )
        return fit.w

    def _descend_from_starts(self, penalty: Penalty, start: np.ndarray | None) -> np.ndarray:
        """For a penalty the Newton solver is not written for: proximal steps at ``1/L`` from
        ``start``, and, for a penalty that is not convex, also from the origin and from
        ``center``, the lowest of the points they stop at."""
        starts = [np.zeros(2) if start is None else np.asarray(start, dtype=float)]
        if not penalty.convex:
            starts += [np.zeros(2)] + ([self.center] if self.center is not None else [])
        ends = [self._descend(penalty, point) for point in starts]
        return min(ends, key=lambda w: float(self.value(*w)) + penalty.value(w))

    def _descend(self, penalty: Penalty, start: np.ndarray) -> np.ndarray:
        """Proximal steps at ``1/L`` (``L = sigma_max(columns' columns / n) / 4``) from
        ``start`` until a step moves the point by at most ``PLANE_TOL`` relative to its size,
        or :data:`PLANE_STEPS` steps."""
        n = len(self.y01)
        signs = 2.0 * self.y01 - 1.0
        lipschitz = float(np.linalg.eigvalsh(self.columns.T @ self.columns / n)[-1]) / 4.0
        lr = 1.0 / max(lipschitz, 1e-300)
        w = np.array(start, dtype=float)
        for _ in range(PLANE_STEPS):
            _, slope = log_loss_and_slope(signs * (self.columns @ w + self.margins))
            grad = -(self.columns.T @ (signs * slope)) / n
            moved = penalty.prox(w - lr * grad, lr)
            done = np.max(np.abs(moved - w)) <= PLANE_TOL * max(1.0, float(np.abs(w).max()))
            w = moved
            if done:
                break
        return w

    def level_sets(
        self, point: np.ndarray, optimum: np.ndarray, count: int, num_points: int
    ) -> LevelSets:
        """``(levels, contours, optimum_contour)``: ``count`` levels evenly spaced in size from
        the minimum (the grid's least value when there is none) to whichever of the origin and
        ``point`` has the larger loss, their level sets and the one through ``optimum``, each
        traced on a grid by :func:`~l1l2_tui.engine.geometry.level_set_on_grid` (``num_points``
        is for exact curves: a grid's are as fine as the grid)."""
        optimum_level = float(self.value(*optimum))
        # The grid: a square about the points of interest, a margin beyond the farthest.
        marks = [np.zeros(2), point, optimum]
        if self.center is not None:
            marks.append(self.center)
        marks_array = np.vstack(marks)
        middle = (marks_array.min(axis=0) + marks_array.max(axis=0)) / 2
        half = 0.8 * float(np.max(marks_array.max(axis=0) - marks_array.min(axis=0))) or 1.0
        outer = max(self.offset, float(self.value(*point)))
        # The grid grows while the outermost level set runs off it (a level set of a convex
        # loss bounds a convex region: an edge of the grid below the outer level means the
        # curve crosses that edge), a few times at most.
        for _ in range(GRID_GROWTHS):
            xs = np.linspace(middle[0] - half, middle[0] + half, GRID_POINTS)
            ys = np.linspace(middle[1] - half, middle[1] + half, GRID_POINTS)
            grid = self.grid(xs, ys)
            edges = np.concatenate([grid[0], grid[-1], grid[:, 0], grid[:, -1]])
            if edges.min() >= outer:
                break
            half *= 2.0
        floor = self.minimum if self.center is not None else float(grid.min())
        chosen = contour_levels(floor, outer, count)
        contours = tuple(level_set_on_grid(xs, ys, grid, level) for level in chosen)
        return chosen, contours, level_set_on_grid(xs, ys, grid, optimum_level)


def logistic_plane(
    X: np.ndarray, y01: np.ndarray, w_rest: np.ndarray, intercept: float, i: int, j: int
) -> LogisticPlane:
    """The logistic loss of ``X`` and the labels ``y01`` on the plane of ``(w_i, w_j)``, the
    other weights held at ``w_rest`` (entries ``i`` and ``j`` ignored) and the intercept at
    ``intercept``."""
    i, j, rest = held_rest(X.shape[1], w_rest, i, j)
    margins = X @ rest + float(intercept)
    columns = X[:, [i, j]]
    center = None
    if not falls_for_ever(columns * (2.0 * y01 - 1.0)[:, None]):
        fit = minimize_logistic(columns, y01, NoPenalty(0.0), None, 0.0, PLANE_TOL, margins, False)
        center = fit.w if np.all(np.isfinite(fit.w)) else None
    plane = LogisticPlane(
        i, j, rest, float(intercept), margins, columns, y01, center, math.nan, math.nan
    )
    minimum = float(plane.value(*center)) if center is not None else math.nan
    return replace(plane, minimum=minimum, offset=float(plane.value(0.0, 0.0)))


def falls_for_ever(signed: np.ndarray) -> bool:
    """Whether ``sum_i log(1 + exp(-(m_i + signed_i . p)))`` falls for ever along some
    direction ``p`` of the plane: exactly when some ``d != 0`` has ``signed_i . d >= 0`` for
    every row and ``> 0`` for one (every row's loss falls or stays along ``d``). In the plane
    that is when the rows' vectors ``signed_i`` (the nonzero ones) leave an angular gap of at
    least pi between neighbours, i.e. lie in a closed half-plane, and are not all on one
    line with both directions taken."""
    rows = signed[np.any(signed != 0.0, axis=1)]
    if rows.size == 0:
        return False
    angles = np.sort(np.arctan2(rows[:, 1], rows[:, 0]))
    gaps = np.diff(np.append(angles, angles[0] + 2.0 * math.pi))
    if gaps.max() < math.pi - 1e-12:
        return False
    # All on one line through 0: the loss falls along it unless both directions occur.
    direction = rows[0] / np.linalg.norm(rows[0])
    across = rows[:, 0] * direction[1] - rows[:, 1] * direction[0]
    if np.all(np.abs(across) <= 1e-12 * np.linalg.norm(rows, axis=1)):
        along = rows @ direction
        return bool(np.all(along > 0.0) or np.all(along < 0.0))
    return True


@dataclass(frozen=True, eq=False)
class LogisticSlice:
    """The logistic objective along ``w_j``, the other weights and the intercept held (see the
    module docstring), a :class:`~l1l2_tui.engine.loss_protocol.WeightSlice`: ``margins`` are
    ``m = X w + b - X[:, j] w_j``, ``column`` is ``X[:, j]``.
    ``center`` is ``+-inf`` when the data loss falls forever along the weight. Two slices are
    equal when they are taken at the same weight, gradient and data loss, under the same
    penalty."""

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
        holds at 0; for a penalty that is not convex, :meth:`_lowest`."""
        if not self.penalty.convex:
            return self._lowest(self.penalty)
        return self._root(self.penalty)

    def _lowest(self, penalty: Penalty) -> float:
        """Under a penalty that is not convex (0 is a local minimum whatever ``f'(0)``): the
        lowest point, 0 or one between 0 and ``center`` (beyond it, or on the other side of 0,
        the data loss and the penalty both rise). Found on :data:`SLICE_GRID` points spaced
        evenly in log towards 0, then by golden-section search between the best point's
        neighbours. Where ``center`` is infinite the search runs out to a million times the
        weight's size (at least 1)."""
        reach = abs(self.center) if math.isfinite(self.center) else 1e6 * max(abs(self.weight), 1.0)
        if reach == 0.0:
            return 0.0
        side = math.copysign(1.0, self.center)
        t = side * np.concatenate([[0.0], np.geomspace(1e-9 * reach, reach, SLICE_GRID)])
        values = self.objective(t)
        k = int(np.argmin(values))
        if k == 0:
            return 0.0
        low, high = t[k - 1], t[min(k + 1, len(t) - 1)]
        ratio = (math.sqrt(5.0) - 1.0) / 2.0
        for _ in range(BISECTIONS):
            a, b = high - ratio * (high - low), low + ratio * (high - low)
            if float(self.objective(np.array([a]))[0]) <= float(self.objective(np.array([b]))[0]):
                high = b
            else:
                low = a
            if abs(high - low) <= 1e-15 * max(abs(low), abs(high)):
                break
        best = 0.5 * (low + high)
        kept = float(self.objective(np.array([best]))[0]) < float(values[0])
        return best + 0.0 if kept else 0.0

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

    @property
    def threshold(self) -> float:
        """The most the penalty can hold back at 0 (:meth:`Penalty.capacity_at_zero`)."""
        return self.penalty.capacity_at_zero()

    def penalty_value(self, w: np.ndarray) -> np.ndarray:
        return self.penalty.per_weight(w)

    def objective(self, w: np.ndarray) -> np.ndarray:
        return self.data_loss(w) + self.penalty.per_weight(w)


def logistic_slice(
    X: np.ndarray,
    signs: np.ndarray,
    weights: np.ndarray,
    intercept: float,
    grad: np.ndarray,
    value: float,
    penalty: Penalty,
    j: int,
) -> LogisticSlice:
    """The slice along ``w_j`` of the logistic loss of ``X`` and the label signs ``signs``, at
    ``weights`` and ``intercept`` (where its gradient is ``grad`` and its value ``value``)."""
    w = float(weights[j])
    column = X[:, j]
    margins = X @ weights + intercept - column * w
    return LogisticSlice(j, w, float(grad[j]), float(value), penalty, margins, column, signs)
