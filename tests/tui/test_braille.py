"""The numpy line rasterizer, for each marker, against a brute-force drawing; points placed by an
axis land in the cell and dot it names; envelopes keep every column's extremes."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plotext import _utility as plotext_utility

from l1l2_tui.rendering.axis import value_axis
from l1l2_tui.rendering.braille import (
    BRAILLE_BASE,
    DOT,
    DOT_BITS,
    LINE_MARKERS,
    PIXELS_PER_CELL,
    CellCanvas,
    LineMarker,
    envelope_polyline,
    rasterize,
)

PLOTEXT_MARKER = {"braille": "braille", "dot": "dot", "ascii": "*"}
"""The plotext marker each of ours stands for (a one-character marker is plotext's 1 x 1)."""


def plotext_pixel(value: float, low: float, high: float, bins: int) -> int:
    """plotext 5's `get_matrix_data` for one value."""
    return plotext_utility.get_matrix_data([value], (low, high), bins)[0]


def positions(values: object, low: float, high: float, bins: int) -> np.ndarray:
    """plotext's mapping to pixels (``low`` and ``high`` at the first and last pixel's
    centre), before the floor."""
    return 0.5 + (bins - 1) * (np.asarray(values, dtype=float) - low) / (high - low)


def draw(
    x: np.ndarray,
    ys: np.ndarray,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    cols: int,
    rows: int,
    marker: LineMarker = "braille",
) -> CellCanvas:
    """`rasterize` on data mapped to pixels as plotext maps them."""
    across, up = PIXELS_PER_CELL[marker]
    px, py = positions(x, *xlim, across * cols), positions(ys, *ylim, up * rows)
    return rasterize(px, py, cols, rows, marker)


def braille_bits(canvas: CellCanvas) -> np.ndarray:
    return np.where(canvas.codes > 0, canvas.codes - BRAILLE_BASE, 0)


def test_a_flat_line_at_the_bottom_lights_the_lowest_dots_of_the_bottom_row():
    canvas = draw(np.array([0.0, 9.0]), np.array([[0.0, 0.0]]), (0, 9), (0, 1), 5, 3)
    bottom_dots = int(DOT_BITS[3, 0] | DOT_BITS[3, 1])
    bits = braille_bits(canvas)
    assert (bits[0] == bottom_dots).all()
    assert not bits[1:].any()
    assert canvas.char(0, 0) == chr(BRAILLE_BASE + bottom_dots) == "⣀"


def test_the_last_series_owns_a_shared_cell_and_dots_combine():
    x = np.array([0.0, 1.0])
    ys = np.array([[0.0, 0.0], [1.0, 1.0]])
    canvas = draw(x, ys, (0, 1), (0, 1), 1, 1)
    assert braille_bits(canvas)[0, 0] == 0xFF ^ int(DOT_BITS[1:3].sum())
    assert canvas.owner[0, 0] == 1


@pytest.mark.parametrize("marker", ["dot", "ascii"])
def test_a_one_by_one_marker_shows_the_last_series_in_a_shared_cell(marker: LineMarker):
    x = np.array([0.0, 1.0])
    ys = np.array([[0.0, 1.0], [1.0, 1.0]])
    canvas = draw(x, ys, (0, 1), (0, 1), 2, 2, marker)
    assert canvas.owner[1, 1] == 1
    assert canvas.owner[0, 0] == 0
    if marker == "ascii":
        assert canvas.char(1, 1) == "-"


def test_points_outside_the_limits_are_dropped_and_nan_breaks_a_line():
    x = np.arange(4.0)
    canvas = draw(x, np.array([[0.5, 5.0, np.nan, 0.5]]), (0, 3), (0, 1), 4, 2)
    assert canvas.codes.any()
    assert (canvas.owner[canvas.codes > 0] == 0).all()


STRAIGHT_LINES = {
    # name: (x, y, the ASCII character); on 5 x 5 cells with both limits (0, 4).
    "flat": ([0.0, 4.0], [2.0, 2.0], "-"),
    "rising": ([0.0, 4.0], [0.0, 4.0], "/"),
    "falling": ([0.0, 4.0], [4.0, 0.0], "\\"),
    "vertical": ([2.0, 2.0], [0.0, 4.0], "|"),
}


@pytest.mark.parametrize("marker", ["dot", "ascii"])
@pytest.mark.parametrize("line", STRAIGHT_LINES)
def test_a_straight_line_fills_exactly_its_cells_with_the_markers_character(
    marker: LineMarker, line: str
):
    """With one pixel a cell, value ``v`` on limits (0, 4) and 5 cells lands in cell ``v``."""
    x, y, ascii_char = STRAIGHT_LINES[line]
    canvas = draw(np.array(x), np.array([y]), (0, 4), (0, 4), 5, 5, marker)
    t = np.linspace(0, 1, 50)
    expected = {(round(y[0] + s * (y[1] - y[0])), round(x[0] + s * (x[1] - x[0]))) for s in t}
    lit = {(int(r), int(c)) for r, c in zip(*np.nonzero(canvas.codes), strict=True)}
    assert lit == expected
    chars = {canvas.char(r, c) for r, c in lit}
    assert chars == {ascii_char if marker == "ascii" else DOT}


def test_a_zigzag_in_ascii_uses_the_slope_of_each_stretch():
    x = np.array([0.0, 4.0, 8.0, 8.5, 12.0])
    y = np.array([0.0, 4.0, 0.0, 0.0, 0.0])
    canvas = draw(x, y[None, :], (0, 12), (0, 4), 13, 5, "ascii")
    assert [canvas.char(k, k) for k in range(1, 4)] == ["/"] * 3
    assert [canvas.char(k, 8 - k) for k in range(1, 4)] == ["\\"] * 3
    assert [canvas.char(0, c) for c in range(9, 13)] == ["-"] * 4


@settings(max_examples=60, deadline=None)
@given(
    marker=st.sampled_from(LINE_MARKERS),
    value=st.floats(-3, 3),
    rows=st.integers(2, 20),
)
def test_a_point_lands_in_the_cell_and_dot_its_axis_names(marker, value, rows):
    """The axis that places the ticks places the dots: a value is drawn in the row whose tick
    range holds it, at the dot its position names; an exact 0 on the zero line's row."""
    up = PIXELS_PER_CELL[marker][1]
    axis = value_axis(-3.0, 3.5, rows)
    py = axis.position(np.array([[value, value], [0.0, 0.0]])) * up
    canvas = rasterize(np.array([0.5, 1.5]), py, 2, rows, marker)
    assert canvas.codes[axis.cell(value), 0]
    assert canvas.codes[axis.cell(0.0), 0]
    zero_tick = next(
        t for t, label in zip(axis.ticks, axis.labels, strict=True) if float(label) == 0
    )
    assert axis.cell(zero_tick) == axis.cell(0.0)
    if marker == "braille":
        dot = math.floor(axis.position(value) * 4) % 4
        assert braille_bits(canvas)[axis.cell(value), 0] & DOT_BITS[3 - dot, 0]
        # 0 sits between the two middle dots: an exact 0 lights the upper one.
        zero_bits = braille_bits(canvas)[axis.cell(0.0), 0]
        assert zero_bits & DOT_BITS[1, 0]


def test_an_envelope_draws_both_signs_of_a_series_that_jumps_every_step():
    """5000 steps of +1, -1, +1, ... on 20 columns: every column is lit above and below 0."""
    steps = np.arange(5000.0)
    values = np.where(steps % 2 == 1, 1.0, -1.0)[None, :]
    axis = value_axis(-1.5, 1.5, 6)
    px = positions(steps, 0, 4999, 40)
    x, y = envelope_polyline(px, axis.position(values) * 4, axis.position(values) * 4)
    canvas = rasterize(x, y, 20, 6)
    for col in range(20):
        lit_rows = set(np.flatnonzero(canvas.codes[:, col]))
        assert axis.cell(1.0) in lit_rows and axis.cell(-1.0) in lit_rows, col


def test_an_envelope_of_a_steady_line_is_the_line():
    steps = np.arange(300.0)
    values = (steps / 300.0)[None, :]
    px, py = positions(steps, 0, 299, 40), positions(values, 0, 1, 32)
    x, y = envelope_polyline(px, py, py)
    envelope = rasterize(x, y, 20, 8)
    line = rasterize(px, py, 20, 8)
    np.testing.assert_array_equal(envelope.codes != 0, line.codes != 0)


def lit_pixels(canvas: CellCanvas, marker: LineMarker) -> set[tuple[int, int]]:
    """The (x, y) pixels, y from the bottom, that are lit."""
    pixels = set()
    for row, col in zip(*np.nonzero(canvas.codes), strict=True):
        if marker != "braille":
            pixels.add((int(col), int(row)))
            continue
        bits = int(canvas.codes[row, col]) - BRAILLE_BASE
        for dot_row in range(4):
            for dot_col in range(2):
                if bits & DOT_BITS[dot_row, dot_col]:
                    pixels.add((2 * col + dot_col, 4 * row + 3 - dot_row))
    return pixels


def near(pixel: tuple[int, int], others: set[tuple[int, int]]) -> bool:
    x, y = pixel
    return any((x + dx, y + dy) in others for dx in (-1, 0, 1) for dy in (-1, 0, 1))


@settings(max_examples=90, deadline=None)
@given(
    marker=st.sampled_from(LINE_MARKERS),
    ys=st.lists(st.floats(-5, 5, allow_nan=False), min_size=2, max_size=12),
    cols=st.integers(2, 30),
    rows=st.integers(2, 12),
)
def test_lines_have_no_gaps_no_stray_pixels_and_only_the_markers_characters(marker, ys, cols, rows):
    """Against the ideal line sampled 400 times a segment: every pixel it crosses has a lit
    pixel next to it, and every lit pixel has the line next to it (one pixel of rounding)."""
    x = np.arange(len(ys), dtype=float)
    low, high = min(ys) - 0.1, max(ys) + 0.1
    canvas = draw(x, np.array([ys]), (0.0, float(len(ys) - 1)), (low, high), cols, rows, marker)
    across, up = PIXELS_PER_CELL[marker]
    width, height = across * cols, up * rows
    ideal = set()
    for i in range(len(ys) - 1):
        for t in np.linspace(0, 1, 400):
            xi = 0.5 + (width - 1) * (i + t) / (len(ys) - 1)
            yi = 0.5 + (height - 1) * (ys[i] + t * (ys[i + 1] - ys[i]) - low) / (high - low)
            ideal.add((math.floor(xi), math.floor(yi)))
    lit = lit_pixels(canvas, marker)
    assert all(near(pixel, lit) for pixel in ideal)
    assert all(near(pixel, ideal) for pixel in lit)
    first = (plotext_pixel(0.0, 0.0, len(ys) - 1.0, width), plotext_pixel(ys[0], low, high, height))
    assert first in lit
    chars = {canvas.char(r, c) for r, c in zip(*np.nonzero(canvas.codes), strict=True)}
    allowed = {
        "braille": {chr(BRAILLE_BASE + bits) for bits in range(1, 256)},
        "dot": {DOT},
        "ascii": set("-/\\|"),
    }[marker]
    assert chars <= allowed
