"""The built-in lesson that `l1l2-tui demo` plays, and the lessons shipped as files beside it."""

from __future__ import annotations

from importlib import resources

from l1l2_tui.lesson.model import Caption, Change, Lesson, Pause, Reset, Run, View

SHIPPED_LESSONS: tuple[str, ...] = (
    "digits",
    "stochastic",
    "p-dial",
    "adam",
    "which-lam",
    "geometry",
    "lecture",
)
"""Lessons shipped as TOML files in this package (``NAME.toml``), picked by name:
``l1l2-tui demo --lesson digits``. ``geometry`` and ``lecture`` wait for a lecturer's key after
each scene."""


def shipped_lesson(name: str) -> Lesson:
    """The shipped lesson ``name`` (one of :data:`SHIPPED_LESSONS`), read and checked like
    any lesson file."""
    # Imported here: the default lesson is built without the TOML reader.
    from l1l2_tui.lesson.toml import parse_lesson

    if name not in SHIPPED_LESSONS:
        raise ValueError(f"no shipped lesson {name!r}; choose one of {', '.join(SHIPPED_LESSONS)}")
    text = resources.files("l1l2_tui.lesson").joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return parse_lesson(text, f"{name}.toml")


DEFAULT_LESSON = Lesson(
    title="Why L1 makes weights exactly zero, and L2 only shrinks them",
    loop=True,
    steps=(
        View("main"),
        # The captions speak of the proximal step: the lesson runs it, whatever --optimizer says.
        Change(penalty="none", optimizer="proximal"),
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
        View("compare"),
        Reset(),
        Caption(
            "L1 (left) and L2 (right), same data, same start: L1 holds a weight at 0 where its "
            "data pull at 0 is within lam; L2 holds none the data pulls on"
        ),
        Run(90),
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
frame, then the geometry, compare, forces, zero and path views, and round again. Each scene's
caption states the mechanism, true on any data; the scene after it has none, so the live caption
says what this run shows (``l1l2-tui lesson`` prints it as TOML, a start for writing your own)."""
