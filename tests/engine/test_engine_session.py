"""A live session: re-tuning mid-run, events, divergence, monotone ISTA and bounded memory."""

import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l1l2_tui.engine import (
    L1,
    LeastSquares,
    Marker,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    lam_max,
    make_penalty,
    minimize,
    suggested_lam,
)
from l1l2_tui.engine.optimizers import step_lipschitz
from l1l2_tui.engine.session import DIVERGENCE_FACTOR


@pytest.fixture(scope="module")
def problem():
    return build_problem(ProblemSpec())


@pytest.fixture(scope="module")
def tiny():
    return build_problem(ProblemSpec(dataset="toy2d"))


def test_new_session_starts_at_zero(problem):
    session = Session(problem, Settings("l1", 0.2))
    assert session.step_count == 0
    assert np.all(session.weights == 0.0)
    assert session.zeros == problem.n_features
    assert session.penalty_value == 0.0
    np.testing.assert_allclose(session.objective, np.var(problem.y) / 2, rtol=1e-12)
    np.testing.assert_allclose(session.intercept, problem.y.mean(), rtol=1e-12)
    assert session.lr == pytest.approx(1 / session.loss.lipschitz, rel=1e-15)
    assert session.lr_relative == pytest.approx(1.0, rel=1e-12)
    trace = session.history.read()
    assert trace.step.tolist() == [0]


def test_step_reports_consistent_numbers(problem):
    session = Session(problem, Settings("elasticnet", 0.3, 0.4, "fista"))
    assert session.step(25) == 25
    w = session.weights
    X, y, n = problem.X, problem.y, problem.n_samples
    b = session.intercept
    np.testing.assert_allclose(
        session.data_loss, np.sum((y - X @ w - b) ** 2) / (2 * n), rtol=1e-10
    )
    np.testing.assert_allclose(
        session.penalty_value, make_penalty("elasticnet", 0.3, l1_ratio=0.4).value(w)
    )
    assert session.objective == session.data_loss + session.penalty_value
    assert session.zeros == np.count_nonzero(w == 0.0)
    newest = session.history.read()
    assert newest.step[-1] == 25
    np.testing.assert_array_equal(newest.weights[-1], w)
    assert newest.objective[-1] == session.objective


CHANGES = [
    ({"penalty": "l1"}, "L1"),
    ({"penalty": "elasticnet", "l1_ratio": 0.25}, "EN, l1_ratio 0.25"),
    ({"lam": 0.05}, "lam 0.05"),
    ({"optimizer": "fista"}, "fista"),
    ({"optimizer": "subgradient"}, "subgradient"),
    ({"lr": 0.125}, "lr 0.125"),
]


@pytest.mark.parametrize(("change", "label"), CHANGES)
def test_update_mid_run_keeps_weights_and_step(problem, change, label):
    session = Session(problem, Settings("l2", 0.2, 0.5, "proximal"))
    session.step(300)
    weights, rows, events = session.weights.copy(), len(session.history), session.event_count
    session.update(**change)
    for key, value in change.items():
        assert getattr(session.settings, key) == value
    np.testing.assert_array_equal(session.weights, weights)
    assert session.step_count == 300
    assert session.markers[-1] == Marker(300, label)
    assert session.event_count == events + 1
    assert session.events[-1].kind == "settings"
    assert session.events[-1].step == 300
    assert len(session.history) == rows
    np.testing.assert_allclose(session.penalty_value, session.settings.as_penalty().value(weights))
    assert session.step(10) == 10
    assert session.step_count == 310
    assert session.history.read().step[-1] == 310


def test_flipping_l2_to_l1_makes_exact_zeros(problem):
    lam = suggested_lam(problem)
    session = Session(problem, Settings("l2", lam))
    assert session.run(5000, tol=1e-10)
    assert session.zeros == 0
    at_flip = session.step_count
    session.update(penalty="l1")
    assert session.run(at_flip + 5000, tol=1e-10)
    expected = minimize(session.loss, make_penalty("l1", lam))
    assert session.zeros == np.count_nonzero(expected == 0.0) > 0
    np.testing.assert_allclose(session.weights, expected, atol=1e-8)
    steps = session.history.read().step
    assert steps[0] == 0 and at_flip in steps and steps[-1] == session.step_count


