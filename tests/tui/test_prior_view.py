"""The "Prior" view on the shared run: the captions against the engine's numbers, the marks where
the axes put them, the whole posterior sampled in a worker (superseded, cancelled, refused)."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from apps import build_app, paused_app, until
from textual.widgets import ProgressBar, Static

import l1l2_tui.views.prior.screen as prior_screen
from l1l2_tui.engine import ProblemSpec
from l1l2_tui.engine.claims.prior import weight_belief, whole_posterior
from l1l2_tui.engine.penalties import L1
from l1l2_tui.views.prior.posterior_bars import PosteriorBars
from l1l2_tui.views.prior.posterior_plot import PosteriorPlot
from l1l2_tui.views.prior.screen import PriorScreen
from l1l2_tui.views.prior.words import value
from l1l2_tui.widgets.narration_line import NarrationLine


def caption(app) -> str:
    return str(app.screen.query_one(NarrationLine).render())


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def rows(plot) -> list[str]:
    return [plot.render_line(y).text for y in range(plot.size.height)]


def canvas_cell(plot, x: float, y: float) -> str:
    """The character drawn in the cell the plot's axes give ``(x, y)``."""
    x_axis, y_axis = plot._axes
    lines = rows(plot)
    # The canvas sits under the title and the frame's top, beside the y tick labels.
    frame_top = next(i for i, line in enumerate(lines) if "┌" in line)
    left = lines[frame_top].index("┌") + 1
    return lines[frame_top + y_axis.cells - y_axis.cell(y)][left + x_axis.cell(x)]


@pytest.mark.slow
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_prior_view_on_the_shared_run(size):
    app = paused_app(lam=0.3)
    async with app.run_test(size=size) as pilot:
        app.session.step(150)
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PriorScreen) and "Laplace prior" in screen.TITLE
        assert not screen.has_class("too-small")
        j = screen.feature
        belief = weight_belief(app.session, j)
        assert belief.at_kink and belief.mode == 0.0
        said = caption(app)
        assert "the mode (MAP) is 0, held by the kink" in said
        assert f"median {value(belief.median)}, mean {value(belief.mean)}: not 0" in said
        likelihood = belief.likelihood
        scale = likelihood.noise_variance / (app.session.problem.n_samples * 0.3)
        assert f"Laplace prior, scale σ²/(n·lam) = {scale:.3g};" in text_of(app, "#prior-scale")
        assert f"k = n/σ² = {likelihood.inverse_temperature:.4g}" in text_of(app, "#prior-scale")
        await until(pilot, lambda: screen.whole is not None, timeout=60)
        whole = screen.whole
        assert whole.map_zeros > 0 and whole.mean_zeros == 0
        assert not screen.query_one(ProgressBar).display
        assert f"{whole.map_zeros} weights exactly 0" in text_of(app, "#bars-line")
        await pilot.press("n")
        assert app.session.step_count == 151, "the run's keys work here"
        await pilot.press("f")
        assert screen.feature == (j + 1) % 10
        await pilot.press("y")
        assert app.current_view == "main"


async def test_marks_sit_where_the_axes_put_them():
    app = paused_app(lam=0.3)
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(150)
        await pilot.press("y")
        await until(pilot, lambda: app.screen.whole is not None, timeout=60)
        await pilot.pause()
        screen = app.screen
        belief = weight_belief(app.session, screen.feature)
        plot = screen.query_one(PosteriorPlot)
        post = belief.posterior
        peak = post.posterior.max()
        for glyph, at in (("*", belief.mode), ("◆", belief.median), ("●", belief.mean)):
            height = float(np.interp(at, post.grid, post.posterior)) / peak
            assert canvas_cell(plot, at, height) == glyph
        bars = screen.query_one(PosteriorBars)
        whole = screen.whole
        x_axis, _ = bars._axes
        zero_column = x_axis.cell(0.0)
        # Every weight has its row (the k-th weight k rows under the top one) at this size.
        for j in np.flatnonzero(whole.map == 0.0):
            assert canvas_cell(bars, 0.0, float(-j)) == "*"
            assert x_axis.cell(float(whole.map[j])) == zero_column


async def test_l2_caption_says_mode_median_and_mean_agree():
    app = paused_app(penalty="l2", lam=0.3)
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(100)
        await pilot.press("y")
        await pilot.pause()
        belief = weight_belief(app.session, app.screen.feature)
        assert belief.agree
        assert f"mode, median and mean agree at {value(belief.mode)}" in caption(app)
        variance = belief.likelihood.noise_variance / (2 * app.session.problem.n_samples * 0.3)
        assert f"Gaussian prior, variance σ²/(n·2·lam) = {variance:.3g};" in text_of(
            app, "#prior-scale"
        )
        await until(pilot, lambda: app.screen.whole is not None, timeout=60)
        assert "exact: the posterior is Gaussian" in text_of(app, "#bars-line")


async def test_a_new_lam_supersedes_the_sampling_and_leaving_cancels_it(monkeypatch):
    release = threading.Event()

    def held(*args, on_progress, **kwargs):  # type: ignore[no-untyped-def]
        # Sampling that reports progress until released: however fast the machine, it still
        # runs while the keys below are pressed.
        while not release.wait(0.01):
            on_progress(0, 1)
        return whole_posterior(*args, on_progress=on_progress, **kwargs)

    monkeypatch.setattr(prior_screen, "whole_posterior", held)
    app = build_app(problem=ProblemSpec(samples=400, features=150), lam=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("y")
        screen = app.screen
        assert screen.computation.key == app.session.penalty
        assert screen.query_one(ProgressBar).display, "sampling, with its progress"
        first = screen.computation.generation
        await pilot.press("+")
        await pilot.pause()
        assert screen.computation.key == app.session.penalty != L1(0.05)
        assert screen.computation.generation > first, "the new lam supersedes the sampling"
        await pilot.press("escape")
        await pilot.pause()
        assert screen.computation.key is None, "leaving the view cancels the sampling"
        assert screen.whole is None
        # Back in the view, it is asked for again.
        await pilot.press("y")
        await pilot.pause()
        assert screen.computation.key == app.session.penalty
        assert screen.query_one(ProgressBar).display
        release.set()


async def test_logistic_run_shows_one_weight_and_refuses_the_sampler():
    app = build_app(problem=ProblemSpec(dataset="digits"))
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.step(60)
        await pilot.press("y")
        await pilot.pause()
        assert "Bernoulli log-likelihood" in text_of(app, "#prior-scale")
        assert "No whole posterior" in text_of(app, "#bars-line")
        assert not app.screen.query_one(ProgressBar).display


async def test_too_few_rows_are_refused_with_a_message():
    app = build_app(problem=ProblemSpec(samples=8, features=10))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert app.current_view == "main"
        assert any("n > d + 1" in str(n.message) for n in app._notifications)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_prior_view_snapshots(snap_compare, size):
    async def run_before(pilot) -> None:
        pilot.app.session.step(150)
        await pilot.press("y")
        await until(pilot, lambda: pilot.app.screen.whole is not None, timeout=60)
        await pilot.pause()

    assert snap_compare(paused_app(lam=0.3), terminal_size=size, run_before=run_before)
