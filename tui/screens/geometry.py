"""The "Geometry" view: the two-weight picture of why L1's optimum lands on an axis."""

from __future__ import annotations

from itertools import combinations
from typing import ClassVar

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from engine.geometry import PlaneView, penalty_level_set
from tui.screens.view_screen import BACK, ViewScreen
from tui.widgets.plane_plot import PlanePlot

MAX_PAIRS = 10


class GeometryScreen(ViewScreen):
    TITLE = "Geometry: data-loss ellipses and the penalty's level set in the plane of two weights"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "next_pair", "Next pair", tooltip="Show the next pair of features"),
    ]
    OWN_ACTIONS: ClassVar[tuple[str, ...]] = (BACK, "next_pair")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._pairs = feature_pairs(np.abs(self.session.loss.c))
        self._pair = 0
        self._view: tuple[object, PlaneView] | None = None

    def compose_body(self) -> ComposeResult:
        yield PlanePlot(marker=self.marker, id="plane")

    @property
    def pair(self) -> tuple[int, int]:
        return self._pairs[self._pair]

    def plane_view(self) -> PlaneView:
        i, j = self.pair
        return PlaneView.from_weights(
            self.session.loss, self.session.penalty, self.session.weights, i, j
        )

    def show(self) -> None:
        i, j = self.pair
        session = self.session
        view = self.plane_view()
        trace = session.history.read(max_points=400)
        path = trace.weights[:, [i, j]]
        names = session.problem.feature_names
        penalty_set = penalty_level_set(session.penalty, view.point)
        self.query_one(PlanePlot).show(view, penalty_set, path, (names[i], names[j]))

    def action_next_pair(self) -> None:
        self._pair = (self._pair + 1) % len(self._pairs)
        self.redraw(force=True)

    def narration(self) -> str:
        session = self.session
        view = self.plane_view()
        names = session.problem.feature_names
        i, j = self.pair
        kind = session.penalty.kind
        if kind == "none":
            return "No penalty: the descent heads for the least-squares centre of the ellipses."
        on_axis = [names[k] for k, v in zip((i, j), view.optimum, strict=True) if v == 0.0]
        shape = {"l1": "diamond", "l2": "circle", "elasticnet": "rounded diamond"}[kind]
        if on_axis:
            return (
                f"{session.penalty.label}: the smallest ellipse touches the {shape} at a corner, "
                f"on an axis: the optimum has {' and '.join(on_axis)} exactly 0."
            )
        return (
            f"{session.penalty.label}: the ellipse touches the {shape} off the axes: both "
            f"{names[i]} and {names[j]} stay nonzero."
            + (" A circle has no corners to catch a weight at 0." if kind == "l2" else "")
        )


def feature_pairs(importance: np.ndarray) -> list[tuple[int, int]]:
    """Pairs of features, the most important first (by the sum of ``importance``)."""
    top = np.argsort(-importance, kind="stable")[: MAX_PAIRS + 1]
    pairs = combinations(sorted(top.tolist()), 2)
    ranked = sorted(pairs, key=lambda p: -(importance[p[0]] + importance[p[1]]))
    return ranked[:MAX_PAIRS]
