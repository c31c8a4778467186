"""Lesson files: TOML read with the standard library's ``tomllib`` and checked, and lessons
written back as TOML (the format is in :mod:`l1l2_tui.lesson`'s docstring)."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from pathlib import Path

from l1l2_tui.engine.files import FileProblem, control_character, describe_character, read_text_file
from l1l2_tui.engine.problems import DATASETS
from l1l2_tui.engine.settings import SETTINGS
from l1l2_tui.lesson.model import (
    Caption,
    Change,
    Lesson,
    LessonStep,
    Pause,
    Reset,
    Run,
    View,
)
from l1l2_tui.views import VIEW_NAMES


class LessonError(ValueError):
    """A lesson file that cannot be read or played; the message names file, step and key."""


# -- reading ------------------------------------------------------------------------------------
TOP_KEYS = ("title", "loop", "dataset", "digit", "step")
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
    dataset = data.get("dataset")
    if dataset is not None and dataset not in DATASETS:
        raise fail("dataset", f"{dataset!r} is not one of {', '.join(DATASETS)}")
    digit = data.get("digit")
    if digit is not None:
        if dataset != "digits":
            raise fail("digit", 'only for dataset = "digits"')
        whole = isinstance(digit, int) and not isinstance(digit, bool)
        if digit != "ge5" and not (whole and 0 <= digit <= 9):
            raise fail("digit", f'must be a digit 0 to 9 or "ge5", not {digit!r}')
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
    return Lesson(title, tuple(steps), loop, dataset, digit)


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
        steps.append(View(choice(scene["view"], VIEW_NAMES, "view")))
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
    if lesson.dataset is not None:
        lines.append(f"dataset = {toml_string(lesson.dataset)}")
    if lesson.digit is not None:
        digit = lesson.digit
        lines.append(f"digit = {toml_string(digit) if isinstance(digit, str) else digit}")
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
