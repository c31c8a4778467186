"""The "Prior" view: the penalty read as a prior and the data loss as a likelihood. Along one
weight, the others held as in the zero view, the prior, the likelihood and the posterior with
its mode, median and mean, live with the run; beside it the whole posterior, sampled by the
view's :class:`~l1l2_tui.views.computation.Computation`, its means and intervals beside the MAP:
a new lam or penalty supersedes the sampling, which stops at its next chunk of draws, and
closing the view cancels it. A whole posterior once found is kept for its penalty.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import ProgressBar, Static

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
from l1l2_tui.engine.penalties import Penalty
from l1l2_tui.views.computation import Computation, ProgressReport
from l1l2_tui.views.prior.posterior_bars import PosteriorBars
from l1l2_tui.views.prior.posterior_plot import PosteriorPlot
from l1l2_tui.views.prior.words import bars_line, narrate_prior, scale_line
from l1l2_tui.views.view_screen import BACK, ViewScreen
from l1l2_tui.words import weight_name

SAMPLER_ERRORS = (ValueError, ArithmeticError, np.linalg.LinAlgError)
"""What sampling hostile data can raise: told in the view, not a crash."""


class PriorScreen(ViewScreen):
    TITLE = "Prior: L1 is a Laplace prior; the lasso is the posterior's mode (MAP)"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "next_weight", "Next weight", tooltip="Show the next weight's posterior"),
    ]
    OWN_ACTIONS: ClassVar[tuple[str, ...]] = (BACK, "next_weight")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.feature = instructive_weight(self.session)
        self._belief: tuple[object, WeightBelief | None, str] | None = None
        self._wholes: dict[Penalty, WholePosterior] = {}
        self._failed: dict[Penalty, str] = {}

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
        self.request_redraw(force=True)

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
        if wanted and self.computation.key != penalty:
            self.query_one(ProgressBar).update(total=None, progress=0)
            problem, loss = self.session.problem, self.session.loss

            def sample(progress: ProgressReport) -> WholePosterior:
                return whole_posterior(problem.X, problem.y, loss, penalty, on_progress=progress)

            self.computation.start(penalty, sample, SAMPLER_ERRORS)
        elif not wanted:
            self.computation.cancel()  # the running sampling is no longer needed

    def on_computation_progress(self, message: Computation.Progress) -> None:
        if self.computation.accept(message):
            self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    def on_computation_ready(self, message: Computation.Ready) -> None:
        if self.computation.accept(message):
            self._wholes[message.key] = message.result
            self.request_redraw(force=True)

    def on_computation_failed(self, message: Computation.Failed) -> None:
        if self.computation.accept(message):
            self._failed[message.key] = str(message.error)
            self.request_redraw(force=True)
