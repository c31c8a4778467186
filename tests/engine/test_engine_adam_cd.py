"""Adam with a penalty three ways, and coordinate descent, as optimizers of the registry: one step
by hand, and where each ends against scikit-learn."""

import warnings

import numpy as np
import pytest
from sklearn.linear_model import Lasso, LogisticRegression

from l1l2_tui.engine import (
    L1,
    OPTIMIZERS,
    ElasticNet,
    LeastSquares,
    Logistic,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    soft_threshold,
)
from l1l2_tui.engine.coordinate_descent import CentredData, cd_init, cd_step
from l1l2_tui.engine.problems import Problem

ADAMS = ("adam", "adam-decoupled", "adam-prox")
FULL_BATCH = {"batch": 10**6, "schedule": "constant"}
B1, B2, EPS = 0.9, 0.999, 1e-8


@pytest.fixture(scope="module")
def diabetes():
    return build_problem(ProblemSpec(dataset="diabetes"))


@pytest.fixture(scope="module")
def binary() -> Problem:
    """Overlapping classes from a sparse logistic model with an intercept."""
    rng = np.random.default_rng(0)
    n, d = 200, 6
    X = rng.standard_normal((n, d))
    w = np.array([1.5, -1.0, 0.7, 0.0, 0.0, 0.0])
    y01 = (rng.uniform(size=n) < 1 / (1 + np.exp(-(X @ w + 0.5)))).astype(float)
    return Problem(X, y01, tuple(f"x{j + 1}" for j in range(d)), "binary", False, loss="logistic")


def adam_by_hand(x, g, m, v, t, lr):
    """Kingma and Ba's step, written out: the new x before any prox, its step, m and v."""
    m = B1 * m + (1 - B1) * g
    v = B2 * v + (1 - B2) * g * g
    s = lr / (np.sqrt(v / (1 - B2**t)) + EPS)
    return x - s * m / (1 - B1**t), s, m, v


@pytest.mark.parametrize("name", ADAMS)
def test_two_adam_steps_by_hand(binary, name):
    loss, penalty, lr = Logistic(binary.X, binary.y), ElasticNet(0.05, 0.8), 0.05
    a, q = 0.05 * 0.8, 0.05 * 0.2
    optimizer = OPTIMIZERS[name]
    state = optimizer.init(loss, np.array([0.3, 0.0, -0.2, 0.01, 0.0, 0.5]), 0.1)
    w, b = state.w.copy(), state.b
    m, v, m_b, v_b = np.zeros(6), np.zeros(6), 0.0, 0.0
    for t, rows in enumerate((np.arange(0, 200, 2), np.arange(1, 200, 2)), start=1):
        state = optimizer.step(state, loss, penalty, lr, rows)
        g, g_b = loss.batch_grad(w, b, rows)
        if name == "adam":
            g = g + a * np.sign(w) + 2 * q * w
        u, s, m, v = adam_by_hand(w, g, m, v, t, lr)
        step = {"adam": None, "adam-decoupled": lr, "adam-prox": s}[name]
        w = u if step is None else soft_threshold(u, step * a) / (1 + 2 * step * q)
        b, _, m_b, v_b = adam_by_hand(b, g_b, m_b, v_b, t, lr)
        np.testing.assert_allclose(state.w, w, rtol=1e-13, atol=1e-15)
        assert state.b == pytest.approx(b, rel=1e-13)
        np.testing.assert_allclose((state.m, state.v), (m, v), rtol=1e-13)
        assert (state.m_b, state.v_b, state.t) == (pytest.approx(m_b), pytest.approx(v_b), t)
        value, grad, grad_b = loss.evaluate(state.w, state.b)
        assert state.value == value and state.grad_b == grad_b
        np.testing.assert_array_equal(state.grad, grad)


