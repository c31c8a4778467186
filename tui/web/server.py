"""A textual-serve server for a class: one app process per browser tab, and a cap on how many.

textual-serve's own server runs its command through a shell, takes the terminal size from the
URL unchecked and starts an app for every tab however many are open. This one runs one fixed
argv without a shell, clamps every size the page sends, refuses tabs beyond the cap, and on
shutdown ends every app it started.

A web page the teacher's browser visits elsewhere could open a websocket to this server (the
127.0.0.1 bind does not stop the browser) and start, drive and read apps. So a websocket is
accepted only from the page's own origin or the one ``--public-url`` names, and, on a loopback
address, only under a loopback name (a page whose name someone points at 127.0.0.1 has an
origin of its own that matches). A message that is not one the page sends closes its
connection quietly; so does anything that goes wrong with the connection itself.

Only ``serve`` imports this module: the app does not pay for aiohttp at start-up.
"""

from __future__ import annotations

import asyncio
import ctypes
import json
import logging
import os
import shlex
import signal
import socket
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager
from textual_serve.server import Server

from l1l2_tui.web.serve import is_loopback
from l1l2_tui.web.tab_driver import DRIVER as TAB_DRIVER
from l1l2_tui.web.tab_driver import MAX_UNFETCHED

log = logging.getLogger("textual-serve")

COLUMNS = (20, 400)
ROWS = (8, 200)
"""The terminal sizes a page may ask for: a size is the one thing the page chooses, and an
unbounded one would make an app draw (and hold) a screen of any size."""
PR_SET_PDEATHSIG = 1
QUIT_GRACE = 3.0
"""Seconds an app has to quit after it is asked, before its process group is killed."""
TEMPLATES = Path(__file__).parent

FULL_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}: full</title></head>
<body style="background:#0c181f;color:#eee;font-family:sans-serif;padding:3em">
<h1>This class is full</h1>
<p>{count} apps are running, the most this server starts at once.
Close a tab you no longer use, or ask your teacher to start the server with a larger
<code>--max-sessions</code>, then <a href="/" style="color:#ac5af4">try again</a>.</p>
</body></html>
"""
FULL_TERMINAL = "\r\n  This class is full: {count} apps are running. Close a tab and reload.\r\n"
PAGE_MESSAGES = {"stdin", "resize", "ping", "blur", "focus"}
"""What textual.js sends; anything else is not the page talking."""
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


class Refused(Exception):
    """A websocket or a message the server does not take: the connection is closed."""


def origin_allowed(request: web.Request, public_url: str | None, loopback: bool) -> bool:
    """Whether a websocket handshake comes from this server's own page: no Origin (not a
    browser: no web page can open it), or the origin the page was served from (or the one
    ``public_url`` names); on a ``loopback`` server the page's host must be a loopback name."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    allowed = {f"{request.scheme}://{request.host}".lower()}
    if public_url is not None:
        allowed.add(public_url.rstrip("/").lower())
    elif loopback:
        name = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
        if name.lower() not in LOOPBACK_NAMES and not name.startswith("127."):
            return False
    return origin.lower() in allowed


def page_message(message: Any) -> tuple[str, Any]:
    """``(kind, payload)`` of a websocket message from the page; :class:`Refused` for one
    that is not what textual.js sends."""
    if message.type != WSMsgType.TEXT:
        raise Refused(f"a {message.type.name} message")
    try:
        envelope = json.loads(message.data)
    except ValueError:
        raise Refused("not JSON") from None
    if not isinstance(envelope, list) or not envelope or envelope[0] not in PAGE_MESSAGES:
        raise Refused("not a message of the page")
    kind, payload = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind == "stdin":
        if not isinstance(payload, str):
            raise Refused("keys that are not text")
        try:
            payload = payload.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: JSON can carry it, UTF-8 cannot
            raise Refused("keys that are not UTF-8") from None
    elif kind in ("resize", "ping") and not isinstance(payload, dict if kind == "resize" else str):
        raise Refused(f"a {kind} without its payload")
    return kind, payload


async def prepared(websocket: web.WebSocketResponse, request: web.Request) -> bool:
    """Answer the handshake; False when the connection went away meanwhile."""
    try:
        await websocket.prepare(request)
    except (ConnectionError, RuntimeError):
        return False
    return True


class CannotListen(Exception):
    """The address cannot be listened on: taken, not this machine's, or not a known name."""

    def __init__(self, error: OSError) -> None:
        # A name that does not resolve (socket.gaierror) has its own numbers and messages.
        known = error.errno and not isinstance(error, socket.gaierror)
        reason = os.strerror(error.errno) if known else error.strerror or str(error)
        super().__init__(reason.lower())


