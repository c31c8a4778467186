"""SVG screenshots of every screen on seeded data: the README's pictures and a check on them.

The scene is fixed so that two runs give the same pictures: the run's problem, 60 steps under
L2, then a flip to L1 and 90 steps more (the compare view runs its own pair 150 steps).
"""

from __future__ import annotations

import asyncio
import signal
from contextlib import suppress
from dataclasses import replace
from io import StringIO
from typing import Any

from rich.console import Console
from textual.pilot import Pilot

from l1l2_tui.app import make_app
from l1l2_tui.config import DEFAULT_THEME, AppConfig, RunConfig
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
    run: RunConfig, names: tuple[str, ...] = NAMES, theme: str = DEFAULT_THEME
) -> dict[str, str]:
    """The SVG of each picture of ``names`` (of :data:`NAMES`: the main screen and each view
    at 120x40, the main screen at 80x24) in ``theme``, by name; nothing is written. Ctrl-C
    raises :class:`KeyboardInterrupt` at once."""
    return asyncio.run(_shoot_all(run, names, theme))


class _Interrupt:
    """Ctrl-C while shooting: stop the running script and the shooting at once. Ending the app
    alone would leave its script waiting (up to 30 s) on a screen that no longer answers."""

    def __init__(self) -> None:
        self.tasks: list[asyncio.Task[Any]] = []
        self.happened = False

    def __call__(self) -> None:
        self.happened = True
        for task in self.tasks:
            task.cancel()

    def check(self) -> None:
        if self.happened:
            raise KeyboardInterrupt


async def _shoot_all(run: RunConfig, names: tuple[str, ...], theme: str) -> dict[str, str]:
    interrupt = _Interrupt()
    interrupt.tasks.append(asyncio.current_task())  # type: ignore[arg-type]
    loop = asyncio.get_running_loop()
    with suppress(ValueError):  # outside the main thread no signal reaches this loop
        loop.add_signal_handler(signal.SIGINT, interrupt)
    try:
        views = tuple(view.name for view in VIEWS if view.name in names)
        pictures: dict[str, str] = {}
        if MAIN in names or views:
            pictures |= await _shoot(run, LARGE, views, MAIN in names, theme, interrupt)
        if "main-80x24" in names:
            pictures |= await _shoot(run, SMALL, (), True, theme, interrupt)
    except asyncio.CancelledError:
        interrupt.check()
        raise
    finally:
        loop.remove_signal_handler(signal.SIGINT)
    return {name: pictures[name] for name in NAMES if name in pictures}


async def _shoot(
    run: RunConfig,
    size: tuple[int, int],
    views: tuple[str, ...],
    main: bool,
    theme: str,
    interrupt: _Interrupt,
) -> dict[str, str]:
    l2 = replace(run, settings=replace(run.settings, penalty="l2"))
    app = make_app(AppConfig(run=l2, autoplay=False, theme=theme))
    pictures: dict[str, str] = {}

    async def pilot_script(pilot: Pilot[None]) -> None:
        interrupt.tasks.append(asyncio.current_task())  # type: ignore[arg-type]
        await _play_scene(pilot)
        if main:
            suffix = "" if size == LARGE else f"-{size[0]}x{size[1]}"
            pictures[f"{MAIN}{suffix}"] = app.export_screenshot()
        for view in VIEWS:
            if view.name not in views:
                continue
            await pilot.press(view.key)
            if view.name == "compare":
                app.screen.advance(L2_STEPS + L1_STEPS - 1)
                await pilot.press("n")
            while app.screen.computation.running:  # the path, the pairs, the whole posterior
                await pilot.pause(0.01)
            await pilot.pause()
            pictures[view.name] = app.export_screenshot()
            await pilot.press(view.key)
        app.exit()

    # As in L1L2App.run: Textual prints an unhandled error to error_console; a crash in one
    # view must not leave the later pictures as silent copies of the last good screen.
    errors = StringIO()
    app.error_console = Console(file=errors, color_system=None, width=120, markup=False)
    await app.run_async(headless=True, size=size, auto_pilot=pilot_script)
    interrupt.check()
    if errors.getvalue() or app.return_code:
        raise ScreenshotCrash(errors.getvalue() or f"return code {app.return_code}")
    return pictures


async def _play_scene(pilot: Pilot[None]) -> None:
    session = pilot.app.session  # type: ignore[attr-defined]
    session.step(L2_STEPS)
    await pilot.press("l")
    session.step(L1_STEPS - 1)
    await pilot.press("n")
    await pilot.pause()
