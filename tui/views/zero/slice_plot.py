"""The objective along one weight, the others held: data loss, penalty and their sum."""

from __future__ import annotations

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine.loss_protocol import WeightSlice
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import LOSS_COLORS, MARKER_COLOR, ZERO_LINE_COLOR

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


MAX_SPAN = 1e300
"""The widest axis the plots take: plotext measures positions as differences from the axis
ends, and those overflow past about 9e307."""


def finite_marks(
    marks: list[tuple[str, float, float, tuple[int, int, int]]],
) -> list[tuple[str, float, float, tuple[int, int, int]]]:
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
        plt.xlim(low, high)
        plt.ylim(floor, ceiling)
        plt.vline(0.0, color=ZERO_LINE_COLOR)
        colors = [LOSS_COLORS[name] for name in series]
        ys = np.vstack(list(series.values()))
        self.braille_lines(w, ys, colors, (low, high), (floor, ceiling))

        def on_sum(x: float) -> float:
            return float(piece.objective(np.array([x]))[0] - piece.floor)

        marks = [
            ("*", piece.minimizer, on_sum(piece.minimizer), LOSS_COLORS["objective"]),
            ("●", piece.weight, on_sum(piece.weight), MARKER_COLOR),
        ]
        if np.isfinite(piece.center) and low <= piece.center <= high:
            marks.insert(0, ("+ z", piece.center, 0.0, MARKER_COLOR))
        for text, x, y, color in finite_marks(marks):
            plt.text(text, x, min(y, ceiling), color=color, alignment="center")
        # One legend row along the top, the words side by side in their colours.
        per_char = (high - low) / max(self.size.width - 8, 10)
        column, row_y = 1, ceiling - 0.5 * (ceiling - floor) / max(self.size.height - 4, 3)
        # Where the loss falls for ever along the weight its floor is a limit, never reached.
        floor_name = "minimum" if np.isfinite(piece.center) else "infimum"
        legend = [
            (f"data loss (above its {floor_name})", LOSS_COLORS["data loss"]),
            ("penalty", LOSS_COLORS["penalty"]),
            ("sum: * its minimum, ● the weight now", LOSS_COLORS["objective"]),
        ]
        for name, color in legend:
            plt.text(name, low + column * per_char, row_y, color=color, alignment="left")
            column += len(name) + 2
