"""The main screen: trajectories, penalty and loss, current weights, the latest events.

When the features are the pixels of an image (digits), the weights are drawn as that image
above the bars, which then list the largest weights: 64 bars would not fit.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical

from l1l2_tui.views.main.event_line import EventLine
from l1l2_tui.views.main.loss_plot import LossPlot
from l1l2_tui.views.main.weight_bars import WeightBars
from l1l2_tui.views.main.words import narrate_main
from l1l2_tui.views.run_screen import RunScreen
from l1l2_tui.widgets.trajectories import (
    WINDOW_BINDING,
    WeightTrajectoryPlot,
    toggle_window,
    window_applies,
)


class MainScreen(RunScreen):
    """What the run does: every weight over the steps, the loss, the weights now."""

    BINDINGS: ClassVar[list[BindingType]] = [WINDOW_BINDING]
    OWN_ACTIONS: ClassVar[tuple[str, ...]] = ("toggle_play", "step", "flip", "toggle_window")
    """The run's first keys, then the step axis's: on the bar at any width."""

    def compose_view(self) -> ComposeResult:
        with Horizontal(id="plots"):
            with Vertical(id="time-plots"):
                yield WeightTrajectoryPlot(marker=self.marker, id="trajectories")
                yield LossPlot(marker=self.marker, id="loss")
            if self.session.problem.image_shape is None:
                yield WeightBars(marker=self.marker, id="weights")
            else:
                # Imported only when the features are an image's pixels.
                from l1l2_tui.widgets.weight_image import WeightImage

                with Vertical(id="weights-column"):
                    yield WeightImage(marker=self.marker, id="weight-image")
                    yield WeightBars(marker=self.marker, id="weights")
        yield EventLine(id="events")

    def show(self) -> None:
        whole_run = self.control.whole_run
        self.query_one(WeightTrajectoryPlot).show(self.session, whole_run=whole_run)
        self.query_one(LossPlot).show(self.session, whole_run)
        for image in self.query("#weight-image"):
            image.show(self.session)
        self.query_one(WeightBars).show(self.session)
        self.query_one(EventLine).show(self.session)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_window" and not window_applies(self.session):
            return False
        return super().check_action(action, parameters)

    def action_toggle_window(self) -> None:
        toggle_window(self)

    def narration(self) -> str:
        return narrate_main(self.session)
