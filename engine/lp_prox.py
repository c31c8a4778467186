"""The penalties ``lam * sum |w_j|^p`` (``0 < p <= 2``) and ``lam * #{j : w_j != 0}`` (L0): their
exact proximal maps, thresholds, and level sets; :class:`~l1l2_tui.engine.penalties.lp.Lp` and
:class:`~l1l2_tui.engine.penalties.l0.L0` are the penalties built on them.

The scalar prox of ``lam |x|^p`` is

    prox(v) = argmin_x 1/2 (x - v)^2 + lam |x|^p.

Its solution has the sign of ``v``; its size ``x >= 0`` is 0 or solves the stationarity
condition ``x + lam p x^(p - 1) = |v|``.

- ``p > 1``: the penalty is smooth at 0 and its pull ``lam p |x|^(p - 1)`` fades there; the
  condition has one root in ``(0, |v|]`` for every ``v != 0``. No dead zone: the prox is 0 only
  at ``v = 0``. At ``p = 2`` it is ``v / (1 + 2 lam)``.
- ``p = 1``: soft-thresholding at ``lam``, exactly 0 on the dead zone ``|v| <= lam``.
- ``p < 1``: the penalty is not convex. The objective has a local minimum at 0 for every ``v``
  and a second one at the larger root of the condition when ``|v|`` is large enough; the prox
  is the better of the two, 0 for ``|v| <= tau`` with

      tau(p, lam) = (2 - p) (2 (1 - p))^(-(1 - p)/(2 - p)) lam^(1/(2 - p)),

  and jumps at ``|v| = tau`` from 0 to ``(2 lam (1 - p))^(1/(2 - p))`` (where both minima tie;
  0 is returned there). At the jump ``x = (2 lam (1 - p))^(1/(2 - p))`` solves both the
  stationarity condition and ``1/2 (x - v)^2 + lam x^p = 1/2 v^2``, which gives ``tau``.
  As ``p -> 1`` the threshold tends to ``lam`` and the jump to 0 (soft-thresholding); as
  ``p -> 0`` both tend to ``sqrt(2 lam)``, hard thresholding, the prox of L0.

Sources: the ``p = 1/2`` closed form is Xu, Chang, Xu and Zhang's half thresholding ("L1/2
regularization: a thresholding representation theory and a fast solver", IEEE TNNLS 23(7),
2012), the ``p = 2/3`` one Cao, Sun and Xu's ("Fast image deconvolution using closed-form
thresholding formulas of Lq (q = 1/2, 2/3) regularization", J. Vis. Commun. Image Represent.
24(1), 2013); both papers state them for ``(x - v)^2 + lam' |x|^p``, our problem with
``lam' = 2 lam``. The threshold and the jump for general ``p < 1`` are Marjanovic and Solo's
("On lq optimization and matrix completion", IEEE TSP 60(11), 2012). Hard thresholding for L0
is Blumensath and Davies's ("Iterative thresholding for sparse approximations", J. Fourier
Anal. Appl. 14, 2008). skglm's ``L0_5`` and ``L2_3`` penalties (``prox_05``, ``prox_2_3``) solve
the same scalar problems.
"""

from __future__ import annotations

import math

import numpy as np

from l1l2_tui.engine.penalties.elastic_net import soft_threshold

Polyline = tuple[np.ndarray, np.ndarray]

NEWTON_STEPS = 100
"""More Newton steps than any root here needs: from the starts below each converges
monotonically, quadratically once close."""


def check_p(p: float) -> None:
    """Refuse an exponent outside ``(0, 2]``."""
    if not (0.0 < p <= 2.0):
        raise ValueError(f"p must lie in (0, 2], not {p}")


def check_lam(lam: float) -> None:
    if not (lam >= 0.0 and math.isfinite(lam)):
        raise ValueError(f"lam must be a finite number >= 0, not {lam}")


def lp_threshold(p: float, lam: float) -> float:
    """The largest ``|v|`` whose prox of ``lam |x|^p`` is 0: ``tau(p, lam)`` of the module
    docstring for ``p < 1``, ``lam`` at ``p = 1`` (soft-thresholding's dead zone) and 0 for
    ``p > 1`` (no dead zone)."""
    check_p(p)
    check_lam(lam)
    if p > 1.0:
        return 0.0
    if p == 1.0:
        return float(lam)
    return (2.0 - p) * (2.0 * (1.0 - p)) ** (-(1.0 - p) / (2.0 - p)) * lam ** (1.0 / (2.0 - p))


