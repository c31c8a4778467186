"""Key-to-screen latency of the app over a slow link: a pty whose reader drains at a fixed rate.

Run by hand: ``python tests/perf/bench_link.py [--against DIR] [--presses N] [--rates 8,32,0]``
(rates in KB/s, 0 for a reader that takes all there is). ``--against DIR`` runs the same cases
on another checkout (``git worktree add /tmp/before REV``), in turn with this one.

The terminal at the end of the link is :class:`SlowTerminal`: it reads the app's output no faster
than the link carries it, builds the screen from what it read (pyte) and answers the queries a
terminal answers (device status, synchronized output) when it reads them, as a real terminal
behind a slow SSH link does. For each screen (the main screen with 20 weights, the compare view,
digits) a key is pressed now and then while the run plays, and the time until its effect is on
that screen is taken: ``l`` flips the penalty the status line shows, and on compare (where
both penalties are shown and ``l`` does nothing) ``v`` puts the next two optimizers side by side,
as its title says. The measurement starts once what the app wrote as it started has drained.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import select
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyte
from bench_app import SYNC_END, SYNC_QUERY, SYNC_SUPPORTED, THIS, cpu_seconds, spawn, stop
from checkouts import Checkout

TIMEOUT = 8.0
"""Seconds a key's effect is waited for before the press counts as not shown."""
BURST = 0.02
"""Seconds of the link's rate the terminal may read at once after the link was idle."""
STATUS = re.compile(r"^\s*(L1|L2|EN|none)\b.*\blam \S+")
COMPARE_TITLE = re.compile(r"Compare: (.*) \(left\)")
STARTUP_BYTES = 40_000
"""About what the app writes as it starts (Textual paints the screen whole, twice): on a slow
link the measurement waits until that has drained."""


@dataclass(frozen=True)
class Screen:
    """A screen of the app: its options, the keys that open it, the keys pressed in turn, and
    where their effect shows: ``effect(terminal)`` reads it off the screen."""

    label: str
    options: list[str]
    opening: bytes
    keys: tuple[bytes, ...]
    effect: Callable[[SlowTerminal], str | None]


def penalty_shown(terminal: SlowTerminal) -> str | None:
    """The penalty the status line shows (``l`` flips it)."""
    for line in terminal.screen.display:
        if match := STATUS.match(line):
            return match.group(1)
    return None


def compared_shown(terminal: SlowTerminal) -> str | None:
    """What the compare view's title says the sides are (``v`` picks the next difference)."""
    for line in terminal.screen.display:
        if match := COMPARE_TITLE.search(line):
            return match.group(1)
    return None


SCREENS = [
    Screen("main, 20 weights", ["--features", "20"], b"", (b"l",), penalty_shown),
    Screen("compare, 20 weights", ["--features", "20"], b"c", (b"v",), compared_shown),
    Screen("digits", ["--dataset", "digits"], b"", (b"l",), penalty_shown),
]


class SlowTerminal:
    """The far end of a link of ``rate`` bytes a second (``None``: as fast as the pty gives),
    reading the pty ``master`` into a pyte screen of ``columns`` x ``lines``."""

    def __init__(self, master: int, rate: float | None, columns: int, lines: int) -> None:
        self.master, self.rate = master, rate
        self.screen = pyte.Screen(columns, lines)
        self.screen.write_process_input = self._answer
        self.stream = pyte.ByteStream(self.screen)
        self.read = 0
        self.frames = 0
        self._started = time.perf_counter()
        self._tail = b""

    def _answer(self, text: str) -> None:
        os.write(self.master, text.encode())

    def pump(self, seconds: float, until: object = None) -> float | None:
        """Read for ``seconds`` at the link's rate; with ``until`` (a function of the screen),
        stop as soon as it holds and return when it first did."""
        start = time.perf_counter()
        while (now := time.perf_counter()) - start < seconds:
            if until is not None and until(self):
                return now - start
            allowed = 1 << 16
            if self.rate is not None:
                credit = self.rate * (now - self._started) - self.read
                if credit > self.rate * BURST:  # an idle link does not save up for later
                    self._started += (credit - self.rate * BURST) / self.rate
                    credit = self.rate * BURST
                allowed = int(credit)
                if allowed < 1:
                    time.sleep(min(0.005, (1 - credit) / self.rate))
                    continue
            ready, _, _ = select.select([self.master], [], [], 0.01)
            if not ready:
                continue
            try:
                data = os.read(self.master, min(allowed, 1 << 16))
            except OSError:
                break
            self.read += len(data)
            window = self._tail + data
            if SYNC_QUERY in window:
                os.write(self.master, SYNC_SUPPORTED)
            self.frames += window.count(SYNC_END) - self._tail.count(SYNC_END)
            self._tail = window[-16:]
            self.stream.feed(data)
        return None


