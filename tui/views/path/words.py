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
    exact_knots,
    path_claims,
)
from l1l2_tui.engine.homotopy import HomotopyPath, PathEvent


def say_path(claim: PathClaim, session: Session) -> str:
    """One claim about the path in words (``session`` names the weights)."""
    match claim:
        case AllZeroAtTop():
            return f"all exactly 0 at lam_max {claim.lam_max:.3g}"
        case NeverZero():
            return (
                f"no weight of the exact solution is 0 at any lam from {claim.lam_high:.3g} "
                f"down to {claim.lam_low:.3g}"
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


def say_events(name: str, events: tuple[PathEvent, ...]) -> str:
    """``s3 enters at lam 15.03, leaves at 0.1038, returns at 0.06233``."""
    parts = []
    for k, event in enumerate(events):
        verb = "leaves" if event.kind == "leave" else "enters" if k == 0 else "returns"
        parts.append(f"{verb} at {'lam ' if k == 0 else ''}{event.lam:.4g}")
    return f"{name} " + ", ".join(parts)


def narrate_exact(session: Session, path: HomotopyPath | None) -> str:
    """The caption of the exact lasso path: its knots and the weights that leave 0 again."""
    if path is None:
        return "Computing the exact lasso path (homotopy: every knot from lam_max down)..."
    claim = exact_knots(path, session.settings.lam)
    names = session.problem.feature_names
    returns = "; ".join(say_events(names[j], events) for j, events in claim.returns)
    return (
        f"Exact lasso path, linear in lam between {claim.knots} knots (● a weight enters or "
        f"leaves): {returns or 'no weight leaves 0 once it has entered'}; {claim.nonzero} of "
        f"{claim.total} nonzero at lam {claim.lam:.3g}."
    )


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
    label = f"{session.penalty.label} path"
    if not penalty.convex:  # each solve is a local one, warm-started from the last
        label += " (not convex: one local path, from w = 0)"
    return f"{label}: {text}." if text else f"{label}."
