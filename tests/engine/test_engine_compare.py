"""Two sessions in lockstep: exactly two independent sessions, re-tuned together."""

import numpy as np
import pytest

from l1l2_tui.engine import Comparison, ProblemSpec, Session, Settings, build_problem


@pytest.fixture(scope="module")
def problem():
    return build_problem(ProblemSpec())


@pytest.mark.parametrize("optimizer", ["proximal", "fista", "subgradient"])
def test_lockstep_is_two_independent_sessions_bit_for_bit(problem, optimizer):
    base = Settings(lam=0.2, optimizer=optimizer)
    comparison = Comparison.l1_vs_l2(problem, base)
    left = Session(problem, Settings("l1", 0.2, optimizer=optimizer))
    right = Session(problem, Settings("l2", 0.2, optimizer=optimizer))
    assert comparison.left.settings == left.settings
    assert comparison.right.settings == right.settings
    np.testing.assert_array_equal(comparison.left.weights, 0.0)
    np.testing.assert_array_equal(comparison.right.weights, 0.0)
    for k in (1, 7, 40):
        assert comparison.step(k) == (k, k)
        left.step(k)
        right.step(k)
        np.testing.assert_array_equal(comparison.left.weights, left.weights)
        np.testing.assert_array_equal(comparison.right.weights, right.weights)
    assert comparison.left.step_count == comparison.right.step_count == 48
    assert comparison.right.zeros == 0
    if optimizer != "subgradient":
        assert comparison.left.zeros > 0


def test_update_changes_both_sides_but_not_their_penalties(problem):
    comparison = Comparison(problem, Settings("l1", 0.1), Settings("elasticnet", 0.1, 0.3))
    left, right = Session(problem, Settings("l1", 0.1)), Session(problem, comparison.right.settings)
    comparison.step(10)
    left.step(10)
    right.step(10)
    new_left, new_right = comparison.update(lam=0.3, optimizer="fista")
    assert (new_left.penalty, new_right.penalty) == ("l1", "elasticnet")
    assert new_left.lam == new_right.lam == 0.3 and new_right.l1_ratio == 0.3
    left.update(lam=0.3, optimizer="fista")
    right.update(lam=0.3, optimizer="fista")
    comparison.step(25)
    left.step(25)
    right.step(25)
    np.testing.assert_array_equal(comparison.left.weights, left.weights)
    np.testing.assert_array_equal(comparison.right.weights, right.weights)


def test_bad_updates_change_neither_side(problem):
    comparison = Comparison.l1_vs_l2(problem)
    before = (comparison.left.settings, comparison.right.settings)
    with pytest.raises(ValueError, match="penalty"):
        comparison.update(penalty="l2")
    with pytest.raises(ValueError, match="lr"):
        comparison.update(lam=0.5, lr=-1.0)
    assert (comparison.left.settings, comparison.right.settings) == before


def test_reset_starts_both_over(problem):
    comparison = Comparison.l1_vs_l2(problem, Settings(lam=0.2))
    comparison.step(30)
    first = comparison.left.weights.copy(), comparison.right.weights.copy()
    comparison.reset()
    for session in comparison.sessions:
        assert session.step_count == 0
        np.testing.assert_array_equal(session.weights, 0.0)
    comparison.step(30)
    np.testing.assert_array_equal(comparison.left.weights, first[0])
    np.testing.assert_array_equal(comparison.right.weights, first[1])


