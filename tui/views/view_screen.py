"""A view reached by one key from anywhere: escape (or its key) goes back to the main screen.

A view's work that takes longer than a frame goes through its :attr:`ViewScreen.computation`,
which is cancelled when the view closes.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from l1l2_tui.engine import Session
from l1l2_tui.views.computation import Computation
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

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.computation = Computation(self)
        """The view's background work; what it needs again is started anew when it reopens."""

    def on_screen_suspend(self) -> None:
        # (RunScreen's handler runs too: Textual calls the handler of every class.) Under the
        # help the view stays open, and its work goes on.
        if self not in self.app.screen_stack:
            self.computation.cancel()

    def compose_view(self) -> ComposeResult:
        yield Static(self.title_text(), id="view-title", markup=False)
        yield from self.compose_body()

    @classmethod
    def refusal(cls, session: Session) -> str:
        """Why the view cannot show ``session``'s run, or ``""`` when it can."""
        return ""

    def title_text(self) -> str:
        """The view's title line (``TITLE`` unless the view says more)."""
        return self.TITLE

    def compose_body(self) -> ComposeResult:
        yield from ()
