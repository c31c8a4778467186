"""Data loss, penalty ``lam * R(w)`` and their sum, the objective, over the steps."""

from __future__ import annotations

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine import Session
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import LOSS_COLORS
from l1l2_tui.rendering.time_axis import (
    StickyRange,
    axes_over_steps,
    draw_line_end_labels,
    step_window,
)
from l1l2_tui.terminal.link import on_slow_link


class LossPlot(FastPlot):
    """Three labelled lines; the current values are in the title."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(marker=marker, **kwargs)  # type: ignore[arg-type]
        self._session: Session | None = None
        self._value_axis = StickyRange()
        self._drawn_step = 0

    def show(self, session: Session) -> None:
        """Draw ``session`` at the next repaint."""
        self._session = session
        self.replot()

    def draw(self, plt: Plot) -> None:
        if self._session is None:
            return
        trace = self._session.history.read()
        window = step_window(trace, self.size.width)
        x0, end, kept = window.x0, window.end, window.kept
        series = {
            "objective": trace.objective[kept],
            "data loss": trace.data_loss[kept],
            "penalty": trace.penalty_value[kept],
        }
        # Trailing zeros kept ("#"): the centred title keeps its width and does not shift. Three
        # figures on a slow link, where five would change every frame.
        digits = 3 if on_slow_link(self) else 5
        plt.title("  ".join(f"{name} {values[-1]:#.{digits}g}" for name, values in series.items()))
        steps = trace.step[kept]
        if steps[-1] < self._drawn_step:
            self._value_axis.clear()  # a new run: fit it at once
        self._drawn_step = int(steps[-1])
        high = max(float(values.max()) for values in series.values())
        low = min(min(float(values.min()) for values in series.values()), 0.0)
        high += 0.08 * (high - low) or 1.0
        low, high = self._value_axis.update(low, high)
        size = (self.size.width, self.size.height)
        label_width = max(len(name) for name in series)
        markers = self._session.markers
        room, rows = axes_over_steps(plt, window, size, label_width, (low, high), markers)
        colors = [LOSS_COLORS[name] for name in series]
        ys = np.vstack(list(series.values()))
        self.braille_lines(steps, ys, colors, (x0, end + room), (low, high))
        labels = [(float(values[-1]), name, LOSS_COLORS[name]) for name, values in series.items()]
        draw_line_end_labels(plt, labels, end + room * 0.08, low, high, rows)
