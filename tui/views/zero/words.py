"""The one-weight view's caption: why one weight's minimum is, or is not, exactly 0."""

from __future__ import annotations

import math

from l1l2_tui.engine import Session
from l1l2_tui.engine.claims.main import Diverged
from l1l2_tui.engine.claims.zero import CoordinateStep, SliceMinimum, UnitsMyth
from l1l2_tui.views.main.words import say
from l1l2_tui.words import distinct, lam_name, weight_name

LEGEND = """
**One weight, the others held where the run has them** (`f`: the next weight).

- **Top: the objective along this weight**: the data loss (above its minimum) in {data_loss},
  the penalty in {penalty}, their sum in {objective}. `*` is the sum's minimum, `●` the weight
  now, `+ z` where the data loss alone is lowest. Under L1 the penalty has a kink at 0: when
  the data loss's slope at 0 is within lam, the kink catches the minimum at exactly 0.
- **Bottom left: the step's map**, v = w − lr·g (the weight after a gradient step on the data)
  across, the weight after the penalty's step up, in {objective}. For the proximal step this is
  soft-thresholding: every v in the **dead zone** (between the {marker} lines, |v| ≤ lr·lam)
  lands on exactly 0. `●`, in the weight's colour: its v now and where it lands. The
  subgradient step has no dead zone: two lines, `w > 0` and `w < 0`, that never meet 0.
- **Bottom right: the pulls**, the data's pull h·(z − w) in {data_loss} (on squared loss a
  straight line: h is the curvature along the weight, z where the data loss alone is lowest;
  on logistic data −df/dw) and the penalty's pull in {penalty}. L1's pull is a step of size
  lam, and at 0 a segment "at 0: up to ±lam": it can hold back any data pull within it. `*`:
  where the pulls balance (the minimum), `●`: the weight now.
- `u`: the target in units 10 and 100 times smaller. The weights' sizes change; which weights
  are exactly 0 does not.
"""
"""What the view draws, for its help: each curve, mark, colour and number. Colours are
named by role ({data_loss}, {penalty}...) and filled in from the theme on screen."""


def narrate_coordinate(session: Session, claim: CoordinateStep) -> str:
    """What cd's next step does with the weight shown: it sets it to this minimum."""
    name = weight_name(session, claim.feature)
    sweeps = f"{claim.sweeps} sweep{'s' if claim.sweeps != 1 else ''} done"
    return f" cd's next step sets {name} to this minimum, {claim.next_weight:.3g} ({sweeps})."


def narrate_zero(session: Session, claim: SliceMinimum, myth: UnitsMyth | None) -> str:
    """The one-weight view's caption: why this weight's minimum is or is not exactly 0, or, in
    other units, the weight that refutes the |w| > w² explanation."""
    if session.diverged is not None:
        return say(Diverged(session.diverged.step, session.diverged.lam_max), session)
    name = weight_name(session, claim.feature)
    penalty = session.penalty
    factor = f"×{claim.factor:g}"
    units = "" if claim.factor == 1.0 else f"Target {factor}, {lam_name(session)} {factor}: "
    if myth is not None:
        other = weight_name(session, myth.feature)
        count = len(myth.zeros)
        same = f"the same {count} minim{'um is' if count == 1 else 'a are'} 0 in every unit."
        if myth.kind == "big_zero":
            return (
                f"{units}{other}'s unpenalized value {myth.center:.2g} is past 1, where w² > |w|, "
                f"yet {penalty.label} puts its minimum at exactly 0; {same}"
            )
        return (
            f"{units}{other}'s minimum {myth.minimizer:.2g} is below 1, where |w| > w², yet "
            f"{penalty.label} keeps it; {same}"
        )
    if not penalty.penalizes:
        if not math.isfinite(claim.center):
            return (
                f"{units}No penalty: along {name} the data loss falls for ever (the classes "
                "separate along it): no finite minimum."
            )
        return f"{units}No penalty: along {name} the minimum is z = {claim.center:.3g}."
    if penalty.capacity_at_zero() == 0.0:
        if not claim.quadratic or penalty.as_elastic_net() is None:
            return (
                f"{penalty.label} along {name} (others and intercept held): the minimum "
                f"{claim.minimizer:.3g} is 0 only if the data's pull at 0 is; here it is "
                f"{claim.pull_at_zero:.3g}."
            )
        return (
            f"{units}{penalty.label} along {name} (others held): the minimum "
            f"h·z/(h + {penalty.fading}) = "
            f"{claim.minimizer:.3g} is 0 only if z is; here z = {claim.center:.3g}."
        )
    held = "others held" if claim.quadratic else "others and intercept held"
    if not penalty.convex:
        return nonconvex_slice(penalty.label, name, held, units, claim)
    pull, limit = distinct(claim.pull_at_zero, claim.threshold, 3)
    threshold = f"{lam_name(session)} = {limit}"
    if claim.caught:
        return (
            f"{units}{penalty.label} along {name} ({held}): the data's pull at 0, {pull}, "
            f"is within {threshold}: the kink at 0 catches the minimum, exactly 0."
        )
    return (
        f"{units}{penalty.label} along {name} ({held}): the data's pull at 0, {pull}, "
        f"exceeds {threshold}: the minimum is {claim.minimizer:.3g}, not 0."
    )


def nonconvex_slice(label: str, name: str, held: str, units: str, claim: SliceMinimum) -> str:
    """Along one weight under a penalty that is not convex: 0 is a local minimum whatever the
    data (a cusp below p = 1, a step for L0), and the lowest point is 0 only while the data's
    pull at 0 is within the jump's threshold."""
    start = f"{units}{label} along {name} ({held}): 0 is a local minimum for any data"
    if not math.isfinite(claim.threshold):
        return f"{start}; the lowest point is {claim.minimizer:.3g}."
    pull, limit = distinct(claim.pull_at_zero, claim.threshold, 3)
    if claim.caught:
        return f"{start}; the data's pull at 0, {pull}, is within {limit}: the lowest, exactly 0."
    return (
        f"{start}; the data's pull at 0, {pull}, exceeds {limit}: the lowest point jumps to "
        f"{claim.minimizer:.3g}."
    )
