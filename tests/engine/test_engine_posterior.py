"""The prior view's maths: one weight's posterior by quadrature against the Laplace-Gaussian closed
forms, its mode against the prox, and the Bayesian lasso's Gibbs sampler against quadrature."""

import math

import numpy as np
import pytest
from scipy.special import expit, log_ndtr, ndtr, ndtri

from l1l2_tui.engine import (
    LeastSquares,
    Logistic,
    ProblemSpec,
    build_problem,
    make_penalty,
    minimize,
)
from l1l2_tui.engine.penalties import L1, L2, ElasticNet, NoPenalty, Penalty
from l1l2_tui.engine.posterior import (
    PriorScales,
    bayesian_lasso,
    gaussian_posterior,
    gaussian_weight_posterior,
    gibbs_chunks,
    noise_variance_estimate,
    prior_scales,
    weight_posterior,
)


def l1_and_l2(a: float, q: float) -> Penalty:
    """The elastic net ``a |w| + q w^2``."""
    return ElasticNet(a + q, a / (a + q))


def laplace_gaussian(z: float, s: float, c: float) -> tuple[float, float]:
    """Median and mean of ``exp(-(t - z)^2 / (2 s^2) - c |t|)``: on each side of 0 a
    truncated normal with mean ``z -+ c s^2`` and sd ``s``, weighted by its mass (in logs, and
    with the inverse Mills ratio ``phi(x) / Phi(x)`` as ``exp(log phi - log Phi)``)."""
    mu_p, mu_m = z - c * s * s, z + c * s * s
    log_wp = (mu_p**2 - z**2) / (2 * s * s) + log_ndtr(mu_p / s)
    log_wm = (mu_m**2 - z**2) / (2 * s * s) + log_ndtr(-mu_m / s)
    pi_m = float(expit(log_wm - log_wp))

    def mills(x: float) -> float:
        return math.exp(-x * x / 2 - 0.5 * math.log(2 * math.pi) - log_ndtr(x))

    mean_p = mu_p + s * mills(mu_p / s)
    mean_m = mu_m - s * mills(-mu_m / s)
    mean = pi_m * mean_m + (1 - pi_m) * mean_p
    if pi_m >= 0.5:
        median = mu_m + s * ndtri(0.5 * ndtr(-mu_m / s) / pi_m)
    else:
        share = ndtr(-mu_p / s) + (0.5 - pi_m) / (1 - pi_m) * ndtr(mu_p / s)
        median = mu_p + s * ndtri(share)
    return float(median), float(mean)


def test_the_issue_example():
    """y ~ N(w, 1) with a Laplace prior of scale 1: MAP 0, median 0.326, mean 0.395."""
    post = gaussian_weight_posterior(
        center=0.8, curvature=1.0, penalty=L1(1.0), inverse_temperature=1.0
    )
    assert post.mode == 0.0
    assert round(post.median, 3) == 0.326
    assert round(post.mean, 4) == 0.3945  # the issue's 0.395 rounds it to three places
    median, mean = laplace_gaussian(0.8, 1.0, 1.0)
    assert abs(post.median - median) < 1e-8 and abs(post.mean - mean) < 1e-8


@pytest.mark.parametrize("z", [-3.0, -0.8, 0.0, 0.3, 0.8, 2.5, 6.0])
@pytest.mark.parametrize("s", [0.05, 1.0, 2.0])
@pytest.mark.parametrize("c", [0.5, 1.0, 3.0])
def test_laplace_quadrature_against_closed_form(z, s, c):
    # k = 1: the likelihood's variance is 1 / h, the Laplace rate is a.
    post = gaussian_weight_posterior(z, 1 / s**2, L1(c), 1.0)
    median, mean = laplace_gaussian(z, s, c)
    assert abs(post.median - median) < 1e-8
    assert abs(post.mean - mean) < 1e-8
    assert post.mode == pytest.approx(max(abs(z) - c * s * s, 0.0) * np.sign(z), rel=1e-14)
    assert (post.mode == 0.0) == (abs(z) <= c * s * s)


