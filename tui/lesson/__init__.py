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
    dataset = "digits"                # optional: the built-in data set the lesson plays on
                                      #   (synthetic, diabetes, toy2d or digits), for captions
                                      #   that speak of that data; default: the run's data
    digit = 0                         # optional, with dataset = "digits": 0 to 9 or "ge5"

    [[step]]
    view = "main"                     # main, or a view: geometry, forces, path, compare, zero
    set = { penalty = "l2" }          # any settings of engine.Settings, as checked there: penalty
                                      #   (l1, l2, elasticnet, none, lp, l0), lam (>= 0), l1_ratio
                                      #   (0..1), p (lp's power, in (0, 2]),
                                      #   optimizer (proximal, subgradient, fista, sgd, sgd-clip,
                                      #   sgd-prox, sgd-cumulative, adam, adam-decoupled,
                                      #   adam-prox, cd), lr (> 0), batch (a whole
                                      #   number >= 1), schedule (constant, invsqrt), shuffle_seed
    reset = true                      # w = 0 at step 0, settings kept; only `true` is allowed
    caption = "L2 only shrinks"       # shown until the next caption; "" clears it
    run = 120                         # engine steps (an integer >= 1)

    [[step]]
    pause = 45                        # frames to hold (an integer >= 1)

Lessons ship with the package too (:data:`SHIPPED_LESSONS`, ``l1l2-tui demo --lesson digits``):
TOML files in this folder, read like any other.

Every mistake raises :class:`LessonError` naming the file, the step (numbered from 1 in the order
of the ``[[step]]`` tables) and the key; TOML syntax errors give the line and column. A lesson must
run or pause somewhere, or it would never move on. The title and captions are plain text: no
control characters, at most :data:`MAX_TEXT` characters. The file must be a regular UTF-8 file
of at most :data:`MAX_LESSON_BYTES`.
"""

from l1l2_tui.lesson.builtin import DEFAULT_LESSON, SHIPPED_LESSONS, shipped_lesson
from l1l2_tui.lesson.model import (
    Caption,
    Change,
    Lesson,
    LessonStep,
    Pause,
    Reset,
    Run,
    View,
    step_frames,
)
from l1l2_tui.lesson.toml import (
    MAX_LESSON_BYTES,
    MAX_TEXT,
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
    "Lesson",
    "LessonError",
    "LessonStep",
    "Pause",
    "Reset",
    "Run",
    "View",
    "format_lesson",
    "lesson_from_data",
    "load_lesson",
    "parse_lesson",
    "shipped_lesson",
    "step_frames",
]
