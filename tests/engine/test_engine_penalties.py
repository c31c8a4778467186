"""Each penalty's prox against its closed form, its optimality condition and a brute-force
argmin; and what every penalty of the registry gives, checked on each."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from l1l2_tui.engine import (
    L1,
    L2,
    PENALTIES,
    ElasticNet,
    NoPenalty,
    Penalty,
    Settings,
    make_penalty,
    soft_threshold,
)
from l1l2_tui.engine.penalties.elastic_net import prox_elastic_net, prox_l1, prox_l2

FAST = settings(max_examples=40, deadline=None)

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
vectors = st.integers(1, 8).flatmap(lambda d: arrays(float, d, elements=finite))
steps = st.floats(1e-3, 10.0)
lams = st.floats(0.0, 10.0)
ratios = st.floats(0.0, 1.0)


ELASTIC_NET_FORMS = ("l1", "l2", "elasticnet", "none")
"""The penalties of the form ``a ||w||_1 + q ||w||^2``, whose closed forms are checked here (lp
and l0: tests/engine/test_engine_lp_prox.py)."""


def penalties() -> st.SearchStrategy[Penalty]:
    return st.builds(make_penalty, st.sampled_from(ELASTIC_NET_FORMS), lams, l1_ratio=ratios)


def closed_form(penalty: Penalty, v: np.ndarray, step: float) -> np.ndarray:
    """The textbook prox of ``step * lam * R``, written independently of the engine."""
    if penalty.name == "none":
        return v
    share = {"l1": 1.0, "l2": 0.0, "elasticnet": getattr(penalty, "l1_ratio", 0.0)}[penalty.name]
    a = share * penalty.lam
    q = penalty.lam - a
    shrunk = np.sign(v) * np.maximum(np.abs(v) - step * a, 0.0)
    return shrunk / (1.0 + 2.0 * step * q)


def scalar_objective(penalty: Penalty, x: np.ndarray, v: float, step: float) -> np.ndarray:
    """``1/2 (x - v)^2 + step * lam * R(x)`` for every scalar in ``x``."""
    a, q = penalty.as_elastic_net()
    return 0.5 * (x - v) ** 2 + step * (a * np.abs(x) + q * x * x)


@FAST
@given(v=vectors, threshold=st.floats(0.0, 1e3))
def test_soft_threshold_is_zero_exactly_on_the_closed_interval(v, threshold):
    out = soft_threshold(v, threshold)
    inside = np.abs(v) <= threshold
    assert np.all(out[inside] == 0.0)
    assert not np.any(np.signbit(out[inside])), "negative zero leaked out"
    assert np.all(out[~inside] != 0.0)
    assert np.all(np.sign(out[~inside]) == np.sign(v[~inside]))


def test_soft_threshold_at_the_edges():
    t = 0.75
    v = np.array([-t, t, np.nextafter(t, 2.0), -np.nextafter(t, 2.0), np.nextafter(t, 0.0)])
    out = soft_threshold(v, t)
    np.testing.assert_array_equal(out == 0.0, [True, True, False, False, True])


@FAST
@given(penalty=penalties(), v=vectors, step=steps)
def test_prox_matches_closed_form(penalty, v, step):
    np.testing.assert_allclose(
        penalty.prox(v, step), closed_form(penalty, v, step), rtol=1e-12, atol=1e-12
    )


@FAST
@given(v=vectors, step=steps, lam=lams, ratio=ratios)
def test_named_prox_functions_agree_with_penalty_prox(v, step, lam, ratio):
    np.testing.assert_array_equal(prox_l1(v, step, lam), make_penalty("l1", lam).prox(v, step))
    np.testing.assert_allclose(
        prox_l2(v, step, lam), make_penalty("l2", lam).prox(v, step), rtol=1e-15
    )
    np.testing.assert_allclose(
        prox_elastic_net(v, step, lam, ratio),
        make_penalty("elasticnet", lam, l1_ratio=ratio).prox(v, step),
        rtol=1e-13,
        atol=1e-300,
    )


@FAST
@given(penalty=penalties(), step=steps, data=st.data())
def test_prox_is_non_expansive(penalty, step, data):
    d = data.draw(st.integers(1, 8))
    u = data.draw(arrays(float, d, elements=finite))
    v = data.draw(arrays(float, d, elements=finite))
    gap = np.linalg.norm(penalty.prox(u, step) - penalty.prox(v, step))
    assert gap <= np.linalg.norm(u - v) * (1 + 1e-12) + 1e-12


@FAST
@given(penalty=penalties(), v=vectors, step=steps)
def test_prox_satisfies_its_optimality_condition(penalty, v, step):
    """``(v - x) / step`` is a subgradient of ``lam * R`` at ``x = prox(v)``:
    ``a * sign(x) + 2 q x`` where ``x != 0`` and within ``[-a, a]`` where ``x == 0``."""
    x = penalty.prox(v, step)
    residual = (v - x) / step
    a, q = penalty.as_elastic_net()
    slack = 1e-9 * (1.0 + np.abs(v) / step)
    moving = x != 0.0
    expected = a * np.sign(x[moving]) + 2.0 * q * x[moving]
    assert np.all(np.abs(residual[moving] - expected) <= slack[moving])
    assert np.all(np.abs(residual[~moving]) <= a + slack[~moving])


@FAST
@given(penalty=penalties(), v=finite, step=steps)
def test_scalar_prox_beats_a_brute_force_grid(penalty, v, step):
    x = penalty.prox(np.array([v]), step)[0]
    grid = np.linspace(-abs(v) - 1.0, abs(v) + 1.0, 20_001)
    spacing = grid[1] - grid[0]
    values = scalar_objective(penalty, grid, v, step)
    best = grid[np.argmin(values)]
    at_x = scalar_objective(penalty, np.array([x]), v, step)[0]
    assert at_x <= values.min() + 1e-9 * (1.0 + v * v)
    # The objective is 1-strongly convex, so the grid's best lies within a spacing of x.
    assert abs(best - x) <= spacing * (1 + 1e-9)


@pytest.mark.parametrize("kind", ["l1", "elasticnet"])
def test_penalty_grad_is_the_documented_subgradient(kind):
    penalty = make_penalty(kind, 0.3, l1_ratio=0.25)
    w = np.array([-2.0, 0.0, 0.5])
    a, q = penalty.as_elastic_net()
    np.testing.assert_allclose(penalty.grad(w), [-a - 4 * q, 0.0, a + q])
    np.testing.assert_allclose(penalty.value(w), a * 2.5 + q * 4.25)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"name": "l3"}, "unknown penalty"),
        ({"lam": -0.1}, "lam must be"),
        ({"lam": float("inf")}, "lam must be"),
        ({"lam": float("nan")}, "lam must be"),
        ({"name": "elasticnet", "l1_ratio": 1.5}, "l1_ratio must"),
    ],
)
def test_penalty_rejects_bad_values(kwargs, match):
    with pytest.raises(ValueError, match=match):
        make_penalty(**{"name": "l1", **kwargs})


# -- what every penalty gives, checked on each of the registry's ----------------------------------
# These hold for any penalty, convex or not, so a new penalty is checked by them as it is.


def every_penalty() -> st.SearchStrategy[Penalty]:
    return st.builds(
        make_penalty,
        st.sampled_from(tuple(PENALTIES)),
        st.floats(0.01, 10.0),
        p=st.sampled_from((0.2, 0.5, 2.0 / 3.0, 0.9, 1.0, 1.1, 1.5, 2.0)),
    )


@FAST
@given(penalty=every_penalty(), w=vectors)
def test_the_value_is_the_sum_of_each_weights_penalty(penalty, w):
    assert penalty.value(w) == pytest.approx(float(penalty.per_weight(w).sum()), rel=1e-12)
    assert penalty.value(np.zeros(3)) == 0.0


@FAST
@given(penalty=every_penalty(), step=steps)
def test_the_prox_sends_exactly_its_dead_zone_to_zero(penalty, step):
    zone = penalty.dead_zone(step)
    edge = max(zone, 1.0)
    v = np.linspace(-3 * edge, 3 * edge, 601)
    after = penalty.prox(v, step)
    inside = np.abs(v) <= zone
    assert (after[inside] == 0.0).all()
    assert (after[~inside & (v != 0.0)] != 0.0).all()


@FAST
@given(penalty=every_penalty(), w=st.floats(0.01, 100.0))
def test_the_pull_is_the_size_of_the_gradient_and_at_zero_what_it_holds(penalty, w):
    x = np.array([-w, w])
    np.testing.assert_allclose(penalty.pull(x), np.abs(penalty.grad(x)), rtol=1e-12)
    assert penalty.pull(np.zeros(1))[0] == penalty.capacity_at_zero()
    assert penalty.grad(np.zeros(1))[0] == 0.0, "the naive step's subgradient at 0"


@FAST
@given(penalty=every_penalty(), low=st.floats(-10.0, -0.1), high=st.floats(0.1, 10.0))
def test_the_pull_graph_is_the_signed_pull_with_what_it_holds_at_zero(penalty, low, high):
    x, y = penalty.pull_graph(low, high)
    assert x[0] == low and x[-1] == high
    off = x != 0.0
    np.testing.assert_allclose(y[off], penalty.grad(x[off]), rtol=1e-12, atol=1e-12)
    at_zero = y[x == 0.0]
    capacity = penalty.capacity_at_zero()
    assert at_zero.min() == pytest.approx(-capacity) and at_zero.max() == pytest.approx(capacity)


@FAST
@given(penalty=every_penalty(), a=st.floats(-5.0, 5.0), b=st.floats(-5.0, 5.0))
def test_the_level_set_is_where_the_penalty_of_the_two_weights_is_the_point_s(penalty, a, b):
    curves = penalty.level_set((a, b), num_points=41)
    if not penalty.penalizes or penalty.name == "l0":
        assert curves == (), "no curve: nothing penalized, or L0's sets (axes, plane but axes)"
        return
    ((x, y),) = curves
    level = float(penalty.per_weight(np.array([a, b])).sum())
    reached = penalty.per_weight(x) + penalty.per_weight(y)
    np.testing.assert_allclose(reached, level, rtol=1e-9, atol=1e-12)


@FAST
@given(
    penalty=every_penalty(),
    h=st.floats(0.1, 10.0),
    z=st.floats(-10.0, 10.0, allow_subnormal=False),
    factor=st.sampled_from([0.1, 10.0, 100.0]),
)
def test_restated_in_other_units_the_minimizers_scale_and_the_zeros_stay(penalty, h, z, factor):
    """Along a weight with curvature ``h`` and unpenalized minimizer ``z``, the minimizer is the
    prox of ``z`` at step ``1/h``; with the target ``factor`` times larger (weights times
    ``factor``, the loss ``factor**2`` times) the rescaled penalty's minimizer is ``factor``
    times the old one."""
    before = penalty.prox(np.array([z]), 1.0 / h)[0]
    after = penalty.rescaled(factor).prox(np.array([factor * z]), 1.0 / h)[0]
    assert after == pytest.approx(factor * before, rel=1e-9, abs=1e-12)
    assert (after == 0.0) == (before == 0.0)


@pytest.mark.parametrize("name", PENALTIES)
def test_a_penalty_is_a_value_read_from_the_settings(name):
    penalty = make_penalty(name, 0.3, l1_ratio=0.25)
    assert penalty == make_penalty(name, 0.3, l1_ratio=0.25)
    assert hash(penalty) == hash(make_penalty(name, 0.3, l1_ratio=0.25))
    assert penalty != make_penalty(name, 0.4, l1_ratio=0.25)
    assert penalty.at_lam(0.4) == make_penalty(name, 0.4, l1_ratio=0.25)
    assert Settings(name, 0.3, 0.25).as_penalty() == penalty
    assert penalty.name == name and penalty.label
    assert repr(penalty).startswith(type(penalty).__name__)
    with pytest.raises(AttributeError):
        penalty.lam = 1.0  # type: ignore[misc]
    others = [make_penalty(other, 0.3) for other in PENALTIES if other != name]
    assert all(penalty != other for other in others), "kinds never compare equal"


def test_the_words_for_what_a_penalty_holds_and_how_it_pulls():
    assert (L1(0.3).strength, L1(0.3).fading, L1(0.3).shape) == ("lam", "", "diamond")
    assert (L2(0.3).strength, L2(0.3).fading, L2(0.3).shape) == ("lam", "2·lam", "circle")
    mixed = ElasticNet(0.3, 0.5)
    assert (mixed.strength, mixed.fading) == ("lam·l1_ratio", "2·lam·(1 − l1_ratio)")
    assert mixed.shape == "rounded diamond" and mixed.parameters == {"l1_ratio": 0.5}
    assert ElasticNet(0.3, 1.0).shape == "diamond" and ElasticNet(0.3, 1.0).fading == ""
    assert ElasticNet(0.3, 0.0).shape == "circle"
    assert not NoPenalty(0.3).penalizes and not L1(0.0).penalizes and L1(0.3).penalizes
