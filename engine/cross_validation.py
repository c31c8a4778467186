"""K-fold cross-validation along a grid of ``lam``, and glmnet's two choices of ``lam``.

**Folds** are scikit-learn's ``KFold(n_splits=folds, shuffle=True, random_state=seed)``,
reproduced here with numpy: the row indices shuffled by ``np.random.RandomState(seed)``, cut
into ``folds`` consecutive blocks, the first ``n % folds`` of them one row longer. Each block is
held out once; the model is fitted on the other rows.

**Standardization inside each fold** (``standardize=True``, as cv.glmnet does): the training
rows are centred and scaled to population std 1 as the project does on the full data, a
column constant on them centred only (as the digits' blank pixels), and the held-out rows get
the training rows' means and stds; nothing of the held-out rows leaks into the fit. The
full-data fit, which gives the counts of nonzero weights, is standardized the same way (on
data the project has already standardized this changes nothing but rounding).

**The fits**: on each fold the whole path down ``lams``, warm-started, by
:func:`l1l2_tui.engine.path.regularization_path` (exact for least squares, to an optimality
residual of 1e-10 for the logistic loss), the objective as the project's
(``1/(2n) ||y - X w - b||^2 + lam R(w)`` or the mean logistic loss ``+ lam R(w)``, intercept
fitted).

**The error** on the held-out rows: the mean squared error ``mean (y - X w - b)^2`` (least
squares; scikit-learn's ``LassoCV.mse_path_``), or the mean logistic loss
``mean log(1 + exp(-s (X w + b)))``, the project's data loss, which is scikit-learn's
``log_loss`` and half the binomial deviance that glmnet reports. Per ``lam``: the mean over the
folds of each fold's error (as ``LassoCV``, unweighted by fold size) and its standard error,
the folds' standard deviation (ddof 1) over ``sqrt(folds)`` (as cv.glmnet's ``cvsd`` with
equal fold weights).

**glmnet's marks** (Friedman, Hastie and Tibshirani 2010; ``cv.glmnet``): ``lam_min`` is the
``lam`` of least mean error (the largest such on ties) and ``lam_1se`` the largest ``lam`` whose
mean error is at most the least mean error plus its standard error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from l1l2_tui.engine.log_loss import log_loss
from l1l2_tui.engine.logistic import Logistic
from l1l2_tui.engine.loss import LeastSquares
from l1l2_tui.engine.path import RegularizationPath, lam_grid, lam_max, regularization_path
from l1l2_tui.engine.penalties import Penalty, PenaltyName, make_penalty

if TYPE_CHECKING:
    from l1l2_tui.engine.problems import Problem

CVLoss = Literal["squared", "logistic"]


def kfold_splits(n: int, folds: int = 5, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(train, test)`` row indices for each fold, as scikit-learn's
    ``KFold(n_splits=folds, shuffle=True, random_state=seed).split(range(n))`` gives them."""
    if not 2 <= folds <= n:
        raise ValueError(f"folds must be between 2 and the number of rows ({n}), not {folds}")
    order = np.arange(n)
    np.random.RandomState(seed).shuffle(order)
    sizes = np.full(folds, n // folds)
    sizes[: n % folds] += 1
    splits = []
    start = 0
    for size in sizes:
        test = order[start : start + size]
        held = np.zeros(n, dtype=bool)
        held[test] = True
        splits.append((np.flatnonzero(~held), np.flatnonzero(held)))
        start += size
    return splits


def standardize_on(
    train: np.ndarray, other: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray | None]:
    """``train`` centred and scaled to population std 1 by its own columns' means and stds (a
    constant column, std at most ``1e-12`` of its largest size, centred only), and ``other``
    by the same means and stds."""
    mean = train.mean(axis=0)
    std = train.std(axis=0)
    largest = np.abs(train).max(axis=0, initial=0.0)
    std = np.where(std > 1e-12 * largest, std, 1.0)
    scaled_other = None if other is None else (other - mean) / std
    return (train - mean) / std, scaled_other


@dataclass(frozen=True)
class CrossValidation:
    """The held-out error of every fold at every ``lam`` (``fold_errors[k, i]``), its mean and
    standard error per ``lam``, and the number of nonzero weights of the full-data fit."""

    lams: np.ndarray
    fold_errors: np.ndarray
    nonzero: np.ndarray
    loss: CVLoss

    @property
    def mean(self) -> np.ndarray:
        return self.fold_errors.mean(axis=0)

    @property
    def standard_error(self) -> np.ndarray:
        folds = self.fold_errors.shape[0]
        return self.fold_errors.std(axis=0, ddof=1) / np.sqrt(folds)

    @property
    def index_min(self) -> int:
        """The grid index of ``lam_min``: least mean error, the largest ``lam`` on ties."""
        mean = self.mean
        ties = np.flatnonzero(mean <= mean.min())
        return int(ties[np.argmax(self.lams[ties])])

    @property
    def index_1se(self) -> int:
        """The grid index of ``lam_1se``: the largest ``lam`` whose mean error is within one
        standard error of the least."""
        best = self.index_min
        within = self.mean <= self.mean[best] + self.standard_error[best]
        candidates = np.flatnonzero(within)
        return int(candidates[np.argmax(self.lams[candidates])])

    @property
    def lam_min(self) -> float:
        return float(self.lams[self.index_min])

    @property
    def lam_1se(self) -> float:
        return float(self.lams[self.index_1se])

    @property
    def nonzero_min(self) -> int:
        return int(self.nonzero[self.index_min])

    @property
    def nonzero_1se(self) -> int:
        return int(self.nonzero[self.index_1se])


def cross_validate(
    X: np.ndarray,
    y: np.ndarray,
    loss: CVLoss = "squared",
    penalty: PenaltyName | Penalty = "l1",
    l1_ratio: float = 0.5,
    lams: np.ndarray | None = None,
    num: int = 50,
    lam_min_ratio: float = 1e-3,
    folds: int = 5,
    seed: int = 0,
    standardize: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
) -> CrossValidation:
    """Cross-validate ``penalty`` (a name with ``l1_ratio``, or a penalty, whatever its own
    ``lam``) along ``lams`` (module docstring); ``y`` holds 0/1 labels for the logistic loss.
    ``lams`` defaults to :func:`l1l2_tui.engine.path.lam_grid` from the full data's
    ``lam_max`` (the same grid for every fold, as cv.glmnet), ``num`` values down to
    ``lam_min_ratio * lam_max``.

    ``on_progress(done, total)`` is called after each ``lam`` of each of the ``folds + 1``
    paths (the full data's first); an exception raised from it stops the work."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if isinstance(penalty, Penalty):
        chosen = penalty.at_lam(1.0)
    else:
        chosen = make_penalty(penalty, 1.0, l1_ratio=l1_ratio)
    if not chosen.penalizes:
        raise ValueError("cross-validation along lam needs a penalty: l1, l2 or elasticnet")
    splits = kfold_splits(len(y), folds, seed)
    full_X = standardize_on(X)[0] if standardize else X
    full_loss = loss_on(loss, full_X, y, "the data's rows")
    if lams is None:
        lams = lam_grid(lam_max(full_loss, chosen), num, lam_min_ratio)
    lams = np.asarray(lams, dtype=float)
    total = (folds + 1) * len(lams)

    def progress(offset: int) -> Callable[[int, int], None] | None:
        if on_progress is None:
            return None
        return lambda done, _: on_progress(offset + done, total)

    full = regularization_path(full_loss, chosen, lams=lams, on_point=progress(0))
    errors = np.empty((folds, len(lams)))
    for k, (train, test) in enumerate(splits):
        X_train, X_test = X[train], X[test]
        if standardize:
            X_train, X_test = standardize_on(X_train, X_test)
        fold_loss = loss_on(loss, X_train, y[train], f"fold {k + 1}'s training rows")
        path = regularization_path(
            fold_loss, chosen, lams=lams, on_point=progress((k + 1) * len(lams))
        )
        predictions = X_test @ path.weights.T + path.intercepts
        errors[k] = _held_out_error(loss, predictions, y[test])
    return CrossValidation(lams, errors, full.nonzero, loss)


def loss_on(loss: CVLoss, X: np.ndarray, y: np.ndarray, rows: str) -> LeastSquares | Logistic:
    """The data loss ``loss`` names on ``X``, ``y``; for the logistic loss ``y`` must hold both
    labels 0 and 1, else a ValueError names ``rows`` (``"fold 2's training rows"``)."""
    if loss == "squared":
        return LeastSquares(X, y)
    if loss != "logistic":
        raise ValueError(f"unknown loss {loss!r}; choose squared or logistic")
    if not np.isin(y, (0.0, 1.0)).all() or y.min() == y.max():
        raise ValueError(f"{rows} hold only one class: the logistic fit needs both labels, 0 and 1")
    return Logistic(X, y)


def _held_out_error(loss: CVLoss, predictions: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per column of ``predictions`` (one ``lam`` each): the mean squared error, or the mean
    logistic loss of the margins for labels ``y`` in {0, 1}."""
    if loss == "squared":
        return ((y[:, None] - predictions) ** 2).mean(axis=0)
    signs = 2.0 * y - 1.0
    return log_loss(signs[:, None] * predictions).mean(axis=0)


def cross_validate_path(
    problem: Problem,
    path: RegularizationPath,
    folds: int = 5,
    seed: int = 0,
    on_progress: Callable[[int, int], None] | None = None,
) -> CrossValidation:
    """Cross-validate ``path``'s penalty on ``problem``'s data along ``path``'s own grid, so
    the error curve lines up with the path; each fold standardized on its training rows when
    the problem's features are standardized (:func:`cross_validate`)."""
    return cross_validate(
        problem.X,
        problem.y,
        problem.loss,
        path.penalty,
        lams=path.lams,
        folds=folds,
        seed=seed,
        standardize=problem.standardized,
        on_progress=on_progress,
    )
