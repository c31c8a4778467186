"""The app in a real pty: when the terminal goes away or a signal says stop, the process ends
within a second, with the status of that signal (128 + its number), without a traceback, and a
terminal that is still there is given back intact."""

from __future__ import annotations

import os
import signal
import sys
import termios

import pytest
from apps import build_app
from pty_app import APP, app_in_pty

from l1l2_tui.terminal.signals import install_exit_handlers

pytestmark = [
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="pty hang-up semantics are Linux's"
    ),
    # Each app must end within a second: the machine to itself.
    pytest.mark.serial,
]

# The child takes the pty as its controlling terminal, as a login shell's job has it over SSH;
# closing the master side then makes the kernel send SIGHUP.
WITH_CONTROLLING_TERMINAL = (
    "import fcntl, runpy, sys, termios\n"
    "fcntl.ioctl(0, termios.TIOCSCTTY, 0)\n"
    "sys.argv = ['l1l2-tui', '--paused']\n"
    "runpy.run_module('l1l2_tui', run_name='__main__')\n"
)


@pytest.mark.parametrize("controlling_terminal", [False, True], ids=["no-ctty", "ctty"])
def test_closing_the_terminal_ends_the_app(controlling_terminal: bool) -> None:
    # Without a controlling terminal no SIGHUP comes: the hang-up watcher must notice.
    args = ("-c", WITH_CONTROLLING_TERMINAL) if controlling_terminal else APP
    with app_in_pty(args) as child:
        child.wait_until_drawn()
        os.close(child.master)
        child.master = -1
        child.wait_for_exit(read=False)
        assert child.process.returncode == 128 + signal.SIGHUP


@pytest.mark.parametrize(
    "signum", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT], ids=["SIGHUP", "SIGTERM", "SIGINT"]
)
def test_signal_ends_the_app_and_restores_the_terminal(signum: signal.Signals) -> None:
    with app_in_pty() as child:
        cooked = termios.tcgetattr(child.master)
        child.wait_until_drawn()
        assert not termios.tcgetattr(child.master)[3] & termios.ICANON
        child.process.send_signal(signum)
        child.wait_for_exit()
        assert child.process.returncode == 128 + signum
        assert b"Traceback" not in child.output
        assert b"\x1b[?1049l" in child.output  # left the alternate screen
        assert b"\x1b[?25h" in child.output  # cursor shown
        assert b"\x1b[?1000l" in child.output  # mouse reporting off
        assert termios.tcgetattr(child.master)[3] == cooked[3]  # echo and line editing back


async def test_headless_app_installs_nothing() -> None:
    before = [signal.getsignal(s) for s in (signal.SIGHUP, signal.SIGTERM)]
    app = build_app(autoplay=True)
    async with app.run_test():
        install_exit_handlers(app)
        assert [signal.getsignal(s) for s in (signal.SIGHUP, signal.SIGTERM)] == before
