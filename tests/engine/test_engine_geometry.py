"""The two-weight picture: exact ellipses of the data loss, the penalty's level sets and the
regularized optimum in the plane, against brute force, numpy's lstsq and scikit-learn."""

import warnings

import numpy as np
import pytest
from engine_specs import SPECS
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet, Lasso, Ridge

from l1l2_tui.engine import (
    LeastSquares,
    Penalty,
    PlaneView,
    Problem,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    contour_levels,
    make_penalty,
    suggested_lam,
)
from l1l2_tui.engine.geometry import instructive_pairs, level_set_on_grid
from l1l2_tui.engine.logistic_sections import falls_for_ever

PAIRS = {"synthetic": (0, 1), "diabetes": (2, 8), "wide": (4, 0), "raw": (1, 6)}


def problem_for(name: str) -> Problem:
    return build_problem(SPECS[name])


def loss_for(name: str) -> LeastSquares:
    problem = problem_for(name)
    return LeastSquares(problem.X, problem.y)


def rest_for(loss: LeastSquares, seed: int = 1) -> np.ndarray:
    """Other weights away from 0, on the scale of the data."""
    rng = np.random.default_rng(seed)
    return rng.standard_normal(loss.d) * np.abs(loss.c).max() / 3


def full_loss(loss: LeastSquares, plane, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The data loss of the full weight vector, evaluated point by point."""
    return np.array([loss.value(plane.weights(x, y)) for x, y in zip(a, b, strict=True)])


def sklearn_fit(X: np.ndarray, y: np.ndarray, penalty: Penalty):
    """The mapping of ``l1l2_tui.engine.session``'s docstring, on a two-column problem."""
    n, lam = len(y), penalty.lam
    if penalty.name == "l1":
        model = Lasso(alpha=lam, tol=1e-14, max_iter=1_000_000)
    elif penalty.name == "l2":
        model = Ridge(alpha=2 * n * lam, solver="cholesky")
    else:
        a = lam * penalty.l1_ratio + 2 * lam * (1 - penalty.l1_ratio)
        model = ElasticNet(alpha=a, l1_ratio=lam * penalty.l1_ratio / a, tol=1e-14, max_iter=10**6)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        return model.fit(X, y)


# -- the data loss in the plane ------------------------------------------------------------------


@pytest.mark.parametrize("name", SPECS)
@pytest.mark.parametrize("rest_seed", [None, 1])
def test_contour_points_have_the_loss_of_their_level(name, rest_seed):
    loss = loss_for(name)
    i, j = PAIRS[name]
    w_rest = np.zeros(loss.d) if rest_seed is None else rest_for(loss, rest_seed)
    plane = loss.plane(w_rest, 0.0, i, j)
    assert plane.rank == 2
    levels = [
        *contour_levels(plane.minimum, plane.offset, 4),
        plane.minimum * 1.001,
        plane.minimum + 10 * plane.offset,
    ]
    for level in levels:
        (curve,) = plane.contour(level, num_points=73)
        a, b = curve
        assert a.shape == b.shape == (73,)
        assert (a[0], b[0]) == pytest.approx((a[-1], b[-1]), abs=1e-12)
        np.testing.assert_allclose(full_loss(loss, plane, a, b), level, rtol=1e-9)


@pytest.mark.parametrize("name", SPECS)
def test_center_is_least_squares_on_the_two_columns_with_the_rest_as_offset(name):
    problem = problem_for(name)
    loss = LeastSquares(problem.X, problem.y)
    i, j = PAIRS[name]
    w_rest = rest_for(loss)
    plane = loss.plane(w_rest, 0.0, i, j)
    rest = w_rest.copy()
    rest[[i, j]] = 0.0
    # Raw columns with an intercept column, the other weights' contribution as an offset.
    design = np.column_stack([np.ones(problem.n_samples), problem.X[:, [i, j]]])
    coef, *_ = np.linalg.lstsq(design, problem.y - problem.X @ rest, rcond=None)
    np.testing.assert_allclose(plane.center, coef[1:], rtol=1e-9, atol=1e-12)
    assert plane.minimum == pytest.approx(loss.value(plane.weights(*plane.center)), rel=1e-9)
    # No point of a grid around the center does better.
    scale = np.abs(plane.center).max() + 1.0
    for step in (scale / 10, scale / 1e4):
        offsets = np.linspace(-step, step, 11)
        a, b = np.meshgrid(plane.center[0] + offsets, plane.center[1] + offsets)
        values = full_loss(loss, plane, a.ravel(), b.ravel())
        assert values.min() >= plane.minimum * (1 - 1e-12)
        assert values.argmin() == 60  # the middle of the grid: the center itself


@settings(max_examples=30, deadline=None)
@given(
    a=st.floats(-5, 5),
    b=st.floats(-5, 5),
    seed=st.integers(0, 1000),
    name=st.sampled_from(sorted(SPECS)),
)
def test_plane_value_is_the_full_loss(a, b, seed, name):
    loss = loss_for(name)
    i, j = PAIRS[name]
    plane = loss.plane(rest_for(loss, seed), 0.0, i, j)
    full = loss.value(plane.weights(a, b))
    assert float(plane.value(a, b)) == pytest.approx(full, rel=1e-9, abs=1e-12)
    assert float(plane.subproblem.value(np.array([a, b]))) == pytest.approx(full, rel=1e-9)


def test_levels_space_the_ellipses_evenly_out_to_the_origin():
    loss = loss_for("synthetic")
    plane = loss.plane(rest_for(loss), 0.0, 0, 3)
    levels = contour_levels(plane.minimum, plane.offset, 4)
    gaps = levels - plane.minimum
    np.testing.assert_allclose(np.sqrt(gaps / gaps[-1]), [0.25, 0.5, 0.75, 1.0], rtol=1e-12)
    assert levels[-1] == pytest.approx(float(plane.value(0.0, 0.0)), rel=1e-12)
    # The m-th ellipse is the outermost one scaled about the center by m / 4.
    (outer,), (second,) = plane.contour(levels[-1]), plane.contour(levels[1])
    np.testing.assert_allclose(
        np.subtract(second, plane.center[:, None]),
        0.5 * np.subtract(outer, plane.center[:, None]),
        atol=1e-12,
    )
    assert contour_levels(plane.minimum, plane.minimum, 3).size == 0
    assert plane.contour(plane.minimum - 1e-3) == ()


def test_bad_indices_are_refused():
    loss = loss_for("synthetic")
    for i, j in [(1, 1), (0, loss.d), (-1, 2)]:
        with pytest.raises(ValueError, match="indices"):
            loss.plane(np.zeros(loss.d), 0.0, i, j)
    with pytest.raises(ValueError, match="entries"):
        loss.plane(np.zeros(loss.d + 1), 0.0, 0, 1)


# -- singular planes -----------------------------------------------------------------------------


def collinear_problem() -> Problem:
    """x1 and x2 = -2 x1 exactly (rank 1 in their plane); x3 and x5 are constant up to one
    ulp (unstandardized), so their plane has rank 0 and their plane with x1 rank 1."""
    rng = np.random.default_rng(4)
    x1 = rng.standard_normal(50)
    x3 = np.where(rng.random(50) < 0.5, 0.1, np.nextafter(0.1, 1.0))
    x5 = np.where(rng.random(50) < 0.5, -0.7, np.nextafter(-0.7, 0.0))
    X = np.column_stack([x1, -2.0 * x1, x3, rng.standard_normal(50), x5])
    y = 1.5 * x1 + 0.3 * X[:, 3] + 0.1 * rng.standard_normal(50)
    return Problem(X, y, ("x1", "x2", "x3", "x4", "x5"), "collinear", standardized=False)


def test_collinear_columns_give_the_min_norm_center_and_two_exact_lines():
    problem = collinear_problem()
    loss = LeastSquares(problem.X, problem.y)
    w_rest = np.array([0.0, 0.0, 0.0, 0.3, 0.0])
    plane = loss.plane(w_rest, 0.0, 0, 1)
    assert plane.rank == 1
    cols = loss.Xc[:, [0, 1]]
    target = loss.yc - loss.Xc @ w_rest
    expected, *_ = np.linalg.lstsq(cols, target, rcond=1e-10)
    np.testing.assert_allclose(plane.center, expected, rtol=1e-9)
    level = plane.minimum + 0.05
    lines = plane.contour(level, num_points=21, reach=4.0)
    assert len(lines) == 2
    for a, b in lines:
        assert a.shape == (21,)
        np.testing.assert_allclose(full_loss(loss, plane, a, b), level, rtol=1e-9)
        assert np.hypot(a[-1] - a[0], b[-1] - b[0]) == pytest.approx(8.0)


@pytest.mark.parametrize("kind", ["l1", "l2", "elasticnet", "none"])
@pytest.mark.parametrize("pair", [(0, 1), (0, 2), (2, 4)])
def test_singular_planes_build_a_view_without_errors(kind, pair):
    problem = collinear_problem()
    loss = LeastSquares(problem.X, problem.y)
    view = PlaneView.from_weights(loss, make_penalty(kind, 0.05), np.full(5, 0.1), *pair)
    assert view.plane.rank == (0 if pair == (2, 4) else 1)
    for pieces in (*view.contours, view.optimum_contour, view.penalty_set):
        for x, y in pieces:
            assert np.all(np.isfinite(x)) and np.all(np.isfinite(y))
    assert np.all(np.abs(view.center) < 10) and np.all(np.abs(view.optimum) < 10)
    if view.plane.rank == 0:
        assert view.contours == () and view.optimum_contour == ()
        np.testing.assert_array_equal(view.center, 0.0)
        np.testing.assert_array_equal(view.optimum, 0.0)


# -- the penalty's level sets --------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    a=st.floats(-10, 10),
    b=st.floats(-10, 10),
    kind=st.sampled_from(["l1", "l2", "elasticnet"]),
    l1_ratio=st.floats(0, 1),
)
def test_penalty_level_set_points_satisfy_the_penalty_equation(a, b, kind, l1_ratio):
    penalty = make_penalty(kind, 0.3, l1_ratio=l1_ratio)
    ratio = {"l1": 1.0, "l2": 0.0, "elasticnet": l1_ratio}[kind]

    def shape(x, y):
        return ratio * (np.abs(x) + np.abs(y)) + (1 - ratio) * (x * x + y * y)

    ((x, y),) = penalty.level_set((a, b), num_points=41)
    assert x.shape == (41,)
    np.testing.assert_allclose(shape(x, y), shape(a, b), rtol=1e-12, atol=1e-300)
    # The four points on the axes (the diamond's corners) are there exactly.
    radius = x[0]
    assert (x[10], y[10]) == (0.0, radius) and (x[20], y[20]) == (-radius, 0.0)


