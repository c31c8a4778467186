"""Which lesson a command plays, and the data it plays on: shared by ``demo`` and ``serve demo``."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from l1l2_tui.cli.errors import fail
from l1l2_tui.cli.options import CARRIED
from l1l2_tui.config import RunConfig

if TYPE_CHECKING:
    from l1l2_tui.lesson import Lesson


def lesson_source(lesson: str | None, folder: Path | None) -> Path | str | None:
    """Where ``--lesson`` comes from: None (the built-in lesson), a file, or the name of a
    shipped lesson. A name with a slash or of a file that exists is that file; then comes
    NAME.toml in ``folder``, then a shipped lesson of that name."""
    from l1l2_tui.lesson.builtin import SHIPPED_LESSONS

    if folder is not None:
        folder = folder.expanduser()  # a settings file's "~/lessons" is not expanded by a shell
        if not folder.is_dir():
            raise fail(f"{folder}: no such folder (--lesson-folder)")
    if lesson is None:
        return None
    if not lesson:
        raise fail("--lesson: the name is empty")
    path = Path(lesson)
    if "/" in lesson or os.sep in lesson or os.path.lexists(path):
        return path.expanduser()
    if folder is not None:
        in_folder = folder / (lesson if lesson.endswith(".toml") else f"{lesson}.toml")
        if os.path.lexists(in_folder):
            return in_folder
    return lesson if lesson in SHIPPED_LESSONS else path


def read_lesson(source: Path | str | None) -> Lesson:
    """The lesson :func:`lesson_source` chose: the built-in one, a shipped one or a file."""
    from l1l2_tui.lesson import DEFAULT_LESSON, LessonError, load_lesson, shipped_lesson

    try:
        if source is None:
            return DEFAULT_LESSON
        if isinstance(source, str):
            return shipped_lesson(source)
        return load_lesson(source)
    except LessonError as exc:
        raise fail(str(exc)) from None


DATA_OPTIONS = ("data", "target", "dataset", "digit", "loss")


def lesson_run(ctx: typer.Context, run: RunConfig, story: Lesson) -> RunConfig:
    """``run`` on the data the lesson is written for, if it names its data set or options; data
    options given on the command line that would change it are refused rather than ignored."""
    if story.dataset is None and not story.data_options:
        return run
    problem = story.on_problem(run.problem)
    carried = ctx.meta.get(CARRIED, set())
    for name in (*DATA_OPTIONS, *dict(story.data_options)):
        # By name, as in carry_options_to. A default from the settings file gives way to the
        # lesson; one given before the command (carried to it as a default) does not.
        source = getattr(ctx.get_parameter_source(name), "name", None)
        given = source in ("COMMANDLINE", "ENVIRONMENT") or name in carried
        if given and getattr(run.problem, name) != getattr(problem, name):
            where = ", ".join(
                f"{key} {value}"
                for key, value in (
                    ("dataset", story.dataset),
                    ("digit", story.digit),
                    *story.data_options,
                )
                if value is not None
            )
            raise fail(f"--{name}: the lesson {story.title!r} plays on {where}; drop --{name}")
    return replace(run, problem=problem)
