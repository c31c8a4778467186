"""The cross-validated error under the path: its mean over the folds and one standard error
either side, against the same lam axis, with glmnet's lam.min and lam.1se marked."""

from __future__ import annotations

import math

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine import RegularizationPath
from l1l2_tui.engine.cross_validation import CrossValidation
from l1l2_tui.rendering.axis import value_axis
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import app_palette
from l1l2_tui.views.path.path_plot import lam_axes, name_width
from l1l2_tui.views.path.words import error_name


class CVPlot(FastPlot):
    """The mean held-out error in the data loss's colour between the mean plus and minus one
    standard error in grey (dashed without colour), a line at lam.min and one at lam.1se, each
    labelled with its count of nonzero weights, and the run's lam; lined up with the
    :class:`~l1l2_tui.views.path.path_plot.PathPlot` above it."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(marker=marker, **kwargs)  # type: ignore[arg-type]
        self._path: RegularizationPath | None = None
        self._cv: CrossValidation | None = None
        self._names: tuple[str, ...] = ()
        self._lam = 0.0

    def show(
        self,
        path: RegularizationPath | None,
        cv: CrossValidation | None,
        names: tuple[str, ...],
        lam: float,
    ) -> None:
        if path is self._path and cv is self._cv and names == self._names and lam == self._lam:
            return
        self._path, self._cv, self._names, self._lam = path, cv, names, lam
        self.replot()

    def draw(self, plt: Plot) -> None:
        path, cv = self._path, self._cv
        if path is None or cv is None:
            return
        x = -np.log10(cv.lams)
        mean, se = cv.mean, cv.standard_error
        low, high = float((mean - se).min()), float((mean + se).max())
        pad = 0.1 * (high - low) or 0.1 * abs(high) or 1.0
        folds = cv.fold_errors.shape[0]
        plt.xlabel(f"{folds}-fold CV {error_name(cv.loss)}: mean ± 1 standard error")
        y = value_axis(low - pad, high + pad, self.canvas_rows(plt))
        x_axis, y, _ = lam_axes(self, path, y, name_width(path, self._names))
        self.set_axes(plt, x_axis, y)
        colors = app_palette(self.app)
        current = -math.log10(self._lam) if self._lam > 0 else None
        if current is not None and x[0] <= current <= x[-1]:
            self.vline(current, colors.marker)
        x_min, x_1se = -math.log10(cv.lam_min), -math.log10(cv.lam_1se)
        self.vline(x_min, colors.held)
        self.vline(x_1se, colors.penalty)
        self.lines(x, np.vstack([mean - se, mean + se]), [colors.zero] * 2, dash=1)
        self.lines(x, mean[None, :], [colors.data_loss], dash=0)
        top = y.centre(y.cells - 1)
        # lam.1se is at or left of lam.min: its label leans left, lam.min's right.
        step = x_axis.per_cell
        self.label(f"1se: {cv.nonzero_1se} nonzero", x_1se - step, top, colors.penalty, "right")
        self.label(f"min: {cv.nonzero_min} nonzero", x_min + step, top, colors.held, "left")
