"""The main screen's caption: the claims about the run, in words."""

from __future__ import annotations

from l1l2_tui.engine import OPTIMIZERS, Session
from l1l2_tui.engine.claims.main import (
    OFF,
    START_STEPS,
    AgainstMinimizer,
    CatchUp,
    ConstantPull,
    Diverged,
    FadingPull,
    Frozen,
    HeldAtZero,
    Jitter,
    JumpingProx,
    KickedOff,
    NoneZero,
    ReachedZero,
    RunClaim,
    StartMatters,
    TinyButNonzero,
    Unpenalized,
    ZeroCount,
    run_claims,
    true_support,
)
from l1l2_tui.words import (
    constant_words,
    distinct,
    lam_name,
    name_list,
    weight_name,
    zeros_short,
)


def truth_note(session: Session) -> str:
    """Against the true weights (``session``'s problem has them): ``true weight; x6 nonzero,
    truly 0; x4 0, truly not``, or that the zeros are the true ones."""
    truth = session.problem.true_weights
    assert truth is not None
    claim = true_support(session.weights, truth, session.settings.lam)
    names = session.problem.feature_names
    parts = ["true weight"]
    if claim.extra:
        parts.append(f"{name_list(names, claim.extra)} nonzero, truly 0")
    if claim.missed:
        parts.append(f"{name_list(names, claim.missed)} 0, truly not")
    if len(parts) == 1:
        parts.append("the zeros are the true ones")
    return "; ".join(parts)


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
        case Jitter() if session.adaptive:
            name = weight_name(session, claim.feature)
            return (
                f"adam: {name} crossed 0 {claim.crossings}× in {claim.steps} steps, within "
                f"±{claim.band:.2g}, never onto 0.0: Adam divides the L1 pull by √v like the "
                "gradient and overshoots 0; adam-prox (o) lands on it."
            )
        case AgainstMinimizer(same=True) if claim.gap <= OFF * _size(session):
            return (
                f"{claim.optimizer}: {claim.zeros}/{claim.total} weights at exactly 0, the "
                f"minimizer's own zeros, within {claim.gap:.1g} of it: the prox in Adam's metric "
                "has the minimizer for its fixed point."
            )
        case AgainstMinimizer():
            why = (
                ": it soft-thresholds by lr·lam while Adam rescales the data's step by 1/√v"
                if claim.optimizer == "adam-decoupled"
                else ""
            )
            return (
                f"{claim.optimizer} rests with {claim.zeros}/{claim.total} weights at exactly 0 "
                f"where the minimizer has {claim.exact_zeros}, off it by {claim.gap:.3g}{why}."
            )
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
            if OPTIMIZERS[session.settings.optimizer].step_map == "clip":
                return (
                    f"{session.settings.optimizer}: at 0 the L1 part does nothing (sign(0) = 0): "
                    f"the data's step moves weights off 0; in {claim.steps} steps {count} were at "
                    f"exactly 0 and left it ({name} {claim.times}×)."
                )
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
        case Frozen(strongest=None):
            return (
                f"playground: {len(claim.features)}/{claim.total} weights frozen at 0 till a "
                "setting changes, each where the penalty's step first crossed 0; their pulls "
                f"at 0 are within {lam_name(session)} = {claim.threshold:.2g}."
            )
        case Frozen(strongest=strongest):
            pull, limit = distinct(claim.pull_at_zero, claim.threshold)
            count = len(claim.against)
            return (
                f"playground: {len(claim.features)}/{claim.total} weights frozen at 0 till a "
                f"setting changes; {count} {'has its pull' if count == 1 else 'have pulls'} at "
                f"0 above {lam_name(session)} = {limit} (largest {pull}, "
                f"{weight_name(session, strongest)}), yet stay."
            )
        case CatchUp():
            return (
                f"sgd-cumulative: {len(claim.features)}/{claim.total} weights rest at exactly 0: "
                f"each step applies the L1 penalty a weight missed (u = {claim.u:.3g} so far)"
                + (", taking back the noise's kick." if session.minibatch_noise else ".")
            )
        case ReachedZero(settled=None):
            return (
                f"{label}: {weight_name(session, claim.feature)} reached exactly 0 at step "
                f"{claim.step}; for now its data pull at 0, {claim.pull_at_zero:.2g}, is within "
                f"{lam_name(session)} = {claim.threshold:.2g}, and moves as the other weights do."
            )
        case ReachedZero(settled=settled):
            pull, limit = distinct(settled.optimum_pull(claim.feature), claim.threshold)
            return (
                f"{label}: {weight_name(session, claim.feature)} reached exactly 0 at step "
                f"{claim.step} and stays for good: the run is near enough the optimum, where its "
                f"pull at 0 is {pull} < {lam_name(session)} = {limit}."
            )
        case HeldAtZero(settled=None):
            d = session.problem.n_features
            held = len(claim.features)
            constant = constant_words(claim.constant, held, claim.image)
            return (
                f"{label}: {held}/{d} weights held at exactly 0{constant}: their pulls "
                f"at 0 (largest {claim.pull_at_zero:.2g}, {weight_name(session, claim.strongest)})"
                f" are at most {lam_name(session)} = {claim.threshold:.2g} now."
            )
        case HeldAtZero(settled=settled):
            d = session.problem.n_features
            held = len(claim.features)
            blank = zeros_short(ZeroCount(held, d, claim.constant, claim.image))
            count = len(settled.features)
            return (
                f"{label}: {blank.removeprefix('zeros ')} weights held at exactly 0; "
                f"{'all' if count == held else count} for good: the run is near enough the "
                f"optimum, where their pulls at 0 are below {lam_name(session)} = "
                f"{settled.threshold:.2g}."
            )
        case TinyButNonzero():
            pull, limit = distinct(claim.pull_at_zero, claim.threshold)
            return (
                f"{label}: {weight_name(session, claim.feature)} = {claim.weight:.2g} is tiny, "
                f"yet 0 is not its best value: its data pull at 0, {pull}, is "
                f"above {lam_name(session)} = {limit}. Size does not decide."
            )
        case ConstantPull():
            fading = session.penalty.fading_pull()
            fading = f", plus a fading {fading}" if claim.fading_slope > 0 else ""
            return (
                f"{label}: a nonzero weight feels {claim.threshold:.2g} towards 0 however small"
                f"{fading}; 0 is best where the data's pull at 0 is ≤ {claim.threshold:.2g}."
            )
        case FadingPull():
            constant = constant_words(claim.constant, claim.zeros, claim.image)
            # The blank pixels' words take the room of ", and": two lines at 80 columns still.
            joint = "; nothing" if constant else ", and nothing"
            return (
                f"{label}: {claim.zeros}/{claim.total} weights at exactly 0{constant}. The pull "
                f"{session.penalty.fading_pull()} fades near 0: "
                f"{weight_name(session, claim.feature)} = {claim.weight:.2g} feels only "
                f"{claim.pull:.2g}{joint} holds a weight at 0."
            )
        case StartMatters():
            steps = f"after {claim.steps} " if claim.steps == START_STEPS else ""
            return (
                f"{label} is not convex, the start decides: prox steps from w = 0 end {steps}at "
                f"{claim.from_zero}/{claim.total} zeros (objective "
                f"{claim.objective_from_zero:.4g}), from L2's end at {claim.from_l2}/{claim.total}"
                f" ({claim.objective_from_l2:.4g}); this run {claim.zeros}/{claim.total}."
            )
        case JumpingProx():
            constant = constant_words(claim.constant, claim.zeros, claim.image)
            return (
                f"{label}: {claim.zeros}/{claim.total} weights at exactly 0{constant}. Not convex:"
                f" the prox sends |v| ≤ {claim.threshold:.3g} to 0 and jumps to "
                f"{claim.jump:.3g} or more past it; 0 is a local minimum of every weight."
            )
        case NoneZero():
            constant = constant_words(claim.constant, claim.zeros, claim.image)
            return (
                f"{label}: {claim.zeros}/{claim.total} weights at exactly 0{constant}; the pull "
                f"{session.penalty.fading_pull()} vanishes at 0, so it holds no weight there."
            )
    raise TypeError(f"no words for {claim!r}")


def _size(session: Session) -> float:
    """The weights' size, what a gap is measured against."""
    return max(float(abs(session.minimizer()).max(initial=0.0)), 1e-300)


def narrate_main(session: Session) -> str:
    """The main screen's caption: the most telling claim about the run."""
    return say(run_claims(session)[0], session)
