"""``screenshot``: SVG pictures of the main screen and the views after a fixed scene."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from l1l2_tui.cli.errors import fail, interrupts_reported, output_errors_reported
from l1l2_tui.cli.options import DEFAULT_THEME, ThemeOption, run_options, with_options
from l1l2_tui.cli.sessions import start_session
from l1l2_tui.config import RunConfig
from l1l2_tui.views import MAIN, VIEWS

PICTURES = (MAIN, *(view.name for view in VIEWS), f"{MAIN}-80x24")
"""Every picture the command takes, each saved as NAME.svg: l1l2_tui.screenshots' ``NAMES`` (the
table of views needs no Textual to be read)."""
PictureChoice = StrEnum("PictureChoice", {name: name for name in PICTURES})  # type: ignore[misc]


@with_options
def screenshot_command(
    run: Annotated[RunConfig, run_options],
    out: Annotated[Path, typer.Option(help="Folder to write the SVG screenshots into.")] = Path(
        "screenshots"
    ),
    view: Annotated[
        list[PictureChoice] | None,
        typer.Option(
            help="Take only this picture: main (120x40), main-80x24 or a view (repeat it; "
            "default: all).",
        ),
    ] = None,
    theme: ThemeOption = DEFAULT_THEME,
    force: Annotated[
        bool, typer.Option("--force", help="Write over files of the same names in --out.")
    ] = False,
) -> None:
    """Save SVG screenshots of the main screen and every view after a fixed scene."""
    names = PICTURES if not view else tuple(name for name in PICTURES if name in view)
    paths = [out / f"{name}.svg" for name in names]
    if out.exists() and not out.is_dir():
        raise fail(f"{out}: is a file; --out takes a folder")
    if not out.exists() and not out.parent.is_dir():
        raise fail(f"{out.parent}: no such folder to make {out.name} in")
    if not force:
        taken = next((path for path in paths if os.path.lexists(path)), None)
        if taken is not None:
            raise fail(f"{taken}: already exists; --force writes over it")
    start_session(run)  # reports bad data or options before anything is drawn
    from l1l2_tui.file_output import OutputError, OutputExists, write_output
    from l1l2_tui.screenshots import ScreenshotCrash, take_screenshots

    try:
        with interrupts_reported():
            pictures = take_screenshots(run, names, theme)
    except ScreenshotCrash as crash:
        from l1l2_tui.crash_report import report_crash

        report_crash(crash.details)
        raise typer.Exit(1) from None
    try:
        out.mkdir(exist_ok=True)
    except OSError as exc:
        raise fail(f"{out}: cannot make the folder: {exc.strerror or exc}", code=1) from None
    try:
        for path in paths:
            write_output(path, pictures[path.stem], overwrite=force)
    except OutputError as exc:
        hint = "; --force writes over it" if isinstance(exc, OutputExists) else ""
        raise fail(f"{exc}{hint}", code=1) from None
    with output_errors_reported():
        for path in paths:
            typer.echo(path)
