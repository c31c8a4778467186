"""Claims: what may be said about a run, computed from its numbers and made only when it holds.

Every sentence the app shows about the run is rendered from one of these (in
``tui/narration.py``); a claim that does not hold for the current state, optimizer and
penalty is never made. Each claim carries the numbers it rests on, so a test can check it
against the engine.

The mechanism the claims speak of: with an L1 part ``a = lam * l1_ratio`` the penalty pulls a
nonzero weight with the constant force ``a`` however small it is, and at ``w_j = 0`` it can
hold back any data pull up to ``a``. So ``w_j = 0`` is the best value of ``w_j`` (the other
weights held) exactly when the data's pull *at* ``w_j = 0`` is at most ``a``; the proximal step
(soft-thresholding) lands on it. L2's pull ``2 q w_j`` fades to nothing at 0 and holds nothing
there. Plain subgradient steps jump across 0 and almost never land on it.

On minibatches the same holds for the full data, but each step sees a noisy gradient: the noise
kicks a weight off 0 wherever it lands there (``sgd-clip``, ``sgd-prox``), and naive ``sgd``
jumps across 0 as the subgradient method does. The cumulative penalty (``sgd-cumulative``)
applies to each weight the L1 penalty it missed while it was kicked about, so it can rest at 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.loss import LeastSquares
from engine.one_weight import OneWeightSlice, weight_slice
from engine.path import RegularizationPath
from engine.penalties import Penalty
from engine.session import Session

RECENT_STEPS = 30
"""A weight that reached 0 this many steps ago or less is news."""
JITTER_ROWS = 64
"""How many of the latest recorded steps a jitter claim looks back over."""
TINY = 0.05
"""A weight below this fraction of the largest weight's size is tiny."""
GROWTH = 1e-3
"""A weight grows with lam only if its size grows by more than this fraction."""


# -- the zeros ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ZeroCount:
    """``zeros`` of ``total`` weights are exactly 0, and ``constant`` of those are the weights of
    features that are the same in every row (:attr:`engine.Problem.constant_features`, the
    digits' always-blank pixels): the data never pulls on them, so they are 0 under any penalty
    and are not the penalty's doing. ``image``: the features are the pixels of an image."""

    zeros: int
    total: int
    constant: int = 0
    image: bool = False


def zero_count(session: Session) -> ZeroCount:
    """The exact zeros of ``session``'s weights, and how many of them are constant features."""
    problem, w = session.problem, session.weights
    zero = w == 0.0
    constant = int(np.count_nonzero(zero & problem.constant_features))
    image = problem.image_shape is not None
    return ZeroCount(int(np.count_nonzero(zero)), len(w), constant, image)


# -- the run ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Diverged:
    """The run diverged at ``step``: the step size is too large for it."""

    step: int


@dataclass(frozen=True)
class NoPenalty:
    """No penalty, or lam = 0: nothing pulls the weights towards 0."""


@dataclass(frozen=True)
class ConstantPull:
    """Under a penalty with an L1 part: every nonzero weight feels the pull ``threshold``
    (``lam * l1_ratio``) towards 0 whatever its size, plus ``2 * l2_weight * |w_j|``."""

    threshold: float
    l2_weight: float


@dataclass(frozen=True)
class HeldAtZero:
    """Weights ``features`` are exactly 0, their data pulls at 0 are at most ``threshold``, and
    the next step leaves them at exactly 0. ``strongest`` has the largest pull,
    ``pull_at_zero``."""

    features: tuple[int, ...]
    strongest: int
    pull_at_zero: float
    threshold: float
    constant: int = 0
    """How many of ``features`` are constant features (see :class:`ZeroCount`)."""
    image: bool = False


@dataclass(frozen=True)
class ReachedZero:
    """``feature`` reached exactly 0 at ``step`` (recently, under these settings), is 0 now,
    its data pull at 0 is at most ``threshold`` and the next step leaves it there."""

    feature: int
    step: int
    pull_at_zero: float
    threshold: float


@dataclass(frozen=True)
class Jitter:
    """Under subgradient steps (full-batch or ``sgd``) with an L1 part: over the last
    ``steps`` steps (as recorded) ``feature`` crossed 0 ``crossings`` times, stayed within
    ``band`` of 0, and was never exactly 0.0. ``lr`` is the step size."""

    feature: int
    crossings: int
    steps: int
    band: float
    lr: float


@dataclass(frozen=True)
class TinyButNonzero:
    """``feature`` is tiny (``|weight|`` at most :data:`TINY` of the largest weight's size) and
    nonzero, yet 0 is not its best value: its data pull at 0 exceeds ``threshold``."""

    feature: int
    weight: float
    pull_at_zero: float
    threshold: float


