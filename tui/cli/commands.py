"""The ``l1l2-tui`` command: the live app by default, and the subcommands, each built from its
own module when named (:mod:`l1l2_tui.cli.lazy_commands`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, ClassVar

import typer

from l1l2_tui.cli.lazy_commands import LazyCommandGroup
from l1l2_tui.cli.options import (
    FpsOption,
    LinkChoice,
    LinkOption,
    MarkerChoice,
    MarkerOption,
    PausedOption,
    SpeedOption,
    carry_options_to,
    run_options,
    with_options,
)
from l1l2_tui.cli.sessions import start_session
from l1l2_tui.config import AppConfig, RunConfig
from l1l2_tui.startup import release_collector


class RootGroup(LazyCommandGroup):
    """The ``l1l2-tui`` group: its subcommands, in the order the help lists them, and where
    each one's function is."""

    SUBCOMMANDS: ClassVar[Mapping[str, str]] = {
        "demo": "l1l2_tui.cli.lesson_commands:demo_command",
        "lesson": "l1l2_tui.cli.lesson_commands:lesson_command",
        "serve": "l1l2_tui.cli.serve_command:serve_command",
        "screenshot": "l1l2_tui.cli.screenshot_command:screenshot_command",
        "run": "l1l2_tui.cli.script_commands:run_command",
        "path": "l1l2_tui.cli.script_commands:path_command",
    }


app = typer.Typer(
    cls=RootGroup,
    name="l1l2-tui",
    help="Watch why L1 regularization makes weights exactly zero while L2 only shrinks them.",
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def show_version(value: bool) -> None:
    if value:
        from importlib import metadata  # some 12 ms of imports the app's start does not need

        try:
            version = metadata.version("l1l2-tui")
        except metadata.PackageNotFoundError:
            version = "unknown (not installed)"
        typer.echo(f"l1l2-tui {version}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
@with_options
def main(
    ctx: typer.Context,
    run: Annotated[RunConfig, run_options],
    fps: FpsOption = 15,
    paused: PausedOption = False,
    marker: MarkerOption = MarkerChoice.braille,
    speed: SpeedOption = 1,
    link: LinkOption = LinkChoice.auto,  # type: ignore[attr-defined]
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Open the live app (the default), or run a subcommand."""
    if ctx.invoked_subcommand is not None:
        release_collector()
        carry_options_to(ctx, ctx.invoked_subcommand)
        return
    session = start_session(run)
    from l1l2_tui.app import make_app

    config = AppConfig(run, fps, speed, marker.value, autoplay=not paused, link=link.value)
    make_app(config, session).run()
