"""The data loss a :class:`Problem` names: least squares or logistic, on its ``X`` and ``y``."""

from __future__ import annotations

from engine.logistic import Logistic
from engine.loss import LeastSquares, Loss
from engine.problems import Problem


def loss_for(problem: Problem) -> Loss:
    """The loss ``problem.loss`` names, built on the problem's data."""
    if problem.loss == "logistic":
        return Logistic(problem.X, problem.y)
    return LeastSquares(problem.X, problem.y)
