"""What the user asked for, gathered from the command line, before anything is built."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from engine import Problem, ProblemSpec, Session, Settings, build_problem, suggested_lam
from engine.optimizers import OptimizerName
from engine.penalties import PenaltyName
from tui.widgets.braille import LineMarker

if TYPE_CHECKING:
    # Lessons are read only by `l1l2-tui demo`; the app starts faster without tomllib.
    from tui.lesson import Lesson


@dataclass(frozen=True)
class RunConfig:
    """A problem and how to train on it. ``lam=None`` means :func:`engine.suggested_lam`."""

    problem: ProblemSpec = field(default_factory=ProblemSpec)
    penalty: PenaltyName = "l1"
    lam: float | None = None
    l1_ratio: float = 0.5
    optimizer: OptimizerName = "proximal"
    lr: float | None = None

    def settings_for(self, problem: Problem) -> Settings:
        lam = suggested_lam(problem) if self.lam is None else self.lam
        return Settings(self.penalty, lam, self.l1_ratio, self.optimizer, self.lr)

    def build_session(self) -> Session:
        """Build the problem and a session on it; raises :class:`engine.DataError`."""
        problem = build_problem(self.problem)
        return Session(problem, self.settings_for(problem))


@dataclass(frozen=True)
class AppConfig:
    """The app's options on top of the run: frame cap, engine steps per frame, plot marker,
    whether to start playing, and the lesson a demo plays (``once``: stop at its end)."""

    run: RunConfig = field(default_factory=RunConfig)
    fps: int = 15
    speed: int = 1
    marker: LineMarker = "braille"
    autoplay: bool = True
    lesson: Lesson | None = None
    once: bool = False
