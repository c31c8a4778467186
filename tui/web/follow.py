"""``serve --follow``: one app, driven by the lecturer, whose screen every tab watches.

The lecturer drives from the terminal that started ``serve`` (:class:`TerminalLecture`: the app
draws there, and a copy of its output comes over a pipe) or from a browser tab whose address
holds a token printed at start (:class:`TabLecture`: the app runs as a tab's app would, started
when that tab first connects, and goes on if the tab closes, for the next one holding the
token). Every other tab is a viewer: it gets the lecturer's screen at the lecturer's size (its
page scales it), a whole screen when it joins, and then the same bytes as every other viewer
(:mod:`l1l2_tui.web.broadcast`); what it sends is not passed on. When the lecturer's app ends,
every tab is told and the server stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import os
import signal
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiohttp import WSCloseCode, web

from l1l2_tui.web.broadcast import Broadcast, Tab
from l1l2_tui.web.lecture import LECTURE_FDS, packet
from l1l2_tui.web.server import (
    COLUMNS,
    QUIT_GRACE,
    ROWS,
    AppProcess,
    TabServer,
    clamp,
    close_quietly,
    death_signal_setter,
    ends_quietly,
    page_message,
    prepared,
    relay,
)

TAB_DRIVER = "l1l2_tui.web.lecture:LectureWebDriver"
TERMINAL_DRIVER = "l1l2_tui.web.lecture:LectureTerminalDriver"
FULL_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}: full</title></head>
<body style="background:#0c181f;color:#eee;font-family:sans-serif;padding:3em">
<h1>This lecture is full</h1>
<p>{count} tabs are watching, the most this server lets watch at once.
Ask your teacher to start the server with a larger <code>--max-viewers</code>, or wait for
a place and <a href="/" style="color:#ac5af4">try again</a>.</p>
</body></html>
"""
FULL_TERMINAL = "\r\n  This lecture is full: {count} tabs are watching. Reload later.\r\n"
ENDED = "\r\n  The lecture has ended.\r\n"


class LectureApp(AppProcess):
    """The lecturer's app when a tab drives it: its frames go to the broadcast."""

    def __init__(self, argv: Sequence[str], broadcast: Broadcast, **kwargs: Any) -> None:
        super().__init__(argv, driver=TAB_DRIVER, **kwargs)
        self.broadcast = broadcast

    async def on_meta(self, data: bytes) -> None:
        meta = json.loads(data)
        if meta.get("type") == "screen":
            self.broadcast.screen(int(meta["width"]), int(meta["height"]))
        else:
            await super().on_meta(data)


