"""The latest things the session reported: weights reaching or leaving exactly 0, switches."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import Static

from l1l2_tui.engine import Event, Session
from l1l2_tui.rendering.palette import Palette, app_palette, hex_color

GROUPED = {"zeroed": "reached 0", "left_zero": "left 0"}
SHOWN = 4


def grouped(
    events: Iterable[Event], names: tuple[str, ...], limit: int = SHOWN
) -> list[tuple[str, str]]:
    """``(kind, message)`` of the newest events, newest first, at most ``limit``, where the
    weights that reached 0 on one step are one item (``"12 weights reached 0 at step 40: p02,
    p06, ..."``, ``names`` the features'), and those that left it another. A minibatch step can
    move twenty weights at once; one a line would show only a few of that step's."""
    newest_first = list(events)[::-1]
    items: list[tuple[str, str]] = []
    i = 0
    while i < len(newest_first) and len(items) < limit:
        step = newest_first[i].step
        same_step: list[Event] = []
        while i < len(newest_first) and newest_first[i].step == step:
            same_step.append(newest_first[i])
            i += 1
        moved = {kind: [e for e in same_step if e.kind == kind] for kind in GROUPED}
        told: set[str] = set()
        for event in same_step:
            group = moved.get(event.kind, [])
            if len(group) < 2:
                items.append((event.kind, event.message))
            elif event.kind not in told:
                told.add(event.kind)
                which = ", ".join(names[e.feature] for e in reversed(group))  # type: ignore[index]
                items.append(
                    (
                        event.kind,
                        f"{len(group)} weights {GROUPED[event.kind]} at step {step}: {which}",
                    )
                )
    return items[:limit]


class EventLine(Static):
    """The newest event first, then as many older ones as fit."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._seen = -1

    def show(self, session: Session) -> None:
        if session.event_count == self._seen:
            return
        self._seen = session.event_count
        styles = event_styles(app_palette(self.app))
        text = Text(" ")
        for i, (kind, message) in enumerate(grouped(session.events, session.problem.feature_names)):
            if i:
                text.append("  ·  ", style="dim")
            text.append(message, style=styles.get(kind, "") if i == 0 else "dim")
        self.update(text, layout=False)


def event_styles(colors: Palette) -> dict[str, str]:
    """The newest event's style by its kind, in the theme's colours."""
    return {
        "zeroed": f"bold {hex_color(colors.held)}",
        "left_zero": hex_color(colors.leaving),
        "diverged": f"bold {hex_color(colors.error)}",
    }
