"""The event line: the newest events first, the weights one step moved told as one item."""

from __future__ import annotations

from l1l2_tui.engine import Event, ProblemSpec, Session, Settings, build_problem
from l1l2_tui.views.main.event_line import grouped

NAMES = ("a", "b", "c", "d")


def test_weights_moved_on_one_step_are_one_item_a_kind_with_their_names():
    events = [
        Event(3, "zeroed", "w1 a reached 0 at step 3", 0),
        Event(4, "zeroed", "w2 b reached 0 at step 4", 1),
        Event(4, "left_zero", "w3 c left 0 at step 4", 2),
        Event(4, "zeroed", "w4 d reached 0 at step 4", 3),
        Event(4, "left_zero", "w1 a left 0 at step 4", 0),
    ]
    assert grouped(events, NAMES) == [
        ("left_zero", "2 weights left 0 at step 4: c, a"),
        ("zeroed", "2 weights reached 0 at step 4: b, d"),
        ("zeroed", "w1 a reached 0 at step 3"),
    ]
    assert grouped(events, NAMES, limit=1) == [("left_zero", "2 weights left 0 at step 4: c, a")]


def test_a_lone_event_and_other_kinds_keep_their_own_words():
    events = [
        Event(0, "reset", "reset: w = 0 at step 0"),
        Event(5, "zeroed", "w2 b reached 0 at step 5", 1),
        Event(5, "settings", "penalty l2 -> l1 at step 5"),
    ]
    assert grouped(events, NAMES) == [(e.kind, e.message) for e in reversed(events)]


def test_on_a_minibatch_run_the_newest_step_is_told_whole():
    problem = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    session = Session(problem, Settings(optimizer="sgd-prox", lam=0.0557))
    session.step(30)
    newest = [e for e in session.events if e.step == session.step_count]
    reached = [e for e in newest if e.kind == "zeroed"]
    assert len(reached) >= 2
    messages = [message for _, message in grouped(session.events, problem.feature_names)]
    expected = ", ".join(problem.feature_names[e.feature] for e in reached)
    assert f"{len(reached)} weights reached 0 at step 30: {expected}" in messages
