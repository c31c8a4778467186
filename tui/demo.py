"""Plays a lesson a frame at a time on whichever view is on screen.

The player owns no clock: the screen's timer calls :meth:`LessonPlayer.frame` once a frame, so
the same lesson and steps per frame always give the same frames, whatever the frame rate.
"""

from __future__ import annotations

from typing import Protocol

from tui.lesson import Caption, Change, Lesson, Pause, Reset, Run, View


class Stage(Protocol):
    """What a lesson acts on: the view on screen."""

    def advance(self, steps: int) -> None: ...

    def change(self, **settings: object) -> None: ...

    def action_reset(self) -> None: ...


class LessonPlayer:
    """``frame()`` plays the lesson's instant steps (captions, settings, resets) up to the next
    run or pause, then one frame of that: ``steps_per_frame`` engine steps, or one held frame.
    A view change ends the frame, so the next frame plays on the new view."""

    def __init__(self, lesson: Lesson, steps_per_frame: int = 1, loop: bool | None = None) -> None:
        self.lesson = lesson
        self.steps_per_frame = steps_per_frame
        self.loop = lesson.loop if loop is None else loop
        self.caption = ""
        self.finished = False
        self.frames_played = 0
        self._index = 0
        self._left = 0

    def frame(self, stage: Stage, steps_per_frame: int | None = None) -> str | None:
        """Play one frame on ``stage``; returns the view to switch to, if the lesson says so.

        ``steps_per_frame``, when given, is the speed now (the ``]`` and ``[`` keys change it)."""
        if steps_per_frame is not None:
            self.steps_per_frame = steps_per_frame
        if self.finished:
            return None
        self.frames_played += 1
        for _ in range(2 * len(self.lesson.steps) + 1):
            if self._index >= len(self.lesson.steps):
                if not self.loop:
                    self.finished = True
                    return None
                self._index = 0
            step = self.lesson.steps[self._index]
            if isinstance(step, Run | Pause):
                if self._left == 0:
                    self._left = step.steps if isinstance(step, Run) else step.frames
                if isinstance(step, Run):
                    taken = min(self.steps_per_frame, self._left)
                    stage.advance(taken)
                    self._left -= taken
                else:
                    self._left -= 1
                if self._left == 0:
                    self._index += 1
                return None
            self._index += 1
            if isinstance(step, Caption):
                self.caption = step.text
            elif isinstance(step, Change):
                stage.change(**step.changes())
            elif isinstance(step, Reset):
                stage.action_reset()
            elif isinstance(step, View):
                self.caption = self._scene_caption()
                return step.name
        return None

    def _scene_caption(self) -> str:
        """The caption of the scene a view change opens, so that it comes up with the view: the
        next caption before the scene runs or pauses, else the caption now."""
        for step in self.lesson.steps[self._index :]:
            if isinstance(step, Run | Pause | View):
                break
            if isinstance(step, Caption):
                return step.text
        return self.caption
