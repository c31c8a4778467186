"""Claims about the regularization path: where weights are 0 as lam falls from lam_max, which
lam cross-validation chooses, which zeros are right when the true weights are known, and how
steadily the lasso selects on resamples of the rows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from l1l2_tui.engine.claims.main import TrueSupport, true_support
from l1l2_tui.engine.cross_validation import CrossValidation
from l1l2_tui.engine.homotopy import HomotopyPath, PathEvent
from l1l2_tui.engine.path import RegularizationPath
from l1l2_tui.engine.penalties import Penalty
from l1l2_tui.engine.stability import (
    SelectionStability,
    irrepresentable_condition,
    support_bound,
)

GROWTH = 1e-3
"""A weight grows with lam only if its size grows by more than this fraction."""


@dataclass(frozen=True)
class AllZeroAtTop:
    """The path's first point, ``lam_max``, has every weight exactly 0."""

    lam_max: float


@dataclass(frozen=True)
class NeverZero:
    """No weight is exactly 0 anywhere on the path's grid, ``lam_high`` down to ``lam_low``."""

    lam_high: float
    lam_low: float


@dataclass(frozen=True)
class GrowsWithLam:
    """``|w_feature|`` grows from ``size_low`` at ``lam_low`` to ``size_high`` at the larger
    ``lam_high``: a penalty that shrinks the weight vector need not shrink each weight."""

    feature: int
    lam_low: float
    size_low: float
    lam_high: float
    size_high: float


@dataclass(frozen=True)
class ReturnsToZero:
    """``feature`` is nonzero at ``lam_nonzero`` and exactly 0 again at the smaller
    ``lam_zero``: weights do not always leave 0 for good as lam falls."""

    feature: int
    lam_nonzero: float
    lam_zero: float


@dataclass(frozen=True)
class LeavesZeroOnce:
    """On the path's grid, every weight that leaves 0 as lam falls stays nonzero after."""


@dataclass(frozen=True)
class NonzeroAt:
    """At ``grid_lam``, the path's grid point nearest the run's ``lam`` from below (or its
    smallest, below the grid), the solution has ``count`` of ``total`` weights nonzero."""

    lam: float
    grid_lam: float
    count: int
    total: int


@dataclass(frozen=True)
class ExactKnots:
    """The exact lasso path has ``knots`` knots from ``lam_max`` to its end; ``returns`` holds
    each weight that leaves 0 after it entered, with its events in order (it enters, leaves,
    may return...); ``nonzero`` of ``total`` weights are nonzero at the run's ``lam``."""

    knots: int
    returns: tuple[tuple[int, tuple[PathEvent, ...]], ...]
    lam: float
    nonzero: int
    total: int


def exact_knots(path: HomotopyPath, lam: float) -> ExactKnots:
    """What the exact path shows: its knots, the weights that leave 0 again, and how many
    weights are nonzero at ``lam`` (at the path's end below it)."""
    total = path.weights.shape[1]
    returns = tuple(
        (j, path.events_of(j))
        for j in range(total)
        if any(event.kind == "leave" for event in path.events_of(j))
    )
    weights = path.weights_at(max(lam, float(path.lams[-1])))
    return ExactKnots(len(path.lams), returns, lam, int(np.count_nonzero(weights)), total)


PathClaim = AllZeroAtTop | NeverZero | GrowsWithLam | ReturnsToZero | LeavesZeroOnce | NonzeroAt


@dataclass(frozen=True)
class LamChoices:
    """``folds``-fold cross-validation along the path: the least mean held-out error
    ``error_min`` (its standard error ``standard_error``) at ``lam_min`` with ``nonzero_min``
    weights nonzero, and ``lam_1se``, the largest lam whose mean error ``error_1se`` is within
    one standard error of it, with ``nonzero_1se``."""

    folds: int
    loss: str
    lam_min: float
    nonzero_min: int
    error_min: float
    standard_error: float
    lam_1se: float
    nonzero_1se: int
    error_1se: float


def lam_choices(cv: CrossValidation) -> LamChoices:
    """glmnet's two choices from ``cv``."""
    mean = cv.mean
    best, simplest = cv.index_min, cv.index_1se
    return LamChoices(
        cv.fold_errors.shape[0],
        cv.loss,
        cv.lam_min,
        cv.nonzero_min,
        float(mean[best]),
        float(cv.standard_error[best]),
        cv.lam_1se,
        cv.nonzero_1se,
        float(mean[simplest]),
    )


def path_truth(
    path: RegularizationPath, true_weights: np.ndarray, lam: float
) -> TrueSupport | None:
    """:func:`true_support` at the path's grid point at or below ``lam`` (as :class:`NonzeroAt`),
    or ``None`` when ``lam`` is off the grid."""
    if not path.lams[-1] <= lam <= path.lams[0]:
        return None
    at = int(np.flatnonzero(path.lams <= lam)[0])
    return true_support(path.weights[at], true_weights, float(path.lams[at]))


@dataclass(frozen=True)
class AtMostRank:
    """More features than rows: the lasso keeps at most ``bound`` (the rank of the centred
    data, below ``rows``) weights nonzero, and the most this path keeps is ``most``."""

    features: int
    rows: int
    bound: int
    most: int


