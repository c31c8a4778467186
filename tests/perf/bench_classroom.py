"""A class on one machine: ``serve`` with more and more private tabs, ``serve --follow`` with
more and more viewers.

Run by hand: ``python tests/perf/bench_classroom.py`` (``--private 1,2,4,8,16,30``,
``--follow 1,10,50,100,200``, ``--seconds 10`` measured at each step, ``--skip-private``,
``--skip-follow``, ``--skip-reference``).

Each tab is a websocket client speaking textual-serve's protocol on 127.0.0.1, as the page
does: it asks for a terminal of 120x40 and answers the app's query for synchronized output, so
every frame the app writes ends in ``ESC[?2026l`` and frames are counted from the bytes a tab
receives. Tabs are added step by step (earlier tabs go on playing) and each step is measured
over ``--seconds`` after a few seconds of settling. For each step it prints the frames a second
each tab received (median and worst tab), the CPU of the apps (sum, and per app) and of the
server (1.0 = one core busy), resident memory (apps' sum and the server's), bytes a second per
tab, and the CPU of this script's own clients (which share the machine's cores).

``--follow``: one lecturer's tab (``--lecturer-tab``) plays the app; each viewer's frames a
second is set against the lecturer's own.

The reference: the CPU of one private tab playing at 15 fps, against a minimal Textual app
served the same way (a label that changes each frame), and the CPU of a tab whose run has
converged.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

import psutil
from aiohttp import ClientSession, TCPConnector, WSMsgType

ROOT = Path(__file__).resolve().parents[2]
SIZE = (120, 40)
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_SUPPORTED = "\x1b[?2026;1$y"
SYNC_END = b"\x1b[?2026l"
MIB = 1024 * 1024
SETTLE = 3.0
PLAYING = ["--optimizer", "subgradient"]
"""A run that never converges (subgradient steps jitter around 0 under L1): with the default
proximal steps a run converges within seconds, and a converged run draws no frames."""
MINIMAL_APP = """
from textual.app import App
from textual.widgets import Label

class Minimal(App):
    def compose(self):
        yield Label("frame 0")

    def on_mount(self):
        self.frames = 0
        self.set_interval(1 / 15, self.tick)

    def tick(self):
        self.frames += 1
        self.query_one(Label).update(f"frame {self.frames}")

Minimal().run()
"""
SERVE_MINIMAL = """
import asyncio, sys
from l1l2_tui.web.server import ClassroomServer
server = ClassroomServer([sys.executable, {script!r}], host="127.0.0.1", port=0, max_sessions=9)
say = lambda port: print(f"Open http://127.0.0.1:{{port}} in a browser", flush=True)
asyncio.run(server.run(say))
"""


@dataclass
class Tab:
    """One websocket client: what it received."""

    frames: int = 0
    bytes: int = 0
    tail: bytes = b""
    closed: bool = False
    task: asyncio.Task[None] | None = field(default=None, repr=False)

    def take(self, data: bytes) -> bool:
        """Count a message; True when it holds the app's query for synchronized output."""
        window = self.tail + data
        self.frames += window.count(SYNC_END) - self.tail.count(SYNC_END)
        self.bytes += len(data)
        self.tail = window[-16:]
        return SYNC_QUERY in window


def tabs_session() -> ClientSession:
    """A client session without aiohttp's limit of 100 connections: each tab holds one open."""
    return ClientSession(connector=TCPConnector(limit=0))


async def run_tab(session: ClientSession, url: str, tab: Tab) -> None:
    async with session.ws_connect(url, max_msg_size=0) as websocket:
        await websocket.send_str(json.dumps(["resize", {"width": SIZE[0], "height": SIZE[1]}]))
        async for message in websocket:
            if message.type == WSMsgType.BINARY and tab.take(message.data):
                await websocket.send_str(json.dumps(["stdin", SYNC_SUPPORTED]))
    tab.closed = True


