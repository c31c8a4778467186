"""The "Forces" view: the tug of war on each weight, live."""

from __future__ import annotations

from textual.app import ComposeResult

from l1l2_tui.views.forces.forces_chart import ForcesChart
from l1l2_tui.views.forces.words import narrate_forces
from l1l2_tui.views.view_screen import ViewScreen


class ForcesScreen(ViewScreen):
    TITLE = "Forces: the data's pull on each weight at 0 against what the penalty can hold there"

    def compose_body(self) -> ComposeResult:
        yield ForcesChart(id="forces")

    def show(self) -> None:
        self.query_one(ForcesChart).show(self.session)

    def narration(self) -> str:
        return narrate_forces(self.session)
