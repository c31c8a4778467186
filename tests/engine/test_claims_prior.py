"""The prior view's claims against the engine: along one weight the posterior of the zero view's
slice, its mode the slice's minimizer, what is 0 and why; over all weights the MAP against
scikit-learn and the posterior means against the sampler."""

import math

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge
from test_engine_posterior import laplace_gaussian

from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem
from l1l2_tui.engine.claims.prior import (
    prior_refusal,
    weight_belief,
    whole_posterior,
    whole_posterior_refusal,
)
from l1l2_tui.engine.claims.zero import one_weight_slice
from l1l2_tui.engine.penalties import L1, L2
from l1l2_tui.engine.posterior import bayesian_lasso


def session_at(steps: int = 150, **settings: object) -> Session:
    session = Session(build_problem(ProblemSpec()), Settings(**settings))  # type: ignore[arg-type]
    session.step(steps)
    return session


@pytest.mark.parametrize("j", range(10))
def test_one_weight_posterior_is_the_slices_against_the_closed_form(j):
    session = session_at(lam=0.3)
    belief = weight_belief(session, j)
    piece = one_weight_slice(session, j)
    k = belief.likelihood.inverse_temperature
    # The slice h/2 (t - z)^2 times k, with the Laplace rate k a: sd 1/sqrt(k h), c = k a.
    median, mean = laplace_gaussian(piece.center, 1 / math.sqrt(k * piece.curvature), k * 0.3)
    assert belief.mode == piece.minimizer
    assert abs(belief.median - median) < 1e-8 and abs(belief.mean - mean) < 1e-8
    assert belief.at_kink == (piece.minimizer == 0.0)
    assert belief.at_kink == (abs(piece.pull_at_zero) <= 0.3)
    if belief.at_kink:
        assert not belief.median_zero and not belief.mean_zero
        assert belief.median != 0.0 and belief.mean != 0.0
        # The median and mean lie on the data's side of 0.
        assert np.sign(belief.mean) == np.sign(belief.median) == np.sign(piece.center) != 0


def test_l2_mode_median_and_mean_agree():
    session = session_at(penalty="l2", lam=0.3)
    for j in range(10):
        belief = weight_belief(session, j)
        piece = one_weight_slice(session, j)
        assert belief.agree and not belief.at_kink
        h, z = piece.curvature, piece.center
        assert belief.mode == pytest.approx(h * z / (h + 2 * 0.3), rel=1e-12)
        assert abs(belief.mean - belief.mode) < 1e-6 * belief.sd


def test_elastic_net_mode_at_the_kink_of_its_l1_part():
    session = session_at(penalty="elasticnet", lam=0.4, l1_ratio=0.6)
    beliefs = [weight_belief(session, j) for j in range(10)]
    held = [b for b in beliefs if b.at_kink]
    assert held, "some weight's mode sits at the kink"
    for belief in held:
        assert belief.threshold == pytest.approx(0.4 * 0.6)
        assert belief.mode == 0.0 and belief.mean != 0.0
        assert belief.scales is not None
        assert math.isfinite(belief.scales.laplace_scale)
        assert math.isfinite(belief.scales.gaussian_variance)


def test_logistic_belief_has_the_bernoulli_likelihood():
    session = Session(build_problem(ProblemSpec(dataset="digits")), Settings())
    session.step(100)
    belief = weight_belief(session, 28)
    assert belief.likelihood.name == "Bernoulli"
    assert belief.likelihood.inverse_temperature == session.problem.n_samples
    assert belief.mode == one_weight_slice(session, 28).minimizer
    assert prior_refusal(session) == ""
    assert "Gaussian noise" in whole_posterior_refusal(session.loss, session.penalty)


def test_too_few_rows_for_the_noise_variance_are_refused():
    session = Session(build_problem(ProblemSpec(samples=8, features=10)), Settings())
    assert "n > d + 1" in prior_refusal(session)
    with pytest.raises(ValueError, match="n > d"):
        whole_posterior(session.problem.X, session.problem.y, session.loss, session.penalty)


def test_whole_posterior_under_l1_against_scikit_learn_and_the_sampler():
    problem = build_problem(ProblemSpec(dataset="diabetes"))
    session = Session(problem, Settings(lam=6.8))
    whole = whole_posterior(problem.X, problem.y, session.loss, L1(6.8), draws=1500, burn_in=200)
    lasso = Lasso(alpha=6.8, tol=1e-12, max_iter=100_000).fit(problem.X, problem.y)
    np.testing.assert_allclose(whole.map, lasso.coef_, atol=1e-6)
    assert whole.map_zeros == int(np.sum(lasso.coef_ == 0.0)) > 0
    assert whole.mean_zeros == 0 and whole.sampled
    assert whole.zeros_straddling == whole.map_zeros
    sigma2 = session.loss.likelihood().noise_variance
    fit = bayesian_lasso(problem.X, problem.y, L1(6.8), sigma2, 1500, 200, 0)
    np.testing.assert_array_equal(whole.mean, fit.mean)


def test_whole_posterior_under_l2_is_exact_and_its_mean_the_map():
    problem = build_problem(ProblemSpec())
    session = Session(problem, Settings(penalty="l2", lam=0.3))
    whole = whole_posterior(problem.X, problem.y, session.loss, L2(0.3))
    ridge = Ridge(alpha=2 * problem.n_samples * 0.3).fit(problem.X, problem.y)
    np.testing.assert_allclose(whole.mean, ridge.coef_, rtol=1e-9)
    np.testing.assert_allclose(whole.map, whole.mean, rtol=1e-7, atol=1e-10)
    assert not whole.sampled and whole.draws == 0
    assert np.all(whole.lower < whole.mean) and np.all(whole.mean < whole.upper)
