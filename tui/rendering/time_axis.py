"""Shared pieces of the plots whose x axis is the step.

The axes hold still while the run plays, so that what is already drawn stays where the eye left
it and the terminal is sent only what moved: the step axis ends at a round number and grows in
jumps of at most 1.5 times (`step_axis_end`), and a value axis grows at once but shrinks only
after the data stayed well inside it for a while (`StickyRange`).

While the run since the last change of settings would take less than a third of an axis over
the whole run, the step axis follows that change instead (`step_window`): the change sits a
third of the way along, and what came after it fills between four and six ninths of the axis
however long the run was before it. Each pixel column shows the lowest and the highest value
of the steps it covers (see :func:`l1l2_tui.rendering.braille.envelope_polyline`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from textual_plotext import Plot

from l1l2_tui.engine import Marker, Session, Trace
from l1l2_tui.rendering.axis import Axis, step_axis, value_axis
from l1l2_tui.rendering.fast_plot import FastPlot, PlotextColor

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


class StepWindow(NamedTuple):
    """The steps a panel over the steps shows: ``[x0, end]``, ticks ``spacing`` apart."""

    x0: float
    end: float
    spacing: float

    def read(self, session: Session, width: int) -> Trace:
        """The rows of ``session``'s history this window draws on a panel ``width`` cells
        wide: from ``x0`` on, at least one a braille dot column."""
        return session.history.read(since=self.x0, detail=(self.end - self.x0) / (2 * width))


def step_window(last: int, markers: Iterable[Marker], whole_run: bool = False) -> StepWindow:
    """The window over a run at step ``last`` (it started at 0): the whole run, or, when
    ``whole_run`` is False and the run since the last settings change would take less than a
    third of the whole run's axis, that run and half as long before it."""
    end, spacing = step_axis_end(0, last)
    change = max((marker.step for marker in markers if 0 < marker.step <= last), default=None)
    if change is not None and not whole_run and 3 * (last - change) < end:
        after, after_spacing = step_axis_end(0, last - change)
        x0 = change - after / 2
        if x0 > 0:
            return StepWindow(x0, change + after, after_spacing)
    return StepWindow(0.0, end, spacing)


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


class StepAxes(NamedTuple):
    """The axes of a panel over the steps, and the column where its line-end labels start."""

    x: Axis
    y: Axis
    label_column: int


def axes_over_steps(
    plot: FastPlot,
    plt: Plot,
    window: StepWindow,
    label_width: int,
    value_range: tuple[float, float],
    markers: Iterable[Marker],
    zero_line: bool,
    colors: dict[str, PlotextColor],
) -> StepAxes:
    """Lay out ``plot`` (which has a title) over the steps: round value ticks on ``value_range``,
    the step axis of ``window`` with ``label_width`` columns to its right for line-end labels,
    the zero line if asked, and the settings changes in the window, labelled along the top.
    ``colors`` holds the ``"zero"`` and ``"marker"`` colours."""
    y = value_axis(*value_range, plot.canvas_rows(plt))
    columns = plot.canvas_columns(y)
    data_columns = max(columns - label_width - 2, 2)
    x = step_axis(window.x0, window.end, data_columns, columns, window.spacing)
    plot.set_axes(plt, x, y)
    if zero_line:
        plot.hline(0.0, colors["zero"])
    for marker in markers:
        if window.x0 < marker.step <= window.end:
            plot.vline(marker.step, colors["marker"])
            plot.label(
                marker.label,
                x.centre(x.cell(marker.step) + 1),
                y.centre(y.cells - 1),
                colors["marker"],
            )
    return StepAxes(x, y, data_columns + 1)


def draw_line_end_labels(
    plot: FastPlot,
    axes: StepAxes,
    labels: Sequence[tuple[float, str, PlotextColor]],
    reach: int = 1,
) -> None:
    """Write each ``(y, text, colour)`` label on the row of its value, right of the lines.
    Labels whose values share a row go side by side, the largest first, and those that do not
    fit to the right go left of the room, over the ends of the lines of that row, ``reach`` times
    as far as the room is wide: a label is on its own line's row or, when the row is full,
    nowhere."""
    rows: dict[int, list[tuple[float, str, PlotextColor]]] = {}
    for label in labels:
        rows.setdefault(axes.y.cell(label[0]), []).append(label)
    for row, row_labels in rows.items():
        right, left = axes.label_column, axes.label_column - 2
        leftmost = max(axes.label_column - reach * (axes.x.cells - axes.label_column) - 2, 0)
        for _, text, color in sorted(row_labels, key=lambda label: -abs(label[0])):
            if right + len(text) <= axes.x.cells:
                column, right = right, right + len(text) + 1
            elif left - len(text) + 1 >= leftmost:
                # With the blank after it, over the lines: no dot between two labels.
                column, left = left - len(text) + 1, left - len(text) - 1
                text += " "
            else:
                continue
            plot.label(text, axes.x.centre(column), axes.y.centre(row), color, bold=True)
