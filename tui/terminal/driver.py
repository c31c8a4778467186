"""Textual's Linux driver with the fixes of this folder: the one the app runs on a terminal.

- Input: read with :class:`~l1l2_tui.terminal.input_guard.InputDecoder`, which no byte breaks;
  no more reads once input has ended (``< /dev/null``, a closed pipe: it reads as ready, with
  nothing, for ever, and Textual's own thread spins a core on it).
- Key bursts: the presses of one key that came in one read go to the app as one
  (:mod:`l1l2_tui.terminal.key_bursts`).
- Sizes: from the kernel, for the terminal the app draws on, at most :data:`MAX_COLUMNS` by
  :data:`MAX_LINES`. Textual asks ``shutil.get_terminal_size``, which believes ``COLUMNS`` and
  ``LINES`` over the terminal (``COLUMNS=100000 LINES=100000`` laid out ten billion cells and
  took 14.9 GB before the kernel killed the app), and takes in-band resize reports in the input
  at their word (``ESC[48;99999;99999;1;1t``).
- SIGTSTP and SIGCONT: taken in the event loop (:class:`~l1l2_tui.terminal.signals.StopSignals`).
"""

from __future__ import annotations

import os
import selectors
from typing import Any

from textual import events
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Size
from textual.message import Message

from l1l2_tui.terminal.input_guard import InputDecoder
from l1l2_tui.terminal.key_bursts import merge_presses
from l1l2_tui.terminal.signals import StopSignals

READ_SIZE = 4096
SELECT_TIMEOUT = 0.1
"""Seconds between the parser's timeout checks (a lone escape key is told from the start of a
sequence by such a timeout), as in Textual's own driver."""
MAX_COLUMNS = 1000
MAX_LINES = 500
"""The largest size the app lays out, past any real screen (a 4K display at a 6-pixel font is
some 640 x 360): a size past it is a terminal's or a report's error."""
DEFAULT_SIZE = (80, 25)
"""Textual's size for a terminal that does not say."""


class GuardedLinuxDriver(LinuxDriver):
    """Textual's Linux driver with an input thread that stays alive whatever it reads."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self._size is None:
            # Read by App.size until the first resize event: else the console's, from COLUMNS.
            self._size = self._get_terminal_size()
        StopSignals(self).install()

    def _get_terminal_size(self) -> tuple[int, int]:
        return terminal_size(self._file.fileno(), self.fileno)

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        decoder = InputDecoder(self._debug, on_status=self.status_answered)

        def read_ready(timeout: float, final: bool = False) -> bool:
            """Parse what there is to read; False at the end of input."""
            for _key, mask in selector.select(timeout):
                if mask & selectors.EVENT_READ:
                    data = os.read(self.fileno, READ_SIZE)
                    if not data:
                        return False
                    for message in merge_presses(decoder.feed(data, final)):
                        self.process_message(message)
            for message in merge_presses(decoder.tick()):
                self.process_message(message)
            return True

        try:
            while not self.exit_event.is_set():
                if not read_ready(SELECT_TIMEOUT):
                    self.exit_event.wait()
                    return
            selector.unregister(self.fileno)
            read_ready(SELECT_TIMEOUT, final=True)
        finally:
            selector.close()

    def status_answered(self) -> None:
        """The terminal answered a device status request (from the input thread)."""

    def process_message(self, message: Message) -> None:
        if isinstance(message, events.Resize):
            # Only the kernel knows the terminal's size for sure; a report in the input may be
            # forged or garbled.
            size = Size(*self._get_terminal_size())
            message = events.Resize(size, size, size, message.pixel_size)
        super().process_message(message)


def terminal_size(*fds: int) -> tuple[int, int]:
    """Columns and lines of the first of ``fds`` that is a terminal of some size, as the kernel
    has them, at most :data:`MAX_COLUMNS` by :data:`MAX_LINES` (:data:`DEFAULT_SIZE` if none
    is)."""
    for fd in fds:
        try:
            columns, lines = os.get_terminal_size(fd)
        except OSError:
            continue
        if columns and lines:
            return min(columns, MAX_COLUMNS), min(lines, MAX_LINES)
    return DEFAULT_SIZE
