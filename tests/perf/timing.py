"""What the maths benchmarks share: the best time of a few runs, and ``--blas-threads N``.

OpenBLAS starts a thread per core for each product and solve; on a busy two-core machine those
threads wait on each other and the other processes, and numpy's linear algebra gets many times
slower. ``--blas-threads N`` caps them through threadpoolctl (which scikit-learn brings), so
the figures can be read with and without the cap.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def best_of(action: Callable[[], T], repeats: int = 1) -> tuple[float, T]:
    """The least wall time over ``repeats`` runs of ``action``, and its last result."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def blas_threads_from_argv(description: str) -> contextlib.AbstractContextManager[object]:
    """Parse ``--blas-threads N`` and return the context that caps BLAS at ``N`` threads (or
    changes nothing), after printing which."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--blas-threads", type=int, default=None)
    threads = parser.parse_args().blas_threads
    print(f"BLAS threads: {threads or 'default'}")
    if threads is None:
        return contextlib.nullcontext()
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=threads)
