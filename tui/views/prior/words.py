"""The prior view's words: how lam is a prior, which of the posterior's mode, median and mean
are 0 along one weight and why, and what the whole posterior's bars show."""

from __future__ import annotations

import math

from l1l2_tui.engine import Session
from l1l2_tui.engine.claims.main import Diverged
from l1l2_tui.engine.claims.prior import WeightBelief, WholePosterior
from l1l2_tui.engine.penalties import Penalty
from l1l2_tui.engine.posterior import Likelihood, PriorScales
from l1l2_tui.views.main.words import say
from l1l2_tui.words import distinct, lam_name, weight_name

LEGEND = """
**One weight's prior, likelihood and posterior** (`f`: the next weight), the other weights held
where the run has them, each curve scaled to its own peak.

- The **prior** in {penalty}: the penalty read as a prior, exp(−k·penalty) (L1: a Laplace
  prior with its peak, a kink, at 0; L2: a Gaussian). The line above the plots states its scale
  and k, the data loss read as a negative log-likelihood.
- The **likelihood** in {data_loss}, and the **posterior**, their product, in {objective}.
- `*` the posterior's **mode** (the lasso's answer, the MAP), `◆` its **median**, `●` its
  **mean**, in {marker}, each in the cell of its value, the values printed above. Under L1 the
  mode can sit exactly at 0, held by the kink; the median and the mean never are 0: they
  average over both sides of it.
- **Right: the whole posterior**, a row per weight: its 90% credible interval as a line, `●` its
  mean in {objective} and `*` the MAP in {marker} (`<` `>`: beyond the axis), sampled by Park
  and Casella's Gibbs sampler for L1 and elastic net, exact for L2. The {zero} line is 0.
"""
"""What the view draws, for its help: each curve, mark, colour and number. Colours are
named by role ({data_loss}, {penalty}...) and filled in from the theme on screen."""


def value(x: float) -> str:
    """A posterior summary as the captions write it: four significant digits, 0 as 0."""
    return "0" if x == 0.0 else f"{x:.4g}"


def likelihood_words(likelihood: Likelihood, n: int) -> str:
    """How the data loss is a negative log-likelihood: ``exp(-k F)`` is the posterior."""
    k = likelihood.inverse_temperature
    if likelihood.noise_variance is None:
        return (
            f"the loss is -1/n × the {likelihood.name} log-likelihood: exp(-n·F) is the "
            f"posterior, n = {n}"
        )
    return (
        f"{likelihood.name} noise, σ² = {likelihood.noise_variance:.4g} (unpenalized fit): "
        f"exp(-k·F) is the posterior, k = n/σ² = {k:.4g}"
    )


def prior_words(penalty: Penalty, scales: PriorScales | None, likelihood: Likelihood) -> str:
    """What prior the penalty is at this ``lam``, with its scale stated."""
    if not penalty.penalizes:
        return "no penalty is a flat prior: the posterior is the likelihood"
    if scales is None:
        return f"{penalty.label} is the prior exp(-k·lam·r(w))"
    noise = "1" if likelihood.noise_variance is None else "σ²"
    parts = []
    if math.isfinite(scales.laplace_scale):
        parts.append(
            f"a Laplace prior, scale {noise}/(n·{penalty.strength}) = {scales.laplace_scale:.3g}"
        )
    if math.isfinite(scales.gaussian_variance):
        parts.append(
            f"a Gaussian prior, variance {noise}/(n·{penalty.fading}) = "
            f"{scales.gaussian_variance:.3g}"
        )
    return f"{penalty.label} is " + " times ".join(parts)


def scale_line(session: Session, belief: WeightBelief) -> str:
    """The line that maps ``lam`` to the prior's scale."""
    likelihood = belief.likelihood
    return (
        f"lam {session.settings.lam:.3g}: "
        f"{prior_words(belief.penalty, belief.scales, likelihood)}; "
        f"{likelihood_words(likelihood, session.problem.n_samples)}."
    )


def narrate_prior(session: Session, belief: WeightBelief | None, error: str = "") -> str:
    """The caption: which of the mode, median and mean along the weight are 0, and why."""
    if session.diverged is not None:
        return say(Diverged(session.diverged.step, session.diverged.lam_max), session)
    if belief is None:
        return f"No posterior along this weight: {error}"
    name = weight_name(session, belief.feature)
    mode, median, mean = value(belief.mode), value(belief.median), value(belief.mean)
    if belief.at_kink:
        pull, limit = distinct(belief.pull_at_zero, belief.threshold, 3)
        if belief.median_zero and belief.mean_zero:
            rest = "median and mean 0 too: the data pull nothing at 0, the posterior is symmetric"
        else:
            rest = f"median {median}, mean {mean}: not 0, they average both sides"
        return (
            f"{name}: the mode (MAP) is 0, held by the kink: the pull at 0, {pull}, is within "
            f"{lam_name(session)} = {limit}; {rest}."
        )
    if belief.agree:
        return f"{name}: mode, median and mean agree at {mode}; {_why_agree(belief)}"
    zeros = [
        word
        for word, zero in (
            ("mode", belief.mode == 0.0),
            ("median", belief.median_zero),
            ("mean", belief.mean_zero),
        )
        if zero
    ]
    which = "none is 0" if not zeros else f"the {' and '.join(zeros)} at 0"
    return f"{name}: mode {mode}, median {median}, mean {mean}: {which}; {_why_apart(belief)}"


def _why_agree(belief: WeightBelief) -> str:
    scales = belief.scales
    laplace = scales is not None and math.isfinite(scales.laplace_scale)
    if laplace:
        return "the posterior lies on one side of 0, where the Laplace prior has no kink."
    if belief.likelihood.noise_variance is not None:
        centred = ", centred on 0" if belief.mode == 0.0 else ""
        return f"a Gaussian prior (or none) times a Gaussian likelihood is Gaussian{centred}."
    return "the posterior is symmetric about its peak."


def _why_apart(belief: WeightBelief) -> str:
    if belief.threshold > 0:
        pull, limit = distinct(belief.pull_at_zero, belief.threshold, 3)
        return f"the data's pull at 0, {pull}, exceeds {limit}: the mode leaves the kink."
    return "the likelihood is not Gaussian, so the posterior is skewed."


def bars_line(whole: WholePosterior) -> str:
    """What the bars show: the MAP's exact zeros beside the posterior means."""
    level = f"{whole.level:.0%}"
    source = (
        f"{whole.draws:,} Gibbs draws, seed {whole.seed}"
        if whole.sampled
        else "exact: the posterior is Gaussian"
    )
    if whole.map_zeros == 0:
        return f"MAP: no weight at 0; {level} intervals; {source}."
    means = "none" if whole.mean_zeros == 0 else f"{whole.mean_zeros}"
    return (
        f"MAP: {whole.map_zeros} weights exactly 0; posterior mean: {means} "
        f"({whole.zeros_straddling} of those {level} intervals straddle 0). {source}."
    )
