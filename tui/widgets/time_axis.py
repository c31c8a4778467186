"""Shared pieces of the plots whose x axis is the step."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from textual_plotext import Plot

from engine import Marker
from tui.palette import MARKER_COLOR

Y_TICK_COLUMNS = 8
"""About how many columns plotext gives the y tick labels and the frame."""


def draw_markers(plt: Plot, markers: Iterable[Marker], x0: float, x1: float, top: float) -> None:
    """A vertical line and a label at each settings change inside ``[x0, x1]``."""
    for marker in markers:
        if x0 < marker.step <= x1:
            plt.vline(marker.step, color=MARKER_COLOR)
            plt.text(marker.label, marker.step, top, color=MARKER_COLOR, alignment="left")


def step_ticks(plt: Plot, x0: float, x1: float, count: int = 5) -> None:
    """Whole-number step ticks from ``x0`` to ``x1``: steps are counted, never fractional."""
    ticks = sorted({round(x) for x in np.linspace(x0, x1, count)})
    plt.xticks(ticks, [str(t) for t in ticks])


def label_room(x0: float, x1: float, width: int, label_columns: int) -> float:
    """How far past ``x1`` the x axis must reach to leave ``label_columns`` columns free."""
    if label_columns <= 0:
        return 0.0
    columns = label_columns + 2
    plot_columns = max(width - Y_TICK_COLUMNS - columns, 1)
    return (x1 - x0) * columns / plot_columns


def draw_line_end_labels(
    plt: Plot,
    labels: list[tuple[float, str, tuple[int, int, int]]],
    x: float,
    low: float,
    high: float,
    rows: int,
) -> None:
    """Write each ``(y, text, colour)`` label at ``x``, moved apart so none overlap."""
    heights = spread_labels([y for y, _, _ in labels], low, high, rows)
    for (_, text, color), y in zip(labels, heights, strict=True):
        plt.text(text, x, y, color=color, style="bold", alignment="left")


def spread_labels(ys: list[float], low: float, high: float, rows: int) -> list[float]:
    """Move label heights apart so no two share a terminal row, staying near their lines."""
    if not ys:
        return []
    gap = (high - low) / max(rows - 1, 1)
    order = sorted(range(len(ys)), key=lambda i: ys[i], reverse=True)
    placed = [0.0] * len(ys)
    previous = None
    for i in order:
        y = ys[i] if previous is None else min(ys[i], previous - gap)
        placed[i] = previous = y
    overflow = low + 0.5 * gap - min(placed)
    if overflow > 0:
        placed = [min(y + overflow, high - 0.5 * gap) for y in placed]
    return placed