@dataclass(frozen=True)
class FadingPull:
    """Under L2 alone: the nonzero weight nearest 0, ``feature`` = ``weight``, feels the pull
    ``pull = 2 q |weight|``, which fades to nothing at 0. ``zeros`` of ``total`` weights are 0."""

    feature: int
    weight: float
    pull: float
    zeros: int
    total: int
    constant: int = 0
    """How many of the zeros are constant features (see :class:`ZeroCount`)."""
    image: bool = False


@dataclass(frozen=True)
class NoneZero:
    """Under L2 alone: ``zeros`` of ``total`` weights are exactly 0 (only the start or a data
    pull of exactly 0 makes one; ``constant`` of them are constant features, which the data
    never pulls)."""

    zeros: int
    total: int
    constant: int = 0
    image: bool = False


@dataclass(frozen=True)
class KickedOff:
    """Under a stochastic optimizer with an L1 part: over the last ``steps`` steps (every one
    recorded), ``features`` were exactly 0 after one step and nonzero after the next, ``most``
    of them ``times`` times."""

    features: tuple[int, ...]
    most: int
    times: int
    steps: int


@dataclass(frozen=True)
class CatchUp:
    """Under ``sgd-cumulative`` with an L1 part: ``features`` (of ``total``) are exactly 0 and
    the next minibatch's step leaves them there; ``u`` is the L1 penalty each weight could have
    received since the rule's count began, which the rule holds against each step's kick."""

    features: tuple[int, ...]
    total: int
    u: float


RunClaim = (
    Diverged
    | NoPenalty
    | ConstantPull
    | HeldAtZero
    | ReachedZero
    | Jitter
    | TinyButNonzero
    | FadingPull
    | NoneZero
    | KickedOff
    | CatchUp
)


def run_claims(session: Session) -> list[RunClaim]:
    """The claims that hold for ``session`` now, the most telling first."""
    if session.diverged is not None:
        return [Diverged(session.diverged.step)]
    penalty = session.penalty
    a, q = penalty.l1_weight, penalty.l2_weight
    if a == 0.0 and q == 0.0:
        return [NoPenalty()]
    forces, w = session.forces(), session.weights
    claims: list[RunClaim] = []
    if a > 0.0:
        if session.settings.optimizer in JITTERING:
            claims.extend(jitter_claims(session)[:1])
        claims.extend(catch_up_claims(session, forces.stays_at_zero))
        claims.extend(kicked_off_claims(session))
        reached = latest_zeroed(session)
        held = np.flatnonzero(forces.resting)
        if reached is not None and forces.resting[reached]:
            step = next(e.step for e in reversed(session.events) if e.feature == reached)
            pull = float(abs(forces.pull_at_zero[reached]))
            claims.append(ReachedZero(reached, step, pull, a))
        if held.size:
            strongest = int(held[np.argmax(np.abs(forces.pull_at_zero[held]))])
            pull = float(abs(forces.pull_at_zero[strongest]))
            features = tuple(int(j) for j in held)
            constant = int(np.count_nonzero(session.problem.constant_features[held]))
            image = session.problem.image_shape is not None
            claims.append(HeldAtZero(features, strongest, pull, a, constant, image))
        claims.extend(tiny_but_nonzero(session, forces.pull_at_zero, a)[:1])
        claims.append(ConstantPull(a, q))
        return claims
    count = zero_count(session)
    zeros, constant, image = count.zeros, count.constant, count.image
    nonzero = np.flatnonzero(w)
    if nonzero.size:
        j = int(nonzero[np.argmin(np.abs(w[nonzero]))])
        pull = 2.0 * q * abs(float(w[j]))
        claims.append(FadingPull(j, float(w[j]), pull, zeros, len(w), constant, image))
    claims.append(NoneZero(zeros, len(w), constant, image))
    return claims


def latest_zeroed(session: Session) -> int | None:
    """The weight that most recently reached exactly 0, if that was recent, under the settings
    in force, and it is still 0."""
    for event in reversed(session.events):
        if session.step_count - event.step > RECENT_STEPS:
            return None
        if event.kind in ("settings", "reset"):
            return None
        if event.kind == "zeroed" and event.feature is not None:
            return event.feature if session.weights[event.feature] == 0.0 else None
    return None


def recent_weights(session: Session) -> tuple[np.ndarray, np.ndarray]:
    """Every step's weights since the last settings change or reset, at most
    :data:`JITTER_ROWS` of the latest."""
    steps, weights = session.recent.read()
    return steps[-JITTER_ROWS:], weights[-JITTER_ROWS:]


