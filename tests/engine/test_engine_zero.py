"""One weight at a time: the slice's minimizer, the step's map, and the change of units."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l1l2_tui.engine import (
    LeastSquares,
    Logistic,
    Problem,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    make_penalty,
    minimize,
)
from l1l2_tui.engine.claims.zero import (
    instructive_weight,
    one_weight_slice,
    one_weight_slices,
    slice_minimum,
    units_myth,
)

PROBLEM = build_problem(ProblemSpec())


def problem_in_units(problem: Problem, factor: float) -> Problem:
    """``problem`` with its target measured in units ``factor`` times smaller (``y * factor``)."""
    true_weights = None if problem.true_weights is None else factor * problem.true_weights
    return replace(problem, y=factor * problem.y, true_weights=true_weights)


LOSS = LeastSquares(PROBLEM.X, PROBLEM.y)
PENALTIES = [
    make_penalty("l1", 0.3),
    make_penalty("l2", 0.3),
    make_penalty("elasticnet", 0.4, l1_ratio=0.3),
]


def some_weights(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    w = rng.normal(size=PROBLEM.n_features)
    w[rng.random(PROBLEM.n_features) < 0.4] = 0.0
    return w


@pytest.mark.parametrize("penalty", PENALTIES, ids=lambda p: p.name)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_slice_is_the_objective_along_the_weight(penalty, seed):
    w = some_weights(seed)
    grad = LOSS.grad(w)
    for j in range(PROBLEM.n_features):
        piece = LOSS.weight_slice(w, 0.0, grad, penalty, j)
        grid = np.linspace(-4, 4, 9)
        moved = np.repeat(w[None, :], len(grid), axis=0)
        moved[:, j] = grid
        exact = [LOSS.value(row) + penalty.value(row) for row in moved]
        rest = penalty.value(np.where(np.arange(len(w)) == j, 0.0, w))
        np.testing.assert_allclose(piece.objective(grid) + rest, exact, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("penalty", PENALTIES, ids=lambda p: p.name)
def test_the_slice_minimizer_beats_a_brute_force_grid(penalty):
    w = some_weights(3)
    for j, piece in enumerate(
        LOSS.weight_slice(w, 0.0, LOSS.grad(w), penalty, j) for j in range(10)
    ):
        grid = np.linspace(piece.minimizer - 1, piece.minimizer + 1, 200_001)
        best = grid[np.argmin(piece.objective(grid))]
        assert abs(best - piece.minimizer) <= 2e-5, j
        assert (
            piece.objective(np.array([piece.minimizer]))[0] <= piece.objective(grid).min() + 1e-12
        )


@settings(max_examples=200, deadline=None)
@given(
    h=st.floats(0.01, 100.0),
    z=st.floats(-10.0, 10.0),
    lam=st.floats(0.0, 10.0),
    ratio=st.floats(0.0, 1.0),
)
def test_the_minimizer_is_zero_exactly_when_the_pull_at_zero_is_within_the_threshold(
    h, z, lam, ratio
):
    # A one-feature problem whose slice has curvature h and unpenalized minimizer z.
    x = np.array([-1.0, 1.0]) * np.sqrt(h)
    problem_loss = LeastSquares(x[:, None], x * z)
    penalty = make_penalty("elasticnet", lam, l1_ratio=ratio)
    piece = problem_loss.weight_slice(np.zeros(1), 0.0, problem_loss.grad(np.zeros(1)), penalty, 0)
    assert piece.curvature == pytest.approx(h)
    assert piece.center == pytest.approx(z, abs=1e-9)
    within = abs(piece.pull_at_zero) <= piece.threshold
    assert (piece.minimizer == 0.0) == within or abs(
        abs(piece.pull_at_zero) - piece.threshold
    ) < 1e-9
    if piece.threshold == 0.0:
        assert (piece.minimizer == 0.0) == (piece.center == 0.0)


def test_the_step_maps_are_what_the_session_does():
    session = Session(PROBLEM, Settings("l1", 0.3, optimizer="subgradient"))
    session.step(7)
    v = session.step_input()
    expected = v - session.lr * session.penalty.grad(session.weights)
    np.testing.assert_allclose(session.next_weights(), expected, rtol=1e-12, atol=1e-15)
    proximal = Session(PROBLEM, Settings("l1", 0.3))
    proximal.step(7)
    np.testing.assert_array_equal(
        proximal.next_weights(), proximal.penalty.prox(proximal.step_input(), proximal.lr)
    )


@pytest.mark.parametrize("factor", [10.0, 100.0, 0.1])
@pytest.mark.parametrize("penalty", PENALTIES, ids=lambda p: p.name)
def test_new_units_give_exactly_the_rescaled_problem_and_the_same_zeros(factor, penalty):
    rescaled = problem_in_units(PROBLEM, factor)
    loss = LeastSquares(rescaled.X, rescaled.y)
    new_penalty = penalty.rescaled(factor)
    (a, q), (new_a, new_q) = penalty.as_elastic_net(), new_penalty.as_elastic_net()
    assert new_a == pytest.approx(factor * a)
    assert new_q == pytest.approx(q)
    old_w, new_w = minimize(LOSS, penalty), minimize(loss, new_penalty)
    np.testing.assert_array_equal(old_w == 0.0, new_w == 0.0)
    np.testing.assert_allclose(new_w, factor * old_w, rtol=1e-8, atol=1e-12)
    old_objective = LOSS.value(old_w) + penalty.value(old_w)
    new_objective = loss.value(new_w) + new_penalty.value(new_w)
    assert new_objective == pytest.approx(factor**2 * old_objective, rel=1e-9)
    w = some_weights(4)
    for j in range(PROBLEM.n_features):
        before = LOSS.weight_slice(w, 0.0, LOSS.grad(w), penalty, j)
        after = LOSS.weight_slice(w, 0.0, LOSS.grad(w), penalty, j, factor)
        direct = loss.weight_slice(factor * w, 0.0, loss.grad(factor * w), new_penalty, j)
        assert after.minimizer == pytest.approx(factor * before.minimizer, abs=1e-12)
        assert direct.minimizer == pytest.approx(after.minimizer, rel=1e-9, abs=1e-12)
        assert (after.minimizer == 0.0) == (before.minimizer == 0.0)


def test_the_myth_is_refuted_by_a_big_weight_that_l1_still_zeros():
    session = Session(PROBLEM, Settings("l1", 0.32))
    session.run(20_000, tol=1e-10)
    assert units_myth(session, 1.0) is None or units_myth(session, 1.0).kind == "small_kept"
    myth = units_myth(session, 10.0)
    assert myth is not None and myth.kind == "big_zero"
    piece = one_weight_slices(session, 10.0)[myth.feature]
    assert abs(piece.center) > 1.0 and piece.minimizer == 0.0 == myth.minimizer
    assert myth.zeros == tuple(int(j) for j in np.flatnonzero(session.weights == 0.0))
    assert units_myth(Session(PROBLEM, Settings("l2", 0.3)), 10.0) is None


def test_the_view_opens_on_a_weight_at_zero_nearest_its_threshold():
    session = Session(PROBLEM, Settings("l1", 0.32))
    session.step(150)
    j = instructive_weight(session)
    assert session.weights[j] == 0.0
    pulls = np.abs(session.forces().pull_at_zero)
    zero = session.weights == 0.0
    assert abs(pulls[j] - 0.32) == np.abs(pulls[zero] - 0.32).min()


# -- the logistic loss along one weight ---------------------------------------------------------
DIGITS = build_problem(ProblemSpec(dataset="digits", digit=0))


@pytest.mark.parametrize("penalty", ["l2", "l1"])
def test_the_view_never_opens_on_a_blank_pixel(penalty: str):
    # Under L2 the only weights at 0 are the blank pixels: the view opens on another weight.
    session = Session(DIGITS, Settings(penalty))
    session.step(100)
    j = instructive_weight(session)
    assert not DIGITS.constant_features[j]
    if penalty == "l1":
        assert session.weights[j] == 0.0


def logistic_run(penalty: str, steps: int = 200) -> Session:
    session = Session(DIGITS, Settings(penalty, 0.02, 0.5, "fista"))
    session.step(steps)
    return session


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_the_logistic_slice_is_the_true_loss_along_the_weight(penalty):
    session = logistic_run(penalty)
    loss, w, b = session.loss, session.weights, session.intercept
    for j in (0, 20, 21, 28, 36, 43, 60):
        piece = one_weight_slice(session, j)
        assert not piece.quadratic
        grid = np.linspace(-2, 2, 7)
        moved = np.repeat(w[None, :], len(grid), axis=0)
        moved[:, j] = grid
        exact = [loss.evaluate(row, b)[0] + session.penalty.value(row) for row in moved]
        rest = session.penalty.value(np.where(np.arange(len(w)) == j, 0.0, w))
        np.testing.assert_allclose(piece.objective(grid) + rest, exact, rtol=1e-12)
        h = 1e-6
        numeric = (piece.data_loss(grid + h) - piece.data_loss(grid - h)) / (2 * h)
        np.testing.assert_allclose(-piece.data_pull(grid), numeric, rtol=1e-5, atol=1e-9)
        assert piece.pull_at_zero == pytest.approx(session.forces().pull_at_zero[j], rel=1e-12)


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_the_logistic_slice_minimizer_beats_a_fine_grid_and_is_zero_when_caught(penalty):
    session = logistic_run(penalty)
    caught = 0
    for j in range(DIGITS.n_features):
        piece = one_weight_slice(session, j)
        m = piece.minimizer
        assert np.isfinite(m)
        grid = np.concatenate(
            [np.linspace(m - 0.5, m + 0.5, 41), np.linspace(m - 1e-4, m + 1e-4, 41)]
        )
        assert piece.objective(np.array([m]))[0] <= piece.objective(grid).min() + 1e-14, j
        zero_is_best = abs(piece.pull_at_zero) <= piece.threshold
        assert (m == 0.0) == (zero_is_best or piece.pull_at_zero == 0.0), j
        caught += zero_is_best and piece.pull_at_zero != 0.0
        claim = slice_minimum(piece, 1.0)
        assert claim.caught == (piece.threshold > 0 and zero_is_best)
        assert not claim.quadratic
    if penalty != "l2":
        assert caught > 0, "vacuous: no weight caught at 0 by the kink"


def test_an_unbounded_logistic_slice_has_an_infinite_center():
    # One feature that separates the classes: nothing stops w from growing without a penalty.
    x = np.array([-2.0, -1.0, 1.0, 2.0])
    loss = Logistic(x[:, None], np.array([0.0, 0.0, 1.0, 1.0]))
    w = np.zeros(1)
    piece = loss.weight_slice(w, 0.0, loss.evaluate(w, 0.0)[1], make_penalty("none", 0.0), 0)
    assert piece.center == np.inf and piece.minimizer == np.inf
    assert piece.floor == 0.0
    held = loss.weight_slice(w, 0.0, loss.evaluate(w, 0.0)[1], make_penalty("l1", 0.1), 0)
    assert 0 < held.minimizer < np.inf and held.center == np.inf


def test_the_logistic_loss_has_no_units_and_makes_no_units_claim():
    session = logistic_run("l1")
    assert units_myth(session, 10.0) is None
    with pytest.raises(ValueError, match="units"):
        one_weight_slice(session, 3, 10.0)
