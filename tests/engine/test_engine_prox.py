"""Each prox against its closed form, its optimality condition and a brute-force argmin."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from l1l2_tui.engine import PENALTIES, Penalty, make_penalty, soft_threshold
from l1l2_tui.engine.penalties.elastic_net import prox_elastic_net, prox_l1, prox_l2

FAST = settings(max_examples=40, deadline=None)

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
vectors = st.integers(1, 8).flatmap(lambda d: arrays(float, d, elements=finite))
steps = st.floats(1e-3, 10.0)
lams = st.floats(0.0, 10.0)
ratios = st.floats(0.0, 1.0)


def penalties() -> st.SearchStrategy[Penalty]:
    return st.builds(make_penalty, st.sampled_from(tuple(PENALTIES)), lams, l1_ratio=ratios)


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
