"""The logistic loss for binary labels: a :class:`~l1l2_tui.engine.loss_protocol.Loss` whose
intercept the optimizer fits. Its plane through two weights and its slice along one
(:mod:`l1l2_tui.engine.logistic_sections`) and its exact solver
(:mod:`l1l2_tui.engine.logistic_solver`) load the first time they are asked for.

With labels ``y01_i`` in {0, 1} and signs ``s_i = 2 y01_i - 1`` in {-1, +1}:

    F(w, b) = 1/n * sum_i log(1 + exp(-s_i (x_i . w + b)))  +  lam * R(w)

with ``R`` as in :mod:`l1l2_tui.engine.penalties`. The intercept ``b`` is never penalized. Unlike
least squares it has no closed form, so ``b`` is a variable the optimizer steps like ``w`` (``b <- b
- lr * df/db``).

In scikit-learn's terms (same ``X``, ``y01``, ``fit_intercept=True``), ``LogisticRegression``
minimizes ``C * sum_i log(1 + exp(-s_i (x_i . w + b))) + r * ||w||_1 + (1 - r)/2 * ||w||^2``
(``r`` its ``l1_ratio``). Divided by ``C * n`` that is ``F`` with ``a = r / (C n)`` on
``||w||_1`` and ``q = (1 - r) / (2 C n)`` on ``||w||^2``. Our ``a = lam * l1_ratio`` and
``q = lam * (1 - l1_ratio)`` give ``a + 2 q = 1 / (C n) = lam * (2 - l1_ratio)``, so

- l1: ``C = 1 / (n * lam)``, ``l1_ratio=1`` (``solver="saga"``);
- l2: ``C = 1 / (2 * n * lam)``, ``l1_ratio=0`` (``solver="lbfgs"``);
- elasticnet: ``C = 1 / (n * lam * (2 - l1_ratio))`` and scikit-learn's
  ``l1_ratio = l1_ratio / (2 - l1_ratio)`` (``solver="saga"``).

scikit-learn 1.8 deprecated ``penalty=``; ``l1_ratio`` alone names the penalty there.

The data's pull on ``w_j`` at ``w_j = 0`` (the others and ``b`` held) is not the gradient minus
a fixed curvature times ``w_j`` as for least squares, since the logistic loss is not quadratic
along a coordinate: :meth:`Logistic.pull_at_zero` evaluates it at ``w_j = 0`` itself.

``lam_max`` for L1 (:func:`l1l2_tui.engine.path.lam_max`) is ``max_j |x_j' (y01 - mean(y01))| / n``:
at ``w = 0`` the best intercept has ``sigmoid(b) = mean(y01)``, where
``df/dw = -X' (y01 - mean(y01)) / n`` (:meth:`Logistic.grad_at_origin`), and ``w = 0`` is optimal
iff every component is at most ``lam`` in size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from l1l2_tui.engine import optimizers
from l1l2_tui.engine.log_loss import log_loss, log_loss_and_slope, sigmoid

if TYPE_CHECKING:
    from l1l2_tui.engine.logistic_sections import LogisticPlane, LogisticSlice
    from l1l2_tui.engine.penalties import Penalty
    from l1l2_tui.engine.posterior import Likelihood


NEWTON_MAX_FEATURES = 400
"""Above this many features :meth:`Logistic.solve` takes FISTA steps instead of Newton's."""


