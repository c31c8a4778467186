"""The lecturer's app under ``serve --follow``: what it writes goes to every viewer's tab too.

The app runs with one of two drivers, which the server names in ``TEXTUAL_DRIVER``:

- :class:`LectureWebDriver`, when the lecturer drives from a browser tab: a tab's web driver,
  whose output already reaches the server as textual-serve's packets on stdout.
- :class:`LectureTerminalDriver`, when the lecturer drives from the terminal that started
  ``serve``: the app draws on that terminal as usual, and a copy of every byte goes to the
  server as the same packets (``D`` + 4-byte big-endian length + payload) on a pipe.

Both take two requests from the server, as ``M`` packets (JSON): ``{"type": "repaint"}``, to
which the app answers with a ``{"type": "screen", "width": W, "height": H}`` packet followed by
the whole screen (a tab that joins late starts from there), and ``{"type": "viewers", "count":
N}``, which the status line shows. The app sends a whole screen on its own when its size changes.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ScreenStackError
from textual.drivers._byte_stream import ByteStream

from l1l2_tui.terminal.input_guard import GuardedLinuxDriver
from l1l2_tui.web.tab_driver import TabWebDriver

if TYPE_CHECKING:
    from textual.app import App

LECTURE_FDS = "L1L2_LECTURE_FDS"
"""The environment variable naming the terminal driver's two pipes: ``"OUT,IN"``."""


def packet(kind: bytes, payload: bytes) -> bytes:
    """A packet of textual-serve's protocol."""
    return kind + len(payload).to_bytes(4, "big") + payload


def send_whole_screen(app: App[Any], write_meta: Callable[[dict[str, object]], None]) -> None:
    """Announce a whole screen, then write one: every cell of the screen as it is now, through
    the app's own display path so that it reaches the lecturer's terminal too (where it
    changes nothing) and keeps its place among the frames."""
    try:
        screen = app.screen
    except ScreenStackError:
        return  # not started yet, or ending: the server asks again
    width, height = app.size
    write_meta({"type": "screen", "width": width, "height": height})
    # As App.export_screenshot renders the whole screen (Textual 8).
    update = screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    app._display(screen, update)


def show_viewers(app: App[Any], count: int) -> None:
    """Tell the lecturer how many tabs watch."""
    from l1l2_tui.views.run_screen import RunScreen

    control = getattr(app, "control", None)
    if control is None:
        return
    control.viewers = count
    try:
        top = app.screen
    except ScreenStackError:
        return  # not started yet: the first frame shows the count
    if isinstance(top, RunScreen) and top.is_mounted:
        top.redraw()


class LectureRequests:
    """What both drivers do with the server's requests, and how they notice a new size."""

    _app: App[Any]

    def _start_lecture(self) -> None:
        self._lecture_size: tuple[int, int] | None = None

    write_meta: Callable[[dict[str, object]], None]
    """Sends the server a meta packet: each driver has its own."""

    def lecture_request(self, request: dict[str, object]) -> None:
        """Act on a request from the server: called on the driver's input thread, it hands
        the work to the app's thread and does not wait for it."""
        kind, count, app = request.get("type"), request.get("count"), self._app
        if kind == "repaint":
            work = partial(send_whole_screen, app, self.write_meta)
        elif kind == "viewers" and isinstance(count, int):
            work = partial(show_viewers, app, count)
        else:
            return
        app.post_message(events.Callback(callback=work))

    def check_size(self) -> None:
        """On the app's thread, before a frame is written: a new size gets a whole screen."""
        size = tuple(self._app.size)
        if size != self._lecture_size:
            self._lecture_size = size  # type: ignore[assignment]
            self._app.call_later(send_whole_screen, self._app, self.write_meta)


class LectureWebDriver(LectureRequests, TabWebDriver):
    """A tab's web driver, answering the server's lecture requests."""

    def __init__(self, app: App[Any], **options: Any) -> None:
        super().__init__(app, **options)
        self._start_lecture()

    def write(self, data: str) -> None:
        self.check_size()
        super().write(data)

    def on_meta(self, packet_type: str, payload: dict[str, object]) -> None:
        if packet_type in ("repaint", "viewers"):
            self.lecture_request(payload)
        else:
            super().on_meta(packet_type, payload)


class LectureTerminalDriver(LectureRequests, GuardedLinuxDriver):
    """The terminal driver, with a copy of its output and the server's requests on two pipes
    (:data:`LECTURE_FDS`)."""

    def __init__(self, app: App[Any], **options: Any) -> None:
        super().__init__(app, **options)
        self._start_lecture()
        out, _, into = os.environ.get(LECTURE_FDS, "").partition(",")
        self._copy_to: int | None = int(out)
        self._requests_from = int(into)
        self._copy_lock = threading.Lock()
        threading.Thread(target=self._read_requests, name="lecture-requests", daemon=True).start()

    def write(self, data: str) -> None:
        self.check_size()
        super().write(data)
        self._copy(packet(b"D", data.encode("utf-8")))

    def write_meta(self, data: dict[str, object]) -> None:
        self._copy(packet(b"M", json.dumps(data).encode("utf-8")))

    def _copy(self, data: bytes) -> None:
        with self._copy_lock:
            if self._copy_to is None:
                return
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(self._copy_to, view) :]
            except OSError:
                # The server is gone: the lecture goes on in this terminal alone.
                os.close(self._copy_to)
                self._copy_to = None

    def _read_requests(self) -> None:
        stream = ByteStream()
        while True:
            try:
                data = os.read(self._requests_from, 4096)
            except OSError:
                return
            if not data:
                return
            for kind, payload in stream.feed(data):
                if kind != "M":
                    continue
                try:
                    request = json.loads(payload)
                except ValueError:
                    continue
                if isinstance(request, dict):
                    self.lecture_request(request)