def test_penalty_level_set_shapes():
    ((x, y),) = make_penalty("l1", 2.0).level_set((1.0, -2.0), num_points=9)
    np.testing.assert_allclose(np.abs(x) + np.abs(y), 3.0, rtol=1e-15)
    ((x, y),) = make_penalty("l2", 0.0).level_set((3.0, 4.0))
    np.testing.assert_allclose(np.hypot(x, y), 5.0, rtol=1e-15)
    assert make_penalty("none", 1.0).level_set((1.0, 1.0)) == ()
    ((x, y),) = make_penalty("l2", 1.0).level_set((0.0, 0.0))
    assert np.all(x == 0.0) and np.all(y == 0.0)


# -- the regularized optimum in the plane --------------------------------------------------------

PENALTIES = [
    make_penalty("l1", 0.3),
    make_penalty("l2", 0.3),
    make_penalty("elasticnet", 0.3, l1_ratio=0.6),
]


@pytest.mark.parametrize("name", SPECS)
@pytest.mark.parametrize("penalty", PENALTIES, ids=lambda p: p.name)
def test_regularized_optimum_satisfies_the_optimality_conditions(name, penalty):
    loss = loss_for(name)
    i, j = PAIRS[name]
    lam = penalty.lam * np.abs(loss.c).max()
    penalty = penalty.at_lam(lam)
    plane = loss.plane(rest_for(loss), 0.0, i, j)
    p = plane.optimum(penalty)
    grad = loss.grad(plane.weights(*p))[[i, j]]
    a, q = penalty.as_elastic_net()
    scale = 1e-9 * np.abs(plane.g).max()
    for k in range(2):
        if p[k] == 0.0:
            assert abs(grad[k]) <= a + scale
        else:
            assert grad[k] + a * np.sign(p[k]) + 2 * q * p[k] == pytest.approx(0.0, abs=scale)


