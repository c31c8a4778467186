"""The lesson as data: a title, steps, whether to loop; the six kinds of step."""

from __future__ import annotations

from dataclasses import dataclass, replace

from l1l2_tui.engine.digits import DigitsTask
from l1l2_tui.engine.problems import DatasetName, ProblemSpec
from l1l2_tui.engine.settings import SETTINGS


@dataclass(frozen=True)
class Run:
    """Let the engine take ``steps`` steps, redrawing after each frame's share."""

    steps: int


@dataclass(frozen=True)
class Pause:
    """Hold still for ``frames`` frames."""

    frames: int


@dataclass(frozen=True)
class Caption:
    """Show ``text`` under the plots until the next caption (``""`` clears it)."""

    text: str


@dataclass(frozen=True, init=False)
class Change:
    """Change settings mid-run, keeping weights and step (``Session.update(**changes())``):
    ``Change(penalty="l2", lam=0.3)``, any settings of :class:`l1l2_tui.engine.Settings`; ``None``
    leaves a setting as it is. The ``set`` key in a lesson file."""

    settings: tuple[tuple[str, object], ...]

    def __init__(self, **settings: object) -> None:
        # In the order of the settings' declaration, so that equal changes compare equal.
        order = [name for name in SETTINGS if settings.get(name) is not None]
        extra = [name for name in settings if name not in SETTINGS]
        given = tuple((name, settings[name]) for name in (*order, *extra))
        object.__setattr__(self, "settings", given)

    def changes(self) -> dict[str, object]:
        """The settings this step changes, as keyword arguments for ``Session.update``."""
        return dict(self.settings)

    def __getattr__(self, name: str) -> object:
        """``change.lam``: the value this step gives a setting, or ``None``."""
        if name in SETTINGS:
            return dict(self.settings).get(name)
        raise AttributeError(name)


@dataclass(frozen=True)
class Reset:
    """Start the run over from ``w = 0`` at step 0, keeping the settings."""


@dataclass(frozen=True)
class View:
    """Switch to the view ``name`` (one of :data:`l1l2_tui.views.VIEW_NAMES`)."""

    name: str


LessonStep = Run | Pause | Caption | Change | Reset | View


@dataclass(frozen=True)
class Lesson:
    """A storyboard: ``steps`` played in order, from the top again after the last if ``loop``.

    ``dataset`` (and ``digit``, for ``digits``) names the built-in data set a lesson is written
    for, when its captions speak of that data; ``None`` plays on whatever data the run has."""

    title: str
    steps: tuple[LessonStep, ...]
    loop: bool = False
    dataset: DatasetName | None = None
    digit: DigitsTask | None = None

    def on_problem(self, spec: ProblemSpec) -> ProblemSpec:
        """``spec`` with the lesson's data set (and digit, and that data set's default loss) in
        place of the data it names."""
        if self.dataset is None:
            return spec
        digit = spec.digit if self.digit is None else self.digit
        # The data set's own loss: the lesson's captions were written for it.
        return replace(spec, dataset=self.dataset, data=None, target=None, digit=digit, loss=None)

    def start_frames(self, steps_per_frame: int = 1) -> tuple[int, ...]:
        """The frame on which each step starts, counting from 0 at the first step."""
        starts, frame = [], 0
        for step in self.steps:
            starts.append(frame)
            frame += step_frames(step, steps_per_frame)
        return tuple(starts)

    def total_frames(self, steps_per_frame: int = 1) -> int:
        """Frames one pass of the lesson takes."""
        return sum(step_frames(step, steps_per_frame) for step in self.steps)


def step_frames(step: LessonStep, steps_per_frame: int = 1) -> int:
    """Frames ``step`` takes when each frame runs ``steps_per_frame`` engine steps."""
    if isinstance(step, Run):
        return -(-step.steps // steps_per_frame)
    if isinstance(step, Pause):
        return step.frames
    if isinstance(step, View):
        return 1  # the frame on which the new view comes up
    return 0
