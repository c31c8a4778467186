"""Selection stability: how often each weight is nonzero when the model is refitted on
bootstrap resamples of the rows at the run's lam, the lasso beside the elastic net, computed
by the panel's own :class:`~l1l2_tui.views.computation.Computation` (a newer computation
supersedes an older one, as the path's)."""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.message import Message
from textual.strip import Strip

from l1l2_tui.engine import Problem, Session
from l1l2_tui.engine.claims.path import flips, irrepresentable
from l1l2_tui.engine.stability import SelectionStability, bootstrap_selection
from l1l2_tui.rendering.braille import LineMarker
from l1l2_tui.rendering.line_cache import CachedLinesWidget
from l1l2_tui.rendering.palette import app_palette, hex_color
from l1l2_tui.views.computation import Computation, ProgressReport
from l1l2_tui.views.path.words import say_flips, say_irrepresentable

RESAMPLES = 20
SEED = 0
"""The bootstrap: 20 resamples of the rows, drawn by seed 0."""
UNICODE_BLOCKS = ("█", " ▏▎▍▌▋▊▉")
ASCII_BLOCKS = ("#", "        ")


class StabilityKey(NamedTuple):
    """What the selection depends on: the data, the run's lam and the elastic net's share."""

    problem: Problem
    lam: float
    l1_ratio: float


class Selection(NamedTuple):
    lasso: SelectionStability
    net: SelectionStability


SOLVER_ERRORS = (ValueError, ArithmeticError, np.linalg.LinAlgError)
"""What refitting hostile data can raise: told in the panel, not a crash."""


def _resample(key: StabilityKey, progress: ProgressReport) -> Selection:
    """The lasso's resamples, then the elastic net's, reporting the fits done of both."""
    problem = key.problem
    fit = partial(
        bootstrap_selection,
        problem.X,
        problem.y,
        key.lam,
        resamples=RESAMPLES,
        seed=SEED,
        loss=problem.loss,
    )
    lasso = fit("l1", on_progress=lambda done, _: progress(done, 2 * RESAMPLES))
    net = fit(
        "elasticnet",
        key.l1_ratio,
        on_progress=lambda done, _: progress(RESAMPLES + done, 2 * RESAMPLES),
    )
    return Selection(lasso, net)


