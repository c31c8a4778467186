"""The exact minimizer of the penalized logistic loss, by proximal Newton steps.

Minimizes, over ``w`` (and ``b`` when ``fit_intercept``),

    F(w, b) = 1/n * sum_i log(1 + exp(-s_i (x_i . w + b + offset_i)))  +  a ||w||_1 + q ||w||^2

with ``(a, q) = penalty.as_elastic_net()`` (see :mod:`l1l2_tui.engine.penalties`) and a fixed
``offset`` (0 by default; the plane of two weights holds the others' share there). The intercept
is never penalized.

Each round takes the second-order model of the data loss at the current point, ``g`` its
gradient and ``H = A' diag(p (1 - p)) A / n`` its Hessian (``A = [X, 1]``, the column of ones
for the intercept), and minimizes the model plus the penalty exactly enough by cyclic
coordinate descent (soft-thresholding each penalized coordinate: exact zeros); a backtracking
line search on ``F`` along the step keeps every round a descent (Lee, Sun and Saunders 2014;
the scheme of glmnet and newGLMNET). It stops once the optimality conditions hold to ``tol``:
``|g_j + 2 q w_j + a sign(w_j)| <= tol`` where ``w_j != 0``, ``|g_j| <= a + tol`` where
``w_j = 0``, and ``|df/db| <= tol``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from l1l2_tui.engine.log_loss import log_loss_and_slope
from l1l2_tui.engine.penalties import Penalty

MAX_ROUNDS = 200
MAX_SWEEPS = 200
LINE_SEARCH_SHRINK = 0.5
SUFFICIENT_DECREASE = 1e-4


@dataclass(frozen=True)
class LogisticFit:
    """The minimizer ``(w, b)``, the rounds it took and its optimality residual."""

    w: np.ndarray
    b: float
    rounds: int
    residual: float


def optimality_residual(
    w: np.ndarray, grad_w: np.ndarray, grad_b: float, penalty: Penalty, fit_intercept: bool
) -> float:
    """The largest violation of the optimality conditions (see the module docstring)."""
    a, q = penalty.as_elastic_net()
    smooth = grad_w + 2.0 * q * w
    off = np.where(w != 0.0, np.abs(smooth + a * np.sign(w)), np.maximum(np.abs(grad_w) - a, 0.0))
    worst = float(off.max(initial=0.0))
    return max(worst, abs(grad_b)) if fit_intercept else worst


def minimize_logistic(
    X: np.ndarray,
    y01: np.ndarray,
    penalty: Penalty,
    w0: np.ndarray | None = None,
    b0: float = 0.0,
    tol: float = 1e-10,
    offset: np.ndarray | None = None,
    fit_intercept: bool = True,
) -> LogisticFit:
    """The minimizer of ``F`` (module docstring) from the warm start ``(w0, b0)``.

    Returns the last point reached if ``MAX_ROUNDS`` rounds do not meet ``tol`` (its
    ``residual`` says how far it is); a data set that separates the classes with no penalty
    to stop it has no minimizer, and the weights then grow round after round."""
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    signs = 2.0 * np.asarray(y01, dtype=float) - 1.0
    shift = np.zeros(n) if offset is None else np.asarray(offset, dtype=float)
    w = np.zeros(d) if w0 is None else np.array(w0, dtype=float)
    b = float(b0) if fit_intercept else 0.0
    a, q = penalty.as_elastic_net()
    A = np.hstack([X, np.ones((n, 1))]) if fit_intercept else X
    k = A.shape[1]
    penalized = np.ones(k, dtype=bool)
    if fit_intercept:
        penalized[-1] = False

    def objective_at(margins: np.ndarray, w: np.ndarray) -> float:
        losses, _ = log_loss_and_slope(signs * margins)
        return float(losses.mean()) + penalty.value(w)

    margins = X @ w + b + shift
    value = objective_at(margins, w)
    residual = np.inf
    for rounds in range(1, MAX_ROUNDS + 1):
        _, slopes = log_loss_and_slope(signs * margins)
        r = -signs * slopes
        grad = A.T @ r / n
        residual = optimality_residual(
            w, grad[:d], float(grad[d]) if fit_intercept else 0.0, penalty, fit_intercept
        )
        if residual <= tol:
            return LogisticFit(w, b, rounds - 1, residual)
        p = slopes * (1.0 - slopes)  # sigmoid(m)(1 - sigmoid(m)) for either sign
        hessian = weighted_gram(A, p / n)
        x = np.append(w, b) if fit_intercept else w.copy()
        # The model is solved only as well as the outer residual needs: Newton's steps
        # converge fast once the inner solve is a fraction of the outer residual.
        u = _model_minimizer(hessian, grad, x, a, q, penalized, max(tol / 10, residual * 1e-3))
        step = u - x
        decrease = float(grad @ step) + penalty.value(u[:d]) - penalty.value(w)
        if not decrease < 0.0:
            return LogisticFit(w, b, rounds, residual)
        direction = A @ step
        t = 1.0
        while True:
            trial = x + t * step
            trial_w = trial[:d]
            trial_margins = margins + t * direction
            trial_value = objective_at(trial_margins, trial_w)
            if trial_value <= value + SUFFICIENT_DECREASE * t * decrease:
                break
            t *= LINE_SEARCH_SHRINK
            if t < 1e-12:
                return LogisticFit(w, b, rounds, residual)
        w = trial_w.copy() + 0.0
        b = float(trial[d]) if fit_intercept else 0.0
        margins, value = trial_margins, trial_value
    return LogisticFit(w, b, MAX_ROUNDS, residual)


GRAM_ROWS = 128
"""Rows a block of :func:`weighted_gram` takes."""


def weighted_gram(A: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``A' diag(weights) A``, summed over blocks of :data:`GRAM_ROWS` rows. One product of
    all the rows is large enough for OpenBLAS to spread over its threads, and on a busy
    machine their waiting for each other made it ten times slower than these blocks, which it
    runs on one thread."""
    gram = np.zeros((A.shape[1], A.shape[1]))
    for start in range(0, A.shape[0], GRAM_ROWS):
        block = A[start : start + GRAM_ROWS]
        gram += (block * weights[start : start + GRAM_ROWS, None]).T @ block
    return gram