class FollowServer(TabServer):
    """Serves the lecturer's screen to up to ``max_viewers`` tabs; subclasses say where the
    lecturer's app runs."""

    def __init__(self, argv: Sequence[str], *, max_viewers: int, **options: Any) -> None:
        super().__init__(argv, **options)
        self.broadcast = Broadcast(max_viewers, self.request_screen, self.tell_viewers)
        self.ended = asyncio.Event()
        """Set when the lecturer's app has ended."""

    # -- where the lecturer's app runs (subclasses) -------------------------------------------
    async def request_screen(self) -> None:
        """Ask the app for a whole screen."""

    async def tell_viewers(self, count: int) -> None:
        """Tell the app how many tabs watch."""

    async def stop_lecture(self) -> None:
        """End the lecturer's app, if it runs."""

    def routes(self) -> list[web.RouteDef]:
        return []

    # -- the server ---------------------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.broadcast.full:
            count = len(self.broadcast.viewers)
            page = FULL_PAGE.format(title=self.title, count=count)
            return web.Response(status=503, text=page, content_type="text/html")
        return self.page(request, "follow_index.html", "/ws", lecture_size=self.broadcast.size)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A viewer: it watches, and nothing it sends reaches the app."""
        self.check_origin(request)
        websocket = web.WebSocketResponse(heartbeat=15)
        if not await prepared(websocket, request):
            return websocket
        if self.broadcast.full or self.ended.is_set():
            count = len(self.broadcast.viewers)
            farewell = ENDED if self.ended.is_set() else FULL_TERMINAL.format(count=count)
            with contextlib.suppress(Exception):
                await websocket.send_bytes(farewell.encode())
            await close_quietly(websocket, WSCloseCode.TRY_AGAIN_LATER)
            return websocket
        tab = self.broadcast.add_viewer(websocket)
        await self.watch(websocket, tab)
        return websocket

    async def watch(self, websocket: web.WebSocketResponse, tab: Tab) -> None:
        """Read a viewer's messages, which go nowhere, until it leaves."""
        try:
            async with ends_quietly(websocket):
                async for message in websocket:
                    kind, payload = page_message(message)
                    if kind == "ping":
                        tab.push(json.dumps(["pong", payload[:32]]))
        finally:
            self.broadcast.remove(tab)

    async def web_app(self) -> web.Application:
        app = await super().web_app()
        app.add_routes(self.routes())
        return app

    def end(self) -> None:
        """The lecturer's app has ended: say so to every tab."""
        if not self.ended.is_set():
            self.broadcast.close(ENDED)
            self.ended.set()

    async def close(self) -> None:
        """Tell every tab, and end the lecturer's app."""
        self.end()
        await self.stop_lecture()
        closing = [tab.closed for tab in self.broadcast.tabs() if tab.closed is not None]
        await asyncio.gather(*closing, return_exceptions=True)

    async def run(
        self,
        on_listening: Callable[[int], None],
        before_lecture: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """Listen until SIGINT or SIGTERM, or until the lecturer's app ends. ``on_listening``
        gets the port; ``before_lecture`` (if any) is awaited before the lecture starts.
        Raises :class:`CannotListen`."""
        async with self.listening(on_listening) as stop:
            stopped = asyncio.ensure_future(stop.wait())
            if before_lecture is not None:
                starting = asyncio.ensure_future(before_lecture())
                await asyncio.wait([starting, stopped], return_when=asyncio.FIRST_COMPLETED)
                starting.cancel()
            if not stop.is_set():
                await self.start_lecture()
            ended = asyncio.ensure_future(self.ended.wait())
            await asyncio.wait([stopped, ended], return_when=asyncio.FIRST_COMPLETED)
            stopped.cancel()
            ended.cancel()
            await self.close()

    async def start_lecture(self) -> None:
        """Start the lecturer's app, where it starts at once."""


class TabLecture(FollowServer):
    """The lecturer drives from a tab at ``/lecture/TOKEN``; the app starts when that tab
    first connects, at its size."""

    def __init__(self, argv: Sequence[str], *, token: str, **options: Any) -> None:
        super().__init__(argv, **options)
        self.token = token
        self.app: LectureApp | None = None
        self.watching_app: asyncio.Task[None] | None = None

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/lecture/{token}", self.handle_lecturer_page),
            web.get("/lecture/{token}/ws", self.handle_lecturer),
        ]

    def check_token(self, request: web.Request) -> None:
        if not hmac.compare_digest(request.match_info["token"].encode(), self.token.encode()):
            raise web.HTTPNotFound()

    async def handle_lecturer_page(self, request: web.Request) -> web.StreamResponse:
        self.check_token(request)
        return self.page(request, "app_index.html", f"/lecture/{self.token}/ws")

    async def handle_lecturer(self, request: web.Request) -> web.WebSocketResponse:
        self.check_token(request)
        self.check_origin(request)
        websocket = web.WebSocketResponse(heartbeat=15)
        if not await prepared(websocket, request) or self.ended.is_set():
            await close_quietly(websocket, WSCloseCode.GOING_AWAY)
            return websocket
        tab = self.broadcast.set_lecturer(websocket, from_start=self.app is None)
        width = clamp(request.query.get("width"), COLUMNS, 80)
        height = clamp(request.query.get("height"), ROWS, 24)
        try:
            async with ends_quietly(websocket):
                await self._drive(websocket, width, height)
        finally:
            self.broadcast.remove(tab)
        return websocket

    async def _drive(self, websocket: web.WebSocketResponse, width: int, height: int) -> None:
        """Start the app (the first time), then pass this tab's keys and size to it."""
        if self.app is None:
            self.app = LectureApp(
                self.argv,
                self.broadcast,
                write_bytes=self.frames,
                write_str=self.to_lecturer,
                close=self.lecture_ended,
                download_manager=self.download_manager,
            )
            await self.app.start(width, height)
            self.watching_app = asyncio.ensure_future(self._until_app_ends(self.app))
            self.broadcast.recount()
        else:
            await self.app.set_terminal_size(width, height)
        await relay(websocket, self.app)

    async def _until_app_ends(self, app: LectureApp) -> None:
        await app.wait()
        self.end()

    async def frames(self, data: bytes) -> None:
        self.broadcast.data(data)

    async def to_lecturer(self, text: str) -> None:
        """What the app says to the lecturer's page alone (a screenshot to fetch)."""
        if self.broadcast.lecturer is not None:
            self.broadcast.lecturer.push(text)

    async def lecture_ended(self) -> None:
        self.end()

    async def request_screen(self) -> None:
        if self.app is not None and self.app.started:
            await self.app.send_meta({"type": "repaint"})

    async def tell_viewers(self, count: int) -> None:
        if self.app is not None and self.app.started:
            await self.app.send_meta({"type": "viewers", "count": count})

    async def stop_lecture(self) -> None:
        if self.app is not None:
            await self.app.stop()


