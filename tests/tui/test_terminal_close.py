"""The app in a real pty: when the terminal goes away or a signal says stop, the process ends
within a second, without a traceback, and a terminal that is still there is given back intact."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from tui.app import make_app
from tui.terminal_signals import install_exit_handlers

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="pty hang-up semantics are Linux's"
)

START_TIMEOUT = 30.0
EXIT_TIMEOUT = 1.0
# The child takes the pty as its controlling terminal, as a login shell's job has it over SSH;
# closing the master side then makes the kernel send SIGHUP.
WITH_CONTROLLING_TERMINAL = (
    "import fcntl, runpy, sys, termios\n"
    "fcntl.ioctl(0, termios.TIOCSCTTY, 0)\n"
    "sys.argv = ['l1l2-tui', '--paused']\n"
    "runpy.run_module('tui', run_name='__main__')\n"
)


@dataclass
class Child:
    process: subprocess.Popen[bytes]
    master: int
    output: bytearray

    def read_available(self, timeout: float) -> bool:
        """Read what the app wrote; False once the pty gives EOF or EIO."""
        if not select.select([self.master], [], [], timeout)[0]:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return False
        self.output += data
        return bool(data)

    def wait_until_drawn(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while b"zeros" not in self.output and time.monotonic() < deadline:
            if not self.read_available(0.1):
                break
        assert b"zeros" in self.output, self.output[-2000:].decode(errors="replace")
        self.output.clear()

    def wait_for_exit(self, read: bool = True) -> float:
        """Seconds until the process is gone; keeps reading so its writes never block."""
        start = time.monotonic()
        while self.process.poll() is None and time.monotonic() - start < EXIT_TIMEOUT:
            if read:
                self.read_available(0.005)
            else:
                time.sleep(0.005)
        elapsed = time.monotonic() - start
        assert self.process.poll() is not None, "the app is still running"
        while read and self.read_available(0.05):
            pass
        return elapsed


@contextmanager
def app_in_pty(controlling_terminal: bool = False) -> Iterator[Child]:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    if controlling_terminal:
        argv = [sys.executable, "-c", WITH_CONTROLLING_TERMINAL]
    else:
        argv = [sys.executable, "-m", "tui", "--paused"]
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, start_new_session=True, env=env
    )
    os.close(slave)
    child = Child(process, master, bytearray())
    try:
        yield child
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        if child.master >= 0:
            os.close(child.master)


@pytest.mark.parametrize("controlling_terminal", [False, True], ids=["no-ctty", "ctty"])
def test_closing_the_terminal_ends_the_app(controlling_terminal: bool) -> None:
    # Without a controlling terminal no SIGHUP comes: the hang-up watcher must notice.
    with app_in_pty(controlling_terminal) as child:
        child.wait_until_drawn()
        os.close(child.master)
        child.master = -1
        child.wait_for_exit(read=False)
        assert child.process.returncode == 128 + signal.SIGHUP


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
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
    app = make_app()
    async with app.run_test():
        install_exit_handlers(app)
        assert [signal.getsignal(s) for s in (signal.SIGHUP, signal.SIGTERM)] == before
