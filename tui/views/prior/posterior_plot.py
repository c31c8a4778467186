"""Along one weight, the others held: the prior, the likelihood and the posterior, each scaled to
its peak, with the posterior's mode, median and mean marked where they are."""

from __future__ import annotations

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine.claims.prior import WeightBelief
from l1l2_tui.rendering.axis import Axis, value_axis
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import app_palette
from l1l2_tui.views.prior.words import value
from l1l2_tui.views.zero.slice_plot import LEGEND_DASHES

SHOWN = 1e-3
"""The range shown holds every point where the posterior is at least this share of its peak
(and 0): beyond it the curve is flat on the axis."""
MARKS = (("*", "mode"), ("◆", "median"), ("●", "mean"))
"""The glyph each summary is marked with on the posterior curve."""


def shown_range(belief: WeightBelief) -> tuple[float, float]:
    """The range of the weight to draw: the posterior's bulk, 0 and the likelihood's peak (when
    the grid holds it), padded."""
    post = belief.posterior
    bulk = post.grid[post.posterior >= SHOWN * post.posterior.max()]
    likeliest = float(post.grid[np.argmax(post.likelihood)])
    values = [float(bulk[0]), float(bulk[-1]), 0.0, belief.mode, belief.median, belief.mean]
    if post.grid[0] < likeliest < post.grid[-1]:
        values.append(likeliest)
    low, high = min(values), max(values)
    pad = 0.08 * (high - low) or 1.0
    return max(low - pad, float(post.grid[0])), min(high + pad, float(post.grid[-1]))


class PosteriorPlot(FastPlot):
    """The prior, the likelihood and the posterior along one weight (each relative to its
    peak on the grid), ``*`` at the mode, ``◆`` at the median, ``●`` at the mean."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(marker=marker, **kwargs)  # type: ignore[arg-type]
        self._belief: WeightBelief | None = None
        self._name = ""

    def show(self, belief: WeightBelief | None, name: str) -> None:
        if belief is self._belief and name == self._name:
            return
        self._belief, self._name = belief, name
        self.replot()

    def draw(self, plt: Plot) -> None:
        belief = self._belief
        if belief is None:
            return
        post = belief.posterior
        low, high = shown_range(belief)
        peak = float(post.posterior.max())
        summaries = [
            f"{glyph} {word} {value(at)}"
            for (glyph, word), at in zip(
                MARKS, (belief.mode, belief.median, belief.mean), strict=True
            )
        ]
        plt.title(f"{self._name}: each curve to its peak")
        rows = self.canvas_rows(plt)
        x = value_axis(low, high, self.canvas_columns(value_axis(0.0, 1.2, rows)), across=True)
        one_row = sum(len(text) + 2 for text in summaries) - 1 <= x.cells
        y = legend_above(rows, 2 if one_row else 1 + len(summaries))
        x = value_axis(low, high, self.canvas_columns(y), across=True)
        self.set_axes(plt, x, y)
        inside = (post.grid >= x.low) & (post.grid <= x.high)
        grid = post.grid[inside]
        curves = np.vstack(
            [post.prior[inside], post.likelihood[inside], post.posterior[inside] / peak]
        )
        colors = app_palette(self.app)
        self.vline(0.0, colors.zero)
        self.lines(grid, curves, [colors.penalty, colors.data_loss, colors.objective], 0)
        for (glyph, _), at in zip(MARKS, (belief.mode, belief.median, belief.mean), strict=True):
            height = float(np.interp(at, post.grid, post.posterior)) / peak
            self.label(glyph, at, height, colors.marker, "center", bold=True)
        names = ("prior", "likelihood", "posterior")
        column = 1
        for dash, word, color in zip(
            LEGEND_DASHES, names, (colors.penalty, colors.data_loss, colors.objective), strict=True
        ):
            text = f"{dash} {word}" if self.dashed else word
            if column + len(text) > x.cells:
                break
            self.label(text, x.centre(column), y.centre(y.cells - 1), color)
            column += len(text) + 2
        if one_row:
            column = 1
            for text in summaries:
                self.label(text, x.centre(column), y.centre(y.cells - 2), colors.marker)
                column += len(text) + 2
        else:  # too narrow for one row: a row each, under the legend
            for row, text in enumerate(summaries, start=2):
                self.label(text, x.centre(1), y.centre(y.cells - row), colors.marker)


def legend_above(rows: int, legend_rows: int) -> Axis:
    """A y axis of ``rows`` cells from 0 whose top ``legend_rows`` rows lie above 1, the curves'
    peak, so the legend never covers a curve (as far as the rows allow)."""
    ceiling = 1.2
    for _ in range(20):
        y = value_axis(0.0, ceiling, rows)
        if y.cell(1.0) < y.cells - legend_rows:
            break
        ceiling *= 1.15
    return y
