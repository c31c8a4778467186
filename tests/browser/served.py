"""``l1l2-tui serve`` on a free localhost port, as a real process, and the apps it runs."""

from __future__ import annotations

import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
URL = re.compile(r"[Oo]pen (http://127\.0\.0\.1:\d+) in a browser")


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    seen_apps: set[int] = field(default_factory=set)

    def apps(self) -> list[psutil.Process]:
        """The app processes the server runs now (one per open tab)."""
        running = [
            child
            for child in psutil.Process(self.process.pid).children(recursive=True)
            if is_running(child.pid)
        ]
        self.seen_apps.update(child.pid for child in running)
        return running

    def wait_for_apps(self, count: int, timeout: float = 20.0) -> list[psutil.Process]:
        deadline = time.monotonic() + timeout
        while len(apps := self.apps()) != count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(apps)} app processes, not {count}, after {timeout} s")
            time.sleep(0.05)
        return apps

    def stop(self, timeout: float = 15.0) -> int:
        """Ctrl+C, as a teacher would press it; the server's exit code."""
        self.apps()
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout)

    def orphans(self) -> list[int]:
        """Apps this server started that are still running."""
        return sorted(pid for pid in self.seen_apps if is_running(pid))


def is_running(pid: int) -> bool:
    """Whether ``pid`` is a live process (an exited child waiting to be reaped is not)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@contextmanager
def served(*options: str, timeout: float = 20.0) -> Iterator[Served]:
    """Start ``l1l2-tui serve --port 0 OPTIONS``; stop it (and check it stopped) after."""
    process = subprocess.Popen(
        [sys.executable, "-m", "l1l2_tui", "serve", "--port", "0", *options],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], timeout)
        line = process.stdout.readline() if ready else ""
        found = URL.search(line)
        if found is None:
            process.kill()
            raise AssertionError(f"serve printed {line!r}; stderr: {process.communicate()[1]}")
        server = Served(process, found.group(1))
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
