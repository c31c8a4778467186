"""The one-weight view's caption: why one weight's minimum is, or is not, exactly 0."""

from __future__ import annotations

import math

from l1l2_tui.engine import Session
from l1l2_tui.engine.claims.main import Diverged
from l1l2_tui.engine.claims.zero import CoordinateStep, SliceMinimum, UnitsMyth
from l1l2_tui.views.main.words import say
from l1l2_tui.words import distinct, lam_name, weight_name


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
