"""Every key of a lesson file is declared once (tui/lesson/keys.py): the reader checks a file
against the declaration and words its errors from it, `lesson --keys` and the README print it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from l1l2_tui.cli import app
from l1l2_tui.engine import ProblemSpec
from l1l2_tui.lesson import (
    LamRatio,
    LessonError,
    ViewState,
    Wait,
    format_lesson,
    parse_lesson,
)
from l1l2_tui.lesson.keys import DATA_KEYS, SCENE_KEYS, TOP_KEYS, keys_table

README = Path(__file__).parents[2] / "README.md"


def scene(body: str, head: str = "") -> str:
    return f'title = "t"\n{head}\n[[step]]\n{body}\nrun = 1\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (scene('view = "geometry"\npair = [1]'), "step 1: pair: must be two different weight"),
        (scene('view = "geometry"\npair = [2, 2]'), "step 1: pair: must be two different"),
        (scene('view = "geometry"\npair = [0, 2]'), "step 1: pair: must be two different"),
        (scene('view = "geometry"\npair = "1,2"'), "step 1: pair: must be two different"),
        (scene("pair = [1, 2]"), 'step 1: pair: sets the geometry view; add view = "geometry"'),
        (scene('view = "path"\nweight = 2'), 'weight: sets the zero view; add view = "zero"'),
        (scene('view = "zero"\nweight = 0'), "step 1: weight: must be a whole number >= 1"),
        (scene('view = "zero"\nunits = 5'), "step 1: units: must be one of 1, 10, 100, not 5"),
        (scene('view = "zero"\nunits = true'), "step 1: units: must be one of 1, 10, 100"),
        (scene('view = "compare"\ncompare = "lr"'), "compare: 'lr' is not one of penalty, "),
        (scene("lam_ratio = -0.5"), "step 1: lam_ratio: must be a finite number in [0, 10]"),
        (scene('lam_ratio = "half"'), "step 1: lam_ratio: must be a number, not 'half'"),
        (scene("lam_ratio = 0.5\nset = { lam = 1 }"), "lam_ratio: give lam in set or lam_ratio"),
        (scene("wait = false"), "step 1: wait: must be true (leave it out for no wait)"),
        (scene("", "samples = 2"), "f.toml: samples: must be a whole number in [3, 1000000]"),
        (scene("", "correlation = 1.5"), "correlation: must be a finite number in [-0.99, 0.99]"),
        (scene("", "seed = -1"), "f.toml: seed: must be a whole number >= 0, not -1"),
        (scene("", "noise = nan"), "f.toml: noise: must be a finite number in [0, 1e+06]"),
        ('title = "t"\n[[step]]\ncaption = "words"\n', "the lesson never moves on"),
    ],
)
def test_each_key_s_mistakes_name_the_step_and_the_key(text: str, message: str) -> None:
    with pytest.raises(LessonError) as error:
        parse_lesson(text, "f.toml")
    assert message in str(error.value)


def test_unknown_keys_are_answered_with_the_declared_ones_in_order() -> None:
    with pytest.raises(LessonError) as error:
        parse_lesson(scene("colour = 1"), "f.toml")
    names = ", ".join(key.name for key in SCENE_KEYS)
    assert str(error.value) == f"f.toml: step 1: colour: unknown key; expected {names}"
    with pytest.raises(LessonError) as error:
        parse_lesson(scene("", "tempo = 1"), "f.toml")
    assert ", ".join(key.name for key in TOP_KEYS) in str(error.value)


def test_the_new_keys_read_and_write_back() -> None:
    text = """
title = "t"
dataset = "synthetic"
features = 6
correlation = 0.9
seed = 3

[[step]]
view = "zero"
weight = 2
units = 100
lam_ratio = 0.25
run = 5
wait = true

[[step]]
wait = true
"""
    lesson = parse_lesson(text, "f.toml")
    assert lesson.steps[1:5] == (
        ViewState("weight", 2),
        ViewState("units", 100.0),
        LamRatio(0.25),
        lesson.steps[4],
    )
    assert lesson.steps[-1] == Wait() and lesson.scene_starts == (0, 6)
    assert lesson.data_options == (("features", 6), ("correlation", 0.9), ("seed", 3))
    spec = lesson.on_problem(ProblemSpec(features=10))
    assert (spec.features, spec.correlation, spec.seed) == (6, 0.9, 3)
    assert parse_lesson(format_lesson(lesson), "again") == lesson


def test_the_declaration_is_what_lesson_keys_and_the_readme_show() -> None:
    result = CliRunner().invoke(app, ["lesson", "--keys"])
    assert result.exit_code == 0 and result.stdout == keys_table()
    for key in (*TOP_KEYS, *SCENE_KEYS, *DATA_KEYS):
        assert f"`{key.name}`" in result.stdout
    assert keys_table() in README.read_text(encoding="utf-8"), "the README's table is current"


def test_the_lesson_command_names_every_shipped_lesson() -> None:
    from l1l2_tui.lesson import SHIPPED_LESSONS

    result = CliRunner().invoke(app, ["lesson", "--help"], env={"COLUMNS": "200"})
    assert all(name in result.stdout for name in SHIPPED_LESSONS)
