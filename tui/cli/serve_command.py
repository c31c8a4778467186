"""``serve``: the app, or the demo, in every browser tab that opens it."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from l1l2_tui.cli.errors import fail
from l1l2_tui.cli.lesson_choice import lesson_run, read_lesson
from l1l2_tui.cli.options import (
    FpsOption,
    LessonOption,
    MarkerChoice,
    MarkerOption,
    OnceOption,
    PaceOption,
    PausedOption,
    SpeedOption,
    run_options,
    with_options,
)
from l1l2_tui.cli.sessions import start_session
from l1l2_tui.config import RunConfig


class ServeTarget(StrEnum):
    app = "app"
    demo = "demo"


APP_ONLY = ("fps", "paused", "speed")
DEMO_ONLY = ("lesson", "pace", "once")


@with_options
def serve_command(
    ctx: typer.Context,
    run: Annotated[RunConfig, run_options],
    what: Annotated[
        ServeTarget, typer.Argument(help="What each tab runs: the live app or the demo.")
    ] = ServeTarget.app,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 for every machine on the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free one).")] = 8000,
    max_sessions: Annotated[
        int, typer.Option(min=1, max=500, help="Most apps running at once (one per tab).")
    ] = 30,
    public_url: Annotated[
        str | None,
        typer.Option(help="The address browsers use, when a proxy stands in front (https://...)."),
    ] = None,
    follow: Annotated[
        bool,
        typer.Option(
            "--follow",
            help="One app, driven by the lecturer (from this terminal), that every tab watches.",
        ),
    ] = False,
    max_viewers: Annotated[
        int, typer.Option(min=1, max=2000, help="With --follow: most tabs watching at once.")
    ] = 200,
    lecturer_tab: Annotated[
        bool,
        typer.Option(
            "--lecturer-tab",
            help="With --follow: drive the lecture from a browser tab (its address is printed).",
        ),
    ] = False,
    fps: FpsOption = 15,
    paused: PausedOption = False,
    marker: MarkerOption = MarkerChoice.braille,
    speed: SpeedOption = 1,
    lesson: LessonOption = None,
    pace: PaceOption = 1.0,
    once: OnceOption = False,
) -> None:
    """Serve the app (or the demo) to browsers: every tab gets its own app, with these options;
    with --follow, every tab watches the lecturer's one app."""
    demo = what is ServeTarget.demo
    given = [
        name
        for name in (DEMO_ONLY if not demo else APP_ONLY)
        # By name: typer releases differ in whose click (their own copy or click) they use.
        if getattr(ctx.get_parameter_source(name), "name", None) == "COMMANDLINE"
    ]
    if given:
        options = ", ".join("--" + name for name in given)
        other = "l1l2-tui serve" if demo else "l1l2-tui serve demo"
        raise fail(f"{options}: only for `{other}`")
    lecture_only = [
        name.replace("_", "-")
        for name in ("max_viewers", "lecturer_tab")
        if getattr(ctx.get_parameter_source(name), "name", None) == "COMMANDLINE"
    ]
    if lecture_only and not follow:
        raise fail(f"{', '.join('--' + name for name in lecture_only)}: only with --follow")
    if demo:
        run = lesson_run(ctx, run, read_lesson(lesson))
    start_session(run)  # reports bad data or options once, here, rather than in every tab
    from l1l2_tui.web.serve import AppOptions, Lecture, ServeError, serve

    options = AppOptions(run, demo, fps, paused, speed, marker.value, lesson, pace, once)
    try:
        serve(
            options,
            host=host,
            port=port,
            max_sessions=max_sessions,
            public_url=public_url,
            say=typer.echo,
            warn=lambda line: typer.echo(line, err=True),
            lecture=Lecture(max_viewers, lecturer_tab) if follow else None,
        )
    except ServeError as exc:
        raise fail(str(exc)) from None
