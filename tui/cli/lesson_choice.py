"""Which lesson a command plays, and the data it plays on: shared by ``demo`` and ``serve demo``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from l1l2_tui.cli.errors import fail
from l1l2_tui.config import RunConfig

if TYPE_CHECKING:
    from l1l2_tui.lesson import Lesson


def read_lesson(lesson: Path | None) -> Lesson:
    """The lesson ``--lesson`` names: the built-in one, a shipped one by name, or a file."""
    from l1l2_tui.lesson import (
        DEFAULT_LESSON,
        SHIPPED_LESSONS,
        LessonError,
        load_lesson,
        shipped_lesson,
    )

    if lesson is None:
        return DEFAULT_LESSON
    try:
        if str(lesson) in SHIPPED_LESSONS:
            return shipped_lesson(str(lesson))
        return load_lesson(lesson)
    except LessonError as exc:
        raise fail(str(exc)) from None


DATA_OPTIONS = ("data", "target", "dataset", "digit", "loss")


def lesson_run(ctx: typer.Context, run: RunConfig, story: Lesson) -> RunConfig:
    """``run`` on the data set the lesson is written for, if it names one; data options given on
    the command line that would change it are refused rather than ignored."""
    if story.dataset is None:
        return run
    problem = story.on_problem(run.problem)
    for name in DATA_OPTIONS:
        # By name, as in carry_options_to: DEFAULT_MAP is an option given before the command.
        source = getattr(ctx.get_parameter_source(name), "name", None)
        given = source in ("COMMANDLINE", "ENVIRONMENT", "DEFAULT_MAP")
        if given and getattr(run.problem, name) != getattr(problem, name):
            where = f"dataset {story.dataset}" + (
                f", digit {story.digit}" if story.digit is not None else ""
            )
            raise fail(f"--{name}: the lesson {story.title!r} plays on {where}; drop --{name}")
    return replace(run, problem=problem)
