"""Cyclic coordinate descent for least squares with an L1, L2 or elastic-net penalty: each step
minimizes the objective exactly along one weight, the others held.

The objective (the project's scaling, intercept fitted, ``X`` as given):

    F(w, b) = 1/(2n) * ||y - X w - b||^2  +  a ||w||_1  +  q ||w||^2,
    a = lam * l1_ratio,   q = lam * (1 - l1_ratio)

(``l1_ratio = 1``: the lasso; 0: ridge). On centred data ``Xc``, ``yc`` the best ``b`` is
``mean(y) - mean(X) @ w``, and along ``w_j`` (the others held) ``F`` is
``h_j/2 (w_j - z_j)^2 + a |w_j| + q w_j^2 + const`` with ``h_j = Xc_j' Xc_j / n`` and
``h_j z_j = Xc_j' r / n + h_j w_j`` (``r = yc - Xc w``, the residual), so the exact minimizer is

    w_j <- soft_threshold(Xc_j' r / n + h_j w_j, a) / (h_j + 2 q),

the zero view's one-weight minimizer (:class:`l1l2_tui.engine.one_weight.WeightSlice`), exactly 0
when ``|Xc_j' r / n + h_j w_j| <= a``. A weight whose column is constant (``h_j = 0``) is set
to 0, the minimizer whenever ``a + q > 0``.

Friedman, Hastie, Hoefling and Tibshirani, "Pathwise coordinate optimization", Annals of Applied
Statistics 1(2), 2007; Friedman, Hastie and Tibshirani, "Regularization paths for generalized
linear models via coordinate descent", J. Stat. Softw. 33(1), 2010 (glmnet). scikit-learn's
``Lasso(alpha=lam)`` and ``ElasticNet(alpha=a + 2 q, l1_ratio=a / (a + 2 q))`` minimize the same
``F`` with the same update (``sklearn/linear_model/_cd_fast.pyx``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from l1l2_tui.engine.penalties import soft_threshold


@dataclass(frozen=True, eq=False)
class CentredData:
    """``Xc = X - mean(X)``, ``yc = y - mean(y)`` and ``h_j = Xc_j' Xc_j / n``, computed once."""

    Xc: np.ndarray
    yc: np.ndarray
    curvature: np.ndarray
    x_mean: np.ndarray
    y_mean: float

    @classmethod
    def of(cls, X: np.ndarray, y: np.ndarray) -> CentredData:
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        x_mean, y_mean = X.mean(axis=0), float(y.mean())
        Xc = X - x_mean
        return cls(Xc, y - y_mean, np.einsum("ij,ij->j", Xc, Xc) / len(y), x_mean, y_mean)

    @property
    def n(self) -> int:
        return self.Xc.shape[0]

    @property
    def d(self) -> int:
        return self.Xc.shape[1]

    def intercept(self, w: np.ndarray) -> float:
        """The fitted intercept ``mean(y) - mean(X) @ w``."""
        return self.y_mean - float(self.x_mean @ w)


@dataclass(frozen=True, eq=False)
class CDState:
    """The weights, the residual ``yc - Xc w``, the weight the next step updates, and how many
    full sweeps are done."""

    w: np.ndarray
    residual: np.ndarray
    feature: int = 0
    sweeps: int = 0


def cd_init(data: CentredData, w0: np.ndarray | None = None) -> CDState:
    """The state at ``w0`` (default 0), about to update weight 0."""
    w = np.zeros(data.d) if w0 is None else np.array(w0, dtype=float)
    return CDState(w, data.yc - data.Xc @ w)


def cd_step(data: CentredData, state: CDState, lam: float, l1_ratio: float = 1.0) -> CDState:
    """One exact minimization along weight ``state.feature`` (module docstring), then on to the
    next weight (the first after the last, counting a sweep)."""
    a, q = _weights(lam, l1_ratio)
    j = state.feature
    w, residual = state.w.copy(), state.residual.copy()
    _update(data, w, residual, j, a, q)
    following = (j + 1) % data.d
    return CDState(w, residual, following, state.sweeps + (following == 0))


def cd_sweep(data: CentredData, state: CDState, lam: float, l1_ratio: float = 1.0) -> CDState:
    """``d`` steps, from ``state.feature`` round to it again: every weight updated once."""
    a, q = _weights(lam, l1_ratio)
    w, residual = state.w.copy(), state.residual.copy()
    for offset in range(data.d):
        _update(data, w, residual, (state.feature + offset) % data.d, a, q)
    return replace(state, w=w, residual=residual, sweeps=state.sweeps + 1)


def cd_minimize(
    data: CentredData,
    lam: float,
    l1_ratio: float = 1.0,
    w0: np.ndarray | None = None,
    tol: float = 1e-12,
    max_sweeps: int = 100_000,
) -> CDState:
    """Sweeps from ``w0`` until a sweep moves no weight by more than ``tol`` times the largest
    weight (or ``max_sweeps``): the minimizer of ``F``, as coordinate descent converges to it
    (Tseng 2001: the nonsmooth part is separable)."""
    state = cd_init(data, w0)
    for _ in range(max_sweeps):
        before = state.w
        state = cd_sweep(data, state, lam, l1_ratio)
        if np.abs(state.w - before).max(initial=0.0) <= tol * max(np.abs(state.w).max(), 1e-300):
            break
    return state


def _weights(lam: float, l1_ratio: float) -> tuple[float, float]:
    if not (lam >= 0 and np.isfinite(lam)):
        raise ValueError(f"lam must be a finite number >= 0, not {lam}")
    if not 0.0 <= l1_ratio <= 1.0:
        raise ValueError(f"l1_ratio must lie in [0, 1], not {l1_ratio}")
    return lam * l1_ratio, lam * (1.0 - l1_ratio)


def _update(
    data: CentredData, w: np.ndarray, residual: np.ndarray, j: int, a: float, q: float
) -> None:
    """Weight ``j`` to its exact minimizer, in place, the residual kept in step."""
    h = data.curvature[j]
    column = data.Xc[:, j]
    if h + 2.0 * q > 0.0:
        rho = float(column @ residual) / data.n + h * w[j]
        new = float(soft_threshold(np.array(rho), a)) / (h + 2.0 * q)
    else:
        new = 0.0
    if new != w[j]:
        residual -= (new - w[j]) * column
        w[j] = new
