"""The digits lesson shipped with the package: it loads, names its data, plays, and its captions
hold on the run they caption."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from apps import build_app, play_frame

from l1l2_tui.config import RunConfig
from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem
from l1l2_tui.engine.claims.main import zero_count
from l1l2_tui.lesson import (
    SHIPPED_LESSONS,
    Caption,
    Change,
    LessonError,
    Reset,
    Run,
    View,
    format_lesson,
    load_lesson,
    parse_lesson,
    shipped_lesson,
)
from l1l2_tui.widgets.narration_line import NarrationLine
from l1l2_tui.widgets.weight_image import WeightImage

LESSON = shipped_lesson("digits")


def test_the_digits_lesson_ships_and_names_its_data():
    assert "digits" in SHIPPED_LESSONS
    assert (LESSON.dataset, LESSON.digit, LESSON.loop) == ("digits", 0, True)
    assert parse_lesson(format_lesson(LESSON), "again") == LESSON
    views = [step.name for step in LESSON.steps if isinstance(step, View)]
    assert views == ["main", "compare"]


def test_its_captions_fit_an_80_column_terminal():
    captions = [step.text for step in LESSON.steps if isinstance(step, Caption)]
    assert len([text for text in captions if text]) >= 4
    assert all(len(text) <= 2 * 80 - 3 - 12 for text in captions)


def test_it_plays_on_the_digits_whatever_data_the_run_had():
    spec = LESSON.on_problem(ProblemSpec(dataset="diabetes", digit=3))
    assert (spec.dataset, spec.digit, spec.data) == ("digits", 0, None)
    spec = LESSON.on_problem(ProblemSpec(data=Path("x.csv"), target="y"))
    assert (spec.dataset, spec.data, spec.target) == ("digits", None, None)


def replay(session: Session, compare: tuple[Session, Session]) -> Iterator[tuple[str, Session]]:
    """The lesson on the engine, one pass: (the caption on screen, the run it is about) after
    each run step, while the run is in that state."""
    caption, view = "", "main"
    for step in LESSON.steps:
        runs = (session,) if view == "main" else compare
        if isinstance(step, View):
            view = step.name
            if view == "compare":
                for side, penalty in zip(compare, ("l1", "l2"), strict=True):
                    side.update(lam=session.settings.lam, optimizer=session.settings.optimizer)
                    assert side.settings.penalty == penalty
        elif isinstance(step, Change):
            session.update(**step.changes())
        elif isinstance(step, Reset):
            for run in runs:
                run.reset()
        elif isinstance(step, Caption):
            caption = step.text
        elif isinstance(step, Run):
            for run in runs:
                run.step(step.steps)
            for run in runs:
                yield caption, run


def test_its_captions_are_true_of_the_runs_they_caption():
    problem = build_problem(LESSON.on_problem(ProblemSpec()))
    session = Session(problem)
    compare = (Session(problem, Settings("l1")), Session(problem, Settings("l2")))
    blank = problem.constant_features
    checked = set()
    for caption, run in replay(session, compare):
        w, count = run.weights, zero_count(run)
        if caption.startswith("L2's digit is grey"):
            assert run.settings.penalty == "l2"
            assert np.all(w[~blank] != 0.0), "every pixel the data pulls on keeps a weight"
            assert count.zeros == count.constant == 3, "only the blank pixels are 0"
            checked.add("l2")
        elif caption.startswith("L1 from the same weights"):
            assert run.settings.penalty == "l1"
            zero = w == 0.0
            assert zero.sum() > 40
            forces = run.forces()
            assert np.all(forces.resting[zero]), "each zero's pull at 0 is within lam: it stays"
            checked.add("l1")
        elif caption.startswith("Both from w = 0"):
            left, right = compare
            assert zero_count(left).zeros > 40 and zero_count(right).zeros == 3
            checked.add("compare")
    assert checked == {"l2", "l1", "compare"}


@pytest.mark.slow
async def test_it_plays_in_the_app_with_an_image_on_each_view():
    run = RunConfig(LESSON.on_problem(ProblemSpec()))
    app = build_app(problem=run.problem, fps=60, lesson=LESSON, once=True)
    async with app.run_test(size=(120, 40)) as pilot:
        shown, captions = set(), set()
        while not app.control.player.finished:
            await play_frame(app, pilot)
            shown.add(type(app.screen).__name__)
            assert app.screen.query(WeightImage), type(app.screen).__name__
            captions.add(str(app.screen.query_one(NarrationLine).render()).strip())
        assert shown == {"MainScreen", "CompareScreen"}
        assert any("blank pixel" in text for text in captions), "a live caption counts them"
        assert app.session.problem.image_shape == (8, 8)


@pytest.mark.parametrize(
    ("head", "problem"),
    [
        (
            'dataset = "mnist"',
            "dataset: 'mnist' is not one of synthetic, diabetes, toy2d, digits, pair",
        ),
        ("digit = 3", 'digit: only for dataset = "digits"'),
        ('dataset = "digits"\ndigit = 10', 'digit: must be a digit 0 to 9 or "ge5", not 10'),
        ('dataset = "digits"\ndigit = 3.0', 'digit: must be a digit 0 to 9 or "ge5", not 3.0'),
        ('dataset = "digits"\ndigit = true', 'digit: must be a digit 0 to 9 or "ge5", not True'),
    ],
)
def test_a_bad_dataset_or_digit_is_named(tmp_path, head, problem):
    path = tmp_path / "lesson.toml"
    path.write_text(f'title = "t"\n{head}\n\n[[step]]\nrun = 1\n', encoding="utf-8")
    with pytest.raises(LessonError) as error:
        load_lesson(path)
    assert str(error.value) == f"{path}: {problem}"


def test_ge5_is_a_digit_a_lesson_may_name(tmp_path):
    path = tmp_path / "lesson.toml"
    path.write_text('title = "t"\ndataset = "digits"\ndigit = "ge5"\n[[step]]\nrun = 1\n')
    assert load_lesson(path).digit == "ge5"
