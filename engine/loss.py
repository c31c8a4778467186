"""Least squares, the data loss

    data_loss(w) = min_b 1/(2n) * ||y - X w - b||^2

as a :class:`~l1l2_tui.engine.loss_protocol.Loss`, with all that differs by loss: its plane
through two weights, its slice along one and its exact minimizer.

The intercept ``b`` is fitted and never penalized. For any ``w`` the best ``b`` is
``mean(y) - mean(X) @ w``, so the loss equals ``1/(2n) * ||yc - Xc w||^2`` on centred data
``Xc = X - mean(X)``, ``yc = y - mean(y)``; that is what this module evaluates.

**The plane.** Hold every weight but ``w_i`` and ``w_j`` at its value in ``w_rest``; write ``r``
for ``w_rest`` with entries ``i`` and ``j`` set to 0, ``P = [i, j]`` and ``p = (a, b)`` for
``(w_i, w_j)``. The data loss restricted to that plane is the exact quadratic

    f(a, b) = 1/(2n) ||yc - Xc r - a Xc[:, i] - b Xc[:, j]||^2
            = 1/2 p' H p - g' p + f(0, 0)
            = f(z) + 1/2 (p - z)' H (p - z)

with ``H = Xc[:, P]' Xc[:, P] / n`` (the ``P`` block of the Gram matrix ``G``),
``g = Xc[:, P]' (yc - Xc r) / n = c[P] - G[P, :] r`` and the center ``z`` solving ``H z = g``:
least squares on the two columns with ``Xc r`` as a fixed offset. The level set
``{f = level}`` is the ellipse about ``z`` whose semi-axis along the eigenvector ``v_k`` of ``H``
(eigenvalue ``s_k``) is ``sqrt(2 (level - f(z)) / s_k)``.

**The slice.** Along ``w_j`` alone (the others held where they are) it is the parabola

    f(w) = f_min + h_j/2 * (w - z_j)^2,   h_j = Xc_j' Xc_j / n,   z_j = w_j - g_j / h_j

with ``g_j`` the gradient at the current weights and ``z_j`` the unpenalized minimizer along
``w_j``. With the penalty ``lam r(w)`` the minimizer along ``w_j`` is its prox of ``z_j`` at
step ``1/h_j``; under ``a |w| + q w^2`` (``a = lam * l1_ratio``, ``q = lam * (1 - l1_ratio)``)

    w* = soft_threshold(h_j z_j, a) / (h_j + 2 q)

so ``w* = 0`` exactly when ``|h_j z_j| <= a``; ``-h_j z_j`` is the data's pull at ``w = 0``.
Under L2 alone (``a = 0``) ``w* = h_j z_j / (h_j + 2 q)``, zero only if ``z_j`` is.

Changing the target's units by a factor ``c`` (metres to decimetres: ``c = 10``) multiplies
every weight by ``c`` and the data loss by ``c^2``: the slice is restated with the penalty
:meth:`~l1l2_tui.engine.penalties.base.Penalty.rescaled` gives (``a' = c a``, ``q' = q``), whose
minimizers are exactly ``c`` times the old ones, so the set of exact zeros is the same, whatever
side of ``|w| = 1`` the weights now fall on.

**The exact minimizer.** Once the support and the signs of the minimizer are known, the
optimality conditions are linear and one solve gives it exactly; an active-set search finds them
(:func:`minimize`). The search is written for the elastic-net form ``a ||w||_1 + q ||w||^2`` (L1,
L2, elastic net and no penalty), which it asks the penalty for.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from l1l2_tui.engine import optimizers
from l1l2_tui.engine.penalties import Penalty

if TYPE_CHECKING:
    from l1l2_tui.engine.loss_protocol import LevelSets, Polyline
    from l1l2_tui.engine.posterior import Likelihood

SINGULAR_RTOL = 1e-10
"""An eigenvalue of ``H`` at most this times the scale of the two columns counts as 0: the
columns are collinear, or constant, to within rounding. The scale is the largest of ``H``'s
largest eigenvalue and the columns' squared means (so a constant column whose centering left
rounding noise counts as constant)."""


class LeastSquares:
    """``value``, ``grad`` and the Lipschitz constant of the data loss.

    When there are at least as many samples as features the loss is evaluated through the
    Gram matrix ``G = Xc' Xc / n`` and ``c = Xc' yc / n``:
    ``value(w) = w'Gw/2 - c'w + yc'yc/(2n)`` and ``grad(w) = G w - c``, which costs
    O(d^2) a step instead of O(n d).

    Data whose columns already have mean 0 to rounding (every standardized problem) is its own
    ``Xc``, not copied: the loss then holds no second copy of ``X``.
    """

    affine_gradient = True

    def __init__(self, X: np.ndarray, y: np.ndarray) -> None:
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        self.n, self.d = X.shape
        self.x_mean = X.mean(axis=0)
        self.y_mean = float(y.mean())
        self.Xc = X if is_centred(X, self.x_mean) else X - self.x_mean
        self.yc = y - self.y_mean
        self.c = self.Xc.T @ self.yc / self.n
        self.half_yy = float(self.yc @ self.yc) / (2 * self.n)
        self.gram = self.Xc.T @ self.Xc / self.n if self.n >= self.d else None
        self.curvature = np.einsum("ij,ij->j", self.Xc, self.Xc) / self.n
        """``h_j = Xc_j' Xc_j / n``: the data loss along ``w_j`` alone is the parabola
        ``h_j/2 (w_j - z_j)^2 + const``."""
        self._lipschitz: float | None = None
        self._row_curvature: float | None = None
        self._likelihood: Likelihood | None = None

    @property
    def row_curvature(self) -> float:
        """``R^2 = max_i ||Xc_i||^2``: one row's loss ``(Xc_i w - yc_i)^2 / 2`` has that
        curvature."""
        if self._row_curvature is None:
            self._row_curvature = float(np.einsum("ij,ij->i", self.Xc, self.Xc).max())
        return self._row_curvature

    @property
    def lipschitz(self) -> float:
        """L = largest eigenvalue of ``Xc' Xc / n``: the gradient's Lipschitz constant."""
        if self._lipschitz is None:
            if self.gram is not None:
                top = np.linalg.eigvalsh(self.gram)[-1]
            else:
                top = np.linalg.norm(self.Xc, 2) ** 2 / self.n
            self._lipschitz = max(float(top), np.finfo(float).tiny)
        return self._lipschitz

    def value_and_grad(self, w: np.ndarray) -> tuple[float, np.ndarray]:
        if self.gram is not None:
            gw = self.gram @ w
            value = 0.5 * float(w @ gw) - float(self.c @ w) + self.half_yy
            return max(value, 0.0), gw - self.c
        residual = self.Xc @ w - self.yc
        return float(residual @ residual) / (2 * self.n), self.Xc.T @ residual / self.n

    def evaluate(self, w: np.ndarray, b: float = 0.0) -> tuple[float, np.ndarray, float]:
        """The loss with ``b`` fitted (whatever ``b`` is given), its gradient, and 0 for
        ``grad_b``."""
        value, grad = self.value_and_grad(w)
        return value, grad, 0.0

    def batch_grad(self, w: np.ndarray, b: float, rows: np.ndarray) -> tuple[np.ndarray, float]:
        """The gradient of ``1/(2|B|) ||yc_B - Xc_B w||^2`` over the rows ``B``, on the data
        centred with all the rows' means (so the fitted intercept stays the full-data one)."""
        residual = self.Xc[rows] @ w - self.yc[rows]
        return self.Xc[rows].T @ residual / len(rows), 0.0

    def value(self, w: np.ndarray) -> float:
        return self.value_and_grad(w)[0]

    def grad(self, w: np.ndarray) -> np.ndarray:
        if self.gram is not None:
            return self.gram @ w - self.c
        return self.Xc.T @ (self.Xc @ w - self.yc) / self.n

    def pull_at_zero(self, w: np.ndarray, b: float, grad: np.ndarray) -> np.ndarray:
        """``dF_data/dw_j`` at ``w`` with ``w_j`` set to 0 and the others as they are, for each
        ``j`` (``b`` is fitted, so it is not needed): ``grad_j - h_j w_j``, the gradient being
        affine along each coordinate. With an L1 part ``a``, ``w_j = 0`` is the best value of
        ``w_j`` (the others held) exactly when this is at most ``a`` in size."""
        return grad - self.curvature * w

    def intercept(self, w: np.ndarray, b: float = 0.0) -> float:
        """The fitted intercept ``b = mean(y) - mean(X) @ w`` (whatever ``b`` is given)."""
        return self.y_mean - float(self.x_mean @ w)

    has_units = True
    """The target has units: the zero view restates the problem in others."""

    def grad_at_origin(self) -> np.ndarray:
        """``-c``: the gradient at ``w = 0``, the intercept fitted."""
        return -self.c

    def intercept_at_origin(self) -> float:
        return self.y_mean

    def accuracy(self, w: np.ndarray, b: float) -> None:
        """``None``: least squares does not classify."""
        return None

    def solve(
        self,
        penalty: Penalty,
        w0: np.ndarray | None = None,
        b0: float = 0.0,
        tol: float = 1e-9,
    ) -> tuple[np.ndarray, float]:
        """The exact minimizer by an active-set search (:func:`minimize`), ``b`` its fitted
        intercept; for a penalty of another form than ``a ||w||_1 + q ||w||^2``, FISTA to
        gradient-mapping norm ``tol`` (:func:`l1l2_tui.engine.optimizers.fista_minimize`)."""
        if penalty.as_elastic_net() is None:
            start = np.zeros(self.d) if w0 is None else np.asarray(w0, dtype=float)
            w, _ = optimizers.fista_minimize(self, penalty, start, 0.0, tol)
        else:
            w = minimize(self, penalty, w0, tol)
        return w, self.intercept(w)

    def likelihood(self) -> Likelihood:
        """Gaussian noise, its variance estimated from the unpenalized fit
        (:func:`l1l2_tui.engine.posterior.gaussian_likelihood`); computed once."""
        if self._likelihood is None:
            from l1l2_tui.engine.posterior import gaussian_likelihood

            self._likelihood = gaussian_likelihood(self.Xc, self.yc)
        return self._likelihood

    def plane(self, w: np.ndarray, b: float, i: int, j: int) -> LeastSquaresPlane:
        """An exact quadratic (:func:`plane_loss`); ``b`` is fitted, so it is not needed."""
        return plane_loss(self, w, i, j)

    def weight_slice(
        self,
        w: np.ndarray,
        b: float,
        grad: np.ndarray,
        penalty: Penalty,
        j: int,
        factor: float = 1.0,
        value: float | None = None,
    ) -> LeastSquaresSlice:
        """A parabola (:func:`weight_slice`)."""
        return weight_slice(self, w, grad, penalty, j, factor, value)


