"""The two-weight picture: data-loss ellipses, the penalty's level set, optima and the path."""

from __future__ import annotations

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine.geometry import PlaneView, Polyline
from l1l2_tui.rendering.axis import Axis, equal_scale_axes
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import RGB, app_palette

MARGIN = 1.15
"""How much room the axes leave around the curves and points."""


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
        """``penalty_set`` is the penalty's level set through the plane's optimum, where the
        data loss's level set through it (``view.optimum_contour``) touches it, as the caption
        says; ``path`` is (points x 2)."""
        self._view, self._penalty_set, self._path, self._names = view, penalty_set, path, names
        self.replot()

    @property
    def penalty_set(self) -> tuple[Polyline, ...]:
        """The penalty's level set as drawn."""
        return self._penalty_set

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
        plt.xlabel(f"w_i = {self._names[0]}")
        plt.title(f"w_j = {self._names[1]} (vertical) against w_i = {self._names[0]}")
        x, y = self._axes_for(key_points, self.canvas_rows(plt))
        self.set_axes(plt, x, y)
        colors = app_palette(self.app)
        self.hline(0.0, colors.zero)
        self.vline(0.0, colors.zero)
        for contour in view.contours:
            self._polylines(contour, colors.contour)
        self._polylines(view.optimum_contour, colors.data_loss)
        self._polylines(self._penalty_set, colors.penalty)
        if len(self._path) > 1:
            self._polylines(((self._path[:, 0], self._path[:, 1]),), colors.objective)
        # The two labels point away from each other, so they never overlap when the optimum
        # lies close to the centre: the left one's text runs left, the right one's right.
        marks = [("optimum", "*", view.optimum, colors.data_loss)] if view.has_optimum else []
        if view.center is not None:
            name = "least squares" if view.quadratic else "unpenalized"
            marks.append((name, "+", view.center, colors.marker))
        labels = sorted(marks, key=lambda label: label[2][0])
        for (name, mark, (at_x, at_y), color), leftwards in zip(
            labels, (True, False), strict=False
        ):
            text = f"{name} {mark}" if leftwards else f"{mark} {name}"
            self.label(text, at_x, at_y, color, "right" if leftwards else "left")
        self.label("●", *view.point, colors.objective, "center")

    def _axes_for(self, points: np.ndarray, rows: int) -> tuple[Axis, Axis]:
        """Equal-scale axes holding ``points`` with a margin, sized to the canvas (whose width
        depends on the y tick labels, so it is found in a few rounds)."""
        low, high = points.min(axis=0), points.max(axis=0)
        half = np.maximum((high - low) / 2, 1e-9) * MARGIN
        middle = (low + high) / 2
        box_low, box_high = tuple(middle - half), tuple(middle + half)
        columns = self.size.width - 8
        for _ in range(3):
            x, y = equal_scale_axes(box_low, box_high, columns, rows)
            if self.canvas_columns(y) == columns:
                break
            columns = self.canvas_columns(y)
        return x, y

    def _polylines(self, lines: tuple[Polyline, ...], color: RGB) -> None:
        for x, y in lines:
            if len(x) > 1:
                self.line_xy(x, y, color)
