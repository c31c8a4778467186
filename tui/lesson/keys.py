"""Every key a lesson file may hold, declared once: what it takes, what it does and how it is
read. The TOML reader checks a file against these tables and words its errors from them,
``l1l2-tui lesson --keys`` prints them, and the README's table is :func:`keys_table`."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from l1l2_tui.engine.compare import DIFFERENCES
from l1l2_tui.engine.data_limits import MAX_FEATURES
from l1l2_tui.engine.files import control_character, describe_character
from l1l2_tui.engine.problems import DATASETS
from l1l2_tui.engine.settings import SETTINGS, Setting
from l1l2_tui.lesson.model import (
    Caption,
    Change,
    LamRatio,
    LessonStep,
    Pause,
    Reset,
    Run,
    View,
    ViewState,
    Wait,
)
from l1l2_tui.views import VIEW_NAMES

MAX_TEXT = 1000
"""The longest title or caption, in characters."""
UNITS = (1, 10, 100)
"""The target's units the zero view shows: as given, 10 and 100 times smaller (its ``u`` key)."""


class SceneError(Exception):
    """A key of a lesson file with a value that cannot be played: ``key`` and what is wrong."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}")
        self.key, self.problem = key, problem


class LessonKey(NamedTuple):
    """One key: its ``name``, the values it ``takes``, what it ``does``, and ``read``, which
    turns a value from the file into what the lesson holds or raises :class:`SceneError`."""

    name: str
    takes: str
    does: str
    read: Callable[[object], object]


# -- checks shared by the keys ---------------------------------------------------------------
def plain_text(text: object, key: str) -> str:
    """``text`` if it is a string fit to print on a terminal: no control characters (which
    could move the cursor or clear the screen), at most :data:`MAX_TEXT` characters."""
    if not isinstance(text, str):
        raise SceneError(key, f"must be a string, not {text!r}")
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


def checked(spec: Setting, key: str) -> Callable[[object], object]:
    """A reader that checks a value as ``spec`` does."""

    def read(value: object) -> object:
        try:
            return spec.check(value)
        except ValueError as exc:
            raise SceneError(key, str(exc)) from None

    return read


def only_true(key: str, step: LessonStep) -> Callable[[object], LessonStep]:
    def read(value: object) -> LessonStep:
        if value is not True:
            raise SceneError(key, f"must be true (leave it out for no {key}), not {value!r}")
        return step

    return read


# -- a scene's keys ----------------------------------------------------------------------------
def read_change(table: object) -> Change:
    names = ", ".join(SETTINGS)
    if not isinstance(table, dict) or not table:
        raise SceneError("set", f'must be a table of {names}, e.g. {{ penalty = "l1" }}')
    unknown = [key for key in table if key not in SETTINGS]
    if unknown:
        raise SceneError(f"set.{unknown[0]}", f"unknown setting; expected {names}")
    return Change(
        **{name: checked(SETTINGS[name], f"set.{name}")(value) for name, value in table.items()}
    )


def read_pair(value: object) -> ViewState:
    whole = isinstance(value, list) and all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in value
    )
    if not whole or len(value) != 2 or value[0] == value[1]:  # type: ignore[arg-type]
        problem = f"must be two different weight numbers, e.g. [1, 2], not {value!r}"
        raise SceneError("pair", problem)
    return ViewState("pair", (value[0], value[1]))  # type: ignore[index]


def read_units(value: object) -> ViewState:
    if isinstance(value, bool) or value not in UNITS:
        raise SceneError("units", f"must be one of {', '.join(map(str, UNITS))}, not {value!r}")
    return ViewState("units", float(value))  # type: ignore[arg-type]


LAM_RATIO = Setting("", low=0.0, high=10.0)
"""lam_ratio: from 0 (no penalty's pull) to 10 lam_max."""


def read_lam_ratio(value: object) -> LamRatio:
    return LamRatio(checked(LAM_RATIO, "lam_ratio")(value))  # type: ignore[arg-type]


VIEW_STATE_OF = {"pair": "geometry", "weight": "zero", "units": "zero", "compare": "compare"}
"""The view whose state each view-state key sets: a scene sets it on that view only."""

SCENE_KEYS: tuple[LessonKey, ...] = (
    LessonKey(
        "view",
        " | ".join(VIEW_NAMES),
        "the view the scene plays on",
        lambda value: View(choice(value, VIEW_NAMES, "view")),
    ),
    LessonKey(
        "pair",
        "[i, j]",
        "geometry view: the two weights in the plane (as `f` steps through them)",
        read_pair,
    ),
    LessonKey(
        "weight",
        "a whole number >= 1",
        "zero view: the weight it shows (as `f` does)",
        lambda value: ViewState("weight", count(value, "weight")),
    ),
    LessonKey(
        "units",
        " | ".join(map(str, UNITS)),
        "zero view: the target in units that many times smaller (as `u` does)",
        read_units,
    ),
    LessonKey(
        "compare",
        " | ".join(DIFFERENCES),
        "compare view: what its two runs differ in (as `v` does), both from w = 0",
        lambda value: ViewState("compare", choice(value, tuple(DIFFERENCES), "compare")),
    ),
    LessonKey(
        "set",
        "{ " + ", ".join(SETTINGS) + " }",
        "training settings, as the keys change them (weights and step kept)",
        read_change,
    ),
    LessonKey(
        "lam_ratio",
        LAM_RATIO.bounds(),
        "lam as a fraction of lam_max, the smallest lam at which L1 holds every weight at 0",
        read_lam_ratio,
    ),
    LessonKey("reset", "true", "w = 0 at step 0, settings kept", only_true("reset", Reset())),
    LessonKey(
        "caption",
        f"text, at most {MAX_TEXT} characters",
        'shown under the plots until the next caption; "" gives the line back to the run',
        lambda value: Caption(plain_text(value, "caption")),
    ),
    LessonKey(
        "run",
        "a whole number >= 1",
        "engine steps, shown a frame at a time",
        lambda value: Run(count(value, "run")),
    ),
    LessonKey(
        "pause",
        "a whole number >= 1",
        "frames to hold still",
        lambda value: Pause(count(value, "pause")),
    ),
    LessonKey(
        "wait",
        "true",
        "hold at the end of the scene until the lecturer presses PageDown or >",
        only_true("wait", Wait()),
    ),
)
"""A ``[[step]]`` table's keys, in the order a scene applies them whatever the file's order;
``run`` and ``pause`` exclude each other."""


def setting_key(name: str, spec: Setting, does: str) -> LessonKey:
    """A key whose values ``spec`` checks, and says what they may be."""
    return LessonKey(name, spec.bounds(), does, checked(spec, name))


DATA_KEYS: tuple[LessonKey, ...] = (
    setting_key("samples", Setting("", low=3, high=1_000_000, integer=True), "synthetic: rows"),
    setting_key(
        "features", Setting("", low=1, high=MAX_FEATURES, integer=True), "synthetic: features"
    ),
    setting_key(
        "informative",
        Setting("", low=1, integer=True),
        "synthetic: features with a nonzero true weight",
    ),
    setting_key(
        "noise", Setting("", low=0.0, high=1e6), "synthetic: the noise's standard deviation"
    ),
    setting_key(
        "correlation",
        Setting("", low=-0.99, high=0.99),
        "synthetic: the features' Toeplitz correlation rho",
    ),
    setting_key(
        "seed", Setting("", low=0, integer=True), "generated data (synthetic, toy2d): seed"
    ),
)
"""The data options a lesson may set, for the whole lesson (the data is built once)."""


def read_digit(value: object) -> object:
    whole = isinstance(value, int) and not isinstance(value, bool)
    if value != "ge5" and not (whole and 0 <= value <= 9):  # type: ignore[operator]
        raise SceneError("digit", f'must be a digit 0 to 9 or "ge5", not {value!r}')
    return value


def read_loop(value: object) -> bool:
    if not isinstance(value, bool):
        raise SceneError("loop", f"must be true or false, not {value!r}")
    return value


def read_title(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SceneError("title", "required, a non-empty string")
    return plain_text(value, "title")


TOP_KEYS: tuple[LessonKey, ...] = (
    LessonKey("title", "text (required)", "the lesson's title, on screen as it plays", read_title),
    LessonKey("loop", "true | false", "start again after the last scene (default no)", read_loop),
    LessonKey(
        "dataset",
        " | ".join(DATASETS),
        "the built-in data set the lesson plays on (default: the run's data)",
        lambda value: choice(value, DATASETS, "dataset"),
    ),
    LessonKey("digit", '0 to 9 | "ge5"', "with dataset digits: the digit told apart", read_digit),
    *DATA_KEYS,
    LessonKey("step", "[[step]] tables", "the scenes, in order (keys below)", lambda value: value),
)
"""A lesson file's top-level keys."""


def keys_table() -> str:
    """Every key as a Markdown table: the README's, and ``l1l2-tui lesson --keys``."""
    rows = ["| where | key | takes | does |", "| --- | --- | --- | --- |"]
    for where, keys in (("lesson", TOP_KEYS), ("[[step]]", SCENE_KEYS)):
        for key in keys:
            takes = key.takes.replace("|", "\\|")
            rows.append(f"| {where} | `{key.name}` | {takes} | {key.does} |")
    return "\n".join(rows) + "\n"
