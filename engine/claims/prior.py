"""Claims about the run read as Bayes: the penalty is a prior, the data loss a likelihood, and
the objective's minimizer the posterior's mode (MAP). Along one weight, the others held as in
the zero view (:mod:`l1l2_tui.engine.claims.zero`), the posterior's mode, median and mean, and
which of them are 0; over all the weights, the MAP beside the posterior's mean and credible
intervals (:mod:`l1l2_tui.engine.posterior`).

What may be said: with an L1 part the mode sits exactly at 0 when the data's pull at 0 is at
most what the penalty holds there (the kink of the Laplace prior catches it, as the prox
does), while the median and mean are 0 only when the posterior is symmetric about 0 (the data
pull nothing at 0 at all): the posterior keeps mass on both sides of 0 and more on the data's.
Under a Gaussian prior with a Gaussian likelihood (L2, least squares) the posterior is Gaussian
and its mode, median and mean agree.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from l1l2_tui.engine.claims.zero import one_weight_slice
from l1l2_tui.engine.loss_protocol import Loss
from l1l2_tui.engine.penalties import Penalty
from l1l2_tui.engine.posterior import (
    GRID_POINTS,
    Likelihood,
    PriorScales,
    WeightPosterior,
    bayesian_lasso,
    gaussian_posterior,
    prior_scales,
    weight_posterior,
)
from l1l2_tui.engine.session import Session

SMOOTH_POINTS = 501
"""Grid points for a data loss that is not a parabola (the logistic loss costs ``n`` values a
point): the median and mean are then within 3e-9 of a 16,001-point grid's
(``tests/perf/bench_posterior.py``), and a frame of the live view costs 20 to 50 ms on digits
(least squares: 0.3 ms on 4,001 points)."""
AGREE = 1e-6
"""Two of mode, median and mean agree, or one is at 0, when they are within this many posterior
standard deviations: the quadrature's own error is below 1e-8 of them."""
LEVEL = 0.9
"""The credible intervals' level."""
DRAWS = 5000
BURN_IN = 1000
SEED = 0


@dataclass(frozen=True, eq=False)
class WeightBelief:
    """Along ``feature`` (the others held), the posterior ``posterior`` under ``likelihood``
    and the prior ``scales`` (``None`` for a penalty of another form than the elastic net's).

    ``at_kink``: the mode is exactly 0 because the data's pull at 0, ``pull_at_zero`` in
    size, is within ``threshold``, what the penalty holds there. ``median_zero`` and
    ``mean_zero``: they are 0 (to :data:`AGREE`; only a posterior symmetric about 0 has
    them there). ``agree``: mode, median and mean are one value (to :data:`AGREE`); ``sd``
    the posterior's standard deviation."""

    feature: int
    posterior: WeightPosterior
    likelihood: Likelihood
    scales: PriorScales | None
    penalty: Penalty
    pull_at_zero: float
    threshold: float
    at_kink: bool
    median_zero: bool
    mean_zero: bool
    agree: bool
    sd: float

    @property
    def mode(self) -> float:
        return self.posterior.mode

    @property
    def median(self) -> float:
        return self.posterior.median

    @property
    def mean(self) -> float:
        return self.posterior.mean


def weight_belief(session: Session, j: int) -> WeightBelief:
    """The posterior along ``w_j`` at the run's weights; ValueError when it cannot be had (the
    loss is no likelihood here, or the posterior is improper: no penalty and a loss that falls
    for ever along the weight)."""
    likelihood = session.loss.likelihood()
    piece = one_weight_slice(session, j)
    mode = piece.minimizer
    if not math.isfinite(mode):
        raise ValueError("the posterior along this weight is improper: it does not fall off")
    offset = float(piece.data_loss(np.array([mode]))[0])

    def data_loss(t: np.ndarray) -> np.ndarray:
        return piece.data_loss(t) - offset

    points = GRID_POINTS if piece.quadratic else SMOOTH_POINTS
    k = likelihood.inverse_temperature
    post = weight_posterior(data_loss, mode, piece.penalty, k, points)
    grid, density = post.grid, post.posterior
    h = grid[1] - grid[0]
    sd = math.sqrt(max(float(np.sum((grid - post.mean) ** 2 * density) * h), 0.0))
    close = AGREE * sd
    pull = piece.pull_at_zero
    threshold = piece.threshold
    return WeightBelief(
        feature=j,
        posterior=post,
        likelihood=likelihood,
        scales=prior_scales(piece.penalty, k),
        penalty=piece.penalty,
        pull_at_zero=abs(pull),
        threshold=threshold,
        at_kink=post.mode == 0.0 and threshold > 0 and abs(pull) <= threshold,
        median_zero=abs(post.median) <= close,
        mean_zero=abs(post.mean) <= close,
        agree=abs(post.mode - post.mean) <= close and abs(post.median - post.mean) <= close,
        sd=sd,
    )


