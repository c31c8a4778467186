"""Progress of a slow load or run, on stderr, for the person waiting at the terminal.

Nothing is shown for work that ends within a second, nor when stderr is not a terminal (a
script's log gets no carriage returns); the line is rewritten in place at most ten times a
second and erased at the end, so the terminal is left as it was.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

from l1l2_tui.engine.files import escape_controls

DELAY_SECONDS = 1.0
UPDATE_SECONDS = 0.1


class StderrProgress:
    """``label: 42%`` on stderr once the work has taken :data:`DELAY_SECONDS`.

    Call it with the share done (0 to 1); use it as a context manager to erase the line."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = escape_controls(label)
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.shown_at = 0.0
        self.width = 0
        self.enabled = self.stream.isatty()

    def __call__(self, share: float) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < DELAY_SECONDS or now - self.shown_at < UPDATE_SECONDS:
            return
        self.shown_at = now
        text = f"{self.label}: {min(max(share, 0.0), 1.0):.0%}"
        self._write("\r" + text.ljust(self.width))
        self.width = len(text)

    def __enter__(self) -> StderrProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.width:
            self._write("\r" + " " * self.width + "\r")
            self.width = 0

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except OSError:
            self.enabled = False
