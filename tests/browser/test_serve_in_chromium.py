"""``l1l2-tui serve`` in real headless Chromium: the app runs in the page and takes its keys,
a tab beyond ``--max-sessions`` is refused, and no app process outlives its tab or the server."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from chromium import STATUS, TabScreens, chromium
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from served import ROOT, served

# A real Chromium: seconds a test, and the machine to itself.
pytestmark = [pytest.mark.slow, pytest.mark.serial]

PAUSED = re.compile(r"║ paused.*step (\d+)\s+zeros \d+/\d+")


def wait_for_new_tabs(browser, known: set[str], timeout: float = 10.0) -> list[str]:
    deadline = time.monotonic() + timeout
    while not (new := [handle for handle in browser.window_handles if handle not in known]):
        assert time.monotonic() < deadline, f"no new tab after {timeout} s"
        time.sleep(0.05)
    return new


def loaded_document(browser, timeout: float = 20.0) -> str:
    """The tag of the tab's document once it has loaded (the app streams a file in chunks)."""
    script = "return document.readyState == 'complete' && document.documentElement.localName"
    deadline = time.monotonic() + timeout
    while not (tag := browser.execute_script(script)):
        assert time.monotonic() < deadline, f"the tab did not load in {timeout} s"
        time.sleep(0.05)
    return tag


def type_into_the_terminal(browser, keys: str) -> None:
    """Type as a person does: click the terminal, then press keys into whatever the click
    focused. Nothing here names the terminal widget's own elements, which change between
    versions of its front end and of Chromium."""
    terminal = browser.find_element(By.ID, "terminal")
    ActionChains(browser).click(terminal).pause(0.1).send_keys(keys).perform()


def test_the_app_runs_in_the_page_takes_keys_and_ends_with_the_server(tmp_path: Path):
    with served("--dataset", "diabetes") as server, chromium(tmp_path) as browser:
        screens = TabScreens(browser)
        browser.get(server.url)
        status = screens.wait_for(STATUS)
        assert status.group(1) == "► playing"
        assert int(status.group(4)) == 10, "the diabetes data set has 10 features"
        [socket] = screens.urls
        assert re.fullmatch(r"ws://127\.0\.0\.1:\d+/ws\?width=\d+&height=\d+", screens.urls[socket])

        # A key typed in the page reaches this tab's app: space pauses it, and it stays paused.
        type_into_the_terminal(browser, " ")
        paused_at = int(screens.wait_for(PAUSED).group(1))
        time.sleep(0.5)
        assert int(screens.wait_for(PAUSED).group(1)) == paused_at

        # A screenshot goes to the browser that asked for it, not onto the server's disk.
        files_before = set(ROOT.iterdir())
        page = browser.current_window_handle
        type_into_the_terminal(browser, "s")
        [shot] = wait_for_new_tabs(browser, {page})
        browser.switch_to.window(shot)
        assert loaded_document(browser) == "svg"
        assert "/download/" in browser.current_url
        assert set(ROOT.iterdir()) == files_before

        assert len(server.wait_for_apps(1)) == 1
        assert server.stop() == 0
        assert server.orphans() == []


def test_a_tab_beyond_the_cap_is_refused_and_closed_tabs_end_their_apps(tmp_path: Path):
    with served("--max-sessions", "2", "--paused") as server, chromium(tmp_path) as browser:
        before = len(server.apps())
        screens = TabScreens(browser)
        browser.get(server.url)
        browser.switch_to.new_window("tab")
        browser.get(server.url)
        server.wait_for_apps(before + 2)
        for socket in screens.wait_for_sockets(2):
            screens.wait_for(PAUSED, socket=socket)
        app_tabs = browser.window_handles

        browser.switch_to.new_window("tab")
        browser.get(server.url)
        page = browser.find_element(By.TAG_NAME, "body").text
        assert "This class is full" in page
        assert "2 apps are running" in page
        time.sleep(0.5)
        assert len(server.apps()) == before + 2, "the refused tab started no app"
        screens.poll()
        assert len(screens.urls) == 2, "the refused tab opened no websocket"

        for handle in app_tabs:
            browser.switch_to.window(handle)
            browser.close()
        server.wait_for_apps(before)
        assert server.orphans() == []

        # The closed tabs gave their places back: the refused tab, reloaded, gets an app.
        browser.switch_to.window(browser.window_handles[0])
        browser.get(server.url)
        [*_, socket] = screens.wait_for_sockets(3)
        screens.wait_for(PAUSED, socket=socket)
        assert len(server.wait_for_apps(before + 1)) == before + 1
        assert server.stop() == 0
