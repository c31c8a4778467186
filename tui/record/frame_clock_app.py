"""The app on a clock that counts frames, as ``record`` plays it.

No screen runs a frame timer: the recorder plays each frame. A notification stays up for its
timeout counted in frames rather than in seconds, and only keys whose effect depends on nothing
but the frames can be scripted.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import SeverityLevel
from textual.keys import key_to_character

from l1l2_tui import app as app_module
from l1l2_tui.app import L1L2App, bindings_of
from l1l2_tui.config import AppConfig
from l1l2_tui.engine import Session
from l1l2_tui.record.key_script import KeyScriptError
from l1l2_tui.views.help import HelpScreen

LEFT_OUT_KEYS = {
    "s": "it saves a screenshot in the current folder",
    "ctrl+z": "it suspends the process",
    "ctrl+p": "the command palette's cursor blinks in real time",
}
"""Keys of the app a recording does not press, and why."""
WALL_CLOCK_FOREVER = 1e6
"""A notification's timeout in real seconds while the frame clock times it."""


class FrameClockApp(L1L2App):
    """The app on a clock that counts frames: no screen runs a frame timer, and a notification
    stays up for its timeout in frames, not seconds."""

    # Textual reads CSS_PATH beside the module of the class that sets it.
    CSS_PATH = Path(app_module.__file__).with_name(str(L1L2App.CSS_PATH))

    def __init__(self, config: AppConfig, session: Session) -> None:
        super().__init__(config, session)
        self.control.frame_timer = False
        if self.control.player is not None:
            self.control.player.hold_waits = False  # no one at the keys to end a wait
        self.frame = 0
        self._notifications_end: int | None = None

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        seconds = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        self._notifications_end = self.frame + max(1, round(seconds * self.control.fps))
        super().notify(
            message, title=title, severity=severity, timeout=WALL_CLOCK_FOREVER, markup=markup
        )

    def start_frame(self, frame: int) -> None:
        """Set the clock to ``frame``: notifications whose time is up go (together, when the
        last one raised is due)."""
        self.frame = frame
        if self._notifications_end is not None and frame >= self._notifications_end:
            self._notifications_end = None
            self.clear_notifications()

    def keys_to_press(self) -> set[str]:
        """The names of the keys a script may press, and the characters they type."""
        bindings = [binding for _, section in self.key_sections() for binding in section]
        bindings += bindings_of(HelpScreen.BINDINGS)
        names = {name for binding in bindings for name in binding.key.split(",")}
        names -= set(LEFT_OUT_KEYS)
        return names | {char for name in names if (char := key_to_character(name))}


def check_keys(app: FrameClockApp, keys: Iterable[str]) -> None:
    """Raise :class:`KeyScriptError` for a key the app does not take or a recording leaves out."""
    known = app.keys_to_press()
    for key in keys:
        if key in LEFT_OUT_KEYS:
            raise KeyScriptError(f"{key!r} is not pressed in a recording: {LEFT_OUT_KEYS[key]}")
        if key not in known:
            raise KeyScriptError(f"{key!r} is not a key of the app (`?` in the app lists them)")
