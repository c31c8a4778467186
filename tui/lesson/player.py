"""Plays a lesson a frame at a time: each frame, the commands the view on screen carries out.

The player owns no clock and touches no screen: the screen's timer asks :meth:`LessonPlayer.frame`
for a frame's commands and carries them out through the same path as the keys, with the same
checks (a lesson's ``set penalty`` on the compare view is refused as the ``l`` key is). The same
lesson and steps per frame always give the same frames, whatever the frame rate.
"""

from __future__ import annotations

from dataclasses import dataclass

from l1l2_tui.lesson.model import Caption, Change, Lesson, Pause, Reset, Run, View


@dataclass(frozen=True)
class Advance:
    """Take ``steps`` engine steps."""

    steps: int


Command = Advance | Change | Reset | View
"""What a lesson asks of the view on screen; a :class:`View` ends the frame."""


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

    def frame(self, steps_per_frame: int | None = None) -> list[Command]:
        """The commands of the next frame, in order.

        ``steps_per_frame``, when given, is the speed now (the ``]`` and ``[`` keys change it)."""
        if steps_per_frame is not None:
            self.steps_per_frame = steps_per_frame
        if self.finished:
            return []
        self.frames_played += 1
        commands: list[Command] = []
        for _ in range(2 * len(self.lesson.steps) + 1):
            if self._index >= len(self.lesson.steps):
                if not self.loop:
                    self.finished = True
                    return commands
                self._index = 0
            step = self.lesson.steps[self._index]
            if isinstance(step, Run | Pause):
                if self._left == 0:
                    self._left = step.steps if isinstance(step, Run) else step.frames
                if isinstance(step, Run):
                    taken = min(self.steps_per_frame, self._left)
                    commands.append(Advance(taken))
                    self._left -= taken
                else:
                    self._left -= 1
                if self._left == 0:
                    self._index += 1
                return commands
            self._index += 1
            if isinstance(step, Caption):
                self.caption = step.text
            elif isinstance(step, View):
                self.caption = self._scene_caption()
                commands.append(step)
                return commands
            else:
                commands.append(step)
        return commands

    def _scene_caption(self) -> str:
        """The caption of the scene a view change opens, so that it comes up with the view: the
        next caption before the scene runs or pauses, else the caption now."""
        for step in self.lesson.steps[self._index :]:
            if isinstance(step, Run | Pause | View):
                break
            if isinstance(step, Caption):
                return step.text
        return self.caption
