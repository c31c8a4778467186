"""Play the app headless, a frame at a time, and hand each frame's terminal output on.

No frame timer runs (:class:`FrameClockApp`): the recorder plays frame ``k`` itself (one tick of
the screen on show, as the timer would play it), presses the keys the script has for ``k``, lets
the app finish what that started (messages, a new screen's mounting, the path's worker thread),
and encodes the screen. Whatever the app would do later in real time happens here before the
frame is taken, so a frame depends on the frame counter alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from io import StringIO

from rich.console import Console
from textual.pilot import Pilot
from textual.strip import Strip

from l1l2_tui.app import L1L2App
from l1l2_tui.config import AppConfig
from l1l2_tui.engine import Session
from l1l2_tui.record.frame_clock_app import FrameClockApp, check_keys
from l1l2_tui.record.frame_encoder import COLOR_SYSTEMS, FrameEncoder
from l1l2_tui.record.key_script import keys_in
from l1l2_tui.views.computation import Computation, threads_running
from l1l2_tui.views.run_screen import RunScreen

MAX_SETTLE_ROUNDS = 50
COMPUTATION_POLL = 0.005
"""Seconds between looks at a view's computation thread while a frame waits for it."""
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class RecordingStopped(Exception):
    """A signal stopped the recording; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"stopped by signal {signum}")
        self.signum = signum


class RecordingCrash(RuntimeError):
    """The app stopped on an internal error while being recorded; ``details`` is its
    traceback."""

    def __init__(self, details: str) -> None:
        super().__init__("the app stopped on an internal error while being recorded")
        self.details = details


@dataclass(frozen=True)
class Recording:
    """What to record: the app's options, the terminal's size (columns, rows), the last frame
    (``None``: until the app ends, or the run is paused with no key left to press), the keys by
    frame, and the colour system (a key of :data:`COLOR_SYSTEMS`)."""

    config: AppConfig
    size: tuple[int, int] = (120, 40)
    last_frame: int | None = None
    keys: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    colors: str = "truecolor"


def expected_frames(recording: Recording) -> int:
    """How many frames the recording should take, for its progress: its last frame, or one pass
    of its lesson."""
    if recording.last_frame is not None:
        return max(recording.last_frame, 1)
    lesson = recording.config.lesson
    return max(lesson.total_frames(recording.config.speed), 1) if lesson is not None else 1


def record(
    recording: Recording,
    session: Session,
    on_frame: Callable[[int, str], None],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Play ``recording`` on ``session``; call ``on_frame(k, output)`` for each frame taken (the
    output that turns frame ``k - 1`` into frame ``k``; frame 0 whole) and ``progress(k)`` after
    it. Return the frame the recording ended on (the last frame, or the one the app ended on).

    Raises :class:`KeyScriptError` for a key the app does not take, :class:`RecordingCrash` if the
    app stops on an internal error, and whatever ``on_frame`` raises."""
    return asyncio.run(record_async(recording, session, on_frame, progress))


async def record_async(
    recording: Recording,
    session: Session,
    on_frame: Callable[[int, str], None],
    progress: Callable[[int], None] | None = None,
) -> int:
    """:func:`record`, in the running event loop. SIGINT or SIGTERM ends it after the frame in
    hand with :class:`RecordingStopped`."""
    signals: list[int] = []
    with _signals_noted(signals):
        app = FrameClockApp(recording.config, session)
        check_keys(app, keys_in(recording.keys))
        # As in L1L2App.run: Textual prints an unhandled error to error_console.
        errors = StringIO()
        app.error_console = Console(file=errors, color_system=None, width=120, markup=False)
        frames = FrameLoop(app, recording, on_frame, progress, signals)
        ended: list[int] = []

        async def play(pilot: Pilot[None]) -> None:
            ended.append(await frames.play(pilot))
            app.exit()

        if not signals:
            await app.run_async(headless=True, size=recording.size, auto_pilot=play)
    if signals:
        raise RecordingStopped(signals[0])
    if errors.getvalue() or not ended:
        raise RecordingCrash(errors.getvalue() or f"return code {app.return_code}")
    return ended[0]


@contextlib.contextmanager
def _signals_noted(signals: list[int]) -> Iterator[None]:
    """While inside, SIGINT and SIGTERM are added to ``signals`` rather than acted on (in the
    main thread on POSIX, where the event loop can take signals)."""
    loop = asyncio.get_running_loop()
    taken = []
    if os.name == "posix" and threading.current_thread() is threading.main_thread():
        for signum in STOP_SIGNALS:
            loop.add_signal_handler(signum, signals.append, signum)
            taken.append(signum)
    try:
        yield
    finally:
        for signum in taken:
            loop.remove_signal_handler(signum)


@dataclass
class FrameLoop:
    """Plays the frames of a recording in the running app and hands each one on."""

    app: FrameClockApp
    recording: Recording
    on_frame: Callable[[int, str], None]
    progress: Callable[[int], None] | None = None
    signals: list[int] = field(default_factory=list)
    """Stop signals received: the loop ends after the frame in hand."""

    async def play(self, pilot: Pilot[None]) -> int:
        """Play every frame; the frame it ended on."""
        app, recording = self.app, self.recording
        encoder = FrameEncoder(COLOR_SYSTEMS[recording.colors])
        last_key = max(recording.keys, default=-1)
        frame = 0
        while not self.signals:
            if frame:
                app.start_frame(frame)
                if isinstance(app.screen, RunScreen):
                    app.screen.play_frame()
            for key in recording.keys.get(frame, ()):
                if app.return_code is not None:
                    break
                await pilot.press(key)
            if app.return_code is not None:
                return frame  # the lesson ended (--once), or a key quit
            await settle(pilot)
            self.on_frame(frame, encoder.encode(screen_lines(app)))
            if self.progress is not None:
                self.progress(frame)
            if recording.last_frame is None:
                if not app.control.running and frame >= last_key:
                    return frame  # paused, and no key left to play it again
            elif frame >= recording.last_frame:
                return frame
            frame += 1
        return frame


async def settle(pilot: Pilot[None]) -> None:
    """Let the app finish what a frame started: every message it queued, a screen that opened
    (until the screens and their widgets stop changing), the workers it started and the views'
    computations (the path and its cross-validation, even one started by the last round's
    messages), what they posted, and the screen's layout and repaint."""
    app = pilot.app
    before: object = None
    for _ in range(MAX_SETTLE_ROUNDS):
        await app.workers.wait_for_complete()
        while computing(app):
            await asyncio.sleep(COMPUTATION_POLL)  # the app takes the results meanwhile
        await pilot.pause(0)
        now = (tuple(map(id, app.screen_stack)), sum(1 for _ in app.screen.walk_children()))
        done = all(worker.is_finished for worker in app.workers) and not computing(app)
        if now == before and done:
            return
        before = now


def computing(app: L1L2App) -> bool:
    """Whether a view's computation (:mod:`l1l2_tui.views.computation`) still runs in its
    thread, or its result is on its way to the view: it belongs to this frame, whenever the
    machine lets it finish."""
    if threads_running():
        return True
    nodes = (node for screen in app.screen_stack for node in (screen, *screen.walk_children()))
    return any(
        isinstance(getattr(node, "computation", None), Computation) and node.computation.running
        for node in nodes
    )


def screen_lines(app: L1L2App) -> list[Strip]:
    """The screen's lines, composed as :meth:`textual.app.App.export_screenshot` composes them
    (Textual 8.2): the screen on top over the screens it lets show through."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return [Strip.join(line) for line in update.strips]  # type: ignore[union-attr]
