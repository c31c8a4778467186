"""A view reached by one key from anywhere: escape (or its key) goes back to the main screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from l1l2_tui.views.run_screen import RunScreen

BACK = "app.view('main')"


class ViewScreen(RunScreen):
    """A titled view of the shared run."""

    TITLE: ClassVar[str] = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", BACK, "Back", tooltip="Back to the main screen"),
    ]
    OWN_ACTIONS: ClassVar[tuple[str, ...]] = (BACK,)
    URGENT: ClassVar[str] = f"{RunScreen.URGENT}, #view-title"

    def compose_view(self) -> ComposeResult:
        yield Static(self.title_text(), id="view-title", markup=False)
        yield from self.compose_body()

    def title_text(self) -> str:
        """The view's title line (``TITLE`` unless the view says more)."""
        return self.TITLE

    def compose_body(self) -> ComposeResult:
        yield from ()