class LeastSquaresPlane(NamedTuple):
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

    ellipses = True
    """Its level sets are ellipses."""

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

    def optimum(self, penalty: Penalty, start: np.ndarray | None = None) -> np.ndarray:
        """The regularized optimum in the plane: ``argmin_(a, b) f(a, b) + lam * (r(a) + r(b))``
        (``start`` is not needed: the solve is exact from anywhere).

        The other weights' penalty is a constant, so this is ``subproblem`` under ``penalty``
        (the lasso, ridge or elastic net of two weights), solved by its own :meth:`solve`
        (exactly, with exact zeros, for those).
        Without a penalty (``none``, or ``lam == 0``) it is ``center``. When ``rank == 0`` the
        data loss is flat in the plane and the penalty's minimizer ``(0, 0)`` is returned."""
        if not penalty.penalizes:
            return self.center.copy()
        if self.rank == 0:
            return np.zeros(2)
        if not penalty.convex:
            return self._lowest_local_minimum(penalty)
        return self.subproblem.solve(penalty)[0]

    def _lowest_local_minimum(self, penalty: Penalty) -> np.ndarray:
        """Under a penalty that is not convex: the lowest of the local minima that proximal
        steps reach from the origin, from ``center``, from the best point on each axis (each
        weight's own exact minimum, the other at 0) and from the best point of a grid of
        :data:`PLANE_GRID` squared points over the square about the origin that holds
        ``center`` twice over. On two weights the minimum lies among them but for a basin
        narrower than the grid's spacing."""
        reach = 2.0 * float(np.abs(self.center).max()) or 1.0
        axis = np.linspace(-reach, reach, PLANE_GRID)
        a, b = np.meshgrid(axis, axis)
        grid = self.value(a, b) + penalty.per_weight(a) + penalty.per_weight(b)
        row, col = np.unravel_index(int(np.argmin(grid)), grid.shape)
        diagonal = np.diag(self.H)
        starts = [np.zeros(2), self.center, np.array([axis[col], axis[row]])]
        for k in (0, 1):
            if diagonal[k] > 0:
                best = np.zeros(2)
                best[k] = penalty.prox(np.array([self.g[k] / diagonal[k]]), 1.0 / diagonal[k])[0]
                starts.append(best)
        ends = [self.subproblem.solve(penalty, start, tol=1e-12)[0] for start in starts]
        return min(ends, key=lambda w: float(self.value(*w)) + penalty.value(w))

    def level_sets(
        self, point: np.ndarray, optimum: np.ndarray, count: int, num_points: int
    ) -> LevelSets:
        """``(levels, contours, optimum_contour)``: ``count`` levels evenly spaced in size, the
        outermost through whichever of the origin and ``point`` has the larger loss
        (:func:`~l1l2_tui.engine.geometry.contour_levels`), their ellipses, and the ellipse
        through ``optimum``; ``num_points`` points a curve, lines (rank 1) long enough to
        reach the points of interest twice over."""
        from l1l2_tui.engine.geometry import contour_levels  # for the geometry view only

        optimum_level = float(self.value(*optimum))
        outer = max(self.offset, float(self.value(*point)))
        chosen = contour_levels(self.minimum, outer, count)
        spread = max(
            np.linalg.norm(self.center),
            np.linalg.norm(point - self.center),
            np.linalg.norm(optimum - self.center),
        )
        reach = 2.0 * float(spread) or None
        contours = tuple(self.contour(level, num_points, reach) for level in chosen)
        touching = self.contour(max(optimum_level, self.minimum), num_points, reach)
        return chosen, contours, touching


