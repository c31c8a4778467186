"""The p dial in the engine: lp and l0 as penalties of the registry, run, solved, sliced and
claimed. At p = 1 every number is L1's, bit for bit; above 1 no weight is exactly 0; below 1
the prox jumps, 0 is a local minimum of every weight, and which weights end at 0 depends on the
start. Each claim is checked against numbers computed here again."""

from __future__ import annotations

import math

import numpy as np
import pytest

from l1l2_tui.engine import (
    Comparison,
    LeastSquares,
    Logistic,
    ProblemSpec,
    Session,
    Settings,
    build_problem,
    lam_max,
    make_penalty,
    regularization_path,
)
from l1l2_tui.engine.claims.forces import hold_at_zero, weight_states
from l1l2_tui.engine.claims.main import (
    JumpingProx,
    NoneZero,
    StartMatters,
    local_minima,
    run_claims,
)
from l1l2_tui.engine.claims.zero import one_weight_slice, slice_minimum
from l1l2_tui.engine.lp_prox import lp_jump, lp_threshold
from l1l2_tui.engine.optimizers import gradient_mapping_norm, point, proximal
from l1l2_tui.engine.session import CONVERGED_TOL, describe_change

PROBLEM = build_problem(ProblemSpec())
LOSS = LeastSquares(PROBLEM.X, PROBLEM.y)
LAM = 0.32


def run(penalty: str, steps: int = 400, **settings: object) -> Session:
    session = Session(PROBLEM, Settings(penalty, LAM, **settings))  # type: ignore[arg-type]
    session.step(steps)
    return session


@pytest.mark.parametrize(("p", "name"), [(1.0, "l1"), (2.0, "l2")])
def test_at_p_one_and_two_the_run_is_l1_s_and_l2_s_bit_for_bit(p, name):
    dial, own = run("lp", 300, p=p), run(name, 300)
    np.testing.assert_array_equal(dial.weights, own.weights)
    assert dial.objective == own.objective
    assert dial.penalty.label == own.penalty.label
    assert dial.penalty.as_elastic_net() == own.penalty.as_elastic_net()
    (
        np.testing.assert_array_equal(LOSS.solve(dial.penalty)[0], LOSS.solve(own.penalty)[0]),
        "the exact active-set solve",
    )


def test_above_one_no_weight_is_exactly_zero_and_at_one_zeros_appear():
    """The issue's first check: --penalty lp --p 1.5 shows no exact zero and says why; p = 1
    makes zeros appear on the same run."""
    session = run("lp", 400, p=1.5)
    assert session.converged
    assert np.count_nonzero(session.weights == 0.0) == 0
    claims = run_claims(session)
    assert isinstance(claims[-1], NoneZero) and claims[-1].zeros == 0
    assert session.penalty.capacity_at_zero() == 0.0 and session.penalty.dead_zone(0.3) == 0.0
    session.update(p=1.0)
    session.step(400)
    assert np.count_nonzero(session.weights == 0.0) > 0
    assert session.penalty.dead_zone(session.lr) == session.lr * LAM


@pytest.mark.parametrize("p", [1.3, 1.5, 1.8])
def test_a_converged_run_above_one_meets_the_stationarity_condition(p):
    session = run("lp", 3000, p=p)
    w, grad = session.weights, session.forces().data_grad
    residual = grad + LAM * p * np.sign(w) * np.abs(w) ** (p - 1)
    assert np.abs(residual).max() < 1e-7


@pytest.mark.parametrize(("name", "p"), [("lp", 0.5), ("lp", 0.7), ("lp", 2 / 3), ("l0", 1.0)])
def test_below_one_a_converged_run_is_a_fixed_point_of_the_jumping_prox(name, p):
    """Every nonzero weight meets the stationarity condition and is at least the prox's jump
    from 0; every zero weight's step lies in the dead zone."""
    session = run(name, 2000, p=p)
    assert session.converged
    w, grad, lr, penalty = session.weights, session.forces().data_grad, session.lr, session.penalty
    np.testing.assert_array_equal(penalty.prox(w - lr * grad, lr), w)
    moved = w != 0.0
    pull = LAM * p * np.abs(w[moved]) ** (p - 1) if name == "lp" else 0.0
    np.testing.assert_allclose(grad[moved], -np.sign(w[moved]) * pull, atol=1e-8)
    assert np.all(np.abs(w[moved]) >= penalty.jump(lr) * (1 - 1e-12))
    assert np.all(lr * np.abs(grad[~moved]) <= penalty.dead_zone(lr))


