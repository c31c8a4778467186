"""The shipped Adam lesson: it loads by name, is told on digits on every row, and its captions
hold there."""

from __future__ import annotations

from lesson_replay import main_scene_runs

from l1l2_tui.engine import ProblemSpec, Session, build_problem
from l1l2_tui.engine.compare import Comparison
from l1l2_tui.lesson import (
    SHIPPED_LESSONS,
    Caption,
    Change,
    View,
    format_lesson,
    parse_lesson,
    shipped_lesson,
)

ADAM = shipped_lesson("adam")


def test_the_lesson_is_shipped_by_name_and_round_trips():
    assert "adam" in SHIPPED_LESSONS
    assert parse_lesson(format_lesson(ADAM), "adam") == ADAM
    assert (ADAM.dataset, ADAM.digit) == ("digits", 0)


def test_the_lesson_runs_adams_three_ways_on_every_row_then_compares():
    changes = [step for step in ADAM.steps if isinstance(step, Change)]
    assert changes[0].batch >= 1797 and changes[0].schedule == "constant"
    optimizers = [step.optimizer for step in changes if step.optimizer]
    assert optimizers == ["adam", "adam-decoupled", "adam-prox", "adam"]
    assert View("compare") in ADAM.steps


def test_the_captions_fit_an_80_column_terminal():
    captions = [step.text for step in ADAM.steps if isinstance(step, Caption)]
    assert all(len(text) <= 2 * 80 - 3 - 12 for text in captions)


def test_the_lesson_tells_the_truth_on_digits():
    """Replayed on the engine: adam keeps every weight but the blank pixels' and never rests at
    0, adam-decoupled rests off the minimizer, adam-prox lands on its zeros; side by side the
    compare view puts adam against adam-prox."""
    problem = build_problem(ProblemSpec(dataset="digits", digit=0))
    blank = problem.constant_features
    session = Session(problem)
    seen: dict[str, tuple[int, float, bool]] = {}
    for run in main_scene_runs(ADAM, session):
        exact = run.minimizer()
        gap = float(abs(run.weights - exact).max())
        seen[run.settings.optimizer] = (
            run.zeros,
            gap,
            bool(((run.weights == 0) == (exact == 0)).all()),
        )
        if run.settings.optimizer == "adam":
            assert not (run.weights[~blank] == 0.0).any()
    assert seen["adam"][0] == int(blank.sum())
    assert seen["adam-decoupled"][1] > 0.5 and not seen["adam-decoupled"][2]
    # On the minimizer's zero set already, its nonzero weights still closing in.
    assert seen["adam-prox"][2] and seen["adam-prox"][1] < 0.1 * abs(session.minimizer()).max()
    side_by_side = Comparison.default_for(problem, session.settings)
    optimizers = {s.settings.optimizer for s in side_by_side.sessions}
    assert optimizers == {"adam", "adam-prox"}
