"""A live gradient-descent run that can be stepped, re-tuned and read.

The objective, with ``n`` samples and the intercept ``b`` fitted but never penalized:

    F(w, b) = 1/(2n) * ||y - X w - b||^2  +  lam * R(w)

with ``R`` as in :mod:`l1l2_tui.engine.penalties`. In scikit-learn's terms (same ``X``, ``y``,
``fit_intercept=True``): l1 is ``Lasso(alpha=lam)``; l2 is ``Ridge(alpha=2 * n * lam)``;
elasticnet is ``ElasticNet(alpha=a, l1_ratio=lam * l1_ratio / a)`` with
``a = lam * l1_ratio + 2 * lam * (1 - l1_ratio)``.

On a problem whose ``loss`` is ``logistic`` (or with ``loss=Logistic(X, y01)``) the data
term is the mean logistic loss instead and the optimizer fits ``b`` (see
:mod:`l1l2_tui.engine.logistic`, which gives scikit-learn's mapping there).

A :class:`Session` keeps its weights and step counter when the penalty, ``lam``,
``l1_ratio``, optimizer or step size change, so one run can be flipped from L2 to L1 and
watched. Only :meth:`Session.reset` starts over.

Under a stochastic optimizer each step sees the next minibatch of
:class:`l1l2_tui.engine.minibatches.MinibatchOrder` and takes the scheduled step size; the session
counts those steps (:attr:`Session.epoch`) across settings changes, so the order and the schedule go
on where they were, and a new ``batch`` or ``shuffle_seed`` starts a fresh epoch in the new order.
The objective, the forces and the events are those of the full data. A minibatch step costs its
minibatch: the full objective is evaluated when read, and the history records the last step of
each :meth:`Session.step` call (one frame of the app) rather than every step. Divergence is still
caught at the step it happens: an upper bound on the loss from ``||w||`` alone is checked each
step, and the objective itself only when that bound passes the limit.
"""

from __future__ import annotations

import copy
from collections import deque
from dataclasses import dataclass, fields, replace
from typing import Literal

import numpy as np

from l1l2_tui.engine import optimizers
from l1l2_tui.engine.blas import one_blas_thread
from l1l2_tui.engine.history import History, RecentSteps
from l1l2_tui.engine.lam_scale import suggested_lam
from l1l2_tui.engine.loss_protocol import Loss
from l1l2_tui.engine.losses import loss_for
from l1l2_tui.engine.minibatches import MinibatchOrder, scheduled_lr
from l1l2_tui.engine.penalties import L1, Penalty
from l1l2_tui.engine.problems import Problem
from l1l2_tui.engine.settings import Settings, check_changes

DIVERGENCE_FACTOR = 1e4
"""A run has diverged once its objective exceeds this many times its reference value."""


EventKind = Literal["zeroed", "left_zero", "settings", "diverged", "reset"]


CONVERGED_TOL = 1e-6
"""A gradient mapping norm below this is a converged run: ``l1l2-tui run``'s tolerance when
none is given, and where the app stops taking steps until something changes."""


@dataclass(frozen=True)
class Event:
    """Something worth telling: a weight reached or left exactly 0, a setting changed..."""

    step: int
    kind: EventKind
    message: str
    feature: int | None = None


@dataclass(frozen=True)
class Divergence:
    """The run stopped at ``step`` because its objective blew up, for ``cause``.

    ``lam_max`` is set when the step size is not what is wrong: the L1 part of lam is above
    ``lam_max`` (every weight belongs at exactly 0), and a step that cannot land on 0 throws
    the weights across it by about lr * lam each step, whose penalty alone passed the limit."""

    step: int
    cause: str
    lam_max: float | None = None

    @property
    def message(self) -> str:
        return f"diverged at step {self.step}: {self.cause}"


