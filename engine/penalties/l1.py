"""L1, the lasso's penalty: ``lam * ||w||_1``.

Its pull on a nonzero weight is ``lam`` however small the weight, and at ``w_j = 0`` it can hold
back any data pull up to ``lam``: ``w_j = 0`` is the best value of ``w_j`` (the others held)
exactly when the data's pull at 0 is at most ``lam``, and its prox, soft-thresholding, lands
there. scikit-learn's ``Lasso(alpha=lam)``.
"""

from __future__ import annotations

from l1l2_tui.engine.penalties.base import Penalty
from l1l2_tui.engine.penalties.elastic_net import ElasticNetForm


class L1(ElasticNetForm):
    """``lam * ||w||_1``: ``a = lam``, ``q = 0``."""

    name = "l1"
    label = "L1"
    shape = "diamond"
    l1_share = 1.0

    def rescaled(self, factor: float) -> Penalty:
        """``lam`` becomes ``factor * lam``."""
        return L1(factor * self.l1)