class Server:
    """``l1l2-tui serve OPTIONS`` (or any command printing the same first line) as a process."""

    def __init__(self, argv: list[str]) -> None:
        self.process = subprocess.Popen(
            argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        self.lines = [self.process.stdout.readline()]
        found = re.search(r"(http://127\.0\.0\.1:\d+)", self.lines[0])
        if found is None:
            self.process.kill()
            raise SystemExit(f"the server printed {self.lines[0]!r}")
        self.url = found.group(1)
        self.ps = psutil.Process(self.process.pid)

    def read_line(self) -> str:
        self.lines.append(self.process.stdout.readline())
        return self.lines[-1]

    def apps(self) -> list[psutil.Process]:
        return self.ps.children(recursive=True)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def cpu(process: psutil.Process) -> float:
    try:
        times = process.cpu_times()
    except psutil.NoSuchProcess:
        return 0.0
    return times.user + times.system


def rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.NoSuchProcess:
        return 0


@dataclass
class Step:
    tabs: int
    fps: list[float]
    app_cpu: float
    apps: int
    server_cpu: float
    client_cpu: float
    app_rss: int
    server_rss: int
    bytes_per_tab: float
    lecturer_fps: float | None = None


async def measure(server: Server, tabs: list[Tab], seconds: float) -> Step:
    await asyncio.sleep(SETTLE)
    apps = server.apps()
    me = psutil.Process()
    before = (
        [tab.frames for tab in tabs],
        [tab.bytes for tab in tabs],
        sum(cpu(app) for app in apps),
        cpu(server.ps),
        cpu(me),
        time.perf_counter(),
    )
    await asyncio.sleep(seconds)
    wall = time.perf_counter() - before[5]
    fps = [(tab.frames - old) / wall for tab, old in zip(tabs, before[0], strict=True)]
    sent = [(tab.bytes - old) / wall for tab, old in zip(tabs, before[1], strict=True)]
    return Step(
        tabs=len(tabs),
        fps=fps,
        app_cpu=(sum(cpu(app) for app in apps) - before[2]) / wall,
        apps=len(apps),
        server_cpu=(cpu(server.ps) - before[3]) / wall,
        client_cpu=(cpu(me) - before[4]) / wall,
        app_rss=sum(rss(app) for app in apps),
        server_rss=rss(server.ps),
        bytes_per_tab=median(sent) if sent else 0.0,
    )


def show(step: Step, kind: str) -> None:
    fps = step.fps
    per_app = step.app_cpu / max(step.apps, 1)
    lecturer = f"  lecturer {step.lecturer_fps:5.1f} f/s" if step.lecturer_fps is not None else ""
    print(
        f"  {step.tabs:4d} {kind}: f/s per tab median {median(fps):5.1f} worst {min(fps):5.1f}"
        f"{lecturer}  CPU apps {step.app_cpu:4.2f} ({step.apps} x {per_app:4.3f})"
        f"  server {step.server_cpu:4.2f}  clients {step.client_cpu:4.2f}"
        f"  RSS apps {step.app_rss / MIB:6.0f} MiB server {step.server_rss / MIB:4.0f} MiB"
        f"  {step.bytes_per_tab / 1000:5.1f} KB/s a tab",
        flush=True,
    )


async def ramp_private(counts: list[int], seconds: float, options: list[str]) -> list[Step]:
    most = max(counts)
    serve = [sys.executable, "-m", "l1l2_tui", "serve", "--port", "0"]
    server = Server([*serve, "--max-sessions", str(most), *options])
    steps = []
    try:
        async with tabs_session() as session:
            tabs: list[Tab] = []
            for count in counts:
                while len(tabs) < count:
                    tab = Tab()
                    url = server.url.replace("http", "ws") + "/ws?width=120&height=40"
                    tab.task = asyncio.ensure_future(run_tab(session, url, tab))
                    tabs.append(tab)
                step = await measure(server, tabs, seconds)
                show(step, "private tabs")
                steps.append(step)
            for tab in tabs:
                tab.task.cancel()
    finally:
        server.stop()
    return steps


async def ramp_follow(counts: list[int], seconds: float) -> list[Step]:
    serve = [sys.executable, "-m", "l1l2_tui", "serve", "--port", "0", "--follow"]
    server = Server([*serve, "--lecturer-tab", "--max-viewers", str(max(counts)), *PLAYING])
    lecturer_url = None
    for _ in range(3):
        if found := re.search(r"(http://\S+/lecture/\S+) ", server.read_line()):
            lecturer_url = found.group(1).replace("http", "ws") + "/ws?width=120&height=40"
            break
    if lecturer_url is None:
        server.stop()
        raise SystemExit("serve --follow printed no lecturer's address")
    steps = []
    try:
        async with tabs_session() as session:
            lecturer = Tab()
            lecturer.task = asyncio.ensure_future(run_tab(session, lecturer_url, lecturer))
            viewers: list[Tab] = []
            for count in counts:
                while len(viewers) < count:
                    viewer = Tab()
                    url = server.url.replace("http", "ws") + "/ws?width=120&height=40"
                    viewer.task = asyncio.ensure_future(run_tab(session, url, viewer))
                    viewers.append(viewer)
                step = await measure(server, [lecturer, *viewers], seconds)
                step.lecturer_fps, step.fps = step.fps[0], step.fps[1:]
                step.tabs = len(viewers)
                show(step, "viewers")
                steps.append(step)
            for tab in [lecturer, *viewers]:
                tab.task.cancel()
    finally:
        server.stop()
    return steps


async def one_tab_cpu(argv: list[str], seconds: float) -> tuple[float, float]:
    """CPU share and frames a second of the app of one tab of the server ``argv`` starts."""
    server = Server(argv)
    try:
        async with tabs_session() as session:
            tab = Tab()
            url = server.url.replace("http", "ws") + "/ws?width=120&height=40"
            tab.task = asyncio.ensure_future(run_tab(session, url, tab))
            step = await measure(server, [tab], seconds)
            tab.task.cancel()
    finally:
        server.stop()
    return step.app_cpu, step.fps[0]


async def reference(seconds: float) -> None:
    serve = [sys.executable, "-m", "l1l2_tui", "serve", "--port", "0"]
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "minimal.py"
        script.write_text(MINIMAL_APP)
        minimal = [sys.executable, "-c", SERVE_MINIMAL.format(script=str(script))]
        cases = {
            "minimal Textual app (a label each frame)": minimal,
            "l1l2-tui, playing, its first seconds (default options)": serve,
            "l1l2-tui, playing (--optimizer subgradient)": [*serve, *PLAYING],
            "l1l2-tui, converged (--speed 512)": [*serve, "--speed", "512"],
            "l1l2-tui, paused": [*serve, "--paused"],
        }
        print("  one tab, 120x40, --fps 15:")
        for label, argv in cases.items():
            share, fps = await one_tab_cpu(argv, seconds)
            per_frame = f"{share / fps * 1000:5.2f} ms/frame" if fps >= 1 else ""
            print(f"    {label:<62} {share:6.1%} of a core  {fps:5.1f} f/s  {per_frame}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--private", default="1,2,4,8,16,30")
    parser.add_argument("--follow", default="1,10,50,100,200")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--skip-private", action="store_true")
    parser.add_argument("--skip-follow", action="store_true")
    parser.add_argument("--skip-reference", action="store_true")
    args = parser.parse_args()
    load = os.getloadavg()
    print(
        f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} cores"
    )
    if not args.skip_reference:
        asyncio.run(reference(args.seconds))
    if not args.skip_private:
        print("serve (a private app a tab), every tab playing (--optimizer subgradient):")
        counts = [int(count) for count in args.private.split(",")]
        asyncio.run(ramp_private(counts, args.seconds, PLAYING))
    if not args.skip_follow:
        print("serve --follow, the lecturer's tab playing (--optimizer subgradient):")
        counts = [int(count) for count in args.follow.split(",")]
        asyncio.run(ramp_follow(counts, args.seconds))
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
