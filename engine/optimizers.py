"""Optimizers as named ``(init, update)`` pairs, each with its own state, as optax has them.

``init(loss, w, b)`` gives an optimizer's state at weights ``w`` and intercept ``b``;
``update(state, loss, penalty, lr)`` returns the next state. Nothing is mutated and nothing is
recorded here. Every state carries ``w``, ``b``, the data loss ``value`` there and its
gradients ``grad`` (in ``w``) and ``grad_b`` (in ``b``); the intercept is never penalized.

- ``proximal`` (ISTA): ``w <- prox_{lr * lam R}(w - lr * grad(w))``, ``b <- b - lr * grad_b``.
  Soft-thresholding puts weights on exactly 0.0; with ``lr <= 1/L`` the objective never
  increases.
- ``subgradient``: ``w <- w - lr * (grad(w) + s)`` with ``s`` the penalty's subgradient and
  ``sign(0) = 0``. Under L1 weights overshoot zero and jitter around it instead of landing on it.
- ``fista``: accelerated proximal gradient (Beck and Teboulle, 2009) with the gradient-based
  adaptive restart of O'Donoghue and Candes (2015).

The stochastic ones take the gradient ``g`` of the loss over a minibatch of ``rows`` (see
:mod:`l1l2_tui.engine.minibatches` for which rows and what step size ``lr`` each step gets), and the
intercept steps ``b <- b - lr * g_b`` with that minibatch's ``g_b``. With ``a`` the penalty's
L1 part and ``q`` its squared part (``a ||w||_1 + q ||w||^2``):

- ``sgd``: ``w <- w - lr * (g + a * sign(w) + 2 q w)``, ``sign(0) = 0``: the naive way. Each
  minibatch's noise kicks a weight at 0 off it, and a step lands on 0.0 only by accident.
  Under L2 alone it is plain SGD with weight decay.
- ``sgd-clip``: the ``sgd`` step, then a weight that crossed 0 (its sign flipped) is set to
  0, whether the data's part of the step or the penalty's carried it across. At 0 the L1 part
  does nothing (``sign(0) = 0``), so the next step moves the weight by the data's gradient
  alone: off 0 at once wherever that gradient is not 0, with or without minibatch noise. With no
  L1 part nothing is clipped (L2 holds nothing at 0): ``sgd``.
- ``sgd-prox``: FOBOS (Duchi and Singer, JMLR 2009): ``w <- prox_{lr lam R}(w - lr * g)``,
  soft-thresholding by ``lr * a`` (then the squared part's shrink ``1/(1 + 2 lr q)``) after
  every minibatch step; Langford, Li and Zhang's truncated gradient (JMLR 2009) with a step's
  truncation is the same for L1. Under L2 alone: SGD with the decay taken as a prox.
- ``sgd-cumulative``: Tsuruoka, Tsujii and Ananiadou (ACL 2009), as scikit-learn's
  ``SGDClassifier`` has it. ``u`` is the total L1 penalty each weight could have received so
  far (``u <- u + lr * a`` each step) and ``q_j`` the signed total it did receive. After the
  step ``v = w - lr * (g + 2 q w)``, a positive ``v_j`` becomes ``max(0, v_j - (u + q_j))``, a
  negative one ``min(0, v_j + (u - q_j))``, and ``q_j <- q_j + (w_j - v_j)``: the penalty a
  weight missed while it was kicked about is applied at once, so it can rest at 0. With no L1
  part ``u`` stays 0 and this is ``sgd``; the squared part is a gradient step, as there.
  ``u`` and ``q`` start at 0 whenever the state is made (a settings change makes it anew).
- ``playground``: TensorFlow Playground's rule (``updateWeights`` in its ``src/nn.ts``, since
  its pull request #55): the data's step ``v = w - lr * g``, then the penalty's
  ``v - lr * s(w)`` with ``s`` the subgradient at the old ``w``; where there is an L1 part and
  the penalty's part carried ``v`` across 0 (``v * (v - lr s(w)) < 0``), the weight is set to 0
  *and frozen*: no later step moves it (Playground marks the link dead). The freeze is decided
  the first time the penalty's part crosses, early in the run, and is never revisited; it lasts
  until the state is made anew (a settings change or a reset). A weight at 0 that is not frozen
  moves by the data's step alone. With no L1 part: ``sgd``.

:data:`OPTIMIZERS` is the only list of their names: the CLI's choices, the ``o`` key's cycle
and the lesson files read it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

import numpy as np

from l1l2_tui.engine.loss_protocol import Loss
from l1l2_tui.engine.penalties import Penalty

OptimizerName = Literal[
    "proximal",
    "subgradient",
    "fista",
    "sgd",
    "sgd-clip",
    "sgd-prox",
    "sgd-cumulative",
    "playground",
]
StepMapKind = Literal["prox", "subgradient", "clip", "cumulative", "penalty-clip"]


class PointState(NamedTuple):
    """The state of the one-point methods (proximal, subgradient): where they are."""

    w: np.ndarray
    b: float
    value: float
    grad: np.ndarray
    grad_b: float


class FistaState(NamedTuple):
    """FISTA's state: the point ``w``, ``b`` with its loss and gradients, the extrapolated point
    ``y``, ``y_b`` with the gradients there, and the momentum counter ``t``."""

    w: np.ndarray
    b: float
    value: float
    grad: np.ndarray
    grad_b: float
    y: np.ndarray
    y_b: float
    grad_y: np.ndarray
    grad_y_b: float
    t: float


class CumulativeState(NamedTuple):
    """The cumulative penalty's state: the point with its full-data loss and gradients, the
    total L1 penalty ``u`` a weight could have received, and ``q``, what each did receive."""

    w: np.ndarray
    b: float
    value: float
    grad: np.ndarray
    grad_b: float
    u: float
    q: np.ndarray


class PlaygroundState(NamedTuple):
    """TensorFlow Playground's state: the point with its full-data loss and gradients, and
    ``frozen``, the weights set to 0 for good when the penalty's part of a step crossed 0."""

    w: np.ndarray
    b: float
    value: float
    grad: np.ndarray
    grad_b: float
    frozen: np.ndarray