@pytest.mark.parametrize("name", ["synthetic", "diabetes", "raw"])
@pytest.mark.parametrize("penalty", PENALTIES, ids=lambda p: p.name)
@pytest.mark.parametrize("rest_seed", [None, 5])
def test_regularized_optimum_matches_sklearn_on_the_two_feature_problem(name, penalty, rest_seed):
    problem = problem_for(name)
    loss = LeastSquares(problem.X, problem.y)
    i, j = PAIRS[name]
    penalty = penalty.at_lam(penalty.lam * np.abs(loss.c).max())
    w_rest = np.zeros(loss.d) if rest_seed is None else rest_for(loss, rest_seed)
    rest = w_rest.copy()
    rest[[i, j]] = 0.0
    p = loss.plane(w_rest, 0.0, i, j).optimum(penalty)
    model = sklearn_fit(problem.X[:, [i, j]], problem.y - problem.X @ rest, penalty)
    np.testing.assert_allclose(p, model.coef_, rtol=1e-7, atol=1e-9 * np.abs(model.coef_).max())
    np.testing.assert_array_equal(p == 0.0, model.coef_ == 0.0)


def test_no_penalty_optimum_is_the_center():
    loss = loss_for("synthetic")
    plane = loss.plane(rest_for(loss), 0.0, 0, 1)
    np.testing.assert_array_equal(plane.optimum(make_penalty("none", 1.0)), plane.center)
    np.testing.assert_array_equal(plane.optimum(make_penalty("l1", 0.0)), plane.center)


