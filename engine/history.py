"""A bounded record of a run: one row per recorded step, thinned as the run grows.

Rows are kept for steps that are multiples of ``stride``. When the buffer fills up, every
other row is dropped and ``stride`` doubles, so memory stays fixed however long the run
goes while the whole run stays covered at even spacing. The newest step is always kept
as well, so a reader sees the run up to now.

Each row also stands for the steps up to the next row (its bucket): beside the value at its
own step it holds the smallest and the largest value of every column over the bucket, merged
when rows are dropped. A weight that jumps across 0 every step keeps both signs in its row's
extremes however far the history is thinned. The last ``capacity`` steps are kept besides,
every one, so a window over the recent run (:meth:`History.read` with ``since``) is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

COLUMNS = ("step", "data_loss", "penalty_value", "objective", "zeros")
WEIGHTS_AT = len(COLUMNS)
BUDGET = 1_000_000
"""About how many numbers a history holds when its rows are wide (at least 256 rows)."""


@dataclass(frozen=True)
class Trace:
    """Columns of a history read; ``weights`` is (points x d). ``low`` and ``high``, when the
    read has them, are traces of the same steps holding the smallest and the largest value of
    each column over the steps each row stands for (from its step up to the next row's)."""

    step: np.ndarray
    data_loss: np.ndarray
    penalty_value: np.ndarray
    objective: np.ndarray
    zeros: np.ndarray
    weights: np.ndarray
    low: Trace | None = None
    high: Trace | None = None

    def __len__(self) -> int:
        return len(self.step)


def _trace(
    rows: np.ndarray, low: np.ndarray | None = None, high: np.ndarray | None = None
) -> Trace:
    columns = (rows[:, j] for j in range(WEIGHTS_AT))
    if low is None or high is None:
        return Trace(*columns, weights=rows[:, WEIGHTS_AT:])
    return Trace(*columns, weights=rows[:, WEIGHTS_AT:], low=_trace(low), high=_trace(high))


def _from(
    since: float, rows: np.ndarray, low: np.ndarray, high: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows from the one whose bucket holds step ``since`` on."""
    start = max(int(np.searchsorted(rows[:, 0], since, side="right")) - 1, 0)
    return rows[start:], low[start:], high[start:]


class History:
    """At most ``capacity`` rows of ``(step, data_loss, penalty_value, objective, zeros, w...)``
    with their buckets' extremes, and the last ``capacity`` steps in full."""

    def __init__(self, n_weights: int, capacity: int | None = None) -> None:
        if capacity is None:
            # About a million numbers in all (8 MB) over the four buffers, 256 to 4096 rows.
            capacity = int(np.clip(BUDGET // (4 * (WEIGHTS_AT + n_weights)), 256, 4096))
        self.capacity = max(2, capacity)
        width = WEIGHTS_AT + n_weights
        self._rows = np.empty((self.capacity, width))
        self._low = np.empty((self.capacity, width))
        self._high = np.empty((self.capacity, width))
        self._recent = np.empty((self.capacity, width))
        self.clear()

    def clear(self) -> None:
        self._count = 0
        self._recorded = 0
        self.stride = 1

    def __deepcopy__(self, memo: dict[int, object]) -> History:
        """A copy that holds only the rows recorded so far: the buffers are allocated at full
        size but left untouched past them, so a copy of a short run costs little memory."""
        copy = History.__new__(History)
        copy.__dict__.update(self.__dict__)
        used = {"_rows": self._count, "_low": self._count, "_high": self._count}
        used["_recent"] = min(self._recorded, self.capacity)
        for name, rows in used.items():
            source = getattr(self, name)
            buffer = np.empty_like(source)
            buffer[:rows] = source[:rows]
            setattr(copy, name, buffer)
        memo[id(self)] = copy
        return copy

    @property
    def nbytes(self) -> int:
        return self._rows.nbytes + self._low.nbytes + self._high.nbytes + self._recent.nbytes

    def record(
        self, step: int, data_loss: float, penalty_value: float, zeros: int, w: np.ndarray
    ) -> None:
        row = self._recent[self._recorded % self.capacity]
        row[:WEIGHTS_AT] = (step, data_loss, penalty_value, data_loss + penalty_value, zeros)
        row[WEIGHTS_AT:] = w
        self._recorded += 1
        if step % self.stride == 0 and self._count == self.capacity:
            self._thin()
        if step % self.stride:
            # Inside the last row's bucket: only its extremes change (the step stays its own).
            last = self._count - 1
            np.minimum(self._low[last], row, out=self._low[last])
            np.maximum(self._high[last], row, out=self._high[last])
            self._low[last, 0] = self._high[last, 0] = self._rows[last, 0]
            return
        self._rows[self._count] = row
        self._low[self._count] = row
        self._high[self._count] = row
        self._count += 1

    def _thin(self) -> None:
        self.stride *= 2
        count = self._count
        kept = self._rows[:count, 0] % self.stride == 0
        kept[0] = True  # the first row stands for the steps before the next kept one
        starts = np.flatnonzero(kept)
        self._low[: starts.size] = np.minimum.reduceat(self._low[:count], starts)
        self._high[: starts.size] = np.maximum.reduceat(self._high[:count], starts)
        self._rows[: starts.size] = self._rows[starts]
        self._count = starts.size
        self._low[: starts.size, 0] = self._high[: starts.size, 0] = self._rows[: starts.size, 0]

    def __len__(self) -> int:
        return self._count + self._latest_is_extra()

    def _latest(self) -> np.ndarray:
        return self._recent[(self._recorded - 1) % self.capacity]

    def _latest_is_extra(self) -> int:
        if self._recorded == 0:
            return 0
        return int(self._count == 0 or self._rows[self._count - 1, 0] != self._latest()[0])

    def _recent_rows(self) -> np.ndarray:
        """The last ``capacity`` steps recorded (fewer at first), oldest first."""
        if self._recorded <= self.capacity:
            return self._recent[: self._recorded]
        return np.roll(self._recent, -(self._recorded % self.capacity), axis=0)

    def read(
        self,
        max_points: int | None = None,
        since: float | None = None,
        detail: float | None = None,
    ) -> Trace:
        """The recorded rows, evenly thinned to at most ``max_points`` (first and newest kept),
        with their extremes.

        With ``since``, the rows from step ``since`` on (and the one whose bucket holds it), and
        every step among the last ``capacity`` unless rows ``detail`` steps apart are enough
        (the thinned rows are at most ``detail`` apart)."""
        count = self._count
        rows, low, high = self._rows[:count], self._low[:count], self._high[:count]
        if since is not None:
            rows, low, high = _from(since, rows, low, high)
        if since is not None and self._recorded and (detail is None or self.stride > detail):
            recent = self._recent_rows()
            coarse = rows[:, 0] < recent[0, 0]
            rows = np.vstack([rows[coarse], recent])
            low = np.vstack([low[coarse], recent])
            high = np.vstack([high[coarse], recent])
            rows, low, high = _from(since, rows, low, high)
        elif self._latest_is_extra():
            latest = self._latest()[None, :]
            rows, low, high = (np.vstack([part, latest]) for part in (rows, low, high))
        if max_points is not None and len(rows) > max_points >= 2:
            starts = np.unique(np.linspace(0, len(rows) - 1, max_points).round().astype(int))
            # The newest row stays a row of its own; each other kept row takes on the extremes
            # of the rows dropped after it.
            low = np.vstack([np.minimum.reduceat(low[:-1], starts[:-1]), low[-1:]])
            high = np.vstack([np.maximum.reduceat(high[:-1], starts[:-1]), high[-1:]])
            rows = rows[starts]
            low[:, 0] = high[:, 0] = rows[:, 0]
        else:
            rows, low, high = rows.copy(), low.copy(), high.copy()
        return _trace(rows, low, high)


class RecentSteps:
    """The weights of the last ``capacity`` steps, every one of them (the :class:`History` is
    thinned, and a weight that flips sign every step looks still at every other step)."""

    def __init__(self, n_weights: int, capacity: int = 64) -> None:
        self.capacity = capacity
        self._steps = np.zeros(capacity, dtype=np.int64)
        self._weights = np.zeros((capacity, n_weights))
        self._count = 0

    def clear(self) -> None:
        self._count = 0

    def record(self, step: int, w: np.ndarray) -> None:
        at = self._count % self.capacity
        self._steps[at] = step
        self._weights[at] = w
        self._count += 1

    def read(self) -> tuple[np.ndarray, np.ndarray]:
        """``(steps, weights)``, oldest first."""
        if self._count <= self.capacity:
            return self._steps[: self._count].copy(), self._weights[: self._count].copy()
        order = np.roll(np.arange(self.capacity), -(self._count % self.capacity))
        return self._steps[order], self._weights[order]
