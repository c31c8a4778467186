"""The Lp and L0 proximal maps against brute-force minimization, the papers' closed forms (written
here independently), the threshold formula, their optimality conditions, continuity in p, and
L1 at p = 1."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l1l2_tui.engine import make_penalty, soft_threshold
from l1l2_tui.engine.lp_prox import (
    lp_jump,
    lp_level_set,
    lp_threshold,
    prox_half,
    prox_l0,
    prox_lp,
    prox_lp_newton,
    prox_two_thirds,
)

FAST = settings(max_examples=60, deadline=None)
PS = (0.1, 0.3, 0.5, 2.0 / 3.0, 0.8, 0.95, 1.0, 1.05, 1.3, 1.5, 1.9, 2.0)
LAMS = (1e-3, 0.25, 1.0, 4.0)


def objective(x: np.ndarray, v: float, lam: float, p: float) -> np.ndarray:
    return 0.5 * (x - v) ** 2 + lam * np.abs(x) ** p


def grid_argmin(v: float, lam: float, p: float) -> tuple[float, float]:
    """The best point of a fine grid (and its value), refined on a finer grid around it: 0 and
    spacings of 1e-10 at the end."""
    span = abs(v) + 1.0
    x = np.linspace(-span, span, 400_001)
    best = x[np.argmin(objective(x, v, lam, p))]
    h = x[1] - x[0]
    fine = np.append(np.linspace(best - 2 * h, best + 2 * h, 200_001), 0.0)
    values = objective(fine, v, lam, p)
    return float(fine[np.argmin(values)]), float(values.min())


@pytest.mark.parametrize("p", PS)
@pytest.mark.parametrize("lam", (0.25, 1.0))
def test_prox_is_the_brute_force_argmin(p, lam):
    """Never worse than the grid, within 1e-9 of its value; the point agrees to 1e-6 (near
    the minimum the objective is flat to rounding within about sqrt(1e-16) of it, so values
    cannot place the argmin closer)."""
    for v in np.linspace(-4.0, 4.0, 17) + 0.0123:
        x = float(prox_lp(np.array([v]), lam, p)[0])
        best, best_value = grid_argmin(v, lam, p)
        value = float(objective(np.array(x), v, lam, p))
        assert best_value - 1e-9 < value <= best_value + 1e-14
        assert abs(x - best) < 1e-6, (v, x, best)


def xu_half(v: np.ndarray, lam2: float) -> np.ndarray:
    """Xu et al. (2012) as printed, for ``(x - v)^2 + lam2 |x|^(1/2)``."""
    threshold = 54 ** (1 / 3) / 4 * lam2 ** (2 / 3)
    phi = np.arccos(lam2 / 8 * (np.abs(v) / 3) ** (-3 / 2))
    x = 2 / 3 * v * (1 + np.cos(2 * np.pi / 3 - 2 / 3 * phi))
    return np.where(np.abs(v) > threshold, x, 0.0)


def cao_two_thirds(v: np.ndarray, lam2: float) -> np.ndarray:
    """Cao, Sun and Xu (2013) as printed, for ``(x - v)^2 + lam2 |x|^(2/3)``."""
    threshold = 2 / 3 * (3 * lam2**3) ** (1 / 4)
    phi = np.arccosh(27 / 16 * v**2 * lam2 ** (-3 / 2))
    a = 2 / np.sqrt(3) * lam2 ** (1 / 4) * np.cosh(phi / 3) ** (1 / 2)
    x = np.sign(v) * ((a + np.sqrt(2 * np.abs(v) / a - a**2)) / 2) ** 3
    return np.where(np.abs(v) > threshold, x, 0.0)


@pytest.mark.parametrize("lam", LAMS)
def test_closed_forms_match_the_papers_and_the_root_finder(lam):
    v = np.linspace(-30.0, 30.0, 6001)
    for p in (0.5, 2 / 3):  # at |v| = tau both minima tie and each side may pick either
        v = v[np.abs(np.abs(v) - lp_threshold(p, lam)) > 1e-9]
    with np.errstate(invalid="ignore", divide="ignore"):
        half, two_thirds = xu_half(v, 2 * lam), cao_two_thirds(v, 2 * lam)
    np.testing.assert_allclose(prox_half(v, lam), half, rtol=0, atol=1e-12)
    np.testing.assert_allclose(prox_two_thirds(v, lam), two_thirds, rtol=0, atol=1e-12)
    np.testing.assert_allclose(prox_lp_newton(v, lam, 0.5), half, rtol=0, atol=1e-11)
    np.testing.assert_allclose(prox_lp_newton(v, lam, 2 / 3), two_thirds, rtol=0, atol=1e-11)
    np.testing.assert_array_equal(prox_lp(v, lam, 0.5), prox_half(v, lam))
    np.testing.assert_array_equal(prox_lp(v, lam, 2 / 3), prox_two_thirds(v, lam))


@pytest.mark.parametrize("p", PS)
@pytest.mark.parametrize("lam", LAMS)
def test_stationarity_holds_off_zero(p, lam):
    v = np.concatenate([np.geomspace(1e-6, 1e3, 400), -np.geomspace(1e-6, 1e3, 400)])
    x = prox_lp(v, lam, p)
    moved = x != 0.0
    assert np.all(np.sign(x[moved]) == np.sign(v[moved]))
    assert np.all(np.abs(x) <= np.abs(v))
    a = np.abs(x[moved])
    residual = a + lam * p * a ** (p - 1) - np.abs(v[moved])
    np.testing.assert_allclose(residual, 0.0, atol=1e-12 * max(1.0, np.abs(v).max()))
    if p < 1:  # a local minimum, not the other root: the second derivative is positive
        assert np.all(1 + lam * p * (p - 1) * a ** (p - 2) > 0)


@pytest.mark.parametrize("p", [p for p in PS if p < 1])
@pytest.mark.parametrize("lam", LAMS)
def test_threshold_and_jump(p, lam):
    tau, jump = lp_threshold(p, lam), lp_jump(p, lam)
    # At the jump the stationarity condition holds at |v| = tau, and the two minima tie.
    assert jump + lam * p * jump ** (p - 1) == pytest.approx(tau, rel=1e-13)
    assert objective(np.array(jump), tau, lam, p) == pytest.approx(tau**2 / 2, rel=1e-12)
    below, above = tau * (1 - 1e-9), tau * (1 + 1e-9)
    x_below, x_above = prox_lp(np.array([below, above]), lam, p)
    assert x_below == 0.0
    assert x_above == pytest.approx(jump, rel=1e-4)
    # Just above tau the root beats 0 on the objective, just below 0 beats the root.
    root = prox_lp_newton(np.array([above]), lam, p)[0]
    assert objective(np.array(root), above, lam, p) < above**2 / 2
    assert float(prox_lp(np.array([tau]), lam, p)[0]) == 0.0


def test_threshold_at_one_and_above():
    assert lp_threshold(1.0, 0.3) == 0.3
    assert lp_threshold(1.5, 0.3) == 0.0
    assert lp_jump(1.0, 0.3) == 0.0
    for p in (1.1, 1.5, 2.0):
        x = prox_lp(np.array([1e-9, -1e-6, 0.01]), 0.3, p)
        assert np.all(x != 0.0), "no dead zone for p > 1"


def test_half_threshold_in_xu_scaling():
    lam2 = 1.7  # Xu et al.'s threshold 54^(1/3)/4 lam2^(2/3) is ours at lam = lam2/2
    assert lp_threshold(0.5, lam2 / 2) == pytest.approx(54 ** (1 / 3) / 4 * lam2 ** (2 / 3))


@pytest.mark.parametrize("lam", (0.25, 1.0, 3.0))
def test_continuity_in_p_at_one(lam):
    v = np.linspace(-5.0, 5.0, 2001)
    soft = soft_threshold(v, lam)
    for side in (-1.0, 1.0):
        errors = [
            np.abs(prox_lp(v, lam, 1.0 + side * eps) - soft).max() for eps in (1e-2, 1e-4, 1e-6)
        ]
        assert errors[0] > errors[1] > errors[2]
        assert errors[2] < 1e-4
    assert lp_threshold(1 - 1e-9, lam) == pytest.approx(lam, rel=1e-7)
    assert lp_jump(1 - 1e-9, lam) < 1e-8


def test_p_to_zero_is_hard_thresholding():
    lam = 0.8
    assert lp_threshold(1e-9, lam) == pytest.approx(math.sqrt(2 * lam), rel=1e-7)
    assert lp_jump(1e-9, lam) == pytest.approx(math.sqrt(2 * lam), rel=1e-7)
    v = np.linspace(-3, 3, 601)
    v = v[np.abs(np.abs(v) - math.sqrt(2 * lam)) > 1e-3]
    np.testing.assert_allclose(prox_lp(v, lam, 1e-6), prox_l0(v, lam), atol=1e-5)


@FAST
@given(v=st.floats(-50, 50).filter(lambda v: v == 0 or abs(v) > 1e-100), lam=st.floats(0, 20))
def test_l0_prox_is_the_better_of_zero_and_v(v, lam):
    x = float(prox_l0(np.array([v]), lam)[0])
    assert x in (0.0, v)
    if x == 0.0:
        assert v * v / 2 <= lam + 1e-15
    else:
        assert v * v / 2 > lam


def test_l0_ties_go_to_zero():
    lam = 0.5  # sqrt(2 lam) = 1
    np.testing.assert_array_equal(prox_l0(np.array([1.0, -1.0, 1.0000001]), lam), [0, 0, 1.0000001])


@FAST
@given(v=st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=8), lam=st.floats(0.0, 10.0))
def test_p_one_is_l1_exactly(v, lam):
    v = np.array(v)
    lp, l1 = make_penalty("lp", lam, p=1.0), make_penalty("l1", lam)
    np.testing.assert_array_equal(prox_lp(v, lam, 1.0), soft_threshold(v, lam))
    np.testing.assert_array_equal(lp.prox(v, 0.3), l1.prox(v, 0.3))
    assert lp.value(v) == l1.value(v)
    np.testing.assert_array_equal(lp.grad(v), l1.grad(v))
    np.testing.assert_array_equal(lp.pull(v), l1.pull(v))
    assert lp.dead_zone(0.3) == 0.3 * lam
    assert not np.any(np.signbit(prox_lp(v, lam, 1.0)[np.abs(v) <= lam]))


@FAST
@given(v=st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=8), lam=st.floats(0.0, 10.0))
def test_p_two_is_l2_exactly(v, lam):
    v = np.array(v)
    lp, l2 = make_penalty("lp", lam, p=2.0), make_penalty("l2", lam)
    np.testing.assert_array_equal(lp.prox(v, 0.3), l2.prox(v, 0.3))
    assert lp.value(v) == l2.value(v)
    np.testing.assert_array_equal(lp.grad(v), l2.grad(v))
    np.testing.assert_array_equal(lp.pull(v), l2.pull(v))


@pytest.mark.parametrize("p", (0.5, 1.5))
def test_gradient_and_pull_away_from_zero(p):
    lam, w = 0.7, np.array([-2.0, -0.3, 0.0, 0.4, 3.0])
    penalty = make_penalty("lp", lam, p=p)
    h = 1e-6
    for j in (0, 1, 3, 4):
        up, down = w.copy(), w.copy()
        up[j] += h
        down[j] -= h
        numeric = (penalty.value(up) - penalty.value(down)) / (2 * h)
        assert penalty.grad(w)[j] == pytest.approx(numeric, rel=1e-7)
        assert penalty.pull(w)[j] == pytest.approx(abs(numeric), rel=1e-7)
    assert penalty.grad(w)[2] == 0.0
    assert penalty.pull(w)[2] == (math.inf if p < 1 else 0.0)
    assert penalty.value(w) == pytest.approx(lam * np.sum(np.abs(w) ** p))


def test_l0_penalty():
    penalty, w = make_penalty("l0", 0.4), np.array([0.0, -1e-9, 2.0, 0.0])
    assert penalty.value(w) == pytest.approx(0.8)
    np.testing.assert_array_equal(penalty.grad(w), 0.0)
    np.testing.assert_array_equal(penalty.pull(w), [math.inf, 0.0, 0.0, math.inf])
    assert penalty.dead_zone(0.5) == pytest.approx(math.sqrt(0.4))
    assert penalty.jump(0.5) == penalty.dead_zone(0.5)
    np.testing.assert_array_equal(penalty.prox(np.array([0.6, 0.7, -2.0]), 0.5), [0, 0.7, -2.0])


def test_penalty_prox_uses_step_times_lam():
    penalty = make_penalty("lp", 0.6, p=0.5)
    v = np.linspace(-3, 3, 61)
    np.testing.assert_array_equal(penalty.prox(v, 0.25), prox_lp(v, 0.15, 0.5))
    assert penalty.dead_zone(0.25) == lp_threshold(0.5, 0.15)
    assert penalty.jump(0.25) == lp_jump(0.5, 0.15)


def test_zero_lam_and_zero_input():
    v = np.array([-2.0, 0.0, 1e-300, 3.0])
    for p in PS:
        np.testing.assert_array_equal(prox_lp(v, 0.0, p), v)
        assert prox_lp(np.array([0.0]), 1.0, p)[0] == 0.0


def test_tiny_roots_for_p_just_above_one_do_not_break():
    x = prox_lp(np.array([0.5, 0.999, 1.001]), 1.0, 1.0001)
    assert np.all(np.isfinite(x))
    assert x[0] == 0.0  # (1/2)^(1/0.0001): far below the smallest double
    assert 0.0 < x[2] < 0.01


@pytest.mark.parametrize("bad", [0.0, -0.5, 2.5, math.nan])
def test_p_outside_range_is_refused(bad):
    with pytest.raises(ValueError, match="p must lie in"):
        prox_lp(np.array([1.0]), 1.0, bad)
    with pytest.raises(ValueError):
        make_penalty("lp", 1.0, p=bad)


def test_negative_lam_is_refused():
    with pytest.raises(ValueError, match="lam"):
        prox_lp(np.array([1.0]), -1.0, 0.5)
    with pytest.raises(ValueError, match="lam"):
        make_penalty("l0", -1.0)


@pytest.mark.parametrize("p", (0.3, 0.5, 1.0, 1.5, 2.0))
def test_level_set_lies_on_the_level_and_is_star_shaped_below_one(p):
    x, y = lp_level_set(p, 2.0, 201)
    np.testing.assert_allclose(np.abs(x) ** p + np.abs(y) ** p, 2.0, rtol=1e-12)
    tip = 2.0 ** (1 / p)
    assert (x[0], y[0]) == (tip, 0.0)
    assert x[0] == x[-1] and y[0] == y[-1]
    # The midpoint of the diagonal point and the tip: inside the set for p >= 1 (convex),
    # outside for p < 1 (the sides bend in).
    diagonal = (2.0 / 2) ** (1 / p)
    mid = ((tip + diagonal) / 2, diagonal / 2)
    inside = abs(mid[0]) ** p + abs(mid[1]) ** p <= 2.0
    assert inside == (p >= 1)


def test_level_set_at_zero_is_the_origin():
    x, y = lp_level_set(0.5, 0.0, 41)
    assert np.all(x == 0.0) and np.all(y == 0.0)
