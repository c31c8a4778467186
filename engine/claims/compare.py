"""The claim about two runs side by side, alike but for one setting."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from l1l2_tui.engine.claims.main import (
    AgainstMinimizer,
    Frozen,
    against_minimizer,
    frozen_claims,
    zero_count,
)
from l1l2_tui.engine.session import Session


@dataclass(frozen=True)
class SideBySide:
    """Two runs at ``step``, alike but for ``differs``: ``labels`` (e.g. L1 and L2, or proximal
    and subgradient) with ``zeros`` exact zeros each, out of ``total``; ``optimizers`` are
    the sides' optimizers."""

    step: int
    labels: tuple[str, str]
    zeros: tuple[int, int]
    total: int
    differs: str
    optimizers: tuple[str, str]
    held: tuple[int, int] = (0, 0)
    """Weights at 0 that the next step keeps there, with their data pull at 0 within the L1
    part, on each side."""
    diverged: tuple[int | None, int | None] = (None, None)
    """The step at which each side diverged, if it did (it then stays there)."""
    constant: tuple[int, int] = (0, 0)
    """How many of each side's zeros are constant features (see :class:`ZeroCount`)."""
    image: bool = False
    """The features are the pixels of an image (the constant ones are blank pixels)."""
    noise: bool = False
    """The sides step on minibatches of fewer rows than all (see
    :attr:`Session.minibatch_noise`)."""
    frozen: tuple[Frozen | None, Frozen | None] = (None, None)
    """What ``playground`` has frozen at 0 on each side (see :class:`Frozen`)."""
    resting: tuple[AgainstMinimizer | None, AgainstMinimizer | None] = (None, None)
    """Where each side rests against the exact minimizer, once a settled Adam run (see
    :func:`~l1l2_tui.engine.claims.main.against_minimizer`)."""
    sweeps: int | None = None
    """Under coordinate descent on the left: the full sweeps it has made."""


def side_by_side(
    left: Session, right: Session, left_label: str | None = None, right_label: str | None = None
) -> SideBySide:
    """The claim about two runs; each is labelled by its penalty unless labels are given."""
    differs = "optimizer" if left.settings.optimizer != right.settings.optimizer else "penalty"
    coordinate = left.coordinate()
    return SideBySide(
        left.step_count,
        (left_label or left.penalty.label, right_label or right.penalty.label),
        (left.zeros, right.zeros),
        left.problem.n_features,
        differs,
        (left.settings.optimizer, right.settings.optimizer),
        (held_count(left), held_count(right)),
        (diverged_at(left), diverged_at(right)),
        (zero_count(left).constant, zero_count(right).constant),
        left.problem.image_shape is not None,
        left.minibatch_noise and right.minibatch_noise,
        (frozen_of(left), frozen_of(right)),
        (resting(left), resting(right)),
        None if coordinate is None else coordinate[1],
    )


def frozen_of(session: Session) -> Frozen | None:
    """The weights ``playground`` holds frozen at 0 on this side, if any."""
    a = session.penalty.capacity_at_zero()
    found = frozen_claims(session, session.forces().pull_at_zero, a)
    return found[0] if found else None


def resting(session: Session) -> AgainstMinimizer | None:
    """Where ``session`` rests against the exact minimizer, if it is a settled Adam run with an
    L1 part."""
    found = against_minimizer(session) if session.penalty.capacity_at_zero() > 0.0 else []
    return found[0] if found else None


def diverged_at(session: Session) -> int | None:
    return session.diverged.step if session.diverged is not None else None


def held_count(session: Session) -> int:
    """How many weights are held at exactly 0: at 0, staying there, pull at 0 within lam."""
    forces = session.forces()
    return int(np.count_nonzero(forces.resting))
