"""How often a playing run draws: the rate asked for (``--fps``), lowered in even steps while
the machine cannot keep up with it, raised again once it can.

Textual's interval timer skips the ticks it is late for, so on a busy machine (say thirty
browser tabs' apps on two cores) a run asked for 15 frames a second draws at uneven intervals:
frames close together, then a gap. :class:`FramePacer` watches when the ticks really come. When
over :data:`WINDOW` seconds they come at less than :data:`LATE_SHARE` of the rate, it moves the
rate down to the highest rung of :data:`RATES` they reached, so frames come evenly at the lower
rate. After :data:`PROBE_AFTER` seconds on time it tries the next rung up; each try that fails
doubles the wait before the next one, up to :data:`LONGEST_WAIT`.

The run screen's timer consults it on every tick and ticks at :attr:`FramePacer.rate`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

RATES = (60, 50, 40, 30, 24, 20, 15, 12, 10, 8, 6, 5, 4, 3, 2)
"""The rates a pacer steps through below the one asked for (frames a second)."""
LATE_SHARE = 0.85
"""Ticks arriving at less than this share of the rate mean the machine cannot keep up."""
WINDOW = 1.0
"""Seconds of ticks judged at once."""
PROBE_AFTER = 4.0
"""Seconds on time at a lowered rate before the next rung up is tried."""
LONGEST_WAIT = 60.0


class FramePacer:
    """The frame rate of a playing run: ``fps`` when the machine keeps up, a lower rung of
    :data:`RATES` while it does not."""

    def __init__(self, fps: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.fps = fps
        """The rate asked for."""
        self.rate = fps
        """The rate the frames come at now."""
        self._clock = clock
        self._window_start: float | None = None
        self._ticks = 0
        self._on_time_since = 0.0
        self._probe_wait = PROBE_AFTER
        self._probing = False

    @property
    def interval(self) -> float:
        return 1 / self.rate

    @property
    def slowed(self) -> bool:
        """Whether frames come less often than asked, because the machine is busy."""
        return self.rate < self.fps

    def restart(self) -> None:
        """The timer starts (again) after a pause: the time it was stopped is not lateness."""
        self._window_start = None

    def tick(self) -> bool:
        """Note a tick now; True when :attr:`rate` changed (the timer must follow it)."""
        now = self._clock()
        if self._window_start is None:
            self._window_start, self._ticks = now, 0
            return False
        self._ticks += 1
        elapsed = now - self._window_start
        if elapsed < WINDOW:
            return False
        reached = self._ticks / elapsed
        self._window_start, self._ticks = now, 0
        if reached < LATE_SHARE * self.rate:
            if self._probing:
                self._probe_wait = min(2 * self._probe_wait, LONGEST_WAIT)
            self._probing = False
            self._on_time_since = now
            return self._set(max((rung for rung in self._rungs() if rung <= reached), default=0))
        if self._probing:
            self._probe_wait, self._probing = PROBE_AFTER, False
        if self.slowed and now - self._on_time_since >= self._probe_wait:
            self._on_time_since, self._probing = now, True
            return self._set(min(rung for rung in self._rungs() if rung > self.rate))
        return False

    def _rungs(self) -> list[int]:
        return [self.fps, *(rate for rate in RATES if rate < self.fps)]

    def _set(self, rate: int) -> bool:
        rate = rate or min(self._rungs())
        changed, self.rate = rate != self.rate, rate
        return changed