@pytest.mark.parametrize("z", [-1.5, 0.4, 3.0])
@pytest.mark.parametrize("tau2", [0.2, 5.0])
def test_elastic_net_quadrature_against_closed_form(z, tau2):
    s2, c = 0.7, 1.3
    # Likelihood N(z, s2) times exp(-t^2 / (2 tau2)) is N(m0, v) up to a constant.
    v = 1 / (1 / s2 + 1 / tau2)
    m0 = z / s2 * v
    post = gaussian_weight_posterior(z, 1 / s2, l1_and_l2(c, 1 / (2 * tau2)), 1.0)
    median, mean = laplace_gaussian(m0, math.sqrt(v), c)
    assert abs(post.median - median) < 1e-8 and abs(post.mean - mean) < 1e-8


def test_gaussian_prior_alone_gives_mode_median_and_mean_together():
    post = gaussian_weight_posterior(1.2, 2.0, L2(0.5), 3.0)
    expected = 2.0 * 1.2 / (2.0 + 1.0)  # h z / (h + 2 q)
    assert post.mode == pytest.approx(expected, rel=1e-15)
    assert post.median == pytest.approx(expected, abs=1e-9)
    assert post.mean == pytest.approx(expected, abs=1e-9)
    assert post.mode != 0.0


@pytest.mark.parametrize("z", [-2.0, -0.3, 0.1, 0.9, 4.0])
@pytest.mark.parametrize("lam", [0.2, 1.0])
def test_map_is_the_prox_and_the_density_peaks_there(z, lam):
    h, k = 1.7, 3.0
    post = gaussian_weight_posterior(z, h, L1(lam), k)
    # The prox of the penalty with step 1/h at the unpenalized minimizer z.
    assert post.mode == pytest.approx(
        make_penalty("l1", lam).prox(np.array([z]), 1 / h)[0], rel=1e-15
    )
    assert (post.mode == 0.0) == (abs(h * z) <= lam)
    peak = post.grid[np.argmax(post.posterior)]
    assert abs(peak - post.mode) <= post.grid[1] - post.grid[0]
    if post.mode == 0.0:
        assert peak == 0.0
        assert post.median != 0.0 and post.mean != 0.0


def test_curves_are_scaled_as_documented():
    post = gaussian_weight_posterior(0.8, 1.0, l1_and_l2(1.0, 0.25), 2.0)
    zero = int(np.flatnonzero(post.grid == 0.0)[0])
    assert post.prior[zero] == 1.0 and post.prior.max() == 1.0
    assert post.likelihood.max() == 1.0
    np.testing.assert_allclose(post.prior, np.exp(-2.0 * (np.abs(post.grid) + 0.25 * post.grid**2)))
    flat = gaussian_weight_posterior(0.8, 1.0, NoPenalty(0.0), 2.0)
    np.testing.assert_array_equal(flat.prior, 1.0)
    assert flat.mean == pytest.approx(0.8, abs=1e-9)


def test_logistic_weight_posterior_against_brute_force():
    rng = np.random.default_rng(4)
    X = rng.standard_normal((80, 4))
    y01 = (rng.random(80) < 1 / (1 + np.exp(-X @ [1.0, -0.5, 0.0, 0.3]))).astype(float)
    loss = Logistic(X, y01)
    w, b = np.array([0.4, -0.2, 0.0, 0.1]), 0.1
    _, grad, _ = loss.evaluate(w, b)
    for j, lam in ((0, 0.01), (2, 0.05), (3, 0.002)):
        penalty = make_penalty("l1", lam)
        piece = loss.weight_slice(w, b, grad, penalty, j)
        post = weight_posterior(piece.data_loss, piece.minimizer, penalty, loss.n)
        fine = np.linspace(post.grid[0], post.grid[-1], 200_001)
        log_density = -loss.n * (piece.data_loss(fine) + lam * np.abs(fine))
        density = np.exp(log_density - log_density.max())
        cdf = np.concatenate([[0.0], np.cumsum((density[1:] + density[:-1]) / 2)])
        cdf /= cdf[-1]
        median = float(np.interp(0.5, cdf, fine))
        mean = float(np.sum(fine * density) / np.sum(density))
        assert abs(post.median - median) < 1e-8
        assert abs(post.mean - mean) < 1e-8
        assert abs(fine[np.argmax(density)] - post.mode) < 2 * (fine[1] - fine[0])


