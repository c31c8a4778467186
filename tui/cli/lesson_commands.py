"""``demo`` plays a lesson in the app; ``lesson`` prints one as TOML."""

from __future__ import annotations

from typing import Annotated

import typer

from l1l2_tui.cli.debug_log import textual_log
from l1l2_tui.cli.errors import fail
from l1l2_tui.cli.lesson_choice import lesson_run, lesson_source, read_lesson
from l1l2_tui.cli.options import (
    DEFAULT_THEME,
    DebugOption,
    LessonFolderOption,
    LessonOption,
    LinkChoice,
    LinkOption,
    MarkerChoice,
    MarkerOption,
    OnceOption,
    PaceOption,
    ThemeOption,
    run_options,
    with_options,
)
from l1l2_tui.cli.sessions import start_session
from l1l2_tui.cli.terminal_check import require_terminal
from l1l2_tui.config import AppConfig, RunConfig
from l1l2_tui.lesson.builtin import SHIPPED_LESSONS
from l1l2_tui.startup import release_collector


@with_options
def demo_command(
    ctx: typer.Context,
    run: Annotated[RunConfig, run_options],
    lesson: LessonOption = None,
    lesson_folder: LessonFolderOption = None,
    pace: PaceOption = 1.0,
    once: OnceOption = False,
    marker: MarkerOption = MarkerChoice.braille,
    theme: ThemeOption = DEFAULT_THEME,
    debug: DebugOption = False,
    link: LinkOption = LinkChoice.auto,  # type: ignore[attr-defined]
) -> None:
    """Play a lesson that tells the L1/L2 story by itself (space pauses it, q quits)."""
    story = read_lesson(lesson_source(lesson, lesson_folder))
    run = lesson_run(ctx, run, story)
    require_terminal()  # after the quick checks, before the data is read
    session = start_session(run)
    with textual_log(debug):
        from l1l2_tui.app import make_app

        fps = max(1, min(60, round(15 * pace)))
        config = AppConfig(
            run, fps, 1, marker.value, lesson=story, once=once, theme=theme, link=link.value
        )
        make_app(config, session).run()


def lesson_command(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A shipped lesson to print instead of the built-in one: "
            f"{', '.join(SHIPPED_LESSONS[:-1])} or {SHIPPED_LESSONS[-1]}."
        ),
    ] = None,
    keys: Annotated[
        bool,
        typer.Option(
            "--keys", help="Print every key a lesson file may hold, as a Markdown table, instead."
        ),
    ] = False,
) -> None:
    """Print the built-in lesson as TOML: a start for your own (play it with demo --lesson)."""
    release_collector()
    from l1l2_tui.lesson import DEFAULT_LESSON, format_lesson, shipped_lesson

    if keys:
        from l1l2_tui.lesson.keys import keys_table

        typer.echo(keys_table(), nl=False)
        return
    if name is None:
        typer.echo(format_lesson(DEFAULT_LESSON), nl=False)
        return
    if name not in SHIPPED_LESSONS:
        raise fail(f"no shipped lesson {name!r}; choose one of {', '.join(SHIPPED_LESSONS)}")
    typer.echo(format_lesson(shipped_lesson(name)), nl=False)
