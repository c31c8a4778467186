"""L2, ridge's penalty: ``lam * ||w||^2``.

Its pull ``2 lam |w_j|`` fades to nothing at 0: it shrinks every weight and holds none at 0, so a
weight is exactly 0 only where the data's pull at 0 is exactly 0. scikit-learn's
``Ridge(alpha=2 * n * lam)``.
"""

from __future__ import annotations

from l1l2_tui.engine.penalties.base import Penalty
from l1l2_tui.engine.penalties.elastic_net import ElasticNetForm


class L2(ElasticNetForm):
    """``lam * ||w||^2``: ``a = 0``, ``q = lam``."""

    name = "l2"
    label = "L2"
    shape = "circle"
    l1_share = 0.0

    def rescaled(self, factor: float) -> Penalty:
        """The same: the squared part's ``lam`` does not change with the units."""
        return self
