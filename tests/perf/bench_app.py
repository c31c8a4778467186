"""Frames/s, bytes/s and time to first frame of the app in a real pseudo-terminal.

Run by hand: ``python tests/perf/bench_app.py`` (``--startup-only``: just the first frame;
``STARTUP_REPEATS=N``: starts of each app, 15 by default).
Each case starts ``l1l2-tui`` in a pty of 120x40, answers Textual's query for synchronized
output so every frame is bracketed by ``ESC[?2026h ... ESC[?2026l``, then counts frame ends
and bytes over a window. Start-up is timed against a bare Textual hello-world, the two taken
in turn many times, since this kind of machine varies by a fifth from one run to the next.
"""

from __future__ import annotations

import compileall
import fcntl
import math
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from statistics import median, quantiles

ROOT = Path(__file__).resolve().parents[2]
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_SUPPORTED = b"\x1b[?2026;1$y"
SYNC_END = b"\x1b[?2026l"
HELLO = (
    "from textual.app import App\n"
    "from textual.widgets import Label\n"
    "class Hello(App):\n"
    "    def compose(self):\n"
    "        yield Label('hello world')\n"
    "Hello().run()\n"
)


def spawn(argv: list[str], columns: int = 120, lines: int = 40) -> tuple[subprocess.Popen, int]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    return process, master


def read_for(master: int, seconds: float, until: bytes | None = None) -> tuple[bytes, float | None]:
    """Read the terminal's output for ``seconds``, or until ``until`` shows up (and when)."""
    start = time.perf_counter()
    chunks: list[bytes] = []
    seen_at = None
    tail = b""
    while time.perf_counter() - start < seconds:
        ready, _, _ = select.select([master], [], [], 0.05)
        if not ready:
            continue
        try:
            data = os.read(master, 1 << 16)
        except OSError:
            break
        chunks.append(data)
        window = tail + data
        if SYNC_QUERY in window:
            os.write(master, SYNC_SUPPORTED)
        if until is not None and seen_at is None and until in window:
            seen_at = time.perf_counter() - start
            break
        tail = window[-64:]
    return b"".join(chunks), seen_at


def stop(process: subprocess.Popen, master: int) -> None:
    try:
        os.write(master, b"q")
        process.wait(timeout=3)
    except (OSError, subprocess.TimeoutExpired):
        process.kill()
        process.wait()
    os.close(master)


def first_frame(argv: list[str], marker: bytes) -> float:
    """Seconds from starting ``argv`` until ``marker`` is on the terminal."""
    process, master = spawn(argv)
    _, seen = read_for(master, 20.0, until=marker)
    stop(process, master)
    return seen if seen is not None else float("nan")


def first_frames(cases: list[tuple[list[str], bytes]], repeats: int = 15) -> list[list[float]]:
    """Start-up times of each case, the cases taken in turn so that a slow spell of the machine
    weighs on all of them alike."""
    times: list[list[float]] = [[] for _ in cases]
    for _ in range(repeats):
        for case_times, (argv, marker) in zip(times, cases, strict=True):
            case_times.append(first_frame(argv, marker))
    return times


def stream(
    argv: list[str], warmup: float = 3.0, seconds: float = 8.0, keys: bytes = b""
) -> tuple[float, float]:
    """Frames/s and bytes/s after ``warmup`` seconds, then ``keys`` typed."""
    process, master = spawn(argv)
    read_for(master, warmup)
    if keys:
        os.write(master, keys)
        read_for(master, 1.0)
    data, _ = read_for(master, seconds)
    stop(process, master)
    return data.count(SYNC_END) / seconds, len(data) / seconds


def main() -> None:
    app = [sys.executable, "-m", "tui"]
    print("l1l2-tui in a 120x40 pty")
    # As after `pip install`: the package's modules are already compiled to bytecode.
    compileall.compile_dir(str(ROOT / "engine"), quiet=1)
    compileall.compile_dir(str(ROOT / "tui"), quiet=1)
    repeats = max(2, int(os.environ.get("STARTUP_REPEATS", "15")))
    times = first_frames(
        [([sys.executable, "-c", HELLO], b"hello world"), ([*app, "--paused"], b"zeros")],
        repeats,
    )
    # A start whose frame never came (20 s) is left out, with its partner, and counted.
    pairs = [(h, o) for h, o in zip(*times, strict=True) if not (math.isnan(h) or math.isnan(o))]
    if len(pairs) < 2:
        print(f"  first full frame: only {len(pairs)} of {repeats} starts drew one within 20 s")
        return
    hello_times, our_times = (list(column) for column in zip(*pairs, strict=True))
    ratios = [ours / hello for hello, ours in pairs]
    quartiles = quantiles(ratios, n=4)
    if len(pairs) < repeats:
        print(f"  {repeats - len(pairs)} start(s) drew no frame within 20 s and are left out")
    print(
        f"  first full frame, {len(pairs)} starts each: hello-world median"
        f" {median(hello_times) * 1000:.0f} ms (fastest {min(hello_times) * 1000:.0f}),"
        f" l1l2-tui median {median(our_times) * 1000:.0f} ms"
        f" (fastest {min(our_times) * 1000:.0f})"
    )
    print(
        f"  ratio (target <= 1.5): median of pairs {median(ratios):.2f}"
        f" (quartiles {quartiles[0]:.2f}-{quartiles[2]:.2f}),"
        f" of medians {median(our_times) / median(hello_times):.2f},"
        f" of fastest {min(our_times) / min(hello_times):.2f}"
    )
    if "--startup-only" in sys.argv:
        return
    uncapped = ["--features", "20", "--fps", "60"]
    cases = [
        ("default settings (10 weights, --fps 15)", [], 3.0, b""),
        ("20 weights, --fps 15", ["--features", "20"], 3.0, b""),
        ("20 weights, --fps 60 (uncapped)", uncapped, 3.0, b""),
        # 8 s at 4096 steps a frame, then back to 1 step a frame: a run of ~10^6 steps.
        ("  the same after a run of ~10^6 steps", [*uncapped, "--speed", "4096"], 8.0, b"[" * 12),
    ]
    for label, extra, warmup, keys in cases:
        fps, rate = stream([*app, *extra], warmup=warmup, keys=keys)
        print(f"  {label:<48} {fps:6.1f} frames/s {rate / 1000:8.1f} KB/s")


if __name__ == "__main__":
    main()
