"""In a terminal too small to draw it, every view says so instead of failing, and each comes
back whole when the terminal grows."""

from __future__ import annotations

import pytest
from apps import computed, paused_app, until

from l1l2_tui.views import VIEWS
from l1l2_tui.views.help import HelpScreen
from l1l2_tui.views.run_screen import RunScreen

VIEW_KEYS = tuple(view.key for view in VIEWS)


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1, 1), (10, 5), (20, 8), (120, 19)])
async def test_every_view_says_too_small_and_keeps_running(size: tuple[int, int]) -> None:
    app = paused_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("space")  # playing: every frame redraws the view on screen
        for key in VIEW_KEYS:
            await pilot.press(key)
            await computed(pilot)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, RunScreen)
            assert screen.has_class("too-small")
            assert screen.query_one("#too-small").display
            assert not screen.query_one("#body").display
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape", key)  # out of the help, back to the main screen
        steps = app.session.step_count
        await until(pilot, lambda: app.session.step_count > steps)
        assert app.session.step_count > steps  # the run went on behind the message
        assert app.return_code is None


async def test_a_view_comes_back_whole_when_the_terminal_grows() -> None:
    app = paused_app()
    async with app.run_test(size=(10, 5)) as pilot:
        for key in VIEW_KEYS:
            await pilot.press(key)
            await computed(pilot)
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            assert not app.screen.has_class("too-small")
            assert app.screen.query_one("#body").display
            await pilot.resize_terminal(10, 5)
            await pilot.press(key)
