"""Bytes/s, frames/s, CPU, memory and time to first frame of the app in a real pseudo-terminal.

Run by hand: ``python tests/perf/bench_app.py [--against DIR]`` (``--startup-only``: just the
first frame, ``--no-startup``: all but it; ``STARTUP_REPEATS=N``: starts of each app, 15 by
default). ``--against DIR`` runs
the same cases on another checkout of the project too (``git worktree add /tmp/before REV``)
and prints its figures beside this one's, so "before" and "after" come from one run on the
same machine.

Each case starts ``l1l2-tui`` in a pty, answers Textual's query for synchronized output so
every frame is bracketed by ``ESC[?2026h ... ESC[?2026l`` and the status request after each frame
as a terminal does (the app paces its frames by the answers), then counts frame ends, bytes and
the process's CPU time over a window; the resident memory of a large problem is taken against
the app's own on the default one. Start-up is timed against Textual hello-worlds: a
bare one, one that first imports what the app depends on (the floor a start can reach) and,
for each checkout, one that first imports all that the app loads before its first frame (what
the imports alone cost), all taken in turn many times, since this kind of machine varies by a
fifth between runs.
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
from dataclasses import dataclass
from pathlib import Path
from statistics import median, quantiles

from checkouts import Checkout

ROOT = Path(__file__).resolve().parents[2]
THIS = Checkout.of(ROOT)
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_SUPPORTED = b"\x1b[?2026;1$y"
SYNC_END = b"\x1b[?2026l"
STATUS_REQUEST = b"\x1b[5n"
STATUS_ANSWER = b"\x1b[0n"
HELLO = (
    "from textual.app import App\n"
    "from textual.widgets import Label\n"
    "class Hello(App):\n"
    "    def compose(self):\n"
    "        yield Label('hello world')\n"
    "Hello().run()\n"
)
HELLO_WITH_DEPENDENCIES = "import numpy, plotext, typer, textual_plotext\n" + HELLO


def hello_after_the_apps_imports(checkout: Checkout) -> str:
    """How much of a start the imports alone take: everything the app loads before its first
    frame (``numpy.random`` makes the synthetic data), then the hello-world's label."""
    modules = ", ".join(checkout.module(name) for name in ("app", "cli.commands", "cli.sessions"))
    return (
        # As the app's own start: the collector held while it imports, then let go.
        "import gc\n"
        "gc.disable()\n"
        "import numpy, plotext, typer, textual_plotext, numpy.random\n"
        f"import {modules}\n"
        "gc.enable()\n" + HELLO
    )


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def spawn(
    argv: list[str], columns: int = 120, lines: int = 40, checkout: Checkout | None = None
) -> tuple[subprocess.Popen, int]:
    """``argv`` in a new pty of ``columns`` x ``lines``, with ``checkout``'s code first on the
    path (this one's if ``None``)."""
    checkout = checkout or THIS
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    env = {**checkout.env(), "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        cwd=checkout.path,
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
        # A status request after each frame, which a terminal answers once it has read it.
        if requests := window.count(STATUS_REQUEST) - tail.count(STATUS_REQUEST):
            os.write(master, STATUS_ANSWER * requests)
        if until is not None and seen_at is None and until in window:
            seen_at = time.perf_counter() - start
            break
        tail = window[-64:]
    return b"".join(chunks), seen_at


def stop(process: subprocess.Popen, master: int) -> None:
    try:
        os.write(master, b"\x11")  # ctrl+q: quits the app and the hello-worlds alike
        process.wait(timeout=3)
    except (OSError, subprocess.TimeoutExpired):
        process.kill()
        process.wait()
    os.close(master)


def first_frame(argv: list[str], marker: bytes, checkout: Checkout) -> float:
    """Seconds from starting ``argv`` on ``checkout`` until ``marker`` is on the terminal."""
    process, master = spawn(argv, checkout=checkout)
    _, seen = read_for(master, 20.0, until=marker)
    stop(process, master)
    return seen if seen is not None else float("nan")


def first_frames(
    cases: list[tuple[list[str], bytes, Checkout]], repeats: int = 15
) -> list[list[float]]:
    """Start-up times of each ``(argv, marker, checkout)``, the cases taken in turn so that a
    slow spell of the machine weighs on all of them alike."""
    times: list[list[float]] = [[] for _ in cases]
    for _ in range(repeats):
        for case_times, (argv, marker, checkout) in zip(times, cases, strict=True):
            case_times.append(first_frame(argv, marker, checkout))
    return times


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process ``pid`` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


@dataclass(frozen=True)
class Case:
    """One way to run the app: its options, terminal size, how long to let it run first and
    what to type before measuring."""

    label: str
    options: list[str]
    size: tuple[int, int] = (120, 40)
    warmup: float = 3.0
    keys: bytes = b""


@dataclass(frozen=True)
class Figures:
    frames_per_second: float
    bytes_per_second: float
    cpu_share: float
    """CPU time over wall time, 1.0 being one core busy."""


def stream(case: Case, checkout: Checkout, seconds: float = 8.0) -> Figures:
    """What ``checkout``'s app writes over ``seconds``, after the case's warm-up and keys."""
    argv = [sys.executable, "-m", checkout.package, *case.options]
    process, master = spawn(argv, *case.size, checkout=checkout)
    try:
        read_for(master, case.warmup)
        if case.keys:
            os.write(master, case.keys)
            read_for(master, 1.0)
        cpu_before, wall_before = cpu_seconds(process.pid), time.perf_counter()
        data, _ = read_for(master, seconds)
        cpu = cpu_seconds(process.pid) - cpu_before
        wall = time.perf_counter() - wall_before
    finally:
        # Also when the bench is interrupted: an app left on a closed pty keeps running.
        stop(process, master)
    return Figures(data.count(SYNC_END) / wall, len(data) / wall, cpu / wall)


def compile_tree(root: Path) -> None:
    """Compile a checkout's modules to bytecode, as `pip install` leaves them."""
    compileall.compile_dir(str(root / "engine"), quiet=1)
    compileall.compile_dir(str(root / "tui"), quiet=1)


def startup(roots: dict[str, Checkout], repeats: int) -> None:
    """First full frame of each checkout against the hello-worlds, all started in turn."""
    hellos = {
        "bare hello-world": [sys.executable, "-c", HELLO],
        "hello-world importing the dependencies": [sys.executable, "-c", HELLO_WITH_DEPENDENCIES],
    }
    cases = [(argv, b"hello world", THIS) for argv in hellos.values()]
    names = list(hellos)
    for name, checkout in roots.items():
        hello = [sys.executable, "-c", hello_after_the_apps_imports(checkout)]
        cases.append((hello, b"hello world", checkout))
        cases.append(([sys.executable, "-m", checkout.package, "--paused"], b"zeros", checkout))
        names += [f"hello-world after {name}'s imports", f"l1l2-tui {name}"]
    times = first_frames(cases, repeats)
    # A start whose frame never came (20 s) is left out, with its partners, and counted.
    rounds = [row for row in zip(*times, strict=True) if not any(map(math.isnan, row))]
    if len(rounds) < 2:
        print(f"  first full frame: only {len(rounds)} of {repeats} rounds drew every frame")
        return
    if len(rounds) < repeats:
        print(f"  {repeats - len(rounds)} round(s) with a start that drew nothing are left out")
    columns = dict(zip(names, ([*column] for column in zip(*rounds, strict=True)), strict=True))
    print(f"  first full frame, {len(rounds)} starts each (median, fastest):")
    for name, column in columns.items():
        print(f"    {name:<42} {median(column) * 1000:5.0f} ms {min(column) * 1000:5.0f} ms")
    floor = columns["hello-world importing the dependencies"]
    for name in roots:
        imports_only = columns[f"hello-world after {name}'s imports"]
        column = columns[f"l1l2-tui {name}"]
        ratios = [ours / base for ours, base in zip(column, floor, strict=True)]
        quartiles = quantiles(ratios, n=4)
        imports_ratio = median(a / b for a, b in zip(imports_only, floor, strict=True))
        print(
            f"    {name}: ratio to the dependency floor (target <= 1.1): median of pairs"
            f" {median(ratios):.2f} (quartiles {quartiles[0]:.2f}-{quartiles[2]:.2f}),"
            f" of medians {median(column) / median(floor):.2f},"
            f" of fastest {min(column) / min(floor):.2f};"
            f" its imports alone: {imports_ratio:.2f}"
        )


CASES = [
    Case("default settings (10 weights, --fps 15), playing", []),
    Case("20 weights, --fps 15, playing", ["--features", "20"]),
    # 3 s at 64 steps a frame (some 2,800 steps), then back to 1 step a frame.
    Case("20 weights, --fps 15, converged", ["--features", "20", "--speed", "64"], keys=b"[" * 6),
    Case("20 weights, --fps 15, paused", ["--features", "20", "--paused"]),
    Case("20 weights, --fps 60", ["--features", "20", "--fps", "60"]),
    Case("40 weights, --fps 60, 200x60", ["--features", "40", "--fps", "60"], size=(200, 60)),
    # 8 s at 4096 steps a frame, then back to 1 step a frame: a run of ~10^6 steps.
    Case(
        "20 weights, --fps 60, after ~10^6 steps",
        ["--features", "20", "--fps", "60", "--speed", "4096"],
        warmup=8.0,
        keys=b"[" * 12,
    ),
    # The Gram route (rows >= features): a 1000 x 1000 matrix-vector product a step.
    Case(
        "1,000 weights (5,000 rows), --fps 15, playing",
        ["--features", "1000", "--samples", "5000"],
        warmup=8.0,
    ),
]
RESIDENT = (100_000, 100)
"""Rows and features of the data whose resident cost :func:`resident` measures."""


def resident_mib(options: list[str], checkout: Checkout) -> tuple[float, float]:
    """Resident and peak resident memory (MiB) of the app on ``options``, 3 s after its first
    frame."""
    argv = [sys.executable, "-m", checkout.package, *options]
    process, master = spawn(argv, checkout=checkout)
    try:
        read_for(master, 60.0, until=b"zeros")
        read_for(master, 3.0)
        status = Path(f"/proc/{process.pid}/status").read_text().splitlines()
        kib = {line.split(":")[0]: int(line.split()[1]) for line in status if line.startswith("Vm")}
    finally:
        stop(process, master)
    return kib["VmRSS"] / 1024, kib["VmHWM"] / 1024


def resident(roots: dict[str, Checkout]) -> None:
    """What the data costs the app in memory beyond its base (the app on the default problem),
    in copies of the data."""
    rows, features = RESIDENT
    data = rows * features * 8 / 2**20
    print(f"  resident memory, {rows:,} x {features} synthetic ({data:.0f} MiB of data):")
    for name, checkout in roots.items():
        base, _ = resident_mib([], checkout)
        rss, peak = resident_mib(["--samples", str(rows), "--features", str(features)], checkout)
        print(
            f"    {name}: {rss:.0f} MiB ({peak:.0f} at the peak), base {base:.0f} MiB: "
            f"{(rss - base) / data:.2f} copies of the data ({(peak - base) / data:.2f} at the peak)"
        )


def main() -> None:
    roots = {"after": THIS}
    if "--against" in sys.argv:
        before = Checkout.of(Path(sys.argv[sys.argv.index("--against") + 1]))
        roots = {"before": before, **roots}
    print(
        "l1l2-tui in a pty: "
        + ", ".join(f"{name} = {checkout.root}" for name, checkout in roots.items())
    )
    for checkout in roots.values():
        compile_tree(checkout.root)
    if "--no-startup" not in sys.argv:
        startup(roots, max(2, int(os.environ.get("STARTUP_REPEATS", "15"))))
    if "--startup-only" in sys.argv:
        return
    resident(roots)
    header = "".join(f"{name:>42}" for name in roots)
    print(f"  {'(120x40 unless said)':<48}{header}")
    for case in CASES:
        cells = []
        for checkout in roots.values():
            figures = stream(case, checkout)
            per_frame = figures.cpu_share / max(figures.frames_per_second, 1e-9) * 1000
            cells.append(
                f"{figures.bytes_per_second / 1000:6.1f} KB/s {figures.frames_per_second:5.1f} f/s"
                f" {figures.cpu_share:4.0%} CPU"
                + (f" {per_frame:4.1f} ms/f" if figures.frames_per_second else " " * 10)
            )
        print(f"  {case.label:<48}" + "".join(f"{cell:>42}" for cell in cells))


if __name__ == "__main__":
    main()