def test_improper_posterior_is_refused():
    with pytest.raises(ValueError, match="improper"):
        weight_posterior(lambda t: 0.0 * t, 0.0, NoPenalty(0.0), 1.0)
    with pytest.raises(ValueError, match="curvature"):
        gaussian_weight_posterior(0.0, 0.0, L1(1.0), 1.0)


def test_prior_scales():
    scales = prior_scales(l1_and_l2(0.5, 0.25), inverse_temperature=4.0)
    assert scales is not None
    assert scales.laplace_scale == pytest.approx(1 / (4.0 * 0.5), rel=1e-15)
    assert scales.gaussian_variance == pytest.approx(1 / (2 * 4.0 * 0.25), rel=1e-15)
    flat = prior_scales(NoPenalty(0.3), 1.0)
    assert flat is not None
    assert flat.laplace_scale == math.inf and flat.gaussian_variance == math.inf
    assert prior_scales(L1(0.5), 2.0) == PriorScales(1.0, math.inf)
    assert prior_scales(L2(0.5), 2.0) == PriorScales(math.inf, 0.5)


def test_noise_variance_estimate():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((4000, 3))
    y = X @ [1.0, 0.0, -2.0] + 5.0 + 0.7 * rng.standard_normal(4000)
    assert noise_variance_estimate(X, y) == pytest.approx(0.49, rel=0.05)
    with pytest.raises(ValueError, match="n > d"):
        noise_variance_estimate(X[:4], y[:4])


def batch_mean_error(draws: np.ndarray, batches: int = 40) -> np.ndarray:
    """The Monte Carlo standard error of the draws' mean, by batch means (the chain's draws are
    correlated)."""
    means = np.array([part.mean(axis=0) for part in np.array_split(draws, batches)])
    return means.std(axis=0, ddof=1) / math.sqrt(batches)


def one_feature_problem():
    rng = np.random.default_rng(5)
    x = rng.standard_normal(40)
    y = 0.25 * x + 3.0 + rng.standard_normal(40)
    return x[:, None], y


def test_gibbs_mean_matches_quadrature_in_one_dimension():
    X, y = one_feature_problem()
    n, sigma2, lam = 40, 1.0, 0.3
    xc, yc = X[:, 0] - X.mean(), y - y.mean()
    h = xc @ xc / n
    post = gaussian_weight_posterior(xc @ yc / (xc @ xc), h, L1(lam), n / sigma2)
    assert post.mode == 0.0  # the lasso's weight is 0 here, its posterior mean is not
    fit = bayesian_lasso(X, y, L1(lam), sigma2, draws=20_000, burn_in=500, seed=1)
    error = batch_mean_error(fit.draws)[0]
    assert abs(fit.mean[0] - post.mean) < 4 * error
    assert error < 0.01
    assert abs(np.median(fit.draws[:, 0]) - post.median) < 0.02


def two_feature_problem():
    rng = np.random.default_rng(8)
    X = rng.standard_normal((30, 2)) @ np.array([[1.0, 0.6], [0.0, 0.8]])
    y = X @ [0.6, -0.2] + rng.standard_normal(30)
    return X, y


