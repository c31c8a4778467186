"""The elastic net ``lam * (l1_ratio * ||w||_1 + (1 - l1_ratio) * ||w||^2)``, and the form
``a ||w||_1 + q ||w||^2`` it shares with L1 (``l1_ratio`` 1), L2 (0) and no penalty (``a = q = 0``):
``a = lam * l1_ratio`` is the constant pull on every nonzero weight and what a weight at 0 can be
held against, ``q = lam * (1 - l1_ratio)`` the weight of the squared part, whose pull ``2 q |w|``
fades near 0.

scikit-learn's ``ElasticNet(alpha, l1_ratio)`` puts ``alpha * (1 - l1_ratio) / 2`` on the
squared norm: ours is ``ElasticNet(alpha=a + 2 q, l1_ratio=a / (a + 2 q))`` there.
"""

from __future__ import annotations

import math
from functools import cached_property

import numpy as np

from l1l2_tui.engine.penalties.base import Penalty


def soft_threshold(v: np.ndarray, threshold: float | np.ndarray) -> np.ndarray:
    """``sign(v) * max(|v| - threshold, 0)``: exactly 0.0 wherever ``|v| <= threshold``.

    Adding 0.0 turns the -0.0 that ``sign(v) * 0`` gives for negative ``v`` into 0.0."""
    return np.sign(v) * np.maximum(np.abs(v) - threshold, 0.0) + 0.0


def prox_l1(v: np.ndarray, step: float | np.ndarray, lam: float) -> np.ndarray:
    """``argmin_x 1/2 ||x - v||^2 + step * lam * ||x||_1`` = ``soft_threshold(v, step * lam)``."""
    return soft_threshold(v, step * lam)


def prox_l2(v: np.ndarray, step: float | np.ndarray, lam: float) -> np.ndarray:
    """``argmin_x 1/2 ||x - v||^2 + step * lam * ||x||_2^2`` = ``v / (1 + 2 * step * lam)``."""
    return v / (1.0 + 2.0 * step * lam)


def prox_elastic_net(v: np.ndarray, step: float, lam: float, l1_ratio: float) -> np.ndarray:
    """``argmin_x 1/2 ||x - v||^2 + step * lam * (l1_ratio ||x||_1 + (1 - l1_ratio) ||x||_2^2)``
    = ``soft_threshold(v, step * lam * l1_ratio) / (1 + 2 * step * lam * (1 - l1_ratio))``."""
    return prox_l2(prox_l1(v, step, lam * l1_ratio), step, lam * (1.0 - l1_ratio))