class Logistic:
    """``value``, gradients and the Lipschitz constant of the mean logistic loss.

    ``y01`` holds the labels as 0 and 1 (both must occur: with one class the best intercept
    is infinite). The gradients are ``df/dw = X' r / n`` and ``df/db = mean(r)`` with
    ``r_i = sigmoid(x_i . w + b) - y01_i``.
    """

    affine_gradient = False

    def __init__(self, X: np.ndarray, y01: np.ndarray) -> None:
        X = np.asarray(X, dtype=float)
        y01 = np.asarray(y01, dtype=float)
        if X.ndim != 2 or y01.shape != (X.shape[0],):
            raise ValueError(f"X must be n x d and y01 of length n, not {X.shape}, {y01.shape}")
        if not np.isin(y01, (0.0, 1.0)).all():
            raise ValueError("logistic labels must be 0 or 1")
        if y01.min() == y01.max():
            raise ValueError("logistic labels must hold both classes, 0 and 1")
        self.n, self.d = X.shape
        self.X = X
        self.y01 = y01
        self.signs = 2.0 * y01 - 1.0
        self._lipschitz: float | None = None
        self._row_curvature: float | None = None

    @property
    def lipschitz(self) -> float:
        """``L = sigma_max(X1' X1) / (4 n)``, ``sigma_max`` the largest eigenvalue and
        ``X1 = [X, 1]`` with the intercept's column of ones: the Hessian in ``(w, b)`` is
        ``X1' D X1 / n`` with ``D = diag(p (1 - p)) <= 1/4``, so this bounds the Lipschitz
        constant of the gradient in ``(w, b)`` jointly, the step the optimizers take."""
        if self._lipschitz is None:
            if self.n >= self.d + 1:
                # X1' X1 by blocks, with no copy of X beside its column of ones.
                sums = self.X.sum(axis=0)[:, None]
                corner = np.full((1, 1), float(self.n))
                top = np.linalg.eigvalsh(np.block([[self.X.T @ self.X, sums], [sums.T, corner]]))[
                    -1
                ]
            else:
                top = np.linalg.norm(np.hstack([self.X, np.ones((self.n, 1))]), 2) ** 2
            self._lipschitz = max(float(top) / (4 * self.n), np.finfo(float).tiny)
        return self._lipschitz

    @property
    def row_curvature(self) -> float:
        """``max_i (||x_i||^2 + 1) / 4``: one row's loss has Hessian ``p (1 - p) x1 x1'`` in
        ``(w, b)``, at most that in size."""
        if self._row_curvature is None:
            self._row_curvature = (float(np.einsum("ij,ij->i", self.X, self.X).max()) + 1) / 4
        return self._row_curvature

    def raw_prediction(self, w: np.ndarray, b: float) -> np.ndarray:
        """``X w + b``, what the loss and its gradient are functions of."""
        return self.X @ w + b

    def value_at(self, raw: np.ndarray) -> float:
        """The mean logistic loss at the raw prediction ``raw`` (no product with ``X``)."""
        return float(log_loss(self.signs * raw).mean())

    def grad_at(self, raw: np.ndarray) -> tuple[np.ndarray, float]:
        """``(df/dw, df/db)`` at the raw prediction ``raw`` (one product with ``X``)."""
        residual = sigmoid(raw) - self.y01
        return self.X.T @ residual / self.n, float(residual.mean())

    def evaluate(self, w: np.ndarray, b: float = 0.0) -> tuple[float, np.ndarray, float]:
        """``(f(w, b), df/dw, df/db)`` over all rows."""
        losses, slopes = log_loss_and_slope(self.signs * (self.X @ w + b))
        residual = -self.signs * slopes
        return float(losses.mean()), self.X.T @ residual / self.n, float(residual.mean())

    def batch_grad(self, w: np.ndarray, b: float, rows: np.ndarray) -> tuple[np.ndarray, float]:
        """``(df/dw, df/db)`` of the mean logistic loss over ``rows`` alone."""
        X, signs = self.X[rows], self.signs[rows]
        residual = -signs * sigmoid(-signs * (X @ w + b))
        return X.T @ residual / len(residual), float(residual.mean())

    def pull_at_zero(self, w: np.ndarray, b: float, grad: np.ndarray) -> np.ndarray:
        """``df/dw_j`` at ``(w, b)`` with ``w_j`` set to 0 (the other weights and ``b`` held),
        for each ``j``: ``mean_i x_ij (sigmoid(m_i - x_ij w_j) - y01_i)`` with the margins
        ``m = X w + b``. Where ``w_j`` is already 0 that is ``grad_j`` (the gradient at
        ``(w, b)``); only the other columns are evaluated, n values each."""
        pull = np.array(grad, dtype=float)
        moved = np.flatnonzero(w)
        if moved.size:
            columns = self.X[:, moved]
            margins = (self.X @ w + b)[:, None] - columns * w[moved]
            residual = sigmoid(margins) - self.y01[:, None]
            pull[moved] = np.einsum("ij,ij->j", columns, residual) / self.n
        return pull

    def intercept(self, w: np.ndarray, b: float = 0.0) -> float:
        """``b`` itself: the optimizer fits it."""
        return float(b)

    def predict(self, w: np.ndarray, b: float, X: np.ndarray | None = None) -> np.ndarray:
        """``P(y = 1 | x) = sigmoid(x . w + b)`` for each row of ``X`` (default: the rows the
        loss was built on)."""
        rows = self.X if X is None else np.asarray(X, dtype=float)
        return sigmoid(rows @ w + b)

    def accuracy(
        self,
        w: np.ndarray,
        b: float,
        X: np.ndarray | None = None,
        y01: np.ndarray | None = None,
    ) -> float:
        """The share of rows whose label is the more probable class (probability 1/2 counts
        as 1); default: the rows and labels the loss was built on."""
        if (X is None) != (y01 is None):
            raise ValueError("give both X and y01, or neither")
        labels = self.y01 if y01 is None else np.asarray(y01, dtype=float)
        return float(np.mean((self.predict(w, b, X) >= 0.5) == (labels == 1.0)))

    has_units = False

    def grad_at_origin(self) -> np.ndarray:
        """``-X' (y01 - mean(y01)) / n``: at ``w = 0`` the best intercept has
        ``sigmoid(b) = mean(y01)``."""
        return -(self.X.T @ (self.y01 - self.y01.mean())) / self.n

    def intercept_at_origin(self) -> float:
        """``log(p / (1 - p))`` with ``p = mean(y01)``."""
        share = float(self.y01.mean())
        return float(np.log(share / (1.0 - share)))

    def solve(
        self,
        penalty: Penalty,
        w0: np.ndarray | None = None,
        b0: float = 0.0,
        tol: float = 1e-9,
    ) -> tuple[np.ndarray, float]:
        """By proximal Newton steps (:func:`l1l2_tui.engine.logistic_solver.minimize_logistic`)
        to the optimality residual ``min(tol, 1e-10)``. With more than
        :data:`NEWTON_MAX_FEATURES` features a Newton model (a ``d x d`` Hessian built from
        ``n d^2`` products) costs too much time and memory, and FISTA steps take over
        (:func:`l1l2_tui.engine.optimizers.fista_minimize`, to gradient-mapping norm ``tol``), as
        they do for a penalty of another form than ``a ||w||_1 + q ||w||^2``, which the Newton
        model's coordinate descent is written for."""
        start = np.zeros(self.d) if w0 is None else np.asarray(w0, dtype=float)
        if self.d > NEWTON_MAX_FEATURES or penalty.as_elastic_net() is None:
            return optimizers.fista_minimize(self, penalty, start, b0, tol)
        from l1l2_tui.engine.logistic_solver import minimize_logistic  # for a path or a view

        fit = minimize_logistic(self.X, self.y01, penalty, start, b0, min(tol, 1e-10))
        return fit.w, fit.b

    def likelihood(self) -> Likelihood:
        """Bernoulli: the loss is ``-1/n`` times the labels' log-likelihood, so ``k = n``."""
        from l1l2_tui.engine.posterior import Likelihood

        return Likelihood("Bernoulli", float(self.n))

    def plane(self, w: np.ndarray, b: float, i: int, j: int) -> LogisticPlane:
        """Traced on a grid (:func:`l1l2_tui.engine.logistic_sections.logistic_plane`), the
        intercept held at ``b``."""
        from l1l2_tui.engine.logistic_sections import logistic_plane  # for the geometry view

        return logistic_plane(self.X, self.y01, w, b, i, j)

    def weight_slice(
        self,
        w: np.ndarray,
        b: float,
        grad: np.ndarray,
        penalty: Penalty,
        j: int,
        factor: float = 1.0,
        value: float | None = None,
    ) -> LogisticSlice:
        """A convex curve (:func:`l1l2_tui.engine.logistic_sections.logistic_slice`), the
        intercept held at ``b``; labels have no units to change (``factor`` must be 1)."""
        if factor != 1.0:
            raise ValueError("the logistic loss has labels, not a target with units")
        from l1l2_tui.engine.logistic_sections import logistic_slice  # for the zero view

        if value is None:
            value = self.evaluate(w, b)[0]
        return logistic_slice(self.X, self.signs, w, b, grad, value, penalty, j)