@dataclass(frozen=True)
class Forces:
    """The tug of war on each weight.

    ``data_grad[j]`` is ``dF_data/dw_j``: the data pulls ``w_j`` towards ``-data_grad[j]``
    with strength ``|data_grad[j]|``. ``penalty_pull[j]`` is how hard the penalty pulls
    ``w_j`` towards 0 (see :meth:`Penalty.pull`); at ``w_j = 0`` the L1 part ``a`` is not a
    force but a capacity: it can hold anything up to ``a``.

    ``pull_at_zero[j]`` is the data's pull on ``w_j`` at ``w_j = 0``, the other weights as
    they are: the number that decides. ``w_j = 0`` is the best value of ``w_j`` (the others
    held) exactly when ``|pull_at_zero[j]| <= a``. ``held_at_zero[j]`` is true where ``w_j`` is
    exactly 0 and that holds: the optimality condition that keeps it there.
    ``stays_at_zero[j]`` is true where ``w_j`` is exactly 0 and the optimizer's next step
    leaves it at exactly 0 (momentum, a subgradient step or a minibatch's noise can move a
    weight that is held; for a stochastic optimizer the next step is the one on the next
    minibatch).
    """

    data_grad: np.ndarray
    penalty_pull: np.ndarray
    held_at_zero: np.ndarray
    pull_at_zero: np.ndarray
    stays_at_zero: np.ndarray

    def copy(self) -> Forces:
        """The same forces in new arrays, for a caller free to change them."""
        return Forces(*(getattr(self, f.name).copy() for f in fields(self)))

    @property
    def resting(self) -> np.ndarray:
        """At exactly 0, held there by the L1 part, and kept there by the next step."""
        return self.held_at_zero & self.stays_at_zero


@dataclass(frozen=True)
class Marker:
    """A settings change on the time axis, e.g. ``Marker(412, "L1")``."""

    step: int
    label: str


