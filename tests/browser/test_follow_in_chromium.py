"""``l1l2-tui serve --follow`` in real headless Chromium: viewers watch the lecturer's app at
its size, cannot drive it, a late viewer gets the screen as it is, the cap refuses a viewer
with a page that says so, and no process outlives the server."""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from chromium import TabScreens, chromium
from selenium.webdriver.common.by import By
from served import served
from test_serve_in_chromium import PAUSED, type_into_the_terminal

LECTURER = re.compile(r"Drive the lecture from (http://\S+/lecture/\S+) ")
WATCHING = re.compile(r"⏸ paused\s+(\d+) watching.*step (\d+)")


def lecturer_url(server) -> str:
    """The lecturer's address, from what ``serve`` printed after the viewers' one."""
    for _ in range(3):
        if found := LECTURER.search(server.process.stdout.readline()):
            return found.group(1)
    raise AssertionError("serve printed no lecturer's address")


def step_on(screens: TabScreens, socket: str, step: int) -> re.Match[str]:
    return screens.wait_for(re.compile(rf"⏸ paused.*step {step}\s+zeros"), socket=socket)


def test_viewers_watch_the_lecturer_and_cannot_drive(tmp_path: Path):
    with (
        served("--follow", "--lecturer-tab", "--paused", "--dataset", "diabetes") as server,
        chromium(tmp_path) as browser,
    ):
        lecture = lecturer_url(server)
        screens = TabScreens(browser)
        browser.get(lecture)
        lecturer_tab = browser.current_window_handle
        [lecturer] = screens.wait_for_sockets(1)
        assert "/lecture/" in screens.urls[lecturer]
        screens.wait_for(PAUSED, socket=lecturer)
        browser.switch_to.new_window("tab")
        # A smaller font than the lecturer's: more cells would fit this viewer's window.
        browser.get(server.url + "/?fontsize=10")
        viewer_tab = browser.current_window_handle
        viewer = screens.wait_for_sockets(2)[-1]
        screens.wait_for(PAUSED, socket=viewer)

        # The viewer's page made its terminal the lecturer's size, whatever would fit.
        lecturer_screen, viewer_screen = screens.screens[lecturer], screens.screens[viewer]
        fitted = parse_qs(urlsplit(screens.urls[viewer]).query)
        lecturer_size = (lecturer_screen.columns, lecturer_screen.lines)
        assert (int(fitted["width"][0]), int(fitted["height"][0])) != lecturer_size
        deadline = time.monotonic() + 20
        while (viewer_screen.columns, viewer_screen.lines) != lecturer_size:
            assert time.monotonic() < deadline, "the viewer's terminal has not the lecturer's size"
            time.sleep(0.1)
            screens.poll()
        assert int(screens.wait_for(WATCHING, socket=lecturer).group(1)) == 1

        # The lecturer's keys take effect on every screen.
        browser.switch_to.window(lecturer_tab)
        type_into_the_terminal(browser, "n")
        step_on(screens, lecturer, 1)
        step_on(screens, viewer, 1)

        # The viewer's keys do nothing: no step, no play.
        browser.switch_to.window(viewer_tab)
        type_into_the_terminal(browser, "nn ")
        time.sleep(1.5)
        step_on(screens, lecturer, 1)
        assert "▶ playing" not in screens.text(lecturer)

        # A viewer that joins late gets the screen as it is now.
        browser.switch_to.new_window("tab")
        browser.get(server.url)
        late = screens.wait_for_sockets(3)[-1]
        step_on(screens, late, 1)
        assert int(screens.wait_for(WATCHING, socket=lecturer).group(1)) == 2

        assert len(server.wait_for_apps(1)) == 1, "one app, whatever the number of tabs"
        assert server.stop() == 0
        assert server.orphans() == []


def test_a_viewer_beyond_the_cap_gets_a_page_that_says_so(tmp_path: Path):
    with (
        served("--follow", "--lecturer-tab", "--paused", "--max-viewers", "1") as server,
        chromium(tmp_path) as browser,
    ):
        lecturer_url(server)
        screens = TabScreens(browser)
        browser.get(server.url)
        screens.wait_for_sockets(1)
        browser.switch_to.new_window("tab")
        browser.get(server.url)
        page = browser.find_element(By.TAG_NAME, "body").text
        assert "This lecture is full" in page
        assert "1 tabs are watching" in page
        screens.poll()
        assert len(screens.urls) == 1, "the refused tab opened no websocket"
        assert server.stop() == 0
        assert server.orphans() == []
