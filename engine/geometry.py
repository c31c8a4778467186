"""The two-weight picture: the data loss and the penalty in the plane of two weights.

Hold every weight but ``w_i`` and ``w_j`` at its value in ``w_rest``; write ``r`` for ``w_rest``
with entries ``i`` and ``j`` set to 0, ``P = [i, j]`` and ``p = (a, b)`` for ``(w_i, w_j)``.
The data loss of :mod:`l1l2_tui.engine.loss` restricted to that plane is the exact quadratic

    f(a, b) = 1/(2n) ||yc - Xc r - a Xc[:, i] - b Xc[:, j]||^2
            = 1/2 p' H p - g' p + f(0, 0)
            = f(z) + 1/2 (p - z)' H (p - z)

with ``H = Xc[:, P]' Xc[:, P] / n`` (the ``P`` block of the Gram matrix ``G``),
``g = Xc[:, P]' (yc - Xc r) / n = c[P] - G[P, :] r`` and the center ``z`` solving ``H z = g``:
least squares on the two columns with ``Xc r`` as a fixed offset. The level set
``{f = level}`` is the ellipse about ``z`` whose semi-axis along the eigenvector ``v_k`` of ``H``
(eigenvalue ``s_k``) is ``sqrt(2 (level - f(z)) / s_k)``.

The penalty restricted the same way is ``lam * (r(a) + r(b))`` plus a constant (``R`` is a sum
of one ``r`` a weight); its level sets are the penalty's own (:meth:`Penalty.level_set`: the
diamond of l1, the circle of l2, the rounded diamond of elasticnet). At the regularized optimum
the data loss's level set and the penalty's level set through it touch; under l1 that happens at
a corner of the diamond, on an axis, more often than not.

For the logistic loss (:class:`l1l2_tui.engine.logistic.Logistic`) the plane holds the other weights
and the intercept ``b`` where they are (they are not re-fitted): with ``m = X r + b``,

    f(a, c) = 1/n * sum_i log(1 + exp(-s_i (m_i + a x_ii + c x_ij)))

which is no quadratic, so its level sets are no ellipses. :class:`LogisticPlane` evaluates it
on a grid and traces each level set there by marching squares (linear interpolation along
the cells' edges); the optimum in the plane is a two-weight proximal Newton solve
(:func:`l1l2_tui.engine.logistic_solver.minimize_logistic` with ``m`` as a fixed offset and no
intercept), with exact zeros.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from itertools import combinations

import numpy as np

from l1l2_tui.engine.logistic import Logistic, log_loss
from l1l2_tui.engine.logistic_solver import minimize_logistic
from l1l2_tui.engine.loss import LeastSquares, Loss
from l1l2_tui.engine.path import minimize, solve
from l1l2_tui.engine.penalties import L1, NoPenalty, Penalty

Polyline = tuple[np.ndarray, np.ndarray]
"""``(x, y)``: the points of one curve, in order, to be joined by straight segments."""

SINGULAR_RTOL = 1e-10
"""An eigenvalue of ``H`` at most this times the scale of the two columns counts as 0: the
columns are collinear, or constant, to within rounding. The scale is the largest of ``H``'s
largest eigenvalue and the columns' squared means (so a constant column whose centering left
rounding noise counts as constant)."""


@dataclass(frozen=True, eq=False)
class PlaneLoss:
    """The data loss on the plane of ``(w_i, w_j)`` with the other weights held at ``rest``.

    ``f(a, b) = 1/2 p' H p - g' p + offset`` with ``p = (a, b)`` and ``offset = f(0, 0)``
    (see the module docstring). ``H = eigenvectors @ diag(eigenvalues) @ eigenvectors'``,
    eigenvalues ascending; ``rank`` counts those that are not 0 (see ``SINGULAR_RTOL``).

    ``center`` is the unregularized optimum in the plane: ``z = H^+ g`` using the eigenvalues
    counted in ``rank``. When ``rank == 2`` it is the unique minimizer. When ``rank < 2`` the
    minimizers form a line (rank 1) or the whole plane (rank 0) and ``center`` is the one
    nearest ``(0, 0)``. ``minimum = f(center)``, computed from the residual.

    ``subproblem`` is the same quadratic as a two-feature :class:`LeastSquares`
    (columns ``Xc[:, [i, j]]``, target ``yc - Xc r``), so ``f(a, b)`` equals
    ``subproblem.value([a, b])``.
    """

    i: int
    j: int
    rest: np.ndarray
    H: np.ndarray
    g: np.ndarray
    offset: float
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray
    rank: int
    center: np.ndarray
    minimum: float
    subproblem: LeastSquares

    def value(self, a: np.ndarray | float, b: np.ndarray | float) -> np.ndarray:
        """``f(a, b) = 1/2 (H00 a^2 + 2 H01 a b + H11 b^2) - g0 a - g1 b + offset``, elementwise."""
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        H, g = self.H, self.g
        quadratic = 0.5 * (H[0, 0] * a * a + 2.0 * H[0, 1] * a * b + H[1, 1] * b * b)
        return quadratic - g[0] * a - g[1] * b + self.offset

    def weights(self, a: float, b: float) -> np.ndarray:
        """The full weight vector: ``rest`` with ``w_i = a`` and ``w_j = b``."""
        w = self.rest.copy()
        w[self.i], w[self.j] = a, b
        return w

    def contour(
        self, level: float, num_points: int = 121, reach: float | None = None
    ) -> tuple[Polyline, ...]:
        """The level set ``{(a, b) : f(a, b) = level}`` as polylines.

        With ``d = level - minimum``, ``s`` the eigenvalues and ``V`` the eigenvectors of ``H``:

        - ``d < 0``: the set is empty; returns ``()``.
        - ``rank == 2``: one closed ellipse,
          ``center + V @ (sqrt(2d/s_0) cos t, sqrt(2d/s_1) sin t)`` for ``num_points`` values
          of ``t`` evenly spaced on ``[0, 2 pi]`` (the last point repeats the first). At
          ``d == 0`` every point is ``center``.
        - ``rank == 1``: two parallel lines ``center +- sqrt(2d/s_1) v_1 + t v_0``, each a
          polyline of ``num_points`` values of ``t`` evenly spaced on ``[-reach, reach]``
          (default ``reach = 2 * max(|center|, sqrt(2d/s_1))``, or 1 if that is 0). Exact up
          to the discarded eigenvalue ``s_0`` (see ``SINGULAR_RTOL``).
        - ``rank == 0``: ``f`` is constant, the set is empty or the whole plane; returns ``()``.
        """
        gap = level - self.minimum
        if not gap >= 0.0 or self.rank == 0:
            return ()
        s, V = self.eigenvalues, self.eigenvectors
        t = np.linspace(0.0, 2.0 * math.pi, max(int(num_points), 2))
        if self.rank == 2:
            u = math.sqrt(2.0 * gap / s[0]) * np.cos(t)
            v = math.sqrt(2.0 * gap / s[1]) * np.sin(t)
            points = self.center[:, None] + V[:, [0]] * u + V[:, [1]] * v
            return ((points[0], points[1]),)
        half_gap = math.sqrt(2.0 * gap / s[1])
        if reach is None:
            reach = 2.0 * max(float(np.linalg.norm(self.center)), half_gap) or 1.0
        along = np.linspace(-reach, reach, max(int(num_points), 2))
        lines = []
        for side in (half_gap, -half_gap):
            points = (self.center + side * V[:, 1])[:, None] + V[:, [0]] * along
            lines.append((points[0], points[1]))
        return tuple(lines)


def held_rest(d: int, w_rest: np.ndarray, i: int, j: int) -> tuple[int, int, np.ndarray]:
    """``(i, j, rest)``: the plane's two feature indices and the held weights with entries
    ``i`` and ``j`` zeroed. Raises ``ValueError`` unless ``i`` and ``j`` are two different
    indices below ``d`` and ``w_rest`` has ``d`` entries."""
    i, j = int(i), int(j)
    if i == j or not (0 <= i < d and 0 <= j < d):
        raise ValueError(f"need two different feature indices below {d}, not {i} and {j}")
    rest = np.array(w_rest, dtype=float)
    if rest.shape != (d,):
        raise ValueError(f"w_rest must have {d} entries, not shape {rest.shape}")
    rest[[i, j]] = 0.0
    return i, j, rest


def plane_loss(loss: LeastSquares, w_rest: np.ndarray, i: int, j: int) -> PlaneLoss:
    """The data loss of ``loss`` on the plane of ``(w_i, w_j)``, the other weights held at
    ``w_rest`` (whose entries ``i`` and ``j`` are ignored). See :class:`PlaneLoss`.

    Raises ``ValueError`` unless ``i`` and ``j`` are two different indices below ``loss.d`` and
    ``w_rest`` has ``loss.d`` entries."""
    i, j, rest = held_rest(loss.d, w_rest, i, j)
    sub = LeastSquares(loss.Xc[:, [i, j]], loss.yc - loss.Xc @ rest)
    H = sub.Xc.T @ sub.Xc / sub.n
    g = sub.c
    eigenvalues, eigenvectors = np.linalg.eigh(H)
    scale = max(float(eigenvalues[-1]), float(np.max(loss.x_mean[[i, j]] ** 2)))
    kept = eigenvalues > SINGULAR_RTOL * scale if scale > 0.0 else np.zeros(2, dtype=bool)
    center = eigenvectors[:, kept] @ ((eigenvectors[:, kept].T @ g) / eigenvalues[kept])
    residual = sub.Xc @ center - sub.yc
    minimum = float(residual @ residual) / (2 * sub.n)
    return PlaneLoss(
        i=i,
        j=j,
        rest=rest,
        H=H,
        g=g,
        offset=sub.half_yy,
        eigenvalues=eigenvalues,
        eigenvectors=eigenvectors,
        rank=int(kept.sum()),
        center=center,
        minimum=minimum,
        subproblem=sub,
    )


def plane_optimum(plane: PlaneLoss, penalty: Penalty) -> np.ndarray:
    """The regularized optimum in the plane: ``argmin_(a, b) f(a, b) + lam * (r(a) + r(b))``.

    The other weights' penalty is a constant, so this is the lasso / ridge / elastic net of
    ``plane.subproblem`` under ``penalty``, solved exactly by :func:`l1l2_tui.engine.path.minimize`
    (whose exact zeros are 0.0). Without a penalty (``none``, or ``lam == 0``) it is
    ``plane.center``. When ``plane.rank == 0`` the data loss is flat in the plane and the
    penalty's minimizer ``(0, 0)`` is returned."""
    if not penalty.penalizes:
        return plane.center.copy()
    if plane.rank == 0:
        return np.zeros(2)
    return minimize(plane.subproblem, penalty)