class Session:
    """One run of gradient descent on ``problem`` under ``settings``."""

    def __init__(
        self,
        problem: Problem,
        settings: Settings | None = None,
        history_capacity: int | None = None,
        loss: Loss | None = None,
    ) -> None:
        """``loss`` is the data loss on ``problem`` (default: the one ``problem.loss`` names)."""
        self.problem = problem
        self.loss: Loss = loss_for(problem) if loss is None else loss
        self.history = History(problem.n_features, history_capacity)
        self.recent = RecentSteps(problem.n_features)
        """Every step's weights since the last settings change or reset, the latest 64."""
        self.events: deque[Event] = deque(maxlen=200)
        self.markers: deque[Marker] = deque(maxlen=64)
        self.event_count = 0
        value, grad, grad_b = self.loss.evaluate(np.zeros(problem.n_features), 0.0)
        self._loss_at_zero = value
        self._slope_at_zero = float(np.hypot(np.linalg.norm(grad), grad_b))
        self._next: tuple[object, np.ndarray] | None = None
        self._order: MinibatchOrder | None = None
        self._minibatch_step = 0
        self._epochs_before = 0.0
        self._forces: tuple[object, Forces] | None = None
        self._minimizer: tuple[Penalty, np.ndarray] | None = None
        self._settings = self._resolved(settings or Settings())
        self._apply_settings()
        self.reset()

    # -- reading -----------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def penalty(self) -> Penalty:
        return self._penalty

    @property
    def weights(self) -> np.ndarray:
        return self._state.w

    @property
    def intercept(self) -> float:
        return self.loss.intercept(self._state.w, self._state.b)

    @property
    def data_loss(self) -> float:
        return self._state.value

    @property
    def penalty_value(self) -> float:
        """``lam * R(w)``."""
        return self._penalty_value

    @property
    def objective(self) -> float:
        return self._state.value + self._penalty_value

    @property
    def zeros(self) -> int:
        """How many weights are exactly 0.0."""
        return int(np.count_nonzero(self._state.w == 0.0))

    @property
    def lr(self) -> float:
        """The step size in use (for a stochastic optimizer, its schedule's starting value)."""
        return self._lr

    @property
    def stochastic(self) -> bool:
        """Whether the optimizer steps on minibatches (counting epochs, on a schedule)."""
        return self._optimizer.stochastic

    @property
    def minibatch_noise(self) -> bool:
        """Whether each step sees a minibatch of fewer rows than all: only then does a step's
        gradient differ from the full data's, at random."""
        return self.stochastic and self._settings.batch < self.problem.n_samples

    @property
    def epoch(self) -> float:
        """Passes over the data the stochastic steps of this run have made (since the reset)."""
        return self._epochs_before + self._minibatch_order().epochs(self._minibatch_step)

    @property
    def steps_per_epoch(self) -> int:
        """Minibatch steps one pass over the data takes (1 for a batch of every row)."""
        return self._minibatch_order().steps_per_epoch

    def next_lr(self) -> float:
        """The step size of the next step: ``lr``, or for a stochastic optimizer what its
        schedule gives at :attr:`epoch`."""
        if not self._optimizer.stochastic:
            return self._lr
        return scheduled_lr(self._settings.schedule, self._lr, self.epoch)

    def next_rows(self) -> np.ndarray:
        """The rows the next stochastic step sees."""
        return self._minibatch_order().rows(self._minibatch_step)

    def cumulative_penalty(self) -> tuple[float, np.ndarray] | None:
        """Under ``sgd-cumulative``: ``(u, q)``, the L1 penalty each weight could have received
        since the optimizer's state was made and what each did receive (signed)."""
        state = self._state
        if isinstance(state, optimizers.CumulativeState):
            return state.u, state.q.copy()
        return None

    def frozen_weights(self) -> np.ndarray | None:
        """Under ``playground``: which weights are frozen at 0 for the rest of the run."""
        state = self._state
        if isinstance(state, optimizers.PlaygroundState):
            return state.frozen.copy()
        return None

    def coordinate(self) -> tuple[int, int] | None:
        """Under ``cd``: ``(feature, sweeps)``, the weight the next step sets and the full
        sweeps done since the optimizer's state was made."""
        state = self._state
        if isinstance(state, optimizers.CoordinateState):
            return state.feature, state.sweeps
        return None

    @property
    def adaptive(self) -> bool:
        """Whether the optimizer is an Adam step, whose ``lr`` is a length in the weights'
        units rather than a share of ``1/L``."""
        return self._optimizer.adaptive

    @property
    def lr_relative(self) -> float:
        """The step size in units of ``1/L``: 1.0 is the default, above 2.0 diverges."""
        return self._lr * optimizers.step_lipschitz(
            self._settings.optimizer, self.loss, self._penalty
        )

    @property
    def diverged(self) -> Divergence | None:
        return self._divergence

    @property
    def converged(self) -> bool:
        """Whether the run has converged: a full-batch run (a minibatch step moves the weights
        whatever this point's gradient) whose gradient mapping norm is below
        :data:`CONVERGED_TOL`."""
        if self.stochastic or self._divergence is not None:
            return False
        return self.gradient_mapping_norm() < CONVERGED_TOL

    def gradient_mapping_norm(self) -> float:
        """The proximal-gradient mapping norm at step ``1/L``: zero exactly at a minimizer."""
        return optimizers.gradient_mapping_norm(self._state, self._penalty, 1 / self.loss.lipschitz)

    def minimizer(self) -> np.ndarray:
        """The weights of the exact minimizer of ``F`` under the penalty in force
        (:meth:`Loss.solve`, warm-started at the run's weights), kept for that penalty: what a
        claim measures an optimizer's resting point against."""
        if self._minimizer is None or self._minimizer[0] != self._penalty:
            w, _ = self.loss.solve(self._penalty, self._state.w, self._state.b)
            self._minimizer = (self._penalty, w)
        return self._minimizer[1].copy()

    def forces(self) -> Forces:
        """The forces at the current state; kept for that state, like :meth:`next_weights`
        (the logistic pull at 0 costs n values a nonzero weight)."""
        if self._forces is not None and self._forces[0] is self._state:
            return self._forces[1].copy()
        w, grad = self._state.w, self._state.grad
        zero = w == 0.0
        at_zero = self.loss.pull_at_zero(w, self._state.b, grad)
        held = zero & (np.abs(at_zero) <= self._penalty.capacity_at_zero())
        stays = zero & (self.next_weights() == 0.0)
        forces = Forces(grad.copy(), self._penalty.pull(w), held, at_zero, stays)
        self._forces = (self._state, forces)
        return forces.copy()

    def step_input(self) -> np.ndarray:
        """``v``, what the next step maps to the next weights: ``w - lr * g`` (for fista at its
        extrapolated point, ``y - lr * grad(y)``; for a stochastic optimizer ``g`` is the next
        minibatch's gradient and ``lr`` the scheduled one; for Adam, its step on that gradient,
        :func:`l1l2_tui.engine.optimizers.adam_input`). The proximal methods send it to
        ``prox(v)``; the subgradient step to ``v - lr * s(w)``."""
        preview = self._optimizer.preview
        if preview is not None:
            return preview(self._state, self.loss, self.next_lr(), self.next_rows())
        if self._optimizer.stochastic:
            grad, _ = self.loss.batch_grad(self._state.w, self._state.b, self.next_rows())
            return self._state.w - self.next_lr() * grad
        return self._optimizer.input(self._state, self._lr)

    def next_weights(self) -> np.ndarray:
        """The weights the next step would give; the run is not changed.

        Kept for the state it was computed from: the claims, the forces and the views all ask
        for it within a frame, and each answer costs a step's gradient."""
        if self._next is None or self._next[0] is not self._state:
            rows = self.next_rows() if self._optimizer.stochastic else None
            step = self._optimizer.step(self._state, self.loss, self._penalty, self.next_lr(), rows)
            self._next = (self._state, step.w)
        return self._next[1].copy()

    # -- acting ------------------------------------------------------------------------
    def step(self, k: int = 1) -> int:
        """Take up to ``k`` steps; fewer if the run diverges. Returns the steps taken.

        Their products run on one BLAS thread (:mod:`l1l2_tui.engine.blas`)."""
        with one_blas_thread():
            return self._steps(k)

    def _steps(self, k: int) -> int:
        taken = 0
        optimizer = self._optimizer
        loss, penalty, lr, names = self.loss, self._penalty, self._lr, self.problem.feature_names
        stochastic, schedule = optimizer.stochastic, self._settings.schedule
        left = "kicked off 0" if stochastic else "left 0"
        zero_since = self._zero_since
        keep_events = self.events.maxlen or 0
        rows = None
        state = self._state
        zero = state.w == 0.0
        while taken < k and self._divergence is None:
            if stochastic:
                rows = self.next_rows()
                lr = scheduled_lr(schedule, self._lr, self.epoch)
            new = optimizer.step(state, loss, penalty, lr, rows)
            penalty_value = penalty.value(new.w)
            limit = self._divergence_limit
            # A minibatch step leaves the full objective unevaluated while a bound keeps it
            # within the limit.
            if not (stochastic and self._loss_bound(new.w, new.b) + penalty_value <= limit):
                objective = new.value + penalty_value
                if not (np.isfinite(objective) and objective <= limit):
                    self._diverge(objective, penalty_value)
                    break
            state = new
            self.step_count += 1
            self._minibatch_step += stochastic
            taken += 1
            new_zero = state.w == 0.0
            if (new_zero != zero).any():
                changed = np.flatnonzero(new_zero != zero)
                # Events the kept ones would push out at once are counted, not made: with many
                # weights kicked about by minibatches, making them took most of a step.
                dropped = changed[: max(len(changed) - keep_events, 0)]
                zero_since[dropped[new_zero[dropped]]] = self.step_count
                self.event_count += len(dropped)
                for j in changed[len(dropped) :]:
                    name, at = f"w{j + 1} {names[j]}", self.step_count
                    if new_zero[j]:
                        zero_since[j] = at
                        self._event("zeroed", f"{name} reached 0 at step {at}", j)
                    else:
                        since = f" (at 0 since step {zero_since[j]})" if zero_since[j] else ""
                        self._event("left_zero", f"{name} {left} at step {at}{since}", j)
            zero = new_zero
            self._state, self._penalty_value = state, penalty_value
            if not stochastic or taken == k:
                # A minibatch run records the call's last step alone, its full objective
                # evaluated once a call (a frame of the app).
                self.history.record(
                    self.step_count, state.value, penalty_value, int(zero.sum()), state.w
                )
            self.recent.record(self.step_count, state.w)
        if stochastic and 0 < taken < k:
            self.history.record(
                self.step_count, state.value, self._penalty_value, int(zero.sum()), state.w
            )
        return taken

    def _loss_bound(self, w: np.ndarray, b: float) -> float:
        """An upper bound on the data loss at ``(w, b)`` that costs no product with ``X``:
        ``f(0) + ||grad f(0)|| r + L r^2 / 2`` with ``r = ||(w, b)||``, the gradient being
        L-Lipschitz. Far below the divergence limit in any run that converges."""
        r = float(np.hypot(np.linalg.norm(w), b))
        return self._loss_at_zero + self._slope_at_zero * r + 0.5 * self.loss.lipschitz * r * r

    def run(self, max_steps: int, tol: float | None = None) -> bool:
        """Step until ``max_steps`` steps in all, or until the gradient mapping norm is below
        ``tol``. Returns whether the tolerance was met."""
        while self.step_count < max_steps and self._divergence is None:
            if tol is not None and self.gradient_mapping_norm() < tol:
                return True
            self.step(min(max_steps - self.step_count, 50 if tol is not None else max_steps))
        return tol is not None and self.gradient_mapping_norm() < tol

    def check_update(self, **changes: object) -> Settings:
        """The settings :meth:`update` would put in force; ``ValueError`` if it would refuse
        them. Nothing changes."""
        new = self._resolved(replace(self._settings, **check_changes(changes)))
        if new != self._settings:
            self._step_size(new)
            penalty_for(new)
        return new

    def update(self, **changes: object) -> Settings:
        """Change settings (any field of :class:`Settings`) mid-run, keeping weights and step.

        Raises ``ValueError`` for an unknown field or an invalid value; the run is then
        unchanged.
        """
        new = self.check_update(**changes)
        if new == self._settings:
            return new
        if (new.batch, new.shuffle_seed) != (self._settings.batch, self._settings.shuffle_seed):
            self._epochs_before, self._minibatch_step = self.epoch, 0
        old, self._settings = self._settings, new
        self._apply_settings()
        self._state = self._optimizer.init(self.loss, self._state.w, self._state.b)
        self._penalty_value = self._penalty.value(self._state.w)
        self._divergence = None
        self._divergence_limit = self._limit_from(self.objective)
        self.recent.clear()  # the recent steps are those under the settings in force
        self.recent.record(self.step_count, self._state.w)
        label = describe_change(old, new)
        self.markers.append(Marker(self.step_count, label))
        self._event("settings", f"{label} at step {self.step_count}")
        return new

    def reset(self) -> None:
        """Start over from ``w = 0`` at step 0, keeping the settings."""
        self.step_count = 0
        self._zero_since = np.zeros(self.problem.n_features, dtype=np.int64)
        """The step at which each weight last reached 0 (0: at the start, or never)."""
        self._minibatch_step, self._epochs_before = 0, 0.0
        self._state = self._optimizer.init(self.loss, np.zeros(self.problem.n_features), 0.0)
        self._penalty_value = 0.0
        self._divergence = None
        self._divergence_limit = self._limit_from(self.objective)
        self.history.clear()
        self.recent.clear()
        self.recent.record(0, self._state.w)
        self.markers.clear()
        self.history.record(0, self._state.value, 0.0, self.problem.n_features, self._state.w)
        self._event("reset", "reset: w = 0 at step 0")

    def copy(self) -> Session:
        """An independent copy of the run: weights, step, settings, history and events, on the
        same problem and loss (shared, never changed by a run)."""
        clone = Session.__new__(Session)
        clone.__dict__.update(self._copied_state())
        return clone

    def restore(self, saved: Session) -> None:
        """Put this run back to ``saved``'s state (a :meth:`copy` of a run on the same problem),
        exactly: stepping on gives the same weights, bit for bit. ``saved`` is left as it was,
        so it can be restored again."""
        if saved.problem is not self.problem:
            raise ValueError("a run can only be restored from a copy of a run on its problem")
        self.__dict__.update(saved._copied_state())

    def _copied_state(self) -> dict[str, object]:
        shared = (self.problem, self.loss, self._optimizer)
        return copy.deepcopy(self.__dict__, memo={id(part): part for part in shared})

    # -- internals ---------------------------------------------------------------------
    def _resolved(self, settings: Settings) -> Settings:
        """``settings`` with ``lam=None`` replaced by the suggested lam for this problem."""
        if settings.lam is None:
            return replace(settings, lam=suggested_lam(self.problem))
        return settings

    def _minibatch_order(self) -> MinibatchOrder:
        settings, order = self._settings, self._order
        wanted = (self.loss.n, min(settings.batch, self.loss.n), settings.shuffle_seed)
        if order is None or (order.n, order.batch, order.seed) != wanted:
            order = self._order = MinibatchOrder(self.loss.n, settings.batch, settings.shuffle_seed)
        return order

    def _apply_settings(self) -> None:
        self._penalty = penalty_for(self._settings)
        self._optimizer = optimizers.OPTIMIZERS[self._settings.optimizer]
        self._lr = self._step_size(self._settings)

    def _step_size(self, settings: Settings) -> float:
        """The step size ``settings`` give; ``ValueError`` when the default ``1/L`` is no
        usable number (a squared part so large that ``L + 2 q`` overflows)."""
        if settings.lr is not None:
            return settings.lr
        lr = optimizers.default_lr(
            settings.optimizer, self.loss, settings.as_penalty(), settings.batch
        )
        if not (np.isfinite(lr) and lr > 0):
            raise ValueError(
                f"lam {settings.lam:g} is too large for the {settings.optimizer} step: its "
                "default step size 1/(L + 2q) is 0 (q: the squared part's weight); give a "
                "smaller --lam"
            )
        return lr

    def _limit_from(self, objective: float) -> float:
        reference = max(objective, self._loss_at_zero, np.finfo(float).tiny)
        return DIVERGENCE_FACTOR * reference

    def _diverge(self, objective: float, penalty_value: float) -> None:
        step, lr = self.step_count + 1, f"lr {self._lr:.4g}"
        if not self.adaptive:  # an Adam lr is a length, no share of 1/L
            lr += f" = {self.lr_relative:.3g}/L"
        lam_max = self._lam_past_lam_max(penalty_value)
        if lam_max is not None:
            a, name = self._penalty.capacity_at_zero(), self._penalty.strength
            cause = (
                f"{name} {a:.4g} is {a / lam_max:.3g} times lam_max {lam_max:.4g}, where every "
                f"weight belongs at exactly 0, and the {self._settings.optimizer} step cannot "
                f"land on 0: it throws the weights across 0 by about lr·{name} = "
                f"{self._lr * a:.3g} a step, and the penalty of that alone passed "
                f"{DIVERGENCE_FACTOR:g} times the starting objective ({lr})"
            )
        elif np.isfinite(objective):
            cause = f"the objective grew past {DIVERGENCE_FACTOR:g} times its starting value ({lr})"
        else:
            cause = f"the weights overflowed ({lr})"
        self._divergence = Divergence(step, cause, lam_max)
        self._event("diverged", self._divergence.message)

    def _lam_past_lam_max(self, penalty_value: float) -> float | None:
        """The L1 lam_max, when it explains a blow-up (see :class:`Divergence`): a step that
        cannot land on 0, an L1 part of lam above lam_max, and the penalty alone past the
        limit. None otherwise."""
        a = self._penalty.capacity_at_zero()
        if (
            self._optimizer.step_map != "subgradient"
            or not 0.0 < a < np.inf
            or not penalty_value > self._divergence_limit
        ):
            return None
        from l1l2_tui.engine.path import lam_max  # the exact solver's module: load it only now

        top = lam_max(self.loss, L1())
        return top if a > top else None

    def _event(self, kind: EventKind, message: str, feature: int | None = None) -> None:
        self.events.append(Event(self.step_count, kind, message, feature))
        self.event_count += 1


