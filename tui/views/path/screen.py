"""The "Path" view: every weight's value along lam, and under it the K-fold cross-validated
error along the same grid with glmnet's lam.min and lam.1se (``m`` and ``k`` set the run's lam
to either) or the selection's stability (``i``); ``h`` draws the exact lasso path instead.

The path, then its cross-validation, and the exact path are solved by the view's
:class:`~l1l2_tui.views.computation.Computation`: asking for another one (the penalty changed)
supersedes the running one, which stops at its next grid point, and closing the view cancels
it. What is found is kept for its settings.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import ProgressBar, Static

from l1l2_tui.engine import RegularizationPath, regularization_path
from l1l2_tui.engine.claims.path import AtMostRank, at_most_rank, lam_choices
from l1l2_tui.engine.cross_validation import CrossValidation, cross_validate_path
from l1l2_tui.engine.homotopy import HomotopyPath, lasso_homotopy
from l1l2_tui.engine.penalties import Penalty
from l1l2_tui.views.computation import Computation, ProgressReport
from l1l2_tui.views.path.cv_plot import CVPlot
from l1l2_tui.views.path.path_plot import PathPlot
from l1l2_tui.views.path.stability_panel import RESAMPLES, StabilityPanel
from l1l2_tui.views.path.words import narrate_exact, narrate_path, say_lam_choices
from l1l2_tui.views.view_screen import BACK, ViewScreen

PathKey = Penalty
"""What a path depends on: the run's penalty, but for its lam (:meth:`Penalty.at_lam` 1)."""
SOLVER_ERRORS = (ValueError, ArithmeticError, np.linalg.LinAlgError)
"""What solving a path on hostile data can raise: told in the view, not a crash."""
EXACT = "exact"
"""The computation key of the exact lasso path (the run's data alone decides it)."""
CV = "cv"
"""The computation key ``(CV, penalty)`` of a path's cross-validation."""
FOLDS = 5
CV_SEED = 0
"""The folds of the cross-validation: 5, shuffled by seed 0, as ``path --cv`` by default."""


