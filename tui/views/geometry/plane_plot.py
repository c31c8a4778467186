"""The two-weight picture: data-loss ellipses, the penalty's level set, optima and the path."""

from __future__ import annotations

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine.geometry import PlaneView, Polyline
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import LOSS_COLORS, MARKER_COLOR, ZERO_LINE_COLOR

CONTOUR_COLOR = (90, 110, 140)
TOUCH_COLOR = (86, 180, 233)
PENALTY_COLOR = LOSS_COLORS["penalty"]
PATH_COLOR = (240, 240, 240)


class PlanePlot(FastPlot):
    """``w_j`` against ``w_i`` at equal scale: a circle looks round, a diamond square."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(marker=marker, **kwargs)  # type: ignore[arg-type]
        self._view: PlaneView | None = None
        self._penalty_set: tuple[Polyline, ...] = ()
        self._path = np.zeros((0, 2))
        self._names = ("", "")

    def show(
        self,
        view: PlaneView,
        penalty_set: tuple[Polyline, ...],
        path: np.ndarray,
        names: tuple[str, str],
    ) -> None:
        """``penalty_set`` is drawn through the iterate; ``path`` is (points x 2)."""
        self._view, self._penalty_set, self._path, self._names = view, penalty_set, path, names
        self.replot()

    def draw(self, plt: Plot) -> None:
        view = self._view
        if view is None:
            return
        # Whole curves in view: an ellipse cut to a sliver reads as two straight lines.
        curves = [np.column_stack(line) for lines in view.contours for line in lines]
        curves += [np.column_stack(line) for line in self._penalty_set]
        centers = [] if view.center is None else [view.center]
        key_points = np.vstack(
            [*centers, view.optimum, view.point, [0.0, 0.0], self._path, *curves]
        )
        key_points = key_points[np.isfinite(key_points).all(axis=1)]  # NaN breaks grid contours
        xlim, ylim = equal_scale_limits(key_points, self.size.width - 8, self.size.height - 4)
        plt.xlim(*xlim)
        plt.ylim(*ylim)
        plt.xlabel(f"w_i = {self._names[0]}")
        plt.title(f"w_j = {self._names[1]} (vertical) against w_i = {self._names[0]}")
        plt.hline(0.0, color=ZERO_LINE_COLOR)
        plt.vline(0.0, color=ZERO_LINE_COLOR)
        for contour in view.contours:
            self._polylines(contour, CONTOUR_COLOR, xlim, ylim)
        self._polylines(view.optimum_contour, TOUCH_COLOR, xlim, ylim)
        self._polylines(self._penalty_set, PENALTY_COLOR, xlim, ylim)
        if len(self._path) > 1:
            self._polylines(((self._path[:, 0], self._path[:, 1]),), PATH_COLOR, xlim, ylim)
        # The two labels point away from each other, so they never overlap when the optimum
        # lies close to the centre: the left one's text runs left, the right one's right.
        marks = [("optimum", "*", view.optimum, TOUCH_COLOR)] if view.has_optimum else []
        if view.center is not None:
            name = "least squares" if view.quadratic else "unpenalized"
            marks.append((name, "+", view.center, MARKER_COLOR))
        labels = sorted(marks, key=lambda label: label[2][0])
        for (name, mark, (x, y), color), leftwards in zip(labels, (True, False), strict=False):
            text = f"{name} {mark}" if leftwards else f"{mark} {name}"
            plt.text(text, x, y, color=color, alignment="right" if leftwards else "left")
        plt.text("●", *view.point, color=PATH_COLOR, alignment="center")

    def _polylines(
        self,
        lines: tuple[Polyline, ...],
        color: tuple[int, int, int],
        xlim: tuple[float, float],
        ylim: tuple[float, float],
    ) -> None:
        for x, y in lines:
            if len(x) > 1:
                self.braille_lines_xy(x, y, color, xlim, ylim)


def equal_scale_limits(
    points: np.ndarray, columns: int, rows: int, margin: float = 0.15
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Limits holding ``points`` with one data unit as long across as up: a braille cell is
    2 dots wide and 4 high, and about twice as high as wide, so dots are square."""
    low, high = points.min(axis=0), points.max(axis=0)
    middle, half = (low + high) / 2, np.maximum((high - low) / 2, 1e-9) * (1 + margin)
    dots_x, dots_y = 2 * max(columns, 1), 4 * max(rows, 1)
    per_dot = max(half[0] / dots_x, half[1] / dots_y)
    half_x, half_y = per_dot * dots_x, per_dot * dots_y
    return (middle[0] - half_x, middle[0] + half_x), (middle[1] - half_y, middle[1] + half_y)
