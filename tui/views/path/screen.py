"""The "Path" view: every weight's value along lam, computed off the UI thread.

The computation runs in a thread that touches no widget: it posts its progress and its result
as messages. Each computation has a generation number; asking for another one (the penalty
changed) supersedes it, and the superseded thread stops at its next grid point. Messages from
a superseded generation are dropped, so a late progress report never moves the bar of the
newer computation.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import ProgressBar
from textual.worker import get_current_worker

from l1l2_tui.engine import RegularizationPath, regularization_path
from l1l2_tui.engine.loss_protocol import Loss
from l1l2_tui.engine.penalties import Penalty
from l1l2_tui.views.path.path_plot import PathPlot
from l1l2_tui.views.path.words import narrate_path
from l1l2_tui.views.view_screen import ViewScreen

PathKey = Penalty
"""What a path depends on: the run's penalty, but for its lam (:meth:`Penalty.at_lam` 1)."""


class Superseded(Exception):
    """Raised inside a computation that a newer one replaced, to stop it between grid points."""


class PathScreen(ViewScreen):
    TITLE = "Path: the weights as lam falls from lam_max (all zero for L1) to lam_max/1000"

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
        if wanted and self._computing != key:
            self._start(key)
        elif not wanted and self._computing is not None:
            self._computing = None
            self.generation += 1  # the running computation is no longer needed

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
        if self._key() in self._failed:
            return f"The path could not be computed: {self._failed[self._key()]}"
        return narrate_path(self.session, self._paths.get(self._key()))
