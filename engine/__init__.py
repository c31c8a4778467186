"""The numpy engine of l1l2-tui: least squares (or the logistic loss,
:mod:`l1l2_tui.engine.logistic`) with an L1, L2 or elastic-net penalty, minimized step by step by
proximal, subgradient or accelerated gradient descent, or on minibatches by SGD and its L1 fixes
(FOBOS, the cumulative penalty).

Imports numpy only, so it serves a notebook as well as the app. The modules only some views need
(:mod:`l1l2_tui.engine.compare`, :mod:`l1l2_tui.engine.geometry`, the logistic loss's plane and
slice and its exact solver, :mod:`l1l2_tui.engine.path`) load when one of their names is first
asked for, which keeps them out of the app's start.
"""

from typing import TYPE_CHECKING

from l1l2_tui.engine.data_limits import DataError
from l1l2_tui.engine.digits import DigitsTask, digits_binary, load_digits
from l1l2_tui.engine.history import History, Trace
from l1l2_tui.engine.lam_scale import scaled_lam, suggested_lam
from l1l2_tui.engine.lazy_names import lazy_getattr
from l1l2_tui.engine.logistic import Logistic
from l1l2_tui.engine.loss import LeastSquares, LeastSquaresPlane, LeastSquaresSlice, minimize
from l1l2_tui.engine.loss_protocol import Loss, Plane, WeightSlice
from l1l2_tui.engine.losses import loss_for
from l1l2_tui.engine.minibatches import SCHEDULES, MinibatchOrder, ScheduleName, scheduled_lr
from l1l2_tui.engine.optimizers import OPTIMIZERS, OptimizerName
from l1l2_tui.engine.penalties import (
    L1,
    L2,
    PENALTIES,
    ElasticNet,
    NoPenalty,
    Penalty,
    PenaltyName,
    make_penalty,
    soft_threshold,
)
from l1l2_tui.engine.problems import (
    DATASETS,
    LOSSES,
    LossName,
    Problem,
    ProblemSpec,
    build_problem,
)
from l1l2_tui.engine.run import Run
from l1l2_tui.engine.session import Divergence, Event, Forces, Marker, Session, Settings

if TYPE_CHECKING:
    from l1l2_tui.engine.compare import DIFFERENCES, Comparison, Difference
    from l1l2_tui.engine.geometry import PlaneView, contour_levels
    from l1l2_tui.engine.logistic_sections import LogisticPlane, LogisticSlice
    from l1l2_tui.engine.logistic_solver import LogisticFit, minimize_logistic
    from l1l2_tui.engine.path import RegularizationPath, lam_grid, lam_max, regularization_path

LAZY = {
    "l1l2_tui.engine.compare": ("DIFFERENCES", "Comparison", "Difference"),
    "l1l2_tui.engine.geometry": ("PlaneView", "contour_levels"),
    "l1l2_tui.engine.logistic_sections": ("LogisticPlane", "LogisticSlice"),
    "l1l2_tui.engine.logistic_solver": ("LogisticFit", "minimize_logistic"),
    "l1l2_tui.engine.path": ("RegularizationPath", "lam_grid", "lam_max", "regularization_path"),
}
__getattr__ = lazy_getattr(__name__, LAZY)

__all__ = [
    "DATASETS",
    "DIFFERENCES",
    "L1",
    "L2",
    "LOSSES",
    "OPTIMIZERS",
    "PENALTIES",
    "SCHEDULES",
    "Comparison",
    "DataError",
    "Difference",
    "DigitsTask",
    "Divergence",
    "ElasticNet",
    "Event",
    "Forces",
    "History",
    "LeastSquares",
    "LeastSquaresPlane",
    "LeastSquaresSlice",
    "Logistic",
    "LogisticFit",
    "LogisticPlane",
    "LogisticSlice",
    "Loss",
    "LossName",
    "Marker",
    "MinibatchOrder",
    "NoPenalty",
    "OptimizerName",
    "Penalty",
    "PenaltyName",
    "Plane",
    "PlaneView",
    "Problem",
    "ProblemSpec",
    "RegularizationPath",
    "Run",
    "ScheduleName",
    "Session",
    "Settings",
    "Trace",
    "WeightSlice",
    "build_problem",
    "contour_levels",
    "digits_binary",
    "lam_grid",
    "lam_max",
    "load_digits",
    "loss_for",
    "make_penalty",
    "minimize",
    "minimize_logistic",
    "regularization_path",
    "scaled_lam",
    "scheduled_lr",
    "soft_threshold",
    "suggested_lam",
]
