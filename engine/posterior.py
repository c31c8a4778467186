"""The penalized objective read as a posterior: L1 is a Laplace prior, L2 a Gaussian one, and the
lasso is the posterior's mode (MAP), while its median and mean are never exactly 0.

**The mapping.** With Gaussian noise of variance ``sigma^2`` the least-squares data loss is a
negative log-likelihood: ``-log p(y | w, b) = n/sigma^2 * 1/(2n) ||y - X w - b||^2 + const``.
So, with ``a = lam * l1_ratio`` and ``q = lam * (1 - l1_ratio)``,

    exp(-k F(w, b)) = exp(-k * data_loss) * exp(-k a ||w||_1) * exp(-k q ||w||^2),
    k = n / sigma^2,

is likelihood times prior: each weight has, independently, a Laplace prior with scale
``b_L = 1 / (k a) = sigma^2 / (n a)`` (density ``exp(-|w| / b_L) / (2 b_L)``) times a Gaussian
prior with variance ``tau^2 = 1 / (2 k q) = sigma^2 / (2 n q)``, and the minimizer of ``F`` is the
posterior mode for every ``sigma^2``. L1 is the Laplace prior alone, L2 the Gaussian alone,
elastic net their product, no penalty a flat prior. For the logistic loss the data loss is
already ``-1/n`` times the Bernoulli log-likelihood, so ``k = n`` (no noise variance). The flat
prior on the intercept is integrated out (least squares) or the intercept held (logistic).

**One weight** (the prior view): along ``w_j`` with the other weights held, the data loss
``f(t)`` is the zero view's slice (:mod:`l1l2_tui.engine.one_weight`), for least squares the
parabola ``h_j/2 (t - z_j)^2 + const``, a Gaussian likelihood with mean ``z_j`` and variance
``sigma^2 / (n h_j)``. The posterior ``exp(-k (f(t) + a |t| + q t^2))`` is evaluated on a fine
grid with 0 on it and integrated by Simpson's rule on each side of 0 (where the Laplace kink
is), its mode is the slice's exact minimizer (the prox, soft-thresholding for least squares),
its median and mean come from the quadrature.

**All the weights**: :func:`bayesian_lasso` is Park and Casella's Gibbs sampler ("The Bayesian
lasso", JASA 103(482), 2008) for least squares, with the noise variance fixed (see there).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

import numpy as np

from l1l2_tui.engine.penalties import Penalty

TAIL = 40.0
"""The grid ends where the negative log posterior has risen this much above the mode's: the
density there is ``e^-40`` (4e-18) of its peak, and beyond it (log-concave) less still."""
GRID_POINTS = 4001
DOUBLINGS = 1100
"""Enough halvings or doublings of the grid's half-width to go from any double to any other."""


@dataclass(frozen=True)
class PriorScales:
    """The prior each weight gets (module docstring): Laplace with scale ``laplace_scale``
    times Gaussian with variance ``gaussian_variance`` (``inf``: that part is flat)."""

    laplace_scale: float
    gaussian_variance: float


def prior_scales(penalty: Penalty, inverse_temperature: float) -> PriorScales | None:
    """The prior of ``penalty`` when it is ``a ||w||_1 + q ||w||^2``
    (:meth:`~l1l2_tui.engine.penalties.base.Penalty.as_elastic_net`; ``None`` for another form)
    and the objective times ``k = inverse_temperature`` is the negative log posterior:
    ``k = n / sigma^2`` for least squares, ``n`` for the logistic loss. The Laplace scale is
    ``1 / (k a)``, the Gaussian variance ``1 / (2 k q)``."""
    if not inverse_temperature > 0:
        raise ValueError(f"the inverse temperature must be > 0, not {inverse_temperature}")
    form = penalty.as_elastic_net()
    if form is None:
        return None
    l1_weight, l2_weight = form
    k = inverse_temperature
    scale = 1.0 / (k * l1_weight) if l1_weight > 0 else math.inf
    variance = 1.0 / (2.0 * k * l2_weight) if l2_weight > 0 else math.inf
    return PriorScales(scale, variance)


