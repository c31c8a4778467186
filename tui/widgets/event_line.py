"""The latest things the session reported: weights reaching or leaving exactly 0, switches."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from engine import Session

STYLES = {"zeroed": "bold green", "left_zero": "yellow", "diverged": "bold red"}


class EventLine(Static):
    """The newest event first, then as many older ones as fit."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._seen = -1

    def show(self, session: Session) -> None:
        if session.event_count == self._seen:
            return
        self._seen = session.event_count
        text = Text(" ")
        for i, event in enumerate(reversed(list(session.events)[-4:])):
            if i:
                text.append("  ·  ", style="dim")
            text.append(event.message, style=STYLES.get(event.kind, "") if i == 0 else "dim")
        self.update(text, layout=False)
