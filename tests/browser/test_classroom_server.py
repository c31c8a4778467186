"""The server the page talks to, spoken to directly: what it takes from the address and the
page (a font size, a clamped terminal size, keys), the cap, and how it ends its apps."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import struct
import sys

import psutil
import pytest
from aiohttp import ClientSession, WSMsgType
from aiohttp.test_utils import TestClient, TestServer
from served import served

from l1l2_tui.web.server import ClassroomServer
from l1l2_tui.web.tab_driver import MAX_UNFETCHED

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


async def test_a_websocket_from_another_page_is_refused():
    server = ClassroomServer(ARGV, host="127.0.0.1", port=0, max_sessions=2)
    async with TestClient(TestServer(await server.web_app())) as client:
        own = f"http://{client.host}:{client.port}"
        for origin, host in [
            ("http://elsewhere.example", None),  # a page the teacher's browser visits
            ("null", None),  # a sandboxed frame or a file
            # A name pointed at 127.0.0.1 gives the page an origin matching its Host.
            (f"http://rebound.example:{client.port}", f"rebound.example:{client.port}"),
        ]:
            headers = {"Origin": origin} | ({"Host": host} if host else {})
            refused = await client.get("/ws?width=80&height=24", headers=headers)
            assert refused.status == 403, origin
        assert server.apps == set(), "a refused page starts no app"

        tab = await client.ws_connect("/ws?width=80&height=24", origin=own)
        await first_bytes(tab)
        assert len(server.apps) == 1, "the page's own origin is served"
        await tab.close()
        await until_no_apps(server)


async def test_public_url_names_the_origin_accepted():
    server = ClassroomServer(
        ARGV, host="127.0.0.1", port=0, max_sessions=1, public_url="https://class.example"
    )
    async with TestClient(TestServer(await server.web_app())) as client:
        refused = await client.get("/ws", headers={"Origin": "https://elsewhere.example"})
        assert refused.status == 403
        tab = await client.ws_connect("/ws", origin="https://class.example")
        await first_bytes(tab)
        await tab.close()
        await until_no_apps(server)


MALFORMED = [
    ("a lone surrogate in the keys", '["stdin", "\\ud800"]'),
    ("not JSON", "{"),
    ("not a list", '{"stdin": "q"}'),
    ("an empty list", "[]"),
    ("a kind the page never sends", '["deliver_chunk_request", {}]'),
    ("keys that are not text", '["stdin", 7]'),
    ("a resize without a size", '["resize", "big"]'),
    ("a ping without its text", '["ping", 1e999]'),
    ("binary", b"\x00\x01"),
]


@pytest.mark.parametrize(("what", "message"), MALFORMED, ids=[what for what, _ in MALFORMED])
async def test_a_malformed_message_closes_its_connection_quietly(what, message, caplog):
    server = ClassroomServer(ARGV, host="127.0.0.1", port=0, max_sessions=1)
    async with TestClient(TestServer(await server.web_app())) as client:
        tab = await client.ws_connect("/ws?width=80&height=24")
        await first_bytes(tab)
        await (tab.send_bytes(message) if isinstance(message, bytes) else tab.send_str(message))
        async with asyncio.timeout(20):
            while (await tab.receive()).type not in (WSMsgType.CLOSE, WSMsgType.CLOSED):
                pass
        assert tab.close_code == 1003, what
        await until_no_apps(server)
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == [], what


async def test_a_connection_reset_mid_handshake_leaves_no_traceback(caplog):
    server = ClassroomServer(ARGV, host="127.0.0.1", port=0, max_sessions=1)
    async with TestClient(TestServer(await server.web_app())) as client:
        for _ in range(5):
            _, writer = await asyncio.open_connection(client.host, client.port)
            writer.write(
                b"GET /ws?width=80&height=24 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
            )
            await writer.drain()
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.close()  # with SO_LINGER 0: a reset, not a close
        await until_no_apps(server)
        tab = await client.ws_connect("/ws?width=80&height=24")
        await first_bytes(tab)  # still serving
        await tab.close()
        await until_no_apps(server)
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_screenshots_never_fetched_are_not_held_without_bound():
    server = ClassroomServer(ARGV, host="127.0.0.1", port=0, max_sessions=1)
    async with TestClient(TestServer(await server.web_app())) as client:
        tab = await client.ws_connect("/ws?width=80&height=24")
        await first_bytes(tab)
        keys = []
        for _ in range(10):
            await tab.send_str('["stdin", "s"]')
            async with asyncio.timeout(30):
                while True:
                    message = await tab.receive()
                    if message.type == WSMsgType.TEXT and '"deliver_file_start"' in message.data:
                        keys.append(json.loads(message.data)[1])
                        break
        held = server.download_manager._active_downloads
        assert len(held) == MAX_UNFETCHED
        assert set(held) == set(keys[-MAX_UNFETCHED:])
        assert (await client.get(f"/download/{keys[0]}")).status == 404
        fetched = await client.get(f"/download/{keys[-1]}")
        assert fetched.status == 200
        assert (await fetched.text()).startswith("<svg")
        await tab.close()
        await until_no_apps(server)
        assert server.download_manager._active_downloads == {}