def noise_variance_estimate(X: np.ndarray, y: np.ndarray) -> float:
    """The unbiased least-squares estimate of ``sigma^2``: the residual sum of squares of the
    unpenalized fit (with intercept) over ``n - d - 1``. Needs ``n > d + 1`` and a design of
    full column rank."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    if n <= d + 1:
        raise ValueError(f"estimating the noise variance needs n > d + 1 (n = {n}, d = {d})")
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    w, _, rank, _ = np.linalg.lstsq(Xc, yc, rcond=None)
    if rank < d:
        raise ValueError("estimating the noise variance needs linearly independent features")
    residual = yc - Xc @ w
    return float(residual @ residual) / (n - d - 1)


@dataclass(frozen=True)
class Likelihood:
    """How a data loss ``f`` is a negative log-likelihood: ``exp(-k f)`` is the likelihood
    (up to a constant), ``k = inverse_temperature``. ``name`` is the noise model ("Gaussian"
    or "Bernoulli"); ``noise_variance`` is ``sigma^2`` for Gaussian noise (``k = n /
    sigma^2``), ``None`` for labels (``k = n``)."""

    name: str
    inverse_temperature: float
    noise_variance: float | None = None


def gaussian_likelihood(X: np.ndarray, y: np.ndarray) -> Likelihood:
    """Least squares ``1/(2n) ||y - X w - b||^2`` as Gaussian noise with the variance
    :func:`noise_variance_estimate` gives: ``k = n / sigma^2``."""
    noise_variance = noise_variance_estimate(X, y)
    return Likelihood("Gaussian", len(y) / noise_variance, noise_variance)


def gaussian_posterior(
    X: np.ndarray, y: np.ndarray, penalty: Penalty, noise_variance: float
) -> tuple[np.ndarray, np.ndarray]:
    """Each weight's posterior mean and standard deviation under a penalty with no L1 part
    (``q ||w||^2``, ``q >= 0``): the posterior ``exp(-n/sigma^2 F(w))`` is then the Gaussian
    ``N(A^-1 Xc' yc, sigma^2 A^-1)``, ``A = Xc' Xc + 2 n q I``, whose mean is its mode, the
    ridge solution. ValueError for a penalty with an L1 part, or a singular ``A`` (no penalty
    and linearly dependent features: the posterior is improper)."""
    form = penalty.as_elastic_net()
    if form is None or form[0] != 0.0:
        raise ValueError(f"the posterior is Gaussian only without an L1 part, not {penalty}")
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    system = Xc.T @ Xc + 2.0 * n * form[1] * np.eye(d)
    if np.linalg.matrix_rank(system) < d:
        raise ValueError("the posterior is improper: no penalty and linearly dependent features")
    covariance = noise_variance * np.linalg.inv(system)
    mean = np.linalg.solve(system, Xc.T @ yc)
    return mean, np.sqrt(np.diag(covariance))


@dataclass(frozen=True, eq=False)
class WeightPosterior:
    """One weight's prior, likelihood and posterior on ``grid`` (ascending; 0 on it whenever
    0 lies inside), and the posterior's mode, median and mean.

    ``posterior`` is the density (it integrates to 1 over the grid); ``prior`` is the prior
    relative to its peak at 0 (1 there; all ones when flat); ``likelihood`` is relative to its
    largest value on the grid."""

    grid: np.ndarray
    prior: np.ndarray
    likelihood: np.ndarray
    posterior: np.ndarray
    mode: float
    median: float
    mean: float


def weight_posterior(
    data_loss: Callable[[np.ndarray], np.ndarray],
    mode: float,
    penalty: Penalty,
    inverse_temperature: float,
    points: int = GRID_POINTS,
) -> WeightPosterior:
    """The posterior ``exp(-k (f(t) + lam r(t)))`` along one weight (module docstring):
    ``f = data_loss`` (convex, vectorized, any additive constant), ``lam r`` the ``penalty`` of
    one weight (:meth:`~l1l2_tui.engine.penalties.base.Penalty.per_weight`; ``a |t| + q t^2``
    for the elastic-net form), ``k = inverse_temperature``, and ``mode`` the exact minimizer of
    ``f(t) + lam r(t)`` (the one-weight slice's ``minimizer``: exactly 0 where the prox says
    so).

    The grid spans ``[mode - left, mode + right]``, each side at most twice as far as where the
    negative log posterior has risen by :data:`TAIL`, in about ``points`` evenly spaced points
    with 0 a node when inside (Simpson's rule is then exact to ``O(h^4)`` on each smooth side
    of the kink). The median solves ``CDF = 1/2`` on the quadratic that Simpson's rule
    integrates over the panel holding it. Raises ValueError when the posterior is improper
    (no penalty and a data loss that stays flat along the weight)."""
    k = inverse_temperature
    if not k > 0:
        raise ValueError(f"the inverse temperature must be > 0, not {k}")

    def negative_log(t: np.ndarray) -> np.ndarray:
        return k * (data_loss(t) + penalty.per_weight(t))

    peak = float(negative_log(np.array([mode]))[0])

    def rise(t: np.ndarray) -> np.ndarray:
        return negative_log(t) - peak

    width = 1e-3 * max(1.0, abs(mode))
    left = mode - _extent(rise, mode, -1.0, width)
    right = mode + _extent(rise, mode, 1.0, width)
    grid = _grid(left, right, max(int(points), 5))
    density = np.exp(-rise(grid))
    h = grid[1] - grid[0]
    panels = h / 3.0 * (density[:-2:2] + 4.0 * density[1:-1:2] + density[2::2])
    total = float(panels.sum())
    mean = float((h / 3.0 * _simpson_sum(grid * density)) / total)
    median = _median(grid, density, panels, total)
    prior = np.exp(-k * penalty.per_weight(grid))
    loss = data_loss(grid)
    likelihood = np.exp(-k * (loss - loss.min()))
    return WeightPosterior(grid, prior, likelihood, density / total, float(mode), median, mean)


def gaussian_weight_posterior(
    center: float,
    curvature: float,
    penalty: Penalty,
    inverse_temperature: float,
    points: int = GRID_POINTS,
) -> WeightPosterior:
    """:func:`weight_posterior` for least squares, ``f(t) = h/2 (t - z)^2`` with ``h =
    curvature > 0`` and ``z = center`` (the zero view's ``WeightSlice``), its mode the prox of
    ``z`` at step ``1 / h`` (``soft_threshold(h z, a) / (h + 2 q)`` for the elastic-net form)."""
    if not curvature > 0:
        raise ValueError(f"the curvature along the weight must be > 0, not {curvature}")
    h, z = float(curvature), float(center)
    mode = float(penalty.prox(np.array([z]), 1.0 / h)[0])
    return weight_posterior(
        lambda t: 0.5 * h * (t - z) ** 2, mode, penalty, inverse_temperature, points
    )


def _extent(
    rise: Callable[[np.ndarray], np.ndarray], mode: float, side: float, width: float
) -> float:
    """A distance from ``mode`` on ``side`` where ``rise`` is at least :data:`TAIL`, at most
    twice the nearest such."""

    def at(distance: float) -> float:
        return float(rise(np.array([mode + side * distance]))[0])

    if at(width) >= TAIL:
        for _ in range(DOUBLINGS):
            if at(width / 2.0) < TAIL:
                return width
            width /= 2.0
        return width
    for _ in range(DOUBLINGS):
        width *= 2.0
        if not math.isfinite(width):
            break
        if at(width) >= TAIL:
            return width
    raise ValueError("the posterior along this weight is improper: it does not fall off")


def _grid(left: float, right: float, points: int) -> np.ndarray:
    """Evenly spaced nodes from ``left`` to ``right`` (or a little beyond), an even number of
    intervals, and 0 on an even node when ``left < 0 < right``."""
    intervals = points - 1 + (points - 1) % 2
    if not left < 0.0 < right:
        return np.linspace(left, right, intervals + 1)
    h = (right - left) / intervals
    below = 2 * math.ceil(-left / (2 * h))
    above = 2 * math.ceil(right / (2 * h))
    return h * np.arange(-below, above + 1) + 0.0


def _simpson_sum(values: np.ndarray) -> float:
    return float(values[0] + values[-1] + 4.0 * values[1:-1:2].sum() + 2.0 * values[2:-1:2].sum())


def _median(grid: np.ndarray, density: np.ndarray, panels: np.ndarray, total: float) -> float:
    cumulative = np.concatenate([[0.0], np.cumsum(panels)])
    target = 0.5 * total
    p = int(np.clip(np.searchsorted(cumulative, target) - 1, 0, len(panels) - 1))
    f0, f1, f2 = density[2 * p], density[2 * p + 1], density[2 * p + 2]
    h = grid[1] - grid[0]
    wanted = target - cumulative[p]

    def integral(u: float) -> float:
        """The integral over ``[x_0, x_0 + u h]`` of the quadratic through the panel's three
        values (``u`` in ``[0, 2]``; at 2 it is the panel's Simpson sum)."""
        return h * (
            f0 * (u**3 / 6 - 3 * u**2 / 4 + u) - f1 * (u**3 / 3 - u**2) + f2 * (u**3 / 6 - u**2 / 4)
        )

    low, high = 0.0, 2.0
    for _ in range(60):
        middle = 0.5 * (low + high)
        if integral(middle) < wanted:
            low = middle
        else:
            high = middle
    return float(grid[2 * p] + 0.5 * (low + high) * h)


@dataclass(frozen=True)
class GibbsChunk:
    """Progress of :func:`gibbs_chunks`: ``done`` of ``total`` iterations (burn-in included),
    and the draws kept since the last chunk (none during the burn-in)."""

    done: int
    total: int
    draws: np.ndarray


@dataclass(frozen=True, eq=False)
class BayesianLasso:
    """The kept draws of the weights, one row each, and what they were drawn under."""

    draws: np.ndarray
    penalty: Penalty
    noise_variance: float

    @property
    def mean(self) -> np.ndarray:
        """Each weight's posterior mean."""
        return self.draws.mean(axis=0)

    def interval(self, level: float = 0.9) -> tuple[np.ndarray, np.ndarray]:
        """Each weight's central ``level`` credible interval: the ``(1 - level)/2`` and
        ``(1 + level)/2`` quantiles of its draws."""
        if not 0.0 < level < 1.0:
            raise ValueError(f"level must lie in (0, 1), not {level}")
        lower, upper = np.quantile(self.draws, [(1 - level) / 2, (1 + level) / 2], axis=0)
        return lower, upper


SamplerName = Literal["gram", "bhattacharya"]


def gibbs_chunks(
    X: np.ndarray,
    y: np.ndarray,
    penalty: Penalty,
    noise_variance: float,
    draws: int = 5000,
    burn_in: int = 1000,
    seed: int = 0,
    chunk: int = 250,
    sampler: SamplerName | None = None,
) -> Iterator[GibbsChunk]:
    """Park and Casella's Gibbs sampler for the Bayesian lasso, ``chunk`` iterations at a time
    (stop iterating to cancel). Each chunk's draws continue the one seeded stream, so the
    draws depend on ``seed`` alone, not on ``chunk``.

    ``penalty`` is ``a ||w||_1 + q ||w||^2`` with ``a > 0`` (L1, or an elastic net with an L1
    part; :meth:`~l1l2_tui.engine.penalties.base.Penalty.as_elastic_net`). The model, on
    ``Xc``, ``yc`` centred (the intercept's flat prior integrated out):
    ``yc | w ~ N(Xc w, sigma^2 I)``, ``w_j | tau_j^2 ~ N(0, sigma^2 tau_j^2)``,
    ``tau_j^2 ~ Exp(rate = L^2 / 2)``, which makes ``w_j`` Laplace with scale ``sigma / L``.
    With ``L = n a / sigma`` that scale is ``sigma^2 / (n a)``, the module docstring's: the
    posterior of ``w`` is ``exp(-n/sigma^2 F(w))`` with ``F`` the project's objective, whose
    mode is the lasso solution. A squared part ``q`` multiplies the prior by the Gaussian
    ``exp(-n q w_j^2 / sigma^2)``, which adds ``2 n q`` to each ``1 / tau_j^2`` in the draw of
    ``w`` and leaves the draw of ``tau`` as it is (it depends on ``w_j`` through the Laplace
    part alone). ``sigma^2 = noise_variance`` is held fixed (rather than given Park and
    Casella's inverse-gamma update) for exactly that reason: with ``sigma^2`` sampled, the
    joint mode is no longer the lasso at ``lam``, and the lam-to-prior mapping would move with
    every draw. See :func:`noise_variance_estimate` for a value.

    Each iteration draws ``w | tau ~ N(A^-1 Xc' yc, sigma^2 A^-1)`` with
    ``A = Xc' Xc + diag(1 / tau^2 + 2 n q)``, then each ``1 / tau_j^2 | w`` from the inverse
    Gaussian with mean ``L sigma / |w_j|`` and shape ``L^2``. The Gaussian draw is, for
    ``d <= n`` (``sampler="gram"``), ``A^-1 (Xc' yc + sigma (R' z1 + z2 sqrt(A - Xc' Xc)))``
    with ``Xc' Xc = R' R`` and ``z1, z2 ~ N(0, I_d)`` (mean and covariance are those asked);
    for ``d > n`` (``"bhattacharya"``), Bhattacharya, Chakraborty and Mallick's algorithm
    ("Fast sampling with Gaussian scale-mixture priors in high-dimensional regression",
    Biometrika 103(4), 2016), an ``n x n`` solve. The chain starts at the prior mean
    ``tau^2 = 2 / L^2``."""
    form = penalty.as_elastic_net()
    if form is None or not form[0] > 0:
        raise ValueError(
            f"the Bayesian lasso needs a penalty with an L1 part (l1 or elasticnet), not {penalty}"
        )
    l1_weight, l2_weight = form
    if not (noise_variance > 0 and math.isfinite(noise_variance)):
        raise ValueError(f"the noise variance must be a finite number > 0, not {noise_variance}")
    if draws < 1 or burn_in < 0 or chunk < 1:
        raise ValueError("draws and chunk must be at least 1, burn_in at least 0")
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    sigma = math.sqrt(noise_variance)
    rate = n * l1_weight / sigma
    ridge = 2.0 * n * l2_weight
    sampler = sampler or ("gram" if d <= n else "bhattacharya")
    if sampler not in ("gram", "bhattacharya"):
        raise ValueError(f"unknown sampler {sampler!r}; choose gram or bhattacharya")
    draw_weights = _draw_gram(Xc, yc, sigma) if sampler == "gram" else None
    rng = np.random.default_rng(seed)
    inverse_tau2 = np.full(d, rate * rate / 2.0)
    total = burn_in + draws
    done = 0
    while done < total:
        size = min(chunk, total - done)
        kept = np.empty((max(0, done + size - max(done, burn_in)), d))
        for i in range(done, done + size):
            if draw_weights is not None:
                w = draw_weights(inverse_tau2 + ridge, rng)
            else:
                w = _draw_bhattacharya(Xc, yc, sigma, inverse_tau2 + ridge, rng)
            inverse_tau2 = _inverse_gaussian(rate * sigma / np.abs(w), rate * rate, rng)
            if i >= burn_in:
                kept[i - max(done, burn_in)] = w
        done += size
        yield GibbsChunk(done, total, kept)


def bayesian_lasso(
    X: np.ndarray,
    y: np.ndarray,
    penalty: Penalty,
    noise_variance: float,
    draws: int = 5000,
    burn_in: int = 1000,
    seed: int = 0,
    on_progress: Callable[[int, int], None] | None = None,
    sampler: SamplerName | None = None,
) -> BayesianLasso:
    """All of :func:`gibbs_chunks`'s draws; ``on_progress(done, total)`` after each chunk."""
    kept = []
    for part in gibbs_chunks(X, y, penalty, noise_variance, draws, burn_in, seed, sampler=sampler):
        kept.append(part.draws)
        if on_progress is not None:
            on_progress(part.done, part.total)
    return BayesianLasso(np.concatenate(kept), penalty, float(noise_variance))


def _draw_gram(
    Xc: np.ndarray, yc: np.ndarray, sigma: float
) -> Callable[[np.ndarray, np.random.Generator], np.ndarray]:
    """``w | tau`` for ``d <= n``: see :func:`gibbs_chunks`. ``R' R = Xc' Xc`` by the
    symmetric square root (so a singular ``Xc' Xc``, constant columns, is fine)."""
    gram = Xc.T @ Xc
    values, vectors = np.linalg.eigh(gram)
    root = vectors * np.sqrt(np.maximum(values, 0.0))  # root @ root.T = gram
    xty = Xc.T @ yc
    d = len(xty)

    def draw(inverse_tau2: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """``inverse_tau2``: the prior's precision times ``sigma^2``, weight by weight."""
        z = rng.standard_normal(2 * d)
        rhs = xty + sigma * (root @ z[:d] + np.sqrt(inverse_tau2) * z[d:])
        system = gram.copy()
        system[np.diag_indices(d)] += inverse_tau2
        return np.linalg.solve(system, rhs)

    return draw


def _draw_bhattacharya(
    Xc: np.ndarray,
    yc: np.ndarray,
    sigma: float,
    inverse_tau2: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """``w | tau`` for ``d > n`` by Bhattacharya et al.'s algorithm with ``Phi = Xc / sigma``,
    ``alpha = yc / sigma`` and the prior covariance ``D = sigma^2 diag(1 / inverse_tau2)``
    (``sigma^2 tau^2`` for the lasso's prior alone): ``u ~ N(0, D)``,
    ``v = Phi u + delta`` (``delta ~ N(0, I_n)``), ``(Phi D Phi' + I) s = alpha - v``, and
    ``w = u + D Phi' s``."""
    n, d = Xc.shape
    prior_variance = sigma * sigma / inverse_tau2
    phi = Xc / sigma
    z = rng.standard_normal(d + n)
    u = np.sqrt(prior_variance) * z[:d]
    v = phi @ u + z[d:]
    system = (phi * prior_variance) @ phi.T
    system[np.diag_indices(n)] += 1.0
    s = np.linalg.solve(system, yc / sigma - v)
    return u + prior_variance * (phi.T @ s)


def _inverse_gaussian(mean: np.ndarray, shape: float, rng: np.random.Generator) -> np.ndarray:
    """Inverse Gaussian draws (Michael, Schucany and Haas, The American Statistician 30(2),
    1976) in a form that stays accurate for huge means (weights near 0): with ``y = z^2`` and
    ``r = mean y / (2 shape)``, the smaller root is ``x = mean / (1 + r + sqrt(r (r + 2)))``,
    kept with probability ``mean / (mean + x)``, else ``mean^2 / x``."""
    mean = np.minimum(mean, np.finfo(float).max / 4)
    z = rng.standard_normal(len(mean))
    uniform = rng.random(len(mean))
    r = mean * (z * z) / (2.0 * shape)
    x = mean / (1.0 + r + np.sqrt(r) * np.sqrt(r + 2.0))
    small = uniform * (mean + x) <= mean
    with np.errstate(over="ignore", divide="ignore"):
        other = mean * (mean / x)
    out = np.where(small, x, other)
    return np.clip(out, np.finfo(float).tiny, np.finfo(float).max)
