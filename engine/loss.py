"""The smooth part of the objective, the data loss: the :class:`Loss` protocol, and least
squares.

    data_loss(w) = min_b 1/(2n) * ||y - X w - b||^2

The intercept ``b`` is fitted and never penalized. For any ``w`` the best ``b`` is
``mean(y) - mean(X) @ w``, so the loss equals ``1/(2n) * ||yc - Xc w||^2`` on centred data
``Xc = X - mean(X)``, ``yc = y - mean(y)``; that is what this module evaluates.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class Loss(Protocol):
    """What an optimizer needs of a data loss ``f(w, b)`` (``b`` the intercept, never
    penalized): its value and gradients, over all rows or a minibatch of them, and the
    Lipschitz constant of its gradient. jaxopt's solvers likewise take ``fun`` and know nothing
    else of the problem.

    A loss may fit the intercept in closed form: its ``evaluate`` is then ``min_b f(w, b)``,
    its ``grad_b`` is 0 and :meth:`intercept` gives the fitted ``b``.
    """

    n: int
    d: int
    affine_gradient: bool
    """Whether the gradient is affine in ``(w, b)`` (FISTA saves a gradient a step then). A
    loss whose gradient is not is a function of the raw prediction ``X w + b``: it has
    ``raw_prediction(w, b)`` (a product with ``X``), ``value_at(raw)`` (none) and
    ``grad_at(raw) -> (df/dw, df/db)`` (one), so FISTA takes two products a step."""

    @property
    def lipschitz(self) -> float: ...

    @property
    def row_curvature(self) -> float:
        """The largest curvature of one row's loss: it bounds the curvature of a minibatch
        (see :func:`l1l2_tui.engine.optimizers.minibatch_curvature`)."""
        ...

    def evaluate(self, w: np.ndarray, b: float) -> tuple[float, np.ndarray, float]:
        """``(f(w, b), df/dw, df/db)``."""
        ...

    def batch_grad(self, w: np.ndarray, b: float, rows: np.ndarray) -> tuple[np.ndarray, float]:
        """``(df/dw, df/db)`` of the loss over ``rows`` alone (the mean over those rows)."""
        ...

    def intercept(self, w: np.ndarray, b: float) -> float:
        """The intercept of the model at ``(w, b)``."""
        ...

    def pull_at_zero(self, w: np.ndarray, b: float, grad: np.ndarray) -> np.ndarray:
        """``df/dw_j`` at ``(w, b)`` with ``w_j`` set to 0 and the other weights and ``b`` as
        they are, for each ``j`` (``grad`` is ``df/dw`` at ``(w, b)``). With an L1 part ``a``,
        ``w_j = 0`` is the best value of ``w_j`` (the others held) exactly when this is at
        most ``a`` in size."""
        ...


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


def is_centred(X: np.ndarray, mean: np.ndarray) -> bool:
    """Whether every column of ``X`` has mean 0 up to rounding: ``|mean_j|`` at most 1e-12 of
    the column's largest magnitude (standardizing leaves some 1e-17). Such data serves as its
    own centred copy, the difference being far below any tolerance the engine works to."""
    # max and min rather than abs: no temporary the size of X.
    largest = np.maximum(np.abs(X.max(axis=0, initial=0.0)), np.abs(X.min(axis=0, initial=0.0)))
    return bool(np.all(np.abs(mean) <= 1e-12 * largest))