JITTERING = ("subgradient", "sgd")
"""The optimizers whose steps take the L1 part as a subgradient and never clip at 0."""


def jitter_claims(session: Session) -> list[Jitter]:
    """Weights that jump across 0 and never land on it, the most crossings first (subgradient
    steps, full-batch or ``sgd``, with an L1 part only)."""
    if session.settings.optimizer not in JITTERING or session.penalty.l1_weight == 0.0:
        return []
    steps, weights = recent_weights(session)
    if len(steps) < 3:
        return []
    signs = np.sign(weights)
    crossings = np.count_nonzero(signs[1:] * signs[:-1] < 0, axis=0)
    landed = (weights == 0.0)[1:].any(axis=0)
    band = np.abs(weights).max(axis=0)
    found = np.flatnonzero((crossings >= 2) & ~landed)
    found = found[np.lexsort((band[found], -crossings[found]))]
    span = int(steps[-1] - steps[0])
    return [Jitter(int(j), int(crossings[j]), span, float(band[j]), session.lr) for j in found]


def kicked_off_claims(session: Session) -> list[KickedOff]:
    """Weights a minibatch step took off exactly 0 over the recent steps (stochastic
    optimizers with an L1 part only). The first recorded row is where the settings changed or
    the run was reset, not where a step put a weight, so a weight that only starts at 0 is not
    counted."""
    if not session.stochastic or session.penalty.l1_weight == 0.0:
        return []
    steps, weights = recent_weights(session)
    if len(steps) < 3:
        return []
    at_zero = weights[1:-1] == 0.0
    kicks = np.count_nonzero(at_zero & (weights[2:] != 0.0), axis=0)
    found = np.flatnonzero(kicks)
    if not found.size:
        return []
    most = int(found[np.argmax(kicks[found])])
    span = int(steps[-1] - steps[0])
    return [KickedOff(tuple(int(j) for j in found), most, int(kicks[most]), span)]


def catch_up_claims(session: Session, stays_at_zero: np.ndarray) -> list[CatchUp]:
    """The weights the cumulative penalty keeps at exactly 0 through the next minibatch."""
    owed = session.cumulative_penalty()
    if owed is None or session.penalty.l1_weight == 0.0 or not stays_at_zero.any():
        return []
    features = tuple(int(j) for j in np.flatnonzero(stays_at_zero))
    return [CatchUp(features, session.problem.n_features, owed[0])]


def tiny_but_nonzero(
    session: Session, pull_at_zero: np.ndarray, threshold: float
) -> list[TinyButNonzero]:
    """Tiny nonzero weights whose data pull at 0 is above ``threshold``, the smallest first."""
    w = session.weights
    top = float(np.abs(w).max(initial=0.0))
    small = (w != 0.0) & (np.abs(w) <= TINY * top) & (np.abs(pull_at_zero) > threshold)
    found = np.flatnonzero(small)
    found = found[np.argsort(np.abs(w[found]), kind="stable")]
    return [
        TinyButNonzero(int(j), float(w[j]), float(abs(pull_at_zero[j])), threshold) for j in found
    ]


# -- each weight --------------------------------------------------------------------------------
@dataclass(frozen=True)
class WeightState:
    """One weight's standing: ``weight`` and its data pull at 0 against ``threshold`` (the L1
    part, 0 without one). ``zero_is_best`` is ``|pull_at_zero| <= threshold``; ``stays`` says
    whether a weight at 0 stays exactly 0 on the next step."""

    feature: int
    weight: float
    pull_at_zero: float
    threshold: float
    zero_is_best: bool
    stays: bool


def weight_states(session: Session) -> list[WeightState]:
    forces, w = session.forces(), session.weights
    a = session.penalty.l1_weight
    return [
        WeightState(
            j,
            float(w[j]),
            float(abs(forces.pull_at_zero[j])),
            a,
            bool(abs(forces.pull_at_zero[j]) <= a),
            bool(forces.stays_at_zero[j]),
        )
        for j in range(len(w))
    ]


def nearest_threshold(states: list[WeightState]) -> WeightState:
    """The weight whose data pull at 0 is nearest its threshold: the closest call of the run,
    which the forces view names and always shows."""
    return min(states, key=lambda state: abs(state.pull_at_zero - state.threshold))


