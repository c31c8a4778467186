"""The path view's captions: the claims about the regularization path, the lam
cross-validation chooses and the true weights, in words."""

from __future__ import annotations

from l1l2_tui.engine import RegularizationPath, Session
from l1l2_tui.engine.claims.path import (
    AllZeroAtTop,
    AtMostRank,
    Flips,
    GrowsWithLam,
    Irrepresentable,
    LamChoices,
    LeavesZeroOnce,
    NeverZero,
    NonzeroAt,
    PathClaim,
    ReturnsToZero,
    TrueSupport,
    exact_knots,
    path_claims,
    path_truth,
)
from l1l2_tui.engine.homotopy import HomotopyPath, PathEvent
from l1l2_tui.words import name_list


def error_name(loss: str) -> str:
    """What the held-out error of ``loss`` is called."""
    return "mean squared error" if loss == "squared" else "logistic loss"


def say_lam_choices(claim: LamChoices) -> str:
    """``5-fold CV: least mean squared error 0.988 ± 0.048 at lam.min 0.0201 (8 nonzero);
    lam.1se 0.0612 (7 nonzero), the largest lam within 1 SE of it.``"""
    return (
        f"{claim.folds}-fold CV: least {error_name(claim.loss)} {claim.error_min:.3g} "
        f"± {claim.standard_error:.2g} at lam.min {claim.lam_min:.3g} ({claim.nonzero_min} "
        f"nonzero); lam.1se {claim.lam_1se:.3g} ({claim.nonzero_1se} nonzero), the largest lam "
        "within 1 SE of it."
    )


def say_truth(claim: TrueSupport, names: tuple[str, ...]) -> str:
    """Which of the zeros at the path's grid point are wrong, against the true weights: said
    right after :class:`NonzeroAt`, of the same grid point ("there")."""
    if not claim.extra and not claim.missed:
        return f"they are exactly the {claim.true_count} truly nonzero"
    parts = []
    if claim.extra:
        verb = "is" if len(claim.extra) == 1 else "are"
        parts.append(f"{name_list(names, claim.extra)} {verb} nonzero there but truly 0")
    if claim.missed:
        verb = "is" if len(claim.missed) == 1 else "are"
        parts.append(f"{name_list(names, claim.missed)} {verb} 0 there but truly not")
    return " and ".join(parts)


def say_flips(claim: Flips, names: tuple[str, ...]) -> str:
    """``The lasso picks x1 in 3 of 5 resamples and x2 in 2 (one without the other in 3 and
    2); elastic net keeps both in all 5.``"""
    first, second = names[claim.first], names[claim.second]
    net = (
        f"elastic net keeps both in all {claim.resamples}"
        if claim.net_first == claim.net_second == claim.resamples
        else f"elastic net keeps {first} in {claim.net_first} and {second} in {claim.net_second}"
    )
    return (
        f"The lasso picks {first} in {claim.kept_first} of {claim.resamples} resamples and "
        f"{second} in {claim.kept_second} (one without the other in {claim.first_only} and "
        f"{claim.second_only}); {net}."
    )


def say_irrepresentable(claim: Irrepresentable) -> str:
    """``Irrepresentable condition 0.13 (Zhao, Yu): lasso picks the true set only if ≤ 1``,
    short enough for one line of 80 columns."""
    return (
        f"Irrepresentable condition {claim.value:.2g} (Zhao, Yu): lasso picks the true set "
        "only if ≤ 1"
    )


def say_rank(claim: AtMostRank) -> str:
    return (
        f"{claim.features} features, {claim.rows} rows: the lasso keeps at most {claim.bound} "
        f"nonzero (the rank of the centred data), and this path's most is {claim.most}"
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


def narrate_path(
    session: Session, path: RegularizationPath | None, rank: AtMostRank | None = None
) -> str:
    """The caption of the path view; ``rank`` is :func:`at_most_rank` of the path, computed
    once when it came (a rank of the data is too dear for every frame)."""
    penalty = session.penalty.at_lam(1.0)
    if not penalty.penalizes:
        return "No penalty, so no path: press 1, 2 or e for L1, L2 or elastic net."
    if path is None:
        return "Computing the path, warm-started from lam_max down..."
    claims = path_claims(path, session.settings.lam)
    problem = session.problem
    wanted: tuple[type, ...] = (NeverZero, GrowsWithLam, NonzeroAt)
    truth = problem.true_weights
    if penalty.capacity_at_zero() > 0:  # it holds weights at 0: the path starts all zero
        # Where the truth is known, which zeros are right says more than that none returns.
        leaves_once = () if truth is not None else (LeavesZeroOnce,)
        wanted = (AllZeroAtTop, ReturnsToZero, *leaves_once, NonzeroAt)
    chosen = [claim for kind in wanted for claim in claims if isinstance(claim, kind)]
    said = [say_path(claim, session) for claim in chosen]
    if truth is not None:
        # At NonzeroAt's grid point, and so made exactly when it is, last of the path's claims.
        support = path_truth(path, truth, session.settings.lam)
        if support is not None:
            said[-1] += ": " + say_truth(support, problem.feature_names)
    if rank is not None:
        said.append(say_rank(rank))
    text = "; ".join(said)
    label = f"{session.penalty.label} path"
    if not penalty.convex:  # each solve is a local one, warm-started from the last
        label += " (not convex: one local path, from w = 0)"
    return f"{label}: {text}." if text else f"{label}."
