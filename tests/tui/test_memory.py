"""A lecture opens the help and the views hundreds of times: opening and closing them leaves
memory as it was after the first time, and a widget removed from the app is freed."""

from __future__ import annotations

import gc
import os
import sys
import weakref
from pathlib import Path

import pytest
from apps import computed, paused_app
from textual.widgets import Static

from l1l2_tui.app import MAIN, VIEWS
from l1l2_tui.views.help import HelpScreen

OPENINGS = 200
SCREENS = ("help", *(view.name for view in VIEWS))
BLOCKS_GROWTH = 10_000
"""Memory blocks Python may hold more after all the openings than after the first (some 700,
Textual's bounded caches filling); keeping each closed help's rendered lines, as before the fix,
held 31,000 more over the openings here."""
RESIDENT_GROWTH = 5 * 2**20


def resident_bytes() -> int:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
async def test_opening_and_closing_the_help_and_every_view_leaves_memory_flat() -> None:
    app = paused_app()
    async with app.run_test(size=(80, 24)) as pilot:

        async def open_and_close(screen: str) -> None:
            if screen == "help":
                app.action_help()
                await pilot.pause(0)
                assert isinstance(app.screen, HelpScreen)
                app.screen.dismiss()
            else:
                app.show_view(screen)
                await pilot.pause(0)
                assert app.current_view == screen
                app.show_view(MAIN)
            await pilot.pause(0)
            assert app.current_view == MAIN

        for screen in SCREENS[1:]:  # each built once, its path and pairs found
            app.show_view(screen)
            await computed(pilot)
        app.show_view(MAIN)
        for screen in SCREENS:
            await open_and_close(screen)
        gc.collect()
        blocks_before, resident_before = sys.getallocatedblocks(), resident_bytes()
        for opening in range(OPENINGS):
            await open_and_close(SCREENS[opening % len(SCREENS)])
        gc.collect()
        blocks_growth = sys.getallocatedblocks() - blocks_before
        resident_growth = resident_bytes() - resident_before
    assert blocks_growth < BLOCKS_GROWTH, f"{blocks_growth} blocks kept by {OPENINGS} openings"
    assert resident_growth < RESIDENT_GROWTH, f"resident size grew {resident_growth} bytes"


async def test_widgets_removed_from_the_app_are_freed_with_their_rendered_lines() -> None:
    app = paused_app()
    caches = []
    async with app.run_test(size=(80, 24)) as pilot:
        for number in range(50):
            notice = Static(f"passing notice {number}")
            await app.screen.mount(notice)
            await pilot.pause(0)
            # Each widget's rendered lines live in its styles cache, which Textual 8 kept
            # (https://github.com/Textualize/textual/issues/6665).
            caches.append(weakref.ref(notice._styles_cache))
            assert notice._styles_cache._cache, "the notice was drawn"
            await notice.remove()
            await pilot.pause(0)
        del notice
        gc.collect()
        kept = sum(cache() is not None for cache in caches)
    assert kept <= 1, f"{kept} of 50 removed widgets are still in memory"
