"""Frames at the pace the terminal takes them in, so a slow link never holds a key back.

Over a thin SSH line the app can write faster than the link carries: frames queue in Textual's
writer, the pty and the network, and a key's effect waits behind seconds of stale frames. Nothing
on this side sees that queue (a pty reports no bytes pending, and sshd drains it at once), so
the app asks the terminal itself: after each frame the driver writes a device status request
(``ESC[5n``, VT100's DSR), which a terminal answers (``ESC[0n``) once it has read everything
before it (:mod:`l1l2_tui.terminal.paced_driver`). The time from writing a frame to its answer
is what that frame cost the link.

:class:`LinkPacer` keeps the requests in flight and times the link's rate from the answers
(bytes over the time a frame took beyond the round trip). The run screen asks it whether a frame
is due (:meth:`LinkPacer.frame_due`) before drawing the run: a frame goes out while no answer is
overdue (the round trip plus :data:`SLACK`, so a long but wide link still gets a frame a tick)
and the link has had a rest as long as the last frame took to carry; else the frame is dropped,
not queued: the run goes on and the next frame shows it as it is then. Once the rate is known a
frame writes at most :attr:`LinkPacer.frame_budget` bytes (:data:`FRAME_TIME` of the link), the
status line and caption first, and leaves the rest for the next
(:mod:`l1l2_tui.terminal.partial_updates`). A key's frame, which is never held back, so waits
behind at most one frame of that size, and finds the link free at least half the time.

Below :data:`SLOW_RATE`, or with ``--link slow``, the link is slow (:attr:`LinkPacer.slow`) and
the screens send less as well: numbers to fewer figures and colours in fewer shades
(:func:`on_slow_link`), so that fewer cells change from frame to frame and what a frame leaves
catches up sooner.

A terminal that never answers gets its frames unpaced after :data:`GIVE_UP` seconds; until it
answers once, a frame goes out every :data:`UNSURE_INTERVAL` seconds. An answer outstanding for
:data:`LOST_AFTER` seconds is taken as lost.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from textual.widget import Widget

LinkMode = Literal["auto", "slow", "fast"]
"""``auto``: the link's rate decides whether the screens send less; ``slow``: they do from the
start; ``fast``: never (frames still wait for the link)."""
LINK_MODES: tuple[LinkMode, ...] = ("auto", "slow", "fast")
SLOW_LINK = "slow-link"
"""The class a run screen has while the link is slow: its widgets then send less."""
SLACK = 0.02
"""Seconds an answer may come later than the link's round trip before the link counts as
behind."""
SLOW_RATE = 16_000.0
"""Bytes a second below which a link is slow: a frame of the compare view or digits (some 2 KB)
would take over an eighth of a second."""
FAST_RATE = 32_000.0
"""Bytes a second above which a link that was slow counts as fast again."""
RATE_SAMPLE = 2_000
"""Frames of fewer bytes are too small to time the link's rate by (a delay of 50 ms on a busy
machine would make such a frame look like a 40 KB/s link)."""
SAMPLES_TO_DECIDE = 3
"""Rate samples taken before ``auto`` calls a link slow or fast."""
GIVE_UP = 5.0
"""Seconds without any answer after which the terminal is taken not to answer at all."""
LOST_AFTER = 15.0
"""Seconds after which a terminal that has answered before is taken to have lost an answer
(frames would otherwise wait for it for ever)."""
UNSURE_INTERVAL = 1.0
"""Seconds between frames while waiting for the terminal's first answer."""
FRAME_TIME = 0.1
"""Seconds of a slow link one frame may take: a key's frame waits behind at most that."""
MIN_BUDGET = 512
"""The fewest bytes a frame may write on a slow link (a status line and a caption)."""
ASSUMED_SLOW_RATE = 8_000.0
"""Bytes a second taken for ``--link slow`` until the link has been timed."""
EXIT_WAIT = 1.0
"""The longest the app waits, leaving, for the answers still on their way (were it gone, a
shell would read them as typed text)."""


