"""The app in a real pty writes nothing once the run has converged or while paused, and what
its partial frames leave on the terminal is what a full repaint draws."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pyte
import pytest

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a Linux pty"),
    # Counts what a real terminal is sent in a time window: the machine to itself.
    pytest.mark.serial,
]

ROOT = Path(__file__).resolve().parents[2]
COLUMNS, LINES = 120, 40


class Terminal:
    """The app on a pty, and a terminal emulator fed everything it writes."""

    def __init__(self, *options: str, columns: int = COLUMNS) -> None:
        self.master, slave = pty.openpty()
        self.columns = columns
        self.resize(columns, LINES)
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        env.pop("NO_COLOR", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "l1l2_tui", *options],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        os.close(slave)
        self.screen = pyte.Screen(columns, LINES)
        self.stream = pyte.ByteStream(self.screen)

    def resize(self, columns: int, lines: int) -> None:
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))

    def read(self, seconds: float) -> int:
        """Feed the emulator what the app writes for ``seconds``; how many bytes that was."""
        deadline, count = time.monotonic() + seconds, 0
        while (left := deadline - time.monotonic()) > 0:
            if not select.select([self.master], [], [], min(left, 0.05))[0]:
                continue
            data = os.read(self.master, 1 << 16)
            count += len(data)
            self.stream.feed(data)
        return count

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.screen.display):
            assert time.monotonic() < deadline, f"{text!r} never showed"
            self.read(0.1)

    def press(self, keys: str, settle: float) -> None:
        os.write(self.master, keys.encode())
        self.read(settle)

    def cells(self) -> list[list[tuple[str, str, str, bool]]]:
        """Every cell's character, colours and weight."""
        rows = (self.screen.buffer[y] for y in range(LINES))
        return [
            [(c.data, c.fg, c.bg, c.bold) for c in map(row.__getitem__, range(self.columns))]
            for row in rows
        ]

    def repaint_whole(self) -> None:
        """Make the app paint the whole screen again, as after the window was resized."""
        for columns in (self.columns + 1, self.columns):
            self.resize(columns, LINES)
            self.screen.resize(LINES, columns)
            self.process.send_signal(signal.SIGWINCH)
            self.read(1.0)

    def close(self) -> None:
        try:
            os.write(self.master, b"q")
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        os.close(self.master)


@pytest.fixture
def converged() -> Iterator[Terminal]:
    """20 weights run at 64 steps a frame for a while (thousands of steps), then 1 a frame."""
    # Wide enough for the whole status line: the speed and "converged at step N" both show.
    terminal = Terminal("--features", "20", "--speed", "64", columns=160)
    try:
        terminal.wait_for("zeros")
        terminal.read(2.5)
        terminal.press("[" * 6, settle=1.0)
        yield terminal
    finally:
        terminal.close()


def test_a_converged_run_and_a_paused_one_write_nothing_and_the_screen_is_right(
    converged: Terminal,
):
    assert any("speed 1/" in line for line in converged.screen.display)
    converged_at = re.compile(r"► playing +converged at step \d+")
    shown = converged.screen.display
    assert any(converged_at.search(line) for line in shown), "\n".join(shown[-4:])
    assert converged.read(3.0) == 0, "a converged run rests"
    converged.press(" ", settle=1.0)
    assert any("paused" in line for line in converged.screen.display)
    assert converged.read(2.0) == 0
    # Every frame so far but the first was partial: the terminal must show what a full
    # repaint of the same state shows.
    partial = converged.cells()
    converged.repaint_whole()
    assert converged.cells() == partial


def test_partial_frames_of_side_by_side_plots_leave_what_a_full_repaint_draws():
    """The compare view: two plots, the right one starting mid-line, on a run still moving."""
    terminal = Terminal("--features", "20", "--paused")
    try:
        terminal.wait_for("zeros")
        terminal.press("c", settle=1.0)
        terminal.wait_for("Compare")
        terminal.press(" ", settle=2.0)
        terminal.press(" ", settle=1.0)
        assert terminal.read(1.0) == 0  # paused: nothing moves
        partial = terminal.cells()
        terminal.repaint_whole()
        assert terminal.cells() == partial
    finally:
        terminal.close()