def test_the_claims_below_one_are_the_engine_s_numbers():
    session = run("lp", 400, p=0.5)
    claims = run_claims(session)
    start, jumping = claims
    assert isinstance(start, StartMatters) and isinstance(jumping, JumpingProx)
    lr = session.next_lr()
    assert jumping.threshold == lp_threshold(0.5, lr * LAM)
    assert jumping.jump == lp_jump(0.5, lr * LAM)
    assert jumping.zeros == np.count_nonzero(session.weights == 0.0)
    # Recomputed here: proximal steps to convergence from w = 0, and from L2's own end.
    ends = []
    for start_penalty in (None, make_penalty("l2", LAM)):
        state = point(LOSS, np.zeros(LOSS.d))
        if start_penalty is not None:
            for _ in range(2000):
                state = proximal(state, LOSS, start_penalty, 1 / LOSS.lipschitz)
        for _ in range(2000):
            state = proximal(state, LOSS, session.penalty, 1 / LOSS.lipschitz)
        assert gradient_mapping_norm(state, session.penalty, 1 / LOSS.lipschitz) < CONVERGED_TOL
        ends.append(state.w)
    assert start.from_zero == np.count_nonzero(ends[0] == 0.0)
    assert start.from_l2 == np.count_nonzero(ends[1] == 0.0)
    assert start.from_zero != start.from_l2, "two starts, two local minima"
    assert start.objective_from_l2 < start.objective_from_zero, "the start from 0 is not best"
    (w0, value0, _), _ = local_minima(session.loss, session.penalty)
    assert value0 == pytest.approx(LOSS.value(w0) + session.penalty.value(w0), rel=1e-12)


def test_turning_p_down_from_l1_keeps_l1_s_start_and_its_zeros():
    """The same penalty from two starts: a run turned down from L1 keeps a local minimum near
    L1's answer, a run from w = 0 another; both are fixed points of the step."""
    turned = run("l1", 400)
    turned.update(penalty="lp", p=0.5)
    turned.step(1000)
    fresh = run("lp", 1000, p=0.5)
    assert turned.converged and fresh.converged
    assert np.count_nonzero(turned.weights == 0.0) != np.count_nonzero(fresh.weights == 0.0)
    assert "p 0.5" in describe_change(Settings("lp", LAM, p=1.0), Settings("lp", LAM, p=0.5))


def test_the_forces_hold_is_the_step_s_dead_zone_over_lr():
    """A weight at 0 steps to v = -lr g: the prox keeps it exactly while |g| <= hold."""
    session = run("lp", 400, p=0.5)
    hold = hold_at_zero(session)
    assert hold == session.penalty.dead_zone(session.lr) / session.lr
    after = session.next_weights()
    for state in weight_states(session):
        assert state.threshold == hold
        if state.weight == 0.0:
            assert (after[state.feature] == 0.0) == state.zero_is_best
    assert hold_at_zero(run("lp", 10, p=1.0)) == LAM, "at p = 1 it is L1's lam"


@pytest.mark.parametrize(("name", "p"), [("lp", 0.5), ("lp", 0.8), ("l0", 1.0), ("lp", 1.5)])
def test_the_slice_s_lowest_point_and_its_threshold(name, p):
    """Along each weight the minimizer is the lowest point of a fine grid of the slice's
    objective, and it is 0 exactly when the data's pull at 0 is within the threshold."""
    session = run(name, 60, p=p)
    for j in range(PROBLEM.n_features):
        piece = one_weight_slice(session, j)
        claim = slice_minimum(piece, 1.0)
        grid = np.append(np.linspace(-4.0, 4.0, 400_001), 0.0)
        values = piece.objective(grid)
        best = float(piece.objective(np.array([piece.minimizer]))[0])
        assert best <= values.min() + 1e-12
        assert (piece.minimizer == 0.0) == claim.caught or p > 1
        if p < 1 or name == "l0":
            assert math.isfinite(claim.threshold)