def penalty_for(settings: Settings) -> Penalty:
    """The penalty ``settings`` name (``lam`` resolved); ``ValueError`` when their optimizer is
    not written for it (:attr:`l1l2_tui.engine.optimizers.Optimizer.elastic_net_only`)."""
    penalty = settings.as_penalty()
    why = optimizers.OPTIMIZERS[settings.optimizer].elastic_net_only
    if why and penalty.as_elastic_net() is None:
        raise ValueError(
            f"{settings.optimizer} cannot take {penalty.label}: {why}; choose another "
            "optimizer, or p = 1 or 2"
        )
    return penalty


def describe_change(old: Settings, new: Settings) -> str:
    """A short label for a settings change: ``L1``, ``lam 0.15``, ``fista``, ``lr 0.02``..."""
    parts = []
    if new.penalty != old.penalty:
        parts.append(new.as_penalty().label)
    if new.lam != old.lam:
        parts.append(f"lam {new.lam:.3g}")
    if new.l1_ratio != old.l1_ratio:
        parts.append(f"l1_ratio {new.l1_ratio:.2g}")
    if new.p != old.p:
        parts.append(f"p {new.p:g}")
    if new.optimizer != old.optimizer:
        parts.append(new.optimizer)
    if new.lr != old.lr:
        parts.append("lr 1/L" if new.lr is None else f"lr {new.lr:.3g}")
    if new.batch != old.batch:
        parts.append(f"batch {new.batch}")
    if new.schedule != old.schedule:
        parts.append(f"schedule {new.schedule}")
    if new.shuffle_seed != old.shuffle_seed:
        parts.append(f"shuffle_seed {new.shuffle_seed}")
    return ", ".join(parts)
