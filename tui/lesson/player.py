"""Plays a lesson a frame at a time: each frame, the commands the view on screen carries out.

The player owns no clock and touches no screen: the screen's timer asks :meth:`LessonPlayer.frame`
for a frame's commands and carries them out through the same path as the keys, with the same
checks (a lesson's ``set penalty`` on the compare view is refused as the ``l`` key is). The same
lesson and steps per frame always give the same frames, whatever the frame rate.

A lecturer paces it by scenes: :meth:`LessonPlayer.skip_scene` plays the rest of the scene at
once (its runs in one go, its pauses and wait dropped), and the stage saves its state as each
scene starts (:class:`SceneStart`), so that going back restores a scene exactly and
:meth:`LessonPlayer.seek` puts the player back where that scene started.
"""

from __future__ import annotations

from dataclasses import dataclass

from l1l2_tui.lesson.model import (
    Caption,
    Change,
    LamRatio,
    Lesson,
    Pause,
    Reset,
    Run,
    View,
    ViewState,
    Wait,
)


@dataclass(frozen=True)
class Advance:
    """Take ``steps`` engine steps."""

    steps: int


@dataclass(frozen=True)
class SceneStart:
    """The lesson reaches the start of scene ``index`` (from 0), at ``position``: the stage
    saves its state, to come back to it there."""

    index: int
    position: Position


Command = Advance | Change | LamRatio | Reset | View | ViewState | SceneStart
"""What a lesson asks of the view on screen; a :class:`View` ends the frame."""


@dataclass(frozen=True)
class Position:
    """Where a player is in its lesson: what :meth:`LessonPlayer.seek` puts back."""

    index: int
    left: int
    caption: str
    scene: int
    frames_played: int


class LessonPlayer:
    """``frame()`` plays the lesson's instant steps (captions, settings, resets) up to the next
    run or pause, then one frame of that: ``steps_per_frame`` engine steps, or one held frame.
    A view change ends the frame, so the next frame plays on the new view. A :class:`Wait`
    holds the lesson (``waiting``) until :meth:`skip_scene`, when ``hold_waits``; no one
    drives a recording, so there it is passed over."""

    def __init__(
        self,
        lesson: Lesson,
        steps_per_frame: int = 1,
        loop: bool | None = None,
        hold_waits: bool = True,
    ) -> None:
        self.lesson = lesson
        self.steps_per_frame = steps_per_frame
        self.loop = lesson.loop if loop is None else loop
        self.hold_waits = hold_waits
        self.caption = ""
        self.finished = False
        self.waiting = False
        """A wait scene is over and holds until the lecturer asks for the next scene."""
        self.skipping = False
        """The rest of the scene plays at once, and the next is set up (:meth:`skip_scene`)."""
        self.frames_played = 0
        self.scene = 0
        """The scene playing (from 0): the last one whose start was reached."""
        self._index = 0
        self._left = 0
        self._announced: int | None = None
        self._arrived = False

    @property
    def scene_count(self) -> int:
        return len(self.lesson.scene_starts)

    def position(self) -> Position:
        return Position(self._index, self._left, self.caption, self.scene, self.frames_played)

    def seek(self, position: Position) -> None:
        """Go back (or forward) to ``position``, as :meth:`position` gave it."""
        self._index, self._left = position.index, position.left
        self.caption, self.scene = position.caption, position.scene
        self.frames_played = position.frames_played
        self._announced = position.index
        self.finished = self.waiting = self.skipping = self._arrived = False

    def skip_scene(self) -> None:
        """Play the rest of the scene at once from the next frame: its runs in one go, its
        pauses and its wait dropped; then set up the next scene (its view, settings, caption)
        up to its run, pause or wait, or end the lesson."""
        if not self.finished:
            self.waiting = False
            self.skipping = True

    def set_up(self, opens_on: str) -> list[Command]:
        """Before the first frame, on the view ``opens_on`` (where the app opens): the lesson's
        first instant steps (its settings, caption, reset) up to its first run, pause or wait,
        so that the first frame drawn is already the lesson's, not the run's options before it.
        A view to go to first is left for the first frame, which brings it up."""
        if self.frames_played or self._index:
            return []
        return self._play(opens_on)

    def frame(self, steps_per_frame: int | None = None) -> list[Command]:
        """The commands of the next frame, in order.

        ``steps_per_frame``, when given, is the speed now (the ``]`` and ``[`` keys change it)."""
        if steps_per_frame is not None:
            self.steps_per_frame = steps_per_frame
        if self.finished or self.waiting:
            return []
        self.frames_played += 1
        return self._play(None)

    def _play(self, opens_on: str | None) -> list[Command]:
        """A frame's commands; with ``opens_on``, the set-up before the first (:meth:`set_up`)."""
        setting_up = opens_on is not None
        steps, starts = self.lesson.steps, self.lesson.scene_starts
        commands: list[Command] = []
        for _ in range(3 * len(steps) + 1):
            if self._index >= len(steps):
                if not self.loop:
                    self.finished, self.skipping = True, False
                    return commands
                self._index = 0
            if self._left == 0 and self._index in starts and self._announced != self._index:
                scene = starts.index(self._index)
                self._arrived = self.skipping and scene != self.scene
                self.scene = scene
                self._announced = self._index
                commands.append(SceneStart(scene, self.position()))
            step = steps[self._index]
            if setting_up and isinstance(step, Run | Pause | Wait):
                return commands
            if self._arrived and isinstance(step, Run | Pause | Wait):
                # The next scene is set up (its view, settings, caption): it plays from here.
                self.skipping = self._arrived = False
                return commands
            if isinstance(step, Run | Pause):
                if self.skipping:
                    left = self._left or (step.steps if isinstance(step, Run) else 0)
                    if left:
                        commands.append(Advance(left))
                    self._left = 0
                    self._index += 1
                    continue
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
            elif isinstance(step, Wait):
                if self.hold_waits and not self.skipping:
                    self.waiting = True
                    return commands
            elif isinstance(step, View):
                if setting_up and step.name != opens_on:
                    self._index -= 1  # the first frame brings it up
                    return commands
                self.caption = self._scene_caption()
                if setting_up:
                    continue  # already on screen: no frame to bring it up
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
