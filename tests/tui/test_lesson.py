"""Lesson files: the format reads into the model, every mistake is named, the built-in lesson
shows L2 and L1 early and tells the truth about the default run."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lesson_replay import main_scene_runs

import l1l2_tui.lesson
from l1l2_tui.config import RunConfig
from l1l2_tui.engine import OPTIMIZERS, PENALTIES
from l1l2_tui.engine.files import BIDI_CONTROLS
from l1l2_tui.lesson import (
    DEFAULT_LESSON,
    Caption,
    Change,
    LamRatio,
    Lesson,
    LessonError,
    Pause,
    Reset,
    Run,
    View,
    ViewState,
    Wait,
    format_lesson,
    load_lesson,
    parse_lesson,
    step_frames,
)
from l1l2_tui.views import VIEW_NAMES

FPS = 15
BUDGET_FRAMES = 30 * FPS  # both penalties on screen within 30 s at 15 frames/s, 1 step a frame


def docstring_example() -> str:
    """The TOML example in l1l2_tui.lesson's docstring (the indented block after ``::``)."""
    block = l1l2_tui.lesson.__doc__.split("::\n\n", 1)[1]
    lines = []
    for line in block.splitlines():
        if line and not line.startswith("    "):
            break
        lines.append(line[4:])
    return "\n".join(lines)


def test_the_documented_example_parses() -> None:
    lesson = parse_lesson(docstring_example(), "docstring")
    assert lesson == Lesson(
        "Why L1 zeros weights",
        (
            View("geometry"),
            ViewState("pair", (1, 2)),
            Change(penalty="l2"),
            LamRatio(0.3),
            Reset(),
            Caption("L2 only shrinks"),
            Run(120),
            Wait(),
        ),
        loop=True,
        dataset="toy2d",
    )
    assert lesson.scenes == (lesson.steps,)


def test_a_scene_applies_its_keys_in_a_fixed_order_whatever_the_file_order() -> None:
    text = """
title = "t"
[[step]]
run = 10
caption = ""
set = { lam = 2, l1_ratio = 0.25, optimizer = "fista", penalty = "elasticnet" }
view = "compare"
[step.extra]
"""
    with pytest.raises(LessonError, match="step 1: extra: unknown key"):
        parse_lesson(text, "f.toml")
    lesson = parse_lesson(text.replace("[step.extra]\n", ""), "f.toml")
    assert lesson.loop is False
    assert lesson.steps == (
        View("compare"),
        Change(penalty="elasticnet", lam=2.0, optimizer="fista", l1_ratio=0.25),
        Caption(""),
        Run(10),
    )
    assert isinstance(lesson.steps[1].lam, float)
    assert lesson.steps[1].changes() == {
        "penalty": "elasticnet",
        "lam": 2.0,
        "optimizer": "fista",
        "l1_ratio": 0.25,
    }


