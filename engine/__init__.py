"""The numpy engine of l1l2-tui: least squares (or the logistic loss,
:mod:`l1l2_tui.engine.logistic`) with an L1, L2 or elastic-net penalty, minimized step by step by
proximal, subgradient or accelerated gradient descent, or on minibatches by SGD and its L1 fixes
(FOBOS, the cumulative penalty).

Imports numpy only (threadpoolctl, which keeps a session's steps on one BLAS thread, loads with the
first step), so it serves a notebook as well as the app. The modules only some views need
(:mod:`l1l2_tui.engine.compare`, :mod:`l1l2_tui.engine.geometry`,
:mod:`l1l2_tui.engine.logistic_solver` and the exact solver, :mod:`l1l2_tui.engine.path`) load when
one of their names is first asked for, which keeps them out of the app's start.
"""

from typing import TYPE_CHECKING

from l1l2_tui.engine.digits import DigitsTask, digits_binary, load_digits
from l1l2_tui.engine.history import History, Trace
from l1l2_tui.engine.lam_scale import scaled_lam, suggested_lam
from l1l2_tui.engine.lazy_names import lazy_getattr
from l1l2_tui.engine.logistic import Logistic, lam_max_logistic
from l1l2_tui.engine.loss import LeastSquares, Loss
from l1l2_tui.engine.losses import loss_for
from l1l2_tui.engine.minibatches import SCHEDULES, MinibatchOrder, ScheduleName, scheduled_lr
from l1l2_tui.engine.optimizers import OPTIMIZERS, OptimizerName
from l1l2_tui.engine.penalties import PENALTIES, Penalty, PenaltyName, soft_threshold
from l1l2_tui.engine.problems import (
    DATASETS,
    LOSSES,
    DataError,
    LossName,
    Problem,
    ProblemSpec,
    build_problem,
)
from l1l2_tui.engine.run import Run
from l1l2_tui.engine.session import Divergence, Event, Forces, Marker, Session, Settings

if TYPE_CHECKING:
    from l1l2_tui.engine.compare import DIFFERENCES, Comparison, Difference
    from l1l2_tui.engine.geometry import (
        LogisticPlane,
        PlaneLoss,
        PlaneView,
        Polyline,
        contour_levels,
        logistic_plane,
        penalty_level_set,
        plane_loss,
        plane_optimum,
    )
    from l1l2_tui.engine.logistic_solver import LogisticFit, minimize_logistic
    from l1l2_tui.engine.path import (
        RegularizationPath,
        lam_grid,
        lam_max,
        minimize,
        regularization_path,
        solve,
    )

LAZY = {
    "l1l2_tui.engine.compare": ("DIFFERENCES", "Comparison", "Difference"),
    "l1l2_tui.engine.geometry": (
        "LogisticPlane",
        "PlaneLoss",
        "PlaneView",
        "Polyline",
        "contour_levels",
        "logistic_plane",
        "penalty_level_set",
        "plane_loss",
        "plane_optimum",
    ),
    "l1l2_tui.engine.logistic_solver": ("LogisticFit", "minimize_logistic"),
    "l1l2_tui.engine.path": (
        "RegularizationPath",
        "lam_grid",
        "lam_max",
        "minimize",
        "regularization_path",
        "solve",
    ),
}
__getattr__ = lazy_getattr(__name__, LAZY)

__all__ = [
    "DATASETS",
    "DIFFERENCES",
    "LOSSES",
    "OPTIMIZERS",
    "PENALTIES",
    "SCHEDULES",
    "Comparison",
    "DataError",
    "Difference",
    "DigitsTask",
    "Divergence",
    "Event",
    "Forces",
    "History",
    "LeastSquares",
    "Logistic",
    "LogisticFit",
    "LogisticPlane",
    "Loss",
    "LossName",
    "Marker",
    "MinibatchOrder",
    "OptimizerName",
    "Penalty",
    "PenaltyName",
    "PlaneLoss",
    "PlaneView",
    "Polyline",
    "Problem",
    "ProblemSpec",
    "RegularizationPath",
    "Run",
    "ScheduleName",
    "Session",
    "Settings",
    "Trace",
    "build_problem",
    "contour_levels",
    "digits_binary",
    "lam_grid",
    "lam_max",
    "lam_max_logistic",
    "load_digits",
    "logistic_plane",
    "loss_for",
    "minimize",
    "minimize_logistic",
    "penalty_level_set",
    "plane_loss",
    "plane_optimum",
    "regularization_path",
    "scaled_lam",
    "scheduled_lr",
    "soft_threshold",
    "solve",
    "suggested_lam",
]
