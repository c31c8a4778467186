"""The "Path" view: every weight's value along lam, and under it the K-fold cross-validated
error along the same grid with glmnet's lam.min and lam.1se, computed off the UI thread; ``m``
and ``k`` set the run's lam to either.

The computation (the path, then its cross-validation) runs in a thread that touches no widget:
it posts its progress and its results as messages. Each computation has a generation number;
asking for another one (the penalty changed) supersedes it, and the superseded thread stops at
its next grid point. Messages from a superseded generation are dropped, so a late progress
report never moves the bar of the newer computation.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from l1l2_tui.engine import Problem, RegularizationPath, regularization_path
from l1l2_tui.engine.claims.path import AtMostRank, at_most_rank, lam_choices
from l1l2_tui.engine.cross_validation import CrossValidation, cross_validate_path
from l1l2_tui.engine.loss_protocol import Loss
from l1l2_tui.engine.penalties import Penalty
from l1l2_tui.views.path.cv_plot import CVPlot
from l1l2_tui.views.path.path_plot import PathPlot
from l1l2_tui.views.path.stability_panel import RESAMPLES, StabilityPanel
from l1l2_tui.views.path.words import narrate_path, say_lam_choices
from l1l2_tui.views.view_screen import BACK, ViewScreen

PathKey = Penalty
"""What a path depends on: the run's penalty, but for its lam (:meth:`Penalty.at_lam` 1)."""


FOLDS = 5
CV_SEED = 0
"""The folds of the cross-validation: 5, shuffled by seed 0, as ``path --cv`` by default."""


