"""The main screen's caption: the claims about the run, in words."""

from __future__ import annotations

from l1l2_tui.engine import Session
from l1l2_tui.engine.claims.main import (
    CatchUp,
    ConstantPull,
    Diverged,
    FadingPull,
    HeldAtZero,
    Jitter,
    KickedOff,
    NoneZero,
    ReachedZero,
    RunClaim,
    TinyButNonzero,
    Unpenalized,
    run_claims,
)
from l1l2_tui.words import constant_words, distinct, lam_name, weight_name

LEGEND = """
**Top left: each weight w_j over the steps**, one line a weight, each in its own colour (the
same colour in every panel), named at its right end; the weights at exactly 0 share one label
on the {zero} zero line ("3 at 0"), and a weight drawn on it is exactly 0.0. Each column shows
the lowest and highest value of the steps it covers. Vertical {marker} lines mark a change of
penalty, lam, optimizer or lr; after a late change the plots follow it (`t`: the whole run).

**Below it: the losses over the steps**, the data loss in {data_loss}, the penalty lam·R(w) in
{penalty} and their sum, the objective, in {objective}; the title gives their values now.

**Right: the weights now**, a bar each in the weight's colour, its length the weight's size;
`●` marks a weight that is exactly 0. **The event line** under the plots tells the latest
event: a weight that reached exactly 0 in {held}, one that left 0 in {leaving}.

**The status line**: the penalty, playing or paused (and "converged at step N" once a step
changes nothing), lam, lr (and its size against 1/L), the optimizer, the step, how many weights
are exactly 0, the objective and the engine steps a frame. **The caption** under it (`►` when a
lesson speaks) says what the run shows now, only while it holds.
"""
"""What the view draws, for its help: each curve, mark, colour and number. Colours are
named by role ({data_loss}, {penalty}...) and filled in from the theme on screen."""


def say(claim: RunClaim, session: Session) -> str:
    """One claim about the run in words (``session`` names the weights and the penalty)."""
    label = session.penalty.label
    match claim:
        case Diverged(lam_max=None):
            return (
                f"The step size is too large: the run diverged at step {claim.step}. Lower lr "
                "with ',' (reset with r keeps the step size)."
            )
        case Diverged(lam_max=lam_max):
            return (
                f"{lam_name(session)} is past lam_max {lam_max:.3g}: every weight belongs at 0, "
                f"and this step cannot land there; its jumps across 0 blew the objective up at "
                f"step {claim.step}. Lower lam with '-' or change the optimizer with 'o'."
            )
        case Unpenalized():
            model = "logistic regression" if session.problem.loss == "logistic" else "least squares"
            return f"No penalty: plain {model}, nothing pulls the weights towards 0."
        case Jitter() if session.stochastic and not session.minibatch_noise:
            name = weight_name(session, claim.feature)
            return (
                f"sgd on every row (no noise): {name} crossed 0 {claim.crossings}× in "
                f"{claim.steps} steps, within ±{claim.band:.2g}, never onto 0.0: the subgradient "
                "step overshoots it."
            )
        case Jitter() if session.stochastic:
            name = weight_name(session, claim.feature)
            return (
                f"sgd: {name} crossed 0 {claim.crossings}× in {claim.steps} steps, within "
                f"±{claim.band:.2g}, never onto 0.0: noisy steps carry it across; sgd-cumulative "
                "lets a weight rest at 0."
            )
        case Jitter():
            name = weight_name(session, claim.feature)
            return (
                f"Subgradient: {name} crossed 0 {claim.crossings}× in {claim.steps} steps, within "
                f"±{claim.band:.2g}, never onto 0.0; a smaller lr (,) only narrows the band, the "
                "prox step (o) lands on 0."
            )
        case KickedOff():
            name = weight_name(session, claim.most)
            count = len(claim.features)
            weights = "weight was" if count == 1 else "weights were"
            if not session.minibatch_noise:
                return (
                    f"{session.settings.optimizer} on every row (no noise): in the last "
                    f"{claim.steps} steps {count} {weights} at exactly 0 and left it again "
                    f"({name} {claim.times}×)."
                )
            return (
                f"{session.settings.optimizer}: minibatch noise knocks weights off 0: in the last "
                f"{claim.steps} steps {count} {weights} kicked off exactly 0 again ({name} "
                f"{claim.times}×)."
            )
        case CatchUp():
            return (
                f"sgd-cumulative: {len(claim.features)}/{claim.total} weights rest at exactly 0: "
                f"each step applies the L1 penalty a weight missed (u = {claim.u:.3g} so far)"
                + (", taking back the noise's kick." if session.minibatch_noise else ".")
            )
        case ReachedZero():
            return (
                f"{label}: {weight_name(session, claim.feature)} reached exactly 0 at step "
                f"{claim.step} and stays: its data pull at 0, {claim.pull_at_zero:.2g}, is within "
                f"{lam_name(session)} = {claim.threshold:.2g}."
            )
        case HeldAtZero():
            d = session.problem.n_features
            held = len(claim.features)
            constant = constant_words(claim.constant, held, claim.image)
            return (
                f"{label}: {held}/{d} weights held at exactly 0{constant}: their data pulls "
                f"at 0 (largest {claim.pull_at_zero:.2g}, {weight_name(session, claim.strongest)})"
                f" are at most {lam_name(session)} = {claim.threshold:.2g}."
            )
        case TinyButNonzero():
            pull, limit = distinct(claim.pull_at_zero, claim.threshold)
            return (
                f"{label}: {weight_name(session, claim.feature)} = {claim.weight:.2g} is tiny, "
                f"yet 0 is not its best value: its data pull at 0, {pull}, is "
                f"above {lam_name(session)} = {limit}. Size does not decide."
            )
        case ConstantPull():
            fading = session.penalty.fading
            fading = f", plus L2's fading {fading}·|w|" if claim.fading_slope > 0 else ""
            return (
                f"{label}: every nonzero weight feels the same pull {claim.threshold:.2g} "
                f"towards 0, however small{fading}; where the data's pull at 0 is at most that, "
                "0 is the best value."
            )
        case FadingPull():
            constant = constant_words(claim.constant, claim.zeros, claim.image)
            # The blank pixels' words take the room of ", and": two lines at 80 columns still.
            joint = "; nothing" if constant else ", and nothing"
            return (
                f"{label}: {claim.zeros}/{claim.total} weights at exactly 0{constant}. The pull "
                f"{session.penalty.fading}·|w| fades near 0: "
                f"{weight_name(session, claim.feature)} = {claim.weight:.2g} feels only "
                f"{claim.pull:.2g}{joint} holds a weight at 0."
            )
        case NoneZero():
            constant = constant_words(claim.constant, claim.zeros, claim.image)
            return (
                f"{label}: {claim.zeros}/{claim.total} weights at exactly 0{constant}; the pull "
                f"{session.penalty.fading}·|w| vanishes at 0, so it holds no weight there."
            )
    raise TypeError(f"no words for {claim!r}")


def narrate_main(session: Session) -> str:
    """The main screen's caption: the most telling claim about the run."""
    return say(run_claims(session)[0], session)
