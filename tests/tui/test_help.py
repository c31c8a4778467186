"""Every key can be found from inside the app: the help lists them all, from the bindings, and
the view keys stay on the key bar at 80 columns."""

from __future__ import annotations

import pytest
from apps import build_app, paused_app
from textual.binding import Binding

from l1l2_tui.views import VIEW_NAMES, VIEWS
from l1l2_tui.views.geometry.screen import GeometryScreen
from l1l2_tui.views.help import HelpScreen
from l1l2_tui.views.run_screen import RunScreen
from l1l2_tui.views.view_screen import ViewScreen
from l1l2_tui.widgets.key_bar import KeyBar


def every_binding() -> list[Binding]:
    from l1l2_tui.app import L1L2App

    classes = (L1L2App, RunScreen, ViewScreen, GeometryScreen)
    return [b for cls in classes for b in Binding.make_bindings(cls.BINDINGS)]


async def test_the_help_lists_every_key_of_every_view():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.source
    for binding in every_binding():
        key = app.get_key_display(Binding(binding.key, ""))
        line = f"`{key}`"
        assert any(line in row and binding.description in row for row in text.splitlines()), (
            f"{binding.key} {binding.description} is not in the help"
        )
    assert "|w| > w²" in text, "the help says why the popular explanation fails"


@pytest.mark.parametrize("view", VIEW_NAMES)
async def test_the_views_can_be_found_at_80_columns(view: str):
    app = paused_app()
    async with app.run_test(size=(80, 24)) as pilot:
        if view != "main":
            app.show_view(view)
        await pilot.pause()
        bar = app.screen.query_one(KeyBar).render().plain
        group = " ".join(view.key for view in VIEWS) + " Views"
        assert f" {group} " in bar
        assert " ? Help " in bar
        assert len(bar) <= 80


@pytest.mark.parametrize("dataset", ["synthetic", "digits"])
async def test_the_help_describes_the_model_on_screen(dataset):
    from l1l2_tui.engine import ProblemSpec

    app = build_app(problem=ProblemSpec(dataset=dataset))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.source
    logistic = dataset == "digits"
    assert ("log(1 + exp(" in text) == logistic
    assert ("||y − Xw − b||²" in text) != logistic
    assert ("The weight image" in text) == logistic
    assert ("target's units" in text) != logistic
