"""SVG screenshots of every screen on seeded data: the README's pictures and a check on them.

The scene is fixed so that two runs give the same pictures: the run's problem, 60 steps under
L2, then a flip to L1 and 90 steps more (the compare view runs its own pair 150 steps).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from textual.pilot import Pilot

from tui.app import L1L2App, make_app
from tui.config import AppConfig, RunConfig

L2_STEPS, L1_STEPS = 60, 90
LARGE, SMALL = (120, 40), (80, 24)
VIEW_KEYS = {"geometry": "g", "forces": "w", "path": "p", "compare": "c", "zero": "z"}
NAMES = ("main", *VIEW_KEYS, "main-80x24")


def take_screenshots(run: RunConfig, out: Path, only: str | None = None) -> list[Path]:
    """Write ``main.svg``, one SVG per view (120x40) and ``main-80x24.svg`` into ``out``; or
    only the one of :data:`NAMES` that ``only`` names."""
    out.mkdir(parents=True, exist_ok=True)
    wanted = set(NAMES) if only is None else {only}
    paths = []
    if wanted - {"main-80x24"}:
        paths += asyncio.run(_shoot(run, LARGE, out, wanted))
    if "main-80x24" in wanted:
        paths += asyncio.run(_shoot(run, SMALL, out, wanted))
    return paths


async def _shoot(run: RunConfig, size: tuple[int, int], out: Path, wanted: set[str]) -> list[Path]:
    l2 = replace(run, settings=replace(run.settings, penalty="l2"))
    app = make_app(AppConfig(run=l2, autoplay=False))
    paths: list[Path] = []

    async def pilot_script(pilot: Pilot[None]) -> None:
        await _play_scene(pilot)
        suffix = "" if size == LARGE else f"-{size[0]}x{size[1]}"
        if f"main{suffix}" in wanted:
            paths.append(_save(app, out, f"main{suffix}"))
        for name, key in VIEW_KEYS.items() if size == LARGE else ():
            if name not in wanted:
                continue
            await pilot.press(key)
            if name == "compare":
                app.screen.advance(L2_STEPS + L1_STEPS - 1)
                await pilot.press("n")
            await app.workers.wait_for_complete()
            await pilot.pause()
            paths.append(_save(app, out, name))
            await pilot.press(key)
        app.exit()

    await app.run_async(headless=True, size=size, auto_pilot=pilot_script)
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
