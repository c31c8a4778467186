"""Which rows each stochastic step sees, and the step size it takes.

The rows come in epochs: each epoch is one pass over every row in an order shuffled afresh
from ``(seed, epoch)``, cut into minibatches of ``batch`` rows (the last one of an epoch holds
what is left, so every row is seen once an epoch). The rows of step ``t`` are a function of
``(n, batch, seed, t)`` alone: two runs with the same ones see the same minibatches, and the
next step's rows are known before it is taken. A batch of ``n`` rows or more is every row, in
order: the full-batch gradient.

The step-size schedules, with ``e`` the epochs done so far (``t / steps_per_epoch``):

- ``constant``: ``lr_t = lr``;
- ``invsqrt``: ``lr_t = lr / sqrt(1 + e)``, halving the step by the third epoch and quartering
  it by the fifteenth; the decay the noise of the minibatch gradient needs to settle down.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np

ScheduleName = Literal["constant", "invsqrt"]
SCHEDULES: tuple[ScheduleName, ...] = ("constant", "invsqrt")


class MinibatchOrder:
    """The rows of every stochastic step over ``n`` rows, ``batch`` at a time, shuffled each
    epoch by ``seed``."""

    def __init__(self, n: int, batch: int, seed: int) -> None:
        if n < 1 or batch < 1 or seed < 0:
            raise ValueError(f"need n, batch >= 1 and seed >= 0, not {n}, {batch}, {seed}")
        self.n, self.batch, self.seed = n, min(batch, n), seed
        self.steps_per_epoch = -(-n // self.batch)
        self._epoch = -1
        self._order = np.arange(n)

    def order(self, epoch: int) -> np.ndarray:
        """The rows of ``epoch`` in the order its minibatches take them."""
        if self.batch == self.n:
            return self._order
        if epoch != self._epoch:
            self._order = np.random.default_rng((self.seed, epoch)).permutation(self.n)
            self._epoch = epoch
        return self._order

    def rows(self, t: int) -> np.ndarray:
        """The rows of step ``t`` (counting from 0)."""
        epoch, k = divmod(t, self.steps_per_epoch)
        return self.order(epoch)[k * self.batch : (k + 1) * self.batch]

    def epochs(self, t: int) -> float:
        """Epochs done after ``t`` steps."""
        return t / self.steps_per_epoch


def scheduled_lr(schedule: ScheduleName, lr: float, epochs: float) -> float:
    """The step size after ``epochs`` epochs under ``schedule`` (see the module docstring)."""
    if schedule == "invsqrt":
        return lr / math.sqrt(1.0 + epochs)
    return lr