def death_signal_setter(death: int = signal.SIGKILL) -> Callable[[], None] | None:
    """On Linux, what a tab's app runs before it starts so the kernel sends it ``death`` if
    the server dies without ending it (killed with SIGKILL, or crashed): no app outlives its
    server. None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    server = os.getpid()

    def set_death_signal() -> None:
        prctl(PR_SET_PDEATHSIG, death)
        if os.getppid() != server:  # the server died before the line above
            os._exit(1)

    return set_death_signal


def clamp(value: str | int | None, bounds: tuple[int, int], default: int) -> int:
    """``value`` as an int within ``bounds``; ``default`` when it is not an integer."""
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):  # json.loads reads Infinity and NaN too
        return default
    return max(bounds[0], min(bounds[1], number))


class Downloads(DownloadManager):
    """textual-serve's downloads, holding at most :data:`MAX_UNFETCHED` per app (as its
    driver does) and none once the app has ended."""

    async def create_download(self, *, app_service: AppService, **download: Any) -> None:
        await super().create_download(app_service=app_service, **download)
        held = [
            key for key, held in self._active_downloads.items() if held.app_service is app_service
        ]
        for key in held[:-MAX_UNFETCHED]:
            del self._active_downloads[key]

    async def cancel_app_downloads(self, app_service_id: str) -> None:
        await super().cancel_app_downloads(app_service_id)
        for key, held in list(self._active_downloads.items()):
            if held.app_service.app_service_id == app_service_id:
                del self._active_downloads[key]


class AppProcess(AppService):
    """One tab's app, run from a fixed argv without a shell, in a process group of its own so
    that ending it ends anything it started; ``driver`` is its ``TEXTUAL_DRIVER``."""

    def __init__(self, argv: Sequence[str], driver: str = TAB_DRIVER, **kwargs: Any) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = tuple(argv)
        self.driver = driver
        self._stopped: asyncio.Task[None] | None = None

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment["TEXTUAL_DRIVER"] = self.driver
        return environment

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    @property
    def started(self) -> bool:
        return self._stdin is not None

    async def wait(self) -> None:
        """Until the app's process has ended."""
        if self._process is not None:
            await self._process.wait()

    async def _open_app_process(
        self, width: int = 80, height: int = 24
    ) -> asyncio.subprocess.Process:
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
            # Only a foreign call, set up beforehand: nothing in it needs a lock another thread
            # could hold at the fork.
            preexec_fn=death_signal_setter(),
        )
        self._stdin = process.stdin
        return process

    def stop_soon(self) -> asyncio.Task[None]:
        """Ask the app to quit (once); the task is done when its process has ended. It runs on
        if the caller is cancelled, as aiohttp cancels a handler whose tab went away."""
        if self._stopped is None:
            self._stopped = asyncio.ensure_future(self._stop_once())
        return self._stopped

    async def stop(self) -> None:
        """Ask the app to quit and wait until its process has ended; safe to call again."""
        await asyncio.shield(self.stop_soon())

    async def _stop_once(self) -> None:
        process = self._process
        with suppress(TimeoutError):
            await asyncio.wait_for(super().stop(), QUIT_GRACE)
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), QUIT_GRACE)
        except TimeoutError:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()


async def relay(websocket: web.WebSocketResponse, app: AppService) -> None:
    """Pass the page's keys, mouse and size to the app until the tab closes; raises
    :class:`Refused` for a message that is not one the page sends."""
    async for message in websocket:
        kind, payload = page_message(message)
        if kind == "stdin":
            await app.send_bytes(payload)
        elif kind == "resize":
            width = clamp(payload.get("width"), COLUMNS, 80)
            height = clamp(payload.get("height"), ROWS, 24)
            await app.set_terminal_size(width, height)
        elif kind == "ping":
            await websocket.send_json(["pong", payload[:32]])
        elif kind == "blur":
            await app.blur()
        elif kind == "focus":
            await app.focus()


async def close_quietly(websocket: web.WebSocketResponse, code: int) -> None:
    with suppress(Exception):
        await asyncio.wait_for(websocket.close(code=code), QUIT_GRACE)


@asynccontextmanager
async def ends_quietly(websocket: web.WebSocketResponse) -> AsyncIterator[None]:
    """A message the page does not send closes the connection (1003); a connection that went
    away ends the block; neither prints anything."""
    try:
        yield
    except Refused:
        await close_quietly(websocket, WSCloseCode.UNSUPPORTED_DATA)
    except (ConnectionError, RuntimeError):
        pass  # the tab went away


