"""The run interface: what a view drives, one session or two runs side by side alike."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from l1l2_tui.engine.session import Divergence, Event, Settings


class Run(Protocol):
    """A run that can be stepped, re-tuned and reset: :class:`l1l2_tui.engine.Session` and
    :class:`l1l2_tui.engine.Comparison` both are one."""

    @property
    def step_count(self) -> int: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def diverged(self) -> Divergence | None: ...

    @property
    def converged(self) -> bool:
        """Whether a step would change nothing (see :attr:`Session.converged`)."""
        ...

    @property
    def events(self) -> Iterable[Event]: ...

    @property
    def event_count(self) -> int: ...

    def step(self, k: int = 1) -> object:
        """Take up to ``k`` steps; returns the steps taken (each side's, for two runs)."""
        ...

    def update(self, **changes: object) -> object:
        """Change settings mid-run, weights and step kept; raises ``ValueError`` and changes
        nothing if refused. Returns the new settings (each side's, for two runs)."""
        ...

    def reset(self) -> None: ...