def test_any_two_runs_that_differ_in_one_setting(problem):
    comparison = Comparison.differing(problem, Settings("l1", 0.3), "optimizer")
    assert comparison.differs == ("optimizer",)
    assert (comparison.left.settings.optimizer, comparison.right.settings.optimizer) == (
        "proximal",
        "subgradient",
    )
    comparison.step(200)
    assert comparison.left.zeros > 0 == comparison.right.zeros, "the prox lands, the other not"
    with pytest.raises(ValueError, match="each keeps its own optimizer"):
        comparison.update(optimizer="fista")
    comparison.update(penalty="l2")
    assert {s.settings.penalty for s in comparison.sessions} == {"l2"}
    assert comparison.next_difference == "stochastic"
    assert Comparison.l1_vs_l2(problem).next_difference == "optimizer"
    stochastic = Comparison.differing(problem, Settings("l1", 0.3), "stochastic")
    assert stochastic.next_difference == "playground"
    playground = stochastic.differing_in("playground")
    assert [s.settings.optimizer for s in playground.sessions] == ["playground", "sgd-cumulative"]
    assert playground.next_difference == "adam"
    assert playground.differing_in("adam").next_difference == "decoupled"
    coordinate = Comparison.differing(problem, Settings("l1", 0.3), "coordinate")
    assert coordinate.next_difference == "p"
    assert {s.settings.optimizer for s in coordinate.sessions} == {"cd", "proximal"}
    assert coordinate.differing_in("p").next_difference == "penalty"
    with pytest.raises(ValueError, match="differs in one of"):
        Comparison.differing(problem, differs="lam")


def test_a_comparison_and_a_session_share_the_run_interface(problem):
    from l1l2_tui.engine import Run

    def drive(run: Run) -> tuple[int, object]:
        run.step(5)
        run.update(lam=0.25)
        run.step(5)
        count = run.step_count
        run.reset()
        return count, run.diverged

    assert drive(Session(problem)) == (10, None)
    comparison = Comparison.l1_vs_l2(problem)
    assert drive(comparison) == (10, None)
    assert comparison.settings.lam == 0.25 and comparison.step_count == 0
    assert comparison.event_count == sum(s.event_count for s in comparison.sessions)
    steps = [event.step for event in comparison.events]
    assert steps == sorted(steps)


def test_sgd_against_the_cumulative_penalty_on_the_same_minibatches():
    digits = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    comparison = Comparison.default_for(digits, Settings("l1", 0.0557, optimizer="sgd-prox"))
    assert comparison.difference == "stochastic" and comparison.differs == ("optimizer",)
    left, right = comparison.sessions
    assert (left.settings.optimizer, right.settings.optimizer) == ("sgd", "sgd-cumulative")
    for _ in range(3):
        np.testing.assert_array_equal(left.next_rows(), right.next_rows())
        comparison.step(17)
    comparison.update(batch=64, shuffle_seed=3)
    np.testing.assert_array_equal(left.next_rows(), right.next_rows())
    comparison.step(5 * left.steps_per_epoch)
    assert right.zeros >= left.zeros + 30, "one goes sparse, the other stays grey"
    assert Comparison.default_for(digits, Settings()).difference == "penalty"


def test_two_values_of_p_side_by_side_keep_lp_on_both(problem):
    """The p difference holds lp on both sides: L1 (p = 1) against the run's own p below 1,
    and neither the penalty nor p can be changed on one side only."""
    comparison = Comparison.default_for(problem, Settings("lp", 0.3, p=0.6))
    assert comparison.differs == ("p",)
    assert [s.penalty.label for s in comparison.sessions] == ["L1", "L0.6"]
    assert comparison.held == ("p", "penalty")
    with pytest.raises(ValueError, match="keep penalty lp"):
        comparison.update(penalty="l1")
    with pytest.raises(ValueError, match="each keeps its own p"):
        comparison.update(p=0.9)
    comparison.step(300)
    left, right = comparison.sessions
    assert right.zeros > left.zeros, "below 1 the jump zeroes more weights than L1 here"
    l1 = Session(problem, Settings("l1", 0.3))
    l1.step(300)
    np.testing.assert_array_equal(left.weights, l1.weights), "p = 1 is L1 exactly"
    assert Comparison.default_for(problem, Settings("l0", 0.3)).sessions[1].penalty.label == "L0.5"
