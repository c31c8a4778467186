"""Optimizers as pure state-in, state-out updates.

Each update takes the current :class:`State`, the data loss, the penalty and a step size
``lr`` and returns the next state; nothing is mutated and nothing is recorded here.

- ``proximal`` (ISTA): ``w <- prox_{lr * lam R}(w - lr * grad(w))``. Soft-thresholding puts
  weights on exactly 0.0; with ``lr <= 1/L`` the objective never increases.
- ``subgradient``: ``w <- w - lr * (grad(w) + s)`` with ``s`` the penalty's subgradient and
  ``sign(0) = 0``. Under L1 weights overshoot zero and jitter around it instead of landing on it.
- ``fista``: accelerated proximal gradient (Beck and Teboulle, 2009) with the gradient-based
  adaptive restart of O'Donoghue and Candes (2015).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Literal, NamedTuple

import numpy as np

from engine.loss import LeastSquares
from engine.penalties import Penalty

OptimizerName = Literal["proximal", "subgradient", "fista"]
OPTIMIZERS: tuple[OptimizerName, ...] = ("proximal", "subgradient", "fista")


class State(NamedTuple):
    """Weights ``w`` with the data loss and its gradient there. ``y``, ``grad_y`` and ``t`` are
    FISTA's extrapolation point, the gradient there and its momentum counter (``y is w`` and
    ``t == 1`` for the others)."""

    w: np.ndarray
    data_loss: float
    grad: np.ndarray
    y: np.ndarray
    grad_y: np.ndarray
    t: float


Update = Callable[[State, LeastSquares, Penalty, float], State]


def init(loss: LeastSquares, w: np.ndarray) -> State:
    """The state at ``w``, with momentum cleared."""
    value, grad = loss.value_and_grad(w)
    return State(w, value, grad, w, grad, 1.0)


def proximal(state: State, loss: LeastSquares, penalty: Penalty, lr: float) -> State:
    return init(loss, penalty.prox(state.w - lr * state.grad, lr))


def subgradient(state: State, loss: LeastSquares, penalty: Penalty, lr: float) -> State:
    return init(loss, state.w - lr * (state.grad + penalty.grad(state.w)))


def fista(state: State, loss: LeastSquares, penalty: Penalty, lr: float) -> State:
    """One FISTA step. The data loss's gradient is affine, so the gradient at the extrapolated
    point ``y = w + beta (w - w_prev)`` is ``grad + beta (grad - grad_prev)``: one gradient
    evaluation a step, as for ISTA."""
    w = penalty.prox(state.y - lr * state.grad_y, lr)
    value, grad = loss.value_and_grad(w)
    if float((state.y - w) @ (w - state.w)) > 0.0:
        return State(w, value, grad, w, grad, 1.0)
    t = (1.0 + math.sqrt(1.0 + 4.0 * state.t * state.t)) / 2.0
    beta = (state.t - 1.0) / t
    return State(w, value, grad, w + beta * (w - state.w), grad + beta * (grad - state.grad), t)


UPDATES: dict[str, Update] = {"proximal": proximal, "subgradient": subgradient, "fista": fista}


def gradient_mapping_norm(state: State, penalty: Penalty, lr: float) -> float:
    """``||w - prox_{lr * lam R}(w - lr * grad)|| / lr``: zero exactly at a minimizer of ``F``."""
    w = state.w
    return float(np.linalg.norm(w - penalty.prox(w - lr * state.grad, lr)) / lr)


def default_lr(optimizer: OptimizerName, loss: LeastSquares, penalty: Penalty) -> float:
    """``1/L``. The proximal methods handle the whole penalty in the prox, so ``L`` is the data
    loss's constant; the subgradient method also differentiates the smooth ``q ||w||^2`` part,
    so its ``L`` adds that part's ``2 q``."""
    return 1.0 / step_lipschitz(optimizer, loss, penalty)


def step_lipschitz(optimizer: OptimizerName, loss: LeastSquares, penalty: Penalty) -> float:
    """The Lipschitz constant the step size of ``optimizer`` is measured against."""
    if optimizer == "subgradient":
        return loss.lipschitz + penalty.smooth_curvature()
    return loss.lipschitz