def prior_refusal(session: Session) -> str:
    """Why the run cannot be read as a posterior, or ``""``."""
    try:
        session.loss.likelihood()
    except ValueError as error:
        return f"the prior view needs the data loss as a likelihood: {error}"
    return ""


@dataclass(frozen=True, eq=False)
class WholePosterior:
    """Every weight's MAP (the objective's exact minimizer, ``map``) beside its posterior
    ``mean`` and central ``level`` credible interval ``[lower, upper]``: from ``draws`` Gibbs
    draws (``sampled``; Park and Casella's sampler, seed ``seed``) under a penalty with an L1
    part, else exact (the Gaussian posterior of a penalty with none)."""

    penalty: Penalty
    likelihood: Likelihood
    map: np.ndarray
    mean: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    level: float
    sampled: bool
    draws: int
    burn_in: int
    seed: int

    @property
    def map_zeros(self) -> int:
        """How many weights the MAP has at exactly 0."""
        return int(np.count_nonzero(self.map == 0.0))

    @property
    def mean_zeros(self) -> int:
        """How many posterior means are exactly 0."""
        return int(np.count_nonzero(self.mean == 0.0))

    @property
    def zeros_straddling(self) -> int:
        """How many of the MAP's zeros have an interval holding 0 inside."""
        held = (self.map == 0.0) & (self.lower < 0.0) & (self.upper > 0.0)
        return int(np.count_nonzero(held))


def whole_posterior_refusal(loss: Loss, penalty: Penalty) -> str:
    """Why :func:`whole_posterior` cannot be had for ``loss`` and ``penalty``, or ``""``."""
    try:
        likelihood = loss.likelihood()
    except ValueError as error:
        return str(error)
    if likelihood.noise_variance is None:
        return (
            f"the whole posterior is sampled for least squares (Park and Casella's Gibbs "
            f"sampler needs Gaussian noise), not a {likelihood.name} likelihood"
        )
    if penalty.as_elastic_net() is None:
        return f"the whole posterior is sampled for l1, l2, elasticnet or none, not {penalty}"
    return ""


def whole_posterior(
    X: np.ndarray,
    y: np.ndarray,
    loss: Loss,
    penalty: Penalty,
    draws: int = DRAWS,
    burn_in: int = BURN_IN,
    seed: int = SEED,
    level: float = LEVEL,
    on_progress: Callable[[int, int], None] | None = None,
) -> WholePosterior:
    """The MAP, posterior means and intervals of least squares on ``X``, ``y`` (``loss``)
    under ``penalty``; ``on_progress(done, total)`` after each chunk of draws (it may raise to
    stop). ValueError when :func:`whole_posterior_refusal` says why not, or the posterior is
    improper."""
    refusal = whole_posterior_refusal(loss, penalty)
    if refusal:
        raise ValueError(refusal)
    likelihood = loss.likelihood()
    assert likelihood.noise_variance is not None  # the refusal says so otherwise
    sigma2 = likelihood.noise_variance
    form = penalty.as_elastic_net()
    assert form is not None
    if form[0] > 0:
        fit = bayesian_lasso(X, y, penalty, sigma2, draws, burn_in, seed, on_progress)
        lower, upper = fit.interval(level)
        mean, sampled = fit.mean, True
    else:
        mean, sd = gaussian_posterior(X, y, penalty, sigma2)
        spread = NormalDist().inv_cdf((1 + level) / 2) * sd
        lower, upper, sampled = mean - spread, mean + spread, False
    map_weights, _ = loss.solve(penalty)
    return WholePosterior(
        penalty,
        likelihood,
        np.asarray(map_weights, dtype=float),
        mean,
        lower,
        upper,
        level,
        sampled,
        draws if sampled else 0,
        burn_in if sampled else 0,
        seed,
    )
