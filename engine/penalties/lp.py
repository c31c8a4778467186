"""``lam * sum |w_j|^p`` for ``0 < p <= 2``: the p dial between L2 (``p = 2``) and L1 (``p = 1``)
and below it, towards L0.

- ``p > 1``: smooth at 0; its pull ``lam p |w|^(p - 1)`` fades to nothing there, so it holds no
  weight at 0 and its prox has no dead zone: a weight is exactly 0 only where the data's pull
  at 0 is exactly 0.
- ``p = 1``: L1 exactly (the class answers as :class:`~l1l2_tui.engine.penalties.L1` does).
- ``p < 1``: not convex. Its pull grows without bound near 0, so 0 is a local minimum along
  every weight whatever the data's pull; the prox zeroes ``|v|`` up to the threshold
  ``tau(p, lr lam)`` and jumps from 0 to ``(2 lr lam (1 - p))^(1/(2 - p))`` past it
  (:mod:`l1l2_tui.engine.lp_prox`, which names the sources). Which local minimum a run reaches
  depends on where it starts.
"""

from __future__ import annotations

import math

import numpy as np

from l1l2_tui.engine.lp_prox import check_p, lp_jump, lp_level_set, lp_threshold, prox_lp
from l1l2_tui.engine.penalties.base import Penalty
from l1l2_tui.engine.penalties.elastic_net import prox_l1, prox_l2