def contour_levels(plane: PlaneLoss, k: int = 5, outer_level: float | None = None) -> np.ndarray:
    """``k`` levels whose ellipses are evenly spaced in size, the outermost at ``outer_level``.

    ``level_m = minimum + (outer_level - minimum) * (m / k)^2`` for ``m = 1..k``: the semi-axes
    grow as ``sqrt(level - minimum)``, so the m-th ellipse is the outermost scaled by ``m / k``
    about the center. ``outer_level`` defaults to ``f(0, 0)``, so the outermost ellipse passes
    through the origin, where every run starts. Returns an empty array when
    ``outer_level <= minimum`` (nothing to space out) or ``k < 1``."""
    outer = plane.offset if outer_level is None else float(outer_level)
    gap = outer - plane.minimum
    if not (gap > 0.0 and math.isfinite(gap)) or k < 1:
        return np.empty(0)
    return plane.minimum + gap * (np.arange(1, k + 1) / k) ** 2


GRID_POINTS = 33
"""Grid points a side on which a logistic plane's loss is evaluated for its level sets."""
GRID_GROWTHS = 2
"""How many sizes the grid tries, each twice the last, to hold the outermost level set (along
a direction where the loss is nearly flat no size would: the curves then leave the grid)."""
GRID_CHUNK = 256
"""Grid points evaluated at once (each over all n rows), to bound the memory a grid takes."""
PLANE_TOL = 1e-10