def _model_minimizer(
    hessian: np.ndarray,
    grad: np.ndarray,
    x: np.ndarray,
    a: float,
    q: float,
    penalized: np.ndarray,
    tol: float,
) -> np.ndarray:
    """``argmin_u g'(u - x) + 1/2 (u - x)' H (u - x) + a ||u_P||_1 + q ||u_P||^2`` (``P`` the
    penalized coordinates).

    Without an L1 part, one linear solve. Otherwise first the exact answer on the support and
    signs of ``x`` (:func:`_on_support`: down a path the support rarely changes from one
    round to the next); failing that, coordinate descent: sweeps of the nonzero coordinates
    until they move by no more than ``tol`` (scaled by the curvature), then the zero
    coordinates whose model gradient exceeds ``a`` join them, until there are none."""
    ridge = 2.0 * q * penalized
    if a == 0.0:
        try:
            return np.linalg.solve(hessian + np.diag(ridge), hessian @ x - grad)
        except np.linalg.LinAlgError:
            pass
    exact = _on_support(hessian, grad, x, a, ridge, penalized)
    if exact is not None:
        return exact
    u = x.copy()
    model_grad = grad.copy()  # g + H (u - x), kept up to date coordinate by coordinate
    diagonal = np.diag(hessian).copy()
    thresholds = np.where(penalized, a, 0.0)
    for _ in range(MAX_SWEEPS):
        for _ in range(MAX_SWEEPS):
            active = np.flatnonzero((u != 0.0) | ~penalized)
            if _sweep(hessian, diagonal, ridge, thresholds, u, model_grad, active) <= tol:
                break
        entering = np.flatnonzero((u == 0.0) & penalized & (np.abs(model_grad) > a))
        if entering.size == 0:
            break
        _sweep(hessian, diagonal, ridge, thresholds, u, model_grad, entering)
    return u


def _on_support(
    hessian: np.ndarray,
    grad: np.ndarray,
    x: np.ndarray,
    a: float,
    ridge: np.ndarray,
    penalized: np.ndarray,
) -> np.ndarray | None:
    """The model's minimizer if it has the support and signs of ``x``, else None.

    On a support ``S`` with signs ``s`` the model's optimality conditions are linear:
    ``(H_SS + diag(2 q)) u_S = (H x - g)_S - a s_S`` (``a s`` on the penalized coordinates
    only). The solution is the minimizer when its signs are ``s`` and no coordinate off ``S``
    has a model gradient ``(H u - H x + g)_k`` above ``a`` in size."""
    support = (x != 0.0) | ~penalized
    idx = np.flatnonzero(support)
    target = hessian @ x - grad
    u = np.zeros_like(x)
    if idx.size:
        signs = np.sign(x[idx]) * penalized[idx]
        system = hessian[np.ix_(idx, idx)] + np.diag(ridge[idx])
        try:
            u[idx] = np.linalg.solve(system, target[idx] - a * signs)
        except np.linalg.LinAlgError:
            return None
        if not np.all(np.isfinite(u)):
            return None
        if np.any((np.sign(u[idx]) != signs) & penalized[idx]):
            return None
    off = ~support
    if np.any(np.abs(hessian[off] @ u - target[off]) > a):
        return None
    return u


def _sweep(
    hessian: np.ndarray,
    diagonal: np.ndarray,
    ridge: np.ndarray,
    thresholds: np.ndarray,
    u: np.ndarray,
    model_grad: np.ndarray,
    coordinates: np.ndarray,
) -> float:
    """One pass of exact coordinate minimizations over ``coordinates``, updating ``u`` and
    ``model_grad`` in place; returns the largest ``|change| * curvature``."""
    largest = 0.0
    for k in coordinates.tolist():
        curvature = diagonal[k] + ridge[k]
        if curvature <= 0.0:
            continue
        old = u[k]
        # The model along u_k: (model_grad_k - H_kk old) u_k + (H_kk/2 + q) u_k^2 + a |u_k|.
        linear = diagonal[k] * old - model_grad[k]
        threshold = thresholds[k]
        if linear > threshold:
            new = (linear - threshold) / curvature
        elif linear < -threshold:
            new = (linear + threshold) / curvature
        else:
            new = 0.0
        change = new - old
        if change != 0.0:
            u[k] = new
            model_grad += hessian[:, k] * change
            largest = max(largest, abs(change) * curvature)
    return largest
