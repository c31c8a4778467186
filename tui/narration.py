"""Claims in words: every sentence the app says about the run is rendered here, from the claims
the engine computed (:mod:`engine.claims`), and only those.

One function a caption (``narrate_main``, ``narrate_forces``, ...) picks the most telling claim
that holds and words it; :func:`say` words any one claim.
"""

from __future__ import annotations

import math

from engine import Session
from engine.claims import (
    AllZeroAtTop,
    CatchUp,
    ConstantPull,
    Diverged,
    FadingPull,
    GrowsWithLam,
    HeldAtZero,
    Jitter,
    KickedOff,
    LeavesZeroOnce,
    NeverZero,
    NoneZero,
    NonzeroAt,
    NoPenalty,
    PathClaim,
    PlaneOptimum,
    ReachedZero,
    ReturnsToZero,
    RunClaim,
    SideBySide,
    SliceMinimum,
    TinyButNonzero,
    UnitsMyth,
    WeightState,
    ZeroCount,
    nearest_threshold,
    path_claims,
    run_claims,
    weight_states,
)
from engine.path import RegularizationPath


def distinct(a: float, b: float, digits: int = 2) -> tuple[str, str]:
    """``a`` and ``b`` to as few significant digits (from ``digits``) as tell them apart, so
    that "0.325 is above 0.32" never reads "0.32 is above 0.32"."""
    for figures in range(digits, 10):
        left, right = f"{a:.{figures}g}", f"{b:.{figures}g}"
        if left != right:
            return left, right
    return f"{a:.10g}", f"{b:.10g}"


def weight_name(session: Session, j: int) -> str:
    return f"w{j + 1} {session.problem.feature_names[j]}"


def lam_name(session: Session) -> str:
    """``lam`` under L1, ``lam·l1_ratio`` under elastic net: the L1 part's size."""
    return "lam·l1_ratio" if session.penalty.kind == "elasticnet" else "lam"


def constant_words(constant: int, zeros: int, image: bool) -> str:
    """``", 3 of them blank pixels"``: how many of ``zeros`` exact zeros are features the data
    never pulls (constant in every row), so that they are not mistaken for the penalty's work.
    Blank pixels on an image, constant features otherwise; nothing when there are none."""
    if constant == 0:
        return ""
    kind = ("blank pixel" if image else "constant feature") + ("s" if constant != 1 else "")
    if constant == zeros:
        return f", a {kind}" if zeros == 1 else f", all {zeros} {kind}"
    return f", {constant} of them {kind}"


def zeros_text(count: ZeroCount) -> str:
    """``zeros 54/64, 3 of them blank pixels``: the zero count in full."""
    return f"zeros {count.zeros}/{count.total}" + constant_words(
        count.constant, count.zeros, count.image
    )


def zeros_short(count: ZeroCount) -> str:
    """``zeros 54/64 (3 blank)``: the zero count where room is short (status lines, titles)."""
    text = f"zeros {count.zeros}/{count.total}"
    if count.constant:
        text += f" ({count.constant} {'blank' if count.image else 'constant'})"
    return text


def say(claim: RunClaim | PathClaim, session: Session) -> str:
    """One claim in words (``session`` names the weights and the penalty)."""
    label = session.penalty.label
    match claim:
        case Diverged():
            return (
                f"The step size is too large: the run diverged at step {claim.step}. Lower lr "
                "with ',' (reset with r keeps the step size)."
            )
        case NoPenalty():
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
            fading = ", plus L2's fading 2·lam·(1 − l1_ratio)·|w|" if claim.l2_weight > 0 else ""
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
                f"2·lam·|w| fades near 0: {weight_name(session, claim.feature)} = "
                f"{claim.weight:.2g} feels only {claim.pull:.2g}{joint} holds a weight at 0."
            )
        case NoneZero():
            constant = constant_words(claim.constant, claim.zeros, claim.image)
            return (
                f"{label}: {claim.zeros}/{claim.total} weights at exactly 0{constant}; the pull "
                "2·lam·|w| vanishes at 0, so it holds no weight there."
            )
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


def narrate_main(session: Session) -> str:
    """The main screen's caption: the most telling claim about the run."""
    return say(run_claims(session)[0], session)


def narrate_forces(session: Session) -> str:
    """The forces view's caption: the weight nearest its threshold, in the decisive number."""
    claims = run_claims(session)
    if not isinstance(claims[0], ConstantPull | HeldAtZero | ReachedZero):
        return say(claims[0], session)
    closest = nearest_threshold(weight_states(session))
    name = weight_name(session, closest.feature)
    pull, limit = distinct(closest.pull_at_zero, closest.threshold, 3)
    if closest.zero_is_best:
        verdict = "so 0 is its best value" + (" and it sits there" if closest.stays else "")
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


