"""The logistic loss: its gradients, converged sessions against scikit-learn's
``LogisticRegression`` (same weights, intercept and set of exact zeros), ``lam_max``, and a
:class:`Session` driven by it. The digits tests use all 1797 images and all 64 pixels.

Mapping (see :mod:`l1l2_tui.engine.logistic`): l1 is ``C = 1/(n lam)``, ``l1_ratio=1``; l2 is
``C = 1/(2 n lam)``, ``l1_ratio=0``; elasticnet is ``C = 1/(n lam (2 - r))`` with scikit-learn's
``l1_ratio = r / (2 - r)``, ``r`` ours.
"""

import warnings

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from l1l2_tui.engine import (
    L1,
    Problem,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    lam_max,
    make_penalty,
)
from l1l2_tui.engine.digits import (
    PIXEL_NAMES,
    binary_labels,
    digits_binary,
    load_digits,
    standardize_pixels,
)
from l1l2_tui.engine.log_loss import sigmoid
from l1l2_tui.engine.logistic import Logistic

L1_RATIO = 0.7


def synthetic_binary(n: int = 150, d: int = 8, seed: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """Correlated, unstandardized features; labels drawn from a sparse logistic model with an
    intercept, so the classes are unbalanced and overlap."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d)) @ (np.eye(d) + 0.3) * rng.uniform(0.5, 3.0, d) + 0.5
    w = np.zeros(d)
    w[:3] = [1.5, -1.0, 0.7]
    y01 = (rng.uniform(size=n) < sigmoid(X @ w + 0.8)).astype(float)
    return X, y01


def problem_from(X: np.ndarray, y01: np.ndarray, name: str) -> Problem:
    return Problem(X, y01, tuple(f"x{j + 1}" for j in range(X.shape[1])), name, False)


PROBLEMS = {
    "digits": lambda: build_problem(ProblemSpec(dataset="digits", digit="ge5")),
    "synthetic": lambda: problem_from(*synthetic_binary(), "synthetic binary"),
}


def logistic_session(problem: Problem, settings: Settings) -> Session:
    return Session(problem, settings, loss=Logistic(problem.X, problem.y))


def sklearn_fit(X: np.ndarray, y01: np.ndarray, penalty: str, lam: float) -> LogisticRegression:
    n = len(y01)
    if penalty == "l1":
        model = LogisticRegression(l1_ratio=1.0, C=1 / (n * lam), solver="saga")
    elif penalty == "l2":
        model = LogisticRegression(l1_ratio=0.0, C=1 / (2 * n * lam), solver="lbfgs")
    else:
        model = LogisticRegression(
            l1_ratio=L1_RATIO / (2 - L1_RATIO), C=1 / (n * lam * (2 - L1_RATIO)), solver="saga"
        )
    model.set_params(tol=1e-12, max_iter=100_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # neither a deprecation nor a convergence warning
        model.fit(X, y01)
    return model


# -- the loss itself ----------------------------------------------------------------------
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradients_match_finite_differences(seed):
    X, y01 = synthetic_binary(40, 5, seed)
    loss = Logistic(X, y01)
    rng = np.random.default_rng(seed)
    w, b = rng.standard_normal(5), float(rng.standard_normal())
    value, grad_w, grad_b = loss.evaluate(w, b)
    h = 1e-6

    def value_at(w: np.ndarray, b: float) -> float:
        return loss.evaluate(w, b)[0]

    numeric_w = np.array(
        [(value_at(w + h * e, b) - value_at(w - h * e, b)) / (2 * h) for e in np.eye(5)]
    )
    numeric_b = (value_at(w, b + h) - value_at(w, b - h)) / (2 * h)
    np.testing.assert_allclose(grad_w, numeric_w, rtol=1e-6, atol=1e-9)
    assert grad_b == pytest.approx(numeric_b, rel=1e-6, abs=1e-9)
    margins = (2 * y01 - 1) * (X @ w + b)
    assert value == pytest.approx(np.mean(np.log1p(np.exp(-margins))), rel=1e-12)


def test_batch_grad_is_the_gradient_of_the_rows_alone():
    X, y01 = synthetic_binary(60, 6, 1)
    loss = Logistic(X, y01)
    w, b = np.linspace(-1, 1, 6), 0.3
    rows = np.arange(0, 60, 3)
    grad_w, grad_b = loss.batch_grad(w, b, rows)
    _, sub_w, sub_b = Logistic(X[rows], y01[rows]).evaluate(w, b)
    np.testing.assert_allclose(grad_w, sub_w, rtol=1e-13)
    assert grad_b == pytest.approx(sub_b, rel=1e-13)
    _, all_w, all_b = loss.evaluate(w, b)
    every_w, every_b = loss.batch_grad(w, b, np.arange(60))
    np.testing.assert_allclose(every_w, all_w, rtol=1e-13)
    assert every_b == pytest.approx(all_b, rel=1e-13)


def test_huge_margins_stay_finite_and_quiet():
    X, y01 = synthetic_binary(50, 4, 3)
    loss = Logistic(X, y01)
    with np.errstate(
        over="raise", invalid="raise", divide="raise"
    ):  # underflow to 0 is exact enough
        value, grad_w, grad_b = loss.evaluate(np.full(4, 1e6), -1e7)
        probabilities = loss.predict(np.full(4, -1e6), 1e7)
    assert np.isfinite(value) and value > 1e5, "a huge wrong margin costs about its size"
    assert np.isfinite(grad_w).all() and np.isfinite(grad_b)
    assert set(np.unique(probabilities)) <= {0.0, 1.0}


def hessian_by_differences(loss: Logistic, w: np.ndarray, b: float) -> np.ndarray:
    """The Hessian in ``(w, b)`` from central differences of the gradient."""

    def gradient(point: np.ndarray) -> np.ndarray:
        _, grad_w, grad_b = loss.evaluate(point[:-1], float(point[-1]))
        return np.append(grad_w, grad_b)

    point, h = np.append(w, b), 1e-5
    columns = [
        (gradient(point + h * e) - gradient(point - h * e)) / (2 * h) for e in np.eye(len(point))
    ]
    return np.array(columns)


def test_lipschitz_bounds_the_hessian_in_w_and_b():
    X, y01 = synthetic_binary(80, 5, 2)
    loss = Logistic(X, y01)
    # At w = 0, b = 0 every p (1 - p) is 1/4: the Hessian reaches the bound there...
    at_zero = np.linalg.eigvalsh(hessian_by_differences(loss, np.zeros(5), 0.0))[-1]
    assert at_zero == pytest.approx(loss.lipschitz, rel=1e-6)
    # ...and stays below it elsewhere.
    rng = np.random.default_rng(5)
    for _ in range(5):
        hessian = hessian_by_differences(loss, rng.standard_normal(5), float(rng.normal()))
        assert np.linalg.eigvalsh(hessian)[-1] < loss.lipschitz


def test_bad_labels_are_refused():
    X = np.ones((4, 2))
    with pytest.raises(ValueError, match="0 or 1"):
        Logistic(X, np.array([0.0, 1.0, 2.0, 1.0]))
    with pytest.raises(ValueError, match="both classes"):
        Logistic(X, np.ones(4))


def test_predict_and_accuracy():
    X, y01 = synthetic_binary()
    loss = Logistic(X, y01)
    session = logistic_session(problem_from(X, y01, "s"), Settings("l2", 1e-3, optimizer="fista"))
    assert session.run(20_000, tol=1e-8)
    w, b = session.weights, session.intercept
    expected = np.mean((X @ w + b >= 0) == (y01 == 1))
    assert loss.accuracy(w, b) == pytest.approx(expected)
    assert loss.accuracy(w, b) > max(y01.mean(), 1 - y01.mean()), "beats the majority class"
    flipped = np.mean((X[:10] @ w + b >= 0) == (y01[:10] == 0))
    assert loss.accuracy(w, b, X[:10], 1 - y01[:10]) == pytest.approx(flipped)
    with pytest.raises(ValueError, match="both"):
        loss.accuracy(w, b, X)


# -- against scikit-learn -----------------------------------------------------------------
@pytest.mark.parametrize("problem_name", PROBLEMS)
@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
@pytest.mark.parametrize("optimizer", ["fista", "proximal"])
def test_converged_solution_matches_sklearn(problem_name, penalty, optimizer):
    problem = PROBLEMS[problem_name]()
    loss = Logistic(problem.X, problem.y)
    lam = 0.1 * lam_max(loss, L1())
    session = Session(problem, Settings(penalty, lam, L1_RATIO, optimizer), loss=loss)
    assert session.run(200_000, tol=1e-10), "did not converge"
    model = sklearn_fit(problem.X, problem.y, penalty, lam)
    ours, theirs = session.weights, model.coef_[0]
    scale = float(np.abs(theirs).max())
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-6 * scale)
    assert session.intercept == pytest.approx(model.intercept_[0], rel=1e-6, abs=1e-6 * scale)
    np.testing.assert_array_equal(ours == 0.0, theirs == 0, err_msg="zero sets differ")
    if penalty != "l2":
        assert 0 < session.zeros < problem.n_features - 1, "a vacuous zero set"
    if penalty == "l1":
        # At the optimum the weights on 0 are exactly those the penalty holds there.
        np.testing.assert_array_equal(session.forces().held_at_zero, ours == 0.0)


def test_l2_keeps_only_the_constant_pixels_at_zero():
    problem = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    constant = problem.X.std(axis=0) == 0
    assert constant.sum() == 3
    session = logistic_session(problem, Settings("l2", 0.01, optimizer="fista"))
    session.step(200)
    np.testing.assert_array_equal(session.weights == 0.0, constant)


# -- lam_max ------------------------------------------------------------------------------
@pytest.mark.parametrize("problem_name", PROBLEMS)
@pytest.mark.parametrize(("penalty", "ratio"), [("l1", 1.0), ("elasticnet", L1_RATIO)])
def test_lam_max_is_the_smallest_lam_with_every_weight_zero(problem_name, penalty, ratio):
    problem = PROBLEMS[problem_name]()
    loss = Logistic(problem.X, problem.y)
    top = lam_max(loss, make_penalty(penalty, l1_ratio=ratio))
    at = Session(problem, Settings(penalty, top, L1_RATIO, "fista"), loss=loss)
    assert at.run(100_000, tol=1e-10)
    assert at.zeros == problem.n_features
    mean = problem.y.mean()
    assert at.intercept == pytest.approx(np.log(mean / (1 - mean)), abs=1e-9)
    below = Session(problem, Settings(penalty, 0.98 * top, L1_RATIO, "fista"), loss=loss)
    assert below.run(100_000, tol=1e-10)
    assert 0 < below.zeros < problem.n_features


def test_lam_max_without_an_l1_part_is_the_ridge_rule():
    loss = Logistic(*synthetic_binary())
    top = lam_max(loss, make_penalty("elasticnet", l1_ratio=0.0))
    assert top == lam_max(loss, make_penalty("l2")) == pytest.approx(50 * loss.lipschitz)


# -- a session with the logistic loss -----------------------------------------------------
@pytest.mark.parametrize("problem_name", PROBLEMS)
@pytest.mark.parametrize("penalty", ["l1", "elasticnet", "l2"])
def test_proximal_steps_never_increase_the_objective(problem_name, penalty):
    problem = PROBLEMS[problem_name]()
    loss = Logistic(problem.X, problem.y)
    session = Session(problem, Settings(penalty, 0.05 * lam_max(loss, L1())), loss=loss)
    assert session.lr == pytest.approx(1 / loss.lipschitz)
    objectives = [session.objective]
    for _ in range(300):
        session.step()
        objectives.append(session.objective)
    steps = np.diff(objectives)
    assert (steps <= 1e-15 * objectives[0]).all(), f"rose by {steps.max():.3g}"
    assert objectives[-1] < 0.8 * objectives[0]


@pytest.mark.parametrize("optimizer", ["proximal", "fista", "subgradient"])
def test_a_huge_step_size_is_caught_as_divergence(optimizer):
    problem = PROBLEMS["synthetic"]()
    loss = Logistic(problem.X, problem.y)
    settings = Settings("l1", 0.01, optimizer=optimizer, lr=1e6 / loss.lipschitz)
    session = Session(problem, settings, loss=loss)
    taken = session.step(100)
    assert session.diverged is not None and taken < 100
    assert np.isfinite(session.objective), "the state before the divergent step is kept"


@pytest.mark.parametrize("optimizer", ["proximal", "fista", "subgradient"])
def test_every_optimizer_lowers_the_objective(optimizer):
    problem = build_problem(ProblemSpec(dataset="digits", digit=3))
    loss = Logistic(problem.X, problem.y)
    settings = Settings("l1", 0.2 * lam_max(loss, L1()), optimizer=optimizer)
    session = Session(problem, settings, loss=loss)
    start = session.objective
    session.step(500)
    assert session.diverged is None
    assert session.objective < 0.5 * start
    assert loss.accuracy(session.weights, session.intercept) > 0.95


@pytest.mark.parametrize("problem_name", PROBLEMS)
def test_pull_at_zero_is_the_gradient_with_that_weight_set_to_zero(problem_name):
    problem = PROBLEMS[problem_name]()
    loss = Logistic(problem.X, problem.y)
    rng = np.random.default_rng(3)
    w = rng.standard_normal(loss.d) * (rng.uniform(size=loss.d) < 0.6)
    b = 0.4
    pull = loss.pull_at_zero(w, b, loss.evaluate(w, b)[1])
    for j in range(loss.d):
        at_zero = w.copy()
        at_zero[j] = 0.0
        direct = loss.evaluate(at_zero, b)[1][j]
        assert pull[j] == pytest.approx(direct, rel=1e-12, abs=1e-14)
        h = 1e-6
        value = lambda t, j=j, at_zero=at_zero: loss.evaluate(  # noqa: E731
            np.where(np.arange(loss.d) == j, t, at_zero), b
        )[0]
        assert pull[j] == pytest.approx((value(h) - value(-h)) / (2 * h), abs=1e-7)


def test_forces_give_the_exact_pull_at_zero_off_zero_too():
    problem = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    loss = Logistic(problem.X, problem.y)
    session = Session(problem, Settings("l1", 0.1 * lam_max(loss, L1())), loss=loss)
    session.step(50)
    forces, w = session.forces(), session.weights
    zero = w == 0.0
    assert zero.any() and not zero.all()
    np.testing.assert_array_equal(forces.pull_at_zero[zero], forces.data_grad[zero])
    for j in np.flatnonzero(~zero)[:8]:
        at_zero = w.copy()
        at_zero[j] = 0.0
        direct = loss.evaluate(at_zero, session.intercept)[1][j]
        assert forces.pull_at_zero[j] == pytest.approx(direct, rel=1e-12)
    assert not np.allclose(forces.pull_at_zero[~zero], forces.data_grad[~zero])
    np.testing.assert_array_equal(
        forces.held_at_zero, zero & (np.abs(forces.data_grad) <= session.penalty.capacity_at_zero())
    )


def test_the_suggested_lam_on_labels_is_fifteen_percent_of_lam_max():
    """``lam=None`` resolves from ``problem.y``; with ``y01`` there it is 0.15 * lam_max."""
    problem = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    loss = Logistic(problem.X, problem.y)
    session = Session(problem, Settings("l1"), loss=loss)
    assert session.settings.lam == pytest.approx(0.15 * lam_max(loss, L1()), rel=0.01)


# -- the digits data ----------------------------------------------------------------------
def test_digits_are_scikit_learns_digits():
    from sklearn.datasets import load_digits as sklearn_digits

    X, digits = load_digits()
    theirs = sklearn_digits()
    np.testing.assert_array_equal(X, theirs.data)
    np.testing.assert_array_equal(digits, theirs.target)
    assert X.shape == (1797, 64) and len(PIXEL_NAMES) == 64
    assert X.min() == 0 and X.max() == 16


def test_standardized_pixels():
    X, _ = load_digits()
    Z = standardize_pixels(X)
    constant = X.std(axis=0) == 0
    assert constant.sum() == 3
    assert (Z[:, constant] == 0.0).all()
    np.testing.assert_allclose(Z[:, ~constant].mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z[:, ~constant].std(axis=0), 1.0, rtol=1e-12)


def test_binary_tasks():
    _, digits = load_digits()
    X, y01 = digits_binary("ge5")
    np.testing.assert_array_equal(y01, digits >= 5)
    raw, y3 = digits_binary(3, standardize=False)
    np.testing.assert_array_equal(y3, digits == 3)
    assert raw.max() == 16 and abs(X.mean()) < 1e-12
    for bad in (10, -1, "lt5", True, 2.0):
        with pytest.raises(ValueError, match="digit 0 to 9"):
            binary_labels(digits, bad)


def test_a_change_of_settings_keeps_the_fitted_intercept():
    problem = PROBLEMS["synthetic"]()
    session = logistic_session(problem, Settings("l2", 0.01))
    session.step(200)
    w, b = session.weights.copy(), session.intercept
    assert b != 0.0
    session.update(optimizer="fista", penalty="l1")
    assert session.intercept == b
    np.testing.assert_array_equal(session.weights, w)
    session.reset()
    assert session.intercept == 0.0 and session.zeros == problem.n_features
