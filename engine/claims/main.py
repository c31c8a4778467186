"""Claims about the run: its exact zeros, what holds them there (or fails to), and what
keeps the others off 0. The main screen's caption picks the first of :func:`run_claims`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from weakref import WeakKeyDictionary

import numpy as np

from l1l2_tui.engine import optimizers
from l1l2_tui.engine.loss_protocol import Loss
from l1l2_tui.engine.penalties import L2, Penalty
from l1l2_tui.engine.session import CONVERGED_TOL, Session

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
    settled: Settled | None = None
    """Those of ``features`` proven to stay 0 at every later step (:func:`settled_at_zero`)."""


@dataclass(frozen=True)
class ReachedZero:
    """``feature`` reached exactly 0 at ``step`` (recently, under these settings), is 0 now,
    its data pull at 0 is at most ``threshold`` and the next step leaves it there. A claim
    about now: the other weights still move, and with them this pull.

    ``settled`` is set when it is also proven to be 0 at every later step under these
    settings (see :func:`settled_at_zero`)."""

    feature: int
    step: int
    pull_at_zero: float
    threshold: float
    settled: Settled | None = None


@dataclass(frozen=True)
class Settled:
    """Proof that weights stay exactly 0 at every later step of the proximal step (ISTA) at
    step size ``lr`` under the settings in force: at a minimizer ``(w*, b*)`` of the objective
    such a weight is 0 and its data pull there, ``optimum_pull``, is below what the penalty holds
    at 0, ``threshold``, by more than ``distance / lr`` (twice over), ``distance`` being how far
    the run is from ``(w*, b*)`` now. See :func:`settled_at_zero` for the argument."""

    features: tuple[int, ...]
    distance: float
    lr: float
    threshold: float
    optimum_pulls: tuple[float, ...]

    def optimum_pull(self, feature: int) -> float:
        return self.optimum_pulls[self.features.index(feature)]


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


@dataclass(frozen=True)
class JumpingProx:
    """Under a penalty that is not convex (lp with ``p < 1``, l0): the next step's prox (at
    step ``lr``) sends every ``|v|`` up to ``threshold`` to exactly 0 and any larger one to at
    least ``jump``; ``zeros`` of ``total`` weights are exactly 0."""

    threshold: float
    jump: float
    lr: float
    zeros: int
    total: int
    constant: int = 0
    image: bool = False


@dataclass(frozen=True)
class StartMatters:
    """Under a penalty that is not convex: proximal steps at ``1/L`` from ``w = 0`` and from
    where L2's steps at the same lam end (at most ``steps`` each, :func:`local_minima`) end at
    different zeros, ``from_zero`` and ``from_l2`` of them, with objectives
    ``objective_from_zero`` and ``objective_from_l2``; this run has ``zeros`` of ``total``.
    Which weights end at 0 depends on the start."""

    from_zero: int
    from_l2: int
    objective_from_zero: float
    objective_from_l2: float
    zeros: int
    total: int
    steps: int


@dataclass(frozen=True)
class Frozen:
    """Under ``playground`` with an L1 part: ``features`` (of ``total``) are frozen at exactly 0:
    the rule never moves them again until a setting changes or the run is reset. ``against``
    are those of them whose data pull at 0 is above ``threshold`` now, so that 0 is not their
    best value; ``strongest`` has the largest of those pulls, ``pull_at_zero`` (None and 0 when
    ``against`` is empty)."""

    features: tuple[int, ...]
    total: int
    against: tuple[int, ...]
    strongest: int | None
    pull_at_zero: float
    threshold: float


@dataclass(frozen=True)
class AgainstMinimizer:
    """Under an Adam optimizer on every row (no minibatch noise), settled (its last step moved
    no weight by more than :data:`SETTLED` of the largest weight's size): ``zeros`` of
    ``total`` weights are exactly 0 where the exact minimizer has ``exact_zeros``; ``same``:
    the two zero sets are one; ``gap`` is the largest ``|w_j - w*_j|``."""

    optimizer: str
    zeros: int
    exact_zeros: int
    total: int
    same: bool
    gap: float


SETTLED = 1e-9
"""A step that moves no weight by more than this share of the largest weight's size: the run
rests where it is."""
OFF = 1e-6
"""A resting point further than this share of the weights' size from the minimizer is off it."""


RunClaim = (
    Frozen
    | Diverged
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
    | JumpingProx
    | StartMatters
    | AgainstMinimizer
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
    if not penalty.convex:
        return nonconvex_claims(session)
    if a > 0.0:
        claims.extend(against_minimizer(session))
        if session.settings.optimizer in JITTERING:
            claims.extend(jitter_claims(session)[:1])
        claims.extend(frozen_claims(session, forces.pull_at_zero, a))
        claims.extend(catch_up_claims(session, forces.stays_at_zero))
        claims.extend(kicked_off_claims(session))
        reached = latest_zeroed(session)
        held = np.flatnonzero(forces.resting)
        settled = settled_at_zero(session) if held.size else None
        if reached is not None and forces.resting[reached]:
            step = next(e.step for e in reversed(session.events) if e.feature == reached)
            pull = float(abs(forces.pull_at_zero[reached]))
            proven = settled if settled is not None and reached in settled.features else None
            claims.append(ReachedZero(reached, step, pull, a, proven))
        if held.size:
            strongest = int(held[np.argmax(np.abs(forces.pull_at_zero[held]))])
            pull = float(abs(forces.pull_at_zero[strongest]))
            features = tuple(int(j) for j in held)
            constant = int(np.count_nonzero(session.problem.constant_features[held]))
            image = session.problem.image_shape is not None
            claims.append(HeldAtZero(features, strongest, pull, a, constant, image, settled))
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


SETTLING = ("proximal",)
"""The optimizers whose every step, at a step size up to 2/L, brings the run no farther from any
minimizer of the objective: what :func:`settled_at_zero` rests on."""
SETTLED_MARGIN = 2.0
"""How many times over a weight's margin at the optimum must cover the run's distance from it:
room for the exact solver's own error (its tolerance is :data:`OPTIMUM_TOL`)."""
OPTIMUM_TOL = 1e-12

_optima: WeakKeyDictionary[Session, tuple[object, np.ndarray, float]] = WeakKeyDictionary()
"""Each session's exact minimizer, for the settings it was solved at."""


def optimum(session: Session) -> tuple[np.ndarray, float]:
    """A minimizer ``(w*, b*)`` of ``session``'s objective under its settings now, solved
    exactly (:meth:`l1l2_tui.engine.Loss.solve`) once per settings."""
    kept = _optima.get(session)
    if kept is None or kept[0] != session.settings:
        w, b = session.loss.solve(session.penalty, session.weights, session.intercept, OPTIMUM_TOL)
        kept = _optima[session] = (session.settings, w, b)
    return kept[1], kept[2]


def settled_at_zero(session: Session) -> Settled | None:
    """The weights proven to be exactly 0 at every later step of the run under its settings
    now, or None when nothing is (another optimizer, a penalty that is not ``a |w|_1 + q
    ||w||^2`` with ``a > 0``, a step size above 2/L, a diverged run).

    The argument, for the proximal step ``z+ = prox(T(z))`` with ``z = (w, b)`` and the
    forward step ``T(z) = z - lr grad f(z)``: for a convex ``f`` whose gradient is
    ``L``-Lipschitz and ``lr <= 2/L``, ``T`` is nonexpansive (Baillon and Haddad), and so is the
    prox, so every minimizer ``z*`` (a fixed point) is no nearer to the run after a step than
    before: ``|z_k - z*| <= r``, the distance now, at every later step ``k``. The prox sends
    ``w_j`` to exactly 0 when ``|T(z)_j| <= lr a``. At ``z*`` with ``w*_j = 0``,
    ``|T(z*)_j| = lr |g*_j|``, ``g*`` the data's gradient there, and
    ``|T(z_k)_j - T(z*)_j| <= r``; so ``lr |g*_j| + r <= lr a`` keeps ``w_j`` at 0 for good.
    It is asked here with the margin ``SETTLED_MARGIN`` times over."""
    penalty, name = session.penalty, session.settings.optimizer
    if name not in SETTLING or session.diverged is not None:
        return None
    form = penalty.as_elastic_net()
    if form is None or form[0] <= 0.0 or session.lr_relative > 2.0:
        return None
    a, lr = form[0], session.lr
    w_star, b_star = optimum(session)
    distance = math.hypot(
        float(np.linalg.norm(session.weights - w_star)), session.intercept - b_star
    )
    pulls = np.abs(session.loss.evaluate(w_star, b_star)[1])
    margin = lr * (a - pulls) - SETTLED_MARGIN * distance
    found = np.flatnonzero((w_star == 0.0) & (margin > 0.0) & (session.weights == 0.0))
    if not found.size:
        return None
    features = tuple(int(j) for j in found)
    return Settled(features, distance, lr, a, tuple(float(pulls[j]) for j in found))


def recent_weights(session: Session) -> tuple[np.ndarray, np.ndarray]:
    """Every step's weights since the last settings change or reset, at most
    :data:`JITTER_ROWS` of the latest."""
    steps, weights = session.recent.read()
    return steps[-JITTER_ROWS:], weights[-JITTER_ROWS:]


JITTERING = ("subgradient", "sgd", "adam")
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


def against_minimizer(session: Session) -> list[AgainstMinimizer]:
    """Where a settled Adam run rests against the exact minimizer (see
    :class:`AgainstMinimizer`; Adam optimizers on every row only)."""
    if not session.adaptive or session.minibatch_noise or session.step_count < 2:
        return []
    steps, weights = recent_weights(session)
    w = session.weights
    size = float(np.abs(w).max(initial=0.0))
    if len(steps) < 2 or np.abs(weights[-1] - weights[-2]).max() > SETTLED * max(size, 1e-300):
        return []
    exact = session.minimizer()
    gap = float(np.abs(w - exact).max(initial=0.0))
    same = bool(np.array_equal(w == 0.0, exact == 0.0))
    zeros, exact_zeros = int(np.count_nonzero(w == 0.0)), int(np.count_nonzero(exact == 0.0))
    optimizer = session.settings.optimizer
    return [AgainstMinimizer(optimizer, zeros, exact_zeros, len(w), same, gap)]


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


def frozen_claims(session: Session, pull_at_zero: np.ndarray, threshold: float) -> list[Frozen]:
    """The weights ``playground`` has frozen at 0, and those of them 0 is not best for now."""
    frozen = session.frozen_weights()
    if frozen is None or threshold == 0.0 or not frozen.any():
        return []
    features = tuple(int(j) for j in np.flatnonzero(frozen))
    pulls = np.abs(pull_at_zero)
    against = tuple(j for j in features if pulls[j] > threshold)
    strongest = max(against, key=lambda j: pulls[j]) if against else None
    pull = float(pulls[strongest]) if strongest is not None else 0.0
    return [Frozen(features, len(frozen), against, strongest, pull, threshold)]


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


def nonconvex_claims(session: Session) -> list[RunClaim]:
    """Under a penalty that is not convex: the starts that end apart, if they do, then the
    prox's jump."""
    penalty, count = session.penalty, zero_count(session)
    claims: list[RunClaim] = []
    (from_zero, value_zero, taken), (from_l2, value_l2, taken_l2) = local_minima(
        session.loss, penalty
    )
    if not np.array_equal(from_zero == 0.0, from_l2 == 0.0):
        zeros_zero = int(np.count_nonzero(from_zero == 0.0))
        zeros_l2 = int(np.count_nonzero(from_l2 == 0.0))
        steps = max(taken, taken_l2)
        claims.append(
            StartMatters(
                zeros_zero, zeros_l2, value_zero, value_l2, count.zeros, count.total, steps
            )
        )
    lr = session.next_lr()
    threshold, jump = penalty.dead_zone(lr), penalty.jump(lr)
    claims.append(
        JumpingProx(threshold, jump, lr, count.zeros, count.total, count.constant, count.image)
    )
    return claims


START_STEPS = 500
"""The most proximal steps :func:`local_minima` takes from each start: on large data (the
digits) 500 steps from the two starts take about a second, once for each penalty, and a
caption cannot wait for more; the caption says how many steps it speaks of."""


@lru_cache(maxsize=8)
def local_minima(loss: Loss, penalty: Penalty) -> tuple[tuple[np.ndarray, float, int], ...]:
    """Where proximal steps at ``1/L`` under ``penalty`` end, from ``w = 0`` and from where
    the same steps under L2 at the same lam end: each as the weights, the objective there and
    the steps taken. Steps end when the gradient-mapping norm is below
    :data:`l1l2_tui.engine.session.CONVERGED_TOL` or after :data:`START_STEPS`. Kept for the
    last few penalties: every frame's caption asks."""
    start = optimizers.point(loss, np.zeros(loss.d), loss.intercept_at_origin())
    from_zero = _descend(loss, penalty, start)[:3]
    ridge = _descend(loss, L2(penalty.lam), start)[3]
    return from_zero, _descend(loss, penalty, ridge)[:3]


def _descend(
    loss: Loss, penalty: Penalty, state: optimizers.PointState
) -> tuple[np.ndarray, float, int, optimizers.PointState]:
    lr = 1.0 / loss.lipschitz
    for taken in range(1, START_STEPS + 1):  # noqa: B007 (the count is kept)
        state = optimizers.proximal(state, loss, penalty, lr)
        if optimizers.gradient_mapping_norm(state, penalty, lr) < CONVERGED_TOL:
            break
    return state.w, state.value + penalty.value(state.w), taken, state


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
