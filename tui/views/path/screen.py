"""The "Path" view: every weight's value along lam, computed off the UI thread.

The path is solved by the view's :class:`~l1l2_tui.views.computation.Computation`: asking for
another one (the penalty changed) supersedes the running one, which stops at its next grid
point, and closing the view cancels it. A path once found is kept for its settings.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import ProgressBar

from l1l2_tui.engine import RegularizationPath, regularization_path
from l1l2_tui.engine.homotopy import HomotopyPath, lasso_homotopy
from l1l2_tui.engine.penalties import Penalty
from l1l2_tui.views.computation import Computation, ProgressReport
from l1l2_tui.views.path.path_plot import PathPlot
from l1l2_tui.views.path.words import narrate_exact, narrate_path
from l1l2_tui.views.view_screen import BACK, ViewScreen

PathKey = Penalty
"""What a path depends on: the run's penalty, but for its lam (:meth:`Penalty.at_lam` 1)."""
SOLVER_ERRORS = (ValueError, ArithmeticError, np.linalg.LinAlgError)
"""What solving a path on hostile data can raise: told in the view, not a crash."""
EXACT = "exact"
"""The computation key of the exact lasso path (the run's data alone decides it)."""


class PathScreen(ViewScreen):
    TITLE = "Path: the weights as lam falls from lam_max (all zero for L1) to lam_max/1000"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "h",
            "exact",
            "Exact path",
            tooltip="L1, least squares: the exact lasso path, its knots where weights enter/leave",
        ),
    ]
    OWN_ACTIONS: ClassVar[tuple[str, ...]] = (BACK, "exact")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._paths: dict[PathKey, RegularizationPath] = {}
        self._failed: dict[PathKey | str, str] = {}
        """Why a path (a penalty's, or :data:`EXACT`) could not be computed."""
        self.exact = False
        """Whether the exact lasso path is drawn instead of the grid's (the ``h`` key)."""
        self._exact: tuple[HomotopyPath, RegularizationPath] | None = None
        """The exact path and its weights on a log grid with its knots, to draw."""

    def compose_body(self) -> ComposeResult:
        yield ProgressBar(id="path-progress", show_eta=False)
        yield PathPlot(marker=self.marker, id="path")

    def _key(self) -> PathKey:
        return self.session.penalty.at_lam(1.0)

    @property
    def path(self) -> RegularizationPath | None:
        """The path for the run's penalty, once computed."""
        return self._paths.get(self._key())

    def computed(self, penalty: Penalty) -> RegularizationPath | None:
        """The path computed so far for ``penalty`` (whatever its lam)."""
        return self._paths.get(penalty.at_lam(1.0))

    def exact_applies(self) -> bool:
        """The exact path is the lasso's: least squares under L1."""
        return self.session.problem.loss == "squared" and self.session.penalty.name == "l1"

    def showing_exact(self) -> bool:
        return self.exact and self.exact_applies()

    def show(self) -> None:
        if self.showing_exact():
            self._show_exact()
            return
        key = self._key()
        path = self._paths.get(key)
        names = self.session.problem.feature_names
        self.query_one(PathPlot).show(path, names, self.session.settings.lam)
        wanted = path is None and key.penalizes and key not in self._failed
        self.query_one(ProgressBar).display = wanted
        if wanted and self.computation.key != key:
            self.query_one(ProgressBar).update(total=None, progress=0)
            loss = self.session.loss

            def solve(progress: ProgressReport) -> RegularizationPath:
                return regularization_path(loss, key, on_point=progress)

            self.computation.start(key, solve, SOLVER_ERRORS)
        elif not wanted:
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "exact" and not self.exact_applies():
            return False
        return super().check_action(action, parameters)

    def action_exact(self) -> None:
        if not self.exact_applies():
            return
        self.exact = not self.exact
        self.request_redraw(force=True)

    def on_computation_progress(self, message: Computation.Progress) -> None:
        if self.computation.accept(message):
            self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    def on_computation_ready(self, message: Computation.Ready) -> None:
        if not self.computation.accept(message):
            return
        if message.key == EXACT:
            self._exact = message.result
        else:
            self._paths[message.key] = message.result
        self.request_redraw(force=True)

    def on_computation_failed(self, message: Computation.Failed) -> None:
        if self.computation.accept(message):
            self._failed[message.key] = str(message.error)
            self.notify(
                f"could not compute the path: {message.error}", severity="error", markup=False
            )
            self.request_redraw(force=True)

    def narration(self) -> str:
        if self.showing_exact():
            if EXACT in self._failed:
                return f"The exact path could not be computed: {self._failed[EXACT]}"
            return narrate_exact(self.session, None if self._exact is None else self._exact[0])
        if self._key() in self._failed:
            return f"The path could not be computed: {self._failed[self._key()]}"
        return narrate_path(self.session, self._paths.get(self._key()))