class Superseded(Exception):
    """Raised inside a computation that a newer one replaced, to stop it between grid points."""


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
    ]
    OWN_ACTIONS: ClassVar[tuple[str, ...]] = (
        BACK,
        "cv_lam('min')",
        "cv_lam('1se')",
        "toggle_stability",
    )

    class Progress(Message):
        """``done`` of ``total`` grid points of computation ``generation`` are solved."""

        def __init__(self, generation: int, done: int, total: int) -> None:
            super().__init__()
            self.generation, self.done, self.total = generation, done, total

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, PathScreen.Progress)

    class Ready(Message):
        """Computation ``generation`` found ``path`` for ``key``."""

        def __init__(self, generation: int, key: PathKey, path: RegularizationPath) -> None:
            super().__init__()
            self.generation, self.key, self.path = generation, key, path

    class Validated(Message):
        """Computation ``generation`` cross-validated the path for ``key``: ``cv``."""

        def __init__(self, generation: int, key: PathKey, cv: CrossValidation) -> None:
            super().__init__()
            self.generation, self.key, self.cv = generation, key, cv

    class Failed(Message):
        """Computation ``generation`` for ``key`` raised ``error`` (in its cross-validation
        when ``in_cv``: the path stands)."""

        def __init__(self, generation: int, key: PathKey, error: str, in_cv: bool) -> None:
            super().__init__()
            self.generation, self.key, self.error, self.in_cv = generation, key, error, in_cv

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._paths: dict[PathKey, RegularizationPath] = {}
        self._cvs: dict[PathKey, CrossValidation] = {}
        self._ranks: dict[PathKey, AtMostRank | None] = {}
        self._failed: dict[PathKey, str] = {}
        self._cv_failed: dict[PathKey, str] = {}
        self._computing: PathKey | None = None
        self.generation = 0
        """The number of the latest computation asked for; only its messages are taken."""

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

    def show(self) -> None:
        key = self._key()
        path, cv = self._paths.get(key), self._cvs.get(key)
        names = self.session.problem.feature_names
        lam = self.session.settings.lam
        self.query_one(PathPlot).show(path, names, lam)
        if self.stability_shown:
            panel = self.query_one(StabilityPanel)
            panel.show(self.session)
            self.query_one("#cv-caption", Static).update(panel.caption())
        else:
            self.query_one(CVPlot).show(path, cv, names, lam)
            self.query_one("#cv-caption", Static).update(self._cv_caption(key, cv))
        wanted = (
            (path is None or (cv is None and key not in self._cv_failed))
            and key.penalizes
            and key not in self._failed
        )
        self.query_one(ProgressBar).display = wanted
        if wanted and self._computing != key:
            self._start(key)
        elif not wanted and self._computing is not None:
            self._computing = None
            self.generation += 1  # the running computation is no longer needed

    def _start(self, key: PathKey) -> None:
        self._computing = key
        self.generation += 1
        self.query_one(ProgressBar).update(total=None, progress=0)
        session = self.session
        compute = partial(
            self._compute, self.generation, key, session.loss, session.problem, self._paths.get(key)
        )
        # exclusive: the previous worker of the group is cancelled, which _compute notices.
        self.run_worker(compute, thread=True, exclusive=True, group="path")

    def _compute(
        self,
        generation: int,
        key: PathKey,
        loss: Loss,
        problem: Problem,
        path: RegularizationPath | None,
    ) -> None:
        """In the worker's thread: solve the path (unless ``path`` is it already), then
        cross-validate it, posting progress and the results. The progress counts the grid
        points solved: the path's, then those of the cross-validation's ``FOLDS + 1`` paths."""
        worker = get_current_worker()
        points = 0 if path is None else len(path.lams)

        def post(done: int, total: int) -> None:
            if worker.is_cancelled or generation != self.generation:
                raise Superseded
            self.post_message(self.Progress(generation, done, total))

        def path_progress(done: int, total: int) -> None:
            post(done, (FOLDS + 2) * total)  # the path, then FOLDS + 1 more paths as long

        def cv_progress(done: int, total: int) -> None:
            post(points + done, points + total)

        in_cv = path is not None
        try:
            if path is None:
                path = regularization_path(loss, key, on_point=path_progress)
                self.post_message(self.Ready(generation, key, path))
                points = len(path.lams)
            in_cv = True
            cv = cross_validate_path(problem, path, FOLDS, CV_SEED, on_progress=cv_progress)
        except Superseded:
            return
        except (ValueError, ArithmeticError, np.linalg.LinAlgError) as error:
            self.post_message(self.Failed(generation, key, str(error), in_cv))
            return
        self.post_message(self.Validated(generation, key, cv))

    def on_path_screen_progress(self, message: Progress) -> None:
        if message.generation == self.generation:
            self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    def on_path_screen_ready(self, message: Ready) -> None:
        if message.generation != self.generation:
            return
        path = message.path
        self._paths[message.key] = path
        self._ranks[message.key] = at_most_rank(path, self.session.problem.X, message.key)
        self.redraw(force=True)

    def on_path_screen_validated(self, message: Validated) -> None:
        if message.generation != self.generation:
            return
        self._cvs[message.key] = message.cv
        self._computing = None
        self.redraw(force=True)
        self.refresh_bindings()

    def on_path_screen_failed(self, message: Failed) -> None:
        if message.generation != self.generation:
            return
        what = "cross-validate" if message.in_cv else "compute"
        (self._cv_failed if message.in_cv else self._failed)[message.key] = message.error
        self._computing = None
        self.notify(f"could not {what} the path: {message.error}", severity="error", markup=False)
        self.redraw(force=True)

    def _cv_caption(self, key: PathKey, cv: CrossValidation | None) -> str:
        if key in self._cv_failed:
            return f"The path could not be cross-validated: {self._cv_failed[key]}"
        if cv is None:
            return f"Cross-validating the path, {FOLDS} folds..." if key.penalizes else ""
        return say_lam_choices(lam_choices(cv))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cv_lam":
            return self.cross_validation is not None
        return super().check_action(action, parameters)

    @property
    def stability_shown(self) -> bool:
        """Whether the panel under the path shows the selection stability (else the CV error)."""
        return self.has_class("stability")

    def action_toggle_stability(self) -> None:
        self.set_class(not self.stability_shown, "stability")
        self.redraw(force=True)

    def on_stability_panel_ready(self) -> None:
        self.redraw(force=True)  # the caption speaks of the selection

    def action_cv_lam(self, which: str) -> None:
        cv = self.cross_validation
        if cv is not None:
            self.change(lam=cv.lam_min if which == "min" else cv.lam_1se)

    def narration(self) -> str:
        if self._key() in self._failed:
            return f"The path could not be computed: {self._failed[self._key()]}"
        key = self._key()
        return narrate_path(self.session, self._paths.get(key), self._ranks.get(key))
