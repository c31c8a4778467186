"""The pulls along one weight: the data's pull against the penalty's, whose crossing is the
minimizer."""

from __future__ import annotations

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine.loss_protocol import WeightSlice
from l1l2_tui.rendering.axis import value_axis
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import app_palette
from l1l2_tui.views.zero.slice_plot import finite_marks, weight_range

SAMPLES = 61
"""Points along the logistic data pull, a curve (the least-squares pull is a line)."""


class PullPlot(FastPlot):
    """Against ``w``: the penalty's slope, its pull reversed (:meth:`Penalty.pull_graph`:
    ``a sign(w) + 2 q w``, with
    the whole segment ``[-a, a]`` at ``w = 0``, what it can hold there) and the data's pull
    ``-f'(w)``: the line ``h (z - w)`` for least squares, a falling curve for the logistic loss.
    They cross at the minimizer; when the data's curve crosses the segment at 0, the minimizer is
    0."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(marker=marker, **kwargs)  # type: ignore[arg-type]
        self._piece: WeightSlice | None = None

    def show(self, piece: WeightSlice) -> None:
        if piece == self._piece:
            return
        self._piece = piece
        self.replot()

    def draw(self, plt: Plot) -> None:
        piece = self._piece
        if piece is None:
            return
        low, high = weight_range(piece)
        along = np.linspace(low, high, 2 if piece.quadratic else SAMPLES)
        data = piece.data_pull(along)
        pen_x, pen_y = piece.penalty.pull_graph(low, high)
        a = piece.penalty.capacity_at_zero()
        if not np.isfinite(a):
            # A pull without bound near 0 (p < 1, L0) runs off the axis the data's pulls set.
            reach = 2.0 * max(float(np.abs(data).max()), abs(piece.pull_at_zero), 1e-12)
            pen_y = np.clip(pen_y, -reach, reach)
        values = np.concatenate([data, pen_y, [piece.pull_at_zero, -piece.pull_at_zero]])
        bottom, top = float(values.min()), float(values.max())
        pad = 0.1 * (top - bottom) or 1.0
        ylim = (bottom - pad, top + pad)
        formula = "h·(z − w)" if piece.quadratic else "−df/dw"
        # The penalty is drawn as its slope, its pull towards 0 reversed, so that the two
        # curves meet where the pulls balance: at the minimizer.
        plt.title(f"Data's pull {formula} vs the penalty's slope (−pull)")
        y = value_axis(*ylim, self.canvas_rows(plt))
        x = value_axis(low, high, self.canvas_columns(y), across=True)
        self.set_axes(plt, x, y)
        colors = app_palette(self.app)
        self.hline(0.0, colors.zero)
        self.vline(0.0, colors.zero)
        self.lines(along, data[None, :], [colors.data_loss], 0)
        self.lines(pen_x, pen_y[None, :], [colors.penalty], 1)
        best = piece.minimizer
        crossing = float(piece.data_pull(np.array([best]))[0]) if np.isfinite(best) else np.inf
        now = float(piece.data_pull(np.array([piece.weight]))[0])
        marks = [("*", best, crossing, colors.objective), ("●", piece.weight, now, colors.marker)]
        for text, at, value, color in finite_marks(marks):
            self.label(text, at, value, color, "center")
        if 0 < a < np.inf:
            # On the row of the segment's top, from the column right of w = 0.
            label = f"at 0: up to ±{a:.2g}"
            self.label(label, x.centre(x.cell(0.0) + 1), a, colors.penalty)
