"""Engine benchmark, run by hand: ``python tests/perf/bench_engine.py`` (pytest skips perf/).

Prints engine steps/s of each optimizer on the default synthetic problem and on n=10,000 x
d=1,000 (a run that diverges says so instead), with the one-time set-up (problem, Gram matrix,
Lipschitz constant) and the time to a tolerance; minibatch against full-batch steps/s on a
logistic loss over 10^5 rows; the resident memory of n=10^5 x d=100 in copies of the data; the
time of a 100-point L1 path on diabetes against scikit-learn's ``lasso_path`` on the same grid;
and memory over 10^6 steps.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from l1l2_tui.engine import (
    L1,
    OPTIMIZERS,
    LeastSquares,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    loss_for,
    regularization_path,
    suggested_lam,
)
from l1l2_tui.engine.path import lam_max


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
    started = time.perf_counter()
    problem = build_problem(spec)
    built = time.perf_counter()
    loss = loss_for(problem)  # the Gram matrix X'X/n when rows >= features
    gram = time.perf_counter()
    lipschitz = loss.lipschitz  # computed lazily: its largest eigenvalue
    top = time.perf_counter()
    settings = Settings("l1", suggested_lam(problem))
    session = Session(problem, settings, loss=loss)
    done = time.perf_counter()
    setup = done - built
    print(
        f"{label}: n={problem.n_samples} d={problem.n_features}  set-up: problem "
        f"{built - started:.3f} s; session {setup:.3f} s (loss and Gram {gram - built:.3f} s, "
        f"L = {lipschitz:.3g} {top - gram:.3f} s)"
    )
    for optimizer in OPTIMIZERS:
        session.update(optimizer=optimizer)
        session.reset()
        session.step(min(100, steps))  # warm up
        elapsed = median_seconds(lambda: session.step(steps), repeats=3)
        print(f"  {optimizer:<14} L1  {rate(session, steps, elapsed)}")
    for optimizer in ("proximal", "fista"):
        solver = Session(problem, replace(settings, optimizer=optimizer), loss=loss)
        elapsed = seconds(lambda solver=solver: solver.run(100_000, tol=1e-6))
        print(
            f"  {optimizer:<14} to a gradient mapping norm below 1e-6: {solver.step_count} "
            f"steps in {elapsed:.3f} s; the session's set-up is {setup / (setup + elapsed):.0%} "
            "of set-up and solve"
        )


def rate(session: Session, steps: int, elapsed: float) -> str:
    """Steps a second, or the divergence that stopped the steps (a rate would mean nothing)."""
    if session.diverged is not None:
        return session.diverged.message
    return (
        f"{steps / elapsed:10.0f} steps/s  ({elapsed / steps * 1e6:8.1f} us/step, median of 3 x "
        f"{steps} steps)"
    )


def bench_logistic_sgd(samples: int, features: int, steps: int) -> None:
    """Minibatch against full-batch steps on a logistic loss over ``samples`` rows: a minibatch
    step should cost a minibatch."""
    problem = build_problem(ProblemSpec(samples=samples, features=features, informative=10))
    labels = (problem.y > np.median(problem.y)).astype(float)
    problem = replace(problem, y=labels, loss="logistic")
    loss = loss_for(problem)
    lam = 0.1 * lam_max(loss, L1())
    print(f"logistic, n={samples} d={features}, L1 lam {lam:.3g} (0.1 lam_max), batch 32:")
    rates = {}
    for optimizer, count in (("proximal", max(steps // 50, 20)), ("sgd", steps)):
        session = Session(problem, Settings("l1", lam, optimizer=optimizer), loss=loss)
        session.step(10)  # warm up
        elapsed = median_seconds(lambda session=session, count=count: session.step(count), 3)
        rates[optimizer] = count / elapsed if session.diverged is None else None
        print(f"  {optimizer:<14} {rate(session, count, elapsed)}")
        if session.diverged is None:
            print(f"  {'':<14} objective {session.objective:.4g} after {session.step_count} steps")
    if None not in rates.values():
        print(f"  sgd / proximal steps per second: {rates['sgd'] / rates['proximal']:.0f}")


COPIES = """
import os, sys
from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem

def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

base = rss()
problem = build_problem(ProblemSpec(samples=int(sys.argv[1]), features=int(sys.argv[2])))
data = problem.X.nbytes
built = rss()
session = Session(problem, Settings("l1"))
session.step(50)
ran = rss()
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM"))
print(f"{data / 2**20:.0f} {(built - base) / data:.2f} {(ran - base) / data:.2f} "
      f"{(peak - base) / data:.2f}")
"""


def bench_copies(samples: int, features: int) -> None:
    """Resident memory of a problem and a session on it, in copies of the data (a process of
    its own, so that nothing else is resident)."""
    result = subprocess.run(
        [sys.executable, "-c", COPIES, str(samples), str(features)],
        capture_output=True,
        text=True,
        check=True,
    )
    data, built, ran, peak = result.stdout.split()
    print(
        f"memory of n={samples} d={features} ({data} MiB of data) above the interpreter with "
        f"numpy: {built} copies once built, {ran} with a session that took 50 steps, at most "
        f"{peak} on the way"
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
    parser.add_argument("--sgd-steps", type=int, default=5_000, help="logistic minibatch steps")
    args = parser.parse_args()
    print(f"numpy {np.__version__}, {os.cpu_count()} CPUs")
    bench_memory(args.memory_steps)  # first, so RSS is not muddied by the large problem
    bench_copies(100_000, 100)
    bench_steps(ProblemSpec(), "default synthetic", args.steps)
    big = ProblemSpec(samples=10_000, features=1_000, informative=20)
    bench_steps(big, "large synthetic", args.big_steps)
    bench_logistic_sgd(100_000, 100, args.sgd_steps)
    bench_path(args.repeats)


if __name__ == "__main__":
    main()
