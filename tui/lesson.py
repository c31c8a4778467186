"""Lessons: storyboards that drive the app with no one at the keys (``l1l2-tui demo --lesson``).

A lesson is data: a title, a tuple of steps, and whether to start again at the end. Each step is
one of six actions (:data:`LessonStep`): :class:`Run` the engine N steps (shown a frame at a time
at the app's steps per frame), :class:`Pause` N frames, show a :class:`Caption`, :class:`Change`
settings mid-run, :class:`Reset` the run, or switch the :class:`View`. Lengths are counted in
engine steps and frames, never in seconds, so a lesson plays the same at any pace.

The file format is TOML, read with the standard library's ``tomllib``. A ``[[step]]`` table is
a scene: any of the keys
below, applied in this order, with at most one of ``run`` and ``pause``::

    title = "Why L1 zeros weights"    # required
    loop = true                       # optional, default false: start again after the last step

    [[step]]
    view = "main"                     # main, geometry, forces, path, compare or zero
    set = { penalty = "l2" }          # any settings of engine.Settings, as checked there: penalty
                                      #   (l1, l2, elasticnet, none), lam (>= 0), l1_ratio (0..1),
                                      #   optimizer (proximal, subgradient, fista), lr (> 0)
    reset = true                      # w = 0 at step 0, settings kept; only `true` is allowed
    caption = "L2 only shrinks"       # shown until the next caption; "" clears it
    run = 120                         # engine steps (an integer >= 1)

    [[step]]
    pause = 45                        # frames to hold (an integer >= 1)

Every mistake raises :class:`LessonError` naming the file, the step (numbered from 1 in the order
of the ``[[step]]`` tables) and the key; TOML syntax errors give the line and column. A lesson must
run or pause somewhere, or it would never move on. The title and captions are plain text: no
control characters, at most :data:`MAX_TEXT` characters. The file must be a regular UTF-8 file
of at most :data:`MAX_LESSON_BYTES`.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from engine.files import FileProblem, control_character, describe_character, read_text_file
from engine.settings import SETTINGS

ViewName = Literal["main", "geometry", "forces", "path", "compare", "zero"]
VIEWS: tuple[ViewName, ...] = get_args(ViewName)


class LessonError(ValueError):
    """A lesson file that cannot be read or played; the message names file, step and key."""


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
    ``Change(penalty="l2", lam=0.3)``, any settings of :class:`engine.Settings`; ``None``
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
    """Switch to the view ``name``."""

    name: ViewName


LessonStep = Run | Pause | Caption | Change | Reset | View


@dataclass(frozen=True)
class Lesson:
    """A storyboard: ``steps`` played in order, from the top again after the last if ``loop``."""

    title: str
    steps: tuple[LessonStep, ...]
    loop: bool = False

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


# -- reading ------------------------------------------------------------------------------------
TOP_KEYS = ("title", "loop", "step")
# A scene's keys in the order they are applied; `run` and `pause` exclude each other.
SCENE_KEYS = ("view", "set", "reset", "caption", "run", "pause")
SET_KEYS = tuple(SETTINGS)
MAX_LESSON_BYTES = 1_000_000
"""The largest lesson file read: 1 MB, far more than any storyboard needs."""
MAX_TEXT = 1000
"""The longest title or caption, in characters."""


def load_lesson(path: Path) -> Lesson:
    """Read and check the lesson file at ``path``; raises :class:`LessonError`."""
    try:
        text = read_text_file(path, MAX_LESSON_BYTES, "a lesson file")
    except FileProblem as exc:
        raise LessonError(str(exc)) from None
    return parse_lesson(text, str(path))


def parse_lesson(text: str, source: str) -> Lesson:
    """Parse and check a lesson written in TOML (the format is in this module's docstring).

    ``source`` names the text in error messages, e.g. the file's path.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LessonError(f"{source}: invalid TOML: {exc}") from None
    except RecursionError:
        raise LessonError(f"{source}: invalid lesson: arrays or tables nested too deeply") from None
    return lesson_from_data(data, source)


def lesson_from_data(data: Mapping[str, object], source: str) -> Lesson:
    """Check a lesson given as parsed TOML (a mapping) and build it; raises :class:`LessonError`."""

    def fail(key: str, problem: str, number: int | None = None) -> LessonError:
        where = f"{source}: " if number is None else f"{source}: step {number}: "
        return LessonError(f"{where}{key}: {problem}")

    unknown = [key for key in data if key not in TOP_KEYS]
    if unknown:
        raise fail(unknown[0], f"unknown key; expected {', '.join(TOP_KEYS)}")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise fail("title", "required, a non-empty string")
    try:
        plain_text(title, "title")
    except SceneError as exc:
        raise fail(exc.key, exc.problem) from None
    loop = data.get("loop", False)
    if not isinstance(loop, bool):
        raise fail("loop", f"must be true or false, not {loop!r}")
    scenes = data.get("step")
    if not isinstance(scenes, list) or not scenes:
        raise fail("step", "a lesson needs at least one [[step]] table")
    steps: list[LessonStep] = []
    for number, scene in enumerate(scenes, start=1):
        if not isinstance(scene, dict):
            raise fail("step", "each step must be a [[step]] table", number)
        try:
            steps.extend(scene_steps(scene))
        except SceneError as exc:
            raise fail(exc.key, exc.problem, number) from None
    if not any(isinstance(step, (Run, Pause)) for step in steps):
        raise fail("step", "the lesson never moves on: add a step with run or pause")
    return Lesson(title, tuple(steps), loop)


class SceneError(Exception):
    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}")
        self.key, self.problem = key, problem


