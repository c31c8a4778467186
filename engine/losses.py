"""The data loss a :class:`Problem` names: least squares or logistic, on its ``X`` and ``y``."""

from __future__ import annotations

from l1l2_tui.engine.logistic import Logistic
from l1l2_tui.engine.loss import LeastSquares
from l1l2_tui.engine.loss_protocol import Loss
from l1l2_tui.engine.problems import Problem


def loss_for(problem: Problem) -> Loss:
    """The loss ``problem.loss`` names, built on the problem's data."""
    if problem.loss == "logistic":
        return Logistic(problem.X, problem.y)
    return LeastSquares(problem.X, problem.y)
