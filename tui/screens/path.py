"""The "Path" view: every weight's value along lam, computed off the UI thread."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import ProgressBar
from textual.worker import Worker, WorkerState

from engine import RegularizationPath, regularization_path
from tui.narration import narrate_path
from tui.screens.view_screen import ViewScreen
from tui.widgets.path_plot import PathPlot


class PathScreen(ViewScreen):
    TITLE = "Path: the weights as lam falls from lam_max (all zero for L1) to lam_max/1000"

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._paths: dict[tuple[str, float], RegularizationPath] = {}
        self._computing: tuple[str, float] | None = None

    def compose_body(self) -> ComposeResult:
        yield ProgressBar(id="path-progress", show_eta=False)
        yield PathPlot(marker=self.marker, id="path")

    def _key(self) -> tuple[str, float]:
        settings = self.session.settings
        return settings.penalty, settings.l1_ratio if settings.penalty == "elasticnet" else 0.5

    def show(self) -> None:
        key = self._key()
        path = self._paths.get(key)
        names = self.session.problem.feature_names
        self.query_one(PathPlot).show(path, names, self.session.settings.lam)
        self.query_one(ProgressBar).display = path is None and key[0] != "none"
        if path is None and key[0] != "none" and self._computing != key:
            self._computing = key
            self.run_worker(lambda: self._compute(key), thread=True, exclusive=True, group="path")

    def _compute(self, key: tuple[str, float]) -> tuple[tuple[str, float], RegularizationPath]:
        bar = self.query_one(ProgressBar)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)

        penalty, l1_ratio = key
        return key, regularization_path(self.session.loss, penalty, l1_ratio, on_point=progress)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.SUCCESS and event.worker.result is not None:
            key, path = event.worker.result
            self._paths[key] = path
            self._computing = None
            self.redraw(force=True)

    def narration(self) -> str:
        return narrate_path(self.session, self._paths.get(self._key()))
