"""Lessons: storyboards that drive the app (``l1l2-tui demo --lesson``), by themselves or paced
by a lecturer's keys.

A lesson is data: a title, a tuple of steps grouped in scenes, and whether to start again at the
end. Each step is one of the kinds in :data:`LessonStep`: :class:`Run` the engine N steps (shown
a frame at a time at the app's steps per frame), :class:`Pause` N frames, show a
:class:`Caption`, :class:`Change` settings mid-run, set lam as a :class:`LamRatio` of lam_max,
:class:`Reset` the run, switch the :class:`View`, set a view's :class:`ViewState` (the geometry
view's pair, the zero view's weight and units, what the compare view's runs differ in), or
:class:`Wait` for the lecturer. Lengths are counted in engine steps and frames, never in
seconds, so a lesson plays the same at any pace.

The file format is TOML, read with the standard library's ``tomllib``. Each ``[[step]]`` table
is a scene; its keys are applied in a fixed order, whatever their order in the file::

    title = "Why L1 zeros weights"    # required
    loop = true                       # optional, default false: start again after the last scene
    dataset = "toy2d"                 # optional: the built-in data set the lesson plays on

    [[step]]
    view = "geometry"                 # main, or a view: geometry, forces, path, compare, zero
    pair = [1, 2]                     # the geometry view's two weights
    set = { penalty = "l2" }          # training settings, checked as engine.Settings checks them
    lam_ratio = 0.3                   # lam = 0.3 x lam_max
    reset = true                      # w = 0 at step 0, settings kept
    caption = "L2 only shrinks"       # shown until the next caption; "" clears it
    run = 120                         # engine steps; or pause = N frames
    wait = true                       # then hold until the lecturer presses PageDown or >

Every key, what it takes and what it does, is declared once in :mod:`l1l2_tui.lesson.keys`
(``l1l2-tui lesson --keys`` prints the table). Lessons ship with the package too
(:data:`SHIPPED_LESSONS`, ``l1l2-tui demo --lesson digits``): TOML files in this folder, read
like any other.

Every mistake raises :class:`LessonError` naming the file, the step (numbered from 1 in the order
of the ``[[step]]`` tables) and the key; TOML syntax errors give the line and column. A lesson must
run, pause or wait somewhere, or it would never move on. The title and captions are plain text:
no control characters, at most :data:`MAX_TEXT` characters. The file must be a regular UTF-8 file
of at most :data:`MAX_LESSON_BYTES`.
"""

from l1l2_tui.lesson.builtin import DEFAULT_LESSON, SHIPPED_LESSONS, shipped_lesson
from l1l2_tui.lesson.keys import MAX_TEXT
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
    step_frames,
)
from l1l2_tui.lesson.toml import (
    MAX_LESSON_BYTES,
    LessonError,
    format_lesson,
    lesson_from_data,
    load_lesson,
    parse_lesson,
)

__all__ = [
    "DEFAULT_LESSON",
    "MAX_LESSON_BYTES",
    "MAX_TEXT",
    "SHIPPED_LESSONS",
    "Caption",
    "Change",
    "LamRatio",
    "Lesson",
    "LessonError",
    "LessonStep",
    "Pause",
    "Reset",
    "Run",
    "View",
    "ViewState",
    "Wait",
    "format_lesson",
    "lesson_from_data",
    "load_lesson",
    "parse_lesson",
    "shipped_lesson",
    "step_frames",
]
