"""The "Zero" view: one weight at a time on the shared run, at 80x24 and 120x40."""

from __future__ import annotations

import html
import re

import numpy as np
import pytest
from apps import build_app, paused_app

from l1l2_tui.engine import ProblemSpec
from l1l2_tui.engine.claims.zero import one_weight_slice, one_weight_slices
from l1l2_tui.views.zero.screen import UNITS, ZeroScreen
from l1l2_tui.widgets.narration_line import NarrationLine


def caption(app) -> str:
    return str(app.screen.query_one(NarrationLine).render())


@pytest.mark.slow
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_zero_view_on_the_shared_run(size):
    app = paused_app()
    async with app.run_test(size=size) as pilot:
        app.session.step(150)
        await pilot.press("z")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ZeroScreen) and "Zero" in screen.TITLE
        assert not screen.has_class("too-small")
        j = screen.feature
        assert app.session.weights[j] == 0.0, "opens on a weight held at 0"
        piece = one_weight_slices(app.session)[j]
        assert piece.minimizer == 0.0
        assert "catches the minimum, exactly 0" in caption(app)
        await pilot.press("n")
        assert app.session.step_count == 151, "the run's keys work here"
        await pilot.press("f")
        assert screen.feature == (j + 1) % 10
        await pilot.press("z")
        assert app.current_view == "main"


async def test_units_change_the_numbers_not_the_zeros():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(300)
        await pilot.press("z", "u")
        await pilot.pause()
        screen = app.screen
        assert screen.factor == UNITS[1] == 10.0
        assert caption(app).startswith("Target ×10, lam ×10: ")
        minima = sum(piece.minimizer == 0.0 for piece in one_weight_slices(app.session, 10.0))
        assert f"the same {minima} minima are 0 in every unit" in caption(app)
        await pilot.press("u", "u")
        assert screen.factor == 1.0
        assert not caption(app).startswith("Target")


async def test_zero_view_says_too_small_and_costs_nothing_when_hidden():
    app = paused_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("z")
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert app.screen.has_class("too-small")
        await pilot.resize_terminal(120, 40)
        await pilot.press("z")
        zero = app.get_screen("zero")
        shown = []
        zero.show = lambda: shown.append(1)
        app.session.step(5)
        await pilot.press("n", "space")
        for _ in range(3):
            app.screen._tick()
        assert app.session.step_count >= 9, "the run plays on the main screen"
        assert shown == [], "the hidden view draws nothing"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_zero_view_snapshots(snap_compare, size):
    async def run_before(pilot) -> None:
        pilot.app.session.step(150)
        await pilot.press("z")
        await pilot.pause()

    assert snap_compare(paused_app(), terminal_size=size, run_before=run_before)


async def test_zero_view_on_digits_draws_the_logistic_slice_and_has_no_units():
    app = build_app(problem=ProblemSpec(dataset="digits"))
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(200)
        await pilot.press("z")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ZeroScreen)
        piece = one_weight_slice(app.session, screen.feature)
        assert not piece.quadratic
        text = caption(app)
        if piece.minimizer == 0.0:
            assert "catches the minimum, exactly 0" in text
        else:
            assert "not 0" in text
        assert screen.check_action("units", ()) is False
        await pilot.press("u")
        assert screen.factor == 1.0, "labels have no units to change"
        assert not caption(app).startswith("Target")
        for _ in range(5):
            await pilot.press("f")
        await pilot.press("2")
        await pilot.pause()
        assert caption(app).startswith("L2 along") and "others and intercept held" in caption(app)


@pytest.mark.parametrize(
    ("optimizer", "title"),
    [
        ("proximal", "prox(v)"),
        ("sgd-prox", "prox(v)"),
        ("subgradient", "Subgradient"),
        ("sgd", "Subgradient"),
        ("sgd-clip", "Clip"),
        ("sgd-cumulative", "Cumulative"),
        ("playground", "Playground"),
    ],
)
async def test_the_step_map_is_the_one_the_optimizer_applies(optimizer, title):
    app = paused_app(optimizer=optimizer)
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(40)
        await pilot.press("z")
        await pilot.pause()
        svg = app.export_screenshot()
        shown = "".join(html.unescape(text) for text in re.findall(r"<text[^>]*>(.*?)</text>", svg))
        assert title in shown.replace("\xa0", " ")


def separable_csv(tmp_path) -> ProblemSpec:
    """Feature a alone tells the classes apart: without a penalty its weight has no best value."""
    rows = ["a,b,c,y"]
    for i in range(40):
        label = i % 2
        rows.append(f"{2 * label - 1},{(i * 7 % 11) / 10},{(i * 5 % 13) / 10},{label}")
    path = tmp_path / "separable.csv"
    path.write_text("\n".join(rows) + "\n")
    return ProblemSpec(data=path, loss="logistic")


async def test_a_weight_with_no_minimum_along_it_is_drawn_not_crashed_on(tmp_path):
    app = build_app(problem=separable_csv(tmp_path), penalty="none", optimizer="fista")
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(300)
        await pilot.press("z")
        for _ in range(3):
            await pilot.pause()
            pieces = one_weight_slices(app.session)
            assert app.return_code is None, "the app is still running"
            await pilot.press("f")
        assert any(not np.isfinite(piece.minimizer) for piece in pieces)


@pytest.mark.parametrize("lr", [1e306, 1e308])
async def test_the_zero_view_survives_a_step_size_near_overflow(lr):
    app = paused_app(lr=lr)
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(1)
        await pilot.press("z")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert app.return_code is None
