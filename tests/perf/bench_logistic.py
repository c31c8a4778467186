"""Logistic benchmark, run by hand: ``python tests/perf/bench_logistic.py`` (pytest skips perf/).

Prints full-batch steps/s of the logistic loss on digits (task ``ge5``: all 1797 images, 64
standardized pixels, L1 at 0.1 * lam_max) for each optimizer, least squares on the same data
for comparison, and the time to converge (gradient mapping norm below 1e-10) against
scikit-learn's ``LogisticRegression`` (saga, tol 1e-12) reaching the same solution.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

import numpy as np

from l1l2_tui.engine import (
    L1,
    OPTIMIZERS,
    LeastSquares,
    Logistic,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    lam_max,
)


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    def once() -> float:
        started = time.perf_counter()
        action()
        return time.perf_counter() - started

    return statistics.median(once() for _ in range(repeats))


def bench_steps(steps: int, repeats: int) -> None:
    problem = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    started = time.perf_counter()
    logistic = Logistic(problem.X, problem.y)
    lipschitz = logistic.lipschitz
    setup = time.perf_counter() - started
    lam = 0.1 * lam_max(logistic, L1())
    print(
        f"digits ge5: n={problem.n_samples} d={problem.n_features}, L1 lam {lam:.4g} "
        f"(0.1 lam_max), setup (L={lipschitz:.3g}) {setup * 1e3:.1f} ms"
    )
    for name, loss in (
        ("logistic", logistic),
        ("least squares", LeastSquares(problem.X, problem.y)),
    ):
        for optimizer in OPTIMIZERS:
            session = Session(problem, Settings("l1", lam, optimizer=optimizer), loss=loss)
            session.step(min(100, steps))  # warm up
            elapsed = median_seconds(lambda session=session: session.step(steps), repeats)
            if session.diverged is not None:  # its steps stop: a rate would be meaningless
                print(f"  {name:<13} {optimizer:<12} {session.diverged.message}")
                continue
            print(
                f"  {name:<13} {optimizer:<12} {steps / elapsed:9.0f} steps/s  "
                f"({elapsed / steps * 1e6:7.1f} us/step, median of {repeats} x {steps} steps)"
            )


def bench_convergence(repeats: int) -> None:
    from sklearn.linear_model import LogisticRegression

    problem = build_problem(ProblemSpec(dataset="digits", digit="ge5"))
    loss = Logistic(problem.X, problem.y)
    lam = 0.1 * lam_max(loss, L1())
    print(f"to a gradient mapping norm below 1e-10 (median of {repeats}):")
    reference = None
    for optimizer in ("fista", "proximal"):
        sessions = []

        def solve(optimizer: str = optimizer, sessions: list = sessions) -> None:
            session = Session(problem, Settings("l1", lam, optimizer=optimizer), loss=loss)
            assert session.run(1_000_000, tol=1e-10)
            sessions.append(session)

        elapsed = median_seconds(solve, repeats)
        session = sessions[-1]
        reference = session.weights if reference is None else reference
        print(
            f"  {optimizer:<9} {session.step_count:6d} steps  {elapsed * 1e3:8.1f} ms  "
            f"{session.zeros} zeros"
        )
    n = problem.n_samples
    model = LogisticRegression(l1_ratio=1.0, C=1 / (n * lam), solver="saga", tol=1e-12)
    model.set_params(max_iter=100_000)
    elapsed = median_seconds(lambda: model.fit(problem.X, problem.y), repeats)
    gap = np.abs(model.coef_[0] - reference).max() / np.abs(reference).max()
    print(
        f"  sklearn saga (tol 1e-12) {model.n_iter_[0]} epochs  {elapsed * 1e3:8.1f} ms  "
        f"{np.count_nonzero(model.coef_ == 0)} zeros, max |dw| / max |w| = {gap:.1e}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=5_000, help="steps timed per optimizer")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"numpy {np.__version__}, {os.cpu_count()} CPUs")
    bench_steps(args.steps, args.repeats)
    bench_convergence(args.repeats)


if __name__ == "__main__":
    main()
