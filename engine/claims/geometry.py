"""The claim about the plane of two weights: which of them the exact optimum puts at 0."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from l1l2_tui.engine.penalties import Penalty


@dataclass(frozen=True)
class PlaneOptimum:
    """In the plane of ``features`` (the other weights held), the exact optimum has ``zero[k]``
    true where that weight is exactly 0. ``shape`` names the penalty's level set there (a
    diamond); ``corners``: it holds weights at 0, so the level set has corners on the axes."""

    features: tuple[int, int]
    zero: tuple[bool, bool]
    shape: str
    corners: bool = True
    ellipses: bool = True
    """The data loss's level sets are ellipses (least squares), not the logistic loss's."""


def plane_optimum_claim(
    penalty: Penalty, features: tuple[int, int], optimum: np.ndarray, ellipses: bool = True
) -> PlaneOptimum | None:
    """What the exact plane ``optimum`` shows; nothing without a penalty."""
    if not penalty.penalizes:
        return None
    zero = (bool(optimum[0] == 0.0), bool(optimum[1] == 0.0))
    corners = penalty.capacity_at_zero() > 0.0
    return PlaneOptimum(features, zero, penalty.shape, corners, ellipses)
