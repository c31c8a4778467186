"""One mapping from a value to a cell, and to a dot inside it, for every layer of a plot.

An axis is a row (or column) of `cells` cells, each `per_cell` wide in data units. The value
`origin` sits at the centre of cell `origin_cell`, so cell ``i`` holds the values within half a
cell of ``origin + (i - origin_cell) * per_cell``: its tick range. A tick is drawn in the cell
whose range holds it, and so are a reference line at that value, a text placed there and every
dot of a line that passes through it: all of them ask :meth:`Axis.position`.

A value axis (:func:`value_axis`) puts its ticks at the centres of cells, a round number of
cells apart, so 0 (a tick whenever the axis spans it) sits exactly between the two middle dots of
a braille cell: an exact 0 lights the upper one and ``-1e-12`` the lower one, so a weight that
jumps across 0 is drawn on both sides of the zero line however small its jumps.
"""

from __future__ import annotations

import itertools
import math
from typing import NamedTuple

import numpy as np

MANTISSAS = (1.0, 2.0, 2.5, 5.0)
"""Round tick spacings, times a power of ten."""
MAX_TICKS = 8
MAX_GAP = 8
FAR = 1e6
"""Positions are clipped to this many cells either side: a line far out of view stays a line
that leaves the plot."""


class Axis(NamedTuple):
    """``cells`` cells of ``per_cell`` data units; ``origin`` at the centre of ``origin_cell``;
    ``ticks`` (values) labelled ``labels``."""

    origin: float
    origin_cell: int
    per_cell: float
    cells: int
    ticks: tuple[float, ...] = ()
    labels: tuple[str, ...] = ()

    def position(self, values: np.ndarray | float) -> np.ndarray:
        """Where ``values`` fall, in cells from the low edge: cell ``i`` spans ``[i, i + 1)``."""
        offset = (np.asarray(values, dtype=float) - self.origin) / self.per_cell
        # Rounded so that a tick computed as 3 * 0.1 lands on the centre it names.
        return np.clip(self.origin_cell + 0.5 + np.round(offset, 9), -FAR, FAR)

    def cell(self, value: float) -> int:
        """The cell whose tick range holds ``value`` (it may lie outside ``[0, cells)``)."""
        return int(np.floor(self.position(value)))

    def centre(self, cell: int) -> float:
        """The value at the centre of ``cell``."""
        return self.origin + (cell - self.origin_cell) * self.per_cell

    @property
    def low(self) -> float:
        """The value at the low edge of the first cell."""
        return self.centre(0) - 0.5 * self.per_cell

    @property
    def high(self) -> float:
        """The value at the high edge of the last cell."""
        return self.centre(self.cells - 1) + 0.5 * self.per_cell

    def plotext_limits(self) -> tuple[float, float]:
        """The limits to give plotext so that it puts a value in the same cell: plotext maps
        its limits to the centres of the first and last cells."""
        return self.centre(0), self.centre(self.cells - 1)

    def tick_centres(self) -> list[float]:
        """Each tick moved to the centre of its cell, for plotext to place exactly there."""
        return [self.centre(self.cell(tick)) for tick in self.ticks]


