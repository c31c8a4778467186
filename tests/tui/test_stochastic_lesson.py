"""The shipped SGD lesson: it loads by name, is told on digits, and its captions hold there."""

from __future__ import annotations

import pytest
from lesson_replay import main_scene_runs

from l1l2_tui.engine import ProblemSpec, Session, build_problem
from l1l2_tui.lesson import (
    SHIPPED_LESSONS,
    Caption,
    Change,
    Lesson,
    LessonError,
    Run,
    View,
    format_lesson,
    parse_lesson,
    shipped_lesson,
)

STOCHASTIC = shipped_lesson("stochastic")


def test_the_lesson_is_shipped_by_name():
    assert "stochastic" in SHIPPED_LESSONS


def test_the_lesson_chooses_digits_and_the_optimizers_and_batch():
    assert (STOCHASTIC.dataset, STOCHASTIC.digit) == ("digits", "ge5")
    spec = STOCHASTIC.on_problem(ProblemSpec(dataset="diabetes", samples=50))
    assert (spec.dataset, spec.digit, spec.samples) == ("digits", "ge5", 50)
    changes = [step for step in STOCHASTIC.steps if isinstance(step, Change)]
    assert changes[0].batch == 32
    optimizers = [step.optimizer for step in changes if step.optimizer]
    assert optimizers == ["proximal", "sgd", "sgd-prox", "sgd-cumulative"]
    assert View("compare") in STOCHASTIC.steps


def test_the_lesson_round_trips_through_its_text():
    text = format_lesson(STOCHASTIC)
    assert parse_lesson(text, "stochastic") == STOCHASTIC
    plain = Lesson("t", (Run(1),))
    assert plain.on_problem(ProblemSpec()) == ProblemSpec()
    assert "dataset" not in format_lesson(plain)


def test_the_captions_fit_an_80_column_terminal():
    captions = [step.text for step in STOCHASTIC.steps if isinstance(step, Caption)]
    assert all(len(text) <= 2 * 80 - 3 - 12 for text in captions)


def test_the_lesson_tells_the_truth_on_digits():
    """Replayed on the engine: full-batch and cumulative runs zero most pixels, naive sgd
    only the blank ones, FOBOS in between."""
    problem = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    session = Session(problem)
    zeros: dict[str, int] = {}
    for run in main_scene_runs(STOCHASTIC, session):
        zeros[run.settings.optimizer] = run.zeros
    blank = int(problem.constant_features.sum())
    assert zeros["proximal"] >= 50 and zeros["sgd-cumulative"] >= 50
    assert zeros["sgd"] <= blank + 3
    assert zeros["sgd"] + 8 <= zeros["sgd-prox"] <= zeros["sgd-cumulative"] - 15


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('dataset = "mnist"', "dataset: 'mnist' is not one of"),
        ('dataset = "digits"\ndigit = 10', "digit: must be a digit 0 to 9"),
        ('dataset = "digits"\ndigit = true', "digit: must be a digit 0 to 9"),
        ("set = { batch = 2.5 }", "set.batch: must be a whole number"),
        ('set = { schedule = "cosine" }', "set.schedule: 'cosine' is not one of"),
    ],
)
def test_bad_data_and_stochastic_settings_are_named(line, problem):
    top = line.startswith(("dataset", "digit"))
    text = (
        f'title = "t"\n{line}\n[[step]]\nrun = 1\n'
        if top
        else (f'title = "t"\n[[step]]\n{line}\nrun = 1\n')
    )
    with pytest.raises(LessonError, match=problem):
        parse_lesson(text, "bad.toml")
