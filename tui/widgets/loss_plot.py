"""Data loss, penalty ``lam * R(w)`` and their sum, the objective, over the steps."""

from __future__ import annotations

import numpy as np
from textual_plotext import Plot

from engine import Session
from tui.palette import LOSS_COLORS
from tui.widgets.braille import LineMarker
from tui.widgets.fast_plot import FastPlot
from tui.widgets.time_axis import draw_line_end_labels, draw_markers, label_room, step_ticks


class LossPlot(FastPlot):
    """Three labelled lines; the current values are in the title."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(marker=marker, **kwargs)  # type: ignore[arg-type]
        self._session: Session | None = None

    def show(self, session: Session) -> None:
        """Draw ``session`` at the next repaint."""
        self._session = session
        self.replot()

    def draw(self, plt: Plot) -> None:
        if self._session is None:
            return
        trace = self._session.history.read(max_points=2 * self.size.width)
        series = {
            "objective": trace.objective,
            "data loss": trace.data_loss,
            "penalty": trace.penalty_value,
        }
        plt.title("  ".join(f"{name} {values[-1]:.5g}" for name, values in series.items()))
        steps = trace.step
        x0, x1 = float(steps[0]), max(float(steps[-1]), float(steps[0]) + 1.0)
        high = max(float(values.max()) for values in series.values())
        low = min(min(float(values.min()) for values in series.values()), 0.0)
        high += 0.08 * (high - low) or 1.0
        room = label_room(x0, x1, self.size.width, max(len(name) for name in series))
        plt.xlim(x0, x1 + room)
        step_ticks(plt, x0, x1)
        plt.ylim(low, high)
        draw_markers(plt, self._session.markers, x0, x1, high)
        colors = [LOSS_COLORS[name] for name in series]
        ys = np.vstack(list(series.values()))
        self.braille_lines(steps, ys, colors, (x0, x1 + room), (low, high))
        labels = [(float(values[-1]), name, LOSS_COLORS[name]) for name, values in series.items()]
        draw_line_end_labels(plt, labels, x1 + room * 0.08, low, high, max(self.size.height - 4, 2))
