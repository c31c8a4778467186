"""The weight image: each weight drawn at its pixel, sign by hue, exact zeros marked; in
characters without colour or with ``--marker ascii``; on the main screen and in compare."""

from __future__ import annotations

import numpy as np
import pytest
from apps import WidgetHost, build_app
from rich.color import Color

from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.views.main.weight_bars import WeightBars
from l1l2_tui.widgets.status_line import status_text
from l1l2_tui.widgets.trajectories import WeightTrajectoryPlot
from l1l2_tui.widgets.weight_image import (
    ASCII_PIXELS,
    NEGATIVE,
    POSITIVE,
    UNICODE_PIXELS,
    WeightImage,
    pixel_color,
    pixel_size,
    pixel_text,
)

DIGITS = ProblemSpec(dataset="digits")
WIDTH, HEIGHT = 40, 20
"""Room for 4 x 2 cells a pixel: the image's 32 x 16, its title and its legend."""


def digits_session(penalty: str = "l1", steps: int = 300) -> Session:
    session = Session(build_problem(DIGITS), Settings(penalty=penalty))
    session.step(steps)
    return session


async def drawn_cells(
    session: Session, marker: LineMarker = "braille", size: tuple[int, int] = (WIDTH, HEIGHT)
) -> list[list[tuple[str, Color | None]]]:
    """Every cell of the image as (character, background colour), row by row; a background
    that is the widget's own is ``None``."""
    image = WeightImage(marker=marker)
    async with WidgetHost(image).run_test(size=size) as pilot:
        image.show(session)
        await pilot.pause()
        own = image.rich_style.bgcolor
        rows = []
        for y in range(image.size.height):
            cells = []
            for segment in image.render_line(y):
                background = segment.style.bgcolor if segment.style else None
                cells += [
                    (char, None if background == own else background) for char in segment.text
                ]
            rows.append(cells)
        return rows


def pixel(rows: list[list[tuple[str, Color | None]]], r: int, c: int) -> list[tuple[str, Color]]:
    """The first row of cells of pixel (r, c) at 4 x 2 cells a pixel (row 0 is the title)."""
    return rows[1 + 2 * r][4 * c : 4 * c + 4]


def test_a_pixel_is_twice_as_wide_as_high_and_as_large_as_fits():
    assert pixel_size((8, 8), 40, 20) == (4, 2)
    assert pixel_size((8, 8), 24, 20) == (2, 1)
    assert pixel_size((8, 8), 40, 12) == (2, 1), "the height decides too"
    assert pixel_size((8, 8), 10, 5) == (1, 1), "one cell a pixel, cropped"
    assert pixel_size((28, 28), 38, 35) == (1, 1), "a large image: one cell a pixel"
    assert pixel_size((8, 8), 200, 100) == (4, 2), "at most 2 rows a pixel"


async def test_the_zero_mark_is_at_the_zero_weights_and_only_there():
    session = digits_session("l1")
    weights = session.weights.reshape(8, 8)
    assert 0 < np.count_nonzero(weights == 0.0) < 64
    rows = await drawn_cells(session)
    for r in range(8):
        for c in range(8):
            text = "".join(char for char, _ in pixel(rows, r, c))
            assert (UNICODE_PIXELS.zero in text) == (weights[r, c] == 0.0), (r, c, text)


async def test_the_hue_is_the_sign_and_a_zero_has_no_colour():
    session = digits_session("l2")
    weights = session.weights.reshape(8, 8)
    assert (weights > 0).any() and (weights < 0).any()
    rows = await drawn_cells(session)
    for r in range(8):
        for c in range(8):
            backgrounds = {background for _, background in pixel(rows, r, c)}
            assert len(backgrounds) == 1, "a pixel is one colour"
            background = backgrounds.pop()
            if weights[r, c] == 0.0:
                assert background is None, "the widget's own background: no hue"
                continue
            red, _, blue = background.get_truecolor()
            if weights[r, c] > 0:
                assert red > blue, (r, c)
            else:
                assert blue > red, (r, c)


def test_a_larger_weight_is_a_stronger_colour():
    weak, strong = pixel_color(0.1, 1.0), pixel_color(0.9, 1.0)
    assert all(abs(s - p) < abs(w - p) for w, s, p in zip(weak, strong, POSITIVE, strict=True))
    assert pixel_color(-1.0, 1.0) == NEGATIVE
    assert pixel_color(5.0, 1.0) == POSITIVE, "beyond the scale: the full hue"
    inf = float("inf")
    assert pixel_color(inf, inf) == POSITIVE, "an overflowed weight: full strength, no error"
    assert pixel_text(float("nan"), 1.0, 2, ASCII_PIXELS)[1] == "#"


@pytest.mark.parametrize("glyphs", [UNICODE_PIXELS, ASCII_PIXELS])
def test_without_colour_a_pixel_is_its_sign_and_a_glyph_by_size(glyphs):
    assert pixel_text(0.0, 1.0, 4, glyphs).strip() == glyphs.zero
    assert pixel_text(0.01, 1.0, 4, glyphs) == glyphs.plus + glyphs.ramp[0] * 3
    assert pixel_text(-1.0, 1.0, 2, glyphs) == glyphs.minus + glyphs.ramp[-1]
    ramp = [pixel_text(size, 1.0, 2, glyphs)[1] for size in (0.1, 0.3, 0.6, 0.9)]
    assert ramp == list(glyphs.ramp)
    assert glyphs.zero not in glyphs.ramp + glyphs.plus + glyphs.minus


