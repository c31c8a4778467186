"""The "Prior" view: the penalty read as a prior and the data loss as a likelihood. Along one
weight, the others held as in the zero view, the prior, the likelihood and the posterior with
its mode, median and mean, live with the run; beside it the whole posterior, sampled off the UI
thread, its means and intervals beside the MAP.

The sampling runs in a thread that touches no widget and posts its progress and result as
messages, as the path view's computation does: each has a generation number, asking for
another one (lam or the penalty changed) or leaving the view supersedes it, and the superseded
thread stops at its next chunk of draws.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from l1l2_tui.engine import Session
from l1l2_tui.engine.claims.prior import (
    WeightBelief,
    WholePosterior,
    prior_refusal,
    weight_belief,
    whole_posterior,
    whole_posterior_refusal,
)
from l1l2_tui.engine.claims.zero import instructive_weight
from l1l2_tui.engine.loss_protocol import Loss
from l1l2_tui.engine.penalties import Penalty
from l1l2_tui.views.prior.posterior_bars import PosteriorBars
from l1l2_tui.views.prior.posterior_plot import PosteriorPlot
from l1l2_tui.views.prior.words import bars_line, narrate_prior, scale_line
from l1l2_tui.views.view_screen import BACK, ViewScreen
from l1l2_tui.words import weight_name

GROUP = "posterior"


class Superseded(Exception):
    """Raised inside a sampling that a newer one replaced, to stop it between chunks."""


class PriorScreen(ViewScreen):
    TITLE = "Prior: L1 is a Laplace prior; the lasso is the posterior's mode (MAP)"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "next_weight", "Next weight", tooltip="Show the next weight's posterior"),
    ]
    OWN_ACTIONS: ClassVar[tuple[str, ...]] = (BACK, "next_weight")

    class Progress(Message):
        """``done`` of ``total`` Gibbs iterations of sampling ``generation``."""

        def __init__(self, generation: int, done: int, total: int) -> None:
            super().__init__()
            self.generation, self.done, self.total = generation, done, total

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, PriorScreen.Progress)

    class Ready(Message):
        """Sampling ``generation`` gave ``whole`` for ``penalty``."""

        def __init__(self, generation: int, penalty: Penalty, whole: WholePosterior) -> None:
            super().__init__()
            self.generation, self.penalty, self.whole = generation, penalty, whole

    class Failed(Message):
        """Sampling ``generation`` for ``penalty`` raised ``error``."""

        def __init__(self, generation: int, penalty: Penalty, error: str) -> None:
            super().__init__()
            self.generation, self.penalty, self.error = generation, penalty, error

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.feature = instructive_weight(self.session)
        self._belief: tuple[object, WeightBelief | None, str] | None = None
        self._wholes: dict[Penalty, WholePosterior] = {}
        self._failed: dict[Penalty, str] = {}
        self._sampling: Penalty | None = None
        self.generation = 0
        """The number of the latest sampling asked for; only its messages are taken."""

    @classmethod
    def refusal(cls, session: Session) -> str:
        return prior_refusal(session)

    def compose_body(self) -> ComposeResult:
        yield Static(id="prior-scale", markup=False)
        with Horizontal(id="prior-panels"):
            yield PosteriorPlot(marker=self.marker, id="posterior")
            with Vertical(id="prior-whole"):
                yield ProgressBar(id="posterior-progress", show_eta=False)
                yield PosteriorBars(marker=self.marker, id="posterior-bars")
                yield Static(id="bars-line", markup=False)

    # -- along one weight ------------------------------------------------------------------
    def belief(self) -> tuple[WeightBelief | None, str]:
        """The posterior along the shown weight at the run's weights now (computed once a
        state of the run), or ``None`` and why not."""
        key = (self.run_state(), self.feature)
        if self._belief is None or self._belief[0] != key:
            try:
                self._belief = (key, weight_belief(self.session, self.feature), "")
            except (ValueError, ArithmeticError) as error:
                self._belief = (key, None, str(error))
        return self._belief[1], self._belief[2]

    def show(self) -> None:
        belief, error = self.belief()
        name = weight_name(self.session, self.feature)
        self.query_one(PosteriorPlot).show(belief, name)
        scale = scale_line(self.session, belief) if belief is not None else error
        self.query_one("#prior-scale", Static).update(scale)
        self._show_whole()

    def narration(self) -> str:
        belief, error = self.belief()
        return narrate_prior(self.session, belief, error)

    def action_next_weight(self) -> None:
        self.feature = (self.feature + 1) % self.session.problem.n_features
        self.redraw(force=True)

    # -- the whole posterior ---------------------------------------------------------------
    @property
    def whole(self) -> WholePosterior | None:
        """The whole posterior under the run's penalty, once sampled."""
        return self._wholes.get(self.session.penalty)

    def _show_whole(self) -> None:
        penalty = self.session.penalty
        whole = self._wholes.get(penalty)
        refusal = whole_posterior_refusal(self.session.loss, penalty)
        failed = self._failed.get(penalty, "")
        self.query_one(PosteriorBars).show(whole)
        wanted = whole is None and not refusal and not failed
        self.query_one(ProgressBar).display = wanted
        line = self.query_one("#bars-line", Static)
        if whole is not None:
            line.update(bars_line(whole))
        elif refusal or failed:
            line.update(f"No whole posterior: {refusal or failed}")
        else:
            line.update("Sampling the whole posterior (Park & Casella's Gibbs sampler)...")
        if wanted and self._sampling != penalty:
            self._start(penalty)
        elif not wanted and self._sampling is not None:
            self._cancel()

    def _start(self, penalty: Penalty) -> None:
        self._sampling = penalty
        self.generation += 1
        self.query_one(ProgressBar).update(total=None, progress=0)
        problem = self.session.problem
        sample = partial(
            self._sample, self.generation, penalty, problem.X, problem.y, self.session.loss
        )
        # exclusive: the previous worker of the group is cancelled, which _sample notices.
        self.run_worker(sample, thread=True, exclusive=True, group=GROUP)

    def _cancel(self) -> None:
        """Stop the sampling under way; it is asked for again when the view next needs it."""
        self._sampling = None
        self.generation += 1
        self.workers.cancel_group(self, GROUP)

    def _sample(
        self,
        generation: int,
        penalty: Penalty,
        X: np.ndarray,
        y: np.ndarray,
        loss: Loss,
    ) -> None:
        """In the worker's thread: sample the whole posterior, posting progress and result."""
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled or generation != self.generation:
                raise Superseded
            self.post_message(self.Progress(generation, done, total))

        try:
            whole = whole_posterior(X, y, loss, penalty, on_progress=progress)
        except Superseded:
            return
        except (ValueError, ArithmeticError, np.linalg.LinAlgError) as error:
            self.post_message(self.Failed(generation, penalty, str(error)))
            return
        self.post_message(self.Ready(generation, penalty, whole))

    def on_prior_screen_progress(self, message: Progress) -> None:
        if message.generation == self.generation:
            self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    def on_prior_screen_ready(self, message: Ready) -> None:
        if message.generation != self.generation:
            return
        self._wholes[message.penalty] = message.whole
        self._sampling = None
        self.redraw(force=True)

    def on_prior_screen_failed(self, message: Failed) -> None:
        if message.generation != self.generation:
            return
        self._failed[message.penalty] = message.error
        self._sampling = None
        self.redraw(force=True)

    def on_screen_suspend(self) -> None:
        super().on_screen_suspend()
        if self._sampling is not None:
            self._cancel()
