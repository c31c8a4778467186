"""The app in a real pty: when the terminal goes away or a signal says stop, the process ends
within a second, with the status of that signal (128 + its number), without a traceback, and a
terminal that is still there is given back intact. Stopped and continued in a storm, it goes
on; told a terminal size past any screen, it lays out a sane one."""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import sys
import termios
from pathlib import Path

import pytest
from apps import build_app
from pty_app import APP, ESCAPE, app_in_pty

from l1l2_tui.terminal.driver import MAX_COLUMNS, MAX_LINES, terminal_size
from l1l2_tui.terminal.signals import ENDING_SIGNALS, install_exit_handlers

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


SIGNALS = [
    signal.SIGHUP,
    signal.SIGTERM,
    signal.SIGINT,
    signal.SIGQUIT,
    signal.SIGUSR1,
    signal.SIGUSR2,
    signal.SIGALRM,
    signal.SIGXCPU,
    signal.SIGVTALRM,
    signal.SIGRTMIN,
]


@pytest.mark.parametrize("signum", SIGNALS, ids=[signal.Signals(s).name for s in SIGNALS])
def test_signal_ends_the_app_and_restores_the_terminal(signum: int) -> None:
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


def test_every_signal_whose_default_ends_the_process_is_handled_but_faults() -> None:
    faults = {signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE}
    neither = {signal.SIGKILL, signal.SIGINT, signal.SIGPIPE, signal.SIGXFSZ}
    assert set(SIGNALS) - {signal.SIGINT} <= set(ENDING_SIGNALS)
    assert not (faults | neither) & set(ENDING_SIGNALS)
    assert set(range(signal.SIGRTMIN, signal.SIGRTMAX + 1)) <= set(ENDING_SIGNALS)


def process_state(pid: int) -> str:
    """The one-letter state of ``/proc/PID/stat``: ``T`` when stopped."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_a_storm_of_stop_and_continue_signals_leaves_the_app_answering() -> None:
    # Textual's own handlers ran inside whatever they interrupted: a SIGTSTP handled inside
    # the last one's hung the app on its output thread within a few dozen.
    with app_in_pty() as child:
        child.wait_until_drawn()
        for _ in range(50):
            child.process.send_signal(signal.SIGTSTP)
            child.read_available(0.001)
            child.process.send_signal(signal.SIGCONT)
            child.read_available(0.001)
        child.read_for(0.5)
        child.process.send_signal(signal.SIGCONT)  # as fg would, were the app left stopped
        child.read_for(0.5)
        assert process_state(child.process.pid) != "T"
        child.output.clear()
        child.send(b"?")
        assert child.wait_for(b"why L1 gives exact zeros", 10.0), child.tail()
        child.send(ESCAPE)
        child.read_for(0.2)
        child.send(b"q")
        child.wait_for_exit(timeout=30.0)
        assert child.process.returncode == 0
        assert b"Traceback" not in child.output


def test_the_size_comes_from_the_terminal_and_has_a_ceiling() -> None:
    leader, follower = os.openpty()
    try:
        for size, expected in [
            ((120, 40), (120, 40)),
            ((100_000, 100_000), (MAX_COLUMNS, MAX_LINES)),
            ((0, 0), (80, 25)),
        ]:
            columns, lines = size
            packed = struct.pack("HHHH", min(lines, 65535), min(columns, 65535), 0, 0)
            fcntl.ioctl(follower, termios.TIOCSWINSZ, packed)
            assert terminal_size(follower) == expected
        assert terminal_size(-1, follower) == (80, 25)  # the first fd that is a terminal
    finally:
        os.close(leader)
        os.close(follower)


SIZE_FROM_ENVIRONMENT = (
    "import os, sys\n"
    "os.environ.update(COLUMNS='100000', LINES='100000')\n"
    "sys.argv = ['l1l2-tui', '--paused']\n"
    "from l1l2_tui.__main__ import main\n"
    "main()\n"
)


def test_columns_and_lines_in_the_environment_do_not_outsize_the_terminal() -> None:
    # COLUMNS=100000 LINES=100000 laid out ten billion cells: 14.9 GB before the kernel's kill.
    with app_in_pty(("-c", SIZE_FROM_ENVIRONMENT), rows=24, columns=80) as child:
        child.wait_until_drawn()
        child.read_for(1.0)
        pages = int(Path(f"/proc/{child.process.pid}/statm").read_text().split()[1])
        assert pages * os.sysconf("SC_PAGE_SIZE") < 200 * 2**20  # some 60 MB
        child.send(b"q")
        child.wait_for_exit(timeout=30.0)
        assert child.process.returncode == 0
