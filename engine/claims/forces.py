"""Claims about each weight: its data pull at 0 against what the penalty holds there, the forces
view's bars."""

from __future__ import annotations

from dataclasses import dataclass

from l1l2_tui.engine.session import Session


@dataclass(frozen=True)
class WeightState:
    """One weight's standing: ``weight`` and its data pull at 0 against ``threshold`` (what the
    penalty holds at 0: its L1 part, 0 without one). ``zero_is_best`` is ``|pull_at_zero| <=
    threshold``; ``stays`` says whether a weight at 0 stays exactly 0 on the next step."""

    feature: int
    weight: float
    pull_at_zero: float
    threshold: float
    zero_is_best: bool
    stays: bool


def weight_states(session: Session) -> list[WeightState]:
    forces, w = session.forces(), session.weights
    a = session.penalty.capacity_at_zero()
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