GOOD_STEP = "[[step]]\nrun = 1\n"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('title = "t"\n[[step]]\nrun = = 3\n', "invalid TOML: .*line 3, column 7"),
        (f'title = "t"\ncolour = 1\n{GOOD_STEP}', "f.toml: colour: unknown key"),
        (GOOD_STEP, "f.toml: title: required"),
        (f'title = ""\n{GOOD_STEP}', "f.toml: title: required"),
        (f'title = "t"\nloop = "yes"\n{GOOD_STEP}', "f.toml: loop: must be true or false"),
        ('title = "t"\n', "f.toml: step: a lesson needs at least one"),
        ('title = "t"\nstep = 3\n', "f.toml: step: a lesson needs at least one"),
        ('title = "t"\nstep = [1]\n', "step 1: step: each step must be a \\[\\[step\\]\\] table"),
        (f'title = "t"\n{GOOD_STEP}[[step]]\n', "step 2: step: empty"),
        (f'title = "t"\n{GOOD_STEP}[[step]]\nwait = 3\n', "step 2: wait: must be true"),
        (f'title = "t"\n{GOOD_STEP}[[step]]\nrun = -3\n', "step 2: run: must be a whole number"),
        (f'title = "t"\n{GOOD_STEP}[[step]]\nrun = 0\n', "step 2: run: must be a whole number"),
        (f'title = "t"\n{GOOD_STEP}[[step]]\nrun = 1.5\n', "step 2: run: must be a whole"),
        (f'title = "t"\n{GOOD_STEP}[[step]]\nrun = true\n', "step 2: run: must be a whole"),
        (f'title = "t"\n{GOOD_STEP}[[step]]\npause = -1\n', "step 2: pause: must be a whole"),
        ('title = "t"\n[[step]]\nrun = 1\npause = 1\n', "step 1: pause: a step either runs"),
        (f'title = "t"\n[[step]]\nreset = false\n{GOOD_STEP}', "step 1: reset: must be true"),
        (f'title = "t"\n[[step]]\ncaption = 3\n{GOOD_STEP}', "step 1: caption: must be a string"),
        (f'title = "t"\n[[step]]\nview = "3d"\n{GOOD_STEP}', "step 1: view: '3d' is not one of"),
        (f'title = "t"\n[[step]]\nset = "l1"\n{GOOD_STEP}', "step 1: set: must be a table"),
        (f'title = "t"\n[[step]]\nset = {{}}\n{GOOD_STEP}', "step 1: set: must be a table"),
        (
            'title = "t"\n[[step]]\nset = { momentum = 1 }\n',
            "step 1: set.momentum: unknown setting",
        ),
        (
            'title = "t"\n[[step]]\nset = { lr = 0 }\n',
            "step 1: set.lr: must be a finite number > 0",
        ),
        ('title = "t"\n[[step]]\nset = { penalty = "l3" }\n', "step 1: set.penalty: 'l3'"),
        ('title = "t"\n[[step]]\nset = { optimizer = "adamw" }\n', "set.optimizer: 'adamw'"),
        ('title = "t"\n[[step]]\nset = { lam = -1 }\n', "step 1: set.lam: must be a finite"),
        ('title = "t"\n[[step]]\nset = { lam = nan }\n', "step 1: set.lam: must be a finite"),
        ('title = "t"\n[[step]]\nset = { lam = "big" }\n', "step 1: set.lam: must be a number"),
        ('title = "t"\n[[step]]\nset = { l1_ratio = 1.5 }\n', "set.l1_ratio: .* in \\[0, 1\\]"),
        ('title = "t"\n[[step]]\ncaption = "only words"\n', "f.toml: step: the lesson never"),
    ],
)
def test_a_bad_file_names_the_step_and_the_key(text: str, where: str) -> None:
    with pytest.raises(LessonError, match=where):
        parse_lesson(text, "f.toml")


def test_errors_are_value_errors_that_start_with_the_source() -> None:
    with pytest.raises(ValueError, match=r"^lessons/why\.toml: "):
        parse_lesson("", "lessons/why.toml")


def test_load_lesson_reads_a_file_and_names_a_missing_one(tmp_path: Path) -> None:
    path = tmp_path / "lesson.toml"
    path.write_text(docstring_example(), encoding="utf-8")
    assert load_lesson(path) == parse_lesson(docstring_example(), "x")
    with pytest.raises(LessonError, match=re.escape(str(tmp_path / "missing.toml"))):
        load_lesson(tmp_path / "missing.toml")


def test_frames_count_engine_steps_at_the_pace_given() -> None:
    assert step_frames(Run(90), steps_per_frame=1) == 90
    assert step_frames(Run(90), steps_per_frame=4) == 23
    assert step_frames(Pause(30), steps_per_frame=4) == 30
    assert step_frames(Caption("x")) == 0
    assert step_frames(View("path")) == 1, "the new view comes up on a frame of its own"
    lesson = Lesson("t", (Caption("a"), Run(10), Pause(5), View("path"), Run(3)))
    assert lesson.start_frames() == (0, 0, 10, 15, 16)
    assert lesson.total_frames() == 19
    assert lesson.total_frames(steps_per_frame=10) == 1 + 5 + 1 + 1


# -- the built-in lesson ------------------------------------------------------------------------
def first(kind: type, **fields: object) -> int:
    """Index of the first step of ``kind`` with these field values."""
    for index, step in enumerate(DEFAULT_LESSON.steps):
        if isinstance(step, kind) and all(getattr(step, k) == v for k, v in fields.items()):
            return index
    raise AssertionError(f"no {kind.__name__}({fields}) in the default lesson")