class StabilityPanel(CachedLinesWidget):
    """One row per weight: its true value where known, then the share of resamples in which
    the lasso keeps it nonzero and the share for the elastic net, as bars (the weights kept
    most often when not all fit). Computes when shown and its key changed, and tells the screen
    when a selection is known (:class:`Ready`); the screen words :meth:`caption`."""

    class Ready(Message):
        """The selection at the lam shown is known (or could not be found)."""

    def __init__(self, marker: LineMarker = "braille", **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._blocks = ASCII_BLOCKS if marker == "ascii" else UNICODE_BLOCKS
        self._key: StabilityKey | None = None
        self._results: dict[StabilityKey, Selection | str] = {}
        self._conditions: dict[Problem, str] = {}
        self._done = (0, 2 * RESAMPLES)
        self.computation = Computation(self)

    @property
    def selection(self) -> Selection | None:
        """The selection for the key last shown, once computed."""
        found = self._results.get(self._key) if self._key is not None else None
        return found if isinstance(found, Selection) else None

    def show(self, session: Session) -> None:
        """Show the selection at ``session``'s lam, computing it if it is not known yet."""
        settings = session.settings
        key = StabilityKey(session.problem, settings.lam, settings.l1_ratio)
        if key == self._key and (key in self._results or self.computation.key == key):
            return
        self._key = key
        if key not in self._results:
            self._done = (0, 2 * RESAMPLES)
            self.computation.start(key, partial(_resample, key), SOLVER_ERRORS)
        self.invalidate()

    def on_computation_progress(self, message: Computation.Progress) -> None:
        message.stop()  # the panel's own: not the screen's
        if self.computation.accept(message):
            self._done = (message.done, message.total)
            self.invalidate()

    def on_computation_ready(self, message: Computation.Ready) -> None:
        message.stop()
        if self.computation.accept(message):
            self._results[message.key] = message.result
            self.invalidate()
            self.post_message(self.Ready())

    def on_computation_failed(self, message: Computation.Failed) -> None:
        message.stop()
        if self.computation.accept(message):
            self._results[message.key] = str(message.error)
            self.invalidate()
            self.post_message(self.Ready())

    def caption(self) -> str:
        """What the screen says under the panel: which pair of weights the lasso swaps."""
        key, selection = self._key, self.selection
        if key is None or selection is None:
            return ""
        flip = flips(selection.lasso, selection.net)
        return "" if flip is None else say_flips(flip, key.problem.feature_names)

    def condition(self) -> str:
        """The irrepresentable condition of the true weights, where they are known and the
        loss is least squares (Zhao and Yu's setting); the panel's last line."""
        problem = self._key.problem if self._key is not None else None
        if problem is None or problem.true_weights is None or problem.loss != "squared":
            return ""
        if problem not in self._conditions:  # a solve with the data: once per problem
            claim = irrepresentable(problem.X, problem.true_weights)
            self._conditions[problem] = "" if claim is None else say_irrepresentable(claim)
        return self._conditions[problem]

    def build_lines(self, width: int, height: int) -> list[Strip]:
        key = self._key
        if key is None:
            return []
        found = self._results.get(key)
        bold, dim = Style(bold=True), Style(dim=True)
        if isinstance(found, str):
            return [Strip([Segment(f"The resamples could not be fitted: {found}", bold)])]
        if found is None:
            done, total = self._done
            text = (
                f"Refitting on {RESAMPLES} bootstrap resamples at lam {key.lam:.3g}: "
                f"{done}/{total} fits"
            )
            return [Strip([Segment(text, bold)]).crop(0, width)]
        problem = key.problem
        title = (
            f"Nonzero in how many of {RESAMPLES} bootstrap resamples at lam {key.lam:.3g} "
            f"(EN l1_ratio {key.l1_ratio:g})"
        )
        lines = [Strip([Segment(title, bold)]).crop(0, width)]
        names = problem.feature_names
        truth = problem.true_weights
        name_width = min(max(map(len, names)), 10)
        true_width = 0 if truth is None else 11
        count_width = len(f" {RESAMPLES}/{RESAMPLES}")
        bar_width = max((width - name_width - true_width - 2 * count_width - 8) // 2, 4)
        condition = self.condition()
        rows = max(height - 1 - bool(condition), 0)
        colors = app_palette(self.app)
        counts = found.lasso.counts + found.net.counts
        order = sorted(np.argsort(-counts, kind="stable")[:rows].tolist())
        for j in order:
            color = Style(color=hex_color(colors.weight(j)))
            segments = [Segment(f"{names[j][:name_width]:>{name_width}} ", color)]
            if truth is not None:
                true = f"{truth[j]:+.2f}" if truth[j] else "0"
                segments.append(Segment(f"true {true:>5} ", dim))
            for side, label in ((found.lasso, "L1 "), (found.net, " EN ")):
                count = int(side.counts[j])
                segments += [
                    Segment(label, dim),
                    Segment(self._bar(count / RESAMPLES, bar_width), color),
                    Segment(f" {count:>{len(str(RESAMPLES))}}/{RESAMPLES}", Style()),
                ]
            lines.append(Strip(segments).crop(0, width))
        if condition:
            lines.append(Strip([Segment(condition, dim)]).crop(0, width))
        return lines

    def _bar(self, share: float, width: int) -> str:
        """A bar ``share`` of ``width`` cells long, in eighths of a cell."""
        full_block, parts = self._blocks
        eighths = round(share * width * 8)
        full, part = divmod(eighths, 8)
        text = full_block * full + (parts[part] if part else "")
        return text.ljust(width)
