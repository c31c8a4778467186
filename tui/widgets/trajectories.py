"""Each weight's value over the steps, labelled at the line ends, with settings changes marked."""

from __future__ import annotations

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine import Session
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import ZERO_LINE_COLOR, weight_color
from l1l2_tui.rendering.time_axis import (
    StickyRange,
    axes_over_steps,
    draw_line_end_labels,
    step_window,
)

MAX_LINES = 16
"""More weights than this: draw the largest |w| and say how many are hidden."""


class WeightTrajectoryPlot(FastPlot):
    """One line per weight over the steps, in the weight's own colour."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(marker=marker, **kwargs)  # type: ignore[arg-type]
        self._session: Session | None = None
        self._y_range: tuple[float, float] | None = None
        self._weight_axis = StickyRange()
        self._drawn_step = 0

    def show(self, session: Session, y_range: tuple[float, float] | None = None) -> None:
        """Draw ``session`` at the next repaint; ``y_range`` fixes the weight axis (so two
        panels side by side share a scale), else it fits the weights drawn."""
        self._session, self._y_range = session, y_range
        self.replot()

    def draw(self, plt: Plot) -> None:
        if self._session is None:
            return
        trace = self._session.history.read()
        window = step_window(trace, self.size.width)
        x0, end, kept = window.x0, window.end, window.kept
        steps, weights = trace.step[kept], trace.weights[kept]
        last = weights[-1]
        shown = shown_weights(last, MAX_LINES)
        hidden = len(last) - len(shown)
        title = "Weights w_j over steps"
        plt.title(title + (f"  ({hidden} smallest of {len(last)} hidden)" if hidden else ""))

        if steps[-1] < self._drawn_step:
            self._weight_axis.clear()  # a new run: fit it at once
        self._drawn_step = int(steps[-1])
        low, high = self._y_range or weight_range(weights[:, shown])
        pad = 0.06 * (high - low) or 1.0
        low, high = self._weight_axis.update(low - pad, high + pad)
        names = self._session.problem.feature_names
        labels = line_end_labels(last, shown, names)
        size = (self.size.width, self.size.height)
        room, rows = axes_over_steps(
            plt, window, size, label_columns(names), (low, high), self._session.markers, True
        )
        colors = [weight_color(j) for j in shown]
        self.braille_lines(steps, weights[:, shown].T, colors, (x0, end + room), (low, high))
        draw_line_end_labels(plt, labels, end + room * 0.08, low, high, rows)


def weight_range(weights: np.ndarray) -> tuple[float, float]:
    """The range of ``weights``, stretched to include 0."""
    return min(float(weights.min(initial=0.0)), 0.0), max(float(weights.max(initial=0.0)), 0.0)


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
    last: np.ndarray, shown: list[int], names: tuple[str, ...]
) -> list[tuple[float, str, tuple[int, int, int]]]:
    """``(y, text, colour)`` per label: one per nonzero weight, one for all exact zeros."""
    labels = [(float(last[j]), names[j], weight_color(j)) for j in shown if last[j] != 0.0]
    zeros = [j for j in shown if last[j] == 0.0]
    if len(zeros) == 1:
        labels.append((0.0, f"{names[zeros[0]]}=0", weight_color(zeros[0])))
    elif zeros:
        labels.append((0.0, f"{len(zeros)} at 0", ZERO_LINE_COLOR))
    return labels
