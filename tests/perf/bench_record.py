"""Screencast benchmark, run by hand: ``python tests/perf/bench_record.py`` (pytest skips perf/).

Records the whole built-in demo at 120x40 with ``l1l2-tui record demo.cast --once`` (``--runs``
times, each in a fresh process) and prints the wall time, the cast's size, its events and the
time it covers, and whether every run wrote the same bytes. ``--gif`` also times ``--gif``
(agg, the record extra). ``--asciinema PATH`` records the same demo the way the README did
before, with asciinema 2.x in real time on a pseudo-terminal (``asciinema rec --cols 120 --rows
40 -c "l1l2-tui demo --once"``), twice, and prints the same figures for it; asciinema is not a
dependency of the project: install it in a virtual environment of its own, e.g.
``python3 -m venv /tmp/asciinema && /tmp/asciinema/bin/pip install asciinema==2.4.0``.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import resource
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = [sys.executable, "-m", "l1l2_tui", "demo", "--once"]


def cast_figures(path: Path) -> str:
    """Size, events and the seconds a cast covers."""
    lines = path.read_text(encoding="utf-8").splitlines()
    last = json.loads(lines[-1])[0] if len(lines) > 1 else 0.0
    return f"{path.stat().st_size:,} bytes, {len(lines) - 1} events over {last:.1f} s"


def children_cpu() -> float:
    """CPU seconds (user and system) of the child processes waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def record(out: Path, gif: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of ``l1l2-tui record out --once`` (and ``--gif gif``)."""
    command = [sys.executable, "-m", "l1l2_tui", "record", str(out), "--once", "--force"]
    if gif is not None:
        command += ["--gif", str(gif)]
    cpu, started = children_cpu(), time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - started, children_cpu() - cpu


def asciinema(executable: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds (asciinema's and the app's) of asciinema recording the demo on a
    120x40 pseudo-terminal, reading (and dropping) what it shows, as a terminal would."""
    command = [str(executable), "rec", "-q", "--overwrite", "--cols", "120", "--rows", "40"]
    command += ["-c", " ".join(DEMO), str(out)]
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    master, slave = pty.openpty()
    cpu, started = children_cpu(), time.perf_counter()
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True
    )
    os.close(slave)
    try:
        while process.poll() is None:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        process.wait(timeout=600)
    finally:
        os.close(master)
    return time.perf_counter() - started, children_cpu() - cpu


def spread(values: list[float]) -> str:
    return f"{min(values):.1f}-{max(values):.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--gif", action="store_true", help="also time --gif (needs agg)")
    parser.add_argument("--asciinema", type=Path, help="asciinema 2.x to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        casts = [Path(folder) / f"record-{run}.cast" for run in range(args.runs)]
        wall, cpu = zip(*(record(cast) for cast in casts), strict=True)
        same = len({cast.read_bytes() for cast in casts}) == 1
        print(f"l1l2-tui record --once, {args.runs} runs: {spread(wall)} wall, {spread(cpu)} CPU")
        print(f"  {cast_figures(casts[0])}; the same bytes every run: {same}")
        if args.gif:
            gif = Path(folder) / "demo.gif"
            wall_gif, cpu_gif = record(Path(folder) / "gif.cast", gif)
            print(f"  with --gif: {wall_gif:.1f} s wall, {cpu_gif:.1f} s CPU", end="")
            print(f"; the GIF {gif.stat().st_size:,} bytes")
        if args.asciinema is not None:
            real = [Path(folder) / f"asciinema-{run}.cast" for run in range(2)]
            wall, cpu = zip(*(asciinema(args.asciinema, cast) for cast in real), strict=True)
            same = real[0].read_bytes() == real[1].read_bytes()
            print(f"asciinema rec (real time), 2 runs: {spread(wall)} wall, {spread(cpu)} CPU")
            for cast in real:
                print(f"  {cast_figures(cast)}")
            print(f"  the same bytes both runs: {same}")


if __name__ == "__main__":
    main()
