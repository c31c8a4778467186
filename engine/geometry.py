"""The two-weight picture: the data loss and the penalty in the plane of two weights.

Hold every weight but ``w_i`` and ``w_j`` at its value in ``w_rest``; write ``r`` for ``w_rest``
with entries ``i`` and ``j`` set to 0, ``P = [i, j]`` and ``p = (a, b)`` for ``(w_i, w_j)``.
The data loss of :mod:`engine.loss` restricted to that plane is the exact quadratic

    f(a, b) = 1/(2n) ||yc - Xc r - a Xc[:, i] - b Xc[:, j]||^2
            = 1/2 p' H p - g' p + f(0, 0)
            = f(z) + 1/2 (p - z)' H (p - z)

with ``H = Xc[:, P]' Xc[:, P] / n`` (the ``P`` block of the Gram matrix ``G``),
``g = Xc[:, P]' (yc - Xc r) / n = c[P] - G[P, :] r`` and the center ``z`` solving ``H z = g``:
least squares on the two columns with ``Xc r`` as a fixed offset. The level set
``{f = level}`` is the ellipse about ``z`` whose semi-axis along the eigenvector ``v_k`` of ``H``
(eigenvalue ``s_k``) is ``sqrt(2 (level - f(z)) / s_k)``.

The penalty restricted the same way is ``lam * R2(a, b)`` plus a constant, with

    R2(a, b) = l1_ratio * (|a| + |b|) + (1 - l1_ratio) * (a^2 + b^2)

(``l1_ratio`` 1 for l1, 0 for l2): its level sets are the diamond, the circle, or for
elasticnet the rounded diamond between them. At the regularized optimum the data loss's level
set and the penalty's level set through it touch; under l1 that happens at a corner of the
diamond, on an axis, more often than not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from engine.loss import LeastSquares
from engine.path import minimize
from engine.penalties import Penalty

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


def plane_loss(loss: LeastSquares, w_rest: np.ndarray, i: int, j: int) -> PlaneLoss:
    """The data loss of ``loss`` on the plane of ``(w_i, w_j)``, the other weights held at
    ``w_rest`` (whose entries ``i`` and ``j`` are ignored). See :class:`PlaneLoss`.

    Raises ``ValueError`` unless ``i`` and ``j`` are two different indices below ``loss.d`` and
    ``w_rest`` has ``loss.d`` entries."""
    i, j = int(i), int(j)
    if i == j or not (0 <= i < loss.d and 0 <= j < loss.d):
        raise ValueError(f"need two different feature indices below {loss.d}, not {i} and {j}")
    rest = np.array(w_rest, dtype=float)
    if rest.shape != (loss.d,):
        raise ValueError(f"w_rest must have {loss.d} entries, not shape {rest.shape}")
    rest[[i, j]] = 0.0
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
    """The regularized optimum in the plane: ``argmin_(a, b) f(a, b) + lam * R2(a, b)``.

    The other weights' penalty is a constant, so this is the lasso / ridge / elastic net of
    ``plane.subproblem`` under ``penalty``, solved exactly by :func:`engine.path.minimize`
    (whose exact zeros are 0.0). Without a penalty (``none``, or ``lam == 0``) it is
    ``plane.center``. When ``plane.rank == 0`` the data loss is flat in the plane and the
    penalty's minimizer ``(0, 0)`` is returned."""
    if penalty.l1_weight == 0.0 and penalty.l2_weight == 0.0:
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


