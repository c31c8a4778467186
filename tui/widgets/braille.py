"""Lines rasterized onto a braille canvas with numpy.

A braille character is a 2 x 4 grid of dots, so a canvas of ``cols x rows`` cells has
``2 cols x 4 rows`` pixels. Data map to pixels exactly as plotext maps them
(``floor(0.5 + (bins - 1) * (v - lo) / (hi - lo))``), so the lines sit on plotext's ticks.
Where lines cross, a cell shows the dots of all of them in the colour of the last one drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BRAILLE_BASE = 0x2800
DOT_BITS = np.array([[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]], dtype=np.uint8)
"""``DOT_BITS[row_from_top, column]``: the Unicode bit of each dot in a braille cell."""


@dataclass(frozen=True)
class BrailleCanvas:
    """``bits[row, col]`` (row 0 at the bottom) and ``owner[row, col]``, the index of the last
    series with a dot in the cell (-1 where there is none)."""

    bits: np.ndarray
    owner: np.ndarray

    def char(self, row: int, col: int) -> str:
        return chr(BRAILLE_BASE + int(self.bits[row, col]))


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
) -> BrailleCanvas:
    """Draw each row of ``ys`` (series x points) against ``x`` as a connected line."""
    bits = np.zeros((rows, cols), dtype=np.uint8)
    owner = np.full((rows, cols), -1, dtype=np.int64)
    if cols <= 0 or rows <= 0 or ys.size == 0:
        return BrailleCanvas(bits, owner)
    width, height = 2 * cols, 4 * rows
    px = to_pixels(np.asarray(x, dtype=float), *xlim, width)
    py = to_pixels(np.asarray(ys, dtype=float), *ylim, height)
    series, points_x, points_y = _line_pixels(px, py)
    # Rounded first, as plotext does, so that 21.999999999 lands on pixel 22.
    col = np.floor(np.round(points_x, 8)).astype(np.int64)
    row = np.floor(np.round(points_y, 8)).astype(np.int64)
    inside = (col >= 0) & (col < width) & (row >= 0) & (row < height)
    series, col, row = series[inside], col[inside], row[inside]
    cell_row, cell_col = row // 4, col // 2
    np.bitwise_or.at(bits, (cell_row, cell_col), DOT_BITS[3 - row % 4, col % 2])
    np.maximum.at(owner, (cell_row, cell_col), series)
    return BrailleCanvas(bits, owner)


def _line_pixels(px: np.ndarray, py: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sample every segment of every series densely enough to touch each pixel it crosses.

    Returns ``(series index, x, y)`` per sample."""
    n_series, n_points = py.shape
    if n_points == 1:
        return np.arange(n_series), np.repeat(px, n_series), py[:, 0]
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
    xs = x0.ravel()[segment] + fraction * dx.ravel()[segment]
    ys = y0.ravel()[segment] + fraction * dy.ravel()[segment]
    return segment // (n_points - 1), xs, ys
