"""An hour's lecture, compressed: the app in a real pseudo-terminal for ten minutes, driven round
after round as a teacher drives it (play and pause, flips, lam, the help, every view and its
keys, bursts of held keys), beside a demo playing its lesson in a loop. Prints the resident
memory of both over time and how long each key took to show on the screen.

Run by hand: ``python tests/perf/bench_soak.py [--minutes 10] [--against DIR]``. First it opens
and closes the help 80 times in a fresh app and prints the memory after 1, 40 and 80 times
(with ``--against DIR``, another checkout's app too, in turn).

A key's latency is the time from writing it to the pty until the terminal emulator fed with
the app's output (pyte) shows what the key does: the help's title, a view's title, the status
line's penalty or play state. The goal (issue 33): memory flat within 10 MB after the first
two minutes, every key shown within 1 s.
"""

from __future__ import annotations

import argparse
import os
import select
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

import pyte
from bench_app import THIS, spawn
from checkouts import Checkout

COLUMNS, LINES = 120, 40
ESCAPE = b"\x1b[27u"
"""The escape key as the kitty keyboard protocol (which the app asks for) sends it: a bare ESC
followed too soon by the next key is Alt+that key."""
TIMEOUT = 20.0
"""Seconds to wait for a key's effect before counting it as not shown."""
WARM_UP = 120.0
"""Seconds after which the memory is expected to stay flat."""
HELP = "why L1 gives exact zeros"
MAIN = "Weights now"
VIEWS = {
    b"g": "Geometry:",
    b"w": "Forces:",
    b"p": "Path:",
    b"c": "Compare:",
    b"z": "Zero:",
}
VIEW_KEYS = {b"g": b"f", b"c": b"v", b"z": b"fu"}
"""Keys a view has of its own, pressed while it is open."""

Shows = Callable[[list[str]], bool]


def has(text: str, but_not: str = "\0") -> Shows:
    """The screen holds ``text`` (and not ``but_not``)."""
    return lambda lines: (
        any(text in line for line in lines) and not any(but_not in line for line in lines)
    )


def status_line(lines: list[str]) -> str:
    """The status line: the one with the step size and lam."""
    return next((line for line in lines if " lr " in line and " lam " in line), "")


def status(*words: str) -> Shows:
    """The status line holds every one of ``words``."""
    return lambda lines: all(word in status_line(lines) for word in words)


