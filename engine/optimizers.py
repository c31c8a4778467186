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

:data:`OPTIMIZERS` is the only list of their names: the CLI's choices, the ``o`` key's cycle
and the lesson files read it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

import numpy as np

from engine.loss import Loss
from engine.penalties import Penalty

OptimizerName = Literal["proximal", "subgradient", "fista"]


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


State = PointState | FistaState


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


@dataclass(frozen=True)
class Optimizer:
    """A named ``(init, update)`` pair.

    ``smooth_penalty``: the update differentiates the penalty's squared part instead of taking
    it in a prox, so its step size is measured against ``L + 2 q``. ``input`` gives ``v``, what
    the next update maps to the next weights (see :meth:`engine.Session.step_input`).
    """

    name: OptimizerName
    init: Callable[[Loss, np.ndarray, float], Any]
    update: Callable[[Any, Loss, Penalty, float], Any]
    smooth_penalty: bool
    summary: str

    def input(self, state: State, lr: float) -> np.ndarray:
        if isinstance(state, FistaState):
            return state.y - lr * state.grad_y
        return state.w - lr * state.grad


OPTIMIZERS: dict[str, Optimizer] = {
    "proximal": Optimizer(
        "proximal", point, proximal, False, "gradient step, then the prox: exact zeros"
    ),
    "subgradient": Optimizer(
        "subgradient", point, subgradient, True, "plain subgradient step: jitters around 0"
    ),
    "fista": Optimizer("fista", fista_init, fista, False, "accelerated prox (with restart)"),
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
    so its ``L`` adds that part's ``2 q``."""
    return 1.0 / step_lipschitz(optimizer, loss, penalty)


def step_lipschitz(optimizer: OptimizerName, loss: Loss, penalty: Penalty) -> float:
    """The Lipschitz constant the step size of ``optimizer`` is measured against."""
    if OPTIMIZERS[optimizer].smooth_penalty:
        return loss.lipschitz + penalty.smooth_curvature()
    return loss.lipschitz
