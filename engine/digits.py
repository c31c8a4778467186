"""The handwritten digits data set, as binary classification tasks (see
:func:`l1l2_tui.engine.build_problem` with ``dataset="digits"``).

1797 images of 8x8 pixels (grey levels 0 to 16) of the digits 0 to 9: the UCI Optical
Recognition of Handwritten Digits data set (E. Alpaydin and C. Kaynak, 1998), as shipped by
scikit-learn in ``sklearn/datasets/data/digits.csv.gz`` under its BSD-3-Clause licence. Each
row of ``data/digits.csv.gz`` holds the 64 pixels, row by row, then the digit.

A pixel column is named ``p{row}{col}``: ``p34`` is row 3, column 4, counted from 0.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

DigitsTask = int | Literal["ge5"]
"""A digit 0 to 9 (that digit against the rest) or ``"ge5"`` (a digit of 5 or more)."""

PIXEL_NAMES: tuple[str, ...] = tuple(f"p{r}{c}" for r in range(8) for c in range(8))


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """``(X, digits)``: the 1797 x 64 pixels as floats and each image's digit (ints 0 to 9)."""
    # Here, not at the top: the app starts on other data more often than not.
    import gzip
    from importlib import resources

    packed = resources.files("l1l2_tui.engine").joinpath("data/digits.csv.gz")
    with packed.open("rb") as raw, gzip.open(raw, "rt") as text:
        values = np.loadtxt(text, delimiter=",", ndmin=2)
    return values[:, :-1], values[:, -1].astype(int)


def standardize_pixels(X: np.ndarray) -> np.ndarray:
    """Each pixel column centred to mean 0 and scaled to (population) std 1; a constant
    column (some corner pixels are always 0) is centred only, to exactly 0, so its weight
    feels no data pull and stays exactly 0 from a start at 0."""
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    std = centred.std(axis=0)
    varying = std > 0
    centred[:, varying] /= std[varying]
    return centred


def binary_labels(digits: np.ndarray, task: DigitsTask) -> np.ndarray:
    """``y01`` for ``task``: 1.0 for the digit ``task`` (or for 5 to 9 when ``"ge5"``)."""
    if task == "ge5":
        return (digits >= 5).astype(float)
    if isinstance(task, bool) or not isinstance(task, int | np.integer) or not 0 <= task <= 9:
        raise ValueError(f"a digits task is a digit 0 to 9 or 'ge5', not {task!r}")
    return (digits == task).astype(float)


def digits_binary(task: DigitsTask, standardize: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y01)`` for ``task`` on all 1797 images, the pixels standardized by
    :func:`standardize_pixels` unless ``standardize`` is false."""
    X, digits = load_digits()
    y01 = binary_labels(digits, task)
    return (standardize_pixels(X) if standardize else X), y01
