"""Penalties ``lam * R(w)`` and their proximal operators.

    R(w) = sum |w_j|                                              (l1)
         = sum w_j^2                                              (l2)
         = l1_ratio * sum |w_j| + (1 - l1_ratio) * sum w_j^2      (elasticnet)
         = 0                                                      (none)

Every penalty is ``a * ||w||_1 + q * ||w||_2^2`` with ``a = lam * l1_ratio`` and
``q = lam * (1 - l1_ratio)`` (``l1_ratio`` is 1 for l1 and 0 for l2), so one class with
two weights covers all four.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import numpy as np

PenaltyName = Literal["l1", "l2", "elasticnet", "none"]
PENALTIES: tuple[PenaltyName, ...] = ("l1", "l2", "elasticnet", "none")
LABELS: dict[str, str] = {"l1": "L1", "l2": "L2", "elasticnet": "EN", "none": "none"}


def soft_threshold(v: np.ndarray, threshold: float) -> np.ndarray:
    """``sign(v) * max(|v| - threshold, 0)``: exactly 0.0 wherever ``|v| <= threshold``.

    Adding 0.0 turns the -0.0 that ``sign(v) * 0`` gives for negative ``v`` into 0.0."""
    return np.sign(v) * np.maximum(np.abs(v) - threshold, 0.0) + 0.0


def prox_l1(v: np.ndarray, step: float, lam: float) -> np.ndarray:
    """``argmin_x 1/2 ||x - v||^2 + step * lam * ||x||_1`` = ``soft_threshold(v, step * lam)``."""
    return soft_threshold(v, step * lam)


def prox_l2(v: np.ndarray, step: float, lam: float) -> np.ndarray:
    """``argmin_x 1/2 ||x - v||^2 + step * lam * ||x||_2^2`` = ``v / (1 + 2 * step * lam)``."""
    return v / (1.0 + 2.0 * step * lam)


def prox_elastic_net(v: np.ndarray, step: float, lam: float, l1_ratio: float) -> np.ndarray:
    """``argmin_x 1/2 ||x - v||^2 + step * lam * (l1_ratio ||x||_1 + (1 - l1_ratio) ||x||_2^2)``
    = ``soft_threshold(v, step * lam * l1_ratio) / (1 + 2 * step * lam * (1 - l1_ratio))``."""
    return prox_l2(prox_l1(v, step, lam * l1_ratio), step, lam * (1.0 - l1_ratio))


@dataclass(frozen=True)
class Penalty:
    """The penalty ``lam * R(w)`` named by ``kind``; ``l1_ratio`` matters for elasticnet only."""

    kind: PenaltyName = "l1"
    lam: float = 0.1
    l1_ratio: float = 0.5

    def __post_init__(self) -> None:
        if self.kind not in PENALTIES:
            raise ValueError(f"unknown penalty {self.kind!r}; choose one of {', '.join(PENALTIES)}")
        if not (self.lam >= 0 and np.isfinite(self.lam)):
            raise ValueError(f"lam must be a finite number >= 0, not {self.lam}")
        if not 0.0 <= self.l1_ratio <= 1.0:
            raise ValueError(f"l1_ratio must lie in [0, 1], not {self.l1_ratio}")

    @property
    def label(self) -> str:
        """``L1``, ``L2``, ``EN`` or ``none``."""
        return LABELS[self.kind]

    @cached_property
    def effective_l1_ratio(self) -> float:
        return {"l1": 1.0, "l2": 0.0, "elasticnet": self.l1_ratio, "none": 0.0}[self.kind]

    @cached_property
    def l1_weight(self) -> float:
        """``a`` in ``a ||w||_1 + q ||w||_2^2``: the constant pull on every nonzero weight."""
        return 0.0 if self.kind == "none" else self.lam * self.effective_l1_ratio

    @cached_property
    def l2_weight(self) -> float:
        """``q`` in ``a ||w||_1 + q ||w||_2^2``: the pull ``2 q |w_j|`` fades near zero."""
        return 0.0 if self.kind == "none" else self.lam * (1.0 - self.effective_l1_ratio)

    def value(self, w: np.ndarray) -> float:
        """``lam * R(w)``."""
        return self.l1_weight * float(np.abs(w).sum()) + self.l2_weight * float(w @ w)

    def grad(self, w: np.ndarray) -> np.ndarray:
        """A subgradient of ``lam * R`` at ``w``: ``a * sign(w) + 2 q w`` with ``sign(0) = 0``."""
        return self.l1_weight * np.sign(w) + 2.0 * self.l2_weight * w

    def prox(self, v: np.ndarray, step: float) -> np.ndarray:
        """``argmin_x 1/2 ||x - v||^2 + step * lam * R(x)``."""
        shrunk = prox_l1(v, step, self.l1_weight) if self.l1_weight else v
        return prox_l2(shrunk, step, self.l2_weight) if self.l2_weight else shrunk

    def pull(self, w: np.ndarray) -> np.ndarray:
        """How hard the penalty pulls each weight towards 0: ``a + 2 q |w_j|``.

        For a weight at exactly 0 the L1 part is the most the penalty can hold against:
        the weight stays at 0 while its data pull ``|g_j|`` is at most ``a``.
        """
        return self.l1_weight + 2.0 * self.l2_weight * np.abs(w)

    def smooth_curvature(self) -> float:
        """The Lipschitz constant of the gradient of the smooth part ``q ||w||^2``: ``2 q``."""
        return 2.0 * self.l2_weight
