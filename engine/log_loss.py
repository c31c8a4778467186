"""The logistic function and the log-loss of a margin, computed without overflow: what the
logistic loss and its solver both evaluate."""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """``1 / (1 + exp(-z))`` without overflow: ``exp`` is only taken of ``-|z|``."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def log_loss(margins: np.ndarray) -> np.ndarray:
    """``log(1 + exp(-m))`` for each margin ``m`` alone, as :func:`log_loss_and_slope` gives
    it, computed in place (for the large grids of the plane picture)."""
    out = np.abs(margins)
    np.negative(out, out=out)
    np.exp(out, out=out)
    np.log1p(out, out=out)
    out += np.maximum(-margins, 0.0)
    return out


def log_loss_and_slope(margins: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``log(1 + exp(-m))`` and ``sigmoid(-m)`` for each margin ``m``, from one ``exp(-|m|)``:
    ``log(1 + exp(-m)) = max(-m, 0) + log1p(exp(-|m|))`` never overflows."""
    e = np.exp(-np.abs(margins))
    inverse = 1.0 / (1.0 + e)
    return np.maximum(-margins, 0.0) + np.log1p(e), np.where(margins > 0, e * inverse, inverse)