class TabServer(Server):
    """What ``serve`` and ``serve --follow`` share: one fixed ``argv``, quiet start-up, the page
    and its links following the address the browser used, the origin check, bounded downloads."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        host: str,
        port: int,
        public_url: str | None = None,
        title: str = "l1l2-tui",
    ) -> None:
        super().__init__(
            shlex.join(argv),
            host=host,
            port=port,
            title=title,
            public_url=public_url,
            templates_path=TEMPLATES,
        )
        self.argv = tuple(argv)
        self.fixed_public_url = public_url.rstrip("/") if public_url else None
        self.loopback = is_loopback(host)
        self.download_manager = Downloads()

    async def on_startup(self, app: web.Application) -> None:
        """Say nothing: ``serve`` prints the address once it is listening."""

    def base_url(self, request: web.Request) -> str:
        # Without --public-url, links follow the address this browser used, so a page opened
        # as http://teacher-pc:8000 connects back there rather than to the bind address.
        return self.fixed_public_url or f"{request.scheme}://{request.host}"

    def page(
        self, request: web.Request, template: str, websocket_path: str, **more: object
    ) -> web.StreamResponse:
        """``template`` for this request, its terminal connecting to ``websocket_path``."""
        if set(request.query) - {"fontsize"}:
            # textual.js acts on ?ping= (fetches that URL) and ?delay=; nothing but the font size
            # is taken from the address.
            raise web.HTTPFound(request.path)
        base = self.base_url(request)
        websocket = "wss:" if base.startswith("https:") else "ws:"
        context = {
            "font_size": clamp(request.query.get("fontsize"), (6, 48), 16),
            "app_websocket_url": websocket + base.split(":", 1)[1] + websocket_path,
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
            **more,
        }
        return aiohttp_jinja2.render_template(template, request, context)

    def check_origin(self, request: web.Request) -> None:
        """Refuse (403) a websocket handshake that does not come from this server's page."""
        if not origin_allowed(request, self.fixed_public_url, self.loopback):
            raise web.HTTPForbidden(text="not from this server's page")

    async def web_app(self) -> web.Application:
        """The aiohttp application: the page, its static files, the websocket, downloads."""
        return await self._make_app()

    @asynccontextmanager
    async def listening(self, on_listening: Callable[[int], None]) -> AsyncIterator[asyncio.Event]:
        """Listen, and call ``on_listening`` with the port (the one the system chose for port
        0); the event is set on SIGINT or SIGTERM. Raises :class:`CannotListen`."""
        runner = web.AppRunner(
            await self.web_app(), handle_signals=False, access_log=None, shutdown_timeout=1
        )
        await runner.setup()
        try:
            try:
                await web.TCPSite(runner, self.host, self.port).start()
            except OSError as exc:
                raise CannotListen(exc) from exc
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signal_number in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signal_number, stop.set)
            on_listening(runner.addresses[0][1])
            yield stop
        finally:
            await runner.cleanup()


class ClassroomServer(TabServer):
    """Serves ``argv`` (the app with the options the teacher chose) to every tab, up to
    ``max_sessions`` running at once."""

    def __init__(self, argv: Sequence[str], *, max_sessions: int, **options: Any) -> None:
        super().__init__(argv, **options)
        self.max_sessions = max_sessions
        self.apps: set[AppProcess] = set()
        self.sockets: set[web.WebSocketResponse] = set()

    @property
    def full(self) -> bool:
        return len(self.apps) >= self.max_sessions

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.full:
            page = FULL_PAGE.format(title=self.title, count=len(self.apps))
            return web.Response(status=503, text=page, content_type="text/html")
        return self.page(request, "app_index.html", "/ws")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        self.check_origin(request)
        websocket = web.WebSocketResponse(heartbeat=15)
        if not await prepared(websocket, request):
            return websocket
        if self.full:
            await websocket.send_bytes(FULL_TERMINAL.format(count=len(self.apps)).encode())
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"class full")
            return websocket
        app = AppProcess(
            self.argv,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self.apps.add(app)
        self.sockets.add(websocket)
        try:
            width = clamp(request.query.get("width"), COLUMNS, 80)
            height = clamp(request.query.get("height"), ROWS, 24)
            async with ends_quietly(websocket):
                await app.start(width, height)
                await relay(websocket, app)
        except Exception:
            log.exception("a tab's app stopped with an error")
        finally:
            self.sockets.discard(websocket)
            # The app counts against the cap until its process has ended, even when this
            # handler is cancelled while it waits.
            stopped = app.stop_soon()
            stopped.add_done_callback(lambda _: self.apps.discard(app))
            await asyncio.shield(stopped)
        return websocket

    async def close(self) -> None:
        """Close every tab's connection and wait until every app process has ended."""
        await asyncio.gather(
            *(socket.close(code=WSCloseCode.GOING_AWAY) for socket in list(self.sockets)),
            return_exceptions=True,
        )
        await asyncio.gather(*(app.stop() for app in list(self.apps)), return_exceptions=True)

    async def run(self, on_listening: Callable[[int], None]) -> None:
        """Listen until SIGINT or SIGTERM, then end every app. ``on_listening`` gets the port
        (the one the system chose for port 0). Raises :class:`CannotListen`."""
        async with self.listening(on_listening) as stop:
            await stop.wait()
            await self.close()
