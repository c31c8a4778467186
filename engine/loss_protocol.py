"""What a data loss is to the rest of the engine: the :class:`Loss` protocol, and the
:class:`Plane` and :class:`WeightSlice` a loss gives for the views of two weights and of one.

A loss is one module (:mod:`l1l2_tui.engine.loss` is least squares,
:mod:`l1l2_tui.engine.logistic` the logistic loss): its value and gradient, and everything else
that differs by loss, the plane, the slice, the exact solver, the data's pull at 0. The
optimizers, the path, the views and the claims ask the protocol and never which loss it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import numpy as np

if TYPE_CHECKING:
    from l1l2_tui.engine.penalties import Penalty
    from l1l2_tui.engine.posterior import Likelihood

Polyline = tuple[np.ndarray, np.ndarray]
"""``(x, y)``: the points of one curve, in order, to be joined by straight segments."""
LevelSets = tuple[np.ndarray, tuple[tuple[Polyline, ...], ...], tuple[Polyline, ...]]
"""``(levels, contours, optimum_contour)``: what :meth:`Plane.level_sets` gives."""


class Loss(Protocol):
    """What an optimizer needs of a data loss ``f(w, b)`` (``b`` the intercept, never
    penalized): its value and gradients, over all rows or a minibatch of them, and the
    Lipschitz constant of its gradient. jaxopt's solvers likewise take ``fun`` and know nothing
    else of the problem.

    A loss may fit the intercept in closed form: its ``evaluate`` is then ``min_b f(w, b)``,
    its ``grad_b`` is 0 and :meth:`intercept` gives the fitted ``b``.
    """

    n: int
    d: int
    affine_gradient: bool
    """Whether the gradient is affine in ``(w, b)`` (FISTA saves a gradient a step then). A
    loss whose gradient is not is a function of the raw prediction ``X w + b``: it has
    ``raw_prediction(w, b)`` (a product with ``X``), ``value_at(raw)`` (none) and
    ``grad_at(raw) -> (df/dw, df/db)`` (one), so FISTA takes two products a step."""
    has_units: bool
    """Whether its target has units to change (least squares); labels have none."""

    @property
    def lipschitz(self) -> float: ...

    @property
    def row_curvature(self) -> float:
        """The largest curvature of one row's loss: it bounds the curvature of a minibatch
        (see :func:`l1l2_tui.engine.optimizers.minibatch_curvature`)."""
        ...

    def evaluate(self, w: np.ndarray, b: float) -> tuple[float, np.ndarray, float]:
        """``(f(w, b), df/dw, df/db)``."""
        ...

    def batch_grad(self, w: np.ndarray, b: float, rows: np.ndarray) -> tuple[np.ndarray, float]:
        """``(df/dw, df/db)`` of the loss over ``rows`` alone (the mean over those rows)."""
        ...

    def intercept(self, w: np.ndarray, b: float) -> float:
        """The intercept of the model at ``(w, b)``."""
        ...

    def pull_at_zero(self, w: np.ndarray, b: float, grad: np.ndarray) -> np.ndarray:
        """``df/dw_j`` at ``(w, b)`` with ``w_j`` set to 0 and the other weights and ``b`` as
        they are, for each ``j`` (``grad`` is ``df/dw`` at ``(w, b)``). ``w_j = 0`` is the best
        value of ``w_j`` (the others held) exactly when this is within what the penalty holds
        at 0 (:meth:`Penalty.capacity_at_zero`: ``a`` for an L1 part ``a``)."""
        ...

    def grad_at_origin(self) -> np.ndarray:
        """``df/dw`` at ``w = 0`` with the intercept at its best there: the data's pull on each
        weight before any moved, which decides ``lam_max``."""
        ...

    def intercept_at_origin(self) -> float:
        """The best intercept at ``w = 0``."""
        ...

    def accuracy(self, w: np.ndarray, b: float) -> float | None:
        """The share of rows the model at ``(w, b)`` classifies right; ``None`` for a loss that
        does not classify."""
        ...

    def solve(
        self,
        penalty: Penalty,
        w0: np.ndarray | None = None,
        b0: float = 0.0,
        tol: float = 1e-9,
    ) -> tuple[np.ndarray, float]:
        """The minimizer ``(w, b)`` of ``f + lam R`` exactly (to ``tol``), warm-started at
        ``(w0, b0)``."""
        ...

    def likelihood(self) -> Likelihood:
        """How the loss is a negative log-likelihood, so that the objective is a negative log
        posterior (:mod:`l1l2_tui.engine.posterior`); ValueError when it cannot be said (least
        squares with too few rows to estimate the noise variance)."""
        ...

    def plane(self, w: np.ndarray, b: float, i: int, j: int) -> Plane:
        """The loss on the plane of ``(w_i, w_j)``, the other weights held at ``w`` (entries
        ``i`` and ``j`` ignored) and an intercept the optimizer fits at ``b``."""
        ...

    def weight_slice(
        self,
        w: np.ndarray,
        b: float,
        grad: np.ndarray,
        penalty: Penalty,
        j: int,
        factor: float = 1.0,
        value: float | None = None,
    ) -> WeightSlice:
        """The objective along ``w_j`` at ``(w, b)`` (``grad`` and ``value`` the loss's
        gradient and value there, ``value`` evaluated when not given), stated with the target in
        units ``factor`` times smaller (``ValueError`` unless 1 for a loss with no units)."""
        ...


class Plane(Protocol):
    """A data loss ``f(a, b)`` on the plane of ``(w_i, w_j)``, the other weights (and an
    intercept the optimizer fits) held where they were.

    ``center`` is the unpenalized optimum in the plane (``None`` when there is none: the loss
    falls for ever along some direction); ``minimum`` is ``f`` there, ``offset`` is ``f(0, 0)``;
    ``ellipses``: its level sets are ellipses (a quadratic loss)."""

    i: int
    j: int
    rest: np.ndarray
    center: np.ndarray | None
    minimum: float
    offset: float
    ellipses: bool

    def value(self, a: np.ndarray | float, b: np.ndarray | float) -> np.ndarray:
        """``f(a, b)`` elementwise."""
        ...

    def weights(self, a: float, b: float) -> np.ndarray:
        """The full weight vector: ``rest`` with ``w_i = a`` and ``w_j = b``."""
        ...

    def optimum(self, penalty: Penalty, start: np.ndarray | None = None) -> np.ndarray:
        """``argmin_(a, b) f(a, b) + lam * (r(a) + r(b))``, from ``start`` if the solver needs
        one; without a penalty the center (or, with none, ``start``)."""
        ...

    def level_sets(
        self, point: np.ndarray, optimum: np.ndarray, count: int, num_points: int
    ) -> LevelSets:
        """``count`` levels from the minimum to the larger loss of the origin and ``point``,
        evenly spaced in size (:func:`l1l2_tui.engine.geometry.contour_levels`), the level set
        at each, and the one through ``optimum``; ``num_points`` points an exact curve."""
        ...


class WeightSlice(Protocol):
    """The objective along ``w_j``, the other weights held: the data loss ``f`` along the weight
    (``data_loss``, ``data_pull = -f'``), the penalty, and what they make together.

    ``feature`` is ``j``, ``weight`` the current ``w_j``, ``grad`` the data gradient there,
    ``quadratic``: ``f`` is a parabola. ``pull_at_zero`` is the data's pull at ``w_j = 0``,
    ``f'(0)``, and ``threshold`` what the penalty holds there; ``center`` the unpenalized
    minimizer (``+-inf`` when ``f`` falls for ever), ``floor`` ``f``'s least value (or its
    infimum) and ``minimizer`` the objective's."""

    feature: int
    weight: float
    grad: float
    penalty: Penalty
    quadratic: bool

    @property
    def pull_at_zero(self) -> float: ...

    @property
    def threshold(self) -> float: ...

    @property
    def center(self) -> float: ...

    @property
    def floor(self) -> float: ...

    @property
    def minimizer(self) -> float: ...

    def data_loss(self, w: np.ndarray) -> np.ndarray: ...

    def data_pull(self, w: np.ndarray) -> np.ndarray: ...

    def penalty_value(self, w: np.ndarray) -> np.ndarray: ...

    def objective(self, w: np.ndarray) -> np.ndarray: ...
