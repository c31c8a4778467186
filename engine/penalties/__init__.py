"""Penalties ``lam * R(w)``, one module each, and :data:`PENALTIES`, the only list of them.

    R(w) = sum |w_j|                                              (l1, :mod:`.l1`)
         = sum w_j^2                                              (l2, :mod:`.l2`)
         = l1_ratio * sum |w_j| + (1 - l1_ratio) * sum w_j^2      (elasticnet, :mod:`.elastic_net`)
         = 0                                                      (none, :mod:`.none`)
         = sum |w_j|^p, 0 < p <= 2                                (lp, :mod:`.lp`)
         = #{j : w_j != 0}                                        (l0, :mod:`.l0`)

Each is a :class:`~l1l2_tui.engine.penalties.base.Penalty`: its value, a subgradient, its prox,
its pull, what it can hold at 0, its prox step's dead zone, its level set and its words. A new
penalty is a module with its class, and its name here.
"""

from __future__ import annotations

from typing import Literal

from l1l2_tui.engine.penalties.base import Penalty
from l1l2_tui.engine.penalties.elastic_net import ElasticNet, soft_threshold
from l1l2_tui.engine.penalties.l0 import L0
from l1l2_tui.engine.penalties.l1 import L1
from l1l2_tui.engine.penalties.l2 import L2
from l1l2_tui.engine.penalties.lp import Lp
from l1l2_tui.engine.penalties.none import NoPenalty

PenaltyName = Literal["l1", "l2", "elasticnet", "none", "lp", "l0"]
PENALTIES: dict[str, type[Penalty]] = {
    "l1": L1,
    "l2": L2,
    "elasticnet": ElasticNet,
    "none": NoPenalty,
    "lp": Lp,
    "l0": L0,
}
"""Every penalty by name, in the order the command line lists them."""


def make_penalty(name: str, lam: float = 0.1, **settings: float) -> Penalty:
    """The penalty ``name`` at ``lam``, taking the other fields it has from ``settings``
    (``l1_ratio`` for elasticnet, ``p`` for lp) and leaving the rest, as a
    :class:`l1l2_tui.engine.Settings` holds an ``l1_ratio`` and a ``p`` whatever its penalty;
    ``ValueError`` for an unknown name."""
    if name not in PENALTIES:
        raise ValueError(f"unknown penalty {name!r}; choose one of {', '.join(PENALTIES)}")
    penalty = PENALTIES[name]
    own = {key: value for key, value in settings.items() if key in penalty.FIELDS}
    return penalty(lam, **own)


__all__ = [
    "L0",
    "L1",
    "L2",
    "PENALTIES",
    "ElasticNet",
    "Lp",
    "NoPenalty",
    "Penalty",
    "PenaltyName",
    "make_penalty",
    "soft_threshold",
]
