"""A view reached by one key from anywhere: escape (or its key) goes back to the main screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from engine import Session
from tui.screens.run_screen import RunControl, RunScreen
from tui.widgets.braille import LineMarker


class ViewScreen(RunScreen):
    """A titled view of the shared run."""

    TITLE: ClassVar[str] = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.view('main')", "Back", tooltip="Back to the main screen"),
    ]

    def __init__(
        self, session: Session, control: RunControl, marker: LineMarker = "braille"
    ) -> None:
        super().__init__(session, control)
        self.marker = marker

    def compose_view(self) -> ComposeResult:
        yield Static(self.TITLE, id="view-title", markup=False)
        yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        yield from ()
