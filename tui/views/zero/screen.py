"""The "Zero" view: one weight at a time, the kinked 1D objective, the step's map and the pulls,
and the |w| > w^2 explanation taken apart by changing the target's units."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal

from l1l2_tui.engine import OPTIMIZERS
from l1l2_tui.engine.claims.zero import (
    coordinate_step,
    has_units,
    instructive_weight,
    one_weight_slice,
    slice_minimum,
    units_myth,
)
from l1l2_tui.views.view_screen import BACK, ViewScreen
from l1l2_tui.views.zero.pull_plot import PullPlot
from l1l2_tui.views.zero.slice_plot import SliceObjectivePlot
from l1l2_tui.views.zero.step_map_plot import StepMapPlot
from l1l2_tui.views.zero.words import narrate_coordinate, narrate_zero

UNITS = (1.0, 10.0, 100.0)
"""The target's units the ``u`` key steps through: as given, then 10 and 100 times smaller
(metres, decimetres, centimetres)."""


class ZeroScreen(ViewScreen):
    TITLE = "Zero: one weight, the others held: why L1's minimum can be exactly 0"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "next_weight", "Next weight", tooltip="Show the next weight"),
        Binding("u", "units", "Units ×10", tooltip="The target in units 10 times smaller"),
    ]
    OWN_ACTIONS: ClassVar[tuple[str, ...]] = (BACK, "next_weight", "units")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.feature = instructive_weight(self.session)
        self.factor = UNITS[0]

    def compose_body(self) -> ComposeResult:
        yield SliceObjectivePlot(marker=self.marker, id="slice")
        with Horizontal(id="zero-lower"):
            yield StepMapPlot(marker=self.marker, id="step-map")
            yield PullPlot(marker=self.marker, id="pulls")

    def follow_coordinate(self) -> None:
        """Under cd, show the weight its next step sets."""
        coordinate = self.session.coordinate()
        if coordinate is not None:
            self.feature = coordinate[0]

    def show(self) -> None:
        self.follow_coordinate()
        session = self.session
        piece = one_weight_slice(session, self.feature, self.factor)
        name = f"w{self.feature + 1} {session.problem.feature_names[self.feature]}"
        units = "" if self.factor == 1.0 else f" (target ×{self.factor:g})"
        self.query_one(SliceObjectivePlot).show(piece, name + units)
        self.query_one(StepMapPlot).show(
            self.factor * session.step_input(),
            self.factor * session.next_weights(),
            piece.penalty,
            session.next_lr(),
            OPTIMIZERS[session.settings.optimizer].step_map,
        )
        self.query_one(PullPlot).show(piece)

    def narration(self) -> str:
        self.follow_coordinate()
        piece = one_weight_slice(self.session, self.feature, self.factor)
        myth = units_myth(self.session, self.factor) if self.factor != 1.0 else None
        text = narrate_zero(self.session, slice_minimum(piece, self.factor), myth)
        step = coordinate_step(self.session, self.feature)
        if step is not None and self.session.diverged is None:
            text += narrate_coordinate(self.session, step)
        return text

    def action_next_weight(self) -> None:
        self.feature = (self.feature + 1) % self.session.problem.n_features
        self.request_redraw(force=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "units" and not has_units(self.session):
            return False
        if action == "next_weight" and self.session.coordinate() is not None:
            return False  # cd: the view follows the weight its next step sets
        return super().check_action(action, parameters)

    def action_units(self) -> None:
        if not has_units(self.session):
            return
        self.factor = UNITS[(UNITS.index(self.factor) + 1) % len(UNITS)]
        self.request_redraw(force=True)

    def set_view_state(self, key: str, value: object) -> str:
        if key == "weight":
            n = self.session.problem.n_features
            if not 1 <= value <= n:  # type: ignore[operator]
                return f"weight: the run has {n} weights"
            self.feature = value - 1  # type: ignore[operator]
        elif key == "units":
            if not has_units(self.session):
                return "units: the run's target is labels, which have no units"
            self.factor = value  # type: ignore[assignment]
        else:
            return super().set_view_state(key, value)
        self.redraw(force=True)
        return ""

    def view_state(self) -> object:
        return (self.feature, self.factor)

    def restore_view_state(self, state: object) -> None:
        if state is None:
            state = (instructive_weight(self.session), UNITS[0])
        self.feature, self.factor = state  # type: ignore[misc]
