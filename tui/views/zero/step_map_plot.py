"""The step's map, live: where each weight's gradient-stepped value ``v`` is sent."""

from __future__ import annotations

import numpy as np
from textual_plotext import Plot

from l1l2_tui.engine.optimizers import StepMapKind
from l1l2_tui.engine.penalties import Penalty
from l1l2_tui.rendering.axis import value_axis
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.fast_plot import FastPlot
from l1l2_tui.rendering.palette import app_palette
from l1l2_tui.views.zero.slice_plot import MAX_SPAN


class StepMapPlot(FastPlot):
    """``v -> prox(v)`` for the proximal methods: flat on the penalty's dead zone (``[-lr a,
    lr a]``), so every weight whose ``v`` falls inside lands on exactly 0. Under subgradient steps
    the new weight is ``v - lr s(w)``: shifted by ``lr a`` one way or the other by the sign of ``w``
    (two lines; the squared part's ``2 lr q w`` moves the dots off them), and no dead zone. The
    clipping step (sgd-clip) is that step with 0 where the sign flipped: each line runs flat
    at 0 from where it crosses 0. TensorFlow Playground's rule (playground) clips only the
    penalty's part: a ``v`` within ``lr a`` of 0 on the weight's own side goes to 0 (and the
    weight freezes there), one across 0 keeps the shifted value. The cumulative penalty clips
    each weight by what its own penalty still owes, so it has no one map: only the dots are
    drawn; so are Adam's (``u`` its step before the prox: adam-decoupled's map is the prox at
    ``lr``, drawn as ``prox``), and coordinate descent's (``w`` to the next ``w``: one dot leaves
    the diagonal).

    Each weight is a dot at ``(v_j, its next value)``."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(marker=marker, **kwargs)  # type: ignore[arg-type]
        self._key: tuple[object, ...] | None = None

    def show(
        self,
        v: np.ndarray,
        next_weights: np.ndarray,
        penalty: Penalty,
        lr: float,
        kind: StepMapKind,
    ) -> None:
        """``lr`` is the next step's size (a stochastic optimizer's scheduled one)."""
        key = (tuple(v), tuple(next_weights), penalty, lr, kind)
        if key == self._key:
            return
        self._key = key
        self._v, self._next, self._penalty, self._lr, self._kind = (
            v,
            next_weights,
            penalty,
            lr,
            kind,
        )
        self.replot()

    def draw(self, plt: Plot) -> None:
        if self._key is None:
            return
        v, after, penalty, lr = self._v, self._next, self._penalty, self._lr
        zone = penalty.dead_zone(lr)
        # Zoomed on the dead zone: weights further out sit on the edge, where the map is a line.
        reach = float(np.abs(v).max(initial=0.0))
        span = 1.2 * max(min(reach, 6.0 * zone) if zone > 0 else reach, 3.0 * zone, 1e-12)
        span = min(span, MAX_SPAN) if np.isfinite(span) else MAX_SPAN
        x = np.linspace(-span, span, 241)
        title = {
            "prox": "The step's map: v = w - lr·g  ->  prox(v)",
            "subgradient": "Subgradient: v -> v - lr·a·sign(w), no dead zone",
            "clip": "Clip: v - lr·a·sign(w), then 0 if the sign flipped",
            "penalty-clip": "Playground: v - lr·a·sign(w), 0 if that part crossed 0",
            "adam": "Adam: u = w - s·m on g alone; its L1 pull moves w off u, no dead zone",
            "metric": "Adam's metric: u -> prox at each weight's own step s_j",
            "coordinate": "cd: w -> next w; one weight moves, to its minimum along it",
        }.get(self._kind, "Cumulative: w clipped toward 0 by the L1 it still owes")
        plt.title(title)
        v_axis = value_axis(-span, span, self.canvas_rows(plt))
        self.set_axes(plt, value_axis(-span, span, self.canvas_columns(v_axis), True), v_axis)
        colors = app_palette(self.app)
        self.hline(0.0, colors.zero)
        self.vline(0.0, colors.zero)
        shift = lr * penalty.capacity_at_zero()
        if self._kind == "prox":
            self.lines(x, penalty.prox(x, lr)[None, :], [colors.objective])
            if 0 < zone < span:  # a zone wider than the axis (a huge lr) has no edge to draw
                for edge in (-zone, zone):
                    self.vline(edge, colors.marker)
                self.label("dead zone", 0.0, -0.5 * span, colors.marker, "center")
        elif self._kind == "coordinate":  # every weight but one stays where it is
            self.lines(x, x[None, :], [colors.objective])
        elif self._kind in ("subgradient", "clip", "penalty-clip"):
            right, left = x - shift, x + shift  # for w > 0 and for w < 0
            if self._kind == "clip":
                right, left = np.maximum(right, 0.0), np.minimum(left, 0.0)
            if self._kind == "penalty-clip":
                right = np.where((x > 0) & (right < 0), 0.0, right)
                left = np.where((x < 0) & (left > 0), 0.0, left)
            lines = np.vstack([right, left]) if shift > 0 else x[None, :]
            self.lines(x, lines, [colors.objective] * len(lines))
            if shift > 0:
                self.label("w > 0", 0.6 * span, 0.6 * span - shift, colors.marker)
                self.label("w < 0", -0.6 * span, -0.6 * span + shift, colors.marker, "right")
        for j, (vj, wj) in enumerate(zip(v, after, strict=True)):
            x_dot, y_dot = float(np.clip(vj, -span, span)), float(np.clip(wj, -span, span))
            self.label("●", x_dot, y_dot, colors.weight(j), "center")
