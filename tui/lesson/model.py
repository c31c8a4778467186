"""The lesson as data: a title, steps grouped in scenes, whether to loop; the kinds of step."""

from __future__ import annotations

from dataclasses import dataclass, replace

from l1l2_tui.engine.digits import DigitsTask
from l1l2_tui.engine.problems import DatasetName, ProblemSpec
from l1l2_tui.engine.settings import SETTINGS
from l1l2_tui.views import MAIN


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


@dataclass(frozen=True)
class ViewState:
    """Set what the view on screen shows, as its own keys would: ``ViewState("pair", (1, 2))``
    (the geometry view's two weights), ``ViewState("weight", 3)`` and ``ViewState("units",
    10.0)`` (the zero view's weight and the target's units), ``ViewState("compare",
    "optimizer")`` (what the compare view's two runs differ in). Weights count from 1."""

    key: str
    value: object


@dataclass(frozen=True)
class LamRatio:
    """Set lam to ``ratio`` times lam_max, the smallest lam at which L1 holds every weight at 0
    on the run's data: a lesson means the same on any data."""

    ratio: float


@dataclass(frozen=True)
class Wait:
    """Hold the scene, once its run or pause is over, until the lecturer asks for the next one
    (played straight through when no one drives the lesson: ``record``)."""


LessonStep = Run | Pause | Caption | Change | Reset | View | ViewState | LamRatio | Wait


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
    data_options: tuple[tuple[str, object], ...] = ()
    """Options of the synthetic data (``samples``, ``correlation``...) the lesson sets."""
    scene_starts: tuple[int, ...] = ()
    """The index in ``steps`` at which each scene starts (a lesson file's ``[[step]]`` tables);
    left out, the steps are grouped as :func:`scene_starts` says."""

    def __post_init__(self) -> None:
        if not self.scene_starts:
            object.__setattr__(self, "scene_starts", scene_starts(self.steps))

    @property
    def scenes(self) -> tuple[tuple[LessonStep, ...], ...]:
        """The steps of each scene, in order."""
        ends = (*self.scene_starts[1:], len(self.steps))
        return tuple(self.steps[a:b] for a, b in zip(self.scene_starts, ends, strict=True))

    def scene_of(self, index: int) -> int:
        """The scene the step at ``index`` belongs to (the last scene past the end)."""
        return max(i for i, start in enumerate(self.scene_starts) if start <= index)

    def on_problem(self, spec: ProblemSpec) -> ProblemSpec:
        """``spec`` with the lesson's data set (and digit, and that data set's default loss) in
        place of the data it names."""
        options = dict(self.data_options)
        if self.dataset is None:
            return replace(spec, **options) if options else spec  # type: ignore[arg-type]
        digit = spec.digit if self.digit is None else self.digit
        # The data set's own loss: the lesson's captions were written for it.
        return replace(
            spec,
            dataset=self.dataset,
            data=None,
            target=None,
            digit=digit,
            loss=None,
            **options,  # type: ignore[arg-type]
        )

    def start_frames(self, steps_per_frame: int = 1) -> tuple[int, ...]:
        """The frame on which each step starts, counting from 0 at the first step."""
        starts, frame = [], 0
        for step in self.steps:
            starts.append(frame)
            frame += step_frames(step, steps_per_frame)
        return tuple(starts)

    def total_frames(self, steps_per_frame: int = 1) -> int:
        """Frames one pass of the lesson takes: the first pass, from the app's opening on the
        main screen (:meth:`LessonPlayer.set_up` takes the first scene's instant steps before
        the first frame, a first view of ``main`` among them, which then takes no frame)."""
        frames = sum(step_frames(step, steps_per_frame) for step in self.steps)
        first = next((s for s in self.steps if isinstance(s, Run | Pause | Wait | View)), None)
        return frames - (first == View(MAIN))


def step_frames(step: LessonStep, steps_per_frame: int = 1) -> int:
    """Frames ``step`` takes when each frame runs ``steps_per_frame`` engine steps."""
    if isinstance(step, Run):
        return -(-step.steps // steps_per_frame)
    if isinstance(step, Pause):
        return step.frames
    if isinstance(step, View):
        return 1  # the frame on which the new view comes up
    return 0


SCENE_ORDER: tuple[type, ...] = (
    View,
    ViewState,
    Change,
    LamRatio,
    Reset,
    Caption,
    Run,
    Pause,
    Wait,
)
"""The order a scene applies its steps in (a lesson file's keys, whatever their order there)."""


def scene_starts(steps: tuple[LessonStep, ...]) -> tuple[int, ...]:
    """Where each scene starts when steps are grouped as a lesson file groups them: a scene
    takes steps in :data:`SCENE_ORDER` (each kind once, a view state once per key) and ends
    after its run or pause and its wait."""
    starts: list[int] = []
    scene: list[LessonStep] = []
    for index, step in enumerate(steps):
        if not starts or not fits(scene, step):
            starts.append(index)
            scene = []
        scene.append(step)
    return tuple(starts)


def fits(scene: list[LessonStep], step: LessonStep) -> bool:
    """Whether ``step`` can join ``scene``, following its steps in :data:`SCENE_ORDER`."""
    if any(isinstance(other, Wait) for other in scene):
        return False
    if any(isinstance(other, Run | Pause) for other in scene):
        return isinstance(step, Wait)
    order = SCENE_ORDER.index(type(step))
    for other in scene:
        before = SCENE_ORDER.index(type(other))
        if before > order or (before == order and not isinstance(step, ViewState)):
            return False
        if isinstance(other, ViewState) and isinstance(step, ViewState) and other.key == step.key:
            return False
    return True