State = PointState | FistaState | CumulativeState | PlaygroundState


def point(loss: Loss, w: np.ndarray, b: float = 0.0) -> PointState:
    """The loss and its gradients at ``(w, b)``."""
    value, grad, grad_b = loss.evaluate(w, b)
    return PointState(w, b, value, grad, grad_b)


def proximal(state: State, loss: Loss, penalty: Penalty, lr: float) -> PointState:
    return point(loss, penalty.prox(state.w - lr * state.grad, lr), state.b - lr * state.grad_b)


def subgradient(state: State, loss: Loss, penalty: Penalty, lr: float) -> PointState:
    w = state.w - lr * (state.grad + penalty.grad(state.w))
    return point(loss, w, state.b - lr * state.grad_b)


def fista_init(loss: Loss, w: np.ndarray, b: float = 0.0) -> FistaState:
    """The state at ``(w, b)`` with momentum cleared (``y`` is ``w``, ``t == 1``)."""
    at = point(loss, w, b)
    return FistaState(*at, w, b, at.grad, at.grad_b, 1.0)


def fista(state: FistaState, loss: Loss, penalty: Penalty, lr: float) -> FistaState:
    """One FISTA step from the extrapolated point. When the loss's gradient is affine, the
    gradient at the next extrapolated point ``y = w + beta (w - w_prev)`` is
    ``grad + beta (grad - grad_prev)``: one gradient evaluation a step, as for ISTA; otherwise
    it is evaluated there."""
    w = penalty.prox(state.y - lr * state.grad_y, lr)
    b = state.y_b - lr * state.grad_y_b
    value, grad, grad_b = loss.evaluate(w, b)
    if float((state.y - w) @ (w - state.w)) + (state.y_b - b) * (b - state.b) > 0.0:
        return FistaState(w, b, value, grad, grad_b, w, b, grad, grad_b, 1.0)
    t = (1.0 + math.sqrt(1.0 + 4.0 * state.t * state.t)) / 2.0
    beta = (state.t - 1.0) / t
    y, y_b = w + beta * (w - state.w), b + beta * (b - state.b)
    if loss.affine_gradient:
        grad_y = grad + beta * (grad - state.grad)
        grad_y_b = grad_b + beta * (grad_b - state.grad_b)
    else:
        _, grad_y, grad_y_b = loss.evaluate(y, y_b)
    return FistaState(w, b, value, grad, grad_b, y, y_b, grad_y, grad_y_b, t)


