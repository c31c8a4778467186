"""The whole posterior, one row a weight: its credible interval as a bar, its posterior mean,
and the MAP (the objective's exact minimizer), whose zeros sit on the zero line."""

from __future__ import annotations

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine.claims.prior import WholePosterior
from l1l2_tui.rendering.axis import Axis, value_axis
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import app_palette
from l1l2_tui.widgets.trajectories import shown_weights

LEGEND_ROWS = 1


HEADER = f"{'':4} {'MAP':>8} {'mean':>8}"
"""The label of the legend's row, over the columns of the rows' labels."""


def weight_rows(labels: list[str], cells: int) -> Axis:
    """A y axis of ``cells`` rows, the legend's (labelled :data:`HEADER`) on top and the
    ``k``-th shown weight (labelled ``labels[k]``) ``k + 1`` rows under it."""
    top = cells - 1 - LEGEND_ROWS
    ticks = tuple(float(-k) for k in range(-LEGEND_ROWS, len(labels)))
    return Axis(0.0, top, 1.0, cells, ticks, (HEADER, *labels))


def row_label(whole: WholePosterior, j: int) -> str:
    """A weight's number, its MAP and its posterior mean (three digits; the MAP's exact 0 as
    0)."""
    numbers = (f"{x:.3g}" if x != 0.0 else "0" for x in (whole.map[j], whole.mean[j]))
    return f"{'w' + str(j + 1):>4} " + " ".join(f"{text:>8}" for text in numbers)


def zoomed_range(whole: WholePosterior, shown: list[int]) -> tuple[float, float]:
    """The range of the x axis: the intervals of the MAP's zeros among ``shown`` (the weights
    the picture is about) and 0, or every shown interval when the MAP has no zero there."""
    zeros = [j for j in shown if whole.map[j] == 0.0] or shown
    ends = np.concatenate([whole.lower[zeros], whole.upper[zeros], [0.0]])
    low, high = float(ends.min()), float(ends.max())
    pad = 0.1 * (high - low) or 1.0
    return low - pad, high + pad


def _placed(glyph: str, at: float, x: Axis) -> tuple[str, float]:
    """``glyph`` at ``at`` when the axis holds it, else ``>`` (``<``) in the last (first) cell:
    the value lies beyond the axis that way (its row's label says where)."""
    if at > x.high:
        return ">", x.centre(x.cells - 1)
    if at < x.low:
        return "<", x.centre(0)
    return glyph, at


class PosteriorBars(FastPlot):
    """Per weight, top to bottom: ``─`` its credible interval, ``●`` its posterior mean and
    ``*`` its MAP; the weights with the largest intervals' ends when not all fit."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(marker=marker, **kwargs)  # type: ignore[arg-type]
        self._whole: WholePosterior | None = None

    def show(self, whole: WholePosterior | None) -> None:
        if whole is self._whole:
            return
        self._whole = whole
        self.replot()

    def draw(self, plt: Plot) -> None:
        whole = self._whole
        if whole is None:
            return
        level = f"{whole.level:.0%}"
        plt.title(f"All weights: * MAP, ● posterior mean, ─ {level} interval")
        rows = self.canvas_rows(plt)
        reach = np.maximum(np.abs(whole.lower), np.abs(whole.upper))
        shown = shown_weights(reach, max(rows - LEGEND_ROWS, 1))
        y = weight_rows([row_label(whole, j) for j in shown], rows)
        low, high = zoomed_range(whole, shown)
        x = value_axis(low, high, self.canvas_columns(y), across=True)
        self.set_axes(plt, x, y)
        colors = app_palette(self.app)
        self.vline(0.0, colors.zero)
        for k, j in enumerate(shown):
            row = np.array([-k, -k], dtype=float)
            self.line_xy(np.array([whole.lower[j], whole.upper[j]]), row, colors.weight(j))
            for glyph, at, color in (
                ("●", float(whole.mean[j]), colors.objective),
                ("*", float(whole.map[j]), colors.marker),
            ):
                self.label(*_placed(glyph, at, x), row[0], color, "center", bold=True)
        legend = [
            ("* MAP", colors.marker),
            ("● mean", colors.objective),
            ("< > beyond the axis", colors.text),
        ]
        column = 1
        for text, color in legend:
            if column + len(text) > x.cells:
                break
            self.label(text, x.centre(column), y.centre(y.cells - 1), color)
            column += len(text) + 2
