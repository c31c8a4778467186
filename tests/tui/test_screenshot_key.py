"""The `s` key: a screenshot under a name of its own in the current folder, never written over
anything or through a symlink, and every outcome a notification that says where (or why not),
its text shown as it is, never read as markup."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from apps import paused_app
from textual.widgets._toast import Toast

from l1l2_tui.app import L1L2App


def toasts(app: L1L2App) -> list[str]:
    """The text of every notification on screen, title first."""
    return [toast.render().plain for toast in app.screen.query(Toast)]


async def press_s(app: L1L2App, *before: str) -> list[str]:
    """Press the keys ``before``, then `s`; the notifications shown, the app still running."""
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press(*before, "s")
        await pilot.pause()
        shown = toasts(app)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    return shown


def svgs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix == ".svg")


async def test_s_twice_at_one_step_and_on_two_views_keeps_every_picture(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = paused_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("n", "s", "s", "z", "s")
        await pilot.pause()
        shown = toasts(app)
    assert svgs(tmp_path) == [
        "l1l2-tui-main-step1-2.svg",
        "l1l2-tui-main-step1.svg",
        "l1l2-tui-zero-step1.svg",
    ]
    assert f"Screenshot\nsaved to {tmp_path / 'l1l2-tui-zero-step1.svg'}" in shown
    assert "zeros" in (tmp_path / "l1l2-tui-main-step1.svg").read_text()


def a_symlink_to_a_file(folder: Path) -> Callable[[], None]:
    target = folder / "precious.txt"
    target.write_text("keep me")
    (folder / "l1l2-tui-main-step0.svg").symlink_to(target)
    return lambda: target.read_text() == "keep me"


def a_folder(folder: Path) -> Callable[[], None]:
    (folder / "l1l2-tui-main-step0.svg").mkdir()
    return lambda: (folder / "l1l2-tui-main-step0.svg").is_dir()


def a_file(folder: Path) -> Callable[[], None]:
    (folder / "l1l2-tui-main-step0.svg").write_text("an older picture")
    return lambda: (folder / "l1l2-tui-main-step0.svg").read_text() == "an older picture"


@pytest.mark.parametrize("taken_by", [a_symlink_to_a_file, a_folder, a_file])
async def test_a_taken_name_is_left_alone_and_the_next_one_used(tmp_path, monkeypatch, taken_by):
    monkeypatch.chdir(tmp_path)
    unchanged = taken_by(tmp_path)
    shown = await press_s(paused_app())
    assert unchanged()
    assert "zeros" in (tmp_path / "l1l2-tui-main-step0-2.svg").read_text()
    assert shown == [f"Screenshot\nsaved to {tmp_path / 'l1l2-tui-main-step0-2.svg'}"]


# A folder name: the notification must show it as it is, and the app go on.
FOLDER_NAMES = {
    "closing tag": "mk[/]up",
    "click action": "x[@click=app.quit]click me[/]y",
    "style": "[bold red]loud",
    "escape sequence": "a\x1b[2Jb",
}


@pytest.mark.parametrize("case", FOLDER_NAMES)
async def test_a_folder_name_is_shown_as_it_is(tmp_path, monkeypatch, case):
    folder = tmp_path / FOLDER_NAMES[case]  # a / in the name is a folder inside a folder
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    app = paused_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("s")
        await pilot.pause()
        (toast,) = app.screen.query(Toast)
        shown = toast.render().plain
        await pilot.click(toast)  # a link in the text would run its action here
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")
    expected = str(folder / "l1l2-tui-main-step0.svg").replace("\x1b", "\\x1b")
    assert shown == f"Screenshot\nsaved to {expected}"
    assert svgs(folder) == ["l1l2-tui-main-step0.svg"]


async def test_a_read_only_folder_is_a_notification(read_only_folder, monkeypatch):
    monkeypatch.chdir(read_only_folder)
    shown = await press_s(paused_app())
    path = read_only_folder / "l1l2-tui-main-step0.svg"
    assert len(shown) == 1
    assert shown[0].startswith(f"Screenshot not saved\n{path}: cannot write it: ")
    assert list(read_only_folder.iterdir()) == []


async def test_a_deleted_working_folder_is_a_notification(tmp_path, monkeypatch):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    shown = await press_s(paused_app())
    assert shown == [
        "Screenshot not saved\nthe current folder no longer exists; start l1l2-tui in one that does"
    ]


FULL_DISK = """
import asyncio, resource, signal
from pathlib import Path
from textual.widgets._toast import Toast
from l1l2_tui.app import make_app
from l1l2_tui.config import AppConfig
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

async def main():
    app = make_app(AppConfig(autoplay=False))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("s")
        await pilot.pause()
        print([toast.render().plain for toast in app.screen.query(Toast)])
        await pilot.press("q")
    print(app.return_code)

asyncio.run(main())
"""


def test_a_disk_that_fills_up_is_a_notification_and_leaves_no_part_of_a_file(tmp_path):
    """A file-size limit makes the write fail part-way, as a full disk does."""
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": ""},
    )
    path = tmp_path / "l1l2-tui-main-step0.svg"
    expected = f"['Screenshot not saved\\n{path}: cannot write it: File too large']\n0\n"
    assert (done.stdout, done.returncode) == (expected, 0), done.stderr
    assert list(tmp_path.iterdir()) == []