def scene_steps(scene: Mapping[str, object]) -> list[LessonStep]:
    """The steps of one ``[[step]]`` table, in :data:`SCENE_KEYS` order."""
    unknown = [key for key in scene if key not in SCENE_KEYS]
    if unknown:
        raise SceneError(unknown[0], f"unknown key; expected {', '.join(SCENE_KEYS)}")
    if not scene:
        raise SceneError("step", f"empty; give one of {', '.join(SCENE_KEYS)}")
    if "run" in scene and "pause" in scene:
        raise SceneError("pause", "a step either runs or pauses; split it into two steps")
    steps: list[LessonStep] = []
    if "view" in scene:
        steps.append(View(choice(scene["view"], VIEWS, "view")))
    if "set" in scene:
        steps.append(change_from(scene["set"]))
    if "reset" in scene:
        if scene["reset"] is not True:
            raise SceneError(
                "reset", f"must be true (leave it out for no reset), not {scene['reset']!r}"
            )
        steps.append(Reset())
    if "caption" in scene:
        if not isinstance(scene["caption"], str):
            raise SceneError("caption", f"must be a string, not {scene['caption']!r}")
        steps.append(Caption(plain_text(scene["caption"], "caption")))
    if "run" in scene:
        steps.append(Run(count(scene["run"], "run")))
    if "pause" in scene:
        steps.append(Pause(count(scene["pause"], "pause")))
    return steps


def change_from(table: object) -> Change:
    if not isinstance(table, dict) or not table:
        example = '{ penalty = "l1" }'
        raise SceneError("set", f"must be a table of {', '.join(SET_KEYS)}, e.g. {example}")
    unknown = [key for key in table if key not in SET_KEYS]
    if unknown:
        raise SceneError(f"set.{unknown[0]}", f"unknown setting; expected {', '.join(SET_KEYS)}")
    checked: dict[str, object] = {}
    for name, value in table.items():
        try:
            checked[name] = SETTINGS[name].check(value)
        except ValueError as exc:
            raise SceneError(f"set.{name}", str(exc)) from None
    return Change(**checked)


def plain_text(text: str, key: str) -> str:
    """``text`` if it is fit to print on a terminal: no control characters (which could move
    the cursor or clear the screen), at most :data:`MAX_TEXT` characters."""
    char = control_character(text)
    if char is not None:
        raise SceneError(key, f"holds a control character ({describe_character(char)})")
    if len(text) > MAX_TEXT:
        raise SceneError(key, f"{len(text)} characters; at most {MAX_TEXT}")
    return text