def at_most_rank(path: RegularizationPath, X: np.ndarray, penalty: Penalty) -> AtMostRank | None:
    """:class:`AtMostRank` for a pure L1 path (a penalty smooth nowhere but at 0, with no
    squared part: the bound is the lasso's) with more features than rows, when it holds."""
    rows, features = X.shape
    holds_at_zero = penalty.at_lam(1.0).capacity_at_zero() > 0
    if features <= rows or not holds_at_zero or penalty.at_lam(1.0).smooth_curvature() != 0:
        return None
    most = int(path.nonzero.max())
    bound = support_bound(X, path.weights[int(path.nonzero.argmax())])
    if most > bound.bound:
        return None
    return AtMostRank(features, rows, bound.bound, most)


def path_claims(path: RegularizationPath, lam: float) -> list[PathClaim]:
    """What holds of ``path``, for a run at ``lam``."""
    weights, lams = path.weights, path.lams
    zero = weights == 0.0
    claims: list[PathClaim] = []
    if zero[0].all():
        claims.append(AllZeroAtTop(float(path.lam_max)))
    if not zero.any():
        claims.append(NeverZero(float(lams[0]), float(lams[-1])))
    sizes = np.abs(weights)
    # lams descend: row i has a larger lam than row k > i.
    peak = sizes.argmax(axis=0)
    growth = sizes[peak, np.arange(weights.shape[1])] - sizes[-1]
    grows = np.flatnonzero((peak < len(lams) - 1) & (growth > GROWTH * sizes[-1]) & (growth > 0))
    if grows.size:
        j = int(grows[np.argmax(growth[grows] / np.maximum(sizes[-1, grows], 1e-300))])
        top = peak[j]
        low, high = float(sizes[-1, j]), float(sizes[top, j])
        claims.append(GrowsWithLam(j, float(lams[-1]), low, float(lams[top]), high))
    left = ~zero
    returned = [
        (j, int(np.flatnonzero(left[:, j])[0]))
        for j in range(weights.shape[1])
        if left[:, j].any() and zero[np.flatnonzero(left[:, j])[0] :, j].any()
    ]
    if returned:
        j, first = returned[0]
        back = first + int(np.flatnonzero(zero[first:, j])[0])
        claims.append(ReturnsToZero(j, float(lams[first]), float(lams[back])))
    elif zero[0].all():
        claims.append(LeavesZeroOnce())
    if lams[-1] <= lam <= lams[0]:
        below = np.flatnonzero(lams <= lam)
        at = int(below[0]) if below.size else len(lams) - 1
        claims.append(NonzeroAt(lam, float(lams[at]), int(path.nonzero[at]), weights.shape[1]))
    return claims


@dataclass(frozen=True)
class Flips:
    """Over ``resamples`` bootstrap resamples at one lam, the lasso keeps ``first`` in
    ``kept_first`` and ``second`` in ``kept_second``; ``first`` without ``second`` in
    ``first_only`` and ``second`` without ``first`` in ``second_only``, both at least 1: which
    of the two it keeps flips with the rows. The elastic net keeps them in ``net_first`` and
    ``net_second``."""

    resamples: int
    first: int
    second: int
    kept_first: int
    kept_second: int
    first_only: int
    second_only: int
    net_first: int
    net_second: int


FLIP_CANDIDATES = 20
"""Flips are sought among this many of the lasso's most often kept unsteady weights."""


def flips(lasso: SelectionStability, net: SelectionStability) -> Flips | None:
    """The pair of weights the lasso keeps each without the other most often (the larger of
    the two counts' smaller), among those it keeps in some resamples but not all; ``None``
    when no two ever swap that way."""
    selected, counts = lasso.selected, lasso.counts
    resamples = selected.shape[0]
    unsteady = np.flatnonzero((counts > 0) & (counts < resamples))
    unsteady = np.sort(unsteady[np.argsort(-counts[unsteady], kind="stable")][:FLIP_CANDIDATES])
    best: tuple[tuple[int, int], int, int] | None = None
    for a, i in enumerate(unsteady):
        for j in unsteady[a + 1 :]:
            i_only = int(np.count_nonzero(selected[:, i] & ~selected[:, j]))
            j_only = int(np.count_nonzero(selected[:, j] & ~selected[:, i]))
            score = (min(i_only, j_only), i_only + j_only)
            if score[0] and (best is None or score > best[0]):
                best = (score, int(i), int(j))
    if best is None:
        return None
    _, i, j = best
    return Flips(
        resamples,
        i,
        j,
        int(counts[i]),
        int(counts[j]),
        int(np.count_nonzero(selected[:, i] & ~selected[:, j])),
        int(np.count_nonzero(selected[:, j] & ~selected[:, i])),
        int(net.counts[i]),
        int(net.counts[j]),
    )


@dataclass(frozen=True)
class Irrepresentable:
    """Zhao and Yu's irrepresentable quantity ``value`` of the true support on the data: the
    lasso can select exactly the true set (for some lam, with probability tending to 1 as the
    rows grow) only if it is at most 1 (:func:`irrepresentable_condition`)."""

    value: float
    true_count: int


def irrepresentable(X: np.ndarray, true_weights: np.ndarray) -> Irrepresentable | None:
    """:class:`Irrepresentable` for the true weights on ``X``, or ``None`` when it says nothing
    (no weight or every weight truly nonzero)."""
    support = true_weights != 0.0
    if support.all() or not support.any():
        return None
    return Irrepresentable(irrepresentable_condition(X, true_weights), int(support.sum()))
