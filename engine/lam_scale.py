"""The lam the app starts at, and the steps the lam keys take from there: read off the data.

Kept apart from :mod:`l1l2_tui.engine.path` (the exact solver), which a session does not need to
start.
"""

from __future__ import annotations

import math

import numpy as np

from l1l2_tui.engine.problems import Problem


def suggested_lam(problem: Problem) -> float:
    """A ``lam`` that shows the lesson: 0.15 * the l1 ``lam_max``, to two significant figures.

    Under L1 it zeros the weak weights of the built-in data sets and keeps the strong ones."""
    X, yc = problem.X, problem.y - problem.y.mean()
    # Xc' yc = X' yc - mean(X) sum(yc): no centred copy of X.
    c = (X.T @ yc - X.mean(axis=0) * yc.sum()) / len(yc)
    return float(f"{0.15 * np.abs(c).max():.2g}")


LAM_STEP = 1.5
"""The factor one press of the lam keys changes lam by."""


def scaled_lam(lam: float, factor: float, problem: Problem) -> float | None:
    """``lam * factor`` to four figures, as the lam keys step it; from 0, growing starts at the
    suggested lam / LAM_STEP^4 (multiplying 0 gets nowhere), shrinking stays (``None``); past
    the largest float it stays too (``None``): a held key stops there, with no error a press."""
    if lam == 0.0:
        if factor < 1:
            return None
        lam = suggested_lam(problem) / LAM_STEP**4 / factor
    scaled = float(f"{lam * factor:.4g}")
    return scaled if math.isfinite(scaled) else None