def test_the_default_lesson_shows_l2_then_l1_within_thirty_seconds() -> None:
    starts = DEFAULT_LESSON.start_frames(steps_per_frame=1)
    l2, l1 = first(Change, penalty="l2"), first(Change, penalty="l1")
    assert l2 < l1
    l1_run = next(
        i for i in range(l1, len(DEFAULT_LESSON.steps)) if isinstance(DEFAULT_LESSON.steps[i], Run)
    )
    l1_shown = starts[l1_run] + step_frames(DEFAULT_LESSON.steps[l1_run])
    assert starts[l2] < starts[l1] < l1_shown <= BUDGET_FRAMES
    assert first(View, name="geometry") > l1_run


def test_the_default_lesson_visits_the_views_and_loops() -> None:
    views = [step.name for step in DEFAULT_LESSON.steps if isinstance(step, View)]
    assert views[0] == "main"
    assert {"geometry", "forces", "path"} <= set(views)
    assert DEFAULT_LESSON.loop
    run_steps = next(step.steps for step in DEFAULT_LESSON.steps if isinstance(step, Run))
    assert first(Reset) < first(Run, steps=run_steps)  # each pass starts from w = 0


def test_the_default_lessons_captions_fit_an_80_column_terminal() -> None:
    # The caption line is two lines high: " ► " and the text, wrapped at 80 columns.
    captions = [step.text for step in DEFAULT_LESSON.steps if isinstance(step, Caption)]
    assert captions
    assert all(len(text) <= 2 * 80 - 3 - 12 for text in captions), "room for wrapping words"


def test_the_default_lesson_tells_the_truth_about_the_default_run() -> None:
    """Replayed on the engine: no weight is 0 after the L2 run, some are after the L1 run."""
    session = RunConfig().build_session()
    zeros_after_runs = [
        (run.settings.penalty, run.zeros) for run in main_scene_runs(DEFAULT_LESSON, session)
    ]
    assert [penalty for penalty, _ in zeros_after_runs] == ["none", "l2", "l1"]
    assert zeros_after_runs[1][1] == 0
    assert zeros_after_runs[2][1] > 0


def test_the_default_lesson_round_trips_through_its_text() -> None:
    text = format_lesson(DEFAULT_LESSON)
    assert parse_lesson(text, "default") == DEFAULT_LESSON
    assert format_lesson(parse_lesson(text, "default")) == text
    # One table per scene (each ends in a run or a pause), not one per step.
    scenes = sum(isinstance(step, Run | Pause) for step in DEFAULT_LESSON.steps)
    assert text.count("[[step]]") == scenes < len(DEFAULT_LESSON.steps)


# Titles and captions are printable text: no control characters, which the format refuses.
printable = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=BIDI_CONTROLS)
)
steps = st.one_of(
    st.builds(Run, st.integers(1, 10**6)),
    st.builds(Pause, st.integers(1, 10**6)),
    st.builds(Caption, printable),
    st.builds(
        Change,
        penalty=st.none() | st.sampled_from(tuple(PENALTIES)),
        lam=st.none() | st.floats(0, 1e6),
        optimizer=st.none() | st.sampled_from(list(OPTIMIZERS)),
        l1_ratio=st.none() | st.floats(0, 1),
    ).filter(lambda change: change.changes()),
    st.just(Reset()),
    st.builds(View, st.sampled_from(VIEW_NAMES)),
)


@given(
    title=printable.filter(str.strip),
    body=st.lists(steps, max_size=12),
    last=st.builds(Run, st.integers(1, 100)),
    loop=st.booleans(),
)
def test_any_lesson_round_trips(title: str, body: list, last: Run, loop: bool) -> None:
    lesson = Lesson(title, (*body, last), loop)
    assert parse_lesson(format_lesson(lesson), "generated") == lesson


def test_the_default_lessons_compare_scene_tells_the_truth_about_the_default_run() -> None:
    from l1l2_tui.engine.compare import Comparison

    start = first(View, name="compare")
    run = next(s for s in DEFAULT_LESSON.steps[start:] if isinstance(s, Run))
    caption = next(s for s in DEFAULT_LESSON.steps[start:] if isinstance(s, Caption))
    assert caption.text.startswith("L1 (left) and L2 (right)")
    session = RunConfig().build_session()
    comparison = Comparison.l1_vs_l2(session.problem, session.settings)
    comparison.step(run.steps)
    left, right = comparison.sessions
    held = left.weights == 0.0
    assert held.any() and np.all(left.forces().resting[held]), "within lam, held at 0"
    assert np.all(right.weights[~session.problem.constant_features] != 0.0)
