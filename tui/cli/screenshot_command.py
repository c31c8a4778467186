"""``screenshot``: SVG pictures of the main screen and the views after a fixed scene."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from l1l2_tui.cli.errors import fail, interrupts_reported, output_errors_reported
from l1l2_tui.cli.options import run_options, with_options
from l1l2_tui.cli.sessions import start_session
from l1l2_tui.config import RunConfig
from l1l2_tui.views import VIEWS

ViewChoice = StrEnum("ViewChoice", {view.name: view.name for view in VIEWS})  # type: ignore[misc]
"""The views ``screenshot --view`` takes: every one (the table needs no Textual to be read)."""


@with_options
def screenshot_command(
    run: Annotated[RunConfig, run_options],
    out: Annotated[Path, typer.Option(help="Folder to write the SVG screenshots into.")] = Path(
        "screenshots"
    ),
    view: Annotated[
        list[ViewChoice] | None,
        typer.Option(help="Only these views besides the main screen (repeat it; default: all)."),
    ] = None,
) -> None:
    """Save SVG screenshots of the main screen and every view after a fixed scene."""
    if out.exists() and not out.is_dir():
        raise fail(f"{out}: is a file; --out takes a folder")
    if not out.exists() and not out.parent.is_dir():
        raise fail(f"{out.parent}: no such folder to make {out.name} in")
    start_session(run)  # reports bad data or options before anything is drawn
    from l1l2_tui.screenshots import ScreenshotCrash, take_screenshots

    try:
        with interrupts_reported():
            views = tuple(v.name for v in VIEWS) if view is None else tuple(v.value for v in view)
            paths = take_screenshots(run, out, views)
    except OSError as exc:
        raise fail(f"{out}: cannot write the screenshots: {exc.strerror or exc}") from None
    except ScreenshotCrash as crash:
        from l1l2_tui.crash_report import report_crash

        report_crash(crash.details)
        raise typer.Exit(1) from None
    with output_errors_reported():
        for path in paths:
            typer.echo(path)