class Lp(Penalty):
    """``lam * sum_j |w_j|^p``. At ``p = 1`` its numbers are L1's exactly, at ``p = 2`` L2's
    (``lam ||w||^2``); the dial's keys land on ``p = 1.0`` exactly."""

    FIELDS = ("lam", "p")
    name = "lp"

    p: float

    def __init__(self, lam: float = 0.1, p: float = 1.0) -> None:
        super().__init__(lam)
        check_p(p)
        object.__setattr__(self, "p", float(p))

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"L{self.p:g}"

    @property
    def shape(self) -> str:  # type: ignore[override]
        if self.p == 2.0:
            return "circle"
        if self.p == 1.0:
            return "diamond"
        return "rounded diamond" if self.p > 1.0 else "star"

    @property
    def convex(self) -> bool:
        return self.p >= 1.0

    @property
    def fading(self) -> str:
        if self.p <= 1.0:
            return ""
        return f"{self.p:g}·lam"

    def fading_pull(self, weight: str = "|w|") -> str:
        """``p·lam·|w|^(p - 1)`` for ``1 < p < 2`` (``2·lam·|w|`` at ``p = 2``)."""
        if self.p <= 1.0:
            return ""
        return f"{self.p:g}·lam·{weight}" + ("" if self.p == 2.0 else f"^{self.p - 1:g}")

    def per_weight(self, w: np.ndarray) -> np.ndarray:
        size = np.abs(np.asarray(w, dtype=float))
        if self.p == 1.0:
            return self.lam * size
        return self.lam * size * size if self.p == 2.0 else self.lam * size**self.p

    def value(self, w: np.ndarray) -> float:
        w = np.asarray(w, dtype=float)
        if self.p == 1.0:
            return self.lam * float(np.abs(w).sum())
        if self.p == 2.0:
            return self.lam * float(w @ w)
        return self.lam * float((np.abs(w) ** self.p).sum())

    def grad(self, w: np.ndarray) -> np.ndarray:
        """``lam p |w_j|^(p - 1) sign(w_j)`` where ``w_j != 0``, 0 where ``w_j = 0``: the gradient
        for ``p > 1``, L1's subgradient with ``sign(0) = 0`` at ``p = 1``, and for ``p < 1`` an
        element of the (regular) subdifferential at 0, which is all of R."""
        w = np.asarray(w, dtype=float)
        if self.p == 1.0:
            return self.lam * np.sign(w)
        if self.p == 2.0:
            return 2.0 * self.lam * w
        out = np.zeros_like(w)
        moved = w != 0.0
        out[moved] = np.sign(w[moved]) * self.lam * self.p * np.abs(w[moved]) ** (self.p - 1.0)
        return out

    def curvature(self, w: np.ndarray) -> np.ndarray:
        """``lam p (p - 1) |w_j|^(p - 2)`` (nonzero entries; 0 at ``p = 1``)."""
        size = np.abs(np.asarray(w, dtype=float))
        if self.p in (1.0, 2.0):
            return np.full(size.shape, self.lam * self.p * (self.p - 1.0))
        with np.errstate(divide="ignore"):
            return self.lam * self.p * (self.p - 1.0) * size ** (self.p - 2.0)

    def prox(self, v: np.ndarray, step: float | np.ndarray) -> np.ndarray:
        """``argmin_x 1/2 ||x - v||^2 + step lam sum |x_j|^p``, exactly
        (:func:`~l1l2_tui.engine.lp_prox.prox_lp`); at ``p = 1`` and ``2`` L1's and L2's, which
        also take a step per weight (Adam's metric)."""
        if self.p == 1.0:
            return prox_l1(v, step, self.lam)
        if self.p == 2.0:
            return prox_l2(v, step, self.lam)
        return prox_lp(v, step * self.lam, self.p)

    def pull(self, w: np.ndarray) -> np.ndarray:
        """``lam p |w_j|^(p - 1)`` where ``w_j != 0``; at ``w_j = 0`` what it holds there
        (:meth:`capacity_at_zero`)."""
        w = np.asarray(w, dtype=float)
        if self.p == 1.0:
            return np.full_like(w, self.lam)
        if self.p == 2.0:
            return 2.0 * self.lam * np.abs(w)
        out = np.full_like(w, self.capacity_at_zero())
        moved = w != 0.0
        out[moved] = self.lam * self.p * np.abs(w[moved]) ** (self.p - 1.0)
        return out

    def capacity_at_zero(self) -> float:
        """``lam`` at ``p = 1``; 0 for ``p > 1`` (the pull fades there); infinite for ``p < 1``
        while ``lam > 0``: the pull grows without bound near 0, so along any weight 0 is a
        local minimum whatever the data's pull (not always the best one: :meth:`dead_zone`)."""
        if self.p == 1.0:
            return self.lam
        if self.p > 1.0 or self.lam == 0.0:
            return 0.0
        return math.inf

    def dead_zone(self, step: float) -> float:
        """``tau(p, step lam)`` (:func:`~l1l2_tui.engine.lp_prox.lp_threshold`): ``step lam`` at
        ``p = 1``, 0 for ``p > 1``."""
        return lp_threshold(self.p, step * self.lam)

    def jump(self, step: float) -> float:
        """The smallest nonzero size the prox at ``step`` lands on: ``(2 step lam (1 -
        p))^(1/(2 - p))`` for ``p < 1``, 0 for ``p >= 1`` (a continuous map)."""
        return lp_jump(self.p, step * self.lam)

    def level_set(
        self, point: tuple[float, float] | np.ndarray, num_points: int = 121
    ) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
        """``|x|^p + |y|^p = |a|^p + |b|^p`` (:func:`~l1l2_tui.engine.lp_prox.lp_level_set`): a
        circle at ``p = 2``, a diamond at ``p = 1``, a star with cusps on the axes below."""
        level = float(np.sum(np.abs(np.asarray(point, dtype=float)) ** self.p))
        return (lp_level_set(self.p, level, num_points),)

    def pull_graph(self, low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
        """``lam p |w|^(p - 1) sign(w)`` on each side of 0 (points crowded towards 0, where it
        bends, down to a millionth of each side), joined at ``w = 0`` by the segment ``[-c,
        c]``, ``c`` its :meth:`capacity_at_zero`: infinite for ``p < 1``, where the pull grows
        without bound near 0 (a plot clips it to its axis)."""
        side = np.geomspace(1e-6, 1.0, 200)
        left, right = low * side[::-1], high * side
        pull_left, pull_right = self.grad(left), self.grad(right)
        c = self.capacity_at_zero()
        x = np.concatenate([left, [0.0, 0.0], right])
        return x, np.concatenate([pull_left, [-c, c], pull_right])

    def smooth_curvature(self) -> float:
        """``2 lam`` at ``p = 2``; 0 below, where the gradient of ``|w|^p`` has no Lipschitz
        constant near 0: a step that differentiates it is measured against the data alone, as
        under L1."""
        return 2.0 * self.lam if self.p == 2.0 else 0.0

    def rescaled(self, factor: float) -> Penalty:
        """With ``w' = factor w`` and the loss times ``factor^2``, ``factor^2 lam |w|^p`` is
        ``factor^(2 - p) lam |w'|^p``."""
        return Lp(self.lam * factor ** (2.0 - self.p), self.p)

    def as_elastic_net(self) -> tuple[float, float] | None:
        """``(lam, 0)`` at ``p = 1`` and ``(0, lam)`` at ``p = 2``, where it is that form;
        ``None`` at any other ``p``."""
        if self.p == 1.0:
            return self.lam, 0.0
        return (0.0, self.lam) if self.p == 2.0 else None