def choice(value: object, names: tuple[str, ...], key: str) -> str:
    if value not in names:
        raise SceneError(key, f"{value!r} is not one of {', '.join(names)}")
    return str(value)


def count(value: object, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SceneError(key, f"must be a whole number >= 1, not {value!r}")
    return value


# -- writing ------------------------------------------------------------------------------------
def format_lesson(lesson: Lesson) -> str:
    """The lesson as TOML that :func:`parse_lesson` reads back to an equal :class:`Lesson`.

    Consecutive steps share a ``[[step]]`` table while they follow :data:`SCENE_KEYS` order.
    """
    lines = [f"title = {toml_string(lesson.title)}", f"loop = {str(lesson.loop).lower()}"]
    scene: dict[str, str] = {}

    def close_scene() -> None:
        if scene:
            lines.extend(["", "[[step]]", *(f"{key} = {value}" for key, value in scene.items())])
            scene.clear()

    for step in lesson.steps:
        key, value = step_entry(step)
        ended = "run" in scene or "pause" in scene
        if ended or any(SCENE_KEYS.index(k) >= SCENE_KEYS.index(key) for k in scene):
            close_scene()
        scene[key] = value
    close_scene()
    return "\n".join(lines) + "\n"


def step_entry(step: LessonStep) -> tuple[str, str]:
    """A step's key and TOML value inside a ``[[step]]`` table."""
    if isinstance(step, Run):
        return "run", str(step.steps)
    if isinstance(step, Pause):
        return "pause", str(step.frames)
    if isinstance(step, Caption):
        return "caption", toml_string(step.text)
    if isinstance(step, Change):
        items = (
            f"{key} = {toml_string(value) if isinstance(value, str) else repr(value)}"
            for key, value in step.changes().items()
        )
        return "set", "{ " + ", ".join(items) + " }"
    if isinstance(step, Reset):
        return "reset", "true"
    return "view", toml_string(step.name)


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, apart from DEL, which TOML wants escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


# -- the built-in lesson ------------------------------------------------------------------------
DEFAULT_LESSON = Lesson(
    title="Why L1 makes weights exactly zero, and L2 only shrinks them",
    loop=True,
    steps=(
        View("main"),
        Change(penalty="none"),
        Reset(),
        Caption("No penalty: plain least squares, the weights move from 0 to the best fit"),
        Run(45),
        Change(penalty="l2"),
        Caption(
            "L2 pulls each weight towards 0 with 2·lam·w: the pull fades as the weight nears 0, "
            "so it holds no weight at exactly 0"
        ),
        Run(90),
        Caption(""),
        Pause(45),
        Change(penalty="l1"),
        Caption(
            "L1's pull keeps its size lam all the way to 0: where the data's pull at w = 0 is at "
            "most lam, 0 is the best value and the prox step lands on it"
        ),
        Run(90),
        Caption(""),
        Pause(60),
        View("geometry"),
        Change(penalty="l2"),
        Reset(),
        Caption("Two weights: L2's level set is a circle, with no corners on the axes"),
        Run(60),
        Change(penalty="l1"),
        Caption("L1's level set is a diamond whose corners lie on the axes, where a weight is 0"),
        Run(60),
        Caption(""),
        Pause(60),
        View("forces"),
        Caption("Each weight's data pull at w = 0 against lam: within lam, 0 is its best value"),
        Pause(60),
        Caption(""),
        Pause(60),
        View("zero"),
        Caption(
            "One weight, the others held: the kink of lam·|w| at 0 catches the minimum "
            "whenever the data's pull at 0 is within lam"
        ),
        Pause(60),
        Caption(""),
        Pause(60),
        View("path"),
        Caption("The path: every weight as lam falls from lam_max, where L1 has them all at 0"),
        Pause(60),
        Caption(""),
        Pause(60),
        Change(penalty="l2"),
        Pause(90),
    ),
)
"""The built-in storyboard: L2 then L1 on the main view within 18 s at 15 frames/s and one step a
frame, then the geometry, forces, zero and path views, and round again. Each scene's caption
states the mechanism, true on any data; the scene after it has none, so the live caption says
what this run shows (``l1l2-tui lesson`` prints it as TOML, a start for writing your own)."""
