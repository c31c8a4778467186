"""Adam with L1 three ways, and coordinate descent, run by hand:
``python tests/perf/bench_adam.py`` (pytest skips perf/).

On diabetes (lam 6.774) and digits (0 against the rest, lam 0.026), on every row at a constant
step (Adam's default lr) for a fixed number of steps, prints for adam, adam-decoupled, adam-prox
and cd the exact zeros, the exact minimizer's zeros, the largest gap to the minimizer, whether
the zero sets agree, and the session's steps/s (each step also evaluates the objective the app
plots).
"""

from __future__ import annotations

import time

import numpy as np

from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem

CASES = (("diabetes", {}, 6.774, 20_000), ("digits", {"digit": 0}, 0.026, 5_000))


def main() -> None:
    for dataset, extra, lam, steps in CASES:
        problem = build_problem(ProblemSpec(dataset=dataset, **extra))
        print(
            f"{dataset}: n={problem.n_samples} d={problem.n_features}, L1 lam {lam}, {steps} steps"
        )
        for name in ("adam", "adam-decoupled", "adam-prox", "cd"):
            session = Session(
                problem,
                Settings("l1", lam, optimizer=name, batch=10**6, schedule="constant"),
            )
            start = time.perf_counter()
            session.step(steps)
            seconds = time.perf_counter() - start
            exact = session.minimizer()
            gap = float(np.abs(session.weights - exact).max())
            same = bool(np.array_equal(session.weights == 0.0, exact == 0.0))
            print(
                f"  {name:<15} lr {session.lr:.3g}: zeros {session.zeros}/{problem.n_features} "
                f"(minimizer {np.count_nonzero(exact == 0.0)}), gap {gap:.3g}, same zeros "
                f"{same}, {steps / seconds:,.0f} steps/s"
            )


if __name__ == "__main__":
    main()