def lp_jump(p: float, lam: float) -> float:
    """The smallest nonzero size the prox of ``lam |x|^p`` takes: its value just past the
    threshold, ``(2 lam (1 - p))^(1/(2 - p))`` for ``p < 1`` and 0 for ``p >= 1`` (a
    continuous map)."""
    check_p(p)
    check_lam(lam)
    if p >= 1.0:
        return 0.0
    return (2.0 * lam * (1.0 - p)) ** (1.0 / (2.0 - p))


def prox_lp(v: np.ndarray, lam: float, p: float) -> np.ndarray:
    """``argmin_x 1/2 (x - v)^2 + lam |x|^p`` for each entry of ``v`` (finite), exactly.

    ``p = 1``: :func:`soft_threshold`; ``p = 2``: ``v / (1 + 2 lam)``; ``p = 1/2`` and
    ``p = 2/3`` (as the floats ``0.5`` and ``2/3``): the closed forms :func:`prox_half` and
    :func:`prox_two_thirds`; any other ``p``: :func:`prox_lp_newton`."""
    check_p(p)
    check_lam(lam)
    v = np.asarray(v, dtype=float)
    if lam == 0.0:
        return v + 0.0
    if p == 1.0:
        return soft_threshold(v, lam)
    if p == 2.0:
        return v / (1.0 + 2.0 * lam)
    if p == 0.5:
        return prox_half(v, lam)
    if p == 2.0 / 3.0:
        return prox_two_thirds(v, lam)
    return prox_lp_newton(v, lam, p)


def prox_half(v: np.ndarray, lam: float) -> np.ndarray:
    """``argmin_x 1/2 (x - v)^2 + lam |x|^(1/2)`` by Xu et al.'s half thresholding (2012):
    0 for ``|v| <= tau = 3/2 lam^(2/3)``, else

        x = 2/3 v (1 + cos(2 pi/3 - 2/3 phi)),   phi = arccos(lam/4 (|v|/3)^(-3/2)).

    (Their ``lam'`` is ``2 lam``.)"""
    check_lam(lam)
    v = np.asarray(v, dtype=float)
    if lam == 0.0:
        return v + 0.0
    out = np.zeros_like(v)
    big = np.abs(v) > lp_threshold(0.5, lam)
    u = v[big]
    phi = np.arccos(lam / 4.0 * (np.abs(u) / 3.0) ** -1.5)
    out[big] = 2.0 / 3.0 * u * (1.0 + np.cos(2.0 * np.pi / 3.0 - 2.0 / 3.0 * phi))
    return out


def prox_two_thirds(v: np.ndarray, lam: float) -> np.ndarray:
    """``argmin_x 1/2 (x - v)^2 + lam |x|^(2/3)`` by Cao, Sun and Xu's closed form (2013), with
    their ``lam' = 2 lam``: 0 for ``|v| <= tau = 2/3 (3 lam'^3)^(1/4)``, else

        x = sign(v) ((A + sqrt(2 |v| / A - A^2)) / 2)^3,
        A = 2/sqrt(3) lam'^(1/4) cosh(phi/3)^(1/2),   phi = arccosh(27/16 v^2 lam'^(-3/2))."""
    check_lam(lam)
    v = np.asarray(v, dtype=float)
    if lam == 0.0:
        return v + 0.0
    out = np.zeros_like(v)
    big = np.abs(v) > lp_threshold(2.0 / 3.0, lam)
    u = v[big]
    lam2 = 2.0 * lam
    phi = np.arccosh(27.0 / 16.0 * u * u * lam2**-1.5)
    a = 2.0 / math.sqrt(3.0) * lam2**0.25 * np.sqrt(np.cosh(phi / 3.0))
    out[big] = np.sign(u) * ((a + np.sqrt(2.0 * np.abs(u) / a - a * a)) / 2.0) ** 3
    return out


def prox_lp_newton(v: np.ndarray, lam: float, p: float) -> np.ndarray:
    """``argmin_x 1/2 (x - v)^2 + lam |x|^p`` for any ``p`` in ``(0, 2)``, by Newton's method on
    the stationarity condition ``phi(x) = x + lam p x^(p - 1) - |v| = 0``, to machine precision.

    ``p > 1``: ``phi`` is increasing and concave in ``x`` but convex in ``s = log x``; Newton's
    steps in ``s`` from ``s0 = log min(|v|, (|v| / (lam p))^(1/(p - 1)))``, where ``phi >= 0``,
    fall monotonically to the root (no overshoot on an increasing convex function), and one
    last step in ``x`` polishes it. Working in ``s`` keeps roots as small as
    ``(|v| / (lam p))^(1/(p - 1))`` for ``p`` near 1 from underflowing the iteration.

    ``p < 1``: only ``|v| > tau`` (:func:`lp_threshold`) has a nonzero prox, whose size is the
    larger root of ``phi``, at least the jump ``x_t`` (:func:`lp_jump`). On ``[x_t, |v|]``
    ``phi`` is convex and increasing (``phi'(x) >= 1 - p/2 > 0``), so Newton's steps from
    ``x0 = |v|`` (where ``phi > 0``) fall monotonically to it. That this root beats 0 exactly
    when ``|v| > tau`` is the threshold's definition; the tests check it on the objective."""
    check_p(p)
    check_lam(lam)
    if p == 2.0:
        return np.asarray(v, dtype=float) / (1.0 + 2.0 * lam)
    v = np.asarray(v, dtype=float)
    size = np.abs(v)
    out = np.zeros_like(v)
    if lam == 0.0:
        return v + 0.0
    moving = size > lp_threshold(p, lam) if p <= 1.0 else size > 0.0
    r = size[moving]
    if p == 1.0:
        x = r - lam
    elif p > 1.0:
        x = _root_above_one(r, lam, p)
    else:
        x = _root_below_one(r, lam, p)
    out[moving] = np.sign(v[moving]) * x
    return out + 0.0


