"""The numpy braille rasterizer against a brute-force drawing and plotext's pixel mapping."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.widgets.braille import BRAILLE_BASE, DOT_BITS, rasterize


def plotext_pixel(value: float, low: float, high: float, bins: int) -> int:
    """plotext 5's `get_matrix_data` for one value."""
    return math.floor(round(0.5 + (bins - 1) * (value - low) / (high - low), 8))


def test_a_flat_line_at_the_bottom_lights_the_lowest_dots_of_the_bottom_row():
    canvas = rasterize(np.array([0.0, 9.0]), np.array([[0.0, 0.0]]), (0, 9), (0, 1), 5, 3)
    bottom_dots = int(DOT_BITS[3, 0] | DOT_BITS[3, 1])
    assert (canvas.bits[0] == bottom_dots).all()
    assert not canvas.bits[1:].any()
    assert canvas.char(0, 0) == chr(BRAILLE_BASE + bottom_dots) == "⣀"


def test_the_last_series_owns_a_shared_cell_and_dots_combine():
    x = np.array([0.0, 1.0])
    ys = np.array([[0.0, 0.0], [1.0, 1.0]])
    canvas = rasterize(x, ys, (0, 1), (0, 1), 1, 1)
    assert canvas.bits[0, 0] == 0xFF ^ int(DOT_BITS[1:3].sum())
    assert canvas.owner[0, 0] == 1


def test_points_outside_the_limits_are_dropped_and_nan_breaks_a_line():
    x = np.arange(4.0)
    canvas = rasterize(x, np.array([[0.5, 5.0, np.nan, 0.5]]), (0, 3), (0, 1), 4, 2)
    assert canvas.bits.any()
    assert (canvas.owner[canvas.bits > 0] == 0).all()


def lit_pixels(bits: np.ndarray) -> set[tuple[int, int]]:
    """The (x, y) pixels, y from the bottom, whose dots are set."""
    pixels = set()
    for row, col in zip(*np.nonzero(bits), strict=True):
        for dot_row in range(4):
            for dot_col in range(2):
                if bits[row, col] & DOT_BITS[dot_row, dot_col]:
                    pixels.add((2 * col + dot_col, 4 * row + 3 - dot_row))
    return pixels


def near(pixel: tuple[int, int], others: set[tuple[int, int]]) -> bool:
    x, y = pixel
    return any((x + dx, y + dy) in others for dx in (-1, 0, 1) for dy in (-1, 0, 1))


@settings(max_examples=60, deadline=None)
@given(
    ys=st.lists(st.floats(-5, 5, allow_nan=False), min_size=2, max_size=12),
    cols=st.integers(2, 30),
    rows=st.integers(2, 12),
)
def test_lines_have_no_gaps_and_no_stray_dots(ys, cols, rows):
    """Against the ideal line sampled 400 times a segment: every pixel it crosses has a lit
    pixel next to it, and every lit pixel has the line next to it (one pixel of rounding)."""
    x = np.arange(len(ys), dtype=float)
    low, high = min(ys) - 0.1, max(ys) + 0.1
    canvas = rasterize(x, np.array([ys]), (0.0, float(len(ys) - 1)), (low, high), cols, rows)
    width, height = 2 * cols, 4 * rows
    ideal = set()
    for i in range(len(ys) - 1):
        for t in np.linspace(0, 1, 400):
            xi = 0.5 + (width - 1) * (i + t) / (len(ys) - 1)
            yi = 0.5 + (height - 1) * (ys[i] + t * (ys[i + 1] - ys[i]) - low) / (high - low)
            ideal.add((math.floor(xi), math.floor(yi)))
    lit = lit_pixels(canvas.bits)
    assert all(near(pixel, lit) for pixel in ideal)
    assert all(near(pixel, ideal) for pixel in lit)
    first = (plotext_pixel(0.0, 0.0, len(ys) - 1.0, width), plotext_pixel(ys[0], low, high, height))
    assert first in lit
