"""Claims about the regularization path: where weights are 0 as lam falls from lam_max."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from l1l2_tui.engine.homotopy import HomotopyPath, PathEvent
from l1l2_tui.engine.path import RegularizationPath

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
