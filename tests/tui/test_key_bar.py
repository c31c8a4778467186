"""The key bar: which keys it shows, where, and what a click or a hover does."""

from __future__ import annotations

from typing import ClassVar

import pytest
from apps import paused_app
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType

from l1l2_tui.views import VIEWS
from l1l2_tui.views.help import HelpScreen
from l1l2_tui.widgets.key_bar import KeyBar

GROUP = " ".join(view.key for view in VIEWS) + " Views"
"""The view keys' group on the key bar, in the table's order."""


def bar_text(app) -> str:
    return app.screen.query_one(KeyBar).render().plain


def column_of(app, label: str) -> int:
    column = bar_text(app).find(label)
    assert column >= 0, f"{label!r} is not on the key bar"
    return column


@pytest.mark.parametrize("width", [60, 80, 120, 200])
async def test_views_help_and_quit_stay_at_the_right_end_at_any_width(width: int):
    app = paused_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        text = bar_text(app)
    # Six view keys leave 60 columns room for the first key alone.
    assert text.startswith(" space Play/Pause  n Step " if width >= 80 else " space Play/Pause ")
    pinned = f" {GROUP}  ? Help  q Quit "
    # The palette's key gives way first, so the first keys keep their place.
    assert text.endswith(pinned + " ^p palette " if width >= 120 else pinned)
    assert len(text) == width


async def test_each_view_key_in_the_group_opens_its_view():
    app = paused_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        start = column_of(app, GROUP)
        keys = [bar.item_at(start + 1 + 2 * k).key for k in range(len(VIEWS))]
        assert keys == [view.key for view in VIEWS]
        await pilot.click(KeyBar, offset=(start + 5, 0))
        await pilot.pause()
        assert app.current_view == "path"
        assert GROUP in bar_text(app), "the views stay discoverable inside a view"


async def test_a_key_that_does_not_fit_is_left_out_whole():
    app = paused_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        placed = bar.placed(bar.size.width)
        text = bar_text(app)
    shown = [item.description for _, item in placed]
    assert "Reset" not in shown
    assert "Reset" not in text
    assert text.count(" ") >= len(placed)
    # Every key shown is whole: its key and its description, where it was placed.
    for column, item in placed:
        assert text[column : column + item.width] == f" {item.display} {item.description} "


async def test_the_bar_follows_the_bindings_when_they_change():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert " n Step " in bar_text(app)
        await pilot.press("space")
        await pilot.pause()
        # A step is only possible while paused, so the key leaves the bar while playing.
        assert " n Step " not in bar_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert " n Step " in bar_text(app)


async def test_a_step_that_diverges_takes_step_and_play_off_the_bar():
    app = paused_app(lr=100.0)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.session.diverged is None:
            await pilot.press("n")
        await pilot.pause()
        text = bar_text(app)
    assert " n Step " not in text
    assert " space Play/Pause " not in text
    assert " r Reset " in text


async def test_clicking_a_key_presses_it():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.click(KeyBar, offset=(column_of(app, "Play/Pause"), 0))
        assert app.control.running
        await pilot.click(KeyBar, offset=(column_of(app, "? Help"), 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_clicking_between_keys_does_nothing():
    app = paused_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        gap = column_of(app, GROUP) - 2
        assert bar_text(app)[gap] == " "
        assert app.screen.query_one(KeyBar).item_at(gap) is None
        await pilot.click(KeyBar, offset=(gap, 0))
        await pilot.pause()
        assert not app.control.running
        assert not isinstance(app.screen, HelpScreen)


async def test_hovering_a_key_shows_its_tooltip():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        await pilot.hover(KeyBar, offset=(column_of(app, "L1↔L2"), 0))
        assert bar.tooltip == "Flip between L1 and L2 on the same run"


class DisabledKeyApp(App[None]):
    """A key whose action is shown but not available (``check_action`` answers None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "nothing", "Nothing"),
        Binding("y", "count", "Count"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "nothing" else True

    def action_nothing(self) -> None:
        raise AssertionError("a disabled key ran its action")

    def action_count(self) -> None:
        self.count += 1

    def bell(self) -> None:
        self.bells += 1


async def test_a_disabled_key_is_dimmed_and_a_click_on_it_only_rings_the_bell():
    app = DisabledKeyApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        text = bar.render()
        nothing = text.plain.index("Nothing")
        count = text.plain.index("Count")
        dimmed = [span for span in text.spans if span.style == "dim"]
        assert any(span.start <= nothing < span.end for span in dimmed)
        assert not any(span.start <= count < span.end for span in dimmed)
        await pilot.click(KeyBar, offset=(nothing, 0))
        await pilot.click(KeyBar, offset=(count, 0))
        await pilot.pause()
    assert app.bells == 1
    assert app.count == 1


@pytest.mark.parametrize(("key", "first"), [("w", " esc Back "), ("g", " esc Back  f Next pair ")])
async def test_a_view_shows_its_own_keys_first(key: str, first: str):
    app = paused_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert bar_text(app).startswith(first + " space Play/Pause ")