@dataclass
class Latencies:
    seconds: list[float]
    missed: int
    bytes_per_second: float
    frames_per_second: float
    cpu_share: float


def measure(screen: Screen, rate: float | None, checkout: Checkout, presses: int) -> Latencies:
    argv = [sys.executable, "-m", checkout.package, *screen.options]
    process, master = spawn(argv, 120, 40, checkout=checkout)
    terminal = SlowTerminal(master, rate, 120, 40)
    randomness = random.Random(0)
    latencies: list[float] = []
    missed = 0
    drain = 0.0 if rate is None else STARTUP_BYTES / rate
    try:
        if terminal.pump(30.0, until=lambda t: penalty_shown(t) is not None) is None:
            raise SystemExit(f"{screen.label}: no status line within 30 s")
        terminal.pump(2.0 + drain)
        if screen.opening:
            os.write(master, screen.opening)
            terminal.pump(2.0 + drain / 2)
        read, frames = terminal.read, terminal.frames
        cpu, wall = cpu_seconds(process.pid), time.perf_counter()
        for press in range(presses):
            terminal.pump(randomness.uniform(1.0, 2.0))
            before = screen.effect(terminal)
            os.write(master, screen.keys[press % len(screen.keys)])

            def changed(t: SlowTerminal, before: str | None = before) -> bool:
                return None not in (before, now := screen.effect(t)) and now != before

            seen = terminal.pump(TIMEOUT, until=changed)
            if seen is None:
                missed += 1
                # Wait for it anyway, so that the next press starts from a known state.
                terminal.pump(30.0, until=changed)
            else:
                latencies.append(seen)
        wall = time.perf_counter() - wall
        cpu = cpu_seconds(process.pid) - cpu
    finally:
        stop(process, master)
    return Latencies(
        latencies,
        missed,
        (terminal.read - read) / wall,
        (terminal.frames - frames) / wall,
        cpu / wall,
    )


def describe(figures: Latencies) -> str:
    if figures.seconds:
        times = sorted(figures.seconds)
        text = f"median {statistics.median(times):5.2f} s, max {times[-1]:5.2f} s"
    else:
        text = "no press shown"
    if figures.missed:
        text += f", {figures.missed} not shown in {TIMEOUT:g} s"
    return (
        f"{text}; {figures.bytes_per_second / 1000:5.1f} KB/s {figures.frames_per_second:4.1f} f/s"
        f" {figures.cpu_share:4.0%} CPU"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, help="another checkout, measured in turn")
    parser.add_argument("--presses", type=int, default=6, help="key presses per case")
    parser.add_argument("--rates", default="8,32,0", help="link rates in KB/s, 0: unlimited")
    parser.add_argument("--screens", default="main,compare,digits", help="which screens")
    args = parser.parse_args()
    roots = {"after": THIS}
    if args.against:
        roots = {"before": Checkout.of(args.against), **roots}
    rates = [float(rate) * 1000 or None for rate in args.rates.split(",")]
    print("key to screen at 120x40, " + ", ".join(f"{n} = {c.root}" for n, c in roots.items()))
    chosen = args.screens.split(",")
    for screen in (s for s in SCREENS if s.label.split(",")[0] in chosen):
        for rate in rates:
            link = f"{rate / 1000:g} KB/s" if rate else "unlimited"
            for name, checkout in roots.items():
                figures = measure(screen, rate, checkout, args.presses)
                print(f"  {screen.label:<20} {link:>10} {name:>7}: {describe(figures)}", flush=True)


if __name__ == "__main__":
    main()
