"""The p dial's costs, benchmarked by hand: ``python tests/perf/bench_p_dial.py`` (pytest
skips perf/).

Times the exact prox of lam·|w|^p on a million entries at p = 2, 1.5, 1, 2/3, 0.5 (the closed
forms), 0.3 (Newton's method) and L0; what a caption below p = 1 costs the first time a penalty
is asked (:func:`l1l2_tui.engine.claims.main.local_minima`: proximal steps from two starts,
then kept) on the synthetic data and on digits; one weight's slice on digits (the logistic
loss's search for the lowest point); and the plane's lowest point on the synthetic data.

``--blas-threads N`` caps OpenBLAS's threads (see ``timing.py``).
"""

from __future__ import annotations

import numpy as np
from timing import best_of, blas_threads_from_argv

from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem, make_penalty
from l1l2_tui.engine.claims.main import local_minima, run_claims
from l1l2_tui.engine.claims.zero import one_weight_slice


def prox() -> None:
    v = np.random.default_rng(0).normal(size=1_000_000)
    for name, p in [("lp", 2.0), ("lp", 1.5), ("lp", 1.0), ("lp", 2 / 3), ("lp", 0.5),
                    ("lp", 0.3), ("l0", 1.0)]:  # fmt: skip
        penalty = make_penalty(name, 0.5, p=p)
        took, _ = best_of(lambda penalty=penalty: penalty.prox(v, 1.0), 3)
        print(f"prox {penalty.label:>5} on 1e6 entries: {took * 1e3:7.1f} ms")


def captions() -> None:
    for label, spec in [("synthetic", ProblemSpec()), ("digits", ProblemSpec(dataset="digits"))]:
        session = Session(build_problem(spec), Settings("lp", None, p=0.5))
        session.step(50)
        local_minima.cache_clear()
        first, _ = best_of(lambda session=session: run_claims(session))
        again, _ = best_of(lambda session=session: run_claims(session), 5)
        print(
            f"caption at p = 0.5 on {label}: first {first * 1e3:.0f} ms, then {again * 1e3:.1f} ms"
        )
        took, _ = best_of(
            lambda session=session: (
                one_weight_slice(session, 20 % session.problem.n_features).minimizer
            ),
            5,
        )
        print(f"one weight's slice on {label}: {took * 1e3:.1f} ms")
        plane = session.loss.plane(session.weights, session.intercept, 0, 1)
        took, _ = best_of(
            lambda plane=plane, session=session: plane.optimum(
                session.penalty, session.weights[:2]
            ),
            3,
        )
        print(f"the plane's lowest point on {label}: {took * 1e3:.1f} ms")


def main() -> None:
    with blas_threads_from_argv(__doc__.splitlines()[0]):
        prox()
        captions()


if __name__ == "__main__":
    main()