def test_cd_is_the_one_weight_minimizer_step_by_step(diabetes):
    """Least squares: each step is :mod:`coordinate_descent`'s exact update of one weight."""
    loss, penalty = LeastSquares(diabetes.X, diabetes.y), ElasticNet(3.0, 0.7)
    optimizer = OPTIMIZERS["cd"]
    state = optimizer.init(loss, np.zeros(loss.d), 0.0)
    data = CentredData.of(diabetes.X, diabetes.y)
    reference = cd_init(data)
    for step in range(1, 3 * loss.d + 1):
        state = optimizer.update(state, loss, penalty, 0.1)
        reference = cd_step(data, reference, 3.0, 0.7)
        np.testing.assert_allclose(state.w, reference.w, rtol=1e-12, atol=1e-12)
        assert (state.feature, state.sweeps) == (reference.feature, reference.sweeps)
        assert state.sweeps == step // loss.d
        assert np.count_nonzero(state.w != 0.0) == np.count_nonzero(reference.w != 0.0)


def test_cd_on_the_logistic_loss_minimizes_along_the_weight_then_steps_the_intercept(binary):
    loss, penalty, lr = Logistic(binary.X, binary.y), L1(0.05), 0.5
    state = OPTIMIZERS["cd"].init(loss, np.array([0.2, 0.0, 0.1, -0.3, 0.0, 0.0]), 0.2)
    for j in range(6):
        new = OPTIMIZERS["cd"].update(state, loss, penalty, lr)
        # Optimal along w_j (the others and b held): the data's slope there is -0.05 sign(w_j),
        # or within [-0.05, 0.05] at exactly 0.
        slope = loss.evaluate(new.w, state.b)[1][j]
        if new.w[j] == 0.0:
            assert abs(slope) <= 0.05
        else:
            assert slope == pytest.approx(-0.05 * np.sign(new.w[j]), abs=1e-10)
        np.testing.assert_array_equal(np.delete(new.w, j), np.delete(state.w, j))
        grad_b = loss.evaluate(new.w, state.b)[2]
        assert new.b == pytest.approx(state.b - lr * grad_b, rel=1e-14)
        state = new
    assert state.sweeps == 1 and state.feature == 0


def fitted(problem: Problem, optimizer: str, lam: float) -> Session:
    session = Session(problem, Settings(lam=lam, optimizer=optimizer, **FULL_BATCH))
    assert session.run(100_000, tol=1e-12)
    return session


@pytest.mark.parametrize("name", ["adam-prox", "cd"])
def test_adam_prox_and_cd_reach_scikit_learns_lasso(diabetes, name):
    lam = 6.774
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lasso = Lasso(alpha=lam, tol=1e-15, max_iter=10**6).fit(diabetes.X, diabetes.y)
    session = fitted(diabetes, name, lam)
    np.testing.assert_array_equal(session.weights == 0.0, lasso.coef_ == 0.0)
    np.testing.assert_allclose(session.weights, lasso.coef_, rtol=0, atol=1e-8)
    assert session.intercept == pytest.approx(lasso.intercept_, abs=1e-8)


@pytest.mark.parametrize("name", ["adam-prox", "cd"])
def test_adam_prox_and_cd_reach_scikit_learns_logistic_regression(binary, name):
    lam, n = 0.03, binary.n_samples
    model = LogisticRegression(l1_ratio=1.0, C=1 / (n * lam), solver="saga", tol=1e-14)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model.set_params(max_iter=10**6).fit(binary.X, binary.y)
    session = fitted(binary, name, lam)
    assert 0 < session.zeros < binary.n_features
    np.testing.assert_array_equal(session.weights == 0.0, model.coef_[0] == 0.0)
    np.testing.assert_allclose(session.weights, model.coef_[0], rtol=0, atol=1e-8)
    assert session.intercept == pytest.approx(model.intercept_[0], abs=1e-8)


def test_adam_with_the_subgradient_crosses_zero_and_decoupled_rests_off_the_minimum(diabetes):
    lasso = fitted(diabetes, "cd", 6.774).weights
    subgradient = Session(diabetes, Settings(lam=6.774, optimizer="adam", **FULL_BATCH))
    decoupled = Session(diabetes, Settings(lam=6.774, optimizer="adam-decoupled", **FULL_BATCH))
    for session in (subgradient, decoupled):
        session.step(5000)
    assert subgradient.zeros == 0
    assert np.abs(subgradient.weights[lasso == 0.0]).max() < 10 * subgradient.lr
    assert decoupled.zeros == 10
    assert np.abs(decoupled.weights - lasso).max() > 20.0


