"""Textual's driver, guarded, with a device status request after each frame: the answers time the
link for the app's :class:`l1l2_tui.terminal.link.LinkPacer`."""

from __future__ import annotations

from textual.app import App

from l1l2_tui.terminal.driver import GuardedLinuxDriver
from l1l2_tui.terminal.link import LinkPacer

STATUS_REQUEST = "\x1b[5n"
"""DSR 5, "report your status" (VT100): answered ``ESC[0n`` (see
:data:`l1l2_tui.terminal.input_guard.STATUS_ANSWER`) once the terminal has read all before it."""


class PacedLinuxDriver(GuardedLinuxDriver):
    """The guarded driver, asking for the terminal's status after each frame and handing the
    answers to the app's pacer (``app.control.link``)."""

    def __init__(self, app: App[object], **kwargs: object) -> None:
        super().__init__(app, **kwargs)  # type: ignore[arg-type]
        self.pacer: LinkPacer = app.control.link  # type: ignore[attr-defined]
        self._unasked = 0
        self._leaving = False

    def write(self, data: str) -> None:
        self._unasked += len(data.encode("utf-8", "replace"))
        super().write(data)

    def flush(self) -> None:
        # Textual flushes once a frame: the request goes after the frame's last byte.
        if self._unasked and self.pacer.asking and not self._leaving:
            super().write(STATUS_REQUEST)
            self.pacer.frame_written(self._unasked)
        self._unasked = 0
        super().flush()

    def status_answered(self) -> None:
        self.pacer.answered()

    def start_application_mode(self) -> None:
        self._leaving = False
        super().start_application_mode()

    def disable_input(self) -> None:
        # No more requests; read the answers still on their way while the input thread runs,
        # so that none is left for the shell (the one the app exits to, or is suspended to).
        self._leaving = True
        self.pacer.wait_for_answers()
        super().disable_input()
        self.pacer.forget_requests()  # Textual flushed the input: an answer left is gone
