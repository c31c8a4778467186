"""Lines rasterized onto terminal cells with numpy, as braille dots, one dot a cell, or ASCII.

Each marker gives a cell a grid of pixels (`PIXELS_PER_CELL`): a braille character is 2 x 4
dots, so a canvas of ``cols x rows`` cells has ``2 cols x 4 rows`` pixels; `"dot"` (``•``) and
`"ascii"` light whole cells, 1 x 1. Data map to pixels exactly as plotext maps them
(``floor(0.5 + (bins - 1) * (v - lo) / (hi - lo))`` with ``bins = cells * factor``, the factor
2 x 4 for braille and 1 x 1 for plotext's `"dot"` marker), so the lines sit on plotext's ticks.

Where lines cross, a braille cell shows the dots of all of them in the colour of the last one
drawn; a dot or ASCII cell shows the last line drawn through it. `"ascii"` picks a character by
the slope of the segment through the cell: ``-``, ``/``, ``\\`` or ``|``. It never uses ``_``,
which would show a weight resting on the zero line as sitting below it.
"""

from __future__ import annotations

from typing import NamedTuple, get_args

import numpy as np

from l1l2_tui.config import LineMarker

LINE_MARKERS: tuple[LineMarker, ...] = get_args(LineMarker)

PIXELS_PER_CELL: dict[LineMarker, tuple[int, int]] = {
    "braille": (2, 4),
    "dot": (1, 1),
    "ascii": (1, 1),
}
"""Pixels across and up one cell, as plotext's `marker_factor` gives them."""

BRAILLE_BASE = 0x2800
DOT_BITS = np.array([[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]], dtype=np.uint8)
"""``DOT_BITS[row_from_top, column]``: the Unicode bit of each dot in a braille cell."""
DOT = "•"
"""The `"dot"` marker, plotext's own."""

ASCII_FLAT = 0.4
"""A segment rising at most this many rows per column is drawn ``-``."""
ASCII_STEEP = 2.5
"""A segment rising more than this many rows per column is drawn ``|``; between, ``/`` or ``\\``.
A cell is about twice as high as wide, so these are about 40 and 80 degrees on screen."""


class CellCanvas(NamedTuple):
    """``codes[row, col]``: the code point drawn in each cell, 0 where nothing is (row 0 at the
    bottom), and ``owner[row, col]``, the index of the series drawn there (-1 where none is)."""

    codes: np.ndarray
    owner: np.ndarray

    def char(self, row: int, col: int) -> str:
        """The character of one cell (`""` where nothing is drawn)."""
        code = int(self.codes[row, col])
        return chr(code) if code else ""


def to_pixels(values: np.ndarray, low: float, high: float, bins: int) -> np.ndarray:
    """Data to pixel coordinates, as floats, with plotext's scaling (``low`` -> 0.5)."""
    span = high - low
    if bins <= 1 or span == 0:
        return np.zeros_like(values, dtype=float)
    return 0.5 + (bins - 1) * (values - low) / span


def rasterize(
    x: np.ndarray,
    ys: np.ndarray,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    cols: int,
    rows: int,
    marker: LineMarker = "braille",
) -> CellCanvas:
    """Draw each row of ``ys`` (series x points) against ``x`` as a connected line of
    ``marker`` on a canvas of ``cols x rows`` cells."""
    codes = np.zeros((rows, cols), dtype=np.int64)
    owner = np.full((rows, cols), -1, dtype=np.int64)
    if cols <= 0 or rows <= 0 or ys.size == 0:
        return CellCanvas(codes, owner)
    across, up = PIXELS_PER_CELL[marker]
    width, height = across * cols, up * rows
    px = to_pixels(np.asarray(x, dtype=float), *xlim, width)
    py = to_pixels(np.asarray(ys, dtype=float), *ylim, height)
    series, points_x, points_y, rise, run = _line_pixels(px, py)
    # Rounded first, as plotext does, so that 21.999999999 lands on pixel 22.
    col = np.floor(np.round(points_x, 8)).astype(np.int64)
    row = np.floor(np.round(points_y, 8)).astype(np.int64)
    inside = (col >= 0) & (col < width) & (row >= 0) & (row < height)
    series, col, row = series[inside], col[inside], row[inside]
    cell_row, cell_col = row // up, col // across
    if marker == "braille":
        bits = np.zeros((rows, cols), dtype=np.uint8)
        np.bitwise_or.at(bits, (cell_row, cell_col), DOT_BITS[3 - row % 4, col % 2])
        np.maximum.at(owner, (cell_row, cell_col), series)
        codes[bits > 0] = BRAILLE_BASE + bits[bits > 0].astype(np.int64)
        return CellCanvas(codes, owner)
    # Samples come series by series, each in order along its line: keep the last in each cell.
    cell = cell_row * cols + cell_col
    last = cell.size - 1 - np.unique(cell[::-1], return_index=True)[1]
    if marker == "ascii":
        sample_codes = _ascii_codes(rise[inside][last], run[inside][last])
    else:
        sample_codes = np.full(last.size, ord(DOT))
    codes.ravel()[cell[last]] = sample_codes
    owner.ravel()[cell[last]] = series[last]
    return CellCanvas(codes, owner)


def _ascii_codes(rise: np.ndarray, run: np.ndarray) -> np.ndarray:
    """``-``, ``/``, ``\\`` or ``|`` for segments rising ``rise`` cells over ``run`` cells."""
    steepness = np.abs(rise)
    diagonal = np.where(rise * run > 0, ord("/"), ord("\\"))
    return np.where(
        steepness <= ASCII_FLAT * np.abs(run),
        ord("-"),
        np.where(steepness > ASCII_STEEP * np.abs(run), ord("|"), diagonal),
    )


def _line_pixels(
    px: np.ndarray, py: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sample every segment of every series densely enough to touch each pixel it crosses.

    Returns ``(series index, x, y, rise, run)`` per sample, where ``rise`` and ``run`` are the
    sample's segment's extent in pixels up and across."""
    n_series, n_points = py.shape
    if n_points == 1:
        flat = np.zeros(n_series)
        return np.arange(n_series), np.repeat(px, n_series), py[:, 0], flat, flat
    x0 = np.broadcast_to(px[:-1], (n_series, n_points - 1))
    dx = np.broadcast_to(np.diff(px), (n_series, n_points - 1))
    y0, dy = py[:, :-1], np.diff(py, axis=1)
    finite = np.isfinite(y0) & np.isfinite(dy)
    samples = np.where(finite, np.ceil(np.maximum(np.abs(dx), np.abs(dy))), 0).astype(np.int64)
    samples = np.where(finite, samples + 1, 0).ravel()
    total = int(samples.sum())
    segment = np.repeat(np.arange(samples.size), samples)
    first = np.cumsum(samples) - samples
    step = np.arange(total) - first[segment]
    fraction = step / np.maximum(samples[segment] - 1, 1)
    run, rise = dx.ravel()[segment], dy.ravel()[segment]
    xs = x0.ravel()[segment] + fraction * run
    ys = y0.ravel()[segment] + fraction * rise
    return segment // (n_points - 1), xs, ys, rise, run
