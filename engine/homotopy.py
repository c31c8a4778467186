"""The exact lasso path for least squares, by homotopy (LARS with the lasso modification): every
``lam`` where a weight enters or leaves, and the weights there.

For each ``lam >= 0`` the lasso minimizes

    F(w, b) = 1/(2n) * ||y - X w - b||^2  +  lam * ||w||_1

over ``w`` and the intercept ``b`` (fitted, never penalized), on ``X`` as given (the project's
problems come standardized). With ``Xc``, ``yc`` the centred data, ``G = Xc' Xc / n`` and
``c = Xc' yc / n``, the solution ``w(lam)`` is piecewise linear in ``lam``: on each piece the
active set ``A`` (the nonzero weights) and their signs ``s`` are fixed and the optimality
conditions ``G_AA w_A = c_A - lam s_A`` give ``w_A(lam) = G_AA^-1 (c_A - lam s_A)``. Lowering
``lam`` from ``lam_max = max_j |c_j|`` (where ``w = 0``), a piece ends at a knot where

- a weight off ``A`` enters: its correlation ``c_j - G_j w(lam)`` reaches ``+-lam``;
- a weight on ``A`` leaves: it reaches 0 (the lasso modification; plain LARS would let it
  change sign).

Efron, Hastie, Johnstone and Tibshirani, "Least angle regression", Annals of Statistics 32(2),
2004 (section 3.1, the lasso modification); Osborne, Presnell and Turlach, "A new approach to
variable selection in least squares problems", IMA J. Numer. Anal. 20, 2000 (the homotopy).
scikit-learn's ``lars_path(Xc, yc, method="lasso")`` computes the same knots: its ``alphas``
are our ``lam`` (it scales the correlations by ``1/n`` as we do) once the data are centred.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from l1l2_tui.engine.path import RegularizationPath, lam_grid
from l1l2_tui.engine.penalties import L1

EventKind = Literal["enter", "leave"]

RESOLUTION = 1e-12
"""Knots below ``RESOLUTION * lam_max`` are rounding noise (the correlations are known to about
1e-16 of their size): the path runs straight from there to ``lam_min``."""


@dataclass(frozen=True)
class PathEvent:
    """``feature`` enters (becomes nonzero below ``lam``) or leaves (is 0 from ``lam`` down)."""

    feature: int
    lam: float
    kind: EventKind


@dataclass(frozen=True)
class HomotopyPath:
    """The knots ``lams`` (descending from ``lam_max`` to the end of the path), the weights
    ``weights[k]`` at ``lams[k]`` and the events, in the order they happen. Between two knots
    the weights are linear in ``lam``. One knot may carry several events (ties)."""

    lams: np.ndarray
    weights: np.ndarray
    intercepts: np.ndarray
    """The fitted intercept ``mean(y) - mean(X) @ w`` at each knot."""
    events: tuple[PathEvent, ...]

    @property
    def lam_max(self) -> float:
        return float(self.lams[0])

    @property
    def nonzero(self) -> np.ndarray:
        """How many weights are nonzero at each knot."""
        return np.count_nonzero(self.weights, axis=1)

    def weights_at(self, lam: float) -> np.ndarray:
        """The lasso solution at ``lam``: 0 at or above ``lam_max``, linear between knots.
        Raises ValueError below the path's last knot."""
        return self._between(self.weights, lam)

    def intercept_at(self, lam: float) -> float:
        """The fitted intercept at ``lam`` (linear between knots, as the weights are)."""
        return float(self._between(self.intercepts, lam))

    def _between(self, values: np.ndarray, lam: float) -> np.ndarray:
        """``values`` (one row a knot) at ``lam``, linear between knots."""
        if lam >= self.lams[0]:
            return values[0].copy()
        if lam < self.lams[-1]:
            raise ValueError(f"lam {lam} is below the path's end, {self.lams[-1]}")
        k = int(np.searchsorted(-self.lams, -lam, side="right")) - 1
        if self.lams[k] == lam or k + 1 == len(self.lams):
            return values[k].copy()
        share = (self.lams[k] - lam) / (self.lams[k] - self.lams[k + 1])
        return (1.0 - share) * values[k] + share * values[k + 1]

    def sampled(self, num: int = 400, lam_min_ratio: float = 1e-3) -> RegularizationPath:
        """The exact path on ``num`` lams evenly spaced in log from ``lam_max`` down to
        ``lam_min_ratio * lam_max``, with every knot in that range among them: what a plot over
        log(lam) draws (a straight piece in lam bends on that axis). A constant target's path
        (``lam_max = 0``) is all zero on :func:`~l1l2_tui.engine.path.lam_grid`'s fallback."""
        grid = lam_grid(self.lam_max, num, lam_min_ratio)
        knots = self.lams[(self.lams <= grid[0]) & (self.lams >= grid[-1])]
        lams = np.unique(np.concatenate([grid, knots]))[::-1]
        lams = lams[lams >= self.lams[-1]]
        weights = np.array([self.weights_at(float(lam)) for lam in lams])
        intercepts = np.array([self.intercept_at(float(lam)) for lam in lams])
        return RegularizationPath(L1(self.lam_max), self.lam_max, lams, weights, intercepts)

    def events_of(self, feature: int) -> tuple[PathEvent, ...]:
        """``feature``'s events, from ``lam_max`` down: it enters, may leave and return."""
        return tuple(event for event in self.events if event.feature == feature)


