"""The compare view's caption: two runs side by side."""

from __future__ import annotations

from l1l2_tui.engine.claims.compare import SideBySide


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
        frozen = claim.frozen[0]
        if claim.optimizers[0] == "playground" and frozen is not None:
            blank = f" ({blank} blank each)" if blank and blank == blank_right else ""
            return (
                f"Step {claim.step}: {left} {k}/{d} at exactly 0, {len(frozen.features)} frozen "
                f"({len(frozen.against)} with pulls at 0 above lam); {right} {m}/{d}, "
                f"revisited every step{blank}."
            )
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
