"""The numpy engine of l1l2-tui: least squares with an L1, L2 or elastic-net penalty,
minimized step by step by proximal, subgradient or accelerated gradient descent.

Imports numpy only, so it serves a notebook as well as the app.
"""

from engine.history import History, Trace
from engine.loss import LeastSquares
from engine.optimizers import OPTIMIZERS, OptimizerName
from engine.path import (
    RegularizationPath,
    lam_grid,
    lam_max,
    minimize,
    regularization_path,
    suggested_lam,
)
from engine.penalties import PENALTIES, Penalty, PenaltyName, soft_threshold
from engine.problems import DATASETS, DataError, Problem, ProblemSpec, build_problem
from engine.session import Divergence, Event, Forces, Marker, Session, Settings

__all__ = [
    "DATASETS",
    "OPTIMIZERS",
    "PENALTIES",
    "DataError",
    "Divergence",
    "Event",
    "Forces",
    "History",
    "LeastSquares",
    "Marker",
    "OptimizerName",
    "Penalty",
    "PenaltyName",
    "Problem",
    "ProblemSpec",
    "RegularizationPath",
    "Session",
    "Settings",
    "Trace",
    "build_problem",
    "lam_grid",
    "lam_max",
    "minimize",
    "regularization_path",
    "soft_threshold",
    "suggested_lam",
]
