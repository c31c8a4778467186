"""What any data must be to make a problem, checked before it is read whole: no larger than the
limits here. And the error that says what is wrong with input data, which the problems and the
CSV reader both raise."""

from __future__ import annotations

from collections.abc import Callable

MAX_VALUES = 32_000_000
"""At most this many numbers in ``X`` (samples x features): 256 MB as float64. The session
keeps a few arrays of that size, so memory stays around a gigabyte at the limit."""
MAX_FEATURES = 5_000
"""At most this many features: the Gram matrix and the path solves are features x features."""

ProgressReport = Callable[[float], None]
"""Called now and then with the share of a file read so far, from 0 to 1."""


class DataError(ValueError):
    """Input data that cannot make a problem; the message says what and where."""


def check_size(samples: int, features: int, source: str) -> None:
    """Refuse a problem larger than :data:`MAX_VALUES` numbers or :data:`MAX_FEATURES` wide,
    before anything that size is allocated."""
    if features > MAX_FEATURES:
        raise DataError(f"{source}: {features:,} features; the limit is {MAX_FEATURES:,}")
    if samples * features > MAX_VALUES:
        raise DataError(
            f"{source}: {samples:,} rows x {features:,} features is {samples * features:,} "
            f"numbers; the limit is {MAX_VALUES:,}"
        )
