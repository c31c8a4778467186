"""Optimizers as named ``(init, update)`` pairs, each with its own state, as optax has them.

``init(loss, w, b)`` gives an optimizer's state at weights ``w`` and intercept ``b``;
``update(state, loss, penalty, lr)`` returns the next state. Nothing is mutated and nothing is
recorded here. Every state carries ``w``, ``b``, the data loss ``value`` there and its
gradients ``grad`` (in ``w``) and ``grad_b`` (in ``b``); the intercept is never penalized. What a
step does not need itself is evaluated when first read (:class:`LazyPoint`): the full-data loss
after a minibatch step, FISTA's gradient at ``w``.

- ``proximal`` (ISTA): ``w <- prox_{lr * lam R}(w - lr * grad(w))``, ``b <- b - lr * grad_b``.
  Soft-thresholding puts weights on exactly 0.0; with ``lr <= 1/L`` the objective never
  increases.
- ``subgradient``: ``w <- w - lr * (grad(w) + s)`` with ``s`` the penalty's subgradient and
  ``sign(0) = 0``. Under L1 weights overshoot zero and jitter around it instead of landing on it.
- ``fista``: accelerated proximal gradient (Beck and Teboulle, 2009) with the gradient-based
  adaptive restart of O'Donoghue and Candes (2015). It needs the gradient at the extrapolated
  point ``y`` alone: two products with ``X`` a step (``X w`` for the loss at ``w``, and ``X'``
  times the residual at ``y``, whose raw prediction ``X y + y_b`` is the same extrapolation of
  those at ``w``), and for least squares, whose gradient is affine, one gradient a step.

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

A stochastic step touches its minibatch alone: the full-data loss and gradient at the new point
are evaluated only when read (the session reads them once per :meth:`Session.step` call, a frame
of the app). Their default step size is ``1 / L_B`` (:func:`minibatch_curvature`), the
curvature a minibatch of ``B`` of the ``n`` rows has in mean square, which lies between ``L``
(``B = n``) and the largest row's curvature ``R^2`` (``B = 1``), rather than the full data's
``1/L``, at which minibatch steps diverge when rows differ a lot (digits under least squares,
or 1,000 features at ``B = 32``).

Adam (Kingma and Ba, ICLR 2015) with a penalty, three ways (:mod:`l1l2_tui.engine.adam_l1` has the
formulas). Each takes its minibatch's gradient ``g`` as the sgd ones do (a batch of every row is
the full-batch gradient), keeps its moments ``m``, ``v`` and its step count ``t`` in its state,
and steps the intercept by plain Adam. With ``m_hat``, ``v_hat`` the bias-corrected moments
after feeding ``G`` and ``s = lr / (sqrt(v_hat) + eps)`` the step of each weight:

- ``adam``: ``G = g + a sign(w) + 2 q w``, ``w <- w - s * m_hat``: the penalty added to the
  loss, as deep-learning code does. Its constant pull is rescaled like the rest of the
  gradient: a weight that belongs at 0 crosses it and never rests there.
- ``adam-decoupled``: ``G = g``, ``w <- prox_{lr lam R}(w - s * m_hat)``: soft-thresholding by
  ``lr * a`` after the Adam step, as AdamW decouples weight decay (Loshchilov and Hutter, ICLR
  2019). It rests at exact zeros, but not at the minimizer: the data's step is rescaled by
  ``1/(sqrt(v_hat) + eps)`` and the penalty's is not.
- ``adam-prox``: ``G = g``, ``w <- prox_{s lam R}(w - s * m_hat)``, the prox in Adam's own
  diagonal metric (soft-thresholding by ``s_j * a`` per weight): its fixed points are the
  minimizers, so it lands on the exact solution's zeros.

Their ``lr`` is a length in the weights' units (an Adam step moves a weight by about ``lr``),
not a share of ``1/L``: see :func:`default_lr`.

- ``cd``: cyclic coordinate descent (Friedman, Hastie and Tibshirani, J. Stat. Softw. 2010,
  glmnet; scikit-learn's ``Lasso``). Each step sets one weight ``w_j``, ``j = 0, 1, ..., d - 1``
  in turn, to the exact minimizer of the objective along it, the others held: the zero view's
  one-weight minimizer (:meth:`l1l2_tui.engine.loss_protocol.Loss.weight_slice`), for least
  squares ``soft_threshold(Xc_j' r / n + h_j w_j, a) / (h_j + 2 q)``
  (:mod:`l1l2_tui.engine.coordinate_descent`). A loss whose intercept is not fitted in closed
  form (the logistic loss) then steps it, ``b <- b - lr * grad_b``, at the new weights. The
  state counts the full sweeps.

:data:`OPTIMIZERS` is the only list of their names: the CLI's choices, the ``o`` key's cycle
and the lesson files read it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, cast

import numpy as np

from l1l2_tui.engine import adam_l1
from l1l2_tui.engine.loss_protocol import Loss
from l1l2_tui.engine.penalties import NoPenalty, Penalty

OptimizerName = Literal[
    "proximal",
    "subgradient",
    "fista",
    "sgd",
    "sgd-clip",
    "sgd-prox",
    "sgd-cumulative",
    "playground",
    "adam",
    "adam-decoupled",
    "adam-prox",
    "cd",
]
StepMapKind = Literal[
    "prox", "subgradient", "clip", "cumulative", "penalty-clip", "adam", "metric", "coordinate"
]


class PointState(NamedTuple):
    """The state of the one-point methods (proximal, subgradient): where they are."""

    w: np.ndarray
    b: float
    value: float
    grad: np.ndarray
    grad_b: float


class LazyPoint:
    """The point ``(w, b)``, whose data loss ``value`` and gradients ``grad``, ``grad_b`` are
    evaluated when first read, then kept: a state a step makes without needing them.

    With ``raw`` (the raw prediction ``X w + b`` of a loss whose gradient is not affine) the
    value costs no product with ``X`` and the gradients one; otherwise the first read evaluates
    the loss at ``(w, b)``."""

    __slots__ = ("_grads", "_loss", "_value", "b", "raw", "w")

    def __init__(self, loss: Loss, w: np.ndarray, b: float, raw: np.ndarray | None = None) -> None:
        self.w, self.b, self.raw = w, b, raw
        self._loss = loss
        self._value: float | None = None
        self._grads: tuple[np.ndarray, float] | None = None

    @property
    def value(self) -> float:
        if self._value is None:
            if self.raw is None:
                self._evaluate()
            else:
                self._value = self._loss.value_at(self.raw)
        return cast(float, self._value)

    @property
    def grad(self) -> np.ndarray:
        return self._gradients()[0]

    @property
    def grad_b(self) -> float:
        return self._gradients()[1]

    def _gradients(self) -> tuple[np.ndarray, float]:
        if self._grads is None:
            if self.raw is None:
                self._evaluate()
            else:
                self._grads = self._loss.grad_at(self.raw)
        return cast(tuple[np.ndarray, float], self._grads)

    def _evaluate(self) -> None:
        value, grad, grad_b = self._loss.evaluate(self.w, self.b)
        self._value, self._grads = value, (grad, grad_b)


Point = PointState | LazyPoint


class FistaState(NamedTuple):
    """FISTA's state: the point ``at`` (``w``, ``b`` with its loss and gradients), the
    extrapolated point ``y``, ``y_b`` with the gradients there, and the momentum counter ``t``."""

    at: Point
    y: np.ndarray
    y_b: float
    grad_y: np.ndarray
    grad_y_b: float
    t: float

    w = property(lambda self: self.at.w)
    b = property(lambda self: self.at.b)
    value = property(lambda self: self.at.value)
    grad = property(lambda self: self.at.grad)
    grad_b = property(lambda self: self.at.grad_b)


class CumulativeState(NamedTuple):
    """The cumulative penalty's state: the point ``at`` (its full-data loss and gradients
    evaluated when read), the total L1 penalty ``u`` a weight could have received, and ``q``,
    what each did receive."""

    at: Point
    u: float
    q: np.ndarray

    w = property(lambda self: self.at.w)
    b = property(lambda self: self.at.b)
    value = property(lambda self: self.at.value)
    grad = property(lambda self: self.at.grad)
    grad_b = property(lambda self: self.at.grad_b)


class PlaygroundState(NamedTuple):
    """TensorFlow Playground's state: the point ``at`` (its full-data loss and gradients
    evaluated when read), and ``frozen``, the weights set to 0 for good when the penalty's part
    of a step crossed 0."""

    at: Point
    frozen: np.ndarray

    w = property(lambda self: self.at.w)
    b = property(lambda self: self.at.b)
    value = property(lambda self: self.at.value)
    grad = property(lambda self: self.at.grad)
    grad_b = property(lambda self: self.at.grad_b)


class AdamState(NamedTuple):
    """Adam's state: the point ``at`` (its full-data loss and gradients evaluated when read),
    the moments ``m``, ``v`` of the weights' and ``m_b``, ``v_b`` of the intercept's gradient,
    and ``t``, the steps taken (the bias correction's count)."""

    at: Point
    m: np.ndarray
    v: np.ndarray
    m_b: float
    v_b: float
    t: int

    w = property(lambda self: self.at.w)
    b = property(lambda self: self.at.b)
    value = property(lambda self: self.at.value)
    grad = property(lambda self: self.at.grad)
    grad_b = property(lambda self: self.at.grad_b)


class CoordinateState(NamedTuple):
    """Coordinate descent's state: the point with its loss and gradients, the weight the next
    step sets, and the full sweeps done."""

    w: np.ndarray
    b: float
    value: float
    grad: np.ndarray
    grad_b: float
    feature: int
    sweeps: int


State = (
    PointState
    | LazyPoint
    | FistaState
    | CumulativeState
    | PlaygroundState
    | AdamState
    | CoordinateState
)


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
    at = _fista_point(loss, w, b)
    return FistaState(at, w, b, at.grad, at.grad_b, 1.0)


def _fista_point(loss: Loss, w: np.ndarray, b: float) -> Point:
    if loss.affine_gradient:
        return point(loss, w, b)
    return LazyPoint(loss, w, b, loss.raw_prediction(w, b))


def fista(state: FistaState, loss: Loss, penalty: Penalty, lr: float) -> FistaState:
    """One FISTA step from the extrapolated point ``y = w + beta (w - w_prev)``.

    When the loss's gradient is affine, the gradient at ``y`` is ``grad + beta (grad -
    grad_prev)``: one gradient evaluation a step, as for ISTA. Otherwise the raw prediction at
    ``y`` is the same combination of those at ``w`` and ``w_prev``, and the gradient there
    takes the step's second product with ``X`` (the gradient at ``w`` is left until read)."""
    previous = state.at
    w = penalty.prox(state.y - lr * state.grad_y, lr)
    b = state.y_b - lr * state.grad_y_b
    at = _fista_point(loss, w, b)
    if float((state.y - w) @ (w - previous.w)) + (state.y_b - b) * (b - previous.b) > 0.0:
        return FistaState(at, w, b, at.grad, at.grad_b, 1.0)
    t = (1.0 + math.sqrt(1.0 + 4.0 * state.t * state.t)) / 2.0
    beta = (state.t - 1.0) / t
    y, y_b = w + beta * (w - previous.w), b + beta * (b - previous.b)
    if isinstance(at, LazyPoint):
        raw = cast(LazyPoint, previous).raw
        grad_y, grad_y_b = loss.grad_at(at.raw + beta * (at.raw - raw))
    else:
        grad_y = at.grad + beta * (at.grad - previous.grad)
        grad_y_b = at.grad_b + beta * (at.grad_b - previous.grad_b)
    return FistaState(at, y, y_b, grad_y, grad_y_b, t)


def sgd(state: State, loss: Loss, penalty: Penalty, lr: float, rows: np.ndarray) -> LazyPoint:
    g, g_b = loss.batch_grad(state.w, state.b, rows)
    return LazyPoint(loss, state.w - lr * (g + penalty.grad(state.w)), state.b - lr * g_b)


def sgd_clip(state: State, loss: Loss, penalty: Penalty, lr: float, rows: np.ndarray) -> LazyPoint:
    g, g_b = loss.batch_grad(state.w, state.b, rows)
    w = state.w - lr * (g + penalty.grad(state.w))
    if penalty.capacity_at_zero() > 0.0:
        w[state.w * w < 0.0] = 0.0
    return LazyPoint(loss, w, state.b - lr * g_b)


def sgd_prox(state: State, loss: Loss, penalty: Penalty, lr: float, rows: np.ndarray) -> LazyPoint:
    g, g_b = loss.batch_grad(state.w, state.b, rows)
    return LazyPoint(loss, penalty.prox(state.w - lr * g, lr), state.b - lr * g_b)


def cumulative_init(loss: Loss, w: np.ndarray, b: float = 0.0) -> CumulativeState:
    """The state at ``(w, b)`` with no penalty owed yet (``u = 0``, ``q = 0``)."""
    return CumulativeState(point(loss, w, b), 0.0, np.zeros_like(w, dtype=float))


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
    return CumulativeState(LazyPoint(loss, w, state.b - lr * g_b), u, q + (w - v))


def playground_init(loss: Loss, w: np.ndarray, b: float = 0.0) -> PlaygroundState:
    """The state at ``(w, b)`` with no weight frozen."""
    return PlaygroundState(point(loss, w, b), np.zeros(len(w), dtype=bool))


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
    return PlaygroundState(LazyPoint(loss, w, state.b - lr * g_b), frozen)


def adam_init(loss: Loss, w: np.ndarray, b: float = 0.0) -> AdamState:
    """The state at ``(w, b)`` with Adam's moments at 0 and no step taken."""
    zeros = np.zeros_like(w, dtype=float)
    return AdamState(point(loss, w, b), zeros, zeros, 0.0, 0.0, 0)


AdamWeightsUpdate = Callable[..., tuple[np.ndarray, np.ndarray, np.ndarray]]


def adam_update(weights_update: AdamWeightsUpdate) -> Callable[..., AdamState]:
    """The optimizer that steps the weights by ``weights_update`` (one of
    :mod:`l1l2_tui.engine.adam_l1`'s) and the intercept by plain Adam, on a minibatch."""

    def update(
        state: AdamState, loss: Loss, penalty: Penalty, lr: float, rows: np.ndarray
    ) -> AdamState:
        g, g_b = loss.batch_grad(state.w, state.b, rows)
        t = state.t + 1
        w, m, v = weights_update(state.w, g, state.m, state.v, t, lr, penalty)
        b, m_b, v_b = adam_l1.adam(state.b, g_b, state.m_b, state.v_b, t, lr)
        return AdamState(LazyPoint(loss, w, float(b)), m, v, float(m_b), float(v_b), t)

    return update


def adam_input(state: AdamState, loss: Loss, lr: float, rows: np.ndarray) -> np.ndarray:
    """``u = w - s * m_hat``, the weights after the next Adam step on the data's gradient alone
    and before the penalty's prox (for ``adam`` on ``g`` alone, though its step adds the
    penalty's subgradient to ``g``)."""
    g, _ = loss.batch_grad(state.w, state.b, rows)
    return adam_l1.adam(state.w, g, state.m, state.v, state.t + 1, lr)[0]


def coordinate_input(state: CoordinateState, loss: Loss, lr: float, rows: np.ndarray) -> np.ndarray:
    """The weights as they are: a coordinate step maps them to themselves but for one."""
    return state.w.copy()


def coordinate_init(loss: Loss, w: np.ndarray, b: float = 0.0) -> CoordinateState:
    """The state at ``(w, b)``, about to set weight 0."""
    return CoordinateState(*point(loss, w, b), 0, 0)


def coordinate_descent(
    state: CoordinateState, loss: Loss, penalty: Penalty, lr: float
) -> CoordinateState:
    """Weight ``state.feature`` to the minimizer along it, then the intercept's gradient step
    where the loss does not fit it (module docstring); on to the next weight."""
    j = state.feature
    w = state.w.copy()
    along = loss.weight_slice(state.w, state.b, state.grad, penalty, j, value=state.value)
    w[j] = along.minimizer
    at = point(loss, w, state.b)
    if at.grad_b != 0.0:
        at = point(loss, w, state.b - lr * at.grad_b)
    following = (j + 1) % len(w)
    return CoordinateState(*at, following, state.sweeps + (following == 0))


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
    weight's penalty still owes: a rule per weight, no one map), ``penalty-clip`` (as
    subgradient, then 0 where ``v - lr s(w)`` is across 0 from ``v``; frozen weights stay 0),
    ``adam`` (Adam's step with the penalty inside it), ``metric`` (the prox at each weight's own
    step: no one map) or ``coordinate`` (one weight to the minimizer along it, the others
    unchanged).

    ``adaptive``: an Adam step, whose ``lr`` is a length in the weights' units rather than a
    share of ``1/L``; ``preview`` gives ``v`` from ``(state, loss, lr, rows)`` where it is not
    ``w - lr * g`` (Adam's step; for ``cd`` the weights themselves). ``elastic_net_only``: why
    the rule is written for a penalty ``a ||w||_1 + q ||w||^2`` alone (``""``: it takes any).
    """

    name: OptimizerName
    init: Callable[[Loss, np.ndarray, float], Any]
    update: Callable[..., Any]
    smooth_penalty: bool
    summary: str
    stochastic: bool = False
    step_map: StepMapKind = "prox"
    adaptive: bool = False
    preview: Callable[[Any, Loss, float, np.ndarray], np.ndarray] | None = None
    elastic_net_only: str = ""

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
        elastic_net_only="its rule takes an L1 part and a squared part",
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
    "adam": Optimizer(
        "adam",
        adam_init,
        adam_update(adam_l1.adam_subgradient),
        True,
        "Adam on the gradient + subgradient: crosses 0, never rests",
        True,
        "adam",
        True,
        adam_input,
    ),
    "adam-decoupled": Optimizer(
        "adam-decoupled",
        adam_init,
        adam_update(adam_l1.adam_decoupled),
        False,
        "Adam, then the prox at step lr: zeros, off the minimum",
        True,
        "prox",
        True,
        adam_input,
    ),
    "adam-prox": Optimizer(
        "adam-prox",
        adam_init,
        adam_update(adam_l1.adam_prox),
        False,
        "Adam, then the prox in Adam's metric: the exact zeros",
        True,
        "metric",
        True,
        adam_input,
        elastic_net_only="its prox takes a step of each weight's own, written for an L1 part "
        "and a squared part",
    ),
    "cd": Optimizer(
        "cd",
        coordinate_init,
        coordinate_descent,
        False,
        "coordinate descent: one weight a step to its exact minimum",
        step_map="coordinate",
        preview=coordinate_input,
    ),
}
"""Every optimizer by name, in the ``o`` key's order (the same as :data:`OptimizerName`'s)."""


def gradient_mapping_norm(state: State, penalty: Penalty, lr: float) -> float:
    """``||(w, b) - (prox_{lr * lam R}(w - lr * grad), b - lr * grad_b)|| / lr``: zero exactly at a
    minimizer of ``F``."""
    w = state.w
    moved = w - penalty.prox(w - lr * state.grad, lr)
    return float(math.hypot(float(np.linalg.norm(moved)), lr * state.grad_b) / lr)


ADAM_LR_SHARE = 0.01
"""An Adam step's default length, as a share of the weights' scale (:func:`weight_scale`)."""


def weight_scale(loss: Loss) -> float:
    """``max_j |z_j|``, ``z_j`` the minimizer of the data loss along weight ``j`` alone from
    ``w = 0`` (the intercept at its best there), over the finite ones: how far a weight goes,
    in the weights' units. 1.0 when none moves."""
    w = np.zeros(loss.d)
    b = loss.intercept_at_origin()
    value, grad, _ = loss.evaluate(w, b)
    none = NoPenalty(0.0)
    centers = np.array(
        [loss.weight_slice(w, b, grad, none, j, value=value).center for j in range(loss.d)]
    )
    finite = np.abs(centers[np.isfinite(centers)])
    reach = float(finite.max(initial=0.0))
    return reach if reach > 0.0 else 1.0