def quadrature_2d(X, y, lam, sigma2, points=801):
    """The posterior means of ``exp(-n/sigma2 F(w))`` on a 2-D grid, Simpson's rule in each
    axis with 0 a node (the kinks), independent of the engine's 1-D code."""
    n = len(y)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    G, c = Xc.T @ Xc, Xc.T @ yc
    center = np.linalg.solve(G, c)
    sd = np.sqrt(sigma2 * np.diag(np.linalg.inv(G)))
    axes, weights = [], []
    for j in range(2):
        lo, hi = min(center[j], 0) - 12 * sd[j], max(center[j], 0) + 12 * sd[j]
        h = (hi - lo) / (points - 1)
        below, above = 2 * math.ceil(-lo / (2 * h)), 2 * math.ceil(hi / (2 * h))
        axis = h * np.arange(-below, above + 1)
        wts = np.ones(len(axis))
        wts[1:-1:2], wts[2:-1:2] = 4.0, 2.0
        axes.append(axis)
        weights.append(wts * h / 3)
    w1, w2 = np.meshgrid(*axes, indexing="ij")
    quad = G[0, 0] * w1**2 + 2 * G[0, 1] * w1 * w2 + G[1, 1] * w2**2 - 2 * (c[0] * w1 + c[1] * w2)
    log_density = -quad / (2 * sigma2) - n * lam / sigma2 * (np.abs(w1) + np.abs(w2))
    density = np.exp(log_density - log_density.max()) * np.outer(*weights)
    total = density.sum()
    return np.array([(w1 * density).sum() / total, (w2 * density).sum() / total])


@pytest.mark.parametrize("sampler", ["gram", "bhattacharya"])
def test_gibbs_means_match_quadrature_in_two_dimensions(sampler):
    X, y = two_feature_problem()
    lam, sigma2 = 0.15, 1.0
    reference = quadrature_2d(X, y, lam, sigma2)
    loss = LeastSquares(X, y)
    assert np.count_nonzero(minimize(loss, make_penalty("l1", lam))) == 1  # one lasso zero
    fit = bayesian_lasso(X, y, L1(lam), sigma2, draws=20_000, burn_in=500, seed=3, sampler=sampler)
    error = batch_mean_error(fit.draws)
    assert np.all(np.abs(fit.mean - reference) < 4 * error), (fit.mean, reference, error)
    assert np.all(fit.mean != 0.0)


def test_same_seed_same_draws_whatever_the_chunks():
    problem = build_problem(ProblemSpec(dataset="diabetes"))

    def run(seed: int, chunk: int) -> np.ndarray:
        parts = gibbs_chunks(
            problem.X, problem.y, L1(6.8), 2900.0, draws=300, burn_in=50, seed=seed, chunk=chunk
        )
        return np.concatenate([part.draws for part in parts])

    first = run(7, 250)
    np.testing.assert_array_equal(first, run(7, 250))
    np.testing.assert_array_equal(first, run(7, 13))
    assert first.shape == (300, 10)
    assert not np.array_equal(first, run(8, 250))


def test_progress_and_cancelling():
    X, y = one_feature_problem()
    seen = []
    fit = bayesian_lasso(
        X, y, L1(0.3), 1.0, draws=600, burn_in=100, on_progress=lambda *a: seen.append(a)
    )
    assert seen == [(250, 700), (500, 700), (700, 700)]
    assert fit.draws.shape == (600, 1)
    chunks = gibbs_chunks(X, y, L1(0.3), 1.0, draws=10_000, burn_in=0, chunk=100)
    first = next(chunks)
    chunks.close()
    assert first.done == 100 and first.draws.shape == (100, 1)


def test_diabetes_map_has_zeros_and_the_posterior_mean_none():
    problem = build_problem(ProblemSpec(dataset="diabetes"))
    sigma2 = noise_variance_estimate(problem.X, problem.y)
    lam = 6.774
    lasso = minimize(LeastSquares(problem.X, problem.y), make_penalty("l1", lam))
    fit = bayesian_lasso(problem.X, problem.y, L1(lam), sigma2, draws=2000, burn_in=200, seed=0)
    lower, upper = fit.interval(0.9)
    assert np.count_nonzero(lasso == 0.0) == 6
    assert np.count_nonzero(fit.mean == 0.0) == 0
    assert np.all(lower < fit.mean) and np.all(fit.mean < upper)
    # The intervals of the lasso's zeros straddle 0.
    assert np.all((lower[lasso == 0.0] < 0) & (upper[lasso == 0.0] > 0))