def test_toy2d_l1_lands_on_an_axis_and_l2_does_not():
    problem = build_problem(ProblemSpec(dataset="toy2d"))
    loss = LeastSquares(problem.X, problem.y)
    lam = suggested_lam(problem)
    l1 = PlaneView.from_weights(loss, make_penalty("l1", lam), np.zeros(2), 0, 1)
    l2 = PlaneView.from_weights(loss, make_penalty("l2", lam), np.zeros(2), 0, 1)
    assert l1.optimum[0] != 0.0 and l1.optimum[1] == 0.0
    assert np.all(l2.optimum != 0.0)
    assert np.all(l1.center != 0.0)
    # The L1 optimum is a corner of its diamond: the very point at angle 0.
    ((x, y),) = l1.penalty_set
    assert (x[0], y[0]) == (l1.optimum[0], 0.0)


@pytest.mark.parametrize("kind", ["l1", "l2", "elasticnet"])
def test_plane_view_contour_and_penalty_set_touch_at_the_optimum(kind):
    loss = loss_for("synthetic")
    weights = rest_for(loss, 3)
    penalty = make_penalty(kind, 0.2 * np.abs(loss.c).max())
    view = PlaneView.from_weights(loss, penalty, weights, 0, 2, levels=6, num_points=200)
    np.testing.assert_array_equal(view.point, weights[[0, 2]])
    assert len(view.levels) == len(view.contours) == 6
    assert np.all(np.diff(view.levels) > 0)
    assert view.levels[-1] == pytest.approx(
        max(float(view.plane.value(0, 0)), float(view.plane.value(*view.point))), rel=1e-12
    )
    assert view.optimum_level == pytest.approx(loss.value(view.plane.weights(*view.optimum)))
    ((cx, cy),) = view.optimum_contour
    ((px, py),) = view.penalty_set
    # Both curves pass through the optimum: their nearest points are within a curve step.
    for x, y in ((cx, cy), (px, py)):
        step = np.hypot(np.diff(x), np.diff(y)).max()
        assert np.hypot(x - view.optimum[0], y - view.optimum[1]).min() <= step
    # Tangency: no point of the penalty set has a lower data loss than the optimum.
    assert view.plane.value(px, py).min() >= view.optimum_level * (1 - 1e-9)


# -- the logistic plane -------------------------------------------------------------------------
def digits_run(penalty: str = "l1", steps: int = 300) -> Session:
    session = Session(build_problem(ProblemSpec(dataset="digits", digit=0)), Settings(penalty))
    session.step(steps)
    return session


def test_the_logistic_plane_value_is_the_full_loss_with_the_rest_and_intercept_held():
    session = digits_run()
    loss, w, b = session.loss, session.weights, session.intercept
    plane = loss.plane(w, b, 28, 36)
    for a, c in [(0.0, 0.0), (0.3, -1.2), (-2.0, 0.5)]:
        full = w.copy()
        full[[28, 36]] = a, c
        assert plane.value(a, c) == pytest.approx(loss.evaluate(full, b)[0], rel=1e-12)
    np.testing.assert_array_equal(plane.weights(0.3, -1.2)[[28, 36]], [0.3, -1.2])


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_the_logistic_plane_optimum_meets_the_optimality_conditions(penalty):
    session = digits_run(penalty)
    i, j = instructive_pairs(session.loss, session.settings.lam, session.problem.constant_features)[
        0
    ]
    view = PlaneView.from_weights(
        session.loss, session.penalty, session.weights, i, j, intercept=session.intercept
    )
    assert not view.quadratic
    full = view.plane.weights(*view.optimum)
    grad = session.loss.evaluate(full, session.intercept)[1][[i, j]]
    a, q = session.penalty.as_elastic_net()
    for k, value in enumerate(view.optimum):
        if value != 0.0:
            assert abs(grad[k] + 2 * q * value + a * np.sign(value)) < 1e-8
        else:
            assert abs(grad[k]) <= a + 1e-12

    # The optimum beats its neighbours on the true loss plus the penalty.
    def objective(p):
        return float(view.plane.value(*p)) + session.penalty.value(np.asarray(p))

    best = objective(view.optimum)
    for step in ([1e-3, 0], [0, 1e-3], [-1e-3, 0], [0, -1e-3]):
        assert best <= objective(view.optimum + np.array(step)) + 1e-15