@dataclass(frozen=True, eq=False)
class LogisticPlane:
    """The logistic loss on the plane of ``(w_i, w_j)``, the other weights held at ``rest`` and
    the intercept at ``intercept`` (see the module docstring): ``margins`` is
    ``X rest + intercept`` and ``columns`` is ``X[:, [i, j]]``.

    ``center`` is the unpenalized optimum in the plane, or ``None`` when there is none (the
    loss falls for ever along some direction: the two features separate what the held part
    leaves); ``minimum`` is the loss there (NaN without one); ``offset`` is ``f(0, 0)``."""

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
        """``argmin_(a, b) f(a, b) + lam * (r(a) + r(b))`` (exact zeros), from ``start``."""
        fit = minimize_logistic(
            self.columns, self.y01, penalty, start, 0.0, PLANE_TOL, self.margins, False
        )
        return fit.w


def logistic_plane(
    loss: Logistic, w_rest: np.ndarray, intercept: float, i: int, j: int
) -> LogisticPlane:
    """The logistic loss on the plane of ``(w_i, w_j)``, the other weights held at ``w_rest``
    (entries ``i`` and ``j`` ignored) and the intercept at ``intercept``."""
    i, j, rest = held_rest(loss.d, w_rest, i, j)
    margins = loss.X @ rest + float(intercept)
    columns = loss.X[:, [i, j]]
    center = None
    if not falls_for_ever(columns * (2.0 * loss.y01 - 1.0)[:, None]):
        fit = minimize_logistic(
            columns, loss.y01, NoPenalty(0.0), None, 0.0, PLANE_TOL, margins, False
        )
        center = fit.w if np.all(np.isfinite(fit.w)) else None
    plane = LogisticPlane(
        i, j, rest, float(intercept), margins, columns, loss.y01, center, math.nan, math.nan
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


def level_set_on_grid(
    xs: np.ndarray, ys: np.ndarray, values: np.ndarray, level: float
) -> tuple[Polyline, ...]:
    """The level set ``{values = level}`` of a function sampled on the grid
    ``values[row, col] = f(xs[col], ys[row])``, by marching squares: in each cell, the points
    where the level crosses its edges (linear interpolation between the corners), joined in
    pairs (a saddle's four joined bottom with right and top with left). Returns one polyline
    whose segments are separated by NaN points (``()`` when the level is not crossed)."""
    v = values - level
    below = v < 0.0
    # The four edges of each cell, counter-clockwise: bottom, right, top, left.
    corners = (
        (v[:-1, :-1], v[:-1, 1:]),
        (v[:-1, 1:], v[1:, 1:]),
        (v[1:, 1:], v[1:, :-1]),
        (v[1:, :-1], v[:-1, :-1]),
    )
    flips = (
        below[:-1, :-1] != below[:-1, 1:],
        below[:-1, 1:] != below[1:, 1:],
        below[1:, 1:] != below[1:, :-1],
        below[1:, :-1] != below[:-1, :-1],
    )
    x0, x1 = xs[:-1][None, :], xs[1:][None, :]
    y0, y1 = ys[:-1][:, None], ys[1:][:, None]
    ends = ((x0, y0, x1, y0), (x1, y0, x1, y1), (x1, y1, x0, y1), (x0, y1, x0, y0))
    points_x, points_y = [], []
    with np.errstate(divide="ignore", invalid="ignore"):
        for (va, vb), (xa, ya, xb, yb) in zip(corners, ends, strict=True):
            t = np.clip(va / (va - vb), 0.0, 1.0)
            points_x.append(np.broadcast_to(xa + t * (xb - xa), t.shape))
            points_y.append(np.broadcast_to(ya + t * (yb - ya), t.shape))
    crossed = np.stack(flips)  # edges x rows x cols
    px, py = np.stack(points_x), np.stack(points_y)
    count = crossed.sum(axis=0)
    segments_x, segments_y = [], []
    pairs = count == 2
    if pairs.any():
        order = np.argsort(~crossed, axis=0, kind="stable")[:2]  # the two crossed edges
        first = np.take_along_axis(px, order[:1], 0)[0], np.take_along_axis(py, order[:1], 0)[0]
        second = np.take_along_axis(px, order[1:2], 0)[0], np.take_along_axis(py, order[1:2], 0)[0]
        segments_x.append(np.column_stack([first[0][pairs], second[0][pairs]]))
        segments_y.append(np.column_stack([first[1][pairs], second[1][pairs]]))
    saddles = count == 4
    if saddles.any():
        for a, b in ((0, 1), (2, 3)):
            segments_x.append(np.column_stack([px[a][saddles], px[b][saddles]]))
            segments_y.append(np.column_stack([py[a][saddles], py[b][saddles]]))
    if not segments_x:
        return ()
    sx, sy = np.vstack(segments_x), np.vstack(segments_y)
    gap = np.full((len(sx), 1), np.nan)
    return ((np.hstack([sx, gap]).ravel(), np.hstack([sy, gap]).ravel()),)


@dataclass(frozen=True, eq=False)
class PlaneView:
    """Everything the two-weight picture draws, in the plane of ``(w_i, w_j)``.

    ``point`` is the current ``(w_i, w_j)``; ``optimum`` the regularized optimum in the plane
    (:func:`plane_optimum`) and ``optimum_level`` the data loss there. ``contours[m]`` is the
    level set at ``levels[m]`` (:func:`contour_levels`, outermost through whichever of the origin
    and ``point`` has the larger loss); ``optimum_contour`` the level set through ``optimum``;
    ``penalty_set`` the penalty's level set through ``optimum``. The last two touch at
    ``optimum``. On the logistic loss the level sets are traced on a grid
    (:func:`level_set_on_grid`) and ``center`` is ``None`` when the plane has no unpenalized
    optimum.
    """

    plane: PlaneLoss | LogisticPlane
    point: np.ndarray
    optimum: np.ndarray
    optimum_level: float
    levels: np.ndarray
    contours: tuple[tuple[Polyline, ...], ...]
    optimum_contour: tuple[Polyline, ...]
    penalty_set: tuple[Polyline, ...]
    has_optimum: bool = True
    """False when nothing is minimized in the plane: no penalty and a logistic loss that falls
    for ever there (``optimum`` is then the current point, only to centre the picture)."""

    @property
    def quadratic(self) -> bool:
        """The data loss is least squares: its level sets are ellipses."""
        return isinstance(self.plane, PlaneLoss)

    @property
    def center(self) -> np.ndarray | None:
        """The unpenalized optimum in the plane (see :class:`PlaneLoss`), if there is one."""
        return self.plane.center

    @property
    def minimum(self) -> float:
        return self.plane.minimum

    @classmethod
    def from_weights(
        cls,
        loss: Loss,
        penalty: Penalty,
        weights: np.ndarray,
        i: int,
        j: int,
        levels: int = 5,
        num_points: int = 121,
        intercept: float = 0.0,
    ) -> PlaneView:
        """The picture for weights ``weights`` (the others held there, and for the logistic
        loss the intercept at ``intercept``) on features ``i``, ``j``, with ``levels`` contour
        levels and ``num_points`` points a curve."""
        if isinstance(loss, Logistic):
            return cls._logistic(loss, penalty, weights, intercept, i, j, levels, num_points)
        if not isinstance(loss, LeastSquares):
            raise TypeError(f"no plane picture for {type(loss).__name__}")
        plane = plane_loss(loss, weights, i, j)
        point = np.array([weights[i], weights[j]], dtype=float)
        optimum = plane_optimum(plane, penalty)
        optimum_level = float(plane.value(*optimum))
        outer = max(plane.offset, float(plane.value(*point)))
        chosen = contour_levels(plane, levels, outer)
        spread = max(
            np.linalg.norm(plane.center),
            np.linalg.norm(point - plane.center),
            np.linalg.norm(optimum - plane.center),
        )
        reach = 2.0 * float(spread) or None
        return cls(
            plane=plane,
            point=point,
            optimum=optimum,
            optimum_level=optimum_level,
            levels=chosen,
            contours=tuple(plane.contour(level, num_points, reach) for level in chosen),
            optimum_contour=plane.contour(max(optimum_level, plane.minimum), num_points, reach),
            penalty_set=penalty.level_set(optimum, num_points),
        )

    @classmethod
    def _logistic(
        cls,
        loss: Logistic,
        penalty: Penalty,
        weights: np.ndarray,
        intercept: float,
        i: int,
        j: int,
        levels: int,
        num_points: int,
    ) -> PlaneView:
        plane = logistic_plane(loss, weights, intercept, i, j)
        point = np.array([weights[i], weights[j]], dtype=float)
        unbounded = not penalty.penalizes and plane.center is None
        if not penalty.penalizes:
            optimum = plane.center.copy() if plane.center is not None else point.copy()
        else:
            optimum = plane.optimum(penalty, point)
        optimum_level = float(plane.value(*optimum))
        # The grid: a square about the points of interest, a margin beyond the farthest.
        marks = [np.zeros(2), point, optimum]
        if plane.center is not None:
            marks.append(plane.center)
        marks_array = np.vstack(marks)
        middle = (marks_array.min(axis=0) + marks_array.max(axis=0)) / 2
        half = 0.8 * float(np.max(marks_array.max(axis=0) - marks_array.min(axis=0))) or 1.0
        outer = max(plane.offset, float(plane.value(*point)))
        # The grid grows while the outermost level set runs off it (a level set of a convex
        # loss bounds a convex region: an edge of the grid below the outer level means the
        # curve crosses that edge), a few times at most.
        for _ in range(GRID_GROWTHS):
            xs = np.linspace(middle[0] - half, middle[0] + half, GRID_POINTS)
            ys = np.linspace(middle[1] - half, middle[1] + half, GRID_POINTS)
            grid = plane.grid(xs, ys)
            edges = np.concatenate([grid[0], grid[-1], grid[:, 0], grid[:, -1]])
            if edges.min() >= outer:
                break
            half *= 2.0
        floor = plane.minimum if plane.center is not None else float(grid.min())
        gap = outer - floor
        if gap > 0.0 and math.isfinite(gap) and levels >= 1:
            chosen = floor + gap * (np.arange(1, levels + 1) / levels) ** 2
        else:
            chosen = np.empty(0)
        return cls(
            plane=plane,
            point=point,
            optimum=optimum,
            optimum_level=optimum_level,
            levels=chosen,
            contours=tuple(level_set_on_grid(xs, ys, grid, level) for level in chosen),
            optimum_contour=level_set_on_grid(xs, ys, grid, optimum_level),
            penalty_set=penalty.level_set(optimum, num_points),
            has_optimum=not unbounded,
        )


MAX_PAIRS = 10


def instructive_pairs(
    loss: Loss, lam: float, weights: np.ndarray | None = None
) -> list[tuple[int, int]]:
    """Pairs of features to draw, the most instructive first.

    First the textbook picture, if the lasso (or L1 logistic regression) at ``lam`` has one: a
    weight the L1 solution keeps (the largest) with one it sets exactly to 0 (the one held
    with the widest margin), so at that solution the level set meets the diamond at a corner
    on an axis. Then the other pairs of the most important features (by the data's pull at
    ``w = 0``, the intercept fitted: ``|c_j|`` for least squares,
    ``|x_j' (y01 - mean y01)| / n`` for the logistic loss).
    """
    if isinstance(loss, Logistic):
        importance = np.abs(loss.X.T @ (loss.y01 - loss.y01.mean())) / loss.n
    else:
        importance = np.abs(loss.c)
    top = np.argsort(-importance, kind="stable")[: MAX_PAIRS + 1]
    ranked = sorted(
        combinations(sorted(top.tolist()), 2),
        key=lambda p: -(importance[p[0]] + importance[p[1]]),
    )
    if lam > 0 and loss.d >= 2:
        w, b = solve(loss, L1(lam))
        # A constant feature's weight is 0 with a flat loss along it: no corner to show.
        varies = np.ptp(loss.X if isinstance(loss, Logistic) else loss.Xc, axis=0) > 0
        kept, zero = np.flatnonzero(w), np.flatnonzero((w == 0.0) & varies)
        if kept.size and zero.size:
            grad = loss.evaluate(w, b)[1]
            margin = lam - np.abs(loss.pull_at_zero(w, b, grad))
            i = int(kept[np.argmax(np.abs(w[kept]))])
            j = int(zero[np.argmax(margin[zero])])
            first = (min(i, j), max(i, j))
            ranked = [first, *(pair for pair in ranked if pair != first)]
    return ranked[:MAX_PAIRS]
