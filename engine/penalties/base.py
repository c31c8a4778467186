"""What every penalty ``lam * R(w)`` gives: the :class:`Penalty` each penalty's module builds on.

A penalty is behaviour, not numbers, in the spirit of jaxopt's prox functions and optax's
transforms: an optimizer asks it for its value, a subgradient and its prox; a claim, a caption or
a plot asks it what it pulls with, what it can hold at 0, where its step sends a weight to 0 and
what its level set looks like. Nothing outside ``engine/penalties`` needs to know how a penalty
is built, and nothing assumes it is convex or soft-thresholds: each of those answers is the
penalty's own.

``R`` is separable, a sum of one function of each weight, ``R(w) = sum_j r(w_j)``: a penalty
of one weight is a penalty of every weight alike.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

import numpy as np


class Penalty:
    """``lam * R(w)``. A subclass names itself (``name``, the setting's value; ``label``, how the
    status line and captions write it) and answers for its maths; ``FIELDS`` are the settings it
    reads, ``lam`` first (:meth:`from_settings`), each an argument of its constructor. A penalty
    does not change: two are equal when they are of one kind with equal fields.

    Written by hand rather than as a dataclass: creating a dataclass costs a start of the app
    some tenths of a millisecond, and every penalty loads at start."""

    FIELDS: ClassVar[tuple[str, ...]] = ("lam",)
    name: ClassVar[str] = ""
    label: ClassVar[str] = ""
    shape: ClassVar[str] = ""
    """What its level set in the plane of two weights is called ("diamond")."""

    lam: float

    def __init__(self, lam: float = 0.1) -> None:
        if not (lam >= 0 and math.isfinite(lam)):
            raise ValueError(f"lam must be a finite number >= 0, not {lam}")
        object.__setattr__(self, "lam", lam)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a penalty does not change: make another ({name})")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, field) for field in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Penalty) or type(other) is not type(self):
            return False
        return other._values() == self._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        given = ", ".join(f"{field}={getattr(self, field)!r}" for field in self.FIELDS)
        return f"{type(self).__name__}({given})"

    def __reduce__(self) -> tuple[type[Penalty], tuple[Any, ...]]:
        return type(self), self._values()

    @classmethod
    def from_settings(cls, settings: Any) -> Penalty:
        """The penalty at the values ``settings`` (anything with this penalty's fields as
        attributes, :class:`l1l2_tui.engine.Settings` for one) give its fields."""
        return cls(*(getattr(settings, field) for field in cls.FIELDS))

    def at_lam(self, lam: float) -> Penalty:
        """The same penalty at another ``lam``."""
        return type(self)(lam, *self._values()[1:])

    @property
    def parameters(self) -> dict[str, float]:
        """What it is set by besides ``lam`` (``{"l1_ratio": 0.5}``), for the status line."""
        return {field: getattr(self, field) for field in self.FIELDS[1:]}

    @property
    def penalizes(self) -> bool:
        """Whether it adds anything to the objective at all (not ``none``, ``lam > 0``)."""
        return self.lam > 0

    @property
    def strength(self) -> str:
        """The name of what it can hold at 0 (:meth:`capacity_at_zero`), as captions write it:
        ``lam``, or ``lam·l1_ratio`` when only a share of ``lam`` does."""
        return "lam"

    @property
    def convex(self) -> bool:
        """Whether ``R`` is convex: then every run reaches the same minimum, wherever it starts."""
        return True

    @property
    def fading(self) -> str:
        """The slope of the part of its pull that fades to nothing at 0, as captions write it
        (``2·lam``: L2 pulls with ``2·lam·|w|``); ``""`` when it has no such part."""
        return ""

    def fading_pull(self, weight: str = "|w|") -> str:
        """The part of its pull that fades to nothing at 0, on ``weight``, as captions write it
        (``2·lam·|w|``); ``""`` when it has none."""
        return f"{self.fading}·{weight}" if self.fading else ""

    # -- the maths every penalty answers -----------------------------------------------------
    def per_weight(self, w: np.ndarray) -> np.ndarray:
        """``lam * r(w_j)`` for each entry of ``w``: the penalty of each weight alone."""
        raise NotImplementedError

    def value(self, w: np.ndarray) -> float:
        """``lam * R(w)``."""
        return float(self.per_weight(w).sum())

    def grad(self, w: np.ndarray) -> np.ndarray:
        """A subgradient of ``lam * R`` at ``w`` (the subgradient steps take it); each penalty
        says which one it gives where ``R`` has no derivative."""
        raise NotImplementedError

    def curvature(self, w: np.ndarray) -> np.ndarray:
        """``lam * r''(w_j)`` for each nonzero entry: how fast its pull grows with the weight."""
        raise NotImplementedError

    def prox(self, v: np.ndarray, step: float | np.ndarray) -> np.ndarray:
        """``argmin_x 1/2 ||x - v||^2 + step * lam * R(x)``, entry by entry; ``step`` is a
        number or one per entry of ``v`` (``R`` is separable: each entry is its own problem,
        as Adam's metric needs, :func:`l1l2_tui.engine.adam_l1.adam_prox`)."""
        raise NotImplementedError

    def pull(self, w: np.ndarray) -> np.ndarray:
        """How hard it pulls each weight towards 0, ``lam * |r'(w_j)|``; at ``w_j = 0`` the most
        it can hold back there (:meth:`capacity_at_zero`)."""
        raise NotImplementedError

    def capacity_at_zero(self) -> float:
        """The largest data pull a weight at exactly 0 can feel and stay there: along its axis
        (the others held) 0 is a minimizer near 0 (for a convex penalty, the minimizer) exactly
        while the data's pull at ``w_j = 0`` is at most this. 0 for a penalty smooth at 0, which
        holds nothing there; infinite for one whose pull grows without bound near 0."""
        raise NotImplementedError

    def dead_zone(self, step: float) -> float:
        """Half the width of the set of ``v`` that :meth:`prox` at ``step`` sends to exactly 0:
        the prox step's threshold (0 when it sends only 0 there)."""
        raise NotImplementedError

    def level_set(
        self, point: tuple[float, float] | np.ndarray, num_points: int = 121
    ) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
        """``{(x, y) : R(x) + R(y) = R(a) + R(b)}`` through ``point = (a, b)`` in the plane of
        two weights, as closed polylines (``lam`` scales ``R`` and leaves the set alone); ``()``
        for a penalty that penalizes nothing."""
        raise NotImplementedError

    def pull_graph(self, low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
        """The signed pull ``lam * r'(w)`` against ``w`` from ``low`` to ``high`` (``low < 0 <
        high``) as a polyline, with the whole segment ``[-c, c]`` at ``w = 0``, ``c`` its
        :meth:`capacity_at_zero`: what it can hold there."""
        raise NotImplementedError

    def smooth_curvature(self) -> float:
        """The Lipschitz constant of the gradient of its differentiable part: a step that
        differentiates that part is measured against the data's constant plus this."""
        raise NotImplementedError

    def rescaled(self, factor: float) -> Penalty:
        """The penalty that states the same problem with every weight ``factor`` times larger
        and the data loss ``factor**2`` times (the target in units ``factor`` times smaller):
        its minimizers are exactly ``factor`` times the old ones."""
        raise NotImplementedError

    def as_elastic_net(self) -> tuple[float, float] | None:
        """``(a, q)`` when the penalty is ``a ||w||_1 + q ||w||^2``, for the solvers written for
        that form (the active set, proximal Newton, the cumulative penalty); ``None`` for any
        other penalty."""
        return None
