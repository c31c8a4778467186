"""Claims about one weight at a time, the others held: where its minimum is and why, and
the weight that refutes the |w| > w^2 explanation in other units."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from l1l2_tui.engine.claims.forces import hold_at_zero
from l1l2_tui.engine.loss_protocol import WeightSlice
from l1l2_tui.engine.session import Session


@dataclass(frozen=True)
class SliceMinimum:
    """Along ``feature`` (the others held), in units ``factor``: the minimizer is ``minimizer``;
    with an L1 part ``threshold`` it is exactly 0 because ``|pull_at_zero| <= threshold``
    (``caught``), or not. Under L2 alone it is 0 only if the unpenalized ``center`` is (only
    if the pull at 0 is). ``quadratic``: the data loss along the weight is a parabola (least
    squares), so ``center`` is finite and the L2 minimizer is ``h z / (h + 2 lam)``; for the
    logistic loss ``center`` may be infinite."""

    feature: int
    factor: float
    minimizer: float
    center: float
    pull_at_zero: float
    threshold: float
    caught: bool
    quadratic: bool = True


@dataclass(frozen=True)
class UnitsMyth:
    """In units ``factor``, ``feature`` refutes "L1 zeros weights because |w| > w^2 for
    |w| < 1": its unpenalized value along its axis, ``center``, is above 1 in size (where
    w^2 > |w|) and L1 sets it to exactly 0 (``kind == "big_zero"``), or its L1 minimizer is
    nonzero and below 1 in size (``kind == "small_kept"``). ``zeros`` is the set of weights
    whose minimum along their own axis (the others held) is 0, the same in every unit.
    Least squares only: the logistic loss has labels, not a target with units."""

    feature: int
    factor: float
    center: float
    minimizer: float
    kind: str
    zeros: tuple[int, ...]


@dataclass(frozen=True)
class CoordinateStep:
    """Under coordinate descent the next step sets ``feature``, after ``sweeps`` full sweeps,
    to ``next_weight``: the minimizer ``minimizer`` of the objective along it (the slice the
    view shows)."""

    feature: int
    sweeps: int
    minimizer: float
    next_weight: float


def coordinate_step(session: Session, j: int) -> CoordinateStep | None:
    """The claim that the next ``cd`` step sets weight ``j`` to its one-weight minimizer; None
    under another optimizer, when another weight is next, or if the two differ."""
    coordinate = session.coordinate()
    if coordinate is None or coordinate[0] != j:
        return None
    minimizer = float(one_weight_slice(session, j).minimizer)
    after = float(session.next_weights()[j])
    if not np.isclose(after, minimizer, rtol=1e-12, atol=1e-300):
        return None
    return CoordinateStep(j, coordinate[1], minimizer, after)


def one_weight_slice(session: Session, j: int, factor: float = 1.0) -> WeightSlice:
    """The slice along ``w_j`` at the run's weights (and intercept), in units ``factor``."""
    w, grad = session.weights, session.forces().data_grad
    loss, penalty, value = session.loss, session.penalty, session.data_loss
    return loss.weight_slice(w, session.intercept, grad, penalty, j, factor, value)


def one_weight_slices(session: Session, factor: float = 1.0) -> list[WeightSlice]:
    """Every weight's slice at the run's weights, in units ``factor``."""
    return [one_weight_slice(session, j, factor) for j in range(session.problem.n_features)]


def has_units(session: Session) -> bool:
    """Whether the run's target has units to change: least squares, not labels."""
    return session.loss.has_units


def slice_minimum(piece: WeightSlice, factor: float) -> SliceMinimum:
    caught = piece.threshold > 0 and abs(piece.pull_at_zero) <= piece.threshold
    return SliceMinimum(
        piece.feature,
        factor,
        piece.minimizer,
        piece.center,
        abs(piece.pull_at_zero),
        piece.threshold,
        caught,
        piece.quadratic,
    )


def units_myth(session: Session, factor: float) -> UnitsMyth | None:
    """The weight that best refutes the |w| > w^2 explanation in units ``factor``: the
    largest unpenalized value L1 still sets to 0, else the smallest weight L1 keeps. None
    without an L1 part, or for the logistic loss (no units)."""
    if session.penalty.capacity_at_zero() == 0.0 or not has_units(session):
        return None
    slices = one_weight_slices(session, factor)
    zeros = tuple(p.feature for p in slices if p.minimizer == 0.0)
    big = [p for p in slices if p.minimizer == 0.0 and abs(p.center) > 1.0]
    if big:
        p = max(big, key=lambda p: abs(p.center))
        return UnitsMyth(p.feature, factor, p.center, p.minimizer, "big_zero", zeros)
    small = [p for p in slices if p.minimizer != 0.0 and abs(p.minimizer) < 1.0]
    if small:
        p = min(small, key=lambda p: abs(p.minimizer))
        return UnitsMyth(p.feature, factor, p.center, p.minimizer, "small_kept", zeros)
    return None


def instructive_weight(session: Session) -> int:
    """The weight to open the one-weight view on: the weight at exactly 0 whose data pull at 0
    is nearest the threshold, else the weight whose pull at 0 is nearest it. A constant feature
    (a blank pixel) is chosen only if every feature is one: the data never pulls on it, so its
    picture shows nothing of the lesson."""
    forces, w = session.forces(), session.weights
    gap = np.abs(np.abs(forces.pull_at_zero) - hold_at_zero(session))
    varying = ~session.problem.constant_features
    if not varying.any():
        varying = np.ones_like(varying)
    zero = np.flatnonzero((w == 0.0) & varying)
    pool = zero if zero.size else np.flatnonzero(varying)
    return int(pool[np.argmin(gap[pool])])
