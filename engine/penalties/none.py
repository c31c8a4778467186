"""No penalty: the data loss alone. It pulls on nothing, its prox is the identity."""

from __future__ import annotations

from typing import TYPE_CHECKING

from l1l2_tui.engine.penalties.base import Penalty
from l1l2_tui.engine.penalties.elastic_net import ElasticNetForm

if TYPE_CHECKING:
    import numpy as np


class NoPenalty(ElasticNetForm):
    """``0``, whatever ``lam`` is: ``a = q = 0``."""

    name = "none"
    label = "none"
    l1_share = 0.0
    l1 = 0.0
    l2 = 0.0

    @property
    def penalizes(self) -> bool:
        return False

    def level_set(
        self, point: tuple[float, float] | np.ndarray, num_points: int = 121
    ) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
        return ()

    def rescaled(self, factor: float) -> Penalty:
        return self
