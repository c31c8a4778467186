"""Claims about the run: its exact zeros, what holds them there (or fails to), and what
keeps the others off 0. The main screen's caption picks the first of :func:`run_claims`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from l1l2_tui.engine.session import Session

RECENT_STEPS = 30
"""A weight that reached 0 this many steps ago or less is news."""
JITTER_ROWS = 64
"""How many of the latest recorded steps a jitter claim looks back over."""
TINY = 0.05
"""A weight below this fraction of the largest weight's size is tiny."""


@dataclass(frozen=True)
class ZeroCount:
    """``zeros`` of ``total`` weights are exactly 0, and ``constant`` of those are the weights of
    features that are the same in every row (:attr:`l1l2_tui.engine.Problem.constant_features`, the
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


@dataclass(frozen=True)
class Diverged:
    """The run diverged at ``step``: the step size is too large for it; or, with ``lam_max``,
    lam is past lam_max and the step cannot land on 0 (:class:`l1l2_tui.engine.Divergence`)."""

    step: int
    lam_max: float | None = None


@dataclass(frozen=True)
class Unpenalized:
    """No penalty, or lam = 0: nothing pulls the weights towards 0."""


@dataclass(frozen=True)
class ConstantPull:
    """Under a penalty that holds weights at 0: every nonzero weight feels the pull ``threshold``
    (what it holds at 0, ``lam * l1_ratio``) towards 0 whatever its size, plus
    ``fading_slope * |w_j|`` (``2 lam (1 - l1_ratio)``), which fades near 0."""

    threshold: float
    fading_slope: float


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
    """Under a penalty that holds nothing at 0 (L2 alone): the nonzero weight nearest 0,
    ``feature`` = ``weight``, feels the pull ``pull`` (``2 q |weight|``), which fades to nothing
    at 0. ``zeros`` of ``total`` weights are 0."""

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
    """Under a penalty that holds nothing at 0 (L2 alone): ``zeros`` of ``total`` weights are
    exactly 0 (only the start or a data
    pull of exactly 0 makes one; ``constant`` of them are constant features, which the data
    never pulls)."""

    zeros: int
    total: int
    constant: int = 0
    image: bool = False


@dataclass(frozen=True)
class KickedOff:
    """Under a stochastic optimizer, with a penalty that holds weights at 0: over the last
    ``steps`` steps (every one
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
    | Unpenalized
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
        return [Diverged(session.diverged.step, session.diverged.lam_max)]
    penalty = session.penalty
    if not penalty.penalizes:
        return [Unpenalized()]
    forces, w = session.forces(), session.weights
    claims: list[RunClaim] = []
    a = penalty.capacity_at_zero()
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
        claims.append(ConstantPull(a, penalty.smooth_curvature()))
        return claims
    count = zero_count(session)
    zeros, constant, image = count.zeros, count.constant, count.image
    nonzero = np.flatnonzero(w)
    if nonzero.size:
        j = int(nonzero[np.argmin(np.abs(w[nonzero]))])
        pull = float(penalty.pull(w[j : j + 1])[0])
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
    if session.settings.optimizer not in JITTERING or session.penalty.capacity_at_zero() == 0.0:
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
    if not session.stochastic or session.penalty.capacity_at_zero() == 0.0:
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
    if owed is None or session.penalty.capacity_at_zero() == 0.0 or not stays_at_zero.any():
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


@dataclass(frozen=True)
class TrueSupport:
    """Against the true weights: of the ``true_count`` truly nonzero weights, ``missed`` are 0
    in ``weights`` (false negatives), and ``extra`` are nonzero there though truly 0 (false
    positives). ``lam`` is the lam ``weights`` belong to."""

    lam: float
    true_count: int
    extra: tuple[int, ...]
    missed: tuple[int, ...]


def true_support(weights: np.ndarray, true_weights: np.ndarray, lam: float) -> TrueSupport:
    """Which of ``weights``' zeros and nonzeros are wrong, against ``true_weights``."""
    truly = true_weights != 0.0
    kept = weights != 0.0
    return TrueSupport(
        lam,
        int(truly.sum()),
        tuple(int(j) for j in np.flatnonzero(kept & ~truly)),
        tuple(int(j) for j in np.flatnonzero(truly & ~kept)),
    )