def sgd(state: State, loss: Loss, penalty: Penalty, lr: float, rows: np.ndarray) -> PointState:
    g, g_b = loss.batch_grad(state.w, state.b, rows)
    return point(loss, state.w - lr * (g + penalty.grad(state.w)), state.b - lr * g_b)


def sgd_clip(state: State, loss: Loss, penalty: Penalty, lr: float, rows: np.ndarray) -> PointState:
    g, g_b = loss.batch_grad(state.w, state.b, rows)
    w = state.w - lr * (g + penalty.grad(state.w))
    if penalty.capacity_at_zero() > 0.0:
        w[state.w * w < 0.0] = 0.0
    return point(loss, w, state.b - lr * g_b)


def sgd_prox(state: State, loss: Loss, penalty: Penalty, lr: float, rows: np.ndarray) -> PointState:
    g, g_b = loss.batch_grad(state.w, state.b, rows)
    return point(loss, penalty.prox(state.w - lr * g, lr), state.b - lr * g_b)


def cumulative_init(loss: Loss, w: np.ndarray, b: float = 0.0) -> CumulativeState:
    """The state at ``(w, b)`` with no penalty owed yet (``u = 0``, ``q = 0``)."""
    return CumulativeState(*point(loss, w, b), 0.0, np.zeros_like(w, dtype=float))


def sgd_cumulative(
    state: CumulativeState, loss: Loss, penalty: Penalty, lr: float, rows: np.ndarray
) -> CumulativeState:
    a, squared = penalty.as_elastic_net()  # the rule is written for a ||w||_1 + q ||w||^2
    g, g_b = loss.batch_grad(state.w, state.b, rows)
    v = state.w - lr * (g + 2.0 * squared * state.w)
    u, q = state.u + lr * a, state.q
    w = np.where(
        v > 0.0,
        np.maximum(0.0, v - (u + q)),
        np.where(v < 0.0, np.minimum(0.0, v + (u - q)), 0.0),
    )
    return CumulativeState(*point(loss, w, state.b - lr * g_b), u, q + (w - v))


def playground_init(loss: Loss, w: np.ndarray, b: float = 0.0) -> PlaygroundState:
    """The state at ``(w, b)`` with no weight frozen."""
    return PlaygroundState(*point(loss, w, b), np.zeros(len(w), dtype=bool))


def playground(
    state: PlaygroundState, loss: Loss, penalty: Penalty, lr: float, rows: np.ndarray
) -> PlaygroundState:
    g, g_b = loss.batch_grad(state.w, state.b, rows)
    v = state.w - lr * g
    w = v - lr * penalty.grad(state.w)
    frozen = state.frozen.copy()
    if penalty.capacity_at_zero() > 0.0:
        frozen |= v * w < 0.0
    w = np.where(frozen, 0.0, w)
    return PlaygroundState(*point(loss, w, state.b - lr * g_b), frozen)


@dataclass(frozen=True)
class Optimizer:
    """A named ``(init, update)`` pair.

    ``smooth_penalty``: the update differentiates the penalty's squared part instead of taking it in
    a prox, so its step size is measured against ``L + 2 q``. ``stochastic``: ``update`` takes a
    fifth argument, the minibatch's rows (:meth:`step` passes them on to it alone). ``input`` gives
    ``v``, what the next update maps to the next weights (see
    :meth:`l1l2_tui.engine.Session.step_input`). ``step_map`` names how ``v`` becomes the next
    weight: ``prox`` (``prox(v)``, a dead zone at 0), ``subgradient`` (``v - lr s(w)``), ``clip``
    (as subgradient, then 0 where the sign flipped), ``cumulative`` (toward 0 by what each
    weight's penalty still owes: a rule per weight, no one map) or ``penalty-clip`` (as
    subgradient, then 0 where ``v - lr s(w)`` is across 0 from ``v``; frozen weights stay 0).
    """

    name: OptimizerName
    init: Callable[[Loss, np.ndarray, float], Any]
    update: Callable[..., Any]
    smooth_penalty: bool
    summary: str
    stochastic: bool = False
    step_map: StepMapKind = "prox"

    def step(self, state: Any, loss: Loss, penalty: Penalty, lr: float, rows: np.ndarray) -> Any:
        """The next state; ``rows`` are the minibatch of a stochastic optimizer."""
        if self.stochastic:
            return self.update(state, loss, penalty, lr, rows)
        return self.update(state, loss, penalty, lr)

    def input(self, state: State, lr: float) -> np.ndarray:
        if isinstance(state, FistaState):
            return state.y - lr * state.grad_y
        return state.w - lr * state.grad


