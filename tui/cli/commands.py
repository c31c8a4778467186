"""The ``l1l2-tui`` command: the live app by default, and the subcommands, each built from its
own module when named (:mod:`l1l2_tui.cli.lazy_commands`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Annotated, Any, ClassVar

import typer

from l1l2_tui.cli.debug_log import textual_log
from l1l2_tui.cli.lazy_commands import LazyCommandGroup
from l1l2_tui.cli.options import (
    CARRIED,
    DEFAULT_THEME,
    DebugOption,
    FpsOption,
    LinkChoice,
    LinkOption,
    MarkerChoice,
    MarkerOption,
    PausedOption,
    PauseWhenConvergedOption,
    SpeedOption,
    ThemeOption,
    carry_options_to,
    run_options,
    with_options,
)
from l1l2_tui.cli.sessions import start_session
from l1l2_tui.cli.settings_file import SettingsFile, load_settings
from l1l2_tui.cli.terminal_check import require_terminal
from l1l2_tui.config import AppConfig, RunConfig
from l1l2_tui.engine.lazy_names import lazy_getattr, served
from l1l2_tui.startup import release_collector

COMMANDS = {
    "lesson_commands": ("demo_command", "lesson_command"),
    "serve_command": ("serve_command",),
    "screenshot_command": ("screenshot_command",),
    "record_command": ("record_command",),
    "script_commands": ("run_command", "path_command"),
    "posterior_command": ("posterior_command",),
}
"""Each subcommand's function (the subcommand ``name`` is ``name_command``), served from here by
the module of :mod:`l1l2_tui.cli` that defines it, on first use, in the order the help lists
them."""
__getattr__ = lazy_getattr("l1l2_tui.cli", COMMANDS, into=__name__)


class RootGroup(LazyCommandGroup):
    """The ``l1l2-tui`` group: its subcommands, in the order the help lists them; the defaults
    of the settings file (:mod:`l1l2_tui.cli.settings_file`) for its options, and, through
    ``carry_options_to``, for the subcommand's."""

    settings: SettingsFile | None = None

    SUBCOMMANDS: ClassVar[Sequence[str]] = tuple(
        name.removesuffix("_command") for name in served(COMMANDS)
    )

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        if parent is None:
            self.settings = load_settings(self)
            if self.settings is not None:
                extra.setdefault("default_map", self.settings.defaults(self, None))
        return super().make_context(info_name, args, parent, **extra)

    def error_text(self, exc: Any) -> str:
        # A value the settings file gave (not one carried from before the subcommand) is told
        # by the file and the key that gave it.
        ctx, param = getattr(exc, "ctx", None), getattr(exc, "param", None)
        if self.settings is None or ctx is None or param is None or param.name is None:
            return super().error_text(exc)
        source = getattr(ctx.get_parameter_source(param.name), "name", None)
        if source != "DEFAULT_MAP" or param.name in ctx.meta.get(CARRIED, set()):
            return super().error_text(exc)
        name = ctx.info_name if ctx.parent is not None else None
        key = self.settings.key_of(name, param.name, ctx.command)
        return f"{self.settings.path}: {key}: {exc.message}"


app = typer.Typer(
    cls=RootGroup,
    name="l1l2-tui",
    help="Watch why L1 regularization makes weights exactly zero while L2 only shrinks them.",
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
    pause_when_converged: PauseWhenConvergedOption = False,
    marker: MarkerOption = MarkerChoice.braille,
    theme: ThemeOption = DEFAULT_THEME,
    speed: SpeedOption = 1,
    debug: DebugOption = False,
    link: LinkOption = LinkChoice.auto,  # type: ignore[attr-defined]
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Open the live app (the default), or run a subcommand. Unless --penalty is given, the run
    starts under L2 and flips to L1 after 60 steps (4 s), so both show in the first seconds."""
    if ctx.invoked_subcommand is not None:
        release_collector()
        carry_options_to(ctx, ctx.invoked_subcommand)
        return
    require_terminal()
    # A plain launch opens under L2 and flips to L1 (the app's opening): the contrast at once.
    opening = getattr(ctx.get_parameter_source("penalty"), "name", None) == "DEFAULT"
    if opening:
        run = replace(run, settings=replace(run.settings, penalty="l2"))
    session = start_session(run)
    with textual_log(debug):
        from l1l2_tui.app import make_app

        config = AppConfig(
            run,
            fps,
            speed,
            marker.value,
            autoplay=not paused,
            theme=theme,
            pause_when_converged=pause_when_converged,
            opening=opening,
            link=link.value,
        )
        make_app(config, session).run()
