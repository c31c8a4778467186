"""The "Path" view: every weight's value along lam, computed off the UI thread.

The computation runs in a thread that touches no widget: it posts its progress and its result
as messages. Each computation has a generation number; asking for another one (the penalty
changed) supersedes it, and the superseded thread stops at its next grid point. Messages from
a superseded generation are dropped, so a late progress report never moves the bar of the
newer computation.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import ProgressBar
from textual.worker import get_current_worker

from l1l2_tui.engine import RegularizationPath, regularization_path
from l1l2_tui.engine.homotopy import HomotopyPath, lasso_homotopy
from l1l2_tui.engine.loss_protocol import Loss
from l1l2_tui.engine.penalties import Penalty
from l1l2_tui.views.path.path_plot import PathPlot
from l1l2_tui.views.path.words import narrate_exact, narrate_path
from l1l2_tui.views.view_screen import BACK, ViewScreen

PathKey = Penalty
"""What a path depends on: the run's penalty, but for its lam (:meth:`Penalty.at_lam` 1)."""


class Superseded(Exception):
    """Raised inside a computation that a newer one replaced, to stop it between grid points."""


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

    class ExactReady(Message):
        """The exact lasso path of the run's data was found."""

        def __init__(self, path: HomotopyPath, sampled: RegularizationPath) -> None:
            super().__init__()
            self.path, self.sampled = path, sampled

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

    class Failed(Message):
        """Computation ``generation`` for ``key`` raised ``error``."""

        def __init__(self, generation: int, key: PathKey, error: str) -> None:
            super().__init__()
            self.generation, self.key, self.error = generation, key, error

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._paths: dict[PathKey, RegularizationPath] = {}
        self._failed: dict[PathKey, str] = {}
        self._computing: PathKey | None = None
        self.generation = 0
        """The number of the latest computation asked for; only its messages are taken."""
        self.exact = False
        """Whether the exact lasso path is drawn instead of the grid's (the ``h`` key)."""
        self._exact: tuple[HomotopyPath, RegularizationPath] | None = None
        """The exact path and its weights on a log grid with its knots, to draw."""
        self._exact_started = False

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
        names = self.session.problem.feature_names
        if self.showing_exact():
            self._show_exact(names)
            return
        key = self._key()
        path = self._paths.get(key)
        self.query_one(PathPlot).show(path, names, self.session.settings.lam)
        wanted = path is None and key.penalizes and key not in self._failed
        self.query_one(ProgressBar).display = wanted
        if wanted and self._computing != key:
            self._start(key)
        elif not wanted and self._computing is not None:
            self._computing = None
            self.generation += 1  # the running computation is no longer needed

    def _show_exact(self, names: tuple[str, ...]) -> None:
        exact = self._exact
        sampled = None if exact is None else exact[1]
        events = () if exact is None else exact[0].events
        self.query_one(PathPlot).show(sampled, names, self.session.settings.lam, events)
        self.query_one(ProgressBar).display = exact is None
        if exact is None and not self._exact_started:
            self._exact_started = True
            self.query_one(ProgressBar).update(total=None, progress=0)
            problem = self.session.problem
            compute = partial(self._compute_exact, problem.X, problem.y)
            self.run_worker(compute, thread=True, group="exact")

    def _compute_exact(self, X: np.ndarray, y: np.ndarray) -> None:
        """In the worker's thread: the homotopy and its picture's grid, posted back when done."""
        path = lasso_homotopy(X, y)
        self.post_message(self.ExactReady(path, path.sampled()))

    def on_path_screen_exact_ready(self, message: ExactReady) -> None:
        self._exact = (message.path, message.sampled)
        self.redraw(force=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "exact" and not self.exact_applies():
            return False
        return super().check_action(action, parameters)

    def action_exact(self) -> None:
        if not self.exact_applies():
            return
        self.exact = not self.exact
        self.redraw(force=True)

    def _start(self, key: PathKey) -> None:
        self._computing = key
        self.generation += 1
        self.query_one(ProgressBar).update(total=None, progress=0)
        compute = partial(self._compute, self.generation, key, self.session.loss)
        # exclusive: the previous worker of the group is cancelled, which _compute notices.
        self.run_worker(compute, thread=True, exclusive=True, group="path")

    def _compute(self, generation: int, key: PathKey, loss: Loss) -> None:
        """In the worker's thread: solve the path, posting progress and the result."""
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled or generation != self.generation:
                raise Superseded
            self.post_message(self.Progress(generation, done, total))

        try:
            path = regularization_path(loss, key, on_point=progress)
        except Superseded:
            return
        except (ValueError, ArithmeticError, np.linalg.LinAlgError) as error:
            self.post_message(self.Failed(generation, key, str(error)))
            return
        self.post_message(self.Ready(generation, key, path))

    def on_path_screen_progress(self, message: Progress) -> None:
        if message.generation == self.generation:
            self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    def on_path_screen_ready(self, message: Ready) -> None:
        if message.generation != self.generation:
            return
        self._paths[message.key] = message.path
        self._computing = None
        self.redraw(force=True)

    def on_path_screen_failed(self, message: Failed) -> None:
        if message.generation != self.generation:
            return
        self._failed[message.key] = message.error
        self._computing = None
        self.notify(f"could not compute the path: {message.error}", severity="error", markup=False)
        self.redraw(force=True)

    def narration(self) -> str:
        if self.showing_exact():
            return narrate_exact(self.session, None if self._exact is None else self._exact[0])
        if self._key() in self._failed:
            return f"The path could not be computed: {self._failed[self._key()]}"
        return narrate_path(self.session, self._paths.get(self._key()))
