"""The claim about the plane of two weights: which of them the exact optimum puts at 0."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from l1l2_tui.engine.penalties import Penalty


@dataclass(frozen=True)
class PlaneOptimum:
    """In the plane of ``features`` (the other weights held), under the penalty ``kind``, the
    exact optimum has ``zero[k]`` true where that weight is exactly 0."""

    features: tuple[int, int]
    kind: str
    zero: tuple[bool, bool]
    l1_share: float = 1.0
    """The L1 part's share of the penalty: 1 draws a diamond, 0 a circle."""
    ellipses: bool = True
    """The data loss's level sets are ellipses (least squares), not the logistic loss's."""


def plane_optimum_claim(
    penalty: Penalty, features: tuple[int, int], optimum: np.ndarray, ellipses: bool = True
) -> PlaneOptimum | None:
    """What the exact plane ``optimum`` shows; nothing without a penalty."""
    if penalty.l1_weight == 0.0 and penalty.l2_weight == 0.0:
        return None
    zero = (bool(optimum[0] == 0.0), bool(optimum[1] == 0.0))
    return PlaneOptimum(features, penalty.kind, zero, penalty.effective_l1_ratio, ellipses)
