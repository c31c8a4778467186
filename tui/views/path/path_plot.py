"""Coefficients against lam, glmnet style: log10(lam) on a linear axis, lam_max on the left."""

from __future__ import annotations

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine import RegularizationPath
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import MARKER_COLOR, ZERO_LINE_COLOR, weight_color
from l1l2_tui.rendering.time_axis import spread_labels
from l1l2_tui.widgets.trajectories import MAX_LINES, shown_weights

COUNT_LABELS = 6
"""How many nonzero counts to write along the top."""


class PathPlot(FastPlot):
    """One line per weight over log10(lam) (plotext log scales break on repeated builds), the
    nonzero count along the top, and a marker at the run's current lam."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(marker=marker, **kwargs)  # type: ignore[arg-type]
        self._path: RegularizationPath | None = None
        self._names: tuple[str, ...] = ()
        self._lam = 0.0

    def show(self, path: RegularizationPath | None, names: tuple[str, ...], lam: float) -> None:
        if path is self._path and names == self._names and lam == self._lam:
            return
        self._path, self._names, self._lam = path, names, lam
        self.replot()

    def draw(self, plt: Plot) -> None:
        path = self._path
        if path is None:
            return
        x = np.log10(path.lams)
        weights = path.weights
        shown = shown_weights(np.abs(weights).max(axis=0), MAX_LINES)
        low = min(float(weights[:, shown].min()), 0.0)
        high = max(float(weights[:, shown].max()), 0.0)
        pad = 0.1 * (high - low) or 1.0
        low, high = low - pad, high + pad
        # lam_max on the left, as glmnet and scikit-learn draw it: the axis runs high to low.
        x_left, x_right = float(x[0]), float(x[-1])
        xlim = (-x_left, -x_right)
        plt.xlim(*xlim)
        plt.ylim(low, high)
        ticks = np.linspace(xlim[0], xlim[1], 5)
        plt.xticks(list(ticks), [f"{10**-t:.2g}" for t in ticks])
        plt.xlabel("lam (log scale, lam_max on the left)")
        plt.hline(0.0, color=ZERO_LINE_COLOR)
        current = -np.log10(self._lam) if self._lam > 0 else None
        if current is not None and xlim[0] <= current <= xlim[1]:
            plt.vline(current, color=MARKER_COLOR)
            plt.text(f"lam {self._lam:.3g}", current, low + 0.5 * pad, color=MARKER_COLOR)
        indices = np.linspace(0, len(x) - 1, COUNT_LABELS).round().astype(int)
        for k, i in enumerate(indices):
            # The end labels lean inwards: centred on the plot's edge, they lose a digit.
            align = "left" if k == 0 else "right" if k == len(indices) - 1 else "center"
            plt.text(
                str(int(path.nonzero[i])),
                -x[i],
                high - 0.3 * pad,
                color=MARKER_COLOR,
                alignment=align,
            )
        colors = [weight_color(j) for j in shown]
        self.braille_lines(-x, weights[:, shown].T, colors, xlim, (low, high))
        ends = weights[-1, shown]
        rows = max(self.size.height - 5, 2)
        heights = spread_labels([float(v) for v in ends], low, high, rows)
        for j, y in zip(shown, heights, strict=True):
            plt.text(self._names[j], xlim[1], y, color=weight_color(j), alignment="right")