class ElasticNetForm(Penalty):
    """``a ||w||_1 + q ||w||^2`` with ``a = lam * l1_share`` and ``q = lam * (1 - l1_share)``;
    a subclass says what share of ``lam`` its L1 part has."""

    @property
    def l1_share(self) -> float:
        raise NotImplementedError

    @cached_property
    def l1(self) -> float:
        """``a``: the constant pull on every nonzero weight, and what it holds at 0."""
        return self.lam * self.l1_share

    @cached_property
    def l2(self) -> float:
        """``q``: the squared part's weight; its pull ``2 q |w_j|`` fades near 0."""
        return self.lam * (1.0 - self.l1_share)

    @property
    def fading(self) -> str:
        return "2·lam" if self.l2 else ""

    def per_weight(self, w: np.ndarray) -> np.ndarray:
        w = np.asarray(w, dtype=float)
        return self.l1 * np.abs(w) + self.l2 * w * w

    def value(self, w: np.ndarray) -> float:
        return self.l1 * float(np.abs(w).sum()) + self.l2 * float(w @ w)

    def grad(self, w: np.ndarray) -> np.ndarray:
        """``a * sign(w) + 2 q w`` with ``sign(0) = 0``: of the subgradients ``[-a, a]`` at 0,
        the one a naive step takes."""
        return self.l1 * np.sign(w) + 2.0 * self.l2 * w

    def curvature(self, w: np.ndarray) -> np.ndarray:
        return np.full(np.shape(w), 2.0 * self.l2)

    def prox(self, v: np.ndarray, step: float | np.ndarray) -> np.ndarray:
        """Soft-thresholding by ``step * a``, then the squared part's shrink
        ``1 / (1 + 2 step q)``: exact zeros wherever ``|v| <= step * a``."""
        shrunk = prox_l1(v, step, self.l1) if self.l1 else v
        return prox_l2(shrunk, step, self.l2) if self.l2 else shrunk

    def pull(self, w: np.ndarray) -> np.ndarray:
        """``a + 2 q |w_j|``. For a weight at exactly 0 the L1 part is the most the penalty can
        hold against: the weight stays at 0 while its data pull ``|g_j|`` is at most ``a``."""
        return self.l1 + 2.0 * self.l2 * np.abs(w)

    def capacity_at_zero(self) -> float:
        """``a``."""
        return self.l1

    def dead_zone(self, step: float) -> float:
        """``step * a``: soft-thresholding sends ``[-step a, step a]`` to 0."""
        return step * self.l1

    def smooth_curvature(self) -> float:
        """``2 q``, of the squared part ``q ||w||^2``."""
        return 2.0 * self.l2

    def as_elastic_net(self) -> tuple[float, float]:
        return self.l1, self.l2

    def pull_graph(self, low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
        """``a sign(w) + 2 q w``: two straight pieces, joined by the segment ``[-a, a]`` at 0."""
        a, q = self.l1, self.l2
        return np.array([low, 0.0, 0.0, high]), np.array(
            [-a + 2 * q * low, -a, a, a + 2 * q * high]
        )

    def level_set(
        self, point: tuple[float, float] | np.ndarray, num_points: int = 121
    ) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
        """With ``s = l1_share`` and ``level = s (|a| + |b|) + (1 - s)(a^2 + b^2)`` at
        ``point = (a, b)``: the diamond ``|x| + |y| = level`` (``s = 1``), the circle
        ``x^2 + y^2 = level`` (``s = 0``) or the rounded diamond between them.

        One closed polyline: along each ray ``(cos t, sin t)`` the radius solving
        ``s * rho * (|cos t| + |sin t|) + (1 - s) * rho^2 = level``, i.e.
        ``rho = 2 level / (A + sqrt(A^2 + 4 (1 - s) level))`` with ``A = s (|cos t| + |sin t|)``,
        for ``4m + 1`` angles ``t`` evenly spaced on ``[0, 2 pi]`` (``m = ceil((num_points - 1)
        / 4)``), so the four points on the axes (the diamond's corners) are included exactly.
        At ``point = (0, 0)`` every point is the origin."""
        ratio = self.l1_share
        a, b = (float(v) for v in point)
        level = ratio * (abs(a) + abs(b)) + (1.0 - ratio) * (a * a + b * b)
        m = max(1, math.ceil((int(num_points) - 1) / 4))
        t = np.linspace(0.0, 2.0 * math.pi, 4 * m + 1)
        cos, sin = np.cos(t), np.sin(t)
        cos[::m], sin[::m] = (1.0, 0.0, -1.0, 0.0, 1.0), (0.0, 1.0, 0.0, -1.0, 0.0)
        if level > 0.0:
            linear = ratio * (np.abs(cos) + np.abs(sin))
            rho = 2.0 * level / (linear + np.sqrt(linear * linear + 4.0 * (1.0 - ratio) * level))
        else:
            rho = np.zeros_like(t)
        return ((rho * cos + 0.0, rho * sin + 0.0),)


class ElasticNet(ElasticNetForm):
    """``lam * (l1_ratio * ||w||_1 + (1 - l1_ratio) * ||w||^2)``: L1 and L2 mixed."""

    FIELDS = ("lam", "l1_ratio")
    name = "elasticnet"
    label = "EN"

    l1_ratio: float

    def __init__(self, lam: float = 0.1, l1_ratio: float = 0.5) -> None:
        super().__init__(lam)
        if not 0.0 <= l1_ratio <= 1.0:
            raise ValueError(f"l1_ratio must lie in [0, 1], not {l1_ratio}")
        object.__setattr__(self, "l1_ratio", l1_ratio)

    @property
    def l1_share(self) -> float:
        return self.l1_ratio

    @property
    def strength(self) -> str:
        return "lam·l1_ratio"

    @property
    def fading(self) -> str:
        return "2·lam·(1 − l1_ratio)" if self.l2 else ""

    @property
    def shape(self) -> str:  # type: ignore[override]
        if self.l1_ratio == 1.0:
            return "diamond"
        return "circle" if self.l1_ratio == 0.0 else "rounded diamond"

    def rescaled(self, factor: float) -> Penalty:
        """``a`` becomes ``factor * a`` and ``q`` stays: a new ``lam`` and ``l1_ratio``."""
        a, q = factor * self.l1, self.l2
        lam = a + q
        return ElasticNet(lam, a / lam if lam > 0 else self.l1_ratio)
