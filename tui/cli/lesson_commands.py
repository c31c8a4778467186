"""``demo`` plays a lesson in the app; ``lesson`` prints one as TOML."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tui.cli.errors import fail
from tui.cli.options import (
    LessonOption,
    MarkerChoice,
    MarkerOption,
    OnceOption,
    PaceOption,
    run_options,
    with_options,
)
from tui.cli.sessions import start_session
from tui.config import AppConfig, RunConfig
from tui.startup import release_collector

if TYPE_CHECKING:
    from tui.lesson import Lesson


def read_lesson(lesson: Path | None) -> Lesson:
    """The lesson ``--lesson`` names: the built-in one, a shipped one by name, or a file."""
    from tui.lesson import DEFAULT_LESSON, SHIPPED_LESSONS, LessonError, load_lesson, shipped_lesson

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


@with_options
def demo_command(
    ctx: typer.Context,
    run: Annotated[RunConfig, run_options],
    lesson: LessonOption = None,
    pace: PaceOption = 1.0,
    once: OnceOption = False,
    marker: MarkerOption = MarkerChoice.braille,
) -> None:
    """Play a lesson that tells the L1/L2 story by itself (space pauses it, q quits)."""
    story = read_lesson(lesson)
    run = lesson_run(ctx, run, story)
    session = start_session(run)
    from tui.app import make_app

    fps = max(1, min(60, round(15 * pace)))
    config = AppConfig(run, fps, 1, marker.value, lesson=story, once=once)
    make_app(config, session).run()


def lesson_command(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A shipped lesson to print instead of the built-in one: digits or stochastic."
        ),
    ] = None,
) -> None:
    """Print the built-in lesson as TOML: a start for your own (play it with demo --lesson)."""
    release_collector()
    from tui.lesson import DEFAULT_LESSON, SHIPPED_LESSONS, format_lesson, shipped_lesson

    if name is None:
        typer.echo(format_lesson(DEFAULT_LESSON), nl=False)
        return
    if name not in SHIPPED_LESSONS:
        raise fail(f"no shipped lesson {name!r}; choose one of {', '.join(SHIPPED_LESSONS)}")
    typer.echo(format_lesson(shipped_lesson(name)), nl=False)
