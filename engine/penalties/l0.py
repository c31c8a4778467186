"""L0: ``lam * #{j : w_j != 0}``, the limit of ``lam sum |w_j|^p`` as ``p -> 0``.

It pulls on no nonzero weight at all; what it charges is a weight's being nonzero. Its prox is
hard thresholding (Blumensath and Davies, "Iterative thresholding for sparse approximations",
J. Fourier Anal. Appl. 14, 2008): ``v`` is kept whole where ``|v| > sqrt(2 lr lam)`` and set to
0 elsewhere, so the proximal step is iterative hard thresholding. Not convex: which weights end
at 0 depends on where the run starts.
"""

from __future__ import annotations

import math

import numpy as np

from l1l2_tui.engine.lp_prox import check_lam, prox_l0
from l1l2_tui.engine.penalties.base import Penalty


class L0(Penalty):
    """``lam * #{j : w_j != 0}``."""

    name = "l0"
    label = "L0"
    shape = "cross"
    convex = False

    def per_weight(self, w: np.ndarray) -> np.ndarray:
        return np.where(np.asarray(w, dtype=float) != 0.0, self.lam, 0.0)

    def value(self, w: np.ndarray) -> float:
        """``lam`` times the number of nonzero weights."""
        return self.lam * float(np.count_nonzero(w))

    def grad(self, w: np.ndarray) -> np.ndarray:
        """0: flat away from 0, and 0 is in its (regular) subdifferential, all of R, at 0."""
        return np.zeros_like(np.asarray(w, dtype=float))

    def curvature(self, w: np.ndarray) -> np.ndarray:
        return np.zeros(np.shape(w))

    def prox(self, v: np.ndarray, step: float) -> np.ndarray:
        """``argmin_x 1/2 ||x - v||^2 + step lam #{j : x_j != 0}``: hard thresholding at
        ``sqrt(2 step lam)`` (:func:`~l1l2_tui.engine.lp_prox.prox_l0`)."""
        return prox_l0(v, step * self.lam)

    def pull(self, w: np.ndarray) -> np.ndarray:
        """0 where ``w_j != 0`` (it pulls on no nonzero weight); at 0 what it holds there."""
        return np.where(np.asarray(w, dtype=float) == 0.0, self.capacity_at_zero(), 0.0)

    def capacity_at_zero(self) -> float:
        """Infinite while ``lam > 0``: leaving 0 by any small step costs ``lam`` at once, so
        along any weight 0 is a local minimum whatever the data's pull."""
        return math.inf if self.lam > 0.0 else 0.0

    def dead_zone(self, step: float) -> float:
        """``sqrt(2 step lam)``: hard thresholding zeroes ``|v|`` up to this."""
        check_lam(step * self.lam)
        return math.sqrt(2.0 * step * self.lam)

    def jump(self, step: float) -> float:
        """The smallest nonzero size the prox lands on: the threshold itself."""
        return self.dead_zone(step)

    def level_set(
        self, point: tuple[float, float] | np.ndarray, num_points: int = 121
    ) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
        """``()``: its level sets are no curves. Through a point with one nonzero weight it is
        the two axes without the origin (the limit of the star ``|x|^p + |y|^p = |a|^p`` as
        ``p -> 0``), through one with two the plane without the axes."""
        return ()

    def pull_graph(self, low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
        """0 on both sides (it pulls on no nonzero weight), and at ``w = 0`` the segment
        ``[-inf, inf]`` (it holds any pull there), left and rejoined at 0. A plot clips the
        segment to its axis."""
        c = self.capacity_at_zero()
        return np.array([low, 0.0, 0.0, 0.0, 0.0, high]), np.array([0.0, 0.0, -c, c, 0.0, 0.0])

    def smooth_curvature(self) -> float:
        return 0.0

    def rescaled(self, factor: float) -> Penalty:
        """The loss times ``factor^2``: ``lam`` times ``factor^2``."""
        return L0(self.lam * factor * factor)