def default_lr(
    optimizer: OptimizerName, loss: Loss, penalty: Penalty, batch: int | None = None
) -> float:
    """``1/L``; for Adam a length instead, :data:`ADAM_LR_SHARE` times :func:`weight_scale`
    (an Adam step moves each weight by about ``lr``; on standardized diabetes, whose target
    keeps its units, 0.45; on digits 0.013). The proximal methods handle the whole penalty in
    the prox, so ``L`` is the data loss's constant; the subgradient method also differentiates
    the smooth ``q ||w||^2`` part, so its ``L`` adds that part's ``2 q``. The other stochastic
    ones (minibatches of ``batch`` rows) take ``1 / (L_B + 2 q)`` (``1 / L_B`` for sgd-prox),
    ``L_B`` the minibatch curvature of :func:`minibatch_curvature`, as their first step size."""
    if OPTIMIZERS[optimizer].adaptive:
        return ADAM_LR_SHARE * weight_scale(loss)
    if OPTIMIZERS[optimizer].stochastic and batch is not None:
        curvature = minibatch_curvature(loss, batch)
        if OPTIMIZERS[optimizer].smooth_penalty:
            curvature += penalty.smooth_curvature()
        return 1.0 / curvature
    return 1.0 / step_lipschitz(optimizer, loss, penalty)