def test_invalid_update_leaves_the_run_unchanged(problem):
    session = Session(problem, Settings("l1", 0.2))
    session.step(10)
    before = (session.settings, session.weights.copy(), session.event_count, len(session.markers))
    bad_updates = ({"lam": -1.0}, {"l1_ratio": 2.0}, {"lr": 0.0}, {"optimizer": "adamw"})
    for bad in (*bad_updates, {"momentum": 0.9}, {"lam": 0.3, "penalty_kind": "l2"}):
        with pytest.raises(ValueError):
            session.update(**bad)
    assert session.settings == before[0]
    np.testing.assert_array_equal(session.weights, before[1])
    assert (session.event_count, len(session.markers)) == before[2:]
    session.update(lam=0.2)  # no change: no marker
    assert len(session.markers) == before[3]


def test_an_unknown_setting_is_named_with_the_known_ones(problem):
    with pytest.raises(ValueError, match="unknown setting momentum; the settings are penalty, lam"):
        Session(problem).update(momentum=0.9)


def transitions(session: Session, steps: int) -> list[tuple[int, str, int]]:
    """Step one at a time and list every weight that reached or left exactly 0."""
    seen = []
    for _ in range(steps):
        before = session.weights == 0.0
        assert session.step(1) == 1
        after = session.weights == 0.0
        for j in np.flatnonzero(before != after):
            seen.append((session.step_count, "zeroed" if after[j] else "left_zero", int(j)))
    return seen


def test_events_name_the_step_and_feature_that_reached_or_left_zero(problem):
    loss = LeastSquares(problem.X, problem.y)
    top = lam_max(loss, L1())
    session = Session(problem, Settings("l1", 0.05 * top))
    expected = transitions(session, 300)
    session.update(lam=0.9 * top)
    expected += transitions(session, 300)
    session.update(lam=0.3 * top)
    expected += transitions(session, 300)
    kinds = {kind for _, kind, _ in expected}
    assert kinds == {"zeroed", "left_zero"}
    assert len(expected) < session.events.maxlen - 10
    events = [e for e in session.events if e.kind in ("zeroed", "left_zero")]
    assert [(e.step, e.kind, e.feature) for e in events] == expected
    reached: dict[int, int] = {}
    for event in events:
        j = event.feature
        what = "reached 0" if event.kind == "zeroed" else "left 0"
        name = problem.feature_names[j]
        since = f" (at 0 since step {reached[j]})" if what == "left 0" and j in reached else ""
        assert event.message == f"w{j + 1} {name} {what} at step {event.step}{since}"
        if event.kind == "zeroed":
            reached[j] = event.step