def narrate_compare(claim: SideBySide) -> str:
    """The compare view's caption, fitted to the state it is shown in."""
    (left, right), (k, m), d = claim.labels, claim.zeros, claim.total
    gone = [(label, at) for label, at in zip(claim.labels, claim.diverged, strict=True) if at]
    if gone:
        sides = " and ".join(f"the {label} side at step {at}" for label, at in gone)
        return f"Diverged: {sides} (the step size is too large); lower lr with ','."
    if claim.step == 0:
        return (
            f"Step 0: both sides start at w = 0, all {d} weights exactly 0; play (space) or step "
            "(n) to watch them part."
        )
    text = f"Step {claim.step}: {left} has {k}/{d} weights at exactly 0, {right} has {m}/{d}."
    blank, blank_right = claim.constant
    if blank and blank == blank_right:
        kind = ("blank pixel" if claim.image else "constant feature") + ("s" if blank != 1 else "")
        text = text[:-1] + f" ({blank} {kind} on each side)."
    if claim.differs == "optimizer":
        if k > m == 0 and claim.optimizers[1] == "subgradient":
            return text + " The prox step lands on 0; the subgradient step jumps across it."
        if claim.optimizers == ("sgd", "sgd-cumulative") and m > k and claim.noise:
            missed = (
                " Noise kicks sgd's weights off 0; sgd-cumulative applies the penalty each missed."
            )
            return text + missed
        return text
    if "subgradient" in claim.optimizers and k == 0 and m == 0:
        return text + " Subgradient steps land on 0.0 on neither side: o for the prox step."
    held, other = claim.held
    if held > other:
        if blank and blank == blank_right and held > blank:
            # The blank ones stay 0 on both sides whatever the penalty: not the pull's doing.
            return text + f" {left}'s constant pull holds the other {held - blank} there."
        return text + f" {left}'s constant pull holds {held} of them there."
    return text


def narrate_path(session: Session, path: RegularizationPath | None) -> str:
    settings = session.settings
    if settings.penalty == "none":
        return "No penalty, so no path: press 1, 2 or e for L1, L2 or elastic net."
    if path is None:
        return "Computing the path, warm-started from lam_max down..."
    claims = path_claims(path, settings.lam)
    wanted: tuple[type, ...] = (NeverZero, GrowsWithLam, NonzeroAt)
    if settings.penalty != "l2":
        wanted = (AllZeroAtTop, ReturnsToZero, LeavesZeroOnce, NonzeroAt)
    chosen = [claim for kind in wanted for claim in claims if isinstance(claim, kind)]
    text = "; ".join(say(claim, session) for claim in chosen)
    return f"{session.penalty.label}: {text}." if text else f"{session.penalty.label} path."


def narrate_geometry(
    session: Session, claim: PlaneOptimum | None, ellipses: bool = True, bounded: bool = True
) -> str:
    """The geometry caption; ``ellipses`` is false on the logistic loss, whose level sets in
    the plane are no ellipses; ``bounded`` is false when the data loss has no minimum in the
    plane."""
    if claim is None:
        if not bounded:
            return (
                "No penalty: in this plane the logistic loss has no minimum (the two weights "
                "separate the classes), so nothing stops them growing."
            )
        if not ellipses:
            return "No penalty: the descent heads for the logistic loss's optimum in the plane."
        return "No penalty: the descent heads for the least-squares centre of the ellipses."
    names = session.problem.feature_names
    i, j = claim.features
    shape = (
        "diamond" if claim.l1_share == 1 else "circle" if claim.l1_share == 0 else "rounded diamond"
    )
    curve = "ellipse" if claim.ellipses else "level set of the loss"
    on_axis = [names[k] for k, zero in zip(claim.features, claim.zero, strict=True) if zero]
    label = session.penalty.label
    if on_axis:
        return (
            f"{label}: the smallest {curve} that reaches the {shape} meets it on an axis: in "
            f"this plane the optimum has {' and '.join(on_axis)} exactly 0."
        )
    return (
        f"{label}: the {curve} meets the {shape} off the axes: in this plane the optimum has "
        f"{names[i]} and {names[j]} both nonzero."
        + (" A circle has no corners to catch a weight at 0." if claim.l1_share == 0 else "")
    )


def narrate_zero(session: Session, claim: SliceMinimum, myth: UnitsMyth | None) -> str:
    """The one-weight view's caption: why this weight's minimum is or is not exactly 0, or, in
    other units, the weight that refutes the |w| > w² explanation."""
    if session.diverged is not None:
        return say(Diverged(session.diverged.step), session)
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
    if penalty.l1_weight == 0.0 and penalty.l2_weight == 0.0:
        if not math.isfinite(claim.center):
            return (
                f"{units}No penalty: along {name} the data loss falls for ever (the classes "
                "separate along it): no finite minimum."
            )
        return f"{units}No penalty: along {name} the minimum is z = {claim.center:.3g}."
    if penalty.l1_weight == 0.0:
        if not claim.quadratic:
            return (
                f"L2 along {name} (others and intercept held): the minimum "
                f"{claim.minimizer:.3g} is 0 only if the data's pull at 0 is; here it is "
                f"{claim.pull_at_zero:.3g}."
            )
        return (
            f"{units}L2 along {name} (others held): the minimum h·z/(h + 2·lam) = "
            f"{claim.minimizer:.3g} is 0 only if z is; here z = {claim.center:.3g}."
        )
    pull, limit = distinct(claim.pull_at_zero, claim.threshold, 3)
    threshold = f"{lam_name(session)} = {limit}"
    held = "others held" if claim.quadratic else "others and intercept held"
    if claim.caught:
        return (
            f"{units}{penalty.label} along {name} ({held}): the data's pull at 0, {pull}, "
            f"is within {threshold}: the kink at 0 catches the minimum, exactly 0."
        )
    return (
        f"{units}{penalty.label} along {name} ({held}): the data's pull at 0, {pull}, "
        f"exceeds {threshold}: the minimum is {claim.minimizer:.3g}, not 0."
    )