async def test_the_ascii_image_is_plain_ascii_with_signs_and_zero_marks():
    session = digits_session("l1")
    weights = session.weights.reshape(8, 8)
    rows = await drawn_cells(session, "ascii")
    text = "\n".join("".join(char for char, _ in row) for row in rows)
    assert text.isascii()
    assert all(background is None for row in rows for _, background in row[:32])
    largest = np.unravel_index(np.argmax(np.abs(weights)), weights.shape)
    assert "".join(char for char, _ in pixel(rows, *largest))[1] == "#"
    for r in range(8):
        for c in range(8):
            first = "".join(char for char, _ in pixel(rows, r, c))
            w = weights[r, c]
            expected = "." if w == 0 else "+" if w > 0 else "-"
            assert first.strip()[0] == expected, (r, c, first)


async def test_under_no_color_the_image_is_drawn_in_characters(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    session = digits_session("l2")
    weights = session.weights.reshape(8, 8)
    rows = await drawn_cells(session)
    signs = {"+": 1, "−": -1, UNICODE_PIXELS.zero: 0}
    for r in range(8):
        for c in range(8):
            first = "".join(char for char, _ in pixel(rows, r, c)).strip()
            assert signs[first[0]] == np.sign(weights[r, c]), (r, c, first)


async def test_the_title_counts_the_zeros_and_the_blank_pixels():
    rows = await drawn_cells(digits_session("l2"))
    title = "".join(char for char, _ in rows[0])
    assert "zeros 3/64, all 3 blank pixels" in title
    rows = await drawn_cells(digits_session("l1"))
    title = "".join(char for char, _ in rows[0])
    assert ", 3 of them blank pixels" in title


async def test_a_given_scale_holds_whatever_the_weights():
    image = WeightImage()
    session = digits_session("l2")
    async with WidgetHost(image).run_test(size=(WIDTH, HEIGHT)) as pilot:
        image.show(session, 10.0)
        await pilot.pause()
        assert image.scale == 10.0
        image.show(session)
        assert image.scale == pytest.approx(np.abs(session.weights).max())


# -- the screens ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("size", "cell"), [((120, 40), (4, 2)), ((80, 24), (2, 1))])
async def test_the_main_screen_draws_the_image_above_the_bars(size, cell):
    app = build_app(problem=DIGITS)
    async with app.run_test(size=size) as pilot:
        app.session.step(100)
        await pilot.press("n")
        await pilot.pause()
        image = app.screen.query_one(WeightImage)
        bars = app.screen.query_one(WeightBars)
        wide, high = cell
        assert image.content_size.width >= 8 * wide
        assert image.content_size.height == 8 * high + 2, "the image, its title and legend"
        assert image.region.bottom <= bars.region.y, "above the bars, not over them"
        assert bars.region.height >= 5, "the bars keep room for the largest weights"
        trajectories = app.screen.query_one(WeightTrajectoryPlot).region
        assert not trajectories.overlaps(image.region)


async def test_without_an_image_the_main_screen_has_no_image_panel():
    app = build_app()
    async with app.run_test(size=(120, 40)):
        assert not app.screen.query(WeightImage)


@pytest.mark.slow
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_compare_puts_l1s_sparse_digit_beside_l2s_dense_one(size):
    app = build_app(problem=DIGITS)
    async with app.run_test(size=size) as pilot:
        await pilot.press("c")
        app.screen.advance(299)
        await pilot.press("n")
        await pilot.pause()
        left = app.screen.query_one("#left-image", WeightImage)
        right = app.screen.query_one("#right-image", WeightImage)
        assert left.region.right <= right.region.x
        assert left.scale == right.scale, "one colour scale for both sides"
        sides = app.screen.comparison.sessions
        assert sides[0].zeros > 40 and sides[1].zeros == 3
        for side in ("left", "right"):
            plot = app.screen.query_one(f"#{side}-trajectories", WeightTrajectoryPlot)
            assert plot.region.height >= 6, "the trajectories keep room below the image"


@pytest.mark.parametrize("size", [(1, 1), (20, 8), (59, 19), (60, 20), (61, 30)])
async def test_tiny_terminals_draw_or_say_too_small_with_the_image(size):
    app = build_app(problem=DIGITS, autoplay=True)
    async with app.run_test(size=size) as pilot:
        for key in ("c", "c"):
            app.screen.advance(5)
            app.screen.redraw()
            await pilot.pause()
            await pilot.press(key)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.screen.query_one(WeightImage).content_size.height == 18, "whole again"
        assert app.return_code is None


@pytest.mark.parametrize("width", [120, 80, 60])
def test_the_status_line_says_how_many_zeros_are_blank_where_it_has_room(width):
    text = status_text(digits_session("l2", 10), playing=False, speed=1, width=width)
    assert text.cell_len <= width
    assert "zeros 3/64" in text.plain
    assert ("zeros 3/64 (3 blank)" in text.plain) == (width >= 120)


async def test_at_step_zero_every_pixel_is_marked_and_the_legend_says_only_that():
    session = Session(build_problem(DIGITS), Settings(penalty="l1"))
    rows = await drawn_cells(session)
    text = ["".join(char for char, _ in row) for row in rows]
    assert all(text[1 + 2 * r].count(UNICODE_PIXELS.zero) == 8 for r in range(8))
    assert text[17].strip() == f"{UNICODE_PIXELS.zero} exactly 0"
