"""Engine benchmark, run by hand: ``python tests/perf/bench_engine.py`` (pytest skips perf/).

Prints engine steps/s on the default synthetic problem and on n=10,000 x d=1,000 (with the
one-time setup: problem, Gram matrix, Lipschitz constant), the time of a 100-point L1 path on
diabetes against scikit-learn's ``lasso_path`` on the same grid, and memory over 10^6 steps.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable

import numpy as np

from l1l2_tui.engine import (
    L1,
    OPTIMIZERS,
    LeastSquares,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    regularization_path,
    suggested_lam,
)


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    return statistics.median(seconds(action) for _ in range(repeats))


def rss_bytes() -> int:
    """Resident set size now (Linux), else the peak so far (ru_maxrss, KiB on Linux)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def mib(n: float) -> str:
    return f"{n / 2**20:8.2f} MiB"


def bench_steps(spec: ProblemSpec, label: str, steps: int) -> None:
    setup_problem = time.perf_counter()
    problem = build_problem(spec)
    setup_session = time.perf_counter()
    session = Session(problem, Settings("l1", suggested_lam(problem)))
    lipschitz = session.loss.lipschitz  # computed lazily; part of the one-time setup
    done = time.perf_counter()
    print(
        f"{label}: n={problem.n_samples} d={problem.n_features}  setup: problem "
        f"{setup_session - setup_problem:.3f} s, session (Gram + L={lipschitz:.3g}) "
        f"{done - setup_session:.3f} s"
    )
    for optimizer in OPTIMIZERS:
        session.update(optimizer=optimizer)
        session.reset()
        session.step(min(100, steps))  # warm up
        elapsed = median_seconds(lambda: session.step(steps), repeats=3)
        print(
            f"  {optimizer:<12} L1  {steps / elapsed:10.0f} steps/s  "
            f"({elapsed / steps * 1e6:8.1f} us/step, median of 3 x {steps} steps)"
        )


def bench_path(repeats: int) -> None:
    from sklearn.linear_model import lasso_path

    problem = build_problem(ProblemSpec(dataset="diabetes"))
    X, y = problem.X, problem.y

    def ours():
        return regularization_path(LeastSquares(X, y), L1(), num=100)

    path = ours()

    def theirs(tol: float):
        return lasso_path(
            X - X.mean(axis=0), y - y.mean(), alphas=path.lams, tol=tol, max_iter=100_000
        )[1].T

    ours_s = median_seconds(ours, repeats)
    print(f"100-point L1 path on diabetes (median of {repeats}):")
    print(f"  l1l2_tui.engine.regularization_path (tol 1e-9)   {ours_s * 1e3:8.2f} ms")
    scale = np.abs(path.weights).max()
    for tol in (1e-10, 1e-4):
        sk_s = median_seconds(lambda tol=tol: theirs(tol), repeats)
        gap = np.abs(theirs(tol) - path.weights).max() / scale
        print(
            f"  sklearn lasso_path (tol {tol:g}){' ' * (10 - len(f'{tol:g}'))}"
            f"{sk_s * 1e3:8.2f} ms   ours/sklearn = {ours_s / sk_s:5.2f}   "
            f"max |dw| / max |w| = {gap:.1e}"
        )


def bench_memory(steps: int) -> None:
    problem = build_problem(ProblemSpec())
    session = Session(problem, Settings("l1", suggested_lam(problem)))
    history_before, rss_before = session.history.nbytes, rss_bytes()
    traced = min(100_000, steps)
    started = time.perf_counter()
    session.step(steps - traced)
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        session.step(traced)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    print(f"memory over {session.step_count} steps on the default problem ({elapsed:.1f} s):")
    print(
        f"  History.nbytes  {mib(history_before)} -> {mib(session.history.nbytes)}  "
        f"({len(session.history)} rows of capacity {session.history.capacity}, "
        f"stride {session.history.stride})"
    )
    print(
        f"  tracemalloc over the last {traced} steps: growth {current - base} B, "
        f"peak above start {peak - base} B"
    )
    print(
        f"  RSS  {mib(rss_before)} -> {mib(rss_bytes())}  (growth {mib(rss_bytes() - rss_before)})"
    )
    print(f"  events kept {len(session.events)}, markers kept {len(session.markers)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20_000, help="steps timed, default problem")
    parser.add_argument("--big-steps", type=int, default=300, help="steps timed, 10,000 x 1,000")
    parser.add_argument("--repeats", type=int, default=7, help="repeats for the path timing")
    parser.add_argument("--memory-steps", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"numpy {np.__version__}, {os.cpu_count()} CPUs")
    bench_memory(args.memory_steps)  # first, so RSS is not muddied by the large problem
    bench_steps(ProblemSpec(), "default synthetic", args.steps)
    big = ProblemSpec(samples=10_000, features=1_000, informative=20)
    bench_steps(big, "large synthetic", args.big_steps)
    bench_path(args.repeats)


if __name__ == "__main__":
    main()
