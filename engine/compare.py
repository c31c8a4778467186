"""Two runs side by side: two sessions on one problem, from the same start, stepped in lockstep,
that differ in one setting.

Each side is an ordinary :class:`Session`; stepping the comparison ``k`` times is exactly stepping
each session ``k`` times on its own (same weights, bit for bit). Stochastic sides share ``batch``
and ``shuffle_seed``, so they see the same minibatches in the same order. A comparison is driven
through the same run interface as a session (:class:`l1l2_tui.engine.run.Run`), so a view can drive
either without knowing how many runs are inside.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Literal, get_args

from l1l2_tui.engine.optimizers import OPTIMIZERS
from l1l2_tui.engine.problems import Problem
from l1l2_tui.engine.session import Divergence, Event, Session, Settings

Difference = Literal["penalty", "optimizer", "stochastic"]
DIFFERENCES: dict[Difference, tuple[str, str]] = {
    "penalty": ("l1", "l2"),
    "optimizer": ("proximal", "subgradient"),
    "stochastic": ("sgd", "sgd-cumulative"),
}
"""What two runs can differ in, and the two values each comparison puts side by side: L1
against L2, the proximal step (which lands on 0) against the subgradient step (which jitters
around it), and naive minibatch SGD (whose noise keeps weights off 0) against the cumulative
penalty (which lets them rest there)."""
SETTING_OF: dict[Difference, str] = {
    "penalty": "penalty",
    "optimizer": "optimizer",
    "stochastic": "optimizer",
}
"""The setting each difference sets."""
SHARED: tuple[str, ...] = tuple(f.name for f in fields(Settings))


class Comparison:
    """``left`` and ``right`` sessions on ``problem`` under their own settings, both from
    ``w = 0``. What differs between the two settings is :attr:`differs`; :meth:`update` changes
    both sides alike and refuses to change what differs, which would make them one run twice.
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
        self.difference: Difference | None = None
        """The entry of :data:`DIFFERENCES` the sides were made from, if they were."""

    @classmethod
    def differing(
        cls,
        problem: Problem,
        settings: Settings | None = None,
        differs: Difference = "penalty",
        history_capacity: int | None = None,
    ) -> Comparison:
        """``settings`` on both sides but for ``differs``, set to the two values of
        :data:`DIFFERENCES` (L1 and L2, proximal and subgradient, or sgd and sgd-cumulative)."""
        if differs not in DIFFERENCES:
            raise ValueError(f"a comparison differs in one of {', '.join(DIFFERENCES)}")
        settings = settings or Settings()
        name = SETTING_OF[differs]
        left, right = (replace(settings, **{name: value}) for value in DIFFERENCES[differs])
        comparison = cls(problem, left, right, history_capacity)
        comparison.difference = differs
        return comparison

    @classmethod
    def default_for(
        cls, problem: Problem, settings: Settings, history_capacity: int | None = None
    ) -> Comparison:
        """The comparison to open on a run under ``settings``: sgd against sgd-cumulative for
        a stochastic optimizer, else L1 against L2."""
        stochastic = OPTIMIZERS[settings.optimizer].stochastic
        return cls.differing(
            problem, settings, "stochastic" if stochastic else "penalty", history_capacity
        )

    @classmethod
    def l1_vs_l2(
        cls, problem: Problem, settings: Settings | None = None, history_capacity: int | None = None
    ) -> Comparison:
        """``settings`` (default :class:`Settings`) with penalty l1 on the left, l2 on the right."""
        return cls.differing(problem, settings, "penalty", history_capacity)

    def differing_in(self, differs: Difference) -> Comparison:
        """A new comparison on the same problem, with the left side's settings shared, that
        differs in ``differs`` instead; both sides from ``w = 0``."""
        return Comparison.differing(self.problem, self.left.settings, differs)

    def copy(self) -> Comparison:
        """An independent copy of both runs, as they are now (:meth:`Session.copy`)."""
        clone = Comparison.__new__(Comparison)
        clone.problem, clone.difference = self.problem, self.difference
        clone.left, clone.right = self.left.copy(), self.right.copy()
        return clone

    @property
    def differs(self) -> tuple[str, ...]:
        """The settings in which the sides differ."""
        left, right = self.left.settings, self.right.settings
        return tuple(name for name in SHARED if getattr(left, name) != getattr(right, name))

    @property
    def next_difference(self) -> Difference:
        """The difference after this one in :data:`DIFFERENCES`' order."""
        names = get_args(Difference)
        now = self.difference
        if now is None:
            now = next((name for name in names if SETTING_OF[name] in self.differs), names[-1])
        return names[(names.index(now) + 1) % len(names)]

    # -- the run interface --------------------------------------------------------------------
    @property
    def sessions(self) -> tuple[Session, Session]:
        return self.left, self.right

    @property
    def step_count(self) -> int:
        return self.left.step_count

    @property
    def settings(self) -> Settings:
        """The left side's settings; the right's differ in :attr:`differs`."""
        return self.left.settings

    @property
    def diverged(self) -> Divergence | None:
        return self.left.diverged or self.right.diverged

    @property
    def converged(self) -> bool:
        return self.left.converged and self.right.converged

    @property
    def events(self) -> list[Event]:
        """Both sides' events in step order."""
        return sorted([*self.left.events, *self.right.events], key=lambda event: event.step)

    @property
    def event_count(self) -> int:
        return self.left.event_count + self.right.event_count

    def step(self, k: int = 1) -> tuple[int, int]:
        """Step each side up to ``k`` times (a side stops early if it diverges).
        Returns the steps each side took."""
        return self.left.step(k), self.right.step(k)

    def reset(self) -> None:
        """Both sides back to ``w = 0`` at step 0, keeping their settings."""
        self.left.reset()
        self.right.reset()

    def update(self, **changes: object) -> tuple[Settings, Settings]:
        """Apply ``changes`` (fields of :class:`Settings` the sides share) to both sides.

        Raises ``ValueError`` for a change of what differs or an invalid value; neither side is
        then changed. Returns the new settings of the two sides."""
        differs = [name for name in self.differs if name in changes]
        if differs:
            name = differs[0]
            left, right = getattr(self.left.settings, name), getattr(self.right.settings, name)
            raise ValueError(
                f"the sides differ in {name} ({left} and {right}): each keeps its own {name}"
            )
        for session in self.sessions:
            replace(session.settings, **changes)
        return self.left.update(**changes), self.right.update(**changes)
