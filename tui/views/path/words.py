"""The path view's caption: the claims about the regularization path, in words."""

from __future__ import annotations

from l1l2_tui.engine import RegularizationPath, Session
from l1l2_tui.engine.claims.path import (
    AllZeroAtTop,
    GrowsWithLam,
    LeavesZeroOnce,
    NeverZero,
    NonzeroAt,
    PathClaim,
    ReturnsToZero,
    path_claims,
)

LEGEND = """
**The regularization path**: each weight at the exact optimum for each lam, lam falling from
lam_max on the left to lam_max/1000 on the right (a log scale), computed exactly in the
background (the bar shows its progress).

- **A line a weight**, in its colour, its name at its right end; the {zero} line is 0. Under L1
  every weight is exactly 0 at lam_max and they leave 0 one by one as lam falls; under L2 they
  shrink towards 0 and none is ever exactly 0.
- **The row of numbers along the top**, in {marker}: how many weights are nonzero at that lam.
- **The vertical {marker} line** labelled `lam ...`: the run's lam now (`+`/`-` move it).
"""
"""What the view draws, for its help: each curve, mark, colour and number. Colours are
named by role ({data_loss}, {penalty}...) and filled in from the theme on screen."""


def say_path(claim: PathClaim, session: Session) -> str:
    """One claim about the path in words (``session`` names the weights)."""
    match claim:
        case AllZeroAtTop():
            return f"all exactly 0 at lam_max {claim.lam_max:.3g}"
        case NeverZero():
            return (
                f"no weight is exactly 0 anywhere from lam {claim.lam_high:.3g} down to "
                f"{claim.lam_low:.3g}"
            )
        case GrowsWithLam():
            name = session.problem.feature_names[claim.feature]
            return (
                f"L2 shrinks the weight vector, not each weight: |w {name}| grows from "
                f"{claim.size_low:.2g} to {claim.size_high:.2g} as lam rises to "
                f"{claim.lam_high:.3g}"
            )
        case ReturnsToZero():
            name = session.problem.feature_names[claim.feature]
            return (
                f"paths are not monotone: w {name} leaves 0 at lam {claim.lam_nonzero:.3g} and "
                f"is exactly 0 again at {claim.lam_zero:.3g}"
            )
        case LeavesZeroOnce():
            return "on this grid no weight returns to 0 as lam falls"
        case NonzeroAt():
            where = f"lam {claim.grid_lam:.3g}"
            if claim.grid_lam != claim.lam:
                where += f" (grid point at or below the run's {claim.lam:.3g})"
            return f"{claim.count} of {claim.total} nonzero at {where}"
    raise TypeError(f"no words for {claim!r}")


def narrate_path(session: Session, path: RegularizationPath | None) -> str:
    penalty = session.penalty.at_lam(1.0)
    if not penalty.penalizes:
        return "No penalty, so no path: press 1, 2 or e for L1, L2 or elastic net."
    if path is None:
        return "Computing the path, warm-started from lam_max down..."
    claims = path_claims(path, session.settings.lam)
    wanted: tuple[type, ...] = (NeverZero, GrowsWithLam, NonzeroAt)
    if penalty.capacity_at_zero() > 0:  # it holds weights at 0: the path starts all zero
        wanted = (AllZeroAtTop, ReturnsToZero, LeavesZeroOnce, NonzeroAt)
    chosen = [claim for kind in wanted for claim in claims if isinstance(claim, kind)]
    text = "; ".join(say_path(claim, session) for claim in chosen)
    return f"{session.penalty.label}: {text}." if text else f"{session.penalty.label} path."