@pytest.mark.parametrize("optimizer", ["proximal", "fista", "subgradient"])
@pytest.mark.parametrize("penalty", ["l1", "l2", "none"])
def test_too_large_lr_is_caught_and_recoverable(problem, optimizer, penalty):
    session = Session(problem, Settings(penalty, 0.1, 0.5, optimizer))
    lr = 3.0 / step_lipschitz(optimizer, session.loss, session.penalty)
    session.update(lr=lr)
    limit = DIVERGENCE_FACTOR * max(session.objective, session.loss.half_yy)
    taken = session.step(10_000)
    assert taken < 10_000
    divergence = session.diverged
    assert divergence is not None
    assert divergence.step == session.step_count + 1 == taken + 1
    assert divergence.message.startswith(f"diverged at step {taken + 1}")
    assert divergence.lam_max is None  # lam is small: the step size is what is wrong
    assert session.events[-1].kind == "diverged"
    assert np.all(np.isfinite(session.weights))
    assert session.objective <= limit, "caught only after the documented limit"
    assert session.step(5) == 0
    assert session.step_count == taken
    assert not session.run(taken + 100, tol=1e-9)
    assert session.step_count == taken

    session.update(lr=None)
    assert session.diverged is None
    assert session.lr_relative == pytest.approx(1.0)
    assert session.step(200) == 200
    assert session.diverged is None

    session.update(lr=lr)
    session.step(10_000)
    assert session.diverged is not None
    session.reset()
    assert session.diverged is None
    assert session.step_count == 0
    assert np.all(session.weights == 0.0)
    assert session.step(1) == 1


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    samples=st.integers(5, 60),
    features=st.integers(1, 12),
    correlation=st.floats(-0.9, 0.9),
    noise=st.floats(0.0, 3.0),
    standardize=st.booleans(),
    penalty=st.sampled_from(["l1", "l2", "elasticnet", "none"]),
    fraction=st.floats(0.0, 1.2),
    l1_ratio=st.floats(0.0, 1.0),
)
def test_ista_objective_never_increases(
    seed, samples, features, correlation, noise, standardize, penalty, fraction, l1_ratio
):
    spec = ProblemSpec(
        samples=samples,
        features=features,
        informative=1 + seed % features,
        noise=noise,
        correlation=correlation,
        seed=seed,
        standardize=standardize,
    )
    problem = build_problem(spec)
    loss = LeastSquares(problem.X, problem.y)
    lam = fraction * lam_max(loss, L1())
    session = Session(problem, Settings(penalty, lam, l1_ratio, "proximal"))
    objectives = [session.objective]
    for _ in range(150):
        session.step(1)
        objectives.append(session.objective)
    # The Gram-form loss w'Gw/2 - c'w + yc'yc/(2n) cancels to within float error of its scale.
    slack = 1e-12 * max(objectives[0], loss.half_yy) + 1e-300
    assert np.all(np.diff(objectives) <= slack)


def test_history_of_a_long_run_stays_bounded(tiny):
    """Stride doubling keeps an 8-row history over 10^4 steps: 11 doublings, as many as a
    64-row history sees over 10^5 steps (the bound depends on steps / capacity only)."""
    session = Session(tiny, history_capacity=8)
    nbytes = session.history.nbytes
    session.step(10_000)
    assert session.history.nbytes == nbytes
    assert len(session.history) <= 9
    stride = session.history.stride
    assert stride & (stride - 1) == 0, "stride is a power of 2"
    assert 10_000 // stride + 1 <= 8 < 10_000 // (stride // 2) + 1, "and the smallest that fits"
    trace = session.history.read()
    assert trace.step[0] == 0 and trace.step[-1] == 10_000


def test_session_memory_does_not_grow_with_steps(tiny):
    session = Session(tiny)
    session.update(optimizer="subgradient")
    session.step(500)
    tracemalloc.start()
    try:
        start, _ = tracemalloc.get_traced_memory()
        for k in range(30):
            session.step(100)
            if k % 10 == 0:
                session.update(lam=0.1 + 0.01 * k)
        grown = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert len(session.events) <= session.events.maxlen
    assert len(session.markers) <= session.markers.maxlen
    assert grown < 30_000, "more than 10 bytes a step"


def test_markers_and_events_stay_bounded_under_many_flips(tiny):
    session = Session(tiny)
    for k in range(500):
        session.update(penalty="l2" if k % 2 else "l1")
        session.step(1)
    assert len(session.markers) == session.markers.maxlen
    assert len(session.events) == session.events.maxlen
    assert session.event_count > 500
    assert session.markers[-1] == Marker(499, "L2")  # the last flip, k = 499, came before its step


