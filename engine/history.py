"""A bounded record of a run: one row per recorded step, thinned as the run grows.

Rows are kept for steps that are multiples of ``stride``. When the buffer fills up, every
other row is dropped and ``stride`` doubles, so memory stays fixed however long the run
goes while the whole run stays covered at even spacing. The newest step is always kept
as well, so a reader sees the run up to now.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

COLUMNS = ("step", "data_loss", "penalty_value", "objective", "zeros")
WEIGHTS_AT = len(COLUMNS)


@dataclass(frozen=True)
class Trace:
    """Columns of a history read; ``weights`` is (points x d)."""

    step: np.ndarray
    data_loss: np.ndarray
    penalty_value: np.ndarray
    objective: np.ndarray
    zeros: np.ndarray
    weights: np.ndarray

    def __len__(self) -> int:
        return len(self.step)


class History:
    """At most ``capacity`` rows of ``(step, data_loss, penalty_value, objective, zeros, w...)``."""

    def __init__(self, n_weights: int, capacity: int | None = None) -> None:
        if capacity is None:
            capacity = int(np.clip(1_000_000 // (WEIGHTS_AT + n_weights), 256, 4096))
        self.capacity = max(2, capacity)
        self._rows = np.empty((self.capacity, WEIGHTS_AT + n_weights))
        self._latest = np.empty(WEIGHTS_AT + n_weights)
        self.clear()

    def clear(self) -> None:
        self._count = 0
        self.stride = 1
        self._has_latest = False

    @property
    def nbytes(self) -> int:
        return self._rows.nbytes + self._latest.nbytes

    def record(
        self, step: int, data_loss: float, penalty_value: float, zeros: int, w: np.ndarray
    ) -> None:
        row = self._latest
        row[:WEIGHTS_AT] = (step, data_loss, penalty_value, data_loss + penalty_value, zeros)
        row[WEIGHTS_AT:] = w
        self._has_latest = True
        if step % self.stride:
            return
        if self._count == self.capacity:
            self._thin()
            if step % self.stride:
                return
        self._rows[self._count] = row
        self._count += 1

    def _thin(self) -> None:
        self.stride *= 2
        keep = np.flatnonzero(self._rows[: self._count, 0] % self.stride == 0)
        self._rows[: keep.size] = self._rows[keep]
        self._count = keep.size

    def __len__(self) -> int:
        return self._count + self._latest_is_extra()

    def _latest_is_extra(self) -> int:
        if not self._has_latest:
            return 0
        return int(self._count == 0 or self._rows[self._count - 1, 0] != self._latest[0])

    def read(self, max_points: int | None = None) -> Trace:
        """The recorded rows, evenly thinned to at most ``max_points`` (first and newest kept)."""
        rows = self._rows[: self._count]
        if self._latest_is_extra():
            rows = np.vstack([rows, self._latest])
        if max_points is not None and len(rows) > max_points >= 2:
            rows = rows[np.unique(np.linspace(0, len(rows) - 1, max_points).round().astype(int))]
        elif rows.base is self._rows:
            rows = rows.copy()
        return Trace(*(rows[:, j] for j in range(WEIGHTS_AT)), weights=rows[:, WEIGHTS_AT:])


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
