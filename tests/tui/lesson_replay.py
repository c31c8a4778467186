"""A lesson's main-screen scenes played on the engine alone, to check what its captions say."""

from __future__ import annotations

from collections.abc import Iterator

from l1l2_tui.engine import Session
from l1l2_tui.lesson import Change, Lesson, Reset, Run, View


def main_scene_runs(lesson: Lesson, session: Session) -> Iterator[Session]:
    """``session`` after each run step of ``lesson``, its changes and resets applied, up to the
    first step that opens another view."""
    for step in lesson.steps:
        if isinstance(step, View) and step.name != "main":
            return
        if isinstance(step, Change):
            session.update(**step.changes())
        elif isinstance(step, Reset):
            session.reset()
        elif isinstance(step, Run):
            session.step(step.steps)
            yield session
