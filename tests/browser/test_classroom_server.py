"""The server the page talks to, spoken to directly: what it takes from the address and the
page (a font size, a clamped terminal size, keys), the cap, and how it ends its apps."""

from __future__ import annotations

import asyncio
import os
import sys

import psutil
import pytest
from aiohttp import ClientSession, WSMsgType
from aiohttp.test_utils import TestClient, TestServer
from served import served

from l1l2_tui.web.server import ClassroomServer

# Counts the app processes the server starts and ends: the machine to itself.
pytestmark = [pytest.mark.serial]

ARGV = [sys.executable, "-m", "l1l2_tui", "--paused"]


async def first_bytes(websocket) -> bytes:
    message = await asyncio.wait_for(websocket.receive(), 30)
    assert message.type == WSMsgType.BINARY, message
    return message.data


async def until_no_apps(server: ClassroomServer, timeout: float = 15.0) -> None:
    async with asyncio.timeout(timeout):
        while server.apps:
            await asyncio.sleep(0.05)


async def test_the_address_gives_a_font_size_and_nothing_else():
    server = ClassroomServer(ARGV, host="127.0.0.1", port=0, max_sessions=1)
    async with TestClient(TestServer(await server.web_app())) as client:
        moved = await client.get("/?ping=http://elsewhere/&delay=1", allow_redirects=False)
        assert (moved.status, moved.headers["Location"]) == (302, "/")
        page = await client.get("/?fontsize=999")
        assert page.status == 200
        text = await page.text()
        assert 'data-font-size="48"' in text
        assert "googleapis" not in text, "the page loads nothing from elsewhere"
        assert server.apps == set(), "a page alone starts no app"


async def test_a_tab_runs_the_fixed_command_at_a_clamped_size_and_the_cap_refuses_more():
    server = ClassroomServer(ARGV, host="127.0.0.1", port=0, max_sessions=1)
    async with TestClient(TestServer(await server.web_app())) as client:
        tab = await client.ws_connect("/ws?width=100000&height=1")
        await first_bytes(tab)
        [app] = server.apps
        process = psutil.Process(app.pid)
        assert process.cmdline() == ARGV, "run as given, without a shell"
        assert process.ppid() == os.getpid()
        environment = process.environ()
        assert (environment["COLUMNS"], environment["ROWS"]) == ("400", "8")

        full = await client.get("/")
        assert full.status == 503
        assert "This class is full" in await full.text()
        refused = await client.ws_connect("/ws")
        assert b"This class is full" in await first_bytes(refused)
        closing = await refused.receive()
        assert (closing.type, refused.close_code) == (WSMsgType.CLOSE, 1013)
        assert len(server.apps) == 1

        await tab.close()
        await until_no_apps(server)
        assert not psutil.pid_exists(process.pid) or process.status() == psutil.STATUS_ZOMBIE


async def test_closing_the_server_ends_every_app():
    server = ClassroomServer(ARGV, host="127.0.0.1", port=0, max_sessions=3)
    async with TestClient(TestServer(await server.web_app())) as client:
        tabs = [await client.ws_connect("/ws?width=80&height=24") for _ in range(2)]
        for tab in tabs:
            await first_bytes(tab)
        processes = [psutil.Process(app.pid) for app in server.apps]
        assert len(processes) == 2
        await server.close()
        assert server.apps == set()
        _, alive = psutil.wait_procs(processes, timeout=5)
        assert alive == []


def test_no_app_outlives_a_killed_server():
    async def kill_with_two_tabs_open(server) -> list[psutil.Process]:
        async with ClientSession() as session:
            url = server.url + "/ws?width=80&height=24"
            tabs = [await session.ws_connect(url) for _ in range(2)]
            for tab in tabs:
                await first_bytes(tab)
            apps = server.wait_for_apps(2)
            server.process.kill()  # SIGKILL: the server ends nothing itself
            server.process.wait(10)
            return apps

    with served() as server:
        apps = asyncio.run(kill_with_two_tabs_open(server))
    _, alive = psutil.wait_procs(apps, timeout=5)
    assert alive == []
