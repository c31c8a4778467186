"""The engine's matrix products on one BLAS thread, unless the environment asks for more.

A step's products are small: a matrix-vector product with ``X`` or the Gram matrix. OpenBLAS
splits each over every core and its worker threads then spin for a while, waiting for more
work, so the process keeps every core busy for what one does as fast: on 1,000 features at 15
frames a second the app used 122% of a core, against 21% on one thread. threadpoolctl (the
library scikit-learn uses to the same end) sets the limit, whichever BLAS numpy loaded. A thread
count set in the environment (``OPENBLAS_NUM_THREADS``, ``OMP_NUM_THREADS``, ``MKL_NUM_THREADS``
or ``BLIS_NUM_THREADS``) is the user's choice and is left alone.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager, nullcontext
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from threadpoolctl import ThreadpoolController

THREAD_COUNT_VARIABLES = (
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
)


def one_blas_thread() -> AbstractContextManager[object]:
    """BLAS on one thread from now until the returned limiter is left (a ``with`` block) or
    dropped for good (kept, it lasts as long as the process); nothing when the environment sets
    a thread count."""
    if any(os.environ.get(name) for name in THREAD_COUNT_VARIABLES):
        return nullcontext()
    return _controller().limit(limits=1, user_api="blas")


@cache
def _controller() -> ThreadpoolController:
    # Imported on first use: it takes some 30 ms, and a start draws its first frame first.
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()
