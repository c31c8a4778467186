"""Lines rasterized onto terminal cells with numpy, as braille dots, one dot a cell, or ASCII.

Each marker gives a cell a grid of pixels (`PIXELS_PER_CELL`): a braille character is 2 x 4
dots, so a canvas of ``cols x rows`` cells has ``2 cols x 4 rows`` pixels; `"dot"` (``•``) and
`"ascii"` light whole cells, 1 x 1. Data map to pixels through the plot's axes
(:class:`l1l2_tui.rendering.axis.Axis`), the same mapping that places its ticks, reference lines
and texts, so a dot is always in the cell whose tick range holds its value.

A series over many more steps than the plot has pixel columns is drawn as its envelope
(:func:`envelope_polyline`): each column shows everything the series did within it, from its
lowest to its highest value, so a weight that jumps across 0 every step is drawn on both sides
of 0 at any zoom.

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


DASHES = ((1,), (1, 1, 1, 0, 0), (1, 0, 0))
"""Solid, dashed and dotted: which pixels of each period along a line it lights, for lines
told apart without colour."""


def rasterize(
    px: np.ndarray,
    py: np.ndarray,
    cols: int,
    rows: int,
    marker: LineMarker = "braille",
    first_dash: int | None = None,
) -> CellCanvas:
    """Draw each row of ``py`` (series x points, in pixels up) against ``px`` (pixels across)
    as a connected line of ``marker`` on a canvas of ``cols x rows`` cells; pixel ``k`` spans
    ``[k, k + 1)``. With ``first_dash``, series ``i`` is drawn in the dash
    ``DASHES[(first_dash + i) % 3]``."""
    codes = np.zeros((rows, cols), dtype=np.int64)
    owner = np.full((rows, cols), -1, dtype=np.int64)
    if cols <= 0 or rows <= 0 or py.size == 0:
        return CellCanvas(codes, owner)
    across, up = PIXELS_PER_CELL[marker]
    width, height = across * cols, up * rows
    series, points_x, points_y, rise, run = _line_pixels(
        np.asarray(px, dtype=float), np.asarray(py, dtype=float), width, height
    )
    along = np.arange(series.size) - np.searchsorted(series, series)  # samples about 1 px apart
    # Rounded first, so that a sample at 21.999999999 (an endpoint after float error) lands on
    # pixel 22.
    col = np.floor(np.round(points_x, 8)).astype(np.int64)
    row = np.floor(np.round(points_y, 8)).astype(np.int64)
    inside = (col >= 0) & (col < width) & (row >= 0) & (row < height)
    if first_dash is not None:
        for index, dash in enumerate(DASHES):
            on = np.array(dash, dtype=bool)[along % len(dash)]
            inside &= on | ((first_dash + series) % len(DASHES) != index)
    series, col, row = series[inside], col[inside], row[inside]
    cell_row, cell_col = row // up, col // across
    # Samples come series by series, each in order along its line: keep the last in each cell.
    cell = cell_row * cols + cell_col
    last = cell.size - 1 - np.unique(cell[::-1], return_index=True)[1]
    if marker == "braille":
        # Each cell's dots, each counted once: their sum is their union.
        dots = np.unique(cell * 8 + (3 - row % 4) * 2 + col % 2)
        bits = np.bincount(dots // 8, DOT_BITS.ravel()[dots % 8], rows * cols).astype(np.int64)
        lit = bits > 0
        codes.ravel()[lit] = BRAILLE_BASE + bits[lit]
        owner.ravel()[cell[last]] = series[last]
        return CellCanvas(codes, owner)
    if marker == "ascii":
        sample_codes = _ascii_codes(rise[inside][last], run[inside][last])
    else:
        sample_codes = np.full(last.size, ord(DOT))
    codes.ravel()[cell[last]] = sample_codes
    owner.ravel()[cell[last]] = series[last]
    return CellCanvas(codes, owner)


def envelope_polyline(
    px: np.ndarray, low: np.ndarray, high: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A polyline per series that draws, in each pixel column, every pixel from the lowest to
    the highest value the series took there, and joins neighbouring columns at their nearest
    ends (M4 aggregation without first and last, Jugel et al., VLDB 2014).

    ``px`` (points, in pixels across, increasing) is shared by the series; ``low`` and
    ``high`` (series x points, in pixels up) are each point's lowest and highest value (equal
    for a single step). Returns ``(x, y)`` for :func:`rasterize`: four points a column."""
    column = np.floor(np.asarray(px, dtype=float))
    starts = np.flatnonzero(np.r_[True, column[1:] != column[:-1]])
    lo = np.minimum.reduceat(low, starts, axis=1)
    hi = np.maximum.reduceat(high, starts, axis=1)
    # Where neighbouring columns do not overlap, leave one at its end nearest the other and
    # enter the other at its end nearest the first; where they overlap, cross level.
    below, above = hi[:, 1:] < lo[:, :-1], lo[:, 1:] > hi[:, :-1]
    level = np.maximum(lo[:, :-1], lo[:, 1:])
    leave = np.where(below, lo[:, :-1], np.where(above, hi[:, :-1], level))
    enter = np.where(below, hi[:, 1:], np.where(above, lo[:, 1:], level))
    entry = np.concatenate([lo[:, :1], enter], axis=1)
    exit_ = np.concatenate([leave, hi[:, -1:]], axis=1)
    y = np.stack([entry, lo, hi, exit_], axis=2).reshape(len(low), -1)
    x = np.repeat(column[starts] + 0.5, 4)
    return x, y


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
    px: np.ndarray, py: np.ndarray, width: int, height: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sample every segment of every series densely enough to touch each pixel it crosses,
    each segment first cut to the canvas (a pixel of margin around it).

    Returns ``(series index, x, y, rise, run)`` per sample, where ``rise`` and ``run`` are the
    sample's segment's extent in pixels up and across."""
    n_series, n_points = py.shape
    if n_points == 1:
        flat = np.zeros(n_series)
        return np.arange(n_series), np.repeat(px, n_series), py[:, 0], flat, flat
    x0 = np.broadcast_to(px[:-1], (n_series, n_points - 1))
    dx = np.broadcast_to(np.diff(px), (n_series, n_points - 1))
    y0, dy = py[:, :-1], np.diff(py, axis=1)
    finite = np.isfinite(y0) & np.isfinite(dy) & np.isfinite(x0) & np.isfinite(dx)
    x0, dx, y0, dy = (np.where(finite, a, 0.0) for a in (x0, dx, y0, dy))
    start, end = _clip(x0, dx, y0, dy, width, height)
    finite &= start <= end
    cx0, cy0 = x0 + start * dx, y0 + start * dy
    cdx, cdy = (end - start) * dx, (end - start) * dy
    samples = np.where(finite, np.ceil(np.maximum(np.abs(cdx), np.abs(cdy))), 0).astype(np.int64)
    samples = np.where(finite, samples + 1, 0).ravel()
    total = int(samples.sum())
    segment = np.repeat(np.arange(samples.size), samples)
    first = np.cumsum(samples) - samples
    step = np.arange(total) - first[segment]
    fraction = step / np.maximum(samples[segment] - 1, 1)
    xs = cx0.ravel()[segment] + fraction * cdx.ravel()[segment]
    ys = cy0.ravel()[segment] + fraction * cdy.ravel()[segment]
    run, rise = dx.ravel()[segment], dy.ravel()[segment]
    return segment // (n_points - 1), xs, ys, rise, run


def _clip(
    x0: np.ndarray, dx: np.ndarray, y0: np.ndarray, dy: np.ndarray, width: int, height: int
) -> tuple[np.ndarray, np.ndarray]:
    """The part ``[start, end]`` of each segment ``(x0, y0) + t (dx, dy)``, ``0 <= t <= 1``,
    within a pixel of the canvas (Liang and Barsky's clipping); ``start > end`` where none is."""
    start, end = np.zeros_like(x0), np.ones_like(x0)
    with np.errstate(divide="ignore", invalid="ignore"):
        for origin, delta, low, high in ((x0, dx, -1.0, width + 1.0), (y0, dy, -1.0, height + 1.0)):
            t_low, t_high = (low - origin) / delta, (high - origin) / delta
            entering, leaving = np.minimum(t_low, t_high), np.maximum(t_low, t_high)
            still = delta == 0
            outside = still & ((origin < low) | (origin > high))
            start = np.where(still, start, np.maximum(start, entering))
            end = np.where(still, end, np.minimum(end, leaving))
            end = np.where(outside, -1.0, end)
    return start, end
