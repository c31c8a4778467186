"""Three ways to put a penalty ``lam * R(w)`` into Adam, as pure one-step updates.

Written below for the elastic-net form ``a ||w||_1 + q ||w||^2`` (L1: ``q = 0``); each update asks
the :class:`~l1l2_tui.engine.penalties.Penalty` for its subgradient or its prox, so any separable
penalty goes in alike. ``g`` is the gradient of the data loss alone at ``w``; ``m``, ``v`` are
Adam's moment estimates before the step, ``t >= 1`` the number of this step. Each update returns the
new ``(w, m, v)``; Adam's moments and its step are Kingma and Ba's ("Adam: a method for stochastic
optimization", ICLR 2015):

    m = beta1 m + (1 - beta1) G,   v = beta2 v + (1 - beta2) G^2,
    m_hat = m / (1 - beta1^t),     v_hat = v / (1 - beta2^t),
    w - lr * m_hat / (sqrt(v_hat) + eps)

with ``G`` the gradient each update feeds it:

- :func:`adam_subgradient` feeds it ``G = g + a sign(w) + 2 q w`` (``sign(0) = 0``), as
  deep-learning code adds an L1 term to the loss: the penalty's constant pull is divided by
  ``sqrt(v_hat)`` like the rest, a weight that belongs at 0 jumps across it and never rests
  there.
- :func:`adam_decoupled` feeds it ``g`` and then applies the penalty's own proximal step of
  size ``lr``: ``soft_threshold(u, lr a) / (1 + 2 lr q)``, ``u`` the Adam-stepped weights. This
  is the L1 analogue of AdamW's decoupled weight decay (Loshchilov and Hutter, "Decoupled
  weight decay regularization", ICLR 2019). It rests at exact zeros, but its fixed points are
  not the lasso's: the data step is scaled by ``1 / (sqrt(v_hat) + eps)`` and the penalty's is
  not.
- :func:`adam_prox` feeds it ``g`` and then applies the proximal step in Adam's own diagonal
  metric ``D = diag((sqrt(v_hat) + eps) / lr)``: ``argmin_x 1/2 ||x - u||_D^2 + a ||x||_1 +
  q ||x||^2``, per weight ``soft_threshold(u_j, s_j a) / (1 + 2 s_j q)`` with the step
  ``s_j = lr / (sqrt(v_hat_j) + eps)``. Its fixed points are exactly the minimizers of the
  penalized objective (a proximal gradient step with any positive diagonal metric has the same
  fixed points). The scaled proximal step of proximal quasi-Newton methods (Lee, Sun and
  Saunders, "Proximal Newton-type methods for minimizing composite functions", SIAM J. Optim.
  24(3), 2014), with Adam's preconditioner as in ProxGen (Yun, Lozano and Yang, "Adaptive
  proximal gradient methods for structured neural networks", NeurIPS 2021).
"""

from __future__ import annotations

import numpy as np

from l1l2_tui.engine.penalties import Penalty

BETAS = (0.9, 0.999)
EPS = 1e-8


def adam_moments(
    g: np.ndarray, m: np.ndarray, v: np.ndarray, t: int, betas: tuple[float, float] = BETAS
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(m, v, m_hat, v_hat)`` after feeding the gradient ``g`` at step ``t >= 1``."""
    if t < 1:
        raise ValueError(f"Adam's step number t counts from 1, not {t}")
    beta1, beta2 = betas
    m = beta1 * m + (1.0 - beta1) * g
    v = beta2 * v + (1.0 - beta2) * g * g
    return m, v, m / (1.0 - beta1**t), v / (1.0 - beta2**t)


def adam(
    w: np.ndarray | float,
    g: np.ndarray | float,
    m: np.ndarray | float,
    v: np.ndarray | float,
    t: int,
    lr: float,
    betas: tuple[float, float] = BETAS,
    eps: float = EPS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Adam's own step on the gradient ``g`` (no penalty; the intercept's step): returns
    ``(w, m, v)``."""
    step, m_hat, m, v = _adam(g, m, v, t, lr, betas, eps)
    return w - step * m_hat, m, v


def adam_subgradient(
    w: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float,
    penalty: Penalty,
    betas: tuple[float, float] = BETAS,
    eps: float = EPS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Adam on ``G = g + penalty.grad(w)`` (``a sign(w) + 2 q w``, module docstring): returns
    ``(w, m, v)``."""
    return adam(w, g + penalty.grad(w), m, v, t, lr, betas, eps)


def adam_decoupled(
    w: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float,
    penalty: Penalty,
    betas: tuple[float, float] = BETAS,
    eps: float = EPS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Adam on ``g``, then ``penalty.prox(u, lr)`` (``soft_threshold(u, lr a) / (1 + 2 lr q)``,
    module docstring): returns ``(w, m, v)``."""
    step, m_hat, m, v = _adam(g, m, v, t, lr, betas, eps)
    return penalty.prox(w - step * m_hat, lr), m, v


def adam_prox(
    w: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float,
    penalty: Penalty,
    betas: tuple[float, float] = BETAS,
    eps: float = EPS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Adam on ``g``, then the prox in Adam's metric, ``penalty.prox(u, s)`` with the step
    ``s_j = lr / (sqrt(v_hat_j) + eps)`` per weight (``soft_threshold(u_j, s_j a) /
    (1 + 2 s_j q)``, module docstring): returns ``(w, m, v)``."""
    step, m_hat, m, v = _adam(g, m, v, t, lr, betas, eps)
    return penalty.prox(w - step * m_hat, step), m, v


def _adam(
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float,
    betas: tuple[float, float],
    eps: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Adam's step size per weight ``lr / (sqrt(v_hat) + eps)``, ``m_hat``, and the new
    moments, after feeding ``g``."""
    m, v, m_hat, v_hat = adam_moments(g, m, v, t, betas)
    return lr / (np.sqrt(v_hat) + eps), m_hat, m, v
