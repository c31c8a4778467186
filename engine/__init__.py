"""The numpy engine of l1l2-tui: least squares (or the logistic loss,
:mod:`l1l2_tui.engine.logistic`) with an L1, L2 or elastic-net penalty, minimized step by step by
proximal, subgradient or accelerated gradient descent, or on minibatches by SGD and its L1 fixes
(FOBOS, the cumulative penalty).

Imports numpy only (threadpoolctl, which keeps a session's steps on one BLAS thread, loads with the
first step), so it serves a notebook as well as the app. The modules only some views need
(:mod:`l1l2_tui.engine.compare`, :mod:`l1l2_tui.engine.geometry`, the logistic loss's plane and
slice and its exact solver, :mod:`l1l2_tui.engine.path`) load when one of their names is first
asked for, which keeps them out of the app's start.
"""

from l1l2_tui.engine.data_limits import DataError
from l1l2_tui.engine.digits import DigitsTask, digits_binary, load_digits
from l1l2_tui.engine.history import History, Trace
from l1l2_tui.engine.lam_scale import scaled_lam, suggested_lam
from l1l2_tui.engine.lazy_names import lazy_getattr, served
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

LAZY = {
    "compare": ("DIFFERENCES", "Comparison", "Difference"),
    "geometry": ("PlaneView", "contour_levels"),
    "logistic_sections": ("LogisticPlane", "LogisticSlice"),
    "logistic_solver": ("LogisticFit", "minimize_logistic"),
    "path": ("RegularizationPath", "lam_grid", "lam_max", "regularization_path"),
}
"""The names served from modules the app's start does not need (see
:mod:`l1l2_tui.engine.lazy_names`): each module with the names it serves from here."""
__getattr__ = lazy_getattr(__name__, LAZY)

__all__ = [
    "DATASETS",
    "L1",
    "L2",
    "LOSSES",
    "OPTIMIZERS",
    "PENALTIES",
    "SCHEDULES",
    "DataError",
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
    "Loss",
    "LossName",
    "Marker",
    "MinibatchOrder",
    "NoPenalty",
    "OptimizerName",
    "Penalty",
    "PenaltyName",
    "Plane",
    "Problem",
    "ProblemSpec",
    "Run",
    "ScheduleName",
    "Session",
    "Settings",
    "Trace",
    "WeightSlice",
    "build_problem",
    "digits_binary",
    "load_digits",
    "loss_for",
    "make_penalty",
    "minimize",
    "scaled_lam",
    "scheduled_lr",
    "soft_threshold",
    "suggested_lam",
    *served(LAZY),
]