@pytest.mark.parametrize(("name", "p"), [("lp", 0.5), ("l0", 1.0), ("lp", 0.7)])
def test_the_plane_s_optimum_is_the_lowest_point_of_a_fine_grid(name, p):
    session = run(name, 200, p=p)
    for i, j in [(0, 1), (0, 8), (1, 2), (2, 3)]:
        plane = LOSS.plane(session.weights, 0.0, i, j)
        best = plane.optimum(session.penalty)
        reach = 3.0 * max(float(np.abs(plane.center).max()), 1.0)
        axis = np.append(np.linspace(-reach, reach, 1501), 0.0)
        a, b = np.meshgrid(axis, axis)
        grid = plane.value(a, b) + session.penalty.per_weight(a) + session.penalty.per_weight(b)
        assert float(plane.value(*best)) + session.penalty.value(best) <= grid.min() + 1e-9


def test_the_logistic_loss_runs_slices_and_solves_the_plane_below_one():
    X, y01 = PROBLEM.X, (PROBLEM.y > np.median(PROBLEM.y)).astype(float)
    loss = Logistic(X, y01)
    penalty = make_penalty("lp", 0.02, p=0.5)
    w, b = loss.solve(penalty, tol=1e-8)
    grad = loss.evaluate(w, b)[1]
    for j in range(3):
        piece = loss.weight_slice(w, b, grad, penalty, j)
        grid = np.append(np.linspace(-6.0, 6.0, 24_001), 0.0)
        assert float(piece.objective(np.array([piece.minimizer]))[0]) <= (
            piece.objective(grid).min() + 1e-9
        )
    plane = loss.plane(w, b, 0, 1)
    best = plane.optimum(penalty, w[[0, 1]])
    axis = np.append(np.linspace(-6.0, 6.0, 241), 0.0)
    a, c = np.meshgrid(axis, axis)
    grid = plane.value(a, c) + penalty.per_weight(a) + penalty.per_weight(c)
    assert float(plane.value(*best)) + penalty.value(best) <= grid.min() + 1e-9


@pytest.mark.parametrize(("name", "p"), [("lp", 0.5), ("l0", 1.0)])
def test_the_path_starts_where_the_step_from_zero_keeps_every_weight(name, p):
    penalty = make_penalty(name, 1.0, p=p)
    top = lam_max(LOSS, penalty)
    step = 1 / LOSS.lipschitz
    reach = step * float(np.abs(LOSS.grad_at_origin()).max())
    assert penalty.at_lam(top).dead_zone(step) >= reach
    assert penalty.at_lam(top * (1 - 1e-9)).dead_zone(step) < reach
    path = regularization_path(LOSS, penalty, num=12, tol=1e-8)
    assert path.nonzero[0] == 0 and path.nonzero[-1] > 0


def test_settings_check_p_and_the_elastic_net_optimizers_refuse_what_they_are_not_written_for():
    with pytest.raises(ValueError, match=r"p must be a finite number in \(0, 2\]"):
        Settings("lp", LAM, p=2.5)
    with pytest.raises(ValueError, match="p must be"):
        Settings("lp", LAM, p=0.0)
    with pytest.raises(ValueError, match=r"sgd-cumulative cannot take L0\.5"):
        Session(PROBLEM, Settings("lp", LAM, optimizer="sgd-cumulative", p=0.5))
    session = Session(PROBLEM, Settings("lp", LAM, optimizer="sgd-cumulative", p=1.0))
    session.step(3)
    with pytest.raises(ValueError, match=r"sgd-cumulative cannot take L0\.9"):
        session.update(p=0.9)
    assert session.settings.p == 1.0 and session.penalty.label == "L1", "refused: unchanged"
    comparison = Comparison.differing(PROBLEM, Settings("l1", LAM), "stochastic")
    with pytest.raises(ValueError, match=r"sgd-cumulative cannot take L0\.5"):
        comparison.update(penalty="lp", p=0.5)
    with pytest.raises(ValueError, match="adam-prox cannot take L0: its prox takes a step of"):
        Session(PROBLEM, Settings("l0", LAM, optimizer="adam-prox"))
    assert {s.settings.penalty for s in comparison.sessions} == {"l1"}, "neither side changed"
    for optimizer in ("subgradient", "fista", "sgd", "sgd-clip", "sgd-prox"):
        for name in ("lp", "l0"):
            session = Session(PROBLEM, Settings(name, LAM, optimizer=optimizer, p=0.5))
            session.step(50)
            assert session.diverged is None or "lam_max" not in session.diverged.message
            run_claims(session)
