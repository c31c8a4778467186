"""The forces view's caption and each weight's label on its chart."""

from __future__ import annotations

from l1l2_tui.engine import Session
from l1l2_tui.engine.claims.forces import WeightState, nearest_threshold, weight_states
from l1l2_tui.engine.claims.main import (
    ConstantPull,
    HeldAtZero,
    JumpingProx,
    ReachedZero,
    StartMatters,
    run_claims,
)
from l1l2_tui.views.main.words import say
from l1l2_tui.words import distinct, lam_name, weight_name

LEGEND = """
**The tug of war on each weight at w = 0**, a row a weight (its name in its colour), the
strongest pulls first.

- **Data pull at w=0** ({data_loss} bar): how hard the data pulls the weight off 0, |g_j| at
  w_j = 0 with the other weights where they are.
- `┃`: lam (lam·l1_ratio under elastic net), what L1 can hold back at 0. A data bar that stops
  inside `┃` means 0 is that weight's best value.
- **Penalty pull** ({penalty} bar): for a weight away from 0, the penalty's pull on it (`█`):
  L1's has size lam however small the weight, L2's 2·lam·|w| fades to nothing near 0. For a
  weight at 0 under L1, `░` shows what the penalty can hold there (up to lam).
- **The words at the right**: "held at 0" in {held} (its data pull is within lam: it stays),
  "at 0, pulled off" in {leaving} (its data pull exceeds lam: the next step moves it), else the
  weight's value, and "0 is best" when the run has not got it there yet.
- The lines under the chart say what lam is and what it holds, or why L2 holds nothing.
"""
"""What the view draws, for its help: each curve, mark, colour and number. Colours are
named by role ({data_loss}, {penalty}...) and filled in from the theme on screen."""


def narrate_forces(session: Session) -> str:
    """The forces view's caption: the weight nearest its threshold, in the decisive number."""
    claims = run_claims(session)
    nonconvex = isinstance(claims[0], StartMatters | JumpingProx)
    if not nonconvex and not isinstance(claims[0], ConstantPull | HeldAtZero | ReachedZero):
        return say(claims[0], session)
    closest = nearest_threshold(weight_states(session))
    name = weight_name(session, closest.feature)
    pull, limit = distinct(closest.pull_at_zero, closest.threshold, 3)
    if nonconvex:
        verdict = "the step keeps it at 0" if closest.zero_is_best else "a step from 0 leaves it"
        return (
            f"{session.penalty.label}: {name}'s data pull at 0 is {pull}, "
            f"{'within' if closest.zero_is_best else 'above'} the step's hold {limit} "
            f"(dead zone / lr), so {verdict}; not convex, 0 is a local minimum of every weight."
        )
    if closest.zero_is_best:
        kept = " and the next step keeps it there" if closest.stays else ""
        verdict = "so 0 is its best value" + kept
    else:
        verdict = "so 0 is not its best value"
    return (
        f"{session.penalty.label}: {name}'s data pull at 0 is {pull}, "
        f"{'within' if closest.zero_is_best else 'above'} {lam_name(session)} = {limit}, "
        f"{verdict}."
    )


def weight_label(state: WeightState) -> str:
    """A weight's standing in a few words, for the forces chart."""
    if state.weight != 0.0:
        if state.threshold > 0 and state.zero_is_best:
            return f" {state.weight:+.2g}, 0 is best"
        return f" w = {state.weight:+.3g}"
    if not state.stays:
        return f" at 0, pulled off ({state.pull_at_zero:.2g})"
    if state.zero_is_best:
        return f" held at 0 ({state.pull_at_zero:.2g})"
    return " at 0 this step"
