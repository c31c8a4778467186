"""Shared pieces of the plots whose x axis is the step.

The axes hold still while the run plays, so that what is already drawn stays where the eye left
it and the terminal is sent only what moved: the step axis ends at a round number and grows in
jumps of at most 1.5 times (`step_axis_end`), and a value axis grows at once but shrinks only
after the data stayed well inside it for a while (`StickyRange`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine import Marker, Trace
from l1l2_tui.rendering.palette import MARKER_COLOR, ZERO_LINE_COLOR

Y_TICK_COLUMNS = 8
"""About how many columns plotext gives the y tick labels and the frame."""

STEP_AXIS_ENDS = (
    (1.0, 0.2),
    (1.5, 0.5),
    (2.0, 0.5),
    (3.0, 1.0),
    (4.0, 1.0),
    (5.0, 1.0),
    (6.0, 2.0),
    (8.0, 2.0),
)
"""``(end, tick spacing)`` of the step axis, times a power of ten: each end is at most 1.5
times the one before, so the lines always fill at least two thirds of the axis."""
MIN_STEP_SPAN = 10
"""The shortest step axis, so that the first steps do not make it jump every frame."""


def step_axis_end(x0: float, last: float) -> tuple[float, float]:
    """``(end, tick spacing)`` of a step axis starting at ``x0`` that reaches ``last``: the
    first round end in `STEP_AXIS_ENDS` at or past it, so the axis changes only when the run
    passes that end."""
    span = max(last - x0, MIN_STEP_SPAN)
    power = 10.0 ** math.floor(math.log10(span))
    for end, spacing in (*STEP_AXIS_ENDS, (10.0, 2.0)):
        if end * power >= span:
            return x0 + end * power, spacing * power
    raise AssertionError("unreachable: 10 times the power of ten is past the span")


def step_ticks(plt: Plot, x0: float, end: float, spacing: float) -> None:
    """Step ticks from ``x0`` to ``end``, ``spacing`` apart: whole, round numbers."""
    count = round((end - x0) / spacing)
    ticks = [round(x0 + k * spacing) for k in range(count + 1)]
    plt.xticks(ticks, [str(t) for t in ticks])


def value_ticks(plt: Plot, low: float, high: float, rows: int) -> None:
    """Round ticks on a value axis from ``low`` to ``high`` (0 among them when in range), 1, 2
    or 5 times a power of ten apart: about one every two of its ``rows``, at most eight and,
    on a short axis, up to three."""
    span = high - low
    if not (span > 0 and math.isfinite(span)):
        return
    wanted = min(max(rows // 2 + 1, 3), 8)
    power = 10.0 ** math.floor(math.log10(span / wanted))
    spacing = next(m * power for m in (1, 2, 5, 10) if span / (m * power) <= wanted)
    first, last = math.ceil(low / spacing), math.floor(high / spacing)
    ticks = [k * spacing for k in range(first, last + 1)]
    decimals = max(0, -math.floor(math.log10(spacing) + 1e-9))
    plt.yticks(ticks, [f"{tick:.{decimals}f}" for tick in ticks])


class StepWindow(NamedTuple):
    """What a panel over the steps draws: the axis ``[x0, end]`` with ticks ``spacing`` apart,
    and the rows ``kept`` of the trace (see :func:`steady_samples`)."""

    x0: float
    end: float
    spacing: float
    kept: np.ndarray


def step_window(trace: Trace, width: int) -> StepWindow:
    """The window of a panel ``width`` cells wide over ``trace``: about two rows a cell."""
    x0 = float(trace.step[0])
    end, spacing = step_axis_end(x0, float(trace.step[-1]))
    return StepWindow(x0, end, spacing, steady_samples(trace, x0, end, 2 * width))


def steady_samples(trace: Trace, x0: float, end: float, points: int) -> np.ndarray:
    """Indices of the rows of ``trace`` to draw: at most about ``points`` on ``[x0, end]``.

    The rows kept are those whose step is a multiple of a power of two, fixed while ``end``
    is, plus the newest, so the same rows are drawn frame after frame and the drawn history
    holds still (the engine's own thinning picks other rows as the run grows)."""
    steps = trace.step
    stride = 2 ** max(math.ceil(math.log2(max((end - x0) / max(points, 1), 1.0))), 0)
    keep = np.flatnonzero((steps - x0) % stride == 0)
    if keep.size == 0 or keep[-1] != len(steps) - 1:
        keep = np.append(keep, len(steps) - 1)
    return keep


class StickyRange:
    """A value axis that grows at once, a little past the data, and shrinks to the data only
    after the data covered less than `shrink_below` of it for `patience` updates in a row."""

    def __init__(
        self, headroom: float = 0.05, shrink_below: float = 0.75, patience: int = 20
    ) -> None:
        self.headroom = headroom
        self.shrink_below = shrink_below
        self.patience = patience
        self.range: tuple[float, float] | None = None
        self._inside_for = 0

    def clear(self) -> None:
        """Forget the range: the next update fits the data (after a reset, say)."""
        self.range = None
        self._inside_for = 0

    def update(self, low: float, high: float) -> tuple[float, float]:
        """The range to show for data spanning ``[low, high]``."""
        if self.range is None:
            self.range = (low, high)
            return self.range
        shown_low, shown_high = self.range
        if low < shown_low or high > shown_high:
            extra = self.headroom * (max(high, shown_high) - min(low, shown_low))
            self.range = (
                low - extra if low < shown_low else shown_low,
                high + extra if high > shown_high else shown_high,
            )
            self._inside_for = 0
        elif high - low < self.shrink_below * (shown_high - shown_low):
            self._inside_for += 1
            if self._inside_for >= self.patience:
                self.range = (low, high)
                self._inside_for = 0
        else:
            self._inside_for = 0
        return self.range


def draw_markers(plt: Plot, markers: Iterable[Marker], x0: float, x1: float, top: float) -> None:
    """A vertical line and a label at each settings change inside ``[x0, x1]``."""
    for marker in markers:
        if x0 < marker.step <= x1:
            plt.vline(marker.step, color=MARKER_COLOR)
            plt.text(marker.label, marker.step, top, color=MARKER_COLOR, alignment="left")


def label_room(x0: float, x1: float, width: int, label_columns: int) -> float:
    """How far past ``x1`` the x axis must reach to leave ``label_columns`` columns free."""
    if label_columns <= 0:
        return 0.0
    columns = label_columns + 2
    plot_columns = max(width - Y_TICK_COLUMNS - columns, 1)
    return (x1 - x0) * columns / plot_columns


def draw_line_end_labels(
    plt: Plot,
    labels: list[tuple[float, str, tuple[int, int, int]]],
    x: float,
    low: float,
    high: float,
    rows: int,
) -> None:
    """Write each ``(y, text, colour)`` label at ``x``, moved apart so none overlap, each at
    the middle of the row plotext puts it in: a label that stays in its row gives the same
    plotext calls, so the figure is not built again (see `FastPlot`)."""
    heights = spread_labels([y for y, _, _ in labels], low, high, rows)
    for (_, text, color), y in zip(labels, heights, strict=True):
        plt.text(
            text, x, row_middle(y, low, high, rows), color=color, style="bold", alignment="left"
        )


def row_middle(y: float, low: float, high: float, rows: int) -> float:
    """The value at the middle of the row of ``rows`` (``low`` to ``high``) that ``y`` is
    drawn in, by plotext's own rounding (``plotext._utility.get_matrix_data``)."""
    if rows < 2 or high <= low:
        return y
    row = math.floor(round(0.5 + (rows - 1) * (y - low) / (high - low), 8))
    return low + row * (high - low) / (rows - 1)


def spread_labels(ys: list[float], low: float, high: float, rows: int) -> list[float]:
    """Move label heights apart so no two share a terminal row, staying near their lines."""
    if not ys:
        return []
    gap = (high - low) / max(rows - 1, 1)
    order = sorted(range(len(ys)), key=lambda i: ys[i], reverse=True)
    placed = [0.0] * len(ys)
    previous = None
    for i in order:
        y = ys[i] if previous is None else min(ys[i], previous - gap)
        placed[i] = previous = y
    overflow = low + 0.5 * gap - min(placed)
    if overflow > 0:
        placed = [min(y + overflow, high - 0.5 * gap) for y in placed]
    return placed


def axes_over_steps(
    plt: Plot,
    window: StepWindow,
    size: tuple[int, int],
    label_width: int,
    value_range: tuple[float, float],
    markers: Iterable[Marker],
    zero_line: bool = False,
) -> tuple[float, int]:
    """Lay out a panel ``size`` (columns, rows) over the steps: the step axis of ``window``
    with room for line-end labels ``label_width`` wide, round ticks on both axes, the zero
    line if asked, and the settings changes. Returns the room and the plot's rows."""
    low, high = value_range
    room = label_room(window.x0, window.end, size[0], label_width)
    plt.xlim(window.x0, window.end + room)
    step_ticks(plt, window.x0, window.end, window.spacing)
    plt.ylim(low, high)
    rows = max(size[1] - 4, 2)
    value_ticks(plt, low, high, rows)
    if zero_line:
        plt.hline(0.0, color=ZERO_LINE_COLOR)
    draw_markers(plt, markers, window.x0, window.end, high)
    return room, rows
