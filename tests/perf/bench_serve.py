"""``l1l2-tui serve`` in headless Chromium: time to the first full frame, memory per tab.

Run by hand: ``python tests/perf/bench_serve.py`` (``SERVE_REPEATS=N`` page loads, 7 by
default; ``SERVE_TABS=N`` tabs open at once for the memory figures, 8 by default).

First frame: from asking the browser to open the page to the status line (``step N  zeros
k/d``) on the screen rebuilt from the bytes the page received; each load in a new tab, after the
previous tab closed. Memory: with the tabs all playing the app, the resident memory (RSS) and
unique memory (USS, what the process alone holds) of each app process, and how much the
server itself grew per tab. The browser's own memory is the student's, not counted here.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import psutil
from selenium.webdriver.common.by import By

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))

from chromium import STATUS, TabScreens, chromium
from served import served

MIB = 1024 * 1024


def first_frames(repeats: int) -> list[float]:
    times = []
    with served() as server, chromium(Path(tempfile.mkdtemp())) as browser:
        screens = TabScreens(browser)
        browser.get("about:blank")
        blank = browser.current_window_handle
        for count in range(1, repeats + 1):
            browser.switch_to.new_window("tab")
            start = time.perf_counter()
            browser.get(server.url)
            socket = screens.wait_for_sockets(count)[-1]
            screens.wait_for(STATUS, socket=socket)
            times.append(time.perf_counter() - start)
            browser.close()
            browser.switch_to.window(blank)
            server.wait_for_apps(0)
    return times


def memory(tabs: int) -> tuple[list[int], list[int], int, int]:
    with served("--max-sessions", str(tabs)) as server:
        idle = psutil.Process(server.process.pid).memory_info().rss
        with chromium(Path(tempfile.mkdtemp()), log_frames=False) as browser:
            for index in range(tabs):
                if index:
                    browser.switch_to.new_window("tab")
                browser.get(server.url)
            apps = server.wait_for_apps(tabs)
            time.sleep(5)  # a few seconds of playing, as a class would see it
            rss = [app.memory_info().rss for app in apps]
            uss = [app.memory_full_info().uss for app in apps]
            busy = psutil.Process(server.process.pid).memory_info().rss
            for handle in browser.window_handles:  # textual.js marks a page that got its app
                browser.switch_to.window(handle)
                drawn = "-first-byte" in browser.find_element(By.TAG_NAME, "body").get_attribute(
                    "class"
                )
                assert drawn, "a tab never received its app"
    return rss, uss, idle, busy


def main() -> None:
    repeats = int(os.environ.get("SERVE_REPEATS", "7"))
    tabs = int(os.environ.get("SERVE_TABS", "8"))
    times = first_frames(repeats)
    print(
        f"first full frame after opening the page: median {median(times) * 1000:.0f} ms, "
        f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms ({repeats} loads)"
    )
    rss, uss, idle, busy = memory(tabs)
    print(
        f"per tab, the app process ({tabs} tabs open): RSS median {median(rss) / MIB:.1f} MiB "
        f"(max {max(rss) / MIB:.1f}), USS median {median(uss) / MIB:.1f} MiB"
    )
    print(
        f"server: {idle / MIB:.1f} MiB RSS idle, {busy / MIB:.1f} MiB with {tabs} tabs "
        f"({(busy - idle) / tabs / MIB:.2f} MiB per tab)"
    )
    print(
        f"total per tab (app RSS + server growth): "
        f"{(median(rss) + (busy - idle) / tabs) / MIB:.1f} MiB"
    )


if __name__ == "__main__":
    main()