PLANE_GRID = 201
"""Points a side of the grid that seeds the search for the lowest minimum in a plane."""


def plane_loss(loss: LeastSquares, w_rest: np.ndarray, i: int, j: int) -> LeastSquaresPlane:
    """The data loss of ``loss`` on the plane of ``(w_i, w_j)``, the other weights held at
    ``w_rest`` (whose entries ``i`` and ``j`` are ignored). See :class:`LeastSquaresPlane`.

    Raises ``ValueError`` unless ``i`` and ``j`` are two different indices below ``loss.d`` and
    ``w_rest`` has ``loss.d`` entries."""
    from l1l2_tui.engine.geometry import held_rest  # for the geometry view only

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
    return LeastSquaresPlane(
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


class LeastSquaresSlice(NamedTuple):
    """The objective along one weight, the others held (see the module docstring): a
    :class:`~l1l2_tui.engine.loss_protocol.WeightSlice`.

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

    @property
    def threshold(self) -> float:
        """The largest data pull at 0 (``|h_j z_j|``) for which the minimum along the weight is
        0: what the penalty holds at 0 (:meth:`Penalty.capacity_at_zero`) when that is finite.
        When it is not (lp with ``p < 1``, l0), 0 is a local minimum for any pull, and the
        minimum is 0 while ``|z_j|`` is within the dead zone of the prox at step ``1/h_j``
        (:attr:`minimizer`): while the pull is at most ``h_j * dead_zone(1/h_j)``."""
        held = self.penalty.capacity_at_zero()
        h = self.curvature
        if math.isfinite(held) or not h > 0:
            return held
        return h * self.penalty.dead_zone(1.0 / h)

    def penalty_value(self, w: np.ndarray) -> np.ndarray:
        return self.penalty.per_weight(w)

    def objective(self, w: np.ndarray) -> np.ndarray:
        return self.data_loss(w) + self.penalty.per_weight(w)


def weight_slice(
    loss: LeastSquares,
    weights: np.ndarray,
    grad: np.ndarray,
    penalty: Penalty,
    j: int,
    factor: float = 1.0,
    value: float | None = None,
) -> LeastSquaresSlice:
    """The slice along ``w_j`` at ``weights`` (data gradient ``grad``, data loss ``value``,
    evaluated when not given), stated in the target's units times ``factor`` (weights times
    ``factor``, data loss times ``factor^2``, the penalty :meth:`Penalty.rescaled`)."""
    h = float(loss.curvature[j])
    w, g = float(weights[j]), float(grad[j])
    center = w - g / h if h > 0 else w
    if value is None:
        value = loss.value(weights)
    floor = value - 0.5 * h * (w - center) ** 2
    return LeastSquaresSlice(
        j,
        h,
        factor * center,
        factor * factor * floor,
        factor * w,
        factor * g,
        penalty.rescaled(factor),
    )


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


def is_centred(X: np.ndarray, mean: np.ndarray) -> bool:
    """Whether every column of ``X`` has mean 0 up to rounding: ``|mean_j|`` at most 1e-12 of
    the column's largest magnitude (standardizing leaves some 1e-17). Such data serves as its
    own centred copy, the difference being far below any tolerance the engine works to."""
    # max and min rather than abs: no temporary the size of X.
    largest = np.maximum(np.abs(X.max(axis=0, initial=0.0)), np.abs(X.min(axis=0, initial=0.0)))
    return bool(np.all(np.abs(mean) <= 1e-12 * largest))
