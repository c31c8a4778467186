"""Each weight's value over the steps, labelled at the line ends, with settings changes marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from textual.binding import Binding
from textual_plotext import Plot

from l1l2_tui.engine import Session
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import RGB, Palette, app_palette
from l1l2_tui.rendering.time_axis import (
    StickyRange,
    axes_over_steps,
    draw_line_end_labels,
    step_window,
)

if TYPE_CHECKING:
    from l1l2_tui.views.run_screen import RunScreen

MAX_LINES = 16
"""More weights than this: draw the largest |w| and say how many are hidden."""
WINDOW_BINDING = Binding(
    "t",
    "toggle_window",
    "Whole run",
    tooltip="The plots over the steps: the whole run, or the run around the last change",
)
"""The key of the screens that plot over the steps."""


def window_applies(session: Session) -> bool:
    """Whether `WINDOW_BINDING` means anything for ``session``: only a run with a settings
    change has a window around it (so the key is off the bar before the first change)."""
    return bool(session.markers)


def toggle_window(screen: RunScreen) -> None:
    """Show the whole run on ``screen``'s plots over the steps, or back the run around the
    last settings change; every such screen follows."""
    screen.control.whole_run = not screen.control.whole_run
    screen.redraw(force=True)


class WeightTrajectoryPlot(FastPlot):
    """One line per weight over the steps, in the weight's own colour: each column from the
    lowest to the highest value the weight took in the steps it covers."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(marker=marker, **kwargs)  # type: ignore[arg-type]
        self._session: Session | None = None
        self._y_range: tuple[float, float] | None = None
        self._whole_run = False
        self._weight_axis = StickyRange()
        self._drawn_step = 0

    def show(
        self,
        session: Session,
        y_range: tuple[float, float] | None = None,
        whole_run: bool = False,
    ) -> None:
        """Draw ``session`` at the next repaint; ``y_range`` fixes the weight axis (so two
        panels side by side share a scale), else it fits the weights drawn. ``whole_run``
        shows the whole run rather than the run around the last settings change."""
        self._session, self._y_range, self._whole_run = session, y_range, whole_run
        self.replot()

    def draw(self, plt: Plot) -> None:
        session = self._session
        if session is None:
            return
        window = step_window(session.step_count, session.markers, self._whole_run)
        trace = window.read(session, self.size.width)
        assert trace.low is not None and trace.high is not None
        last = trace.weights[-1]
        shown = shown_weights(last, MAX_LINES)
        hidden = len(last) - len(shown)
        title = "Weights w_j over steps"
        plt.title(title + (f"  ({hidden} smallest of {len(last)} hidden)" if hidden else ""))

        if session.step_count < self._drawn_step:
            self._weight_axis.clear()  # a new run: fit it at once
        self._drawn_step = session.step_count
        low, high = self._y_range or window_range(trace.low.weights, trace.high.weights, shown)
        pad = 0.06 * (high - low) or 1.0
        low, high = self._weight_axis.update(low - pad, high + pad)
        names = session.problem.feature_names
        colors = app_palette(self.app)
        axes = axes_over_steps(
            self,
            plt,
            window,
            label_columns(names),
            (low, high),
            session.markers,
            True,
            {"zero": colors.zero, "marker": colors.marker},
        )
        self.envelopes(
            trace.step,
            trace.low.weights[:, shown].T,
            trace.high.weights[:, shown].T,
            [colors.weight(j) for j in shown],
        )
        draw_line_end_labels(self, axes, line_end_labels(last, shown, names, colors))


def drawn_range(session: Session, whole_run: bool, width: int) -> tuple[float, float]:
    """The range of the weights a panel ``width`` cells wide draws for ``session`` (and 0)."""
    window = step_window(session.step_count, session.markers, whole_run)
    trace = window.read(session, width)
    assert trace.low is not None and trace.high is not None
    shown = shown_weights(trace.weights[-1], MAX_LINES)
    return window_range(trace.low.weights, trace.high.weights, shown)


def weight_range(weights: np.ndarray) -> tuple[float, float]:
    """The range of ``weights``, stretched to include 0."""
    return min(float(weights.min(initial=0.0)), 0.0), max(float(weights.max(initial=0.0)), 0.0)


def window_range(low: np.ndarray, high: np.ndarray, shown: list[int]) -> tuple[float, float]:
    """The range of the weights ``shown`` from their lowest to their highest, and 0."""
    return weight_range(low[:, shown])[0], weight_range(high[:, shown])[1]


def shown_weights(last: np.ndarray, limit: int) -> list[int]:
    """Indices of the ``limit`` largest ``|w_j|`` (all when there are few), in index order."""
    if len(last) <= limit:
        return list(range(len(last)))
    return sorted(np.argsort(-np.abs(last), kind="stable")[:limit].tolist())


def label_columns(names: tuple[str, ...]) -> int:
    """The widest label `line_end_labels` can give for these features, so the room kept for
    the labels does not change (and rescale the step axis) as weights reach zero."""
    return max(max((len(name) for name in names), default=0) + 2, len(f"{len(names)} at 0"))


def line_end_labels(
    last: np.ndarray, shown: list[int], names: tuple[str, ...], colors: Palette
) -> list[tuple[float, str, RGB]]:
    """``(y, text, colour)`` per label: one per nonzero weight, one for all exact zeros."""
    labels = [(float(last[j]), names[j], colors.weight(j)) for j in shown if last[j] != 0.0]
    zeros = [j for j in shown if last[j] == 0.0]
    if len(zeros) == 1:
        labels.append((0.0, f"{names[zeros[0]]}=0", colors.weight(zeros[0])))
    elif zeros:
        labels.append((0.0, f"{len(zeros)} at 0", colors.zero))
    return labels