def lasso_homotopy(
    X: np.ndarray, y: np.ndarray, lam_min: float = 0.0, max_knots: int | None = None
) -> HomotopyPath:
    """The exact lasso path from ``lam_max`` down to ``lam_min`` (module docstring).

    Below ``RESOLUTION * lam_max`` the path runs straight to ``lam_min`` (one piece, no events).
    The path stops early, at its last knot, if the active set's Gram matrix ``G_AA`` turns
    singular (features that are linearly dependent, such as duplicated columns; for data in
    general position this happens only at ``lam = 0``) or after ``max_knots`` knots (default
    ``50 d + 100``). With more features than samples the centred design has rank at most
    ``n - 1``, and so, at every ``lam > 0``, has the active set."""
    if lam_min < 0:
        raise ValueError(f"lam_min must be >= 0, not {lam_min}")
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    x_mean, y_mean = X.mean(axis=0), float(y.mean())
    Xc, yc = X - x_mean, y - y_mean
    gram = Xc.T @ Xc / n if n >= d else None
    c = Xc.T @ yc / n
    limit = 50 * d + 100 if max_knots is None else max_knots

    def gram_times(columns: np.ndarray, u: np.ndarray) -> np.ndarray:
        """``G[:, columns] @ u``."""
        if gram is not None:
            return gram[:, columns] @ u
        return Xc.T @ (Xc[:, columns] @ u) / n

    def gram_block(columns: np.ndarray) -> np.ndarray:
        if gram is not None:
            return gram[np.ix_(columns, columns)]
        block = Xc[:, columns]
        return block.T @ block / n

    w = np.zeros(d)
    lam = float(np.abs(c).max(initial=0.0))
    resolution = RESOLUTION * lam
    lams, weights, events = [lam], [w.copy()], []
    active: list[int] = []
    signs = np.zeros(d)
    just_left, left_sign = -1, 0.0
    if lam > lam_min:
        first = int(np.argmax(np.abs(c)))
        active.append(first)
        signs[first] = np.sign(c[first])
        events.append(PathEvent(first, lam, "enter"))
    while active and lam > lam_min and len(lams) < limit:
        idx = np.array(active)
        try:
            u = np.linalg.solve(gram_block(idx), signs[idx])
        except np.linalg.LinAlgError:
            break
        if not np.all(np.isfinite(u)):
            break
        slope = gram_times(idx, u)  # d corr_j / d gamma = -slope_j, gamma = lam - new lam
        corr = c - gram_times(idx, w[idx])
        gamma_end = lam - lam_min
        gamma, event_feature, kind = gamma_end, -1, "end"
        inactive = np.ones(d, dtype=bool)
        inactive[idx] = False
        with np.errstate(divide="ignore", invalid="ignore"):
            up = np.where(1.0 - slope > 0.0, np.maximum(lam - corr, 0.0) / (1.0 - slope), np.inf)
            down = np.where(1.0 + slope > 0.0, np.maximum(lam + corr, 0.0) / (1.0 + slope), np.inf)
        if just_left >= 0:
            # It sits on the side it left from and moves inwards: only rounding could bring
            # it back there at once.
            (up if left_sign > 0 else down)[just_left] = np.inf
        entering = np.where(inactive, np.minimum(up, down), np.inf)
        j = int(np.argmin(entering))
        if entering[j] < gamma:
            gamma, event_feature, kind = float(entering[j]), j, "enter"
        with np.errstate(divide="ignore", invalid="ignore"):
            crossing = -w[idx] / u
        crossing = np.where((w[idx] != 0.0) & (crossing > 0.0), crossing, np.inf)
        k = int(np.argmin(crossing))
        if crossing[k] < gamma:
            gamma, event_feature, kind = float(crossing[k]), int(idx[k]), "leave"
        if kind != "end" and lam - gamma <= max(lam_min, resolution):
            gamma, kind = gamma_end, "end"
        w[idx] += gamma * u
        lam = lam_min if kind == "end" else lam - gamma
        just_left = -1
        if kind == "enter":
            active.append(event_feature)
            signs[event_feature] = (
                1.0 if corr[event_feature] - gamma * slope[event_feature] > 0 else -1.0
            )
        elif kind == "leave":
            active.remove(event_feature)
            w[event_feature] = 0.0
            just_left, left_sign = event_feature, signs[event_feature]
            signs[event_feature] = 0.0
        lams.append(lam)
        weights.append(w.copy())
        if kind != "end":
            events.append(PathEvent(event_feature, lam, kind))
    path_weights = np.array(weights)
    return HomotopyPath(np.array(lams), path_weights, y_mean - path_weights @ x_mean, tuple(events))
