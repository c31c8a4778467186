"""Coefficients against lam, glmnet style: log10(lam) on a linear axis, lam_max on the left."""

from __future__ import annotations

import math

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine import RegularizationPath
from l1l2_tui.engine.homotopy import PathEvent
from l1l2_tui.rendering.axis import Axis, value_axis
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import app_palette
from l1l2_tui.rendering.time_axis import StepAxes, draw_line_end_labels
from l1l2_tui.widgets.trajectories import MAX_LINES, shown_weights

COUNT_LABELS = 6
"""How many nonzero counts to write along the top."""
Y_LABEL_WIDTH = 7
"""The width the value ticks' labels are padded to, the same in the path and its error plot."""


class PathPlot(FastPlot):
    """One line per weight over log10(lam) (plotext log scales break on repeated builds), the
    nonzero count along the top, a marker at the run's current lam, and each weight's name on
    its line's row at the right."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(marker=marker, **kwargs)  # type: ignore[arg-type]
        self._path: RegularizationPath | None = None
        self._names: tuple[str, ...] = ()
        self._lam = 0.0
        self._events: tuple[PathEvent, ...] = ()

    def show(
        self,
        path: RegularizationPath | None,
        names: tuple[str, ...],
        lam: float,
        events: tuple[PathEvent, ...] = (),
    ) -> None:
        """``events``: where weights enter or leave 0 on an exact path, each marked ● on the
        zero line in its weight's colour."""
        same = (names, lam, events) == (self._names, self._lam, self._events)
        if path is self._path and same:
            return
        self._path, self._names, self._lam, self._events = path, names, lam, events
        self.replot()

    def draw(self, plt: Plot) -> None:
        path = self._path
        if path is None:
            return
        # lam_max on the left, as glmnet and scikit-learn draw it: the axis runs over -log10(lam).
        x = -np.log10(path.lams)
        weights = path.weights
        shown = shown_weights(np.abs(weights).max(axis=0), MAX_LINES)
        low = min(float(weights[:, shown].min()), 0.0)
        high = max(float(weights[:, shown].max()), 0.0)
        pad = 0.1 * (high - low) or 1.0
        plt.xlabel("lam (log scale, lam_max on the left)")
        y = value_axis(low - pad, high + pad, self.canvas_rows(plt))
        x_axis, y, data_columns = lam_axes(self, path, y, name_width(path, self._names))
        self.set_axes(plt, x_axis, y)
        colors = app_palette(self.app)
        self.hline(0.0, colors.zero)
        current = -math.log10(self._lam) if self._lam > 0 else None
        if current is not None and x[0] <= current <= x[-1]:
            self.vline(current, colors.marker)
            self.label(f"lam {self._lam:.3g}", current, y.centre(0), colors.marker)
        indices = np.linspace(0, len(x) - 1, COUNT_LABELS).round().astype(int)
        for k, i in enumerate(indices):
            # The end labels lean inwards: centred on the plot's edge, they lose a digit.
            align = "left" if k == 0 else "right" if k == len(indices) - 1 else "center"
            top = y.centre(y.cells - 1)
            self.label(str(int(path.nonzero[i])), float(x[i]), top, colors.marker, align)
        self.lines(x, weights[:, shown].T, [colors.weight(j) for j in shown])
        for event in self._events:
            at = -math.log10(event.lam) if event.lam > 0 else math.inf
            if x[0] <= at <= x[-1]:
                self.label("●", at, 0.0, colors.weight(event.feature), "center")
        ends = weights[-1, shown]
        labels = [
            (float(v), self._names[j], colors.weight(j)) for j, v in zip(shown, ends, strict=True)
        ]
        draw_line_end_labels(self, StepAxes(x_axis, y, data_columns + 1), labels)


def name_width(path: RegularizationPath, names: tuple[str, ...]) -> int:
    """The width of the longest name of the weights the path plot draws, at its right."""
    shown = shown_weights(np.abs(path.weights).max(axis=0), MAX_LINES)
    return max((len(names[j]) for j in shown), default=0)


def lam_axes(
    plot: FastPlot, path: RegularizationPath, y: Axis, label_width: int
) -> tuple[Axis, Axis, int]:
    """The lam axis over ``path``'s grid beside ``y`` (its tick labels padded to
    :data:`Y_LABEL_WIDTH`), leaving ``label_width + 2`` columns at the right, and the number of
    columns the data takes: plots of one width that are given the same ``label_width`` put each
    lam in the same column, so the error curve under the path lines up with it."""
    width = max([Y_LABEL_WIDTH, *map(len, y.labels)])
    y = y._replace(labels=tuple(label.rjust(width) for label in y.labels))
    columns = plot.canvas_columns(y)
    data_columns = max(columns - label_width - 2, 2)
    x = -np.log10(path.lams)
    return lam_axis(float(x[0]), float(x[-1]), data_columns, columns), y, data_columns


def lam_axis(left: float, right: float, data_columns: int, columns: int) -> Axis:
    """The axis over ``-log10(lam)`` from ``left`` (lam_max) to ``right`` in the first
    ``data_columns`` columns, ticked at round lams: the powers of ten in range, and 2 and 5
    times them when fewer than three powers are."""
    data_columns = max(data_columns, 2)
    per_cell = (right - left) / (data_columns - 1) if right > left else 1.0
    lam_high, lam_low = 10.0**-left, 10.0**-right
    ticks: list[float] = []
    for mantissas in ((1.0,), (1.0, 2.0, 5.0)):
        ticks = [
            m * 10.0**power
            for power in range(math.floor(math.log10(lam_low)), math.ceil(math.log10(lam_high)) + 1)
            for m in mantissas
            if lam_low <= m * 10.0**power <= lam_high
        ]
        if len(ticks) >= 3:
            break
    labels = tuple(f"{lam:g}" for lam in ticks)
    return Axis(left, 0, per_cell, max(columns, 1), tuple(-math.log10(t) for t in ticks), labels)
