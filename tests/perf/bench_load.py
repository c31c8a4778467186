"""CSV loading benchmark, run by hand: ``python tests/perf/bench_load.py`` (pytest skips perf/).

Writes a 2,000,000 x 11 CSV of about 200 MB into a temporary folder, then, each in a fresh
process, loads it into a problem (read and standardize) and runs ``l1l2-tui run --steps 10`` on
it, and prints the wall time and the peak resident memory (``ru_maxrss``) of each. ``--code DIR``
measures another checkout of the project (e.g. an older commit in a ``git worktree``) on the
same file; ``--file PATH`` reuses a file written before instead of writing a new one.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from checkouts import Checkout

ROWS, COLUMNS = 2_000_000, 11
CHUNK = 200_000

LOAD = "from {engine} import ProblemSpec, build_problem; build_problem(ProblemSpec(data={path!r}))"


def write_csv(path: Path) -> None:
    rng = np.random.default_rng(0)
    weights = rng.standard_normal(COLUMNS - 1)
    with path.open("w") as file:
        file.write(",".join([*(f"x{j + 1}" for j in range(COLUMNS - 1)), "y"]) + "\n")
        for _ in range(ROWS // CHUNK):
            X = rng.standard_normal((CHUNK, COLUMNS - 1))
            y = X @ weights + rng.standard_normal(CHUNK)
            np.savetxt(file, np.column_stack([X, y]), fmt="%.6f", delimiter=",")


def measure(command: list[str], checkout: Checkout) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of ``command`` run in a child process on
    ``checkout``'s code (``RUSAGE_CHILDREN`` keeps the largest child's peak: one measurement a
    process)."""
    started = time.perf_counter()
    subprocess.run(
        command, cwd=checkout.path, env=checkout.env(), check=True, stdout=subprocess.DEVNULL
    )
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parents[2])
    parser.add_argument("--file", type=Path, help="an existing CSV to load instead")
    parser.add_argument("--what", choices=["load", "run"], default="load")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.file
        if path is None:
            path = Path(folder) / "big.csv"
            started = time.perf_counter()
            write_csv(path)
            seconds = time.perf_counter() - started
            print(f"wrote {path.stat().st_size / 1e6:.0f} MB in {seconds:.0f} s")
        size = path.stat().st_size / 1e6
        checkout = Checkout.of(args.code)
        if args.what == "load":
            command = [sys.executable, "-c", LOAD.format(engine=checkout.engine, path=str(path))]
        else:
            command = [sys.executable, "-m", checkout.package, "run", "--data", str(path)]
            command += ["--steps", "10"]
        seconds, mib = measure(command, checkout)
        print(f"{args.what} {size:.0f} MB from {args.code}: {seconds:.1f} s, peak {mib:.0f} MiB")


if __name__ == "__main__":
    main()
