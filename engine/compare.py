"""Two sessions on one problem, stepped in lockstep: the side-by-side L1 vs L2 view.

Each side is an ordinary :class:`Session`; stepping the comparison ``k`` times is exactly
stepping each session ``k`` times on its own (same weights, bit for bit).
"""

from __future__ import annotations

from dataclasses import replace

from engine.problems import Problem
from engine.session import Session, Settings


class Comparison:
    """``left`` and ``right`` sessions on ``problem``, both starting from ``w = 0``.

    Everything but the penalty is meant to be shared: :meth:`update` changes both sides alike
    and refuses to change the penalty (change one side through ``left.update`` or
    ``right.update`` for that).
    """

    def __init__(
        self,
        problem: Problem,
        settings_left: Settings,
        settings_right: Settings,
        history_capacity: int | None = None,
    ) -> None:
        self.problem = problem
        self.left = Session(problem, settings_left, history_capacity)
        self.right = Session(problem, settings_right, history_capacity)

    @classmethod
    def l1_vs_l2(
        cls, problem: Problem, settings: Settings | None = None, history_capacity: int | None = None
    ) -> Comparison:
        """``settings`` (default :class:`Settings`) with penalty l1 on the left, l2 on the right."""
        settings = settings or Settings()
        return cls(
            problem,
            replace(settings, penalty="l1"),
            replace(settings, penalty="l2"),
            history_capacity,
        )

    @property
    def sessions(self) -> tuple[Session, Session]:
        return self.left, self.right

    def step(self, k: int = 1) -> tuple[int, int]:
        """Step each side up to ``k`` times (a side stops early if it diverges).
        Returns the steps each side took."""
        return self.left.step(k), self.right.step(k)

    def reset(self) -> None:
        """Both sides back to ``w = 0`` at step 0, keeping their settings."""
        self.left.reset()
        self.right.reset()

    def update(self, **changes: object) -> tuple[Settings, Settings]:
        """Apply ``changes`` (fields of :class:`Settings` other than ``penalty``) to both sides.

        Raises ``ValueError`` for a ``penalty`` change or an invalid value; neither side is
        then changed. Returns the new settings of the two sides."""
        if "penalty" in changes:
            raise ValueError("each side keeps its own penalty; update left or right for that")
        for session in self.sessions:
            replace(session.settings, **changes)
        return self.left.update(**changes), self.right.update(**changes)
