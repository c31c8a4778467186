"""A one-line live caption under every view."""

from __future__ import annotations

from textual.widgets import Static


class NarrationLine(Static):
    """Shows the view's caption; repaints only when it changes."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(markup=False, **kwargs)  # type: ignore[arg-type]
        self._said = ""

    def say(self, text: str) -> None:
        if text != self._said:
            self._said = text
            self.update(text, layout=False)