OPTIMIZERS: dict[str, Optimizer] = {
    "proximal": Optimizer(
        "proximal", point, proximal, False, "gradient step, then the prox: exact zeros"
    ),
    "subgradient": Optimizer(
        "subgradient",
        point,
        subgradient,
        True,
        "plain subgradient step: jitters around 0",
        step_map="subgradient",
    ),
    "fista": Optimizer("fista", fista_init, fista, False, "accelerated prox (with restart)"),
    "sgd": Optimizer(
        "sgd",
        point,
        sgd,
        True,
        "minibatch gradient + subgradient: noise keeps weights off 0",
        True,
        "subgradient",
    ),
    "sgd-clip": Optimizer(
        "sgd-clip",
        point,
        sgd_clip,
        True,
        "sgd, then a weight that crossed 0 is set to 0",
        True,
        "clip",
    ),
    "sgd-prox": Optimizer(
        "sgd-prox", point, sgd_prox, False, "FOBOS: minibatch step, then the prox", True
    ),
    "sgd-cumulative": Optimizer(
        "sgd-cumulative",
        cumulative_init,
        sgd_cumulative,
        True,
        "the L1 penalty a weight missed is applied at once: exact zeros",
        True,
        "cumulative",
    ),
    "playground": Optimizer(
        "playground",
        playground_init,
        playground,
        True,
        "TensorFlow Playground: the penalty's part clipped at 0, the weight then frozen",
        True,
        "penalty-clip",
    ),
}
"""Every optimizer by name, in the ``o`` key's order (the same as :data:`OptimizerName`'s)."""


def gradient_mapping_norm(state: State, penalty: Penalty, lr: float) -> float:
    """``||(w, b) - (prox_{lr * lam R}(w - lr * grad), b - lr * grad_b)|| / lr``: zero exactly at a
    minimizer of ``F``."""
    w = state.w
    moved = w - penalty.prox(w - lr * state.grad, lr)
    return float(math.hypot(float(np.linalg.norm(moved)), lr * state.grad_b) / lr)


def default_lr(optimizer: OptimizerName, loss: Loss, penalty: Penalty) -> float:
    """``1/L``. The proximal methods handle the whole penalty in the prox, so ``L`` is the data
    loss's constant; the subgradient method also differentiates the smooth ``q ||w||^2`` part,
    so its ``L`` adds that part's ``2 q``. The stochastic ones take the same ``1/L`` (of the
    full data) as their first step size: on standardized digits, minibatches of 8 to 128 rows
    reach within 0.05 of the optimal objective in 20 epochs there under either schedule, while
    single rows need a smaller ``lr`` or the invsqrt schedule (tests/perf/bench_sgd.py)."""
    return 1.0 / step_lipschitz(optimizer, loss, penalty)


def step_lipschitz(optimizer: OptimizerName, loss: Loss, penalty: Penalty) -> float:
    """The Lipschitz constant the step size of ``optimizer`` is measured against."""
    if OPTIMIZERS[optimizer].smooth_penalty:
        return loss.lipschitz + penalty.smooth_curvature()
    return loss.lipschitz


FISTA_MAX_STEPS = 20_000


def fista_minimize(
    loss: Loss, penalty: Penalty, w0: np.ndarray, b0: float, tol: float
) -> tuple[np.ndarray, float]:
    """FISTA from ``(w0, b0)`` at step ``1/L``, in rounds of 20 steps, until the gradient-mapping
    norm is below ``tol`` or :data:`FISTA_MAX_STEPS` steps are taken: the minimizer of a loss
    with no faster exact solver for its size."""
    lr = 1.0 / loss.lipschitz
    state = fista_init(loss, w0, b0)
    for _ in range(FISTA_MAX_STEPS // 20):
        for _ in range(20):
            state = fista(state, loss, penalty, lr)
        if gradient_mapping_norm(state, penalty, lr) < tol:
            break
    return state.w, float(state.b)
