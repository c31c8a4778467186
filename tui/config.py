"""What the user asked for, gathered from the command line, before anything is built."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from l1l2_tui.engine import ProblemSpec, Session, Settings, build_problem
from l1l2_tui.terminal.link import LinkMode

OPENING_STEPS = 60
"""How many steps a plain launch runs under L2 before it flips to L1: 4 s at 15 frames/s."""
DEFAULT_THEME = "textual-dark"
"""The Textual theme the app starts in unless told (``--theme``)."""
LineMarker = Literal["braille", "dot", "ascii"]
"""How plot lines are drawn: braille dots, one dot a cell, or plain ASCII."""

if TYPE_CHECKING:
    # Lessons are read only by `l1l2-tui demo`; the app starts faster without tomllib.
    from l1l2_tui.lesson import Lesson


@dataclass(frozen=True)
class RunConfig:
    """A problem and how to train on it (``settings.lam=None``: the session suggests one)."""

    problem: ProblemSpec = field(default_factory=ProblemSpec)
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def of(cls, problem: ProblemSpec | None = None, **settings: object) -> RunConfig:
        """``RunConfig.of(penalty="l2", lam=0.3)``: any fields of
        :class:`l1l2_tui.engine.Settings`."""
        return cls(problem or ProblemSpec(), Settings(**settings))  # type: ignore[arg-type]

    def build_session(self) -> Session:
        """Build the problem and a session on it; raises :class:`l1l2_tui.engine.DataError`."""
        return Session(build_problem(self.problem), self.settings)


@dataclass(frozen=True)
class AppConfig:
    """The app's options on top of the run: frame cap, engine steps per frame, plot marker,
    whether to start playing, the lesson a demo plays (``once``: stop at its end), the
    Textual theme (by name), whether a run pauses once it has converged, and the terminal link
    (``auto``: measured; ``slow``: send less from the start; ``fast``: never trim, though frames
    still wait for the link)."""

    run: RunConfig = field(default_factory=RunConfig)
    fps: int = 15
    speed: int = 1
    marker: LineMarker = "braille"
    autoplay: bool = True
    lesson: Lesson | None = None
    once: bool = False
    theme: str = DEFAULT_THEME
    link: LinkMode = "auto"
    pause_when_converged: bool = False
    opening: bool = False
    """Start under L2 and flip to L1 at step :data:`OPENING_STEPS` (a plain launch)."""
