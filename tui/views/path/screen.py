"""The "Path" view: every weight's value along lam, computed off the UI thread.

The path is solved by the view's :class:`~l1l2_tui.views.computation.Computation`: asking for
another one (the penalty changed) supersedes the running one, which stops at its next grid
point, and closing the view cancels it. A path once found is kept for its settings.
"""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.widgets import ProgressBar

from l1l2_tui.engine import RegularizationPath, regularization_path
from l1l2_tui.engine.penalties import Penalty
from l1l2_tui.views.computation import Computation, ProgressReport
from l1l2_tui.views.path.path_plot import PathPlot
from l1l2_tui.views.path.words import narrate_path
from l1l2_tui.views.view_screen import ViewScreen

PathKey = Penalty
"""What a path depends on: the run's penalty, but for its lam (:meth:`Penalty.at_lam` 1)."""
SOLVER_ERRORS = (ValueError, ArithmeticError, np.linalg.LinAlgError)
"""What solving a path on hostile data can raise: told in the view, not a crash."""


class PathScreen(ViewScreen):
    TITLE = "Path: the weights as lam falls from lam_max (all zero for L1) to lam_max/1000"

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._paths: dict[PathKey, RegularizationPath] = {}
        self._failed: dict[PathKey, str] = {}

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

    def show(self) -> None:
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

    def on_computation_progress(self, message: Computation.Progress) -> None:
        if self.computation.accept(message):
            self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    def on_computation_ready(self, message: Computation.Ready) -> None:
        if self.computation.accept(message):
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
        if self._key() in self._failed:
            return f"The path could not be computed: {self._failed[self._key()]}"
        return narrate_path(self.session, self._paths.get(self._key()))