def test_logistic_level_sets_are_where_the_loss_has_its_level():
    session = digits_run()
    view = PlaneView.from_weights(
        session.loss, session.penalty, session.weights, 28, 36, intercept=session.intercept
    )
    assert len(view.levels) == 5 and np.all(np.diff(view.levels) > 0)
    for level, lines in zip(view.levels, view.contours, strict=True):
        assert lines, f"level {level} not traced"
        x, y = lines[0]
        drawn = np.isfinite(x)
        assert np.isnan(y[~drawn]).all(), "the breaks are NaN in both coordinates"
        values = view.plane.value(x[drawn], y[drawn])
        spread = view.levels[-1] - view.levels[0]
        # Linear interpolation on a grid: close to the level, not exactly on it.
        assert np.abs(values - level).max() < 0.05 * spread


def test_marching_squares_traces_a_circle():
    xs = ys = np.linspace(-2, 2, 41)
    values = xs[None, :] ** 2 + ys[:, None] ** 2
    ((x, y),) = level_set_on_grid(xs, ys, values, 1.0)
    drawn = np.isfinite(x)
    np.testing.assert_allclose(np.hypot(x[drawn], y[drawn]), 1.0, atol=0.01)
    assert len(x) % 3 == 0 and np.isnan(x[2::3]).all()
    assert level_set_on_grid(xs, ys, values, 100.0) == ()


@pytest.mark.slow
def test_instructive_pairs_on_digits_start_with_a_kept_weight_and_a_varying_zero():
    session = digits_run()
    loss, lam = session.loss, session.settings.lam
    pairs = instructive_pairs(loss, lam, session.problem.constant_features)
    assert len(pairs) == 10 and len(set(pairs)) == 10
    w, _ = loss.solve(make_penalty("l1", lam))
    i, j = pairs[0]
    assert {w[i] == 0.0, w[j] == 0.0} == {True, False}
    assert np.ptp(loss.X[:, i]) > 0 and np.ptp(loss.X[:, j]) > 0, "no blank pixel"


@pytest.mark.parametrize(
    ("vectors", "falls"),
    [
        ([[1.0, 0.0], [-1.0, 0.0]], False),
        ([[1.0, 0.0], [2.0, 0.0]], True),
        ([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]], False),
        ([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.1]], True),
        ([[0.0, 0.0]], False),
    ],
)
def test_falls_for_ever_is_a_closed_half_plane_of_the_rows(vectors, falls):
    assert falls_for_ever(np.array(vectors)) is falls


def test_a_separating_plane_has_no_unpenalized_center():
    X = np.array([[-2.0, 0.1], [-1.0, 0.3], [1.0, -0.2], [2.0, 0.5]])
    problem = Problem(
        X, np.array([0.0, 0.0, 1.0, 1.0]), ("a", "b"), "separable", False, loss="logistic"
    )
    session = Session(problem, Settings("none", 0.0))
    session.step(20)
    view = PlaneView.from_weights(
        session.loss, session.penalty, session.weights, 0, 1, intercept=session.intercept
    )
    assert view.center is None
    np.testing.assert_array_equal(view.optimum, view.point)
    held = PlaneView.from_weights(
        session.loss, make_penalty("l1", 0.05), session.weights, 0, 1, intercept=session.intercept
    )
    assert held.center is None and np.all(np.isfinite(held.optimum))


def test_a_plane_where_the_logistic_loss_falls_for_ever_has_no_optimum_without_a_penalty():
    import numpy as np

    from l1l2_tui.engine import Logistic, PlaneView

    # x1 alone separates the classes: along it the loss falls for ever.
    X = np.array([[1.0, 0.3], [-1.0, 0.1], [1.0, -0.2], [-1.0, 0.4], [1.0, 0.0], [-1.0, -0.3]])
    y01 = (X[:, 0] > 0).astype(float)
    loss = Logistic(X - X.mean(axis=0), y01)
    w = np.array([3.0, 0.1])
    free = PlaneView.from_weights(loss, make_penalty("none", 0.0), w, 0, 1)
    assert free.center is None and not free.has_optimum
    held = PlaneView.from_weights(loss, make_penalty("l1", 0.05), w, 0, 1)
    assert held.has_optimum and np.isfinite(held.optimum).all()
