"""The app as a user's terminal runs it: a real process on a pseudo-terminal the test holds."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30.0
EXIT_TIMEOUT = 1.0
APP = ("-m", "l1l2_tui", "--paused")
ESCAPE = b"\x1b[27u"
"""The escape key as a terminal speaking the kitty keyboard protocol (which the app asks for)
sends it. A bare ESC is an escape key only if nothing follows within the parser's timeout: on
a loaded machine the next key sent after it can arrive in the same read, and ESC then q is
Alt+q."""


@dataclass
class Child:
    process: subprocess.Popen[bytes]
    master: int
    output: bytearray

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

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

    def read_for(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.read_available(deadline - time.monotonic()):
            pass

    def wait_for(self, text: bytes, timeout: float = START_TIMEOUT) -> bool:
        """Read until ``text`` appears in the output (True) or ``timeout`` seconds pass."""
        deadline = time.monotonic() + timeout
        while text not in self.output and time.monotonic() < deadline:
            if not self.read_available(0.05):
                break
        return text in self.output

    def wait_until_drawn(self) -> None:
        assert self.wait_for(b"zeros"), self.tail()
        self.output.clear()

    def wait_for_exit(self, read: bool = True, timeout: float = EXIT_TIMEOUT) -> float:
        """Seconds until the process is gone; keeps reading so its writes never block."""
        start = time.monotonic()
        while self.alive and time.monotonic() - start < timeout:
            if read:
                self.read_available(0.005)
            else:
                time.sleep(0.005)
        elapsed = time.monotonic() - start
        assert not self.alive, "the app is still running"
        while read and self.read_available(0.05):
            pass
        return elapsed

    def tail(self, size: int = 2000) -> str:
        return self.output[-size:].decode(errors="replace")


@contextmanager
def app_in_pty(
    args: Sequence[str] = APP,
    rows: int = 40,
    columns: int = 120,
    cwd: Path | None = None,
    stdin: int | None = None,
) -> Iterator[Child]:
    """Run ``python *args`` (the app, paused, by default) on a new pty of ``columns`` x ``rows``,
    reading ``stdin`` (a file descriptor) instead of the pty if given; killed on leaving if
    still running. The repository's packages come first on its path."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    process = subprocess.Popen(
        [sys.executable, *args],
        stdin=slave if stdin is None else stdin,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
        env=env,
        cwd=cwd or ROOT,
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