class TerminalLecture(FollowServer):
    """The lecturer drives from this terminal: the app runs here, in the foreground, and a copy
    of what it writes comes back over a pipe."""

    def __init__(self, argv: Sequence[str], **options: Any) -> None:
        super().__init__(argv, **options)
        self.process: asyncio.subprocess.Process | None = None
        self.following: asyncio.Task[None] | None = None
        self._requests: int | None = None

    async def start_lecture(self) -> None:
        copy_read, copy_write = os.pipe()
        requests_read, requests_write = os.pipe()
        environment = {
            **os.environ,
            "TEXTUAL_DRIVER": TERMINAL_DRIVER,
            LECTURE_FDS: f"{copy_write},{requests_read}",
        }
        self.process = await asyncio.create_subprocess_exec(
            *self.argv,
            env=environment,
            pass_fds=(copy_write, requests_read),
            # Should the server die, the app gives the terminal back and ends.
            preexec_fn=death_signal_setter(signal.SIGTERM),
        )
        os.close(copy_write)
        os.close(requests_read)
        os.set_blocking(requests_write, False)
        self._requests = requests_write
        self.following = asyncio.ensure_future(self._follow(copy_read))
        self.broadcast.recount()

    async def _follow(self, copy_read: int) -> None:
        """Read the copy of the app's output until the app ends, then end the lecture."""
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=1 << 22)
        transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(copy_read, "rb", 0)
        )
        try:
            while True:
                kind = await reader.readexactly(1)
                size = int.from_bytes(await reader.readexactly(4), "big")
                payload = await reader.readexactly(size)
                if kind == b"D":
                    self.broadcast.data(payload)
                elif kind == b"M":
                    meta = json.loads(payload)
                    if meta.get("type") == "screen":
                        self.broadcast.screen(int(meta["width"]), int(meta["height"]))
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass
        finally:
            transport.close()
            if self.process is not None:
                await self.process.wait()
            self.end()

    def _request(self, meta: dict[str, object]) -> None:
        if self._requests is None:
            return
        # A full pipe drops the request: the broadcast asks for a screen again until it comes.
        with contextlib.suppress(OSError):
            os.write(self._requests, packet(b"M", json.dumps(meta).encode()))

    async def request_screen(self) -> None:
        self._request({"type": "repaint"})

    async def tell_viewers(self, count: int) -> None:
        self._request({"type": "viewers", "count": count})

    async def stop_lecture(self) -> None:
        process = self.process
        if process is None or process.returncode is not None:
            return
        # SIGTERM: the app gives the terminal back, then ends (l1l2_tui.terminal.signals).
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), QUIT_GRACE)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
