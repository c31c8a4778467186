"""What the user tunes, declared once: each setting's name, type, default, range or choices and
help. The session, the command line's options, lesson files and the JSON output all read
:class:`Settings` and :data:`SETTINGS`; none spells a setting out again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np

from l1l2_tui.engine.minibatches import SCHEDULES, ScheduleName
from l1l2_tui.engine.optimizers import OPTIMIZERS, OptimizerName
from l1l2_tui.engine.penalties import PENALTIES, Penalty, PenaltyName


@dataclass(frozen=True)
class Setting:
    """How one setting may be set: one of ``choices``, or a number in ``[low, high]`` (above
    ``low`` if ``above_low``; a whole number if ``integer``); ``optional``: ``None`` is allowed
    and means the default rule ``when_none`` describes."""

    help: str
    choices: tuple[str, ...] = ()
    low: float = -math.inf
    high: float = math.inf
    above_low: bool = False
    optional: bool = False
    when_none: str = ""
    integer: bool = False

    def check(self, value: object) -> Any:
        """``value`` if it is allowed (a number as ``float``, a whole number as ``int``); else
        ``ValueError`` saying what is wrong, to follow the setting's name (``must be a number,
        not 'x'``)."""
        if value is None and self.optional:
            return None
        if self.choices:
            if value not in self.choices:
                raise ValueError(f"{value!r} is not one of {', '.join(self.choices)}")
            return value
        if self.integer:
            if isinstance(value, bool) or not isinstance(value, int | np.integer):
                raise ValueError(f"must be a whole number, not {value!r}")
            if not self.low <= value <= self.high:
                raise ValueError(f"must be {self.bounds()}, not {value!r}")
            return int(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be a number, not {value!r}")
        number = float(value)
        if not (math.isfinite(number) and self.low <= number <= self.high) or (
            self.above_low and number <= self.low
        ):
            raise ValueError(f"must be {self.bounds()}, not {value!r}")
        return number

    def bounds(self) -> str:
        """``a finite number >= 0``, ``... in [0, 1]``, ``... > 0``, ``... in (0, 2]``, ``a whole
        number in [1, 1000000]``."""
        if self.integer:
            if self.high == math.inf:
                return f"a whole number >= {self.low:.0f}"
            return f"a whole number in [{self.low:.0f}, {self.high:.0f}]"
        if self.above_low:
            if self.high != math.inf:
                return f"a finite number in ({self.low:g}, {self.high:g}]"
            return f"a finite number > {self.low:g}"
        if self.high == math.inf:
            return f"a finite number >= {self.low:g}"
        return f"a finite number in [{self.low:g}, {self.high:g}]"


MAX_BATCH = 1_000_000
MAX_SEED = 2**32 - 1


def rules(spec: Setting) -> dict[str, Setting]:
    """A field's metadata holding its :class:`Setting`."""
    return {"setting": spec}


@dataclass(frozen=True)
class Settings:
    """What the user tunes. ``lam=None`` means :func:`l1l2_tui.engine.suggested_lam` and
    ``lr=None`` the default step size ``1/L``; the session resolves both. ``batch``,
    ``schedule`` and ``shuffle_seed`` matter to the stochastic optimizers alone
    (:mod:`l1l2_tui.engine.minibatches`)."""

    penalty: PenaltyName = field(
        default="l1",
        metadata=rules(
            Setting(
                "The penalty R(w): l1, l2, elasticnet, none, lp (|w|^p) or l0 (count of nonzeros).",
                tuple(PENALTIES),
            )
        ),
    )
    lam: float | None = field(
        default=None,
        metadata=rules(
            Setting(
                "Penalty strength",
                low=0.0,
                optional=True,
                when_none="0.15 x the smallest lam that zeros every L1 weight",
            )
        ),
    )
    l1_ratio: float = field(
        default=0.5, metadata=rules(Setting("Elastic net: the share of L1.", low=0.0, high=1.0))
    )
    optimizer: OptimizerName = field(
        default="proximal",
        metadata=rules(
            Setting(
                "; ".join(f"{name}: {o.summary}" for name, o in OPTIMIZERS.items()) + ".",
                tuple(OPTIMIZERS),
            )
        ),
    )
    lr: float | None = field(
        default=None,
        metadata=rules(
            Setting(
                "Step size",
                low=0.0,
                above_low=True,
                optional=True,
                when_none="1/L; for Adam a length, 1% of how far one weight alone goes",
            )
        ),
    )
    batch: int = field(
        default=32,
        metadata=rules(
            Setting(
                "Stochastic optimizers: rows a minibatch (all the rows if more).",
                low=1,
                high=MAX_BATCH,
                integer=True,
            )
        ),
    )
    schedule: ScheduleName = field(
        default="invsqrt",
        metadata=rules(
            Setting(
                "Stochastic optimizers' step size: constant lr, or invsqrt: lr / sqrt(1 + epochs).",
                SCHEDULES,
            )
        ),
    )
    shuffle_seed: int = field(
        default=0,
        metadata=rules(
            Setting(
                "Stochastic optimizers: seed of the minibatch order (shuffled each epoch).",
                low=0,
                high=MAX_SEED,
                integer=True,
            )
        ),
    )
    p: float = field(
        default=1.0,
        metadata=rules(
            Setting(
                "lp: the power p of lam·sum |w_j|^p, in (0, 2]; 2 is L2, 1 is L1.",
                low=0.0,
                high=2.0,
                above_low=True,
            )
        ),
    )

    def __post_init__(self) -> None:
        for name in SETTINGS:
            object.__setattr__(self, name, check_setting(name, getattr(self, name)))

    def as_penalty(self) -> Penalty:
        """The penalty these settings name (``lam`` must be resolved)."""
        if self.lam is None:
            raise ValueError("lam is left to the session: resolve it first")
        return PENALTIES[self.penalty].from_settings(self)


SETTINGS: dict[str, Setting] = {f.name: f.metadata["setting"] for f in fields(Settings)}
"""Every setting's rules, by name, in the order of :class:`Settings`' fields."""


def check_setting(name: str, value: object) -> Any:
    """``value`` for the setting ``name`` if allowed; else ``ValueError`` naming both."""
    if name not in SETTINGS:
        raise ValueError(f"unknown setting {name}; the settings are {', '.join(SETTINGS)}")
    try:
        return SETTINGS[name].check(value)
    except ValueError as exc:
        raise ValueError(f"{name} {exc}") from None


def check_changes(changes: dict[str, object]) -> dict[str, object]:
    """``changes`` with every value checked (numbers as ``float``)."""
    return {name: check_setting(name, value) for name, value in changes.items()}
