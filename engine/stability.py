"""Which features the lasso selects, and how reliably: bootstrap selection frequencies, the
irrepresentable condition on a known true support and the bound on the number of nonzero
weights (the data set whose two correlated features share one true weight is
:func:`l1l2_tui.engine.problems.correlated_pair`).

The fits are the project's (``1/(2n) ||y - X w - b||^2 + lam R(w)``, or the mean logistic loss
``+ lam R(w)``, intercept fitted), solved exactly by the loss's own solver
(:meth:`l1l2_tui.engine.loss_protocol.Loss.solve`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from l1l2_tui.engine.cross_validation import CVLoss, loss_on, standardize_on
from l1l2_tui.engine.penalties import PenaltyName, make_penalty


@dataclass(frozen=True)
class SelectionStability:
    """``selected[r, j]``: whether weight ``j`` is nonzero in the fit on resample ``r``."""

    selected: np.ndarray
    lam: float
    penalty: PenaltyName
    l1_ratio: float

    @property
    def counts(self) -> np.ndarray:
        """In how many resamples each weight is nonzero."""
        return self.selected.sum(axis=0)

    @property
    def frequency(self) -> np.ndarray:
        """The share of resamples in which each weight is nonzero."""
        return self.selected.mean(axis=0)


def bootstrap_selection(
    X: np.ndarray,
    y: np.ndarray,
    lam: float,
    penalty: PenaltyName = "l1",
    l1_ratio: float = 0.5,
    resamples: int = 50,
    seed: int = 0,
    loss: CVLoss = "squared",
    on_progress: Callable[[int, int], None] | None = None,
) -> SelectionStability:
    """Refit at ``lam`` on ``resamples`` bootstrap resamples (``n`` rows drawn with replacement
    by ``np.random.default_rng(seed)``, one resample after another) and record which weights
    are nonzero. The rows are used as they are, not standardized again, so ``lam`` means what
    it means on ``X``. Each fit starts from the full data's solution. ``on_progress(done,
    total)`` after each fit; an exception raised from it stops the work."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1, not {resamples}")
    penalty_at = make_penalty(penalty, lam, l1_ratio=l1_ratio)
    n = len(y)
    w_full, b_full = loss_on(loss, X, y, "the data's rows").solve(penalty_at)
    rng = np.random.default_rng(seed)
    selected = np.empty((resamples, X.shape[1]), dtype=bool)
    for r in range(resamples):
        rows = rng.integers(0, n, size=n)
        fit_loss = loss_on(loss, X[rows], y[rows], f"the rows of resample {r + 1}")
        w, _ = fit_loss.solve(penalty_at, w_full, b_full)
        selected[r] = w != 0.0
        if on_progress is not None:
            on_progress(r + 1, resamples)
    return SelectionStability(selected, float(lam), penalty, float(l1_ratio))


def irrepresentable_condition(X: np.ndarray, true_weights: np.ndarray) -> float:
    """Zhao and Yu's irrepresentable quantity for the true support ``S`` (the nonzero entries
    of ``true_weights``) on the standardized design (centred, population std 1, as the
    project's):

        || X_Sc' X_S (X_S' X_S)^-1 sign(w_S) ||_inf.

    The lasso selects exactly the true set with the true signs (for some ``lam``, with
    probability tending to 1) only if this is at most 1, and does so if it is below 1 by a
    margin, given the paper's regularity conditions (Zhao and Yu, "On model selection
    consistency of lasso", JMLR 7, 2006: the weak and strong irrepresentable conditions,
    Theorems 1 to 4). 0 when every or no feature is in ``S``."""
    X = np.asarray(X, dtype=float)
    w = np.asarray(true_weights, dtype=float)
    if w.shape != (X.shape[1],):
        raise ValueError(f"true_weights must have one entry per feature ({X.shape[1]})")
    support = w != 0.0
    if support.all() or not support.any():
        return 0.0
    Z = standardize_on(X)[0]
    inside, outside = Z[:, support], Z[:, ~support]
    gram = inside.T @ inside
    if np.linalg.matrix_rank(gram) < gram.shape[0]:
        raise ValueError("the true support's columns are linearly dependent")
    direction = np.linalg.solve(gram, np.sign(w[support]))
    return float(np.abs(outside.T @ (inside @ direction)).max())


@dataclass(frozen=True)
class SupportBound:
    """``nonzero`` weights against the most a lasso solution with linearly independent active
    columns can have, ``bound = rank(Xc)``."""

    nonzero: int
    bound: int

    @property
    def holds(self) -> bool:
        return self.nonzero <= self.bound


def support_bound(X: np.ndarray, w: np.ndarray) -> SupportBound:
    """The count of nonzero weights of ``w`` beside ``rank(Xc)`` (``Xc`` the centred design,
    the intercept being fitted): at most ``min(n - 1, d)``. When the features are in general
    position (almost surely for continuous data) the lasso solution is unique and its active
    columns are linearly independent, so it has at most ``rank(Xc)`` nonzero weights, fewer
    than ``n``, however many features there are (Tibshirani, "The lasso problem and
    uniqueness", Electron. J. Statist. 7, 2013, Lemmas 13-15; with an intercept the centred
    design has rank at most ``n - 1``)."""
    X = np.asarray(X, dtype=float)
    rank = int(np.linalg.matrix_rank(X - X.mean(axis=0)))
    return SupportBound(int(np.count_nonzero(w)), rank)
