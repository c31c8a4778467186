"""Data loss, penalty ``lam * R(w)`` and their sum, the objective, over the steps."""

from __future__ import annotations

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine import Session
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import app_palette
from l1l2_tui.rendering.time_axis import (
    StickyRange,
    axes_over_steps,
    draw_line_end_labels,
    step_window,
)
from l1l2_tui.terminal.link import on_slow_link

SERIES = ("objective", "data loss", "penalty")


class LossPlot(FastPlot):
    """Three labelled lines (dashed differently under ``NO_COLOR``); the current values are in
    the title."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(marker=marker, **kwargs)  # type: ignore[arg-type]
        self._session: Session | None = None
        self._whole_run = False
        self._value_axis = StickyRange()
        self._drawn_step = 0

    def show(self, session: Session, whole_run: bool = False) -> None:
        """Draw ``session`` at the next repaint (``whole_run``: as the weights' panel)."""
        self._session, self._whole_run = session, whole_run
        self.replot()

    def draw(self, plt: Plot) -> None:
        session = self._session
        if session is None:
            return
        window = step_window(session.step_count, session.markers, self._whole_run)
        trace = window.read(session, self.size.width)
        assert trace.low is not None and trace.high is not None

        def series(of: object) -> np.ndarray:
            return np.vstack([of.objective, of.data_loss, of.penalty_value])  # type: ignore[attr-defined]

        values, lows, highs = series(trace), series(trace.low), series(trace.high)
        # Trailing zeros kept ("#"): the centred title keeps its width and does not shift. Three
        # figures on a slow link, where five would change every frame.
        digits = 3 if on_slow_link(self) else 5
        plt.title(
            "  ".join(f"{name} {v[-1]:#.{digits}g}" for name, v in zip(SERIES, values, strict=True))
        )
        if session.step_count < self._drawn_step:
            self._value_axis.clear()  # a new run: fit it at once
        self._drawn_step = session.step_count
        high = float(highs.max())
        low = min(float(lows.min()), 0.0)
        high += 0.08 * (high - low) or 1.0
        low, high = self._value_axis.update(low, high)
        colors = app_palette(self.app)
        by_name = colors.losses
        axes = axes_over_steps(
            self,
            plt,
            window,
            max(len(name) for name in SERIES),
            (low, high),
            session.markers,
            False,
            {"zero": colors.zero, "marker": colors.marker},
        )
        self.envelopes(trace.step, lows, highs, [by_name[name] for name in SERIES], dash=0)
        labels = [
            (float(v[-1]), name, by_name[name]) for name, v in zip(SERIES, values, strict=True)
        ]
        # Three labels, each worth its place: as far left as two of them need.
        draw_line_end_labels(self, axes, labels, reach=2)