def tick_label(value: float, spacing: float) -> str:
    """``value`` with as many decimals as ``spacing`` needs, never ``-0``."""
    value += 0.0  # -0.0 becomes 0.0
    magnitude = max(abs(value), spacing)
    if spacing < 1e-4 or magnitude >= 1e7:
        return f"{value:.3g}"
    decimals = max(0, -math.floor(math.log10(spacing) + 1e-9))
    if round(spacing / 10.0 ** math.floor(math.log10(spacing) + 1e-9), 6) == 2.5:
        decimals += 1
    text = f"{value:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _tick_gaps(cells: int, fewest: int = 1) -> range:
    """How many cells apart ticks may be: at least ``fewest``, at most `MAX_TICKS` ticks and at
    most `MAX_GAP` cells apart (unless that would be more ticks), at least two ticks on a long
    axis, one a cell on a very short one."""
    fewest = max(fewest, math.ceil(cells / MAX_TICKS))
    most = max(fewest, min(cells // 2, MAX_GAP))
    return range(fewest, most + 1)


def _candidates(need: float, cells: int, fewest: int = 1) -> list[tuple[float, int, float]]:
    """``(per_cell, gap, spacing)``: cell sizes at least ``need`` whose ticks, ``gap`` cells
    apart, are ``spacing`` (a round number) apart; smallest first, ticks about 3 cells apart
    first among equals, then the more ticks."""
    found = []
    exponent = math.floor(math.log10(need))
    for power in range(exponent - 1, exponent + 3):
        for mantissa in MANTISSAS:
            spacing = mantissa * 10.0**power
            for gap in _tick_gaps(cells, fewest):
                per_cell = spacing / gap
                if per_cell >= need * (1 - 1e-12):
                    found.append((per_cell, gap, spacing))
    found.sort(key=lambda c: (c[0], abs(c[1] - 3), c[1]))
    return found


def _first_cell(low: float, high: float, cells: int, per_cell: float) -> int | None:
    """The index ``m`` (the bottom cell's centre is ``m * per_cell``) that holds ``[low,
    high]`` in ``cells`` cells, the data centred; None if none does. A cell holds its low edge
    and not its high one, so ``high`` must lie below the last cell's high edge."""
    lowest = math.floor(round(high / per_cell - cells + 0.5, 9)) + 1
    highest = math.floor(round(low / per_cell + 0.5, 9))
    if lowest > highest:
        return None
    centred = round((low + high) / 2 / per_cell - (cells - 1) / 2)
    return min(max(centred, lowest), highest)


def _grid_axis(first: int, per_cell: float, cells: int, gap: int, spacing: float) -> Axis:
    """The axis whose cell ``i`` is centred on ``(first + i) * per_cell``, 0 among the centres,
    ticked every ``gap`` cells (the multiples of ``spacing``)."""
    ticks = tuple(((first + i) // gap) * spacing for i in range(cells) if (first + i) % gap == 0)
    labels = tuple(tick_label(tick, spacing) for tick in ticks)
    # Placed from the first cell's centre: offsets stay a few cells however far from 0.
    return Axis(first * per_cell, 0, per_cell, cells, ticks, labels)


RESOLUTION = 1e-6
"""The finest span an axis resolves, relative to the size of its values: far from 0 a finer
one puts the cells' edges where floating point cannot tell them apart."""


def _need(low: float, high: float, cells: int) -> float:
    span = high - low
    if not span > 0:
        span = abs(high) or 1.0
    span = max(span, RESOLUTION * max(abs(low), abs(high)))
    return span / max(cells, 1)


def value_axis(low: float, high: float, cells: int, across: bool = False) -> Axis:
    """The finest axis of ``cells`` cells holding ``[low, high]`` with round ticks (1, 2, 2.5
    or 5 times a power of ten) at cell centres, evenly spaced, 0 among them when in range.
    ``across``: a horizontal axis, whose tick labels stand side by side, two columns apart."""
    axis = _value_axis(low, high, cells)
    for _ in range(3 if across else 0):
        widest = max(map(len, axis.labels), default=0)
        gaps = {b - a for a, b in itertools.pairwise(axis.cell(t) for t in axis.ticks)}
        wider = _value_axis(low, high, cells, widest + 2)
        if min(gaps, default=widest + 2) >= widest + 2 or not wider.ticks:
            break  # apart already, or too short an axis for labels apart
        axis = wider
    return axis


def _value_axis(low: float, high: float, cells: int, fewest: int = 1) -> Axis:
    if not (math.isfinite(low) and math.isfinite(high)):
        low, high = -1.0, 1.0
    low, high = min(low, high), max(low, high)
    cells = max(cells, 1)
    for per_cell, gap, spacing in _candidates(_need(low, high, cells), cells, fewest):
        first = _first_cell(low, high, cells, per_cell)
        if first is not None:
            return _grid_axis(first, per_cell, cells, gap, spacing)
    raise AssertionError("unreachable: a coarse enough cell holds any finite range")


def _round_gap(per_cell: float, cells: int, fewest: int = 1) -> tuple[int, float] | None:
    """The fewest cells (at least ``fewest``) between ticks (at most `MAX_TICKS` of them) whose
    spacing is a round number, or None."""
    for gap in range(max(fewest, math.ceil(cells / MAX_TICKS)), max(cells // 2, fewest) + 1):
        spacing = per_cell * gap
        power = 10.0 ** math.floor(math.log10(spacing) + 1e-9)
        if any(abs(spacing / power - m) < 1e-9 for m in (*MANTISSAS, 10.0)):
            return gap, spacing
    return None


def equal_scale_axes(
    low: tuple[float, float], high: tuple[float, float], columns: int, rows: int
) -> tuple[Axis, Axis]:
    """Axes holding the box ``low``-``high`` whose braille dots are square: a cell is 2 dots
    wide and 4 high and about twice as high as wide, so a row is 2 columns' worth of data.
    Both have round ticks and 0 at a cell centre."""
    columns, rows = max(columns, 1), max(rows, 1)
    need = max(_need(low[0], high[0], columns), _need(low[1], high[1], rows) / 2)
    exponent = math.floor(math.log10(need))
    sizes = sorted(
        mantissa * 10.0**power / parts
        for power in range(exponent - 1, exponent + 3)
        for mantissa in MANTISSAS
        for parts in range(1, 17)
        if mantissa * 10.0**power / parts >= need * (1 - 1e-12)
    )
    for per_column in sizes:
        per_row = 2 * per_column
        first_x = _first_cell(low[0], high[0], columns, per_column)
        first_y = _first_cell(low[1], high[1], rows, per_row)
        ticks_x, ticks_y = _round_gap(per_column, columns), _round_gap(per_row, rows)
        if first_x is None or first_y is None or ticks_x is None or ticks_y is None:
            continue
        # Tick labels side by side need their width and two columns between them.
        widest = max(len(tick_label(v, ticks_x[1])) for v in (low[0], high[0]))
        ticks_x = _round_gap(per_column, columns, widest + 3) or ticks_x
        return (
            _grid_axis(first_x, per_column, columns, *ticks_x),
            _grid_axis(first_y, per_row, rows, *ticks_y),
        )
    raise AssertionError("unreachable: a coarse enough cell holds any finite box")


def step_axis(x0: float, end: float, data_cells: int, cells: int, spacing: float) -> Axis:
    """A step axis of ``cells`` columns whose first ``data_cells`` run from ``x0`` (the centre
    of the first) to ``end`` (the centre of the last), ticked at the multiples of ``spacing``;
    the columns after them are room for labels."""
    data_cells = max(data_cells, 2)
    per_cell = (end - x0) / (data_cells - 1) if end > x0 else 1.0
    first, last = math.ceil(x0 / spacing - 1e-9), math.floor(end / spacing + 1e-9)
    ticks = [float(round(k * spacing)) for k in range(first, last + 1)]
    labels = tuple(str(int(t)) for t in ticks)
    return Axis(x0, 0, per_cell, max(cells, 1), tuple(ticks), labels)