def _root_above_one(r: np.ndarray, lam: float, p: float) -> np.ndarray:
    """The root of ``x + lam p x^(p - 1) = r`` (``1 < p < 2``, ``r > 0``), see
    :func:`prox_lp_newton`."""
    k, c = p - 1.0, lam * p
    log_r = np.log(r)
    s = np.minimum(log_r, (log_r - math.log(c)) / k)
    for _ in range(NEWTON_STEPS):
        e, ek = np.exp(s), c * np.exp(k * s)
        value = e + ek - r
        step = np.where(value > 0.0, value / (e + k * ek), 0.0)
        s = s - step
        if not np.any(step > 4.0 * np.finfo(float).eps * np.maximum(np.abs(s), 1.0)):
            break
    x = np.exp(s)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        polish = (x + c * x**k - r) / (1.0 + c * k * x ** (k - 1.0))
    return np.where(np.isfinite(polish) & (x > 0.0), x - polish, x)


def _root_below_one(r: np.ndarray, lam: float, p: float) -> np.ndarray:
    """The larger root of ``x + lam p x^(p - 1) = r`` (``0 < p < 1``, ``r > tau``), see
    :func:`prox_lp_newton`."""
    c, k = lam * p, p - 1.0
    x = r.copy()
    for _ in range(NEWTON_STEPS):
        value = x + c * x**k - r
        step = np.where(value > 0.0, value / (1.0 + c * k * x ** (k - 1.0)), 0.0)
        x = x - step
        if not np.any(step > 4.0 * np.finfo(float).eps * x):
            break
    return x


def prox_l0(v: np.ndarray, lam: float) -> np.ndarray:
    """``argmin_x 1/2 (x - v)^2 + lam [x != 0]`` for each entry: hard thresholding, ``v`` where
    ``|v| > sqrt(2 lam)`` and 0 elsewhere (at ``|v| = sqrt(2 lam)`` both tie; 0 is returned).
    Blumensath and Davies (2008)."""
    check_lam(lam)
    v = np.asarray(v, dtype=float)
    return np.where(np.abs(v) > math.sqrt(2.0 * lam), v, 0.0) + 0.0


def lp_level_set(p: float, level: float, num_points: int = 121) -> Polyline:
    """The closed curve ``{(x, y) : |x|^p + |y|^p = level}`` (``p > 0``, ``level >= 0``): a
    diamond at ``p = 1``, a circle at ``p = 2``, a star with cusps on the axes for ``p < 1``.

    Along each ray ``(cos t, sin t)`` the radius is
    ``rho = (level / (|cos t|^p + |sin t|^p))^(1/p)``, for ``4m + 1`` angles evenly spaced on
    ``[0, 2 pi]`` (``m = ceil((num_points - 1) / 4)``), so the four points on the axes (the
    tips, at distance ``level^(1/p)``) are included exactly, as in
    :meth:`l1l2_tui.engine.penalties.Penalty.level_set`. The level set through a point
    ``(a, b)`` has ``level = |a|^p + |b|^p``."""
    if not p > 0.0:
        raise ValueError(f"p must be > 0, not {p}")
    if not (level >= 0.0 and math.isfinite(level)):
        raise ValueError(f"level must be a finite number >= 0, not {level}")
    m = max(1, math.ceil((int(num_points) - 1) / 4))
    t = np.linspace(0.0, 2.0 * math.pi, 4 * m + 1)
    cos, sin = np.cos(t), np.sin(t)
    cos[::m], sin[::m] = (1.0, 0.0, -1.0, 0.0, 1.0), (0.0, 1.0, 0.0, -1.0, 0.0)
    rho = (level / (np.abs(cos) ** p + np.abs(sin) ** p)) ** (1.0 / p)
    return rho * cos + 0.0, rho * sin + 0.0