class LinkPacer:
    """What the frames sent so far say of the link, and whether another is due.

    The driver reports each frame's bytes (:meth:`frame_written`, from the app's thread) and
    each answer (:meth:`answered`, from its input thread); the screens ask :meth:`frame_due`
    and :attr:`slow`."""

    def __init__(self, mode: LinkMode = "auto", clock: Callable[[], float] = time.monotonic):
        self.mode = mode
        self._clock = clock
        self._lock = threading.Condition()
        self._in_flight: deque[tuple[float, int]] = deque()
        """``(when written, bytes)`` of each frame whose answer has not come."""
        self._answered_any = False
        self._deaf = False
        self._round_trip = float("inf")
        self._idle_until = 0.0
        self._last_answer = 0.0
        self.rate: float | None = None
        """The link's rate in bytes a second, once a large enough frame has timed it."""
        self._samples = 0
        self._slow = mode == "slow"

    # -- the driver's side ---------------------------------------------------------------------
    @property
    def asking(self) -> bool:
        """Whether frames are followed by a status request (not once the terminal is taken
        not to answer)."""
        return not self._deaf

    def frame_written(self, size: int) -> None:
        """A frame of ``size`` bytes, followed by a status request, was handed to the writer."""
        with self._lock:
            self._in_flight.append((self._clock(), size))

    def answered(self) -> None:
        """The terminal answered the oldest request in flight."""
        with self._lock:
            if not self._in_flight:
                return  # an answer to someone else's request
            now = self._clock()
            sent, size = self._in_flight.popleft()
            # Queued behind the frame before it, a frame's own time starts at that answer.
            took = now - max(sent, self._last_answer)
            self._last_answer = now
            self._answered_any = True
            self._round_trip = min(self._round_trip, took)
            carrying = took - self._round_trip
            if size >= min(RATE_SAMPLE, self.frame_budget or RATE_SAMPLE) and carrying > 0:
                self._measure(size / carrying)
            if self.rate is not None:
                # Idle as long as the frame took to carry: a key finds the link free at least
                # half the time.
                self._idle_until = now + size / self.rate
            self._lock.notify_all()

    def _measure(self, rate: float) -> None:
        self.rate = rate if self.rate is None else 0.7 * self.rate + 0.3 * rate
        self._samples += 1
        if self.mode == "auto" and self._samples >= SAMPLES_TO_DECIDE:
            if self.rate < SLOW_RATE:
                self._slow = True
            elif self.rate > FAST_RATE:
                self._slow = False

    def forget_requests(self) -> None:
        """Forget the requests in flight: their answers will not come (the terminal's input was
        flushed, as when the app leaves or is suspended)."""
        with self._lock:
            self._in_flight.clear()

    def wait_for_answers(self, timeout: float = EXIT_WAIT) -> None:
        """Wait until every request in flight is answered: as long as the link should take to
        carry what is in flight (twice over), at most ``timeout`` seconds; not at all for a
        terminal that has not answered yet."""
        with self._lock:
            if not self._answered_any or self._deaf:
                return
            rate = self.rate or ASSUMED_SLOW_RATE
            carrying = sum(size for _, size in self._in_flight) / rate + self._round_trip
            deadline = self._clock() + min(timeout, 2 * carrying + SLACK)
            while self._in_flight and (left := deadline - self._clock()) > 0:
                self._lock.wait(left)

    # -- the screens' side ----------------------------------------------------------------------
    @property
    def slow(self) -> bool:
        """Whether the screens should send less: ``--link slow``, or a link measured slow."""
        return self._slow

    @property
    def frame_budget(self) -> int | None:
        """The bytes a frame may write: what the link carries in :data:`FRAME_TIME`, once it
        is timed (or called slow); else ``None``, all the frame has."""
        rate = ASSUMED_SLOW_RATE if self.rate is None and self._slow else self.rate
        return None if rate is None else max(MIN_BUDGET, int(rate * FRAME_TIME))

    def frame_due(self) -> bool:
        """Whether the link has room for a frame of the run now."""
        with self._lock:
            now = self._clock()
            if not self._in_flight or self._deaf:
                return now >= self._idle_until
            waited = now - self._in_flight[0][0]
            if not self._answered_any:
                if waited > GIVE_UP:
                    self._deaf = True
                    self._in_flight.clear()
                    return True
                return now - self._in_flight[-1][0] >= UNSURE_INTERVAL
            if waited > LOST_AFTER:
                self._in_flight.popleft()
                return now >= self._idle_until
            return waited < self._round_trip + SLACK and now >= self._idle_until


def on_slow_link(widget: Widget) -> bool:
    """Whether ``widget`` is drawn for a slow link: its numbers to fewer figures, its colours
    in fewer shades, so that fewer cells change from frame to frame."""
    return widget.is_attached and widget.screen.has_class(SLOW_LINK)
