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

Difference = Literal[
    "penalty", "optimizer", "stochastic", "playground", "adam", "decoupled", "coordinate", "p"
]
DIFFERENCES: dict[Difference, tuple[object, object]] = {
    "penalty": ("l1", "l2"),
    "optimizer": ("proximal", "subgradient"),
    "stochastic": ("sgd", "sgd-cumulative"),
    "playground": ("playground", "sgd-cumulative"),
    "adam": ("adam", "adam-prox"),
    "decoupled": ("adam-decoupled", "adam-prox"),
    "coordinate": ("cd", "proximal"),
    "p": (1.0, 0.5),
}
"""What two runs can differ in, and the two values each comparison puts side by side: L1
against L2, the proximal step (which lands on 0) against the subgradient step (which jitters
around it), naive minibatch SGD (whose noise keeps weights off 0) against the cumulative
penalty (which lets them rest there), TensorFlow Playground's rule (sparse as the lasso, but
frozen early and never revisited) against the cumulative penalty, Adam with the L1 subgradient
(which crosses 0) and Adam soft-thresholding by lr·lam (which rests at 0 off the minimizer)
against the prox in Adam's metric (which lands on the minimizer's zeros), coordinate descent
(one weight a step to its exact minimum) against the proximal step (every weight a step), and
two values of p under lp: L1 against a p below 1 (the run's own p when it is one, else 0.5),
where the prox jumps."""
SETTING_OF: dict[Difference, str] = {
    "penalty": "penalty",
    "optimizer": "optimizer",
    "stochastic": "optimizer",
    "playground": "optimizer",
    "adam": "optimizer",
    "decoupled": "optimizer",
    "coordinate": "optimizer",
    "p": "p",
}
"""The setting each difference sets."""
HELD: dict[Difference, dict[str, object]] = {"p": {"penalty": "lp"}}
"""Settings a difference holds on both sides besides its own: p means lp's p."""
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
        :data:`DIFFERENCES` (L1 and L2, proximal and subgradient, sgd and sgd-cumulative, ...)."""
        if differs not in DIFFERENCES:
            raise ValueError(f"a comparison differs in one of {', '.join(DIFFERENCES)}")
        settings = settings or Settings()
        name, values = SETTING_OF[differs], DIFFERENCES[differs]
        if differs == "p" and settings.penalty == "lp" and settings.p not in values:
            values = (values[0], settings.p)
        held = HELD.get(differs, {})
        left, right = (replace(settings, **held, **{name: value}) for value in values)
        comparison = cls(problem, left, right, history_capacity)
        comparison.difference = differs
        return comparison

    @classmethod
    def default_for(
        cls, problem: Problem, settings: Settings, history_capacity: int | None = None
    ) -> Comparison:
        """The comparison to open on a run under ``settings``: adam against adam-prox for an
        Adam optimizer, sgd against sgd-cumulative for another stochastic one, two values of p
        under lp or l0, else L1 against L2."""
        optimizer = OPTIMIZERS[settings.optimizer]
        differs: Difference = "penalty"
        if optimizer.adaptive:
            differs = "adam"
        elif optimizer.stochastic:
            differs = "stochastic"
        elif settings.penalty in ("lp", "l0"):
            differs = "p"
        return cls.differing(problem, settings, differs, history_capacity)

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
    def held(self) -> tuple[str, ...]:
        """The settings each side keeps: what differs, and what the difference holds alike
        (lp's penalty under two values of p)."""
        extra = HELD.get(self.difference, {}) if self.difference else {}
        return self.differs + tuple(name for name in extra if name not in self.differs)

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
        differs = [name for name in self.held if name in changes]
        if differs:
            name = differs[0]
            left, right = getattr(self.left.settings, name), getattr(self.right.settings, name)
            if left == right:
                raise ValueError(f"the sides keep {name} {left}: they compare values of p")
            raise ValueError(
                f"the sides differ in {name} ({left} and {right}): each keeps its own {name}"
            )
        for session in self.sessions:
            session.check_update(**changes)
        return self.left.update(**changes), self.right.update(**changes)