def test_wide_design_uses_the_n_by_n_sampler():
    problem = build_problem(ProblemSpec(samples=20, features=60, seed=1))
    fit = bayesian_lasso(problem.X, problem.y, L1(0.2), 1.0, draws=200, burn_in=50, seed=0)
    assert fit.draws.shape == (200, 60) and np.all(np.isfinite(fit.draws))


def test_bad_arguments_are_refused():
    X, y = one_feature_problem()
    with pytest.raises(ValueError, match="L1 part"):
        bayesian_lasso(X, y, L1(0.0), 1.0)
    with pytest.raises(ValueError, match="L1 part"):
        bayesian_lasso(X, y, L2(0.3), 1.0)
    with pytest.raises(ValueError, match="noise variance"):
        bayesian_lasso(X, y, L1(0.3), -1.0)
    with pytest.raises(ValueError, match="level"):
        bayesian_lasso(X, y, L1(0.3), 1.0, draws=10, burn_in=0).interval(1.5)


def test_elastic_net_gibbs_mean_matches_quadrature_in_one_dimension():
    """A squared part adds 2 n q to the Gaussian draw's prior precision: the chain's mean is
    the quadrature's under the product prior."""
    X, y = one_feature_problem()
    n, sigma2 = 40, 1.0
    penalty = ElasticNet(0.5, 0.6)
    xc, yc = X[:, 0] - X.mean(), y - y.mean()
    post = gaussian_weight_posterior(xc @ yc / (xc @ xc), xc @ xc / n, penalty, n / sigma2)
    fit = bayesian_lasso(X, y, penalty, sigma2, draws=20_000, burn_in=500, seed=2)
    error = batch_mean_error(fit.draws)[0]
    assert abs(fit.mean[0] - post.mean) < 4 * error
    assert error < 0.01


def test_gaussian_posterior_is_the_ridge_solution_with_its_covariance():
    from sklearn.linear_model import Ridge

    problem = build_problem(ProblemSpec(samples=60, features=5, seed=2))
    n, q, sigma2 = 60, 0.05, 0.8
    mean, sd = gaussian_posterior(problem.X, problem.y, L2(q), sigma2)
    ridge = Ridge(alpha=2 * n * q).fit(problem.X, problem.y)  # ||r||^2 + alpha ||w||^2
    np.testing.assert_allclose(mean, ridge.coef_, rtol=1e-10, atol=1e-12)
    Xc = problem.X - problem.X.mean(axis=0)
    precision = (Xc.T @ Xc + 2 * n * q * np.eye(5)) / sigma2
    np.testing.assert_allclose(sd, np.sqrt(np.diag(np.linalg.inv(precision))), rtol=1e-12)
    with pytest.raises(ValueError, match="L1 part"):
        gaussian_posterior(problem.X, problem.y, L1(q), sigma2)
    twin = np.hstack([problem.X, problem.X[:, :1]])
    with pytest.raises(ValueError, match="improper"):
        gaussian_posterior(twin, problem.y, NoPenalty(0.0), sigma2)


def test_likelihoods_of_the_two_losses():
    from sklearn.linear_model import LinearRegression

    problem = build_problem(ProblemSpec(samples=80, features=4, seed=3))
    fit = LinearRegression().fit(problem.X, problem.y)
    rss = float(np.sum((problem.y - fit.predict(problem.X)) ** 2))
    likelihood = LeastSquares(problem.X, problem.y).likelihood()
    assert likelihood.name == "Gaussian"
    assert likelihood.noise_variance == pytest.approx(rss / (80 - 4 - 1), rel=1e-10)
    assert likelihood.inverse_temperature == pytest.approx(80 / likelihood.noise_variance)
    X = np.random.default_rng(0).standard_normal((30, 2))
    labels = Logistic(X, (X[:, 0] > 0).astype(float)).likelihood()
    assert (labels.name, labels.inverse_temperature, labels.noise_variance) == (
        "Bernoulli",
        30.0,
        None,
    )
