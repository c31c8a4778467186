"""Debian's headless Chromium, and the screens of the terminals in its tabs.

The page draws the terminal on a canvas, and textual.js keeps its xterm.js terminal out of
reach of page scripts. So the screens are rebuilt the way the page builds them: every byte the
browser received on each tab's websocket (from Chrome's DevTools performance log) is fed to a
pyte terminal of the size the page asked for.
"""

from __future__ import annotations

import base64
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyte
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,800",
    # The page and the app are on this machine: no name resolves to anything else.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)
STATUS = re.compile(r"(► playing|║ paused).*step (\d+)\s+zeros (\d+)/(\d+)")
"""The status line: ``L1  ► playing  lam 0.32  ...  step 12  zeros 5/10  objective ...``."""


@contextmanager
def chromium(profile: Path, log_frames: bool = True) -> Iterator[WebDriver]:
    """Headless Chromium on a fresh profile, driven through Debian's chromedriver (given by
    path, so Selenium never looks for a driver or a browser to download). ``log_frames``:
    keep the DevTools log that :class:`TabScreens` reads (heavy with many playing tabs)."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        raise RuntimeError(
            f"missing {', '.join(missing)}: apt-get install chromium chromium-driver"
        )
    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    if log_frames:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


class TabScreens:
    """Every websocket the browser opened, each with the terminal screen its bytes draw."""

    def __init__(self, driver: WebDriver) -> None:
        self.driver = driver
        self.urls: dict[str, str] = {}
        self.screens: dict[str, pyte.Screen] = {}
        self._streams: dict[str, pyte.ByteStream] = {}

    def poll(self) -> None:
        """Read what the browser sent and received since the last poll."""
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            method, params = message["method"], message.get("params", {})
            if method == "Network.webSocketCreated":
                self._open(params["requestId"], params["url"])
            elif method == "Network.webSocketFrameSent":
                self._sent(params["requestId"], params["response"])
            elif method == "Network.webSocketFrameReceived":
                response = params["response"]
                stream = self._streams.get(params["requestId"])
                if stream is not None and response["opcode"] == 2:
                    stream.feed(base64.b64decode(response["payloadData"]))

    def _open(self, socket: str, url: str) -> None:
        query = parse_qs(urlsplit(url).query)
        screen = pyte.Screen(int(query["width"][0]), int(query["height"][0]))
        self.urls[socket] = url
        self.screens[socket] = screen
        self._streams[socket] = pyte.ByteStream(screen)

    def _sent(self, socket: str, response: dict) -> None:
        if response["opcode"] != 1 or socket not in self.screens:
            return
        envelope = json.loads(response["payloadData"])
        if envelope[0] == "resize":
            size = envelope[1]
            self.screens[socket].resize(size["height"], size["width"])

    def wait_for_sockets(self, count: int, timeout: float = 20.0) -> list[str]:
        """The websockets the tabs opened, once there are ``count`` of them."""
        deadline = time.monotonic() + timeout
        while len(self.urls) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.urls)} websockets, not {count}, after {timeout} s")
            time.sleep(0.05)
            self.poll()
        return list(self.urls)

    def text(self, socket: str) -> str:
        return "\n".join(line.rstrip() for line in self.screens[socket].display)

    def wait_for(
        self, pattern: re.Pattern[str], timeout: float = 20.0, socket: str | None = None
    ) -> re.Match[str]:
        """The first match of ``pattern`` on a screen (``socket``'s, or any), polling until
        ``timeout`` seconds have passed."""
        deadline = time.monotonic() + timeout
        while True:
            self.poll()
            for name in [socket] if socket else list(self.screens):
                if name in self.screens and (found := pattern.search(self.text(name))):
                    return found
            if time.monotonic() > deadline:
                shown = "\n---\n".join(self.text(name) for name in self.screens)
                raise AssertionError(
                    f"{pattern.pattern!r} not on screen after {timeout} s:\n{shown}"
                )
            time.sleep(0.05)
