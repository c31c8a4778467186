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
    """Every key but the lecturer's, which work (and show) only while a lesson plays."""
    from l1l2_tui.app import LESSON_ACTIONS, L1L2App

    classes = (L1L2App, RunScreen, ViewScreen, GeometryScreen)
    bindings = [b for cls in classes for b in Binding.make_bindings(cls.BINDINGS)]
    return [b for b in bindings if b.action not in LESSON_ACTIONS]


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


VIEW_WORDS = {
    "main": ["each weight w_j over the steps", "`●` marks a weight that is exactly 0", "converged"],
    "geometry": [
        "**The plane of two weights**",
        "diamond",
        "**The trail** in white",
        "Ellipses** in dark blue",
        "`* optimum`",
    ],
    "forces": ["**The tug of war", "Data pull at w=0", "`┃`", "`░`", 'held at 0" in green'],
    "path": [
        "**The regularization path**",
        "row of numbers along the top",
        "lam_max on the left",
        "vertical grey line",
    ],
    "compare": ["**Two runs side by side**", "same data from the same start", "one shared scale"],
    "zero": ["**One weight, the others held", "h·(z − w)", "`+ z`", "**dead zone**", "`u`"],
    "prior": ["**One weight's prior, likelihood and posterior**", "Laplace", "`◆` its **median**"],
}
"""Words each view's help must hold: what that view draws, its colours named in the dark theme."""


@pytest.mark.parametrize("view", VIEW_NAMES)
async def test_the_help_explains_the_view_on_screen_and_its_keys_first(view: str):
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        if view != "main":
            app.show_view(view)
            await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.source
    for words in VIEW_WORDS[view]:
        assert words in text, f"{view}: {words!r}"
    others = [other for other in VIEW_NAMES if other not in (view, "main")]
    assert all(VIEW_WORDS[other][0] not in text for other in others), "only this view's legend"
    glossary = ("Data pull", "Prox, soft-threshold", "Dead zone", "lam_max", "l1_ratio", "z and h")
    for word in glossary:
        assert f"**{word}**" in text, f"the glossary explains {word}"
    keys = text.split("## Keys", 1)[1]
    if view != "main":
        row = next(row for row in VIEWS if row.name == view)
        first = keys.split("*", 2)[1]
        assert first == f"{row.title} view", "the view's own keys come first"


async def test_during_a_lesson_the_help_lists_the_lecturers_keys():
    from l1l2_tui.lesson import DEFAULT_LESSON

    app = build_app(lesson=DEFAULT_LESSON)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.source
    lesson = text.split("*The lesson*", 1)[1]
    assert "`pgdn` `>` Next scene" in lesson or "`>` Next scene" in lesson
    assert "Back" in lesson and "Again" in lesson
