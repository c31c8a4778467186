"""Live captions: what is happening to the weights right now, in plain words and exact maths.

The mechanism named is always the real one: L1's pull on a nonzero weight is the constant lam
whatever the weight's size, so the proximal step holds a weight at exactly 0 while its data
pull |g_j| is at most lam; L2's pull 2 lam |w_j| fades near 0, so nothing holds a weight there.
"""

from __future__ import annotations

import numpy as np

from engine import Session

RECENT_STEPS = 30
"""A weight that reached 0 this many steps ago or less is news."""


def weight_name(session: Session, j: int) -> str:
    return f"w{j + 1} {session.problem.feature_names[j]}"


def narrate_main(session: Session) -> str:
    """One caption for the main screen."""
    if session.diverged is not None:
        return "The step size is too large and the run diverged: lower lr with ',' or reset with r."
    penalty, forces, w = session.penalty, session.forces(), session.weights
    a, q = penalty.l1_weight, penalty.l2_weight
    if penalty.kind == "none" or (a == 0 and q == 0):
        return "No penalty: plain least squares, nothing pulls the weights towards 0."
    if session.settings.optimizer == "subgradient" and a > 0:
        j = int(np.argmin(np.abs(w)))
        return (
            f"Subgradient: {weight_name(session, j)} = {w[j]:.2g} jumps across 0 by up to "
            f"lr·lam = {session.lr * a:.2g} a step and almost never lands on 0.0."
        )
    label = penalty.label
    if a > 0:
        news = latest_zeroed(session)
        if news is not None:
            g = abs(forces.data_grad[news])
            return (
                f"{label}: {weight_name(session, news)} reached exactly 0: its data pull {g:.2g} "
                f"is below the constant pull {a:.2g}, so the prox holds it there."
            )
        held = np.flatnonzero(forces.held_at_zero)
        if held.size:
            j = int(held[np.argmax(np.abs(forces.data_grad[held]))])
            return (
                f"{label}: {held.size}/{len(w)} weights held at exactly 0: their data pulls "
                f"(largest {abs(forces.data_grad[j]):.2g}, {weight_name(session, j)}) are below "
                f"{a:.2g}."
            )
        return (
            f"{label}: every nonzero weight feels the same constant pull {a:.2g} towards 0; "
            "one whose data pull is weaker goes to exactly 0."
        )
    nonzero = np.flatnonzero(w)
    if nonzero.size == 0:
        return "L2: all weights are 0 at the start; the data pulls them away and L2 only shrinks."
    j = int(nonzero[np.argmin(np.abs(w[nonzero]))])
    return (
        f"L2: the pull 2·lam·|w| fades near 0: {weight_name(session, j)} = {w[j]:.2g} feels only "
        f"{forces.penalty_pull[j]:.2g}; it shrinks but is never held at 0."
    )


def latest_zeroed(session: Session) -> int | None:
    """The weight that most recently reached exactly 0 and is still there, if that was recent."""
    for event in reversed(session.events):
        if session.step_count - event.step > RECENT_STEPS:
            return None
        if event.kind in ("settings", "reset"):
            return None
        if event.kind == "zeroed" and event.feature is not None:
            return event.feature if session.weights[event.feature] == 0.0 else None
    return None
