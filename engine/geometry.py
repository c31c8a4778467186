"""The two-weight picture: the data loss and the penalty in the plane of two weights.

Hold every weight but ``w_i`` and ``w_j`` where it is; the data loss restricted to the plane of
``(w_i, w_j)`` is the loss's own (:meth:`l1l2_tui.engine.loss.Loss.plane`: least squares gives
an exact quadratic, whose level sets are ellipses; the logistic loss a convex function whose
level sets are traced on a grid), and every plane offers what
:class:`~l1l2_tui.engine.loss_protocol.Plane` lists.

The penalty restricted the same way is ``lam * (r(a) + r(b))`` plus a constant (``R`` is a sum
of one ``r`` a weight); its level sets are the penalty's own (:meth:`Penalty.level_set`: the
diamond of l1, the circle of l2, the rounded diamond of elasticnet). At the regularized optimum
the data loss's level set and the penalty's level set through it touch; under l1 that happens at
a corner of the diamond, on an axis, more often than not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from l1l2_tui.engine.loss_protocol import Loss, Plane, Polyline
from l1l2_tui.engine.penalties import L1, Penalty


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


def contour_levels(minimum: float, outer: float, k: int = 5) -> np.ndarray:
    """``k`` levels from ``minimum`` whose level sets are evenly spaced in size, the outermost at
    ``outer``.

    ``level_m = minimum + (outer - minimum) * (m / k)^2`` for ``m = 1..k``: an ellipse's
    semi-axes grow as ``sqrt(level - minimum)``, so the m-th ellipse is the outermost scaled by
    ``m / k`` about the center. Returns an empty array when ``outer <= minimum`` (nothing to
    space out) or ``k < 1``."""
    gap = outer - minimum
    if not (gap > 0.0 and math.isfinite(gap)) or k < 1:
        return np.empty(0)
    return minimum + gap * (np.arange(1, k + 1) / k) ** 2


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
    (:meth:`Plane.optimum`) and ``optimum_level`` the data loss there. ``contours[m]`` is the
    level set at ``levels[m]`` (:func:`contour_levels`, outermost through whichever of the origin
    and ``point`` has the larger loss); ``optimum_contour`` the level set through ``optimum``;
    ``penalty_set`` the penalty's level set through ``optimum``. The last two touch at
    ``optimum``. ``center`` is ``None`` when the plane has no unpenalized optimum.
    """

    plane: Plane
    point: np.ndarray
    optimum: np.ndarray
    optimum_level: float
    levels: np.ndarray
    contours: tuple[tuple[Polyline, ...], ...]
    optimum_contour: tuple[Polyline, ...]
    penalty_set: tuple[Polyline, ...]
    has_optimum: bool = True
    """False when nothing is minimized in the plane: no penalty and a loss that falls for ever
    there (``optimum`` is then the current point, only to centre the picture)."""

    @property
    def quadratic(self) -> bool:
        """The data loss is a quadratic (least squares): its level sets are ellipses."""
        return self.plane.ellipses

    @property
    def center(self) -> np.ndarray | None:
        """The unpenalized optimum in the plane, if there is one."""
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
        """The picture for weights ``weights`` (the others held there, and an intercept the
        optimizer fits at ``intercept``) on features ``i``, ``j``, with ``levels`` contour
        levels and ``num_points`` points a curve."""
        plane = loss.plane(weights, intercept, i, j)
        point = np.array([weights[i], weights[j]], dtype=float)
        optimum = plane.optimum(penalty, point)
        chosen, contours, touching = plane.level_sets(point, optimum, levels, num_points)
        return cls(
            plane=plane,
            point=point,
            optimum=optimum,
            optimum_level=float(plane.value(*optimum)),
            levels=chosen,
            contours=contours,
            optimum_contour=touching,
            penalty_set=penalty.level_set(optimum, num_points),
            has_optimum=penalty.penalizes or plane.center is not None,
        )


MAX_PAIRS = 10


def instructive_pairs(loss: Loss, lam: float, constant: np.ndarray) -> list[tuple[int, int]]:
    """Pairs of features to draw, the most instructive first.

    First the textbook picture, if the lasso (or L1 logistic regression) at ``lam`` has one: a
    weight the L1 solution keeps (the largest) with one it sets exactly to 0 (the one held
    with the widest margin), so at that solution the level set meets the diamond at a corner
    on an axis; ``constant`` marks the features that are the same in every row, whose weight is
    0 with a flat loss along it: no corner to show. Then the other pairs of the most important
    features, by the data's pull at ``w = 0`` (the intercept at its best there,
    :meth:`Loss.grad_at_origin`).
    """
    importance = np.abs(loss.grad_at_origin())
    top = np.argsort(-importance, kind="stable")[: MAX_PAIRS + 1]
    ranked = sorted(
        combinations(sorted(top.tolist()), 2),
        key=lambda p: -(importance[p[0]] + importance[p[1]]),
    )
    if lam > 0 and loss.d >= 2:
        w, b = loss.solve(L1(lam))
        kept, zero = np.flatnonzero(w), np.flatnonzero((w == 0.0) & ~constant)
        if kept.size and zero.size:
            grad = loss.evaluate(w, b)[1]
            margin = lam - np.abs(loss.pull_at_zero(w, b, grad))
            i = int(kept[np.argmax(np.abs(w[kept]))])
            j = int(zero[np.argmax(margin[zero])])
            first = (min(i, j), max(i, j))
            ranked = [first, *(pair for pair in ranked if pair != first)]
    return ranked[:MAX_PAIRS]