def test_the_step_input_of_adam_is_its_step_before_the_prox(diabetes):
    for name in ADAMS:
        session = Session(diabetes, Settings(lam=6.774, optimizer=name))
        session.step(30)
        u, after, lr = session.step_input(), session.next_weights(), session.next_lr()
        if name == "adam":
            np.testing.assert_allclose(after[u == 0.0], 0.0)
        elif name == "adam-decoupled":
            np.testing.assert_allclose(after, session.penalty.prox(u, lr), atol=1e-12)
        else:
            assert np.all(np.abs(after) <= np.abs(u))
            assert np.all(after * u >= 0.0)


def test_adams_default_step_is_a_share_of_how_far_one_weight_alone_goes(diabetes):
    loss = LeastSquares(diabetes.X, diabetes.y)
    grad, h = loss.grad(np.zeros(loss.d)), loss.curvature
    reach = np.abs(grad / h).max()  # least squares: the minimizer along w_j alone is -g_j / h_j
    for name in ADAMS:
        session = Session(diabetes, Settings(lam=1.0, optimizer=name))
        assert session.adaptive
        assert session.lr == pytest.approx(0.01 * reach, rel=1e-12)
    assert not Session(diabetes, Settings(optimizer="cd")).adaptive


def test_the_session_reports_cds_weight_and_sweeps(diabetes):
    session = Session(diabetes, Settings(optimizer="cd"))
    assert session.coordinate() == (0, 0)
    session.step(23)
    assert session.coordinate() == (3, 2)
    session.update(lam=1.0)  # a new state: the sweep starts over from weight 0
    assert session.coordinate() == (0, 0)
    assert Session(diabetes, Settings()).coordinate() is None


def test_a_settled_adam_run_is_measured_against_the_minimizer(diabetes):
    from l1l2_tui.engine.claims.main import against_minimizer

    exact = fitted(diabetes, "cd", 6.774).weights
    found = {}
    for name in ("adam-decoupled", "adam-prox"):
        session = Session(diabetes, Settings(lam=6.774, optimizer=name, **FULL_BATCH))
        assert against_minimizer(session) == []  # not settled: at the start
        session.step(5000)
        (claim,) = against_minimizer(session)
        assert claim.gap == pytest.approx(np.abs(session.weights - exact).max(), abs=1e-9)
        assert claim.zeros == session.zeros and claim.exact_zeros == 6
        found[name] = claim
    assert not found["adam-decoupled"].same and found["adam-decoupled"].gap > 20
    assert found["adam-prox"].same and found["adam-prox"].gap < 1e-9
    noisy = Session(diabetes, Settings(lam=6.774, optimizer="adam-prox", batch=32))
    noisy.step(500)
    assert against_minimizer(noisy) == []  # minibatch noise: no resting point to speak of
    jittering = Session(diabetes, Settings(lam=6.774, optimizer="adam", **FULL_BATCH))
    jittering.step(5000)
    assert against_minimizer(jittering) == []  # it never settles


def test_cds_step_is_the_zero_views_minimizer(diabetes, binary):
    from l1l2_tui.engine.claims.zero import coordinate_step, one_weight_slice

    for problem in (diabetes, binary):
        session = Session(problem, Settings(optimizer="cd"))
        for _ in range(2 * problem.n_features):
            j, sweeps = session.coordinate()
            claim = coordinate_step(session, j)
            assert claim is not None and (claim.feature, claim.sweeps) == (j, sweeps)
            assert claim.minimizer == pytest.approx(one_weight_slice(session, j).minimizer)
            assert coordinate_step(session, (j + 1) % problem.n_features) is None
            session.step(1)
            assert session.weights[j] == pytest.approx(claim.next_weight, rel=1e-12, abs=1e-300)
    assert coordinate_step(Session(diabetes, Settings()), 0) is None