def test_a_lam_too_large_for_the_default_step_is_refused_before_anything_changes():
    problem = build_problem(ProblemSpec())
    with pytest.raises(ValueError, match="too large for the subgradient step"):
        Session(problem, Settings("l2", 1e308, optimizer="subgradient"))
    session = Session(problem, Settings("l2", 0.3, optimizer="subgradient"))
    session.step(5)
    before = session.settings, session.weights.copy(), session.lr
    with pytest.raises(ValueError, match="too large"):
        session.update(lam=1e308)
    assert (session.settings, session.lr) == (before[0], before[2])
    np.testing.assert_array_equal(session.weights, before[1])


def test_the_next_step_is_computed_once_per_state_and_is_the_step_taken():
    problem = build_problem(ProblemSpec())
    loss = LeastSquares(problem.X, problem.y)
    calls = []
    evaluate = loss.evaluate
    loss.evaluate = lambda w, b=0.0: calls.append(1) or evaluate(w, b)  # type: ignore[method-assign]
    session = Session(problem, Settings("l1", 0.3), loss=loss)
    session.step(5)
    before = len(calls)
    ahead = [session.next_weights() for _ in range(3)]
    session.forces()
    assert len(calls) == before + 1, "one evaluation for the next step, however often asked"
    ahead[0][0] = 99.0  # the caller's copy
    session.step(1)
    np.testing.assert_array_equal(session.weights, ahead[1])
    session.update(lr=0.01)
    expected = session.penalty.prox(session.weights - 0.01 * session.forces().data_grad, 0.01)
    np.testing.assert_allclose(session.next_weights(), expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("optimizer", ["subgradient", "sgd"])
def test_a_lam_far_past_lam_max_is_named_as_the_cause_not_the_step_size(problem, optimizer):
    """A step that cannot land on 0 throws every weight across it by about lr * lam: far past
    lam_max, the penalty of that jump alone blows the objective up, at the default step size."""
    from l1l2_tui.engine.path import lam_max

    top = lam_max(Session(problem, Settings()).loss, L1())
    session = Session(problem, Settings("l1", 1000 * top, optimizer=optimizer))
    assert session.settings.lr is None, "the default step size (1/L, or 1/L_B on minibatches)"
    session.step(100)
    divergence = session.diverged
    assert divergence is not None
    assert divergence.lam_max == pytest.approx(top)
    assert "1e+03 times lam_max" in divergence.cause
    assert f"the {optimizer} step cannot land on 0" in divergence.cause
    assert session.penalty.value(session.weights) <= session.objective  # the weights before
    # The same lam with a step that lands on 0: every weight exactly 0, nothing blows up.
    landing = Session(problem, Settings("l1", 1000 * top, optimizer="proximal"))
    assert landing.step(100) == 100
    assert landing.zeros == problem.n_features


def test_a_lam_below_lam_max_that_blows_up_is_still_the_step_size(problem):
    from l1l2_tui.engine.path import lam_max

    top = lam_max(Session(problem, Settings()).loss, L1())
    session = Session(problem, Settings("l1", 0.5 * top, optimizer="subgradient", lr=100.0))
    session.step(100)
    assert session.diverged is not None and session.diverged.lam_max is None
    assert "grew past" in session.diverged.cause or "overflowed" in session.diverged.cause


def test_a_step_that_moves_more_weights_than_the_events_kept_counts_them_all():
    problem = build_problem(ProblemSpec(samples=400, features=300))
    session = Session(problem, Settings("none", optimizer="subgradient"))
    before, kept = session.event_count, session.events.maxlen
    session.step(1)  # every weight leaves 0
    assert session.event_count == before + 300
    assert len(session.events) == kept
    features = [event.feature for event in session.events]
    assert features == list(range(300 - kept, 300)), "the latest, as one by one"
    session.update(penalty="l1", lam=100.0, optimizer="proximal")
    session.step(1)  # and every weight lands on 0 again
    zeroed = [event for event in session.events if event.kind == "zeroed"]
    assert len(zeroed) == kept
    session.update(penalty="none")
    session.step(1)
    assert all(
        event.message.endswith("(at 0 since step 2)")
        for event in session.events
        if event.kind == "left_zero"
    ), "the step each weight reached 0, kept for the events not made too"
