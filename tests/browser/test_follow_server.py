"""``serve --follow`` spoken to directly: the lecture driven from the terminal that started it,
viewers' keys, the origin check, and no process left after the server is killed."""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import threading
import time

import psutil
import pyte
from aiohttp import ClientSession, WSMsgType
from served import ROOT, served

STEP = re.compile(r"⏸ paused\s+(\d+) watching.*step (\d+)\s+zeros")


class Viewer:
    """A tab watching the lecture, with the screen its bytes draw."""

    def __init__(self, websocket) -> None:
        self.websocket = websocket
        self.screen: pyte.Screen | None = None
        self.stream: pyte.ByteStream | None = None
        self.closed = False

    async def read(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.closed and (left := deadline - time.monotonic()) > 0:
            try:
                message = await asyncio.wait_for(self.websocket.receive(), left)
            except TimeoutError:
                return
            if message.type == WSMsgType.TEXT:
                kind, payload = json.loads(message.data)
                if kind == "size":
                    self.screen = pyte.Screen(payload["width"], payload["height"])
                    self.stream = pyte.ByteStream(self.screen)
            elif message.type == WSMsgType.BINARY and self.stream is not None:
                self.stream.feed(message.data)
            elif message.type in (WSMsgType.CLOSE, WSMsgType.CLOSED):
                self.closed = True

    def status(self) -> re.Match[str] | None:
        if self.screen is None:
            return None
        return STEP.search("\n".join(self.screen.display))

    async def wait_for_step(self, step: int, timeout: float = 30.0) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while (found := self.status()) is None or int(found.group(2)) != step:
            assert time.monotonic() < deadline, f"step {step} not on the viewer's screen"
            await self.read(0.2)
        return found


class Terminal:
    """``l1l2-tui serve --follow`` in a pseudo-terminal of 100x30, as a lecturer starts it. A
    thread reads what it writes all along, as a terminal does (an app whose terminal is not
    read stops when the terminal's buffer is full)."""

    def __init__(self, *options: str) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        argv = [sys.executable, "-m", "l1l2_tui", "serve", "--port", "0", "--follow", *options]
        # The size is the terminal's (Textual takes COLUMNS and LINES over it).
        environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        self.process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=ROOT,
            env=environment,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.output = b""
        self.reading = threading.Thread(target=self._read, daemon=True)
        self.reading.start()

    def _read(self) -> None:
        while True:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    data = os.read(self.master, 1 << 16)
                except OSError:
                    return
                if not data:
                    return
                self.output += data

    def wait_for(self, pattern: bytes, timeout: float = 30.0) -> re.Match[bytes]:
        deadline = time.monotonic() + timeout
        while (found := re.search(pattern, self.output)) is None:
            assert time.monotonic() < deadline, f"{pattern!r} not in {self.output[-500:]!r}"
            time.sleep(0.05)
        return found

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)


async def test_the_lecture_driven_from_the_terminal_reaches_every_viewer():
    terminal = Terminal("--paused")
    try:
        url = terminal.wait_for(rb"Students open (http://127\.0\.0\.1:\d+) ").group(1).decode()
        terminal.wait_for(b"Press Enter")
        async with ClientSession() as session:
            early = Viewer(await session.ws_connect(url.replace("http", "ws") + "/ws"))
            terminal.type(b"\r")
            # The terminal's keys drive; both the early and a late viewer follow.
            await asyncio.to_thread(terminal.wait_for, rb"step 0")
            await early.wait_for_step(0)
            deadline = time.monotonic() + 30
            while (early.screen.columns, early.screen.lines) != (100, 30):
                assert time.monotonic() < deadline, "the viewer's screen is not the lecturer's size"
                await early.read(0.2)
            await early.wait_for_step(0)
            terminal.type(b"n")
            await early.wait_for_step(1)
            late = Viewer(await session.ws_connect(url.replace("http", "ws") + "/ws"))
            await late.wait_for_step(1)
            # A viewer's keys go nowhere.
            await late.websocket.send_str(json.dumps(["stdin", "nnn"]))
            terminal.type(b"n")
            found = await late.wait_for_step(2)
            assert int(found.group(1)) == 2, "the lecturer sees two watching"
            await early.wait_for_step(2)
            # Quitting the app ends the lecture: every viewer is told, the server ends.
            terminal.type(b"q")
            await asyncio.gather(early.read(15), late.read(15))
            assert early.closed and late.closed
        assert await asyncio.to_thread(terminal.process.wait, 15) == 0
        await asyncio.to_thread(terminal.wait_for, rb"The lecture has ended\.")
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
            terminal.process.wait()
        terminal.reading.join(5)
        os.close(terminal.master)


def test_a_viewer_from_another_page_is_refused_and_no_app_outlives_a_killed_server():
    async def check(server, lecture: str) -> list[psutil.Process]:
        ws = server.url.replace("http", "ws")
        async with ClientSession() as session:
            for path in ("/ws", lecture.replace(server.url, "") + "/ws"):
                refused = await session.get(
                    server.url + path, headers={"Origin": "http://elsewhere.example"}
                )
                assert refused.status == 403, path
            wrong = await session.get(server.url + "/lecture/not-the-token")
            assert wrong.status == 404
            lecturer = await session.ws_connect(lecture.replace("http", "ws") + "/ws")
            viewer = Viewer(await session.ws_connect(ws + "/ws"))
            await viewer.wait_for_step(0)
            await lecturer.close()
            apps = server.wait_for_apps(1)
            server.process.kill()  # SIGKILL: the server ends nothing itself
            server.process.wait(10)
            return apps

    with served("--follow", "--lecturer-tab", "--paused") as server:
        lecture = None
        for _ in range(3):
            if found := re.search(r"(http://\S+/lecture/\S+) ", server.process.stdout.readline()):
                lecture = found.group(1)
                break
        assert lecture is not None
        apps = asyncio.run(check(server, lecture))
    _, alive = psutil.wait_procs(apps, timeout=5)
    assert alive == []