def penalty_level_set(
    penalty: Penalty, point: tuple[float, float] | np.ndarray, num_points: int = 121
) -> tuple[Polyline, ...]:
    """The level set of the plane's penalty shape through ``point = (a, b)``.

    With ``l1_ratio = penalty.effective_l1_ratio`` and
    ``level = l1_ratio (|a| + |b|) + (1 - l1_ratio)(a^2 + b^2)``, the set
    ``{(x, y) : l1_ratio (|x| + |y|) + (1 - l1_ratio)(x^2 + y^2) = level}``: the diamond
    ``|x| + |y| = level`` (l1), the circle ``x^2 + y^2 = level`` (l2) or the rounded diamond
    (elasticnet). ``lam`` only scales the penalty, so it does not change the shape.

    Returns one closed polyline: along each ray ``(cos t, sin t)`` the radius solving
    ``l1_ratio * rho * (|cos t| + |sin t|) + (1 - l1_ratio) * rho^2 = level``, i.e.
    ``rho = 2 level / (A + sqrt(A^2 + 4 (1 - l1_ratio) level))`` with
    ``A = l1_ratio (|cos t| + |sin t|)``, for ``4m + 1`` angles ``t`` evenly spaced on
    ``[0, 2 pi]`` (``m = ceil((num_points - 1) / 4)``), so the four points on the axes (the
    diamond's corners) are included exactly. At ``point = (0, 0)`` every point is the origin.
    Returns ``()`` for the ``none`` penalty."""
    if penalty.kind == "none":
        return ()
    ratio = penalty.effective_l1_ratio
    a, b = (float(v) for v in point)
    level = ratio * (abs(a) + abs(b)) + (1.0 - ratio) * (a * a + b * b)
    m = max(1, math.ceil((int(num_points) - 1) / 4))
    t = np.linspace(0.0, 2.0 * math.pi, 4 * m + 1)
    cos, sin = np.cos(t), np.sin(t)
    cos[::m], sin[::m] = (1.0, 0.0, -1.0, 0.0, 1.0), (0.0, 1.0, 0.0, -1.0, 0.0)
    if level > 0.0:
        linear = ratio * (np.abs(cos) + np.abs(sin))
        rho = 2.0 * level / (linear + np.sqrt(linear * linear + 4.0 * (1.0 - ratio) * level))
    else:
        rho = np.zeros_like(t)
    return ((rho * cos + 0.0, rho * sin + 0.0),)


@dataclass(frozen=True, eq=False)
class PlaneView:
    """Everything the two-weight picture draws, in the plane of ``(w_i, w_j)``.

    ``point`` is the current ``(w_i, w_j)``; ``optimum`` the regularized optimum in the plane
    (:func:`plane_optimum`) and ``optimum_level`` the data loss there. ``contours[m]`` is the
    level set at ``levels[m]`` (:func:`contour_levels`, outermost through whichever of the origin
    and ``point`` has the larger loss); ``optimum_contour`` the level set through ``optimum``;
    ``penalty_set`` the penalty's level set through ``optimum``. The last two touch at
    ``optimum``.
    """

    plane: PlaneLoss
    point: np.ndarray
    optimum: np.ndarray
    optimum_level: float
    levels: np.ndarray
    contours: tuple[tuple[Polyline, ...], ...]
    optimum_contour: tuple[Polyline, ...]
    penalty_set: tuple[Polyline, ...]

    @property
    def center(self) -> np.ndarray:
        """The unregularized optimum in the plane (see :class:`PlaneLoss`)."""
        return self.plane.center

    @property
    def minimum(self) -> float:
        return self.plane.minimum

    @classmethod
    def from_weights(
        cls,
        loss: LeastSquares,
        penalty: Penalty,
        weights: np.ndarray,
        i: int,
        j: int,
        levels: int = 5,
        num_points: int = 121,
    ) -> PlaneView:
        """The picture for weights ``weights`` (the others held there) on features ``i``, ``j``,
        with ``levels`` contour levels and ``num_points`` points a curve."""
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
            penalty_set=penalty_level_set(penalty, optimum, num_points),
        )


MAX_PAIRS = 10


def instructive_pairs(loss: LeastSquares, lam: float) -> list[tuple[int, int]]:
    """Pairs of features to draw, the most instructive first.

    First the textbook picture, if the lasso at ``lam`` has one: a weight the L1 solution keeps
    (the largest) with one it sets exactly to 0 (the one held with the widest margin), so at
    that solution the ellipse meets the diamond at a corner on an axis. Then the other pairs of
    the most important features (by ``|c_j|``, the data's pull at ``w = 0``).
    """
    importance = np.abs(loss.c)
    top = np.argsort(-importance, kind="stable")[: MAX_PAIRS + 1]
    ranked = sorted(
        combinations(sorted(top.tolist()), 2),
        key=lambda p: -(importance[p[0]] + importance[p[1]]),
    )
    if lam > 0 and loss.d >= 2:
        w = minimize(loss, Penalty("l1", lam))
        kept, zero = np.flatnonzero(w), np.flatnonzero(w == 0.0)
        if kept.size and zero.size:
            margin = lam - np.abs(loss.pull_at_zero(w, 0.0, loss.grad(w)))
            i = int(kept[np.argmax(np.abs(w[kept]))])
            j = int(zero[np.argmax(margin[zero])])
            first = (min(i, j), max(i, j))
            ranked = [first, *(pair for pair in ranked if pair != first)]
    return ranked[:MAX_PAIRS]
