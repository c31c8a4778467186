"""Claims: each is made only when it holds, and its numbers are the engine's.

The checker (:func:`check_run_claim`) re-derives every claim from the run with independent
arithmetic: the data's pull at ``w_j = 0`` from the loss's gradient at that point, the next step
from the optimizer's own update, jitter from the recorded history. A claim about later steps
("stays for good") is checked against those steps: a copy of the run takes them.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l1l2_tui.engine import (
    L1,
    L2,
    OPTIMIZERS,
    LeastSquares,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    lam_max,
    loss_for,
    make_penalty,
)
from l1l2_tui.engine.claims.compare import side_by_side
from l1l2_tui.engine.claims.forces import weight_states
from l1l2_tui.engine.claims.main import (
    TINY,
    CatchUp,
    ConstantPull,
    Diverged,
    FadingPull,
    Frozen,
    HeldAtZero,
    Jitter,
    KickedOff,
    NoneZero,
    ReachedZero,
    Settled,
    TinyButNonzero,
    Unpenalized,
    jitter_claims,
    run_claims,
)
from l1l2_tui.engine.claims.path import (
    AllZeroAtTop,
    GrowsWithLam,
    LeavesZeroOnce,
    NeverZero,
    NonzeroAt,
    ReturnsToZero,
    at_most_rank,
    flips,
    irrepresentable,
    lam_choices,
    path_claims,
    true_support,
)
from l1l2_tui.engine.cross_validation import cross_validate
from l1l2_tui.engine.path import regularization_path
from l1l2_tui.engine.problems import Problem
from l1l2_tui.engine.stability import (
    SelectionStability,
    bootstrap_selection,
    irrepresentable_condition,
)

PROBLEM = build_problem(ProblemSpec())
WIDE = build_problem(ProblemSpec(samples=30, features=40, informative=4, seed=5))
DIGITS = build_problem(ProblemSpec(dataset="digits", digit=0))


LOGISTIC = Problem(
    WIDE.X[:, :6],
    (WIDE.X[:, 0] - 0.8 * WIDE.X[:, 1] + WIDE.y / WIDE.y.std() > 0).astype(float),
    WIDE.feature_names[:6],
    "small logistic",
    True,
    loss="logistic",
)
"""Labels that overlap (a noisy margin), so no weight runs off to infinity."""


def pull_at_zero(session: Session, j: int) -> float:
    """The data loss's gradient in ``w_j`` at ``w`` with ``w_j = 0`` (the other weights and the
    intercept held), computed afresh from a new loss."""
    w = session.weights.copy()
    w[j] = 0.0
    return float(loss_for(session.problem).evaluate(w, session.intercept)[1][j])


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


LATER_STEPS = 400
"""How many later steps a claim about every later step is checked against."""


def check_settled(settled: Settled | None, session: Session, claimed: tuple[int, ...]) -> None:
    """Fails unless the weights ``claimed`` says stay for good (the ones ``settled`` names among
    them) are at 0 now and at 0 after each of the next :data:`LATER_STEPS` steps of a copy of the
    run."""
    if settled is None:
        return
    features = [j for j in claimed if j in settled.features]
    assert features, "settled, but none of the weights the claim names"
    assert session.settings.optimizer == "proximal" and session.lr_relative <= 2.0
    later = copy.deepcopy(session)
    for _ in range(LATER_STEPS):
        assert (later.weights[features] == 0.0).all(), f"left 0 at step {later.step_count}"
        assert later.step(1) == 1
    assert (later.weights[features] == 0.0).all(), f"left 0 at step {later.step_count}"


def check_run_claim(claim: object, session: Session) -> None:
    """Fails unless ``claim`` holds for ``session`` now, and at the later steps it speaks of."""
    w, penalty = session.weights, session.penalty
    a, q = penalty.as_elastic_net()
    ahead = session.next_weights()
    match claim:
        case Diverged():
            assert session.diverged is not None and session.diverged.step == claim.step
        case Unpenalized():
            assert a == 0.0 and q == 0.0
        case ConstantPull():
            assert claim.threshold == a > 0 and claim.fading_slope == 2.0 * q
            assert session.diverged is None
        case HeldAtZero():
            assert claim.threshold == a > 0
            assert claim.features, "a claim about no weight"
            for j in claim.features:
                assert w[j] == 0.0 and ahead[j] == 0.0, f"w{j + 1} is not held at 0"
                assert abs(pull_at_zero(session, j)) <= a
            pulls = [abs(pull_at_zero(session, j)) for j in claim.features]
            assert close(claim.pull_at_zero, max(pulls))
            assert close(abs(pull_at_zero(session, claim.strongest)), max(pulls))
            zero_and_held = [
                j
                for j in range(len(w))
                if w[j] == 0.0 and ahead[j] == 0.0 and abs(pull_at_zero(session, j)) <= a
            ]
            assert sorted(claim.features) == zero_and_held, "every held weight is counted"
            assert claim.settled is None or set(claim.settled.features) <= set(claim.features)
            check_settled(claim.settled, session, claim.features)
        case ReachedZero():
            j = claim.feature
            assert w[j] == 0.0 and ahead[j] == 0.0
            assert (
                close(claim.pull_at_zero, abs(pull_at_zero(session, j))) and claim.pull_at_zero <= a
            )
            assert session.step_count - claim.step <= 30
            event = [e for e in session.events if e.feature == j and e.kind == "zeroed"][-1]
            assert event.step == claim.step
            check_settled(claim.settled, session, (j,))
        case Jitter():
            assert session.settings.optimizer in ("subgradient", "sgd") and a > 0
            steps, weights = session.recent.read()
            steps, values = steps[-64:], weights[-64:, claim.feature]
            assert (np.diff(steps) == 1).all(), "every step, none left out"
            assert claim.crossings >= 2
            assert np.count_nonzero(values[1:] * values[:-1] < 0) == claim.crossings
            assert not (values[1:] == 0.0).any(), "it landed on 0"
            assert close(claim.band, float(np.abs(values).max()))
            assert claim.steps == steps[-1] - steps[0]
            assert claim.lr == session.lr
        case TinyButNonzero():
            j = claim.feature
            assert w[j] == claim.weight != 0.0
            assert abs(w[j]) <= TINY * np.abs(w).max()
            assert (
                close(claim.pull_at_zero, abs(pull_at_zero(session, j))) and claim.pull_at_zero > a
            )
        case FadingPull():
            j = claim.feature
            assert a == 0.0 < q and w[j] == claim.weight != 0.0
            nonzero = np.abs(w[w != 0.0])
            assert abs(w[j]) == nonzero.min()
            assert close(claim.pull, 2 * q * abs(w[j]))
            assert claim.zeros == int((w == 0.0).sum()) and claim.total == len(w)
        case NoneZero():
            assert a == 0.0 < q
            assert claim.zeros == int((w == 0.0).sum()) and claim.total == len(w)
        case KickedOff():
            assert session.stochastic and a > 0
            steps, weights = session.recent.read()
            steps, weights = steps[-64:], weights[-64:]
            assert (np.diff(steps) == 1).all(), "every step, none left out"
            assert claim.steps == steps[-1] - steps[0]
            kicks = [
                sum(
                    1
                    for i in range(1, len(steps) - 1)
                    if weights[i, j] == 0.0 and weights[i + 1, j] != 0.0
                )
                for j in range(len(w))
            ]
            assert list(claim.features) == [j for j in range(len(w)) if kicks[j]]
            assert claim.times == kicks[claim.most] == max(kicks) > 0
        case Frozen():
            assert session.settings.optimizer == "playground" and a > 0
            assert claim.threshold == a and claim.total == len(w)
            pulls = [abs(pull_at_zero(session, j)) for j in claim.features]
            assert list(claim.against) == [
                j for j, pull in zip(claim.features, pulls, strict=True) if pull > a
            ]
            if claim.against:
                assert close(claim.pull_at_zero, max(pulls)) and claim.pull_at_zero > a
            later = copy.deepcopy(session)
            for _ in range(LATER_STEPS // 4):
                assert (later.weights[list(claim.features)] == 0.0).all(), "a frozen weight moved"
                later.step(1)
        case CatchUp():
            assert session.settings.optimizer == "sgd-cumulative" and a > 0
            kept = [j for j in range(len(w)) if w[j] == 0.0 and ahead[j] == 0.0]
            assert list(claim.features) == kept and kept
            assert claim.total == len(w)
            u, received = session.cumulative_penalty()
            assert claim.u == u
            # each clip takes at most what is still owed, so no weight received more than u
            assert np.abs(received).max(initial=0.0) <= u * (1 + 1e-12)
        case _:
            raise AssertionError(f"unchecked claim {claim!r}")


def check_weight_states(session: Session) -> None:
    ahead = session.next_weights()
    for state in weight_states(session):
        j = state.feature
        assert state.weight == session.weights[j]
        assert close(state.pull_at_zero, abs(pull_at_zero(session, j)))
        assert state.zero_is_best == (
            abs(pull_at_zero(session, j)) <= session.penalty.capacity_at_zero()
        )
        if state.weight == 0.0:
            assert state.stays == (ahead[j] == 0.0)


# -- the conditions, one by one -----------------------------------------------------------------
def test_the_deciding_pull_is_the_one_at_zero_not_at_the_current_weight():
    # One weight, least squares optimum w_ls = 1 (h = 1), lam = 0.5: at w = 0.9 the data pull is
    # 0.1 < lam, yet the optimum is 0.5, not 0; the pull at 0 is 1 > lam.
    x = np.array([-1.0, 1.0])
    problem = Problem(x[:, None], x.copy(), ("x",), "1d", standardized=False)
    session = Session(problem, Settings("l1", 0.5, lr=0.1))
    session.step(500)
    assert session.weights[0] == pytest.approx(0.5)
    state = weight_states(session)[0]
    assert state.pull_at_zero == pytest.approx(1.0) and not state.zero_is_best


def test_subgradient_at_step_zero_holds_nothing_at_zero():
    session = Session(PROBLEM, Settings("l1", 0.3, optimizer="subgradient"))
    forces = session.forces()
    assert forces.held_at_zero.any(), "vacuous: some pulls at 0 are within lam"
    assert not forces.stays_at_zero.any(), "every weight leaves 0 on the next subgradient step"
    assert not any(isinstance(c, HeldAtZero) for c in run_claims(session))
    session.step(1)
    assert (session.weights != 0.0).all()


def test_momentum_can_push_a_weight_off_zero_and_then_no_claim_says_held():
    lam = 0.15 * lam_max(LeastSquares(PROBLEM.X, PROBLEM.y), L1())
    session = Session(PROBLEM, Settings("l1", lam, optimizer="fista", lr=1.9 / 6.0))
    session.update(lr=1.9 / session.loss.lipschitz)
    pushed = 0
    for _ in range(400):
        forces = session.forces()
        pushed += int((forces.held_at_zero & ~forces.stays_at_zero).sum())
        for claim in run_claims(session):
            check_run_claim(claim, session)
        session.step(1)
    assert pushed > 0, "vacuous: momentum never pushed a held weight off 0"


def test_jitter_is_measured_and_a_smaller_lr_narrows_it_but_never_gives_zero():
    bands = []
    for lr_factor in (1.0, 0.25):
        session = Session(PROBLEM, Settings("l1", 0.3, optimizer="subgradient"))
        session.update(lr=session.lr * lr_factor)
        session.step(400)
        jitter = jitter_claims(session)
        assert jitter, "weights that belong at 0 jitter"
        assert session.zeros == 0
        for claim in jitter:
            check_run_claim(claim, session)
        bands.append(max(claim.band for claim in jitter))
        assert isinstance(run_claims(session)[0], Jitter)
    assert bands[1] < bands[0]
    assert not jitter_claims(Session(PROBLEM, Settings("l1", 0.3, optimizer="proximal")))


def test_a_tiny_weight_that_stays_nonzero_is_found():
    lam = 0.15 * lam_max(LeastSquares(PROBLEM.X, PROBLEM.y), L1())
    session = Session(PROBLEM, Settings("l1", lam, optimizer="fista"))
    assert session.run(100_000, tol=1e-10)
    tiny = [c for c in run_claims(session) if isinstance(c, TinyButNonzero)]
    for claim in tiny:
        check_run_claim(claim, session)
    w = np.abs(session.weights)
    expected = (w > 0) & (w <= TINY * w.max())
    assert bool(tiny) == bool(expected.any())


def test_l2_claims_count_zeros_and_name_the_fading_pull():
    session = Session(PROBLEM, Settings("l2", 0.3))
    claims = run_claims(session)
    assert claims == [NoneZero(10, 10)], "at w = 0 every weight is 0: nothing else to say"
    session.step(50)
    claims = run_claims(session)
    assert isinstance(claims[0], FadingPull)
    for claim in claims:
        check_run_claim(claim, session)


def test_divergence_and_no_penalty_say_only_that():
    diverging = Session(PROBLEM, Settings("l1", 0.3, lr=100.0))
    diverging.step(100)
    assert run_claims(diverging) == [Diverged(diverging.diverged.step)]
    past_lam_max = Session(PROBLEM, Settings("l1", 1e6, optimizer="subgradient"))
    past_lam_max.step(100)
    [claim] = run_claims(past_lam_max)
    assert claim == Diverged(past_lam_max.diverged.step, past_lam_max.diverged.lam_max)
    assert claim.lam_max is not None
    assert run_claims(Session(PROBLEM, Settings("none"))) == [Unpenalized()]
    assert run_claims(Session(PROBLEM, Settings("l1", 0.0))) == [Unpenalized()]


def test_side_by_side_counts_the_zeros_of_each_side():
    left, right = Session(PROBLEM, Settings("l1", 0.3)), Session(PROBLEM, Settings("l2", 0.3))
    for session in (left, right):
        session.step(100)
    claim = side_by_side(left, right)
    assert claim.zeros == (left.zeros, right.zeros) and claim.labels == ("L1", "L2")
    assert claim.step == 100 and claim.total == 10


# -- the path -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("problem", "grows_expected"),
    [(PROBLEM, True), (LOGISTIC, False)],
    ids=["synthetic", "logistic"],
)
def test_l2_path_never_zero_and_a_weight_that_grows_with_lam(problem, grows_expected):
    path = regularization_path(loss_for(problem), L2(), num=40)
    claims = path_claims(path, 0.3)
    assert any(isinstance(c, NeverZero) for c in claims)
    grows = [c for c in claims if isinstance(c, GrowsWithLam)]
    if grows_expected:
        assert grows, "on the default data some weights grow with lam under L2"
    for claim in grows:
        lams = list(path.lams)
        low, high = lams.index(claim.lam_low), lams.index(claim.lam_high)
        assert claim.lam_high > claim.lam_low
        assert abs(path.weights[high, claim.feature]) == claim.size_high > claim.size_low
        assert abs(path.weights[low, claim.feature]) == claim.size_low


@pytest.mark.slow
def test_no_never_zero_claim_on_digits_l2_its_blank_pixels_are_zero():
    path = regularization_path(loss_for(DIGITS), L2(), num=10)
    claims = path_claims(path, 0.01)
    assert not any(isinstance(c, NeverZero) for c in claims)
    assert (path.weights[:, DIGITS.constant_features] == 0.0).all()
    assert (path.weights[:, ~DIGITS.constant_features] != 0.0).all()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("problem", "penalty"),
    [(PROBLEM, "l1"), (WIDE, "l1"), (LOGISTIC, "l1"), (DIGITS, "l1"), (DIGITS, "elasticnet")],
    ids=["synthetic", "wide", "logistic", "digits", "digits-elasticnet"],
)
def test_l1_path_claims_hold(problem, penalty):
    loss = loss_for(problem)
    path = regularization_path(loss, make_penalty(penalty), num=60)
    claims = path_claims(path, float(path.lams[10]))
    assert AllZeroAtTop(path.lam_max) in claims
    zero = path.weights == 0.0
    for claim in claims:
        match claim:
            case ReturnsToZero():
                i = list(path.lams).index(claim.lam_nonzero)
                k = list(path.lams).index(claim.lam_zero)
                assert i < k and not zero[i, claim.feature] and zero[k, claim.feature]
            case LeavesZeroOnce():
                for j in range(zero.shape[1]):
                    left = np.flatnonzero(~zero[:, j])
                    assert left.size == 0 or not zero[left[0] :, j].any()
            case NonzeroAt():
                assert claim.count == path.nonzero[10]
            case AllZeroAtTop():
                assert zero[0].all()
            case GrowsWithLam():
                i = list(path.lams).index(claim.lam_high)
                k = list(path.lams).index(claim.lam_low)
                assert i < k
                assert abs(path.weights[i, claim.feature]) == claim.size_high > claim.size_low
                assert abs(path.weights[k, claim.feature]) == claim.size_low
            case _:
                raise AssertionError(f"unexpected {claim!r}")


# -- the checker, on random runs ----------------------------------------------------------------
ACTIONS = st.one_of(
    st.tuples(st.just("step"), st.integers(1, 60)),
    st.tuples(st.just("penalty"), st.sampled_from(["l1", "l2", "elasticnet", "none"])),
    st.tuples(st.just("lam"), st.floats(0.0, 1.5)),
    st.tuples(st.just("optimizer"), st.sampled_from(list(OPTIMIZERS))),
    st.tuples(st.just("batch"), st.integers(1, 300)),
    st.tuples(st.just("schedule"), st.sampled_from(["constant", "invsqrt"])),
    st.tuples(st.just("lr"), st.floats(0.05, 1.9)),
    st.tuples(st.just("l1_ratio"), st.floats(0.0, 1.0)),
    st.tuples(st.just("reset"), st.none()),
)


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(
    problem=st.sampled_from([PROBLEM, WIDE, LOGISTIC]),
    actions=st.lists(ACTIONS, min_size=1, max_size=12),
)
def test_every_claim_made_on_a_random_run_holds(problem, actions):
    session = Session(problem, Settings("l1", 0.2))
    for name, value in actions:
        if name == "step":
            session.step(value)
        elif name == "reset":
            session.reset()
        elif name == "lr":
            # lr up to 1.9/L of the optimizer's own step constant
            session.update(lr=value * session.lr / session.lr_relative)
        else:
            session.update(**{name: value})
        for claim in run_claims(session):
            check_run_claim(claim, session)
        check_weight_states(session)


def test_jitter_counts_every_step_even_once_the_history_is_thinned():
    session = Session(PROBLEM, Settings("l1", 0.3, optimizer="subgradient"))
    session.step(6000)
    assert session.history.stride > 1, "vacuous: the history was not thinned"
    seen = []
    for _ in range(64):
        session.step(1)
        seen.append(session.weights.copy())
    flips = np.count_nonzero(np.sign(seen[1:]) * np.sign(seen[:-1]) < 0, axis=0)
    for claim in jitter_claims(session):
        assert claim.crossings == flips[claim.feature] and claim.steps == 63
    assert jitter_claims(session), "weights that belong at 0 jitter"


# -- minibatches ---------------------------------------------------------------------------------
DIGITS = build_problem(ProblemSpec(dataset="digits", digit="ge5"))


def test_the_cumulative_total_is_the_scheduled_steps_l1_penalty():
    """``u = a * sum_t lr_t`` with ``lr_t = lr / sqrt(1 + t / steps_per_epoch)``."""
    session = Session(DIGITS, Settings("l1", 0.0557, optimizer="sgd-cumulative"))
    session.step(150)
    per_epoch = -(-DIGITS.n_samples // 32)
    expected = 0.0557 * sum(session.lr / np.sqrt(1 + t / per_epoch) for t in range(150))
    claim = next(c for c in run_claims(session) if isinstance(c, CatchUp))
    assert claim.u == pytest.approx(expected, rel=1e-12)
    assert run_claims(session)[0] == claim


@pytest.mark.parametrize(
    ("optimizer", "first"),
    [
        ("sgd", Jitter),
        ("sgd-clip", KickedOff),
        ("sgd-prox", KickedOff),
        ("sgd-cumulative", CatchUp),
    ],
)
def test_on_digits_each_stochastic_way_is_told_by_what_it_does_at_zero(optimizer, first):
    session = Session(DIGITS, Settings("l1", 0.0557, optimizer=optimizer))
    session.step(200)
    claims = run_claims(session)
    assert isinstance(claims[0], first)
    for claim in claims:
        if isinstance(claim, Jitter | KickedOff | CatchUp):
            check_run_claim(claim, session)


def test_lam_choices_are_the_cross_validations_numbers():
    problem = build_problem(ProblemSpec(dataset="diabetes"))
    cv = cross_validate(problem.X, problem.y, num=25, folds=4)
    claim = lam_choices(cv)
    assert (claim.folds, claim.loss) == (4, "squared")
    assert (claim.lam_min, claim.nonzero_min) == (cv.lam_min, cv.nonzero_min)
    assert (claim.lam_1se, claim.nonzero_1se) == (cv.lam_1se, cv.nonzero_1se)
    assert claim.error_min == cv.mean.min() == cv.mean[cv.index_min]
    assert claim.standard_error == cv.standard_error[cv.index_min]
    assert claim.error_1se <= claim.error_min + claim.standard_error


def test_true_support_names_the_wrong_zeros_and_nonzeros():
    truth = np.array([2.0, -1.0, 0.0, 0.0, 0.5])
    claim = true_support(np.array([1.5, 0.0, 0.0, -0.01, 0.2]), truth, 0.3)
    assert (claim.true_count, claim.extra, claim.missed, claim.lam) == (3, (3,), (1,), 0.3)
    exact = true_support(truth * 0.5, truth, 0.1)
    assert exact.extra == exact.missed == ()


def test_at_most_rank_only_for_the_lasso_with_more_features_than_rows():
    wide = build_problem(ProblemSpec(samples=20, features=60))
    loss = LeastSquares(wide.X, wide.y)
    lasso = regularization_path(loss, L1(), num=40)
    claim = at_most_rank(lasso, wide.X, L1())
    assert claim is not None
    assert (claim.features, claim.rows, claim.bound) == (60, 20, 19)
    assert claim.most == lasso.nonzero.max() <= 19
    net = regularization_path(loss, make_penalty("elasticnet", 1.0), num=40)
    assert at_most_rank(net, wide.X, net.penalty) is None
    assert net.nonzero.max() > 19  # the bound is the lasso's: elastic net keeps more
    tall = build_problem(ProblemSpec())
    tall_path = regularization_path(LeastSquares(tall.X, tall.y), L1(), num=20)
    assert at_most_rank(tall_path, tall.X, L1()) is None


def made_up_selection(selected: list[list[int]]) -> SelectionStability:
    return SelectionStability(np.array(selected, dtype=bool), 0.5, "l1", 1.0)


def test_flips_name_the_pair_the_lasso_swaps_and_the_nets_counts():
    # x1 and x2 swap (each kept without the other); x3 is always kept; x4 only with both.
    lasso = made_up_selection(
        [[1, 0, 1, 0], [0, 1, 1, 0], [1, 0, 1, 0], [1, 1, 1, 1], [0, 1, 1, 0]]
    )
    net = made_up_selection([[1, 1, 1, 0]] * 4 + [[1, 1, 1, 1]])
    claim = flips(lasso, net)
    assert (claim.first, claim.second) == (0, 1)
    assert (claim.kept_first, claim.kept_second) == (3, 3)
    assert (claim.first_only, claim.second_only) == (2, 2)
    assert (claim.net_first, claim.net_second, claim.resamples) == (5, 5, 5)
    # Nothing swaps: one always kept, the other kept only with it.
    steady = made_up_selection([[1, 1], [1, 0], [1, 1]])
    assert flips(steady, steady) is None


def test_the_lasso_swaps_the_correlated_pair_and_elastic_net_keeps_both():
    problem = build_problem(ProblemSpec(dataset="pair"))
    assert problem.true_weights[:2].all() and not problem.true_weights[2:].any()
    lam = lam_max(LeastSquares(problem.X, problem.y), L1()) / 2
    lasso = bootstrap_selection(problem.X, problem.y, lam, "l1", resamples=20)
    net = bootstrap_selection(problem.X, problem.y, lam, "elasticnet", 0.5, resamples=20)
    claim = flips(lasso, net)
    assert (claim.first, claim.second) == (0, 1)
    assert claim.first_only > 0 and claim.second_only > 0
    assert claim.net_first == claim.net_second == 20


def test_irrepresentable_claim_is_the_engines_value():
    problem = build_problem(ProblemSpec())
    claim = irrepresentable(problem.X, problem.true_weights)
    assert claim.value == irrepresentable_condition(problem.X, problem.true_weights)
    assert claim.true_count == 4
    assert irrepresentable(problem.X, np.zeros(10)) is None
    assert irrepresentable(problem.X, np.ones(10)) is None