# -- two runs side by side ----------------------------------------------------------------------
@dataclass(frozen=True)
class SideBySide:
    """Two runs at ``step``, alike but for ``differs``: ``labels`` (e.g. L1 and L2, or proximal
    and subgradient) with ``zeros`` exact zeros each, out of ``total``; ``optimizers`` are
    the sides' optimizers."""

    step: int
    labels: tuple[str, str]
    zeros: tuple[int, int]
    total: int
    differs: str
    optimizers: tuple[str, str]
    held: tuple[int, int] = (0, 0)
    """Weights at 0 that the next step keeps there, with their data pull at 0 within the L1
    part, on each side."""
    diverged: tuple[int | None, int | None] = (None, None)
    """The step at which each side diverged, if it did (it then stays there)."""
    constant: tuple[int, int] = (0, 0)
    """How many of each side's zeros are constant features (see :class:`ZeroCount`)."""
    image: bool = False
    """The features are the pixels of an image (the constant ones are blank pixels)."""
    noise: bool = False
    """The sides step on minibatches of fewer rows than all (see
    :attr:`Session.minibatch_noise`)."""


def side_by_side(
    left: Session, right: Session, left_label: str | None = None, right_label: str | None = None
) -> SideBySide:
    """The claim about two runs; each is labelled by its penalty unless labels are given."""
    differs = "optimizer" if left.settings.optimizer != right.settings.optimizer else "penalty"
    return SideBySide(
        left.step_count,
        (left_label or left.penalty.label, right_label or right.penalty.label),
        (left.zeros, right.zeros),
        left.problem.n_features,
        differs,
        (left.settings.optimizer, right.settings.optimizer),
        (held_count(left), held_count(right)),
        (diverged_at(left), diverged_at(right)),
        (zero_count(left).constant, zero_count(right).constant),
        left.problem.image_shape is not None,
        left.minibatch_noise and right.minibatch_noise,
    )


def diverged_at(session: Session) -> int | None:
    return session.diverged.step if session.diverged is not None else None


def held_count(session: Session) -> int:
    """How many weights are held at exactly 0: at 0, staying there, pull at 0 within lam."""
    forces = session.forces()
    return int(np.count_nonzero(forces.resting))


# -- the plane of two weights ------------------------------------------------------------------
@dataclass(frozen=True)
class PlaneOptimum:
    """In the plane of ``features`` (the other weights held), under the penalty ``kind``, the
    exact optimum has ``zero[k]`` true where that weight is exactly 0."""

    features: tuple[int, int]
    kind: str
    zero: tuple[bool, bool]
    l1_share: float = 1.0
    """The L1 part's share of the penalty: 1 draws a diamond, 0 a circle."""
    ellipses: bool = True
    """The data loss's level sets are ellipses (least squares), not the logistic loss's."""


def plane_optimum_claim(
    penalty: Penalty, features: tuple[int, int], optimum: np.ndarray, ellipses: bool = True
) -> PlaneOptimum | None:
    """What the exact plane ``optimum`` shows; nothing without a penalty."""
    if penalty.l1_weight == 0.0 and penalty.l2_weight == 0.0:
        return None
    zero = (bool(optimum[0] == 0.0), bool(optimum[1] == 0.0))
    return PlaneOptimum(features, penalty.kind, zero, penalty.effective_l1_ratio, ellipses)


# -- the regularization path --------------------------------------------------------------------
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


# -- one weight at a time -----------------------------------------------------------------------
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


def one_weight_slice(session: Session, j: int, factor: float = 1.0) -> OneWeightSlice:
    """The slice along ``w_j`` at the run's weights (and intercept), in units ``factor``."""
    w, grad = session.weights, session.forces().data_grad
    loss, penalty, value = session.loss, session.penalty, session.data_loss
    return weight_slice(loss, w, grad, penalty, j, factor, value, session.intercept)


def one_weight_slices(session: Session, factor: float = 1.0) -> list[OneWeightSlice]:
    """Every weight's slice at the run's weights, in units ``factor``."""
    return [one_weight_slice(session, j, factor) for j in range(session.problem.n_features)]


def has_units(session: Session) -> bool:
    """Whether the run's target has units to change: least squares, not labels."""
    return isinstance(session.loss, LeastSquares)


def slice_minimum(piece: OneWeightSlice, factor: float) -> SliceMinimum:
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
    if session.penalty.l1_weight == 0.0 or not has_units(session):
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
    gap = np.abs(np.abs(forces.pull_at_zero) - session.penalty.l1_weight)
    varying = ~session.problem.constant_features
    if not varying.any():
        varying = np.ones_like(varying)
    zero = np.flatnonzero((w == 0.0) & varying)
    pool = zero if zero.size else np.flatnonzero(varying)
    return int(pool[np.argmin(gap[pool])])
