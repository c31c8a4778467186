"""The objective along one weight, the others held: data loss, penalty and their sum."""

from __future__ import annotations

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine.loss_protocol import WeightSlice
from l1l2_tui.rendering.axis import value_axis
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import RGB, app_palette

POINTS = 241
"""Samples along the weight; odd, so that w = 0 is one of them when the range is symmetric."""
LOGISTIC_POINTS = 121
"""Fewer for the logistic loss, each sample costing n values; its curve is smooth."""


def weight_range(piece: WeightSlice, *more: float) -> tuple[float, float]:
    """A symmetric range about 0 holding the weight, its unpenalized value (when finite), the
    minimizer, and ``more``."""
    values = (piece.center, piece.weight, piece.minimizer, *more)
    span = max((abs(v) for v in values if np.isfinite(v)), default=0.0)
    span = min(1.3 * span, MAX_SPAN) if span > 0 else 1.0
    return -span, span


LEGEND_DASHES = ("───", "─ ─", "· ·")
"""What the legend shows of each curve's dash without colour (`DASHES`: solid, dashed,
dotted)."""
MAX_SPAN = 1e300
"""The widest axis the plots take: plotext measures positions as differences from the axis
ends, and those overflow past about 9e307."""


def finite_marks(
    marks: list[tuple[str, float, float, RGB]],
) -> list[tuple[str, float, float, RGB]]:
    """The marks that have a place: a minimizer at infinity (the loss falls for ever along the
    weight) or a value that overflowed is left out rather than drawn."""
    return [mark for mark in marks if np.isfinite(mark[1]) and np.isfinite(mark[2])]


class SliceObjectivePlot(FastPlot):
    """``f(w)``, the penalty and their sum along one weight, with ``*`` at the sum's minimizer,
    ``●`` at the weight now and ``+`` at the unpenalized minimizer."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(marker=marker, **kwargs)  # type: ignore[arg-type]
        self._piece: WeightSlice | None = None
        self._name = ""

    def show(self, piece: WeightSlice, name: str) -> None:
        if piece == self._piece and name == self._name:
            return
        self._piece, self._name = piece, name
        self.replot()

    def draw(self, plt: Plot) -> None:
        piece = self._piece
        if piece is None:
            return
        low, high = weight_range(piece)
        w = np.linspace(low, high, POINTS if piece.quadratic else LOGISTIC_POINTS)
        # Measured from the data loss's own minimum, so the parabola and the kink share a scale.
        data, penalty = piece.data_loss(w) - piece.floor, piece.penalty_value(w)
        # The objective is their sum: the logistic data loss costs n values a point, once.
        series = {"data loss": data, "penalty": penalty, "objective": data + penalty}
        top = float(max(v.max() for v in series.values()))
        ceiling = 1.1 * top or 1.0
        floor = -0.05 * ceiling
        plt.title(f"{self._name}: the objective along this weight, the others held")
        y = value_axis(floor, ceiling, self.canvas_rows(plt))
        x = value_axis(low, high, self.canvas_columns(y), across=True)
        self.set_axes(plt, x, y)
        colors = app_palette(self.app)
        losses = colors.losses
        self.vline(0.0, colors.zero)
        self.lines(w, np.vstack(list(series.values())), [losses[name] for name in series], 0)

        def on_sum(at: float) -> float:
            return float(piece.objective(np.array([at]))[0] - piece.floor)

        marks = [
            ("*", piece.minimizer, on_sum(piece.minimizer), colors.objective),
            ("●", piece.weight, on_sum(piece.weight), colors.marker),
        ]
        if np.isfinite(piece.center) and low <= piece.center <= high:
            marks.insert(0, ("+ z", piece.center, 0.0, colors.marker))
        for text, at, value, color in finite_marks(marks):
            self.label(text, at, min(value, ceiling), color, "center")
        # One legend row along the top, the words side by side in their colours: in short
        # when the long words do not fit, and what still does not fit left out.
        # Where the loss falls for ever along the weight its floor is a limit, never reached.
        floor_name = "minimum" if np.isfinite(piece.center) else "infimum"
        legends = [
            (
                f"data loss (above its {floor_name})",
                "penalty",
                "sum: * its minimum, ● the weight now",
            ),
            ("data loss", "penalty", "sum: * minimum, ● now"),
        ]
        colours = [losses["data loss"], losses["penalty"], losses["objective"]]
        for names in legends:
            texts = [
                f"{dash} {name}" if self.dashed else name
                for dash, name in zip(LEGEND_DASHES, names, strict=True)
            ]
            if sum(len(text) + 2 for text in texts) < x.cells:
                break
        column = 1
        for text, color in zip(texts, colours, strict=True):
            if column + len(text) > x.cells:
                break
            self.label(text, x.centre(column), y.centre(y.cells - 1), color)
            column += len(text) + 2
