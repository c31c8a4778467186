"""The p dial in the app: its keys move p on the grid of tenths and snap it to 1 and 2 exactly,
the captions are the engine's claims, and the pictures draw the jump and the star where their
axes say."""

from __future__ import annotations

import re

import numpy as np
from apps import build_app
from test_plot_cells import Cells, is_braille, painted, tick_row

from l1l2_tui.app import L1L2App
from l1l2_tui.engine.claims.main import JumpingProx, StartMatters, run_claims
from l1l2_tui.rendering.palette import app_palette
from l1l2_tui.views.main.words import narrate_main


async def test_the_keys_turn_p_and_snap_it():
    app = build_app(lam=0.32)
    async with app.run_test(size=(120, 40)) as pilot:
        settings = lambda: (app.session.settings.penalty, app.session.settings.p)  # noqa: E731
        await pilot.press("3")
        assert settings() == ("lp", 0.9), "from L1, p = 1, one step down"
        for _ in range(8):
            await pilot.press("3")
        assert settings() == ("lp", 0.1)
        await pilot.press("3")
        assert app.session.settings.penalty == "l0", "below the smallest step: L0"
        await pilot.press("4")
        assert settings() == ("lp", 0.1)
        for _ in range(9):
            await pilot.press("4")
        assert settings() == ("lp", 1.0) and app.session.penalty.label == "L1"
        assert app.session.settings.p == 1.0, "exactly 1 after ten steps of 0.1"
        await pilot.press("backslash")
        assert settings() == ("lp", 2.0)
        await pilot.press("4")
        assert settings() == ("lp", 2.0), "p stops at 2"
        await pilot.press("vertical_line")
        assert settings() == ("lp", 1.0)
        await pilot.press("2", "3")
        assert settings() == ("lp", 1.9), "from L2, p = 2"
        keys = {b.key for _, bindings in app.key_sections() for b in bindings}
        assert {"3", "4", "vertical_line", "backslash"} <= keys, "the help lists the dial"


async def test_the_main_caption_is_the_claim_with_the_run_s_numbers():
    app = build_app(lam=0.32, penalty="lp", p=0.5)
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(300)
        await pilot.press("n")
        await pilot.pause()
        caption = app.screen.narration()
        assert caption == narrate_main(app.session)
        start, jumping = run_claims(app.session)
        assert isinstance(start, StartMatters) and isinstance(jumping, JumpingProx)
        assert f"w = 0 end at {start.from_zero}/10 zeros" in caption
        assert f"{start.objective_from_zero:.4g}" in caption
        assert f"L2's end at {start.from_l2}/10" in caption
        assert f"this run {np.count_nonzero(app.session.weights == 0.0)}/10." in caption
        await pilot.press("backslash")
        await pilot.press("n")
        assert app.screen.narration().startswith("L2: 0/10 weights at exactly 0")


def row_values(cells: Cells) -> tuple[float, float]:
    """``(value of row 0's centre, value per row)`` from the y ticks."""
    ticks = []
    for row, line in enumerate(cells):
        match = re.match(r"\s*(-?[\d.]+)[┤├┼]", "".join(char for char, _ in line))
        if match:
            ticks.append((row, float(match.group(1))))
    (r0, v0), (r1, v1) = ticks[0], ticks[-1]
    per_row = (v1 - v0) / (r1 - r0)
    return v0 - r0 * per_row, per_row


async def view_at_half(key: str, widget: str) -> tuple[L1L2App, Cells, str]:
    """The app under p = 0.5 after 200 steps and one more, with the view ``key`` open: the
    app, the cells of its widget ``widget`` and the view's caption."""
    app = build_app(lam=0.32, penalty="lp", p=0.5)
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(200)
        await pilot.press("n", key)
        await pilot.pause()
        return app, painted(app.screen.query_one(widget)), app.screen.narration()


async def test_the_step_map_draws_the_dead_zone_flat_and_the_jump():
    """At p = 0.5 the prox line lies on the zero row across the dead zone, and its first cells
    past the zone's edges sit at least the jump away from 0 (a cell's rounding aside)."""
    app, cells, _ = await view_at_half("z", "#step-map")
    zero = tick_row(cells, 0.0)
    line_color = app_palette(app).objective
    drawn: dict[int, set[int]] = {}
    for row, line in enumerate(cells):
        for col, (char, rgb) in enumerate(line):
            if is_braille(char) and rgb == line_color:
                drawn.setdefault(col, set()).add(row)
    marker = app_palette(app).marker
    edges = [
        col
        for col in range(len(cells[0]))
        if sum(line[col] == ("│", marker) for line in cells) > len(cells) // 2
    ]
    assert len(edges) == 2, "the dead zone's two edges"
    inside = [col for col in drawn if edges[0] < col < edges[1]]
    assert inside and all(drawn[col] <= {zero} for col in inside), "flat on the zero line"
    top, per_row = row_values(cells)
    jump = app.session.penalty.jump(app.session.next_lr())
    outside = [max(c for c in drawn if c < edges[0]), min(c for c in drawn if c > edges[1])]
    for col in outside:
        far = max(abs(top + row * per_row) for row in drawn[col])
        assert far >= jump - abs(per_row), (col, far, jump)


async def test_the_geometry_draws_the_star_with_its_tips_on_the_axes():
    app, cells, caption = await view_at_half("g", "#plane")
    zero = tick_row(cells, 0.0)
    penalty_color = app_palette(app).penalty
    rows = {
        row
        for row, line in enumerate(cells)
        for char, rgb in line
        if is_braille(char) and rgb == penalty_color
    }
    assert zero in rows, "the star's tips lie on the horizontal axis"
    assert "star" in caption
