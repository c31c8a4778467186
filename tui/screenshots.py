"""SVG screenshots of every screen on seeded data: the README's pictures and a check on them.

The scene is fixed so that two runs give the same pictures: the run's problem, 60 steps under
L2, then a flip to L1 and 90 steps more (the compare view runs its own pair 150 steps).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from io import StringIO
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot

from l1l2_tui.app import L1L2App, make_app
from l1l2_tui.config import AppConfig, RunConfig
from l1l2_tui.views import MAIN, VIEWS

L2_STEPS, L1_STEPS = 60, 90
LARGE, SMALL = (120, 40), (80, 24)
NAMES = (MAIN, *(view.name for view in VIEWS), "main-80x24")
"""The pictures :func:`take_screenshots` writes, each the name of its SVG file."""


class ScreenshotCrash(RuntimeError):
    """The app stopped on an internal error while being shot; ``details`` is its traceback."""

    def __init__(self, details: str) -> None:
        super().__init__("the app stopped on an internal error while being shot")
        self.details = details


def take_screenshots(
    run: RunConfig, out: Path, views: tuple[str, ...] = tuple(view.name for view in VIEWS)
) -> list[Path]:
    """Write ``main.svg``, one SVG per view of ``views`` (120x40) and ``main-80x24.svg`` into
    ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = asyncio.run(_shoot(run, LARGE, out, views))
    paths += asyncio.run(_shoot(run, SMALL, out, ()))
    return paths


async def _shoot(
    run: RunConfig, size: tuple[int, int], out: Path, views: tuple[str, ...]
) -> list[Path]:
    l2 = replace(run, settings=replace(run.settings, penalty="l2"))
    app = make_app(AppConfig(run=l2, autoplay=False))
    paths: list[Path] = []

    async def pilot_script(pilot: Pilot[None]) -> None:
        await _play_scene(pilot)
        suffix = "" if size == LARGE else f"-{size[0]}x{size[1]}"
        paths.append(_save(app, out, f"{MAIN}{suffix}"))
        for view in VIEWS:
            if view.name not in views:
                continue
            await pilot.press(view.key)
            if view.name == "compare":
                app.screen.advance(L2_STEPS + L1_STEPS - 1)
                await pilot.press("n")
            await app.workers.wait_for_complete()
            await pilot.pause()
            paths.append(_save(app, out, view.name))
            await pilot.press(view.key)
        app.exit()

    # As in L1L2App.run: Textual prints an unhandled error to error_console; a crash in one
    # view must not leave the later pictures as silent copies of the last good screen.
    errors = StringIO()
    app.error_console = Console(file=errors, color_system=None, width=120, markup=False)
    await app.run_async(headless=True, size=size, auto_pilot=pilot_script)
    if errors.getvalue() or app.return_code:
        raise ScreenshotCrash(errors.getvalue() or f"return code {app.return_code}")
    return paths


async def _play_scene(pilot: Pilot[None]) -> None:
    session = pilot.app.session  # type: ignore[attr-defined]
    session.step(L2_STEPS)
    await pilot.press("l")
    session.step(L1_STEPS - 1)
    await pilot.press("n")
    await pilot.pause()


def _save(app: L1L2App, out: Path, name: str) -> Path:
    return Path(app.save_screenshot(filename=f"{name}.svg", path=str(out)))
