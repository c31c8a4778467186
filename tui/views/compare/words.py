"""The compare view's caption: two runs side by side."""

from __future__ import annotations

from l1l2_tui.engine.claims.compare import SideBySide

LEGEND = """
**Two runs side by side**, on the same data from the same start, stepped together and alike
but for one setting (`v`: L1 against L2, the proximal step against the subgradient step, or
naive minibatch sgd against the cumulative penalty, on the same minibatches).

- **Each side's line** at its top: what that side is, how many of its weights are exactly 0
  (and how many of those are blank pixels), its step and its objective.
- **Each side's weights over the steps**, a line a weight in its colour, on one shared scale,
  so that a height means the same on both sides; the {zero} line is 0.
- On image data, **each side's weight image**: a pixel's colour by its weight's sign and size,
  one colour scale for both sides, `·` where a weight is exactly 0.
- The keys that would change what the sides differ in are off here; the others change both.
"""
"""What the view draws, for its help: each curve, mark, colour and number. Colours are
named by role ({data_loss}, {penalty}...) and filled in from the theme on screen."""


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
        moved, moved_right = k - blank, m - blank_right  # the blank ones are 0 whatever the step
        if claim.optimizers == ("adam", "adam-prox") and moved == 0 < moved_right:
            return text + (
                " Adam's L1 subgradient is divided by √v with the gradient and jumps across 0; "
                "adam-prox's prox in Adam's metric lands on it."
            )
        rest_left, rest_right = claim.resting
        if (
            rest_left is not None
            and rest_right is not None
            and rest_right.same
            and (not rest_left.same or rest_left.gap > 1e3 * max(rest_right.gap, 1e-300))
        ):
            return text + (
                f" At rest, {left} is off the minimizer by {rest_left.gap:.3g}, {right} "
                f"within {rest_right.gap:.1g} of it, on its {rest_right.exact_zeros} zeros."
            )
        if claim.sweeps is not None and claim.optimizers[0] == "cd":
            return text + (
                f" cd sets one weight a step to its exact minimum along it ({claim.sweeps} "
                f"sweeps over the {d} so far); {right} moves every weight each step."
            )
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
