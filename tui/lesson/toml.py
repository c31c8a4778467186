"""Lesson files: TOML read with the standard library's ``tomllib`` and checked, and lessons
written back as TOML (the format is in :mod:`l1l2_tui.lesson`'s docstring)."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from pathlib import Path

from l1l2_tui.engine.files import FileProblem, read_text_file
from l1l2_tui.lesson.keys import (
    DATA_KEYS,
    SCENE_KEYS,
    TOP_KEYS,
    VIEW_STATE_OF,
    SceneError,
)
from l1l2_tui.lesson.model import (
    Caption,
    Change,
    LamRatio,
    Lesson,
    LessonStep,
    Pause,
    Reset,
    Run,
    View,
    ViewState,
    Wait,
)


class LessonError(ValueError):
    """A lesson file that cannot be read or played; the message names file, step and key."""


# -- reading ------------------------------------------------------------------------------------
SCENE_KEY_NAMES = tuple(key.name for key in SCENE_KEYS)
"""A scene's keys in the order they are applied."""
MAX_LESSON_BYTES = 1_000_000
"""The largest lesson file read: 1 MB, far more than any storyboard needs."""


def load_lesson(path: Path) -> Lesson:
    """Read and check the lesson file at ``path``; raises :class:`LessonError`."""
    try:
        text = read_text_file(path, MAX_LESSON_BYTES, "a lesson file")
    except FileProblem as exc:
        raise LessonError(str(exc)) from None
    return parse_lesson(text, str(path))


def parse_lesson(text: str, source: str) -> Lesson:
    """Parse and check a lesson written in TOML (the format is in :mod:`l1l2_tui.lesson`).

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

    top = {key.name: key for key in TOP_KEYS}
    unknown = [key for key in data if key not in top]
    if unknown:
        raise fail(unknown[0], f"unknown key; expected {', '.join(top)}")
    try:
        given = {name: top[name].read(value) for name, value in data.items() if name != "step"}
        given["title"] = top["title"].read(data.get("title"))
    except SceneError as exc:
        raise fail(exc.key, exc.problem) from None
    if "digit" in given and given.get("dataset") != "digits":
        raise fail("digit", 'only for dataset = "digits"')
    scenes = data.get("step")
    if not isinstance(scenes, list) or not scenes:
        raise fail("step", "a lesson needs at least one [[step]] table")
    steps: list[LessonStep] = []
    starts: list[int] = []
    view = "main"
    for number, scene in enumerate(scenes, start=1):
        if not isinstance(scene, dict):
            raise fail("step", "each step must be a [[step]] table", number)
        try:
            played = scene_steps(scene, view)
        except SceneError as exc:
            raise fail(exc.key, exc.problem, number) from None
        view = next((s.name for s in played if isinstance(s, View)), view)
        starts.append(len(steps))
        steps.extend(played)
    if not any(isinstance(step, Run | Pause | Wait) for step in steps):
        raise fail("step", "the lesson never moves on: add a step with run, pause or wait")
    data_options = tuple((key.name, given[key.name]) for key in DATA_KEYS if key.name in given)
    return Lesson(
        given["title"],  # type: ignore[arg-type]
        tuple(steps),
        given.get("loop", False),  # type: ignore[arg-type]
        given.get("dataset"),  # type: ignore[arg-type]
        given.get("digit"),  # type: ignore[arg-type]
        data_options,
        tuple(starts),
    )


def scene_steps(scene: Mapping[str, object], view: str = "main") -> list[LessonStep]:
    """The steps of one ``[[step]]`` table, in :data:`SCENE_KEY_NAMES` order; ``view``: the
    view on screen before it (a view's own state is set on that view only)."""
    unknown = [key for key in scene if key not in SCENE_KEY_NAMES]
    if unknown:
        raise SceneError(unknown[0], f"unknown key; expected {', '.join(SCENE_KEY_NAMES)}")
    if not scene:
        raise SceneError("step", f"empty; give one of {', '.join(SCENE_KEY_NAMES)}")
    if "run" in scene and "pause" in scene:
        raise SceneError("pause", "a step either runs or pauses; split it into two steps")
    steps = [key.read(scene[key.name]) for key in SCENE_KEYS if key.name in scene]
    view = next((step.name for step in steps if isinstance(step, View)), view)
    for step in steps:
        if isinstance(step, ViewState) and VIEW_STATE_OF[step.key] != view:
            owner = VIEW_STATE_OF[step.key]
            raise SceneError(
                step.key, f'sets the {owner} view; add view = "{owner}" (this scene is on {view})'
            )
        if isinstance(step, Change) and step.lam is not None and "lam_ratio" in scene:
            raise SceneError("lam_ratio", "give lam in set or lam_ratio, not both")
    return steps  # type: ignore[return-value]


# -- writing ------------------------------------------------------------------------------------
def format_lesson(lesson: Lesson) -> str:
    """The lesson as TOML that :func:`parse_lesson` reads back to an equal :class:`Lesson`.

    Each scene is a ``[[step]]`` table, split where its steps do not follow
    :data:`SCENE_KEY_NAMES` order.
    """
    lines = [f"title = {toml_string(lesson.title)}", f"loop = {str(lesson.loop).lower()}"]
    if lesson.dataset is not None:
        lines.append(f"dataset = {toml_string(lesson.dataset)}")
    if lesson.digit is not None:
        lines.append(f"digit = {toml_value(lesson.digit)}")
    lines += [f"{name} = {toml_value(value)}" for name, value in lesson.data_options]
    scene: dict[str, str] = {}

    def close_scene() -> None:
        if scene:
            lines.extend(["", "[[step]]", *(f"{key} = {value}" for key, value in scene.items())])
            scene.clear()

    order = SCENE_KEY_NAMES.index
    for steps in lesson.scenes:
        for step in steps:
            key, value = step_entry(step)
            ended = ("run" in scene or "pause" in scene) and key != "wait"
            if ended or any(order(k) >= order(key) for k in scene):
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
        items = (f"{key} = {toml_value(value)}" for key, value in step.changes().items())
        return "set", "{ " + ", ".join(items) + " }"
    if isinstance(step, Reset):
        return "reset", "true"
    if isinstance(step, Wait):
        return "wait", "true"
    if isinstance(step, LamRatio):
        return "lam_ratio", repr(step.ratio)
    if isinstance(step, ViewState):
        value = step.value
        if isinstance(value, tuple):
            return step.key, f"[{value[0]}, {value[1]}]"
        return step.key, toml_value(int(value) if isinstance(value, float) else value)
    return "view", toml_string(step.name)


def toml_value(value: object) -> str:
    """A string, number or boolean as TOML writes it."""
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value)


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, apart from DEL, which TOML wants escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
