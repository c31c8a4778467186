"""One app's screen sent to many tabs at once (``serve --follow``), none able to slow the rest.

Every tab has a queue of what it has still to be sent and a task that sends it, joining what
piled up into one message. A tab whose queue passes :data:`MAX_BEHIND` bytes (a slow link, a
stalled browser) is dropped, rather than held on to or waited for. A tab that joins waits for
the next whole screen, which the app writes when asked (``request_screen``); from there on it
gets the same bytes as every other tab.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import deque
from collections.abc import Awaitable, Callable

from aiohttp import WSCloseCode, web

MAX_BEHIND = 1 << 20
"""Bytes a tab may fall behind (some seconds of frames) before it is dropped."""
SCREEN_RETRY = 1.0
"""Seconds after which a screen asked for and not yet come is asked for again."""
VIEWER_PREAMBLE = b"\x1b[?1049h\x1b[?25l"
"""What a joining tab's terminal needs before the screen: the alternate screen, no cursor."""
TOO_SLOW = "\r\n  Your connection fell too far behind the lecture: reload the page.\r\n"


class Tab:
    """One tab's websocket and what is still to be sent to it."""

    def __init__(self, websocket: web.WebSocketResponse, on_drop: Callable[[Tab], None]) -> None:
        self.websocket = websocket
        self.ready = False
        """Whether it has had a whole screen, and so follows the frames."""
        self.size: tuple[int, int] | None = None
        self._queue: deque[bytes | str] = deque()
        self._behind = 0
        self._wake = asyncio.Event()
        self._on_drop = on_drop
        self._sender = asyncio.ensure_future(self._send())
        self.closed: asyncio.Future[None] | None = None
        """Done once a dropped tab's connection is closed."""

    def push(self, data: bytes | str) -> None:
        if self._sender.done():
            return
        self._queue.append(data)
        self._behind += len(data)
        if self._behind > MAX_BEHIND:
            self.drop(TOO_SLOW)
        else:
            self._wake.set()

    def drop(self, farewell: str | None = None) -> None:
        """Stop sending and close the connection (after ``farewell``, if there is room)."""
        if self._sender.done():
            return
        self._sender.cancel()
        self.closed = asyncio.ensure_future(self._close(farewell))
        self._on_drop(self)

    async def _close(self, farewell: str | None) -> None:
        with contextlib.suppress(Exception):
            if farewell is not None:
                await asyncio.wait_for(self.websocket.send_bytes(farewell.encode()), 1.0)
            await asyncio.wait_for(self.websocket.close(code=WSCloseCode.GOING_AWAY), 1.0)

    async def _send(self) -> None:
        queue = self._queue
        try:
            while True:
                await self._wake.wait()
                self._wake.clear()
                while queue:
                    first = queue.popleft()
                    if isinstance(first, str):
                        self._behind -= len(first)
                        await self.websocket.send_str(first)
                        continue
                    chunks = [first]
                    while queue and isinstance(queue[0], bytes):
                        chunks.append(queue.popleft())  # type: ignore[arg-type]
                    data = b"".join(chunks)
                    self._behind -= len(data)
                    await self.websocket.send_bytes(data)
        except (ConnectionError, RuntimeError):
            self._on_drop(self)  # the tab went away


class Broadcast:
    """The lecturer's screen, sent to every tab that watches (and to the lecturer's own tab,
    which does not count as a viewer)."""

    def __init__(
        self,
        max_viewers: int,
        request_screen: Callable[[], Awaitable[None]],
        tell_viewers: Callable[[int], Awaitable[None]],
    ) -> None:
        self.max_viewers = max_viewers
        self.viewers: set[Tab] = set()
        self.lecturer: Tab | None = None
        self.size: tuple[int, int] | None = None
        self._request_screen = request_screen
        self._tell_viewers = tell_viewers
        self._screen_asked: asyncio.Task[None] | None = None
        self._told: int | None = None
        self._telling: asyncio.Task[None] | None = None

    @property
    def full(self) -> bool:
        return len(self.viewers) >= self.max_viewers

    def tabs(self) -> list[Tab]:
        return [*self.viewers, *([self.lecturer] if self.lecturer else [])]

    def add_viewer(self, websocket: web.WebSocketResponse) -> Tab:
        tab = Tab(websocket, self._forget)
        self.viewers.add(tab)
        self._ask_for_screen()
        self._count_changed()
        return tab

    def set_lecturer(self, websocket: web.WebSocketResponse, from_start: bool) -> Tab:
        """The lecturer's tab (a new one takes over from the one before). ``from_start``:
        the app starts for it, so it gets every byte (the app's questions to its terminal
        too), as a private tab does; otherwise it waits for a whole screen."""
        if self.lecturer is not None:
            self.lecturer.drop("\r\n  The lecture is driven from another tab now.\r\n")
        self.lecturer = Tab(websocket, self._forget)
        self.lecturer.ready = from_start
        if not from_start:
            self._ask_for_screen()
        return self.lecturer

    def remove(self, tab: Tab) -> None:
        tab.drop()
        self._forget(tab)

    def _forget(self, tab: Tab) -> None:
        if tab is self.lecturer:
            self.lecturer = None
        elif tab in self.viewers:
            self.viewers.discard(tab)
            self._count_changed()

    def data(self, payload: bytes) -> None:
        """Bytes the app wrote: to every tab that follows."""
        for tab in self.tabs():
            if tab.ready:
                tab.push(payload)

    def screen(self, width: int, height: int) -> None:
        """The app is about to write a whole screen of ``width`` x ``height``: tabs that
        waited for one start here; every tab learns a new size before its frames."""
        self.size = (width, height)
        message = json.dumps(["size", {"width": width, "height": height}])
        for tab in self.tabs():
            if not tab.ready or tab.size != self.size:
                tab.push(message)
            if not tab.ready:
                tab.push(VIEWER_PREAMBLE)
            tab.ready, tab.size = True, self.size

    def close(self, farewell: str) -> None:
        for tab in self.tabs():
            tab.drop(farewell)

    def _ask_for_screen(self) -> None:
        if self._screen_asked is None or self._screen_asked.done():
            self._screen_asked = asyncio.ensure_future(self._ask_until_shown())

    async def _ask_until_shown(self) -> None:
        while any(not tab.ready for tab in self.tabs()):
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self._request_screen()
            await asyncio.sleep(SCREEN_RETRY)

    def recount(self) -> None:
        """Tell the app the count again (it has just started)."""
        self._told = None
        self._count_changed()

    def _count_changed(self) -> None:
        if self._telling is None or self._telling.done():
            self._telling = asyncio.ensure_future(self._tell())

    async def _tell(self) -> None:
        # One message for a burst of tabs joining: the count as it is once the burst is in.
        await asyncio.sleep(0.2)
        while self._told != len(self.viewers):
            self._told = len(self.viewers)
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self._tell_viewers(self._told)
