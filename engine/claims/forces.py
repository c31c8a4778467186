"""Claims about each weight: its data pull at 0 against what the penalty holds there, the forces
view's bars."""

from __future__ import annotations

import math
from dataclasses import dataclass

from l1l2_tui.engine.session import Session


@dataclass(frozen=True)
class WeightState:
    """One weight's standing: ``weight`` and its data pull at 0 against ``threshold`` (what the
    penalty holds at 0: its L1 part, 0 without one; see :func:`hold_at_zero`). ``zero_is_best``
    is ``|pull_at_zero| <= threshold``; ``stays`` says whether a weight at 0 stays exactly 0 on
    the next step."""

    feature: int
    weight: float
    pull_at_zero: float
    threshold: float
    zero_is_best: bool
    stays: bool


def hold_at_zero(session: Session) -> float:
    """The data pull at 0 the penalty holds a weight against: what it can hold there
    (:meth:`Penalty.capacity_at_zero`) when that is finite. When it is not (lp with ``p < 1``,
    l0: 0 is a local minimum along every weight), the proximal step's own hold: a weight at 0
    steps to ``v = -lr g_j``, which the prox keeps at 0 exactly while ``|v|`` is within its
    dead zone, so while ``|g_j| <= dead_zone(lr) / lr`` (``lam`` at ``p = 1``)."""
    penalty = session.penalty
    a = penalty.capacity_at_zero()
    if math.isfinite(a):
        return a
    lr = session.next_lr()
    return penalty.dead_zone(lr) / lr


def weight_states(session: Session) -> list[WeightState]:
    """Each weight's standing against :func:`hold_at_zero`."""
    forces, w = session.forces(), session.weights
    a = hold_at_zero(session)
    return [
        WeightState(
            j,
            float(w[j]),
            float(abs(forces.pull_at_zero[j])),
            a,
            bool(abs(forces.pull_at_zero[j]) <= a),
            bool(forces.stays_at_zero[j]),
        )
        for j in range(len(w))
    ]


def nearest_threshold(states: list[WeightState]) -> WeightState:
    """The weight whose data pull at 0 is nearest its threshold: the closest call of the run,
    which the forces view names and always shows."""
    return min(states, key=lambda state: abs(state.pull_at_zero - state.threshold))