def minibatch_curvature(loss: Loss, batch: int) -> float:
    """``L_B = L n (B - 1) / (B (n - 1)) + R^2 (n - B) / (B (n - 1))`` for minibatches of
    ``B = batch`` of the ``n`` rows drawn without replacement: ``L`` the full data's Lipschitz
    constant and ``R^2`` the largest curvature of one row's loss (:attr:`Loss.row_curvature`).

    For least squares the Hessian of a minibatch, ``H_B``, has ``E[H_B^2] <= L_B H`` with
    ``H`` the full data's (the second moment of a mean of ``B`` rows drawn without
    replacement, with ``x x' x x' <= R^2 x x'`` and ``H^2 <= L H``), so a step of ``lr <=
    1/L_B`` contracts the distance to the optimum in mean square as a full-batch step of
    ``1/L`` does: ``E[(I - lr H_B)^2] <= I - lr H``. Hence no divergence at any batch size:
    ``L_B`` is ``R^2`` for single rows and ``L`` for every row. For the logistic loss the same
    rule holds with its Hessians' bound ``X' X / (4 n)``. On rows of similar size ``L_B`` is
    about ``L + R^2 / B``; a few outlying rows make it large (standardized digits: ``R^2`` is
    some 300 times ``L``), and a larger step may well converge, but not surely."""
    n = loss.n
    if batch >= n:
        return loss.lipschitz
    spread = batch * (n - 1)
    return loss.lipschitz * n * (batch - 1) / spread + loss.row_curvature * (n - batch) / spread


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
    with no faster exact solver for its size.

    Under a penalty that is not convex (``lp`` with ``p < 1``, ``l0``) FISTA's guarantees do
    not hold, and plain proximal steps are taken instead: each lowers the objective, and they
    reach a critical point near the start (Attouch, Bolte and Svaiter, "Convergence of descent
    methods for semi-algebraic and tame problems", Math. Program. 137, 2013), the local minimum
    the start leads to rather than a global one."""
    lr = 1.0 / loss.lipschitz
    accelerated = penalty.convex
    state: State = fista_init(loss, w0, b0) if accelerated else point(loss, w0, b0)
    for _ in range(FISTA_MAX_STEPS // 20):
        for _ in range(20):
            state = (
                fista(state, loss, penalty, lr)  # type: ignore[arg-type]
                if accelerated
                else proximal(state, loss, penalty, lr)
            )
        if gradient_mapping_norm(state, penalty, lr) < tol:
            break
    return state.w, float(state.b)