@dataclass
class App:
    """One app process on a pty of its own, with a terminal emulator fed all it writes."""

    label: str
    argv: list[str]
    master: int = -1
    process: subprocess.Popen | None = None
    screen: pyte.Screen = field(default_factory=lambda: pyte.Screen(COLUMNS, LINES))
    memory: list[tuple[float, float]] = field(default_factory=list)
    """(seconds since the start, resident MB) samples."""

    def start(self, checkout: Checkout = THIS) -> None:
        argv = [sys.executable, "-m", checkout.package, *self.argv]
        self.process, self.master = spawn(argv, COLUMNS, LINES, checkout=checkout)
        self.stream = pyte.ByteStream(self.screen)

    def read(self, seconds: float, until: Shows | None = None) -> float | None:
        """Feed the emulator for ``seconds``, or until ``until`` holds: when it did, or None."""
        start = time.monotonic()
        while (left := start + seconds - time.monotonic()) > 0:
            if until is not None and until(self.screen.display):
                return time.monotonic() - start
            if select.select([self.master], [], [], min(left, 0.02))[0]:
                try:
                    self.stream.feed(os.read(self.master, 1 << 16))
                except OSError:
                    break
        return None

    def key(self, keys: bytes, shows: Shows | None = None) -> float | None:
        """Send ``keys``; the seconds until the screen ``shows`` their effect (None if not)."""
        sent = time.monotonic()
        os.write(self.master, keys)
        if shows is None:
            return None
        shown = self.read(TIMEOUT, shows)
        return None if shown is None else time.monotonic() - sent

    def drain(self) -> None:
        """Read all the app writes, in a thread of its own, without looking at it."""

        def run() -> None:
            while True:
                try:
                    if not os.read(self.master, 1 << 16):
                        return
                except OSError:
                    return

        threading.Thread(target=run, daemon=True).start()

    def resident_mb(self) -> float:
        assert self.process is not None
        pages = int(Path(f"/proc/{self.process.pid}/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20

    def sample_memory(self, since: float) -> None:
        self.memory.append((time.monotonic() - since, self.resident_mb()))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.write(self.master, ESCAPE * 3 + b"q")
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        os.close(self.master)


class Lecture:
    """The rounds of keys, with each key's latency recorded under a label."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.missed: dict[str, int] = defaultdict(int)

    def changes(self, status_only: bool = False) -> Shows:
        """The screen (its status line) differs from what it shows now."""
        now = list(self.app.screen.display)
        if status_only:
            return lambda lines: status_line(lines) != status_line(now)
        return lambda lines: lines != now

    def press(self, label: str, keys: bytes, shows: Shows) -> None:
        latency = self.app.key(keys, shows)
        if latency is None:
            self.missed[label] += 1
        else:
            self.latencies[label].append(latency)
        self.idle(0.2)

    def idle(self, seconds: float) -> None:
        self.app.read(seconds)

    def round(self) -> None:
        self.press("pause", b" ", status("paused"))
        self.press("flip to L2", b"l", status("L2", "paused"))
        self.press("flip to L1", b"l", status("L1", "paused"))
        self.press("lam+", b"+", self.changes(status_only=True))
        self.press("lam-", b"-", self.changes(status_only=True))
        self.press("help", b"?", has(HELP))
        self.press("help closed", ESCAPE, has(MAIN, but_not=HELP))
        for playing in (False, True):
            for key, title in VIEWS.items():
                name = title.rstrip(":") + (" (playing)" if playing else "")
                self.press(f"open {name}", key, has(title))
                for own in VIEW_KEYS.get(key, b"") if not playing else b"":
                    self.press(f"{name}: {chr(own)}", bytes([own]), self.changes())
                self.press(f"help over {name}", b"?", has(HELP))
                self.press("help closed", ESCAPE, has(title, but_not=HELP))
                self.idle(1.0)
                self.press(f"back from {name}", ESCAPE, has(MAIN, but_not=title))
            if not playing:
                self.press("play", b" ", status("playing"))
        self.press("pause", b" ", status("paused"))
        for burst, label in [
            (b"n" * 3000, "3000 n"),
            (b"\x1b[C" * 3000, "3000 right"),
            (b"l" * 1001, "1001 l"),
            (b"+" * 300 + b"-" * 300, "300 + then 300 -"),
            (b"ne" * 500, "500 n e"),
        ]:
            self.app.key(burst)
            self.press(f"help after a burst of {label}", b"?", has(HELP))
            self.press("help closed", ESCAPE, has(MAIN, but_not=HELP))
        self.press("L1 again", b"1", status("L1"))
        self.press("play", b" ", status("playing"))
        self.idle(2.0)


def summary(app: App) -> str:
    after = [mb for at, mb in app.memory if at >= WARM_UP]
    if not after:
        return f"{app.label}: too short to pass the warm-up"
    return (
        f"{app.label}: {after[0]:.1f} MB at {WARM_UP / 60:.0f} min, then {min(after):.1f}-"
        f"{max(after):.1f} MB, {after[-1]:.1f} MB at the end: growth after warm-up "
        f"{max(after) - after[0]:+.1f} MB"
    )


def help_memory(checkout: Checkout, openings: int = 80) -> str:
    """Resident memory of a fresh paused app before and after opening and closing the help."""
    app = App(str(checkout.root), ["--paused"])
    app.start(checkout)
    try:
        app.read(60.0, has(MAIN))
        app.read(1.0)
        figures = [f"{app.resident_mb():.1f} MB at the start"]
        for opening in range(1, openings + 1):
            app.key(b"?", has(HELP))
            app.key(ESCAPE, has(MAIN, but_not=HELP))
            if opening in (1, openings // 2, openings):
                figures.append(f"{app.resident_mb():.1f} MB after {opening}")
    finally:
        app.stop()
    return f"{checkout.root}: " + ", ".join(figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--against", type=Path, help="another checkout for the help's memory")
    options = parser.parse_args()
    minutes = options.minutes
    print("the help opened and closed in a fresh app:")
    for root in [options.against] if options.against else []:
        print("  " + help_memory(Checkout.of(root)), flush=True)
    print("  " + help_memory(THIS), flush=True)
    app = App("app (diabetes, keys)", ["--dataset", "diabetes"])
    demo = App("demo (its lesson in a loop)", ["demo"])
    for each in (app, demo):
        each.start()
    demo.drain()
    lecture = Lecture(app)
    start = time.monotonic()
    try:
        app.read(60.0, has(MAIN))
        rounds = 0
        next_print = 0.0
        print(f"l1l2-tui soak: {minutes:g} min, {COLUMNS}x{LINES}; memory (MB):")
        while time.monotonic() - start < minutes * 60:
            lecture.round()
            rounds += 1
            for each in (app, demo):
                each.sample_memory(start)
            if time.monotonic() - start >= next_print:
                print(
                    f"  {(time.monotonic() - start) / 60:5.1f} min  round {rounds:3d}  "
                    f"app {app.memory[-1][1]:6.1f}  demo {demo.memory[-1][1]:6.1f}",
                    flush=True,
                )
                next_print += 60.0
    finally:
        for each in (app, demo):
            each.stop()
    print(f"  {rounds} rounds in {(time.monotonic() - start) / 60:.1f} min")
    for each in (app, demo):
        print("  " + summary(each))
    print("  key to screen (s), worst and median of each, over every round:")
    for label, times in sorted(lecture.latencies.items(), key=lambda item: -max(item[1])):
        print(f"    {label:<40} {max(times):6.3f} {median(times):6.3f}  ({len(times)})")
    worst = max(max(times) for times in lecture.latencies.values())
    over = sum(t > 1.0 for times in lecture.latencies.values() for t in times)
    total = sum(len(times) for times in lecture.latencies.values())
    print(f"  worst key to screen: {worst:.3f} s; over 1 s: {over} of {total} keys")
    if lecture.missed:
        print(f"  not shown within {TIMEOUT:g} s: {dict(lecture.missed)}")


if __name__ == "__main__":
    main()