class PathScreen(ViewScreen):
    TITLE = "Path: the weights as lam falls from lam_max (all zero for L1) to lam_max/1000"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "cv_lam('min')", "lam.min", tooltip="Set lam to lam.min: least CV error"),
        Binding(
            "k",
            "cv_lam('1se')",
            "lam.1se",
            tooltip="Set lam to lam.1se: the largest lam within one standard error of the least",
        ),
        Binding(
            "i",
            "toggle_stability",
            "Stability",
            tooltip=f"Under the path: how often each weight is nonzero on {RESAMPLES} bootstrap "
            "resamples at the run's lam, L1 beside elastic net (or the CV error again)",
        ),
        Binding(
            "h",
            "exact",
            "Exact path",
            tooltip="L1, least squares: the exact lasso path, its knots where weights enter/leave",
        ),
    ]
    OWN_ACTIONS: ClassVar[tuple[str, ...]] = (
        BACK,
        "cv_lam('min')",
        "cv_lam('1se')",
        "toggle_stability",
        "exact",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._paths: dict[PathKey, RegularizationPath] = {}
        self._cvs: dict[PathKey, CrossValidation] = {}
        self._ranks: dict[PathKey, AtMostRank | None] = {}
        self._failed: dict[PathKey | str, str] = {}
        """Why a path (a penalty's, or :data:`EXACT`) could not be computed."""
        self._cv_failed: dict[PathKey, str] = {}
        self.exact = False
        """Whether the exact lasso path is drawn instead of the grid's (the ``h`` key)."""
        self._exact: tuple[HomotopyPath, RegularizationPath] | None = None
        """The exact path and its weights on a log grid with its knots, to draw."""

    def compose_body(self) -> ComposeResult:
        yield ProgressBar(id="path-progress", show_eta=False)
        yield PathPlot(marker=self.marker, id="path")
        yield CVPlot(marker=self.marker, id="cv")
        yield StabilityPanel(marker=self.marker, id="stability")
        yield Static(id="cv-caption", markup=False)

    def _key(self) -> PathKey:
        return self.session.penalty.at_lam(1.0)

    @property
    def path(self) -> RegularizationPath | None:
        """The path for the run's penalty, once computed."""
        return self._paths.get(self._key())

    @property
    def cross_validation(self) -> CrossValidation | None:
        """The cross-validation of the run's penalty's path, once computed."""
        return self._cvs.get(self._key())

    def computed(self, penalty: Penalty) -> RegularizationPath | None:
        """The path computed so far for ``penalty`` (whatever its lam)."""
        return self._paths.get(penalty.at_lam(1.0))

    def exact_applies(self) -> bool:
        """The exact path is the lasso's: least squares under L1."""
        return self.session.problem.loss == "squared" and self.session.penalty.name == "l1"

    def showing_exact(self) -> bool:
        return self.exact and self.exact_applies()

    def show(self) -> None:
        key = self._key()
        path, cv = self._paths.get(key), self._cvs.get(key)
        names = self.session.problem.feature_names
        lam = self.session.settings.lam
        if self.stability_shown:
            panel = self.query_one(StabilityPanel)
            panel.show(self.session)
            self.query_one("#cv-caption", Static).update(panel.caption())
        else:
            self.query_one(CVPlot).show(path, cv, names, lam)
            self.query_one("#cv-caption", Static).update(self._cv_caption(key, cv))
        if self.showing_exact():
            self._show_exact()
            return
        self.query_one(PathPlot).show(path, names, lam)
        wanted_path = path is None and key.penalizes and key not in self._failed
        wanted_cv = path is not None and cv is None and key not in self._cv_failed
        self.query_one(ProgressBar).display = wanted_path or wanted_cv
        if wanted_path and self.computation.key != key:
            self.query_one(ProgressBar).update(total=None, progress=0)
            loss = self.session.loss

            def solve(progress: ProgressReport) -> RegularizationPath:
                # The bar counts the path's grid points, then those of the cross-validation's
                # FOLDS + 1 paths along the same grid.
                def point(done: int, total: int) -> None:
                    progress(done, (FOLDS + 2) * total)

                return regularization_path(loss, key, on_point=point)

            self.computation.start(key, solve, SOLVER_ERRORS)
        elif wanted_cv and self.computation.key != (CV, key):
            assert path is not None
            problem, solved = self.session.problem, path

            def validate(progress: ProgressReport) -> CrossValidation:
                points = len(solved.lams)

                def fold(done: int, total: int) -> None:
                    progress(points + done, points + total)

                return cross_validate_path(problem, solved, FOLDS, CV_SEED, on_progress=fold)

            self.computation.start((CV, key), validate, SOLVER_ERRORS)
        elif not (wanted_path or wanted_cv):
            self.computation.cancel()  # the running computation is no longer needed

    def _show_exact(self) -> None:
        exact = self._exact
        sampled = None if exact is None else exact[1]
        events = () if exact is None else exact[0].events
        names = self.session.problem.feature_names
        self.query_one(PathPlot).show(sampled, names, self.session.settings.lam, events)
        wanted = exact is None and EXACT not in self._failed
        self.query_one(ProgressBar).display = wanted
        if wanted and self.computation.key != EXACT:
            self.query_one(ProgressBar).update(total=None, progress=0)
            problem = self.session.problem

            def solve(_progress: ProgressReport) -> tuple[HomotopyPath, RegularizationPath]:
                path = lasso_homotopy(problem.X, problem.y)
                return path, path.sampled()

            self.computation.start(EXACT, solve, SOLVER_ERRORS)

    def on_computation_progress(self, message: Computation.Progress) -> None:
        if self.computation.accept(message):
            self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    def on_computation_ready(self, message: Computation.Ready) -> None:
        if not self.computation.accept(message):
            return
        key = message.key
        if key == EXACT:
            self._exact = message.result
        elif isinstance(key, tuple):  # (CV, penalty)
            self._cvs[key[1]] = message.result
            self.refresh_bindings()
        else:
            self._paths[key] = message.result
            self._ranks[key] = at_most_rank(message.result, self.session.problem.X, key)
        self.request_redraw(force=True)

    def on_computation_failed(self, message: Computation.Failed) -> None:
        if not self.computation.accept(message):
            return
        key, error = message.key, str(message.error)
        if isinstance(key, tuple):  # (CV, penalty): the path stands
            self._cv_failed[key[1]] = error
            what = "cross-validate"
        else:
            self._failed[key] = error
            what = "compute"
        self.notify(f"could not {what} the path: {error}", severity="error", markup=False)
        self.request_redraw(force=True)

    def _cv_caption(self, key: PathKey, cv: CrossValidation | None) -> str:
        if key in self._cv_failed:
            return f"The path could not be cross-validated: {self._cv_failed[key]}"
        if cv is None:
            return f"Cross-validating the path, {FOLDS} folds..." if key.penalizes else ""
        return say_lam_choices(lam_choices(cv))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cv_lam":
            return self.cross_validation is not None
        if action == "exact" and not self.exact_applies():
            return False
        return super().check_action(action, parameters)

    def on_screen_suspend(self) -> None:
        # (ViewScreen's handler cancels the path's work too: Textual calls every class's.)
        if self not in self.app.screen_stack:
            self.query_one(StabilityPanel).computation.cancel()

    @property
    def stability_shown(self) -> bool:
        """Whether the panel under the path shows the selection stability (else the CV error)."""
        return self.has_class("stability")

    def action_toggle_stability(self) -> None:
        self.set_class(not self.stability_shown, "stability")
        self.request_redraw(force=True)

    def on_stability_panel_ready(self) -> None:
        self.request_redraw(force=True)  # the caption speaks of the selection

    def action_cv_lam(self, which: str) -> None:
        cv = self.cross_validation
        if cv is not None:
            self.change(lam=cv.lam_min if which == "min" else cv.lam_1se)

    def action_exact(self) -> None:
        if not self.exact_applies():
            return
        self.exact = not self.exact
        self.request_redraw(force=True)

    def narration(self) -> str:
        key = self._key()
        if self.showing_exact():
            if EXACT in self._failed:
                return f"The exact path could not be computed: {self._failed[EXACT]}"
            return narrate_exact(self.session, None if self._exact is None else self._exact[0])
        if key in self._failed:
            return f"The path could not be computed: {self._failed[key]}"
        return narrate_path(self.session, self._paths.get(key), self._ranks.get(key))
